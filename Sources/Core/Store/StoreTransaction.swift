import Foundation
import GRDB
import Crypto

/// One write batch. Records events, keeps the current state and the touched cases'
/// summaries in step, appends to the audit log, and at the end signs the new chain heads.
public final class StoreTransaction {
    unowned let store: Store
    let db: Database
    var seq: UInt64
    var head: Data
    var hlc: HLCGenerator
    var auditSeq: Int64
    var auditMAC: Data
    var newCaseKeys: [UUID: Sealer] = [:]
    private var touchedCases: [UUID: CaseFile] = [:]
    private var changedGroups: [UUID: Set<String>] = [:]
    private var auditCount = 0
    private var quietCases: Set<UUID> = []
    private static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()

    init(store: Store, db: Database) {
        self.store = store; self.db = db
        seq = store.seq; head = store.head; hlc = store.hlc; auditSeq = store.auditSeq; auditMAC = store.auditMAC
        knowledgeDue = store.knowledgeDue
    }

    public var author: UUID { store.userID }
    public var today: CalendarDate { CalendarDate(store.clock.now()) }

    /// Records a new value for one field group of an entity. Case entities need `caseID`
    /// (the client's entity id is the case id); other entities must not have one.
    @discardableResult
    public func put<G: FieldGroup>(_ value: G, entity: UUID, caseID: UUID? = nil) throws -> Data {
        guard G.kind.belongsToCase == (caseID != nil) else {
            throw SchakelError(.validation, "internal: \(G.key) case scope")
        }
        let json = try Self.encoder.encode(value)
        let id = try record(kind: G.kind, group: G.group, entity: entity, caseID: caseID, payload: json, operation: .put)
        if let caseID {
            var file = try workingCopy(caseID)
            file.apply(value, entityID: entity)
            touchedCases[caseID] = file
            changedGroups[caseID, default: []].insert(G.key)
        }
        return id
    }

    /// Removes a child entity of a case (a note written in error, an ended care-network entry).
    public func remove(kind: EntityKind, group: String = "main", entity: UUID, caseID: UUID) throws {
        _ = try record(kind: kind, group: group, entity: entity, caseID: caseID, payload: Data("{}".utf8), operation: .remove)
        var file = try workingCopy(caseID)
        file.remove(kind: kind, entityID: entity)
        touchedCases[caseID] = file
        changedGroups[caseID, default: []].insert("\(kind.rawValue).\(group)")
    }

    /// Appends an audit entry (who did what to which case). `detail` must hold no personal data.
    public func audit(_ action: String, caseID: UUID? = nil, detail: String? = nil, at: Date? = nil, user: UUID? = nil) {
        let entry = AuditEntry(at: at ?? store.clock.now(), user: user ?? store.userID, action: action, caseID: caseID, detail: detail)
        do {
            try appendAudit(entry)
        } catch {
            // Only a database failure lands here, and it aborts the transaction when it surfaces.
            pendingError = error
        }
    }
    private var pendingError: Error?
    var pendingCodes: Set<CaseCode> = []

    func caseSnapshot(_ caseID: UUID) throws -> CaseFile { try workingCopy(caseID) }

    /// An erased case: nothing of it is written at the end of this transaction.
    func forget(_ caseID: UUID) {
        touchedCases[caseID] = nil; changedGroups[caseID] = nil; quietCases.remove(caseID); newCaseKeys[caseID] = nil
        forgottenCases.insert(caseID)
    }
    private(set) var forgottenCases: Set<UUID> = []

    /// A case whose state changed by other means than `put`/`remove` (an import, a resolved
    /// conflict): its file is read again from the current state and its summary rewritten.
    /// `quietly`: the import records one audit entry for all its cases.
    func adopt(_ caseID: UUID, quietly: Bool, file: CaseFile? = nil) throws {
        touchedCases[caseID] = try file ?? store.loadCaseFile(caseID, db: db, sealer: try sealerFor(caseID: caseID))
        if quietly { quietCases.insert(caseID) } else { changedGroups[caseID, default: []].insert("sync") }
    }

