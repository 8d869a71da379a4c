import Foundation
import Testing
import GRDB
@testable import Core

/// A peer may send an event as envelope only (its payload withheld): the field's history
/// leaves it out instead of failing, so the case still opens (found by the hostile-text sweep).
@Suite struct EnvelopeOnlyHistoryTests {
    @Test func historySkipsAnEventWithoutPayload() throws {
        let store = try TestStore.make()
        let (id, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        try store.write { tx in try tx.changePhase(id, to: .aanmelding, on: TestStore.today) }
        #expect(try store.phaseHistory(id).count == 2)
        let location = store.location
        store.close()
        defer { try? FileManager.default.removeItem(at: location.directory) }
        // The first phase event as an import stores a withheld one: envelope, empty payload.
        try TestStore.editFile(location) { db in
            let first = try Data.fetchOne(db, sql: """
                SELECT id FROM event WHERE case_id = ? AND entity_kind = 'case' AND field_group = 'phase' ORDER BY hlc LIMIT 1
                """, arguments: [id.data])
            try db.execute(sql: "UPDATE event SET payload = X'' WHERE id = ?", arguments: [first])
        }
        let reopened = try Store.open(at: location, passphrase: TestStore.passphrase, clock: FixedClock(TestStore.today.date))
        defer { reopened.close() }
        let phases = try reopened.phaseHistory(id)
        #expect(phases.map(\.phase.phase) == [.aanmelding])
        #expect(try reopened.caseFile(id).phase?.phase == .aanmelding)
    }
}
