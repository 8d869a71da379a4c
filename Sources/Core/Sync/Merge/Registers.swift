import Foundation
import GRDB

/// One field group of one entity: the unit that events set and that can be in conflict.
struct RegisterKey: Hashable {
    var kind: String
    var entity: Data
    var group: String
}

/// A value of a register that no known event replaces.
struct RegisterHead: Equatable {
    var id: Data
    var hlc: Int64
    var device: Data
    var removed: Bool

    /// The head shown when several remain: the highest HLC, then the higher device id.
    /// Any deterministic order will do: every store picks the same one from the same heads.
    static func wins(_ a: RegisterHead, over b: RegisterHead) -> Bool {
        a.hlc != b.hlc ? a.hlc > b.hlc : b.device.lexicographicallyPrecedes(a.device)
    }
}

/// The merge rule, causal and independent of arrival order: the heads of a register are its
/// events (with a payload) that no other event with a payload names in `overwrote`. One head
/// is the value; further heads with another value are a conflict until an event that names
/// them all (a local edit or a resolution) replaces them.
enum Registers {
    static let conflictValue = 1
    static let conflictClosure = 2
    /// Not a conflict: a further head with the winner's value (two devices set the same value).
    /// Kept so that it stays a head: a later edit must name it in `overwrote`, and it becomes a
    /// conflict again if the winner is replaced by an event that does not replace it.
    static let sameValue = 3

    static func heads(_ db: Database, _ key: RegisterKey) throws -> [RegisterHead] {
        // Cached statements: an import runs these once per event (preparing them cost more than running them).
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT e.id, e.hlc, e.device_id, e.op FROM entity_state s JOIN event e ON e.id = s.event_id
             WHERE s.entity_kind = ? AND s.entity_id = ? AND s.field_group = ?
            UNION ALL
            SELECT e.id, e.hlc, e.device_id, e.op FROM conflict c JOIN event e ON e.id = c.event_id
             WHERE c.entity_kind = ? AND c.entity_id = ? AND c.field_group = ? AND c.kind IN (1, 3)
            """), arguments: [key.kind, key.entity, key.group, key.kind, key.entity, key.group]).map(head)
    }

    static func head(_ row: Row) -> RegisterHead {
        RegisterHead(id: row["id"], hlc: row["hlc"], device: row["device_id"], removed: (row["op"] as Int) == 2)
    }

    /// Whether a known event with a payload of the same register replaces `id` (it arrived
    /// after its successor).
    static func isReplaced(_ db: Database, _ id: Data, in key: RegisterKey) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT EXISTS (SELECT 1 FROM event WHERE overwrote = ? AND length(payload) > 0
                             AND entity_kind = ? AND entity_id = ? AND field_group = ?)
                OR EXISTS (SELECT 1 FROM event_parent p JOIN event e ON e.id = p.child WHERE p.parent = ? AND length(e.payload) > 0
                             AND e.entity_kind = ? AND e.entity_id = ? AND e.field_group = ?)
            """), arguments: [id, key.kind, key.entity, key.group, id, key.kind, key.entity, key.group]) ?? false
    }

    /// Writes the register's state for `heads`: the winner in `entity_state`, the heads whose
    /// value differs from it in `conflict`. `value` gives an event's plaintext value (without
    /// its random prefix); it is asked only when there are several heads.
    /// `hadSeveral`: the register had more than one head before (so it may have conflict rows).
    static func store(_ db: Database, _ key: RegisterKey, caseID: Data?, heads: [RegisterHead], hadSeveral: Bool = true,
                      value: (Data) throws -> Data) throws {
        if hadSeveral {
            try db.cachedStatement(sql: "DELETE FROM conflict WHERE entity_kind = ? AND entity_id = ? AND field_group = ? AND kind IN (1, 3)")
                .execute(arguments: [key.kind, key.entity, key.group])
        }
        guard var winner = heads.first else {
            try db.cachedStatement(sql: "DELETE FROM entity_state WHERE entity_kind = ? AND entity_id = ? AND field_group = ?")
                .execute(arguments: [key.kind, key.entity, key.group])
            return
        }
        for h in heads.dropFirst() where RegisterHead.wins(h, over: winner) { winner = h }
        var insert = RawStatement(try db.cachedStatement(sql: """
            INSERT OR REPLACE INTO entity_state (entity_kind, entity_id, field_group, case_id, event_id, hlc, removed)
            VALUES (?, ?, ?, ?, ?, ?, ?)
            """))
        insert.bind(key.kind); insert.bind(key.entity); insert.bind(key.group); insert.bind(caseID); insert.bind(winner.id)
        insert.bind(winner.hlc); insert.bind(winner.removed ? 1 : 0)
        try insert.execute()
        guard heads.count > 1 else { return }
        let shown = winner.removed ? nil : try value(winner.id)
        for h in heads where h.id != winner.id {
            // Two devices that set the same value did not disagree (but both values stay heads).
            let other = h.removed ? nil : try value(h.id)
            try db.cachedStatement(sql: """
                INSERT OR IGNORE INTO conflict (entity_kind, entity_id, field_group, case_id, event_id, kind) VALUES (?, ?, ?, ?, ?, ?)
                """).execute(arguments: [key.kind, key.entity, key.group, caseID, h.id, other == shown ? sameValue : conflictValue])
        }
    }
}
