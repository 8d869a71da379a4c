import Foundation
import GRDB

/// The register rule (`Registers`) applied to a batch of events at once: every event with a
/// payload inserted from `firstRowID` on, read back sorted by register. An import inserts its
/// events first and merges them here, instead of reading and writing a register's heads once
/// per event: a million-event bundle touches a million registers, most of them new.
///
/// The result is the one the per-event merge gives (the rule does not depend on order): the
/// heads are the register's old heads and the batch's events, less those that an event of the
/// register names in `overwrote`.
struct RegisterBatch {
    let db: Database
    /// The sealer of a case (or of the store's own records): to compare values of several heads.
    let sealer: (Data?) throws -> Sealer
    /// Called once per register that changed: the case and "kind.group".
    let touched: (Data, String) -> Void

    private struct Event {
        var id: Data
        var hlc: Int64
        var device: Data
        var removed: Bool
        var parents: [Data]
        var caseID: Data?
        var head: RegisterHead { RegisterHead(id: id, hlc: hlc, device: device, removed: removed) }
    }

    static func corrupt() -> SchakelError { SchakelError(.integrity, L10n.t("bundle.error.corrupt")) }

    func merge(from firstRowID: Int64) throws {
        // An entity without state before the batch has no old heads and no old events to ask
        // for (a first import into a new store: no entity has). Known per kind of entity first.
        let hadCaseState = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM entity_state WHERE case_id IS NOT NULL)") ?? true
        let hadStoreState = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM entity_state WHERE case_id IS NULL)") ?? true
        let rows = try Row.fetchCursor(db, sql: """
            SELECT entity_kind, entity_id, field_group, id, hlc, device_id, op, overwrote, case_id FROM event
             WHERE rowid >= ? AND length(payload) > 0 ORDER BY entity_kind, entity_id, field_group
            """, arguments: [firstRowID])
        var key: RegisterKey?
        var events: [Event] = []
        var entity: (kind: String, id: Data, caseID: Data?, known: Bool)?
        while let row = try rows.next() {
            let next = RegisterKey(kind: row[0], entity: row[1], group: row[2])
            if next != key {
                if let key { try mergeRegister(key, events, hadState: entity?.known ?? true) }
                key = next
                events.removeAll(keepingCapacity: true)
            }
            let event = Event(id: row[3], hlc: row[4], device: row[5], removed: (row[6] as Int) == 2,
                              parents: EventEnvelope.split(row[7]), caseID: row[8])
            // An entity belongs to one case for ever (its first case): every event of it in the
            // batch names the same case, and so did the store before.
            if let e = entity, e.kind == next.kind, e.id == next.entity {
                guard e.caseID == event.caseID else { throw Self.corrupt() }
            } else {
                var known = false
                if event.caseID == nil ? hadStoreState : hadCaseState,
                   let existing = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT case_id FROM entity_state WHERE entity_kind = ? AND entity_id = ? LIMIT 1
                    """), arguments: [next.kind, next.entity]) {
                    known = true
                    guard existing[0] as Data? == event.caseID else { throw Self.corrupt() }
                }
                entity = (next.kind, next.entity, event.caseID, known)
            }
            events.append(event)
        }
        if let key { try mergeRegister(key, events, hadState: entity?.known ?? true) }
    }

    private func mergeRegister(_ key: RegisterKey, _ events: [Event], hadState: Bool) throws {
        let heads = hadState ? try Registers.heads(db, key) : []
        if heads.isEmpty, events.count == 1, events[0].parents.isEmpty {
            // The common case of a first import: a register with one value.
            try write(key, events, heads: heads, next: [events[0].head])
            return
        }
        var known = Set(heads.map(\.id))
        for e in events { known.insert(e.id) }
        var named = Set<Data>()
        for e in events {
            for parent in e.parents {
                named.insert(parent)
                // `overwrote` names values of the same register only.
                if known.contains(parent) { continue }
                if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT entity_kind, entity_id, field_group FROM event WHERE id = ?"), arguments: [parent]),
                   row[0] as String != key.kind || row[1] as Data != key.entity || row[2] as String != key.group {
                    throw Self.corrupt()
                }
            }
        }
        var next = heads.filter { !named.contains($0.id) }
        for e in events where !named.contains(e.id) {
            // An event stored before the batch may name this one (it arrived after its successor);
            // only a register with old heads has such events.
            if try heads.isEmpty || !Registers.isReplaced(db, e.id, in: key) { next.append(e.head) }
        }
        try write(key, events, heads: heads, next: next)
    }

    private func write(_ key: RegisterKey, _ events: [Event], heads: [RegisterHead], next: [RegisterHead]) throws {
        let caseID = events.first?.caseID
        if let caseID { touched(caseID, "\(key.kind).\(key.group)") }
        guard next != heads else { return }
        let sealer = try self.sealer(caseID)
        try Registers.store(db, key, caseID: caseID, heads: next, hadSeveral: heads.count > 1) { eventID in
            let sealed = try Data.fetchOne(db.cachedStatement(sql: "SELECT payload FROM event WHERE id = ?"), arguments: [eventID]) ?? Data()
            return Data(try sealer.open(sealed, context: "event/\(eventID.hex)").dropFirst(16))
        }
    }
}
