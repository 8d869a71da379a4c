import Foundation
import Testing
@testable import Core

@Suite struct CSVTests {
    @Test func roundTripsBothDialects() throws {
        let rows = [["naam", "notitie"], ["Łucja; \"Lu\"", "regel 1\nregel 2"], ["Nguyễn Thị Ánh", ""]]
        for sep: Character in [",", ";"] {
            let data = CSV.write(rows, options: .init(separator: sep, byteOrderMark: true))
            #expect(data.starts(with: [0xEF, 0xBB, 0xBF]))
            #expect(try CSV.parse(data) == rows)
        }
    }

    @Test func neutralisesFormulas() throws {
        let data = CSV.write([["=HYPERLINK(\"x\")", "+31 6", "-5", "@SUM(A1)", "12"]])
        let back = try CSV.parse(data)
        #expect(back[0] == ["'=HYPERLINK(\"x\")", "'+31 6", "-5", "'@SUM(A1)", "12"])
    }

    @Test func malformedInputIsReportedByLine() {
        #expect(throws: CSV.ParseError(kind: .unterminatedQuote, line: 2)) { try CSV.parse(Data("a,b\n\"open,1\n2,3\n".utf8)) }
        #expect(throws: CSV.ParseError(kind: .strayQuote, line: 2)) { try CSV.parse(Data("a,b\nx\"y,1\n".utf8)) }
        #expect(throws: CSV.ParseError(kind: .strayQuote, line: 1)) { try CSV.parse(Data("\"a\"b,c\n".utf8)) }
        #expect(throws: CSV.ParseError(kind: .notUTF8, line: 1)) { try CSV.parse(Data([0x61, 0xff, 0xfe, 0x0a])) }
    }

    @Test func aTenMegabyteCellIsRefused() {
        var text = "naam,notitie\nA,"
        text += String(repeating: "x", count: 10 * 1024 * 1024)
        text += "\n"
        #expect(throws: CSV.ParseError(kind: .cellTooLarge, line: 2)) { try CSV.parse(Data(text.utf8)) }
    }
}

@Suite struct CaseloadImportTests {
    let importer = CaseloadImport(coordinator: UUID(), today: CalendarDate(year: 2026, month: 11, day: 22)!)

