import Foundation
import Testing
@testable import Core
@testable import TUI

extension ShellSuite {
    /// The Inzicht pane as its users meet it: figures that never show a count from 1 to 4,
    /// the retention worklist, and the audit log that only the beheerder sees.
    @Suite struct InsightSessions {
        @Test func figuresNeverShowASmallCountAndCycleBreakdownsAndPeriods() {
            let h = Harness(size: Size(width: 120, height: 40))
            h.press("5")
            let pane = h.shell.panes[.inzicht] as! InsightPane
            for table in pane.report.tables {
                for text in (table.cells.flatMap { $0 } + table.rowTotals + table.columnTotals + [table.grandTotal]).map(table.text) {
                    #expect(["<5", "x"].contains(text) || Int(text).map { $0 == 0 || $0 >= 5 } == true, "\(table.table.id): \(text)")
                }
            }
            for _ in ReportDimension.allCases {
                // On screen: the rows between the table's header and its total row.
                let rows = h.lines.drop { !$0.contains("Totaal") }.dropFirst().prefix { !$0.hasPrefix(" Totaal") }
                for line in rows {
                    for cell in line.split(separator: " ").dropFirst() { if let n = Int(cell) { #expect(n == 0 || n >= 5, "\(line)") } }
                }
                h.press("right")
            }
            #expect(pane.dimension == .exploitationForm)
            h.press("p")
            #expect(pane.granularity == .year && h.contains("2022"))
        }

        @Test func retentionWorklistOpensTheCaseAndAnonymisingAsksFirst() {
            let h = Harness(size: Size(width: 100, height: 30))
            h.press("5 v v")
            let pane = h.shell.panes[.inzicht] as! InsightPane
            #expect(pane.view == .retention && !pane.retention.isEmpty)
            let first = pane.retention[0]
            #expect(h.contains(first.code.description))
            h.press("a")
            #expect(h.contains(L10n.t("insight.confirm.anonymise.button")))
            // Letters do not answer; Esc cancels and nothing happened.
            h.press("j a y esc")
            #expect(pane.retention.first == first)
            h.press("enter")
            #expect(h.contains(first.code.description))
            h.press("esc")
        }

        @Test func theAuditLogIsTheBeheerdersAndFilters() throws {
            let dir = ShellFixture.temporaryDirectory("beheerder")
            let store = try Store.create(at: StoreLocation(directory: dir), passphrase: "demo",
                                         options: .init(role: .beheerder, userName: "Bea Beheer", function: "Functioneel beheerder",
                                                        organisation: "shop", kdf: .testOnlyCheap, isDemo: true),
                                         clock: FixedClock(ShellFixture.today.date))
            try store.setRetentionPolicy(RetentionPolicy(minorYears: 21, adultYears: 6))
            let h = Harness(size: Size(width: 100, height: 30), install: try Workspace(store: store))
            h.press("5")
            let pane = h.shell.panes[.inzicht] as! InsightPane
            #expect(pane.views.contains(.audit))
            while pane.view != .audit { h.press("v") }
            #expect(h.contains("Auditlog") && h.contains("Bea Beheer"))
            Golden.check("insight-audit-100x30-mono", h.backend)
            let all = pane.grid.visibleCount
            h.press("f")
            h.type("bewaar")
            h.press("enter")
            #expect(pane.grid.visibleCount == 1 && all > 1)
            // A coordinator's pane has no audit view.
            let coordinator = Harness()
            coordinator.press("5")
            #expect(!(coordinator.shell.panes[.inzicht] as! InsightPane).views.contains(.audit))
        }
    }
}

extension ShellSuite.InsightSessions {
    /// Inzage from the case detail: `I`, a path, Enter. The document holds the client's data
    /// and the disclosure to the client is on record.
    @Test func inzageFromTheCaseDetail() throws {
        let (ws, ids, _) = try ShellSuite.CaseloadSessions.smallStore()
        defer { ws.close() }
        let h = Harness(size: Size(width: 120, height: 40), install: ws)
        h.shell.openCase(ids[0])
        h.drain()
        let dir = ShellFixture.temporaryDirectory("inzage")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let path = dir.appendingPathComponent("inzage.md").path
        h.press("I")
        #expect(h.contains("Inzage"))
        h.press("ctrl-u")
        h.type(path)
        h.press("enter")
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.contains("Łucja") && text.contains("Wiśniewska"))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        #expect(try ws.store.caseFile(ids[0]).disclosures.values.contains { $0.recipient == InzageDocument.recipient })
        // Never over an existing file.
        h.press("I ctrl-u")
        h.type(path)
        h.press("enter")
        #expect(try ws.store.caseFile(ids[0]).disclosures.values.filter { $0.recipient == InzageDocument.recipient }.count == 1)
    }
}
