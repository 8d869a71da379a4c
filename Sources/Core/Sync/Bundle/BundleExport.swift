import Foundation
import GRDB

/// What one exported bundle holds, for the user's message and the benchmark.
public struct BundleReport: Equatable, Sendable {
    public var events = 0
    /// Events sent as envelope only (their payload is not for this peer).
    public var withheld = 0
    public var cases = 0
    public var blobs = 0
    public var bytes = 0
    public var file: URL?
    /// Per case whose values went: the field groups (`kind.group`) they belong to (for the
    /// `case-shared` audit entries of a peer bundle).
    var sharedGroups: [UUID: Set<String>] = [:]
    public init() {}
}

extension Store {
    /// `schakel bundle export --to PEER`: the events the peer has not acknowledged, each with
    /// its payload when the sharing policy lets it go and as envelope only otherwise (so the
    /// signed chains still verify), plus the cases newly shared with it, encrypted to its key.
    public func exportBundle(to peerID: UUID, out url: URL) throws -> BundleReport {
        guard mode == .write else { throw SchakelError(.notAllowed, L10n.t("error.readOnly")) }
        guard let peer = try peer(peerID), !peer.isRevoked, try !revokedDevices().contains(peerID) else {
            throw SchakelError(.notAllowed, L10n.t(try peer(peerID) == nil ? "peer.error.notFound" : "bundle.error.peerRevoked"))
        }
        let recipient = try AgeX25519Recipient(rawRepresentation: peer.card.agreementKey)
        var told: [UUID: UInt64] = [:]
        var report = try writeBundleFile(url, recipients: [recipient]) { db in
            guard let state = try peerSyncState(db, peerID) else { throw SchakelError(.notFound, L10n.t("peer.error.notFound")) }
            let selection = try PeerSelection(store: self, db: db, peer: state)
            // Only the cases shared with this peer are named (never every case id of the store).
            let header = try bundleHeader(db, kind: .peer, recipient: peerID, acknowledged: state.acknowledged, skip: peerID,
                                          fullCases: selection.sharedCaseIDs)
            told = header.holds
            return (header, { try self.streamEvents(db, header: header, acknowledged: state.acknowledged, selection: selection, writer: $0) })
        }
        report.file = url
        let now = Int64(clock.now().timeIntervalSince1970 * 1000)
        // The disclosures must be on record for a bundle to exist: if recording fails, the file goes.
        do { try recordExport() } catch {
            try? FileManager.default.removeItem(at: url)
            throw error
        }
        return report

        func recordExport() throws {
            try write { tx in
                try tx.db.execute(sql: """
                    INSERT INTO peer_sync (device_id, holds, last_out, told) VALUES (?, X'', ?, ?)
                    ON CONFLICT(device_id) DO UPDATE SET last_out = excluded.last_out, told = excluded.told
                    """, arguments: [peerID.data, now, Store.encodeHolds(told)])
                tx.audit("bundle-exported", detail: "\(peerID.uuidString) \(report.events)/\(report.withheld)")
                // The disclosure register: one entry per case whose data went (an audit entry, not a
                // Disclosure event, which would travel and give every export new events to send).
                for (caseID, groups) in report.sharedGroups.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
                    tx.audit(BundleShareDetail.action, caseID: caseID,
                             detail: BundleShareDetail(recipientName: peer.card.name, recipientDevice: peerID, groups: Array(groups)).encoded)
                }
            }
        }
    }

    /// `schakel backup`: everything this store holds, for a passphrase (age scrypt).
    public func exportBackup(out url: URL, passphrase: String, workFactor: Int = AgeScrypt.defaultWorkFactor) throws -> BundleReport {
        let recipient = try AgeScryptRecipient(passphrase: passphrase, workFactor: workFactor)
        var report = try writeBundleFile(url, recipients: [recipient]) { db in
            var header = try bundleHeader(db, kind: .backup, recipient: nil, acknowledged: [:], skip: nil, fullCases: [])
            header.role = role
            header.peers = try peerEntries(db)
            header.retention = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'retention'").map { String(decoding: $0, as: UTF8.self) }
            header.anonymousCounts = try anonymousCounts(db).map(\.encoded)
            return (header, { try self.streamEvents(db, header: header, acknowledged: [:], selection: nil, writer: $0) })
        }
        report.file = url
        // Not a disclosure (no `case-shared` entries): a backup holds the store's own data for
        // its owner, encrypted to their passphrase, and goes to no one else.
        try recordAudit(AuditEntry(at: clock.now(), user: userID, action: "backup-written", caseID: nil, detail: "\(report.events)"))
        return report
    }

    // MARK: internals

    private func writeBundleFile(_ url: URL, recipients: [AgeRecipient],
                                 _ prepare: (Database) throws -> (BundleHeader, (BundleWriter) throws -> BundleReport)) throws -> BundleReport {
        guard !FileManager.default.fileExists(atPath: url.path) else {
            throw SchakelError(.validation, L10n.t("export.exists", url.path))
        }
        let file = try AgeOutputFile(url)
        do {
            let age = try AgeWriter(recipients: recipients) { try file.write($0) }
            let report = try pool.read { db -> BundleReport in
                let (header, body) = try prepare(db)
                let writer = try BundleWriter(header: header) { try age.write($0) }
                var result = try body(writer)
                try writer.finish(signer: signer)
                result.bytes = writer.bytes
                return result
            }
            try age.finish()
            try file.commit(durable: true)
            return report
        } catch {
            file.abandon()
            throw error
        }
    }

    func bundleHeader(_ db: Database, kind: BundleHeader.Kind, recipient: UUID?, acknowledged: [UUID: UInt64], skip: UUID?,
                      fullCases: [UUID]) throws -> BundleHeader {
        let held = try holds(db)
        var chains: [BundleHeader.DeviceChain] = []
        for row in try Row.fetchAll(db, sql: """
            SELECT h.device_id, h.seq, h.head, h.signature, d.signing_public_key FROM chain_head h JOIN device d ON d.id = h.device_id
            """) {
            guard let device = UUID(data: row["device_id"]), device != skip else { continue }
            let seq = UInt64(row["seq"] as Int64)
            if seq <= acknowledged[device] ?? 0 { continue }
            let key: Data = device == deviceID ? signer.publicKey : row["signing_public_key"]
            chains.append(.init(device: device, signingKey: key, seq: seq, head: row["head"], signature: row["signature"]))
        }
        let revocations = try Row.fetchAll(db, sql: "SELECT device_id, revoked_at FROM revoked_device").compactMap { row in
            UUID(data: row["device_id"]).map { BundleHeader.Revocation(device: $0, at: row["revoked_at"]) }
        }
        let erasures = try Row.fetchAll(db, sql: "SELECT case_id, erased_hlc FROM tombstone").compactMap { row in
            UUID(data: row["case_id"]).map { BundleHeader.Erasure(caseID: $0, hlc: row["erased_hlc"]) }
        }
        return BundleHeader(kind: kind, id: UUID(), sender: deviceID, senderUser: userID, senderSigningKey: signer.publicKey, recipient: recipient,
                            created: Int64(clock.now().timeIntervalSince1970 * 1000), migrations: Migrations.names, holds: held,
                            fullCases: fullCases, chains: chains, revocations: revocations, erasures: erasures, role: nil, peers: nil)
    }

    private func peerEntries(_ db: Database) throws -> [BundleHeader.PeerEntry] {
        try peers(db).map { p in
            let state = try peerSyncState(db, p.deviceID)
            return BundleHeader.PeerEntry(card: p.card, user: state?.user, policy: state?.policy)
        }
    }

    /// The chains beyond what the recipient acknowledged, then the fill-ins, then attachments.
    private func streamEvents(_ db: Database, header: BundleHeader, acknowledged: [UUID: UInt64], selection: PeerSelection?,
                              writer: BundleWriter) throws -> BundleReport {
        var report = BundleReport()
        var blobs: [UUID: UUID] = [:]   // blob → case
        var sharedGroups: [UUID: Set<String>] = [:]
        let documentKey = "\(EntityKind.document.rawValue).\(CaseDocument.group)"
        func emit(_ row: Row, fill: Bool) throws {
            let envelope = Store.envelope(row)
            let sealed: Data = row[Store.eventColumns.payload]
            var payload: Data?
            if !sealed.isEmpty, selection?.mayLeave(envelope) ?? true {
                let sealer = envelope.caseID == nil ? keys.records : try caseSealer(envelope.caseID!, db: db)
                if let sealer {
                    let plain = try sealer.open(sealed, context: "event/\((row[Store.eventColumns.id] as Data).hex)")
                    payload = plain
                    if let c = envelope.caseID {
                        let groupKey = "\(envelope.entityKind).\(envelope.group)"
                        sharedGroups[c, default: []].insert(groupKey)
                        if groupKey == documentKey, envelope.operation == .put,
                           let doc = try? JSONDecoder().decode(CaseDocument.self, from: plain.dropFirst(16)) {
                            blobs[doc.blob] = c
                        }
                    }
                }
            }
            if fill && payload == nil { return }
            try writer.event(envelope.canonicalBytes, payload: payload, fill: fill)
        }
        for chain in header.chains {
            let cursor = try Row.fetchCursor(db, sql: "SELECT \(Store.eventColumns.list) FROM event WHERE device_id = ? AND seq > ? ORDER BY seq",
                                             arguments: [chain.device.data, Int64(clamping: acknowledged[chain.device] ?? 0)])
            while let row = try cursor.next() { try emit(row, fill: false) }
        }
        // Cases the peer now receives but does not hold in full: their earlier events again,
        // with payloads (the recipient has these envelopes already). A peer that acknowledged
        // nothing yet has no envelopes to fill (sequence numbers start at 1): its first bundle
        // skips reading every shared case's events a second time.
        let fills = acknowledged.values.contains { $0 > 0 } ? selection?.toFill ?? [] : []
        for caseID in fills {
            let cursor = try Row.fetchCursor(db.cachedStatement(sql: "SELECT \(Store.eventColumns.list) FROM event WHERE case_id = ? AND length(payload) > 0"),
                                             arguments: [caseID.data])
            while let row = try cursor.next() {
                let device = UUID(data: row[Store.eventColumns.device])!
                if UInt64(row[Store.eventColumns.seq] as Int64) <= acknowledged[device] ?? 0 { try emit(row, fill: true) }
            }
        }
        for (blob, caseID) in blobs.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            guard let sealed = try Data.fetchOne(db, sql: "SELECT sealed FROM document_blob WHERE id = ? AND case_id = ?",
                                                 arguments: [blob.data, caseID.data]),
                  let sealer = try caseSealer(caseID, db: db) else { continue }
            try writer.blob(id: blob, caseID: caseID, bytes: try sealer.open(sealed, context: "document/\(blob.uuidString)"))
            report.blobs += 1
        }
        report.events = writer.events
        report.withheld = writer.withheld
        report.cases = sharedGroups.count
        // Backups stream through here too; only a peer bundle records them as shared.
        if selection != nil { report.sharedGroups = sharedGroups }
        return report
    }

    /// The event table's columns: rows read with `eventColumns.list` are decoded by position
    /// (`envelope`). An export reads a million of them, and looking columns up by name cost more
    /// than the rest of the row. (The list is the table's own column order, so `SELECT *` gives
    /// the same rows; callers use the list so that nothing rests on that.)
    static let eventColumns = (list: "id, device_id, seq, prev, hlc, author, entity_kind, entity_id, case_id, field_group, overwrote, payload_digest, schema, op, payload",
                               id: 0, device: 1, seq: 2, payload: 14)

    static func envelope(_ row: Row) -> EventEnvelope {
        EventEnvelope(deviceID: UUID(data: row[1]) ?? .zero, seq: UInt64(row[2] as Int64), prev: row[3],
                      hlc: HLC(packed: UInt64(bitPattern: row[4])), author: UUID(data: row[5]) ?? .zero,
                      entityKind: row[6], entityID: UUID(data: row[7]) ?? .zero,
                      caseID: (row[8] as Data?).flatMap(UUID.init(data:)), group: row[9], overwrote: row[10],
                      payloadDigest: row[11], schema: UInt16(row[12] as Int),
                      operation: EventEnvelope.Operation(rawValue: UInt8(row[13] as Int)) ?? .put)
    }
}

