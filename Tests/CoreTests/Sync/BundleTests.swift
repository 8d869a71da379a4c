import Foundation
import Testing
import GRDB
@testable import Core

@Suite struct BundleTests {
    @Test func aCaseTravelsToTheBackupCoordinatorAndAcknowledgementsComeBack() throws {
        let stores = try SyncTest.team(2)
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        // B's first bundle tells A who B's user is.
        try SyncTest.send(b, a)
        #expect(try a.peerSyncState(b.deviceID)?.user == b.userID)
        var new = TestStore.newCase(a)
        new.backup = b.userID
        let opened = try a.write { tx in try tx.openCase(new) }
        _ = try a.write { tx in try tx.addNote(opened.id, text: "Eerste gesprek gevoerd", on: TestStore.today) }
        let report = try SyncTest.send(a, b)
        #expect(report.outcome == .applied)
        #expect(report.cases == [opened.id])
        let file = try b.caseFile(opened.id)
        #expect(file.identity?.givenNames == "Ewa")
        #expect(file.notes.count == 1)
        #expect(try b.check().problems == [])
        // Importing again changes nothing.
        let url = SyncTest.bundleURL()
        _ = try a.exportBundle(to: b.deviceID, out: url)
        let before = try SyncTest.state(b)
        _ = try b.importBundle(url)
        #expect(try b.importBundle(url).outcome == .alreadyImported)
        #expect(try SyncTest.state(b) == before)
        // B acknowledges: A's next bundle carries nothing new of its own chain.
        try SyncTest.send(b, a)
        #expect(try a.pendingOutgoing(b.deviceID) == 0)
        #expect(try a.check().problems == [])
    }

    @Test func concurrentEditsOfOneFieldBecomeAConflictAndDifferentFieldsMerge() throws {
        let (a, b, caseID) = try SyncTest.pairWithSharedCase()
        defer { [a, b].forEach(TestStore.remove) }
        try SyncTest.send(a, b)
        // Both change the goals; A also sets bedenktijd, B adds a note.
        try a.write { tx in try tx.update(caseID, ClientGoals(goals: "Veilige woonplek")) }
        try b.write { tx in try tx.update(caseID, ClientGoals(goals: "Terug naar school")) }
        try a.write { tx in try tx.setBedenktijd(caseID, start: TestStore.today, end: TestStore.today.adding(days: 90)) }
        _ = try b.write { tx in try tx.addNote(caseID, text: "Gebeld met school", on: TestStore.today) }
        let r1 = try SyncTest.send(a, b)
        let r2 = try SyncTest.send(b, a)
        #expect(try SyncTest.state(a) == SyncTest.state(b))
        let conflicts = try a.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM conflict WHERE kind = 1") }
        #expect(conflicts == 1)
        let fa = try a.caseFile(caseID), fb = try b.caseFile(caseID)
        #expect(fa.bedenktijd != nil && fb.bedenktijd != nil)
        #expect(fa.notes.count == 1 && fb.notes.count == 1)
        #expect(fa.goals == fb.goals)
        #expect(try a.check().problems == [] && b.check().problems == [])
        // A later edit on one side resolves it everywhere.
        try a.write { tx in try tx.update(caseID, ClientGoals(goals: "Veilige woonplek en school")) }
        try SyncTest.send(a, b)
        #expect(try b.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM conflict") } == 0)
        #expect(try b.caseFile(caseID).goals?.goals == "Veilige woonplek en school")
    }
}