    // MARK: internals

    /// An import brought events: the next own event is preceded by a knowledge record.
    var knowledgeDue: Bool

    func record(kind: EntityKind, group: String, entity: UUID, caseID: UUID?, payload json: Data, operation: EventEnvelope.Operation) throws -> Data {
        if knowledgeDue && kind != .syncKnowledge {
            knowledgeDue = false
            var holds = try store.holds(db)
            holds[store.deviceID] = seq
            try put(SyncKnowledge(holds: holds), entity: store.deviceID)
        }
        let sealer = try sealerFor(caseID: caseID)
        var plaintext = Data.random(count: 16)
        plaintext.append(json)
        // Every current value of the register is replaced, also those in conflict: the writer saw them all.
        let key = RegisterKey(kind: kind.rawValue, entity: entity.data, group: group)
        let parents = try Registers.heads(db, key).map(\.id).sorted { $0.lexicographicallyPrecedes($1) }
        let overwrote: Data? = parents.isEmpty ? nil : parents.reduce(into: Data()) { $0.append($1) }
        let stamp = hlc.next(now: store.clock.now())
        let envelope = EventEnvelope(deviceID: store.deviceID, seq: seq + 1, prev: head, hlc: stamp, author: store.userID,
                                     entityKind: kind.rawValue, entityID: entity, caseID: caseID, group: group, overwrote: overwrote,
                                     payloadDigest: Data(SHA256.hash(data: plaintext)), schema: 1, operation: operation)
        let id = envelope.id
        try insertEvent(envelope, id: id, sealed: sealer.seal(plaintext, context: "event/\(id.hex)"))
        try db.cachedStatement(sql: "DELETE FROM conflict WHERE entity_kind = ? AND entity_id = ? AND field_group = ?")
            .execute(arguments: [key.kind, key.entity, key.group])
        try Registers.store(db, key, caseID: caseID?.data,
                            heads: [RegisterHead(id: id, hlc: Int64(bitPattern: stamp.packed), device: store.deviceID.data, removed: operation == .remove)],
                            hadSeveral: false, value: { _ in Data() })
        seq += 1
        head = id
        return id
    }

    /// Inserts an event row (own or imported); `sealed` is empty for an event whose payload
    /// this store does not hold (left out by a sharing policy, or erased).
    /// Returns the event row's rowid (an import merges the rows it stored from there on).
    @discardableResult
    func insertEvent(_ envelope: EventEnvelope, id: Data, sealed: Data) throws -> Int64 {
        // Cached: an import inserts a million of these in one transaction.
        var insert = RawStatement(try db.cachedStatement(sql: """
            INSERT INTO event (id, device_id, seq, prev, hlc, author, entity_kind, entity_id, case_id, field_group,
                               overwrote, payload_digest, schema, op, payload)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """))
        insert.bind(id); insert.bind(envelope.deviceID); insert.bind(Int64(envelope.seq)); insert.bind(envelope.prev)
        insert.bind(Int64(bitPattern: envelope.hlc.packed)); insert.bind(envelope.author); insert.bind(envelope.entityKind)
        insert.bind(envelope.entityID); insert.bind(envelope.caseID); insert.bind(envelope.group); insert.bind(envelope.overwrote)
        insert.bind(envelope.payloadDigest); insert.bind(Int64(envelope.schema)); insert.bind(Int64(envelope.operation.rawValue)); insert.bind(sealed)
        try insert.execute()
        let rowID = db.lastInsertedRowID
        if let o = envelope.overwrote, o.count > 32 {
            for p in envelope.parents {
                try db.execute(sql: "INSERT OR IGNORE INTO event_parent (parent, child) VALUES (?, ?)", arguments: [p, id])
            }
        }
        return rowID
    }