/// Which events of a peer bundle carry their payload, by the peer's sharing policy.
struct PeerSelection {
    private var sharedCases: [UUID: CaseFile] = [:]
    /// Cases the peer holds, or would hold but for a withdrawn consent, that are not shared with
    /// it now: only their consents still go, so the peer learns of the withdrawal.
    private var stopped = Set<UUID>()
    let policy: SharingPolicy
    /// Cases shared with the peer that it does not hold in full yet.
    private(set) var toFill: [UUID] = []

    init(store: Store, db: Database, peer: PeerSyncState) throws {
        policy = peer.policy
        let held = Set(try Data.fetchAll(db, sql: "SELECT case_id FROM peer_case WHERE device_id = ?", arguments: [peer.deviceID.data])
            .compactMap(UUID.init(data:)))
        let all = try CaseRoles.all(db)
        let covered = all.filter { policy.coversCase($0, peerUser: peer.user) }
        // Many cases (a team lead's laptop): their deciding values read in row order in one go,
        // instead of a lookup per case (44k cases cost seconds of random reads).
        let bulk = covered.count >= Self.bulkFrom ? try Self.sharingFacts(of: Set(covered.map(\.id)), store: store, db: db) : [:]
        for roles in all {
            var loaded: CaseFile?
            let shared = try policy.sharesCase(roles, file: {
                let f = try bulk[roles.id] ?? Self.sharingFacts(roles.id, store: store, db: db)
                loaded = f
                return f
            }, peerUser: peer.user)
            guard shared, let file = loaded else {
                if held.contains(roles.id) || policy.coversCase(roles, peerUser: peer.user) { stopped.insert(roles.id) }
                continue
            }
            sharedCases[roles.id] = file
            if !held.contains(roles.id) { toFill.append(roles.id) }
        }
        toFill.sort { $0.uuidString < $1.uuidString }
    }

