import Foundation
import GRDB

/// What a device held when it imported a bundle: per device, the last sequence number of its
/// chain. Recorded in the importing device's own chain, so every store can tell, for any event,
/// which other events its writer had seen: causality without trusting anyone's clock.
public struct SyncKnowledge: FieldGroup {
    public static let kind = EntityKind.syncKnowledge
    public static let group = "main"
    public var holds: [String: UInt64]

    public init(holds: [UUID: UInt64]) {
        self.holds = Dictionary(uniqueKeysWithValues: holds.map { ($0.key.uuidString, $0.value) })
    }

    public static let fields: [String: FieldClass] = ["holds": .operational]
    public static let example = SyncKnowledge(holds: [UUID(uuidString: "00000000-0000-4000-8000-000000000001")!: 12])
}

/// A closure against a concurrent edit: another device closed the case while this edit was
/// made without knowledge of the closure (or the other way round). Kept as a conflict (kind 2)
/// on the case's phase register until someone reopens the case or closes it again.
enum ClosureConflicts {
    static func has(_ db: Database, _ caseID: UUID) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM conflict WHERE case_id = ? AND kind = 2)"), arguments: [caseID.data]) ?? false
    }

    struct Point { var device: Data; var seq: Int64 }

    /// Recomputes the case's closure conflicts from its events (the same answer on every store).
    static func recompute(_ db: Database, _ caseID: UUID, store: Store, knowledge: KnowledgeCache? = nil) throws {
        try db.cachedStatement(sql: "DELETE FROM conflict WHERE case_id = ? AND kind = 2").execute(arguments: [caseID.data])
        let phaseKey = RegisterKey(kind: EntityKind.case.rawValue, entity: caseID.data, group: CasePhase.group)
        guard let closure = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT e.id, e.device_id, e.seq FROM entity_state s JOIN event e ON e.id = s.event_id
             WHERE s.entity_kind = ? AND s.entity_id = ? AND s.field_group = ? AND s.removed = 0
            """), arguments: [phaseKey.kind, phaseKey.entity, phaseKey.group]),
              try isClosure(db, id: closure["id"], caseID: caseID, store: store) else { return }
        let c = Point(device: closure["device_id"], seq: closure["seq"])
        // The current values of the case, from other devices than the closing one: candidates.
        let edits = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT e.id, e.device_id, e.seq FROM entity_state s JOIN event e ON e.id = s.event_id
             WHERE s.case_id = ? AND e.device_id != ? AND NOT (s.entity_kind = ? AND s.field_group = ?)
            UNION
            SELECT e.id, e.device_id, e.seq FROM conflict k JOIN event e ON e.id = k.event_id
             WHERE k.case_id = ? AND k.kind = 1 AND e.device_id != ?
            """), arguments: [caseID.data, c.device, phaseKey.kind, phaseKey.group, caseID.data, c.device])
        guard !edits.isEmpty else { return }
        let cache = knowledge ?? KnowledgeCache(store: store)
        for row in edits {
            let e = Point(device: row["device_id"], seq: row["seq"])
            if try cache.follows(db, e, c) || cache.follows(db, c, e) { continue }
            try db.execute(sql: """
                INSERT OR IGNORE INTO conflict (entity_kind, entity_id, field_group, case_id, event_id, kind) VALUES (?, ?, ?, ?, ?, 2)
                """, arguments: [phaseKey.kind, phaseKey.entity, phaseKey.group, caseID.data, row["id"] as Data])
        }
    }

    /// Whether the phase event closes the case (the phase is in the sealed payload).
    static func isClosure(_ db: Database, id: Data, caseID: UUID, store: Store) throws -> Bool {
        guard let payload = try Data.fetchOne(db.cachedStatement(sql: "SELECT payload FROM event WHERE id = ?"), arguments: [id]), !payload.isEmpty,
              let sealer = try store.caseSealer(caseID, db: db) else { return false }
        let plain = try sealer.open(payload, context: "event/\(id.hex)")
        return (try? JSONDecoder().decode(CasePhase.self, from: plain.dropFirst(16)))?.phase == .afgesloten
    }
}

/// Per device, its knowledge records in chain order (decrypted once per transaction).
final class KnowledgeCache {
    private var byDevice: [Data: [(seq: Int64, holds: [Data: Int64])]] = [:]
    private unowned let store: Store

    init(store: Store) { self.store = store }

    /// `a` was written by a device that had seen `b`.
    func follows(_ db: Database, _ a: ClosureConflicts.Point, _ b: ClosureConflicts.Point) throws -> Bool {
        if a.device == b.device { return a.seq > b.seq }
        let records = try knowledge(db, a.device)
        guard let last = records.last(where: { $0.seq < a.seq }) else { return false }
        return (last.holds[b.device] ?? 0) >= b.seq
    }

    private func knowledge(_ db: Database, _ device: Data) throws -> [(seq: Int64, holds: [Data: Int64])] {
        if let k = byDevice[device] { return k }
        var result: [(seq: Int64, holds: [Data: Int64])] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT id, seq, payload FROM event WHERE device_id = ? AND entity_kind = ? AND length(payload) > 0 ORDER BY seq
            """, arguments: [device, EntityKind.syncKnowledge.rawValue]) {
            guard let plain = try? store.keys.records.open(row["payload"], context: "event/\((row["id"] as Data).hex)"),
                  let k = try? JSONDecoder().decode(SyncKnowledge.self, from: plain.dropFirst(16)) else { continue }
            var holds: [Data: Int64] = [:]
            // A peer's payload: a count beyond Int64 is not real and must not trap.
            for (d, s) in k.holds { if let u = UUID(uuidString: d), let n = Int64(exactly: s) { holds[u.data] = n } }
            result.append((row["seq"], holds))
        }
        byDevice[device] = result
        return result
    }
}