    @Test func mapsHeadersAndReportsEveryBadRow() throws {
        let csv = """
        Voornaam;Achternaam;Geboortedatum;Geslacht;Nationaliteit;Gemeente;Fase;Vorm;Melder;Aanmelddatum;Opmerkingen
        Anna;Kowalska;12-03-1990;v;Polen;Den Haag;traject;arbeidsuitbuiting;Politie / AVIM;01-02-2026;vrije tekst
        Chidi;Okafor;31-02-1990;m;NG;Delft;intake;;;01-03-2026;
        ;;;;;;;;;;
        Jan;Jansen;~1985;x;Nederland;Atlantis;traject;;;02-03-2026;
        Maria;Popescu;01-01-2000;v;XX;Den Haag;bestaatniet;;;2026-03-05;
        Evil\u{1b}[2J;Name;;;;;;;;;
        Toekomst;Datum;;;;;;;;01-01-2030;
        """
        let plan = try importer.plan(Data(csv.utf8))
        #expect(plan.ignoredColumns == ["Opmerkingen"])
        #expect(plan.accepted.map(\.line) == [2])
        #expect(plan.accepted[0].phase == .traject)
        #expect(plan.accepted[0].newCase.origin?.nationalities == ["PL"])
        #expect(plan.accepted[0].newCase.referral.referrerType == "politie-avim")
        #expect(plan.rejected.map(\.line) == [3, 5, 6, 7, 8])
        // Reasons name the field, never the value.
        for r in plan.rejected { for reason in r.reasons { #expect(!reason.contains("Okafor") && !reason.contains("Atlantis") && !reason.contains("\u{1b}")) } }
    }

    @Test func overridesAndMissingNameColumn() throws {
        #expect(throws: SchakelError.self) { try importer.plan(Data("Kleur,Maat\nrood,M\n".utf8)) }
        let plan = try importer.plan(Data("Cliënt,Start\nOlena Kovalenko,03-03-2026\n".utf8), overrides: ["Cliënt": .fullName, "Start": .openedOn])
        #expect(plan.accepted.first?.newCase.identity.familyName == "Kovalenko")
        #expect(plan.accepted.first?.newCase.openedOn == CalendarDate(year: 2026, month: 3, day: 3))
    }

    @Test func brokenQuotingImportsNothing() {
        #expect(throws: SchakelError.self) { try importer.plan(Data("Naam,Fase\n\"Open quote,intake\n".utf8)) }
    }

    @Test func applyWritesAllOrNothing() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let importer = CaseloadImport(coordinator: store.userID, today: TestStore.today)
        let plan = try importer.plan(Data("Naam,Fase,Vorm\nAnna Kowalska,traject,arbeidsuitbuiting\nBob de Vries,afgesloten,\n".utf8))
        let codes = try importer.apply(plan, to: store)
        #expect(codes.count == 2)
        // The same file again: every line is a person already known, so nothing doubles.
        let again = try importer.plan(Data("Naam,Fase,Vorm\nAnna Kowalska,traject,arbeidsuitbuiting\nBob de Vries,afgesloten,\n".utf8),
                                      existing: try store.summaries())
        #expect(again.accepted.isEmpty && again.rejected.count == 2)
        let summaries = try store.summaries()
        #expect(Set(summaries.map(\.phase)) == [.traject, .afgesloten])
        #expect(try store.check().ok)
    }
}

@Suite struct ComenshaExportTests {
    @Test func exportsNoPersonalDataAndRecordsDisclosures() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (id, code) = try store.write { tx in
            var c = TestStore.newCase(store, given: "Zqxgiven", family: "Zqxfamily")
            c.exploitation = CaseExploitation(forms: ["arbeidsuitbuiting"], sectors: ["schoonmaak"], crossBorder: true, description: "Zqxdescription")
            return try tx.openCase(c)
        }
        let export = ComenshaExport(store: store)
        // A signal is not registered yet: only after intake.
        #expect(try export.build(selection: .toReport, from: nil, to: nil).caseIDs.isEmpty)
        try store.write { tx in try tx.changePhase(id, to: .intake, on: TestStore.today) }
        let result = try export.build(selection: .toReport, from: nil, to: nil)
        #expect(result.rows.count == 2)
        let text = String(decoding: CSV.write(result.rows), as: UTF8.self)
        #expect(text.contains(code.description))
        #expect(text.contains("23-29"))
        for forbidden in ["Zqxgiven", "Zqxfamily", "Zqxdescription", "1999", "Test Coördinator"] { #expect(!text.contains(forbidden)) }
        #expect(text.contains("Zorgcoördinator mensenhandel"))
        // Only by explicit choice does the coordinator's own name go out.
        let named = String(decoding: CSV.write(try export.build(selection: .toReport, from: nil, to: nil, withMyName: true).rows), as: UTF8.self)
        #expect(named.contains("Test Coördinator"))
        try export.record(result, markReported: true, on: TestStore.today)
        let file = try store.caseFile(id)
        #expect(file.disclosures.values.map(\.recipient) == ["comensha"])
        #expect(file.comensha?.status == "gemeld")
        #expect(try export.build(selection: .toReport, from: nil, to: nil).caseIDs.isEmpty)
    }
}

@Suite struct ComenshaSamePersonTests {
    @Test func aPersonReportedTwiceIsRegisteredOnce() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (a, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store, opened: TestStore.today.adding(days: -10))) }
        let (b, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        try store.write { tx in
            try tx.changePhase(a, to: .intake, on: TestStore.today)
            try tx.changePhase(b, to: .intake, on: TestStore.today)
            try tx.link(a, b)
        }
        let result = try ComenshaExport(store: store).build(selection: .toReport, from: nil, to: nil)
        #expect(result.caseIDs == [a])
        #expect(result.rows[1].last == "niet-vastgelegd")
    }

    @Test func tooManyColumnsIsRefused() {
        let row = Array(repeating: "x", count: 600).joined(separator: ",")
        #expect(throws: CSV.ParseError(kind: .tooManyColumns, line: 1)) { try CSV.parse(Data(row.utf8)) }
    }
}