    func sealerFor(caseID: UUID?) throws -> Sealer {
        guard let caseID else { return store.keys.records }
        if let s = newCaseKeys[caseID] { return s }
        if let s = try store.caseSealer(caseID, db: db) { return s }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM tombstone WHERE case_id = ?", arguments: [caseID.data]) == true {
            throw SchakelError(.notAllowed, L10n.t("error.caseErased"))
        }
        let key = Sealer.randomKey()
        try db.execute(sql: "INSERT INTO case_key (case_id, wrapped) VALUES (?, ?)",
                       arguments: [caseID.data, store.keys.wrapCaseKey(key, caseID: caseID)])
        let s = Sealer(key: key)
        newCaseKeys[caseID] = s
        return s
    }

    private func workingCopy(_ caseID: UUID) throws -> CaseFile {
        if let f = touchedCases[caseID] { return f }
        if newCaseKeys[caseID] != nil { return CaseFile(id: caseID) }
        // This process is the only writer, so a case it already assembled is still current.
        if let f = store.cachedCaseFile(caseID) { return f }
        return try store.loadCaseFile(caseID, db: db, sealer: try sealerFor(caseID: caseID))
    }

    /// The cases this transaction changed, as they stand after it (for the store's cache).
    var changedCaseFiles: [UUID: CaseFile] { touchedCases }


    private func appendAudit(_ entry: AuditEntry) throws {
        let next = auditSeq + 1
        let sealed = store.keys.audit.seal(entry.encoded, context: "audit/\(next)")
        let mac = AuditEntry.chainMAC(key: store.keys.auditMAC, previous: auditMAC, seq: next, sealed: sealed)
        try db.execute(sql: "INSERT INTO audit (seq, entry, mac) VALUES (?, ?, ?)", arguments: [next, sealed, mac])
        auditSeq = next
        auditMAC = mac
        auditCount += 1
    }

    func finish() throws {
        if let pendingError { throw pendingError }
        for caseID in touchedCases.keys where try ClosureConflicts.has(db, caseID) {
            try ClosureConflicts.recompute(db, caseID, store: store)
        }
        for (caseID, file) in touchedCases {
            let summary = try CaseSummary(file)
            let sealer = try sealerFor(caseID: caseID)
            let sealed = sealer.seal(summary.encoded, context: "summary/\(caseID.uuidString)")
            do {
                try db.execute(sql: """
                    INSERT OR REPLACE INTO case_index (case_id, code, phase, coordinator, backup, region, municipality, opened, updated_hlc, summary)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [caseID.data, summary.code.description, summary.phase.rawValue, summary.coordinator.data,
                                     summary.backup?.data, summary.region, summary.municipality, summary.openedOn.iso,
                                     Int64(bitPattern: hlc.last.packed), sealed])
            } catch let e as DatabaseError where e.resultCode == .SQLITE_CONSTRAINT {
                throw SchakelError(.validation, L10n.t("error.duplicateCode", summary.code.description))
            }
            if quietCases.contains(caseID) { continue }
            let groups = changedGroups[caseID, default: []].sorted().joined(separator: ",")
            try appendAudit(AuditEntry(at: store.clock.now(), user: store.userID, action: "case-changed", caseID: caseID, detail: groups))
        }
        if knowledgeDue != store.knowledgeDue {
            if knowledgeDue {
                try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('knowledgeDue', X'01')")
            } else {
                try db.execute(sql: "DELETE FROM meta WHERE key = 'knowledgeDue'")
            }
        }
        if seq != store.seq {
            let message = ChainHead.message(deviceID: store.deviceID, seq: seq, head: head)
            try db.execute(sql: "INSERT OR REPLACE INTO chain_head (device_id, seq, head, signature) VALUES (?, ?, ?, ?)",
                           arguments: [store.deviceID.data, Int64(seq), head, store.signer.sign(message)])
        }
        if auditSeq != store.auditSeq {
            let message = AuditEntry.headMessage(seq: auditSeq, mac: auditMAC)
            try db.execute(sql: "INSERT OR REPLACE INTO audit_head (id, seq, mac, signature) VALUES (1, ?, ?, ?)",
                           arguments: [auditSeq, auditMAC, store.signer.sign(message)])
        }
    }
}
