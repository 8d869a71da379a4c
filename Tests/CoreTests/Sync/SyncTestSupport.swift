import Foundation
import GRDB
@testable import Core

/// Stores that know each other as peers, and a way to carry a bundle from one to another.
enum SyncTest {
    static func team(_ count: Int, clock: FixedClock = FixedClock(TestStore.today.date)) throws -> [Store] {
        let stores = try (0..<count).map { _ in try TestStore.make(clock: clock) }
        for a in stores {
            for b in stores where a !== b {
                let card = try b.contactCard()
                try a.addPeer(card, confirmedFingerprint: card.fingerprint)
            }
        }
        return stores
    }

    /// Two peers; B's first bundle introduced its user to A, and A opened a case with B's user
    /// as backup (not yet sent). The caller removes both stores.
    static func pairWithSharedCase() throws -> (a: Store, b: Store, caseID: UUID) {
        let stores = try team(2)
        let (a, b) = (stores[0], stores[1])
        try send(b, a)
        var new = TestStore.newCase(a)
        new.backup = b.userID
        let opened = try a.write { tx in try tx.openCase(new) }
        return (a, b, opened.id)
    }

    static func bundleURL() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("schakel-bundle-\(UUID().uuidString).schakel")
    }

    @discardableResult
    static func send(_ from: Store, _ to: Store) throws -> ImportReport {
        let url = bundleURL()
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try from.exportBundle(to: to.deviceID, out: url)
        return try to.importBundle(url)
    }

    /// Everything that must agree between stores that hold the same data: current values,
    /// conflicts, tombstones (ids and values, never local sealing).
    static func state(_ store: Store) throws -> [String] {
        try store.pool.read { db in
            var out: [String] = []
            for row in try Row.fetchAll(db, sql: "SELECT entity_kind, entity_id, field_group, event_id, removed FROM entity_state WHERE entity_kind != 'sync-knowledge'") {
                out.append("s \(row["entity_kind"] as String) \((row["entity_id"] as Data).hex) \(row["field_group"] as String) \((row["event_id"] as Data).hex) \(row["removed"] as Int)")
            }
            for row in try Row.fetchAll(db, sql: "SELECT entity_kind, entity_id, field_group, event_id, kind FROM conflict") {
                out.append("c \(row["entity_kind"] as String) \((row["entity_id"] as Data).hex) \(row["field_group"] as String) \((row["event_id"] as Data).hex) \(row["kind"] as Int)")
            }
            for row in try Row.fetchAll(db, sql: "SELECT case_id FROM tombstone") { out.append("t \((row["case_id"] as Data).hex)") }
            for row in try Row.fetchAll(db, sql: "SELECT case_id, code FROM case_index") { out.append("i \((row["case_id"] as Data).hex) \(row["code"] as String)") }
            return out.sorted()
        }
    }
}
