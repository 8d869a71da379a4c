import Foundation
import Testing
@testable import Core

@Suite struct RoutingTests {
    typealias R = RoutingSuggestion

    @Test func followsAgeResidenceAndVulnerability() {
        #expect(R(.init(age: 16, residenceStatus: "nederlands")).routes == [.jeugdzorg])
        #expect(R(.init(age: 15, residenceStatus: "geen-rechtmatig-verblijf", unaccompanied: true)).routes == [.nidosBeschermdeOpvang])
        #expect(R(.init(age: 30, residenceStatus: "geen-rechtmatig-verblijf")).routes == [.bedenktijdCOSM])
        #expect(R(.init(age: 30, residenceStatus: "eu-burger")).routes == [.vrouwenopvangMO])
        #expect(R(.init(age: 30, residenceStatus: "eu-burger", lvb: true)).routes == [.omm, .vrouwenopvangMO])
        // No birth date: a minor cannot be ruled out, so the youth route stays open too.
        let unknownAge = R(.init(age: nil, residenceStatus: "onbekend"))
        #expect(unknownAge.routes == [.bedenktijdCOSM, .vrouwenopvangMO, .jeugdzorg])
        #expect(unknownAge.offerCasusoverleg && unknownAge.reasons.first == .ageUnknown)
    }

    @Test func sexualExploitationOfAMinorIsAlwaysAcute() {
        let minor = R(.init(age: 16, residenceStatus: "nederlands", forms: ["seksuele-uitbuiting"]))
        #expect(minor.acuteSafety && minor.offerCasusoverleg)
        #expect(!R(.init(age: 16, residenceStatus: "nederlands", forms: ["arbeidsuitbuiting"])).acuteSafety)
        #expect(!R(.init(age: 19, residenceStatus: "nederlands", forms: ["seksuele-uitbuiting"])).acuteSafety)
    }

    @Test func everyRouteAndReasonHasALabel() {
        for r in R.Route.allCases { #expect(R.label(r) != "route.\(r.rawValue)") }
    }
}

@Suite struct IntakeOperationTests {
    @Test func aDescriptionAloneIsEnoughForASignal() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        var new = TestStore.newCase(store, given: "", family: "", birth: nil)
        new.identity.personDescription = "Jonge vrouw bij het station, spreekt Roemeens"
        let (id, _) = try store.write { tx in try tx.openCase(new) }
        #expect(try store.caseFile(id).identity?.personDescription == "Jonge vrouw bij het station, spreekt Roemeens")
        new.identity.personDescription = "  "
        #expect(throws: SchakelError.self) { try store.write { tx in try tx.openCase(new) } }
    }

    @Test func linkingKeepsBothCasesAndIsIdempotent() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (a, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        let (b, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store, given: "Ewa", family: "Kowalczyk")) }
        let g1 = try store.write { tx in try tx.link(a, b) }
        let g2 = try store.write { tx in try tx.link(b, a) }
        #expect(g1 == g2)
        #expect(try store.caseFile(a).groupLinks.values.map(\.groupID) == [g1])
        #expect(try store.caseFile(b).groupLinks.values.map(\.groupID) == [g1])
        #expect(throws: SchakelError.self) { try store.write { tx in try tx.link(a, a) } }
        #expect(try store.summaries().count == 2)
    }

    @Test func minorsGoOnTheNextCasusoverleg() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (id, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store, birth: .exact(CalendarDate(year: 2010, month: 2, day: 2)!))) }
        let m1 = try store.write { tx in try tx.addToNextCasusoverleg(id, question: "Welke opvang?", broughtBy: "shop", on: TestStore.today) }
        let m2 = try store.write { tx in try tx.addToNextCasusoverleg(id, question: "Welke opvang?", broughtBy: "shop", on: TestStore.today) }
        #expect(m1 == m2)
        let meeting = try #require(try store.records(MeetingRecord.self).first { $0.id == m1 })
        #expect(meeting.value.date > TestStore.today && meeting.value.table == "casusoverleg-18-")
        #expect(try store.records(AgendaItemRecord.self).filter { $0.value.caseID == id }.count == 1)
    }

    @Test func draftsAreSavedEncryptedAndRemoved() throws {
        let store = try TestStore.make()
        let draftID = UUID()
        try store.write { tx in
            try tx.saveDraft(draftID, IntakeDraft(form: "signaal", caseID: nil, step: 1, values: ["familyName": "Zqxdraftname"], savedAt: Date()))
        }
        #expect(try store.drafts().map(\.draft.values["familyName"]) == ["Zqxdraftname"])
        try store.write { tx in try tx.removeRecord(kind: .intakeDraft, entity: draftID) }
        #expect(try store.drafts().isEmpty)
        #expect(try store.check().ok)
        let location = store.location
        store.close()
        for name in try FileManager.default.contentsOfDirectory(atPath: location.directory.path) {
            let data = (try? Data(contentsOf: location.directory.appendingPathComponent(name))) ?? Data()
            #expect(data.range(of: Data("Zqxdraftname".utf8)) == nil)
        }
        try? FileManager.default.removeItem(at: location.directory)
    }
}