    var sharedCaseIDs: [UUID] { sharedCases.keys.sorted { $0.uuidString < $1.uuidString } }

    /// The field groups the sharing decisions read: the consents (`SharingPolicy.consentWithdrawn`)
    /// and the safety group with the secret address (`SharingGuard`, via `sharesGroup`).
    /// `sharingFacts` loads only these, which gives the same answers as the whole case file
    /// for a fraction of the decoding (a team lead's first bundle reads every case). A
    /// sharing rule that reads another group must add it here.
    static let decidingGroups: [(kind: String, group: String)] = [(Consent.kind.rawValue, Consent.group), (CaseSafety.kind.rawValue, CaseSafety.group)]

    /// From this many cases on, `sharingFacts(of:)` reads them all at once.
    static let bulkFrom = 500

    /// `sharingFacts` of many cases: the deciding registers of all of them, their rows read in
    /// the order they are stored, decoded on all cores (`CaseFileLoader`).
    static func sharingFacts(of cases: Set<UUID>, store: Store, db: Database) throws -> [UUID: CaseFile] {
        var stored: [CaseFileLoader.Stored] = []
        for g in decidingGroups {
            let rows = try Row.fetchCursor(db, sql: """
                SELECT s.case_id, s.entity_id, e.rowid FROM entity_state s JOIN event e ON e.id = s.event_id
                 WHERE s.entity_kind = ? AND s.field_group = ? AND s.removed = 0 AND s.case_id IS NOT NULL
                """, arguments: [g.kind, g.group])
            while let row = try rows.next() {
                guard let c = UUID(data: row[0]), cases.contains(c), let entity = UUID(data: row[1]) else { continue }
                stored.append(CaseFileLoader.Stored(caseID: c, kind: g.kind, group: g.group, entity: entity, rowID: row[2]))
            }
        }
        let loader = CaseFileLoader(store: store, db: db) { caseID in
            guard let sealer = try store.caseSealer(caseID, db: db) else { throw SchakelError(.integrity, L10n.t("error.decrypt")) }
            return sealer
        }
        return try loader.files(stored: stored, cases: cases)
    }

