import Foundation
import GRDB

/// The register rule (`Registers`) applied to a batch of events at once: the events with a
/// payload that an import stored since its last merge, sorted by register in memory. An
/// import stores its events first and merges them here, instead of reading and writing a
/// register's heads once per event: a million-event bundle touches a million registers, most
/// of them new. (Sorting them in memory replaced an `ORDER BY` over the stored rows, which
/// read every row back and cost a sorter pass in SQLite.)
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
    /// Called for every register of the batch with its winning head (nil: none) and, when that
    /// head is an event of the batch, the event (a removal too). The import reads the files of
    /// cases new to the store from these rows.
    var settled: (RegisterKey, Data?, RegisterHead?, Event?) -> Void = { _, _, _, _ in }

    /// One stored event with a payload, as the merge needs it.
    struct Event {
        var kind: String
        var entity: UUID
        var group: String
        var id: Data
        var hlc: Int64
        var device: Data
        var removed: Bool
        var parents: [Data]
        var caseID: Data?
        /// The event's row (to read its payload back).
        var rowID: Int64
        var head: RegisterHead { RegisterHead(id: id, hlc: hlc, device: device, removed: removed) }
        var key: RegisterKey { RegisterKey(kind: kind, entity: entity.data, group: group) }
    }

    /// An event's place in SQLite's order of the `entity_state` key (text and blobs compare as
    /// bytes), so that the writes walk the table's B-tree in order. Plain integers: sorting a
    /// million events by their strings and byte buffers cost seconds of reference counting.
    private struct SortKey: Comparable {
        var kind: UInt16
        var entityHigh: UInt64
        var entityLow: UInt64
        var group: UInt16
        var index: Int32

        static func < (a: SortKey, b: SortKey) -> Bool {
            (a.kind, a.entityHigh, a.entityLow, a.group, a.index) < (b.kind, b.entityHigh, b.entityLow, b.group, b.index)
        }

        static func sorted(_ batch: [Event]) -> [SortKey] {
            func ranks(_ names: Set<String>) -> [String: UInt16] {
                let ordered = names.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
                return Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($1, UInt16($0)) })
            }
            let kinds = ranks(Set(batch.map(\.kind)))
            let groups = ranks(Set(batch.map(\.group)))
            var keys: [SortKey] = []
            keys.reserveCapacity(batch.count)
            for (i, e) in batch.enumerated() {
                // Big-endian halves compare as the bytes do.
                let (high, low) = withUnsafeBytes(of: e.entity.uuid) {
                    (UInt64(bigEndian: $0.loadUnaligned(as: UInt64.self)), UInt64(bigEndian: $0.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
                }
                keys.append(SortKey(kind: kinds[e.kind]!, entityHigh: high, entityLow: low, group: groups[e.group]!, index: Int32(i)))
            }
            keys.sort()
            return keys
        }
    }

    static func corrupt() -> SchakelError { SchakelError(.integrity, L10n.t("bundle.error.corrupt")) }

    func merge(_ batch: [Event]) throws {
        guard !batch.isEmpty else { return }
        // An entity without state before the batch has no old heads and no old events to ask
        // for (a first import into a new store: no entity has). Known per kind of entity first.
        let hadCaseState = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM entity_state WHERE case_id IS NOT NULL)") ?? true
        let hadStoreState = try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM entity_state WHERE case_id IS NULL)") ?? true
        let order = SortKey.sorted(batch)
        var entity: (kind: String, id: UUID, caseID: Data?, known: Bool)?
        var register: [Event] = []
        for (i, key) in order.enumerated() {
            let event = batch[Int(key.index)]
            // An entity belongs to one case for ever (its first case): every event of it in the
            // batch names the same case, and so did the store before.
            if let e = entity, e.kind == event.kind, e.id == event.entity {
                guard e.caseID == event.caseID else { throw Self.corrupt() }
            } else {
                var known = false
                if event.caseID == nil ? hadStoreState : hadCaseState,
                   let existing = try Row.fetchOne(db.cachedStatement(sql: """
                    SELECT case_id FROM entity_state WHERE entity_kind = ? AND entity_id = ? LIMIT 1
                    """), arguments: [event.kind, event.entity.data]) {
                    known = true
                    guard existing[0] as Data? == event.caseID else { throw Self.corrupt() }
                }
                entity = (event.kind, event.entity, event.caseID, known)
            }
            register.append(event)
            if i == order.count - 1 || order[i + 1].group != key.group || order[i + 1].entityLow != key.entityLow
                || order[i + 1].entityHigh != key.entityHigh || order[i + 1].kind != key.kind {
                try mergeRegister(event.key, register, hadState: entity?.known ?? true)
                register.removeAll(keepingCapacity: true)
            }
        }
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
        var winner = next.first
        for h in next.dropFirst() where RegisterHead.wins(h, over: winner!) { winner = h }
        settled(key, caseID, winner, winner.flatMap { w in events.first { $0.id == w.id } })
        guard next != heads else { return }
        let sealer = try self.sealer(caseID)
        try Registers.store(db, key, caseID: caseID, heads: next, hadSeveral: heads.count > 1) { eventID in
            let sealed = try Data.fetchOne(db.cachedStatement(sql: "SELECT payload FROM event WHERE id = ?"), arguments: [eventID]) ?? Data()
            return Data(try sealer.open(sealed, context: "event/\(eventID.hex)").dropFirst(16))
        }
    }
}