    static func sharingFacts(_ caseID: UUID, store: Store, db: Database) throws -> CaseFile {
        var file = CaseFile(id: caseID)
        let sealer = try store.caseSealer(caseID, db: db)!
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.entity_kind, s.entity_id, s.field_group, e.id, e.payload FROM entity_state s
            JOIN event e ON e.id = s.event_id WHERE s.case_id = ? AND s.removed = 0
             AND ((s.entity_kind = ? AND s.field_group = ?) OR (s.entity_kind = ? AND s.field_group = ?))
            """), arguments: [caseID.data, decidingGroups[0].kind, decidingGroups[0].group, decidingGroups[1].kind, decidingGroups[1].group])
        for row in rows {
            let value = try store.decodeEvent(id: row["id"], kind: row["entity_kind"], group: row["field_group"], payload: row["payload"], sealer: sealer)
            file.apply(value, entityID: UUID(data: row["entity_id"])!)
        }
        return file
    }

    func mayLeave(_ e: EventEnvelope) -> Bool {
        guard let caseID = e.caseID else { return SharingPolicy.sharesStoreRecord(kind: e.entityKind) }
        guard let file = sharedCases[caseID] else {
            return stopped.contains(caseID) && e.entityKind == EntityKind.consent.rawValue
        }
        return policy.sharesGroup("\(e.entityKind).\(e.group)", of: file)
    }
}
