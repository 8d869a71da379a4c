import Foundation
import GRDB
import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// The result of reading one bundle.
public struct ImportReport: Equatable, Sendable {
    public enum Outcome: Equatable, Sendable {
        case applied
        /// Read before: nothing changed.
        case alreadyImported
        /// Kept aside (in the store's `sync-wacht` folder) and applied later: the reason says why.
        case heldBack(String)
    }
    public var outcome: Outcome = .applied
    public var sender: UUID?
    public var newEvents = 0
    public var filled = 0
    public var cases: [UUID] = []
    public var conflicts = 0
    public var revocations = 0
    public var erasures = 0
    public init(outcome: Outcome = .applied) { self.outcome = outcome }
}

/// Thrown inside the import transaction to roll it back and keep the file for later.
struct BundleHold: Error { var reason: String }
struct BundleAlreadyImported: Error {}

extension Store {
    /// `schakel bundle import FILE`: decrypt with this device's key, check the sender and every
    /// chain, and apply everything in one transaction, or nothing.
    public func importBundle(_ url: URL) throws -> ImportReport {
        guard mode == .write else { throw SchakelError(.notAllowed, L10n.t("error.readOnly")) }
        let identity = try agreementIdentity()
        do {
            return try readBundle(url, identities: [identity], expect: .peer)
        } catch let hold as BundleHold {
            try holdAside(url)
            return ImportReport(outcome: .heldBack(hold.reason))
        } catch is BundleAlreadyImported {
            return ImportReport(outcome: .alreadyImported)
        }
    }

    /// Bundles kept aside earlier (a newer schema, a missing earlier bundle) that can be read now.
    @discardableResult
    public func retryHeldBundles() throws -> [ImportReport] {
        let dir = location.directory.appendingPathComponent("sync-wacht")
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return [] }
        var reports: [ImportReport] = []
        for name in names.sorted() where name.hasSuffix(".\(BundleFormat.fileExtension)") {
            let url = dir.appendingPathComponent(name)
            let identity = try agreementIdentity()
            do {
                reports.append(try readBundle(url, identities: [identity], expect: .peer))
                try? FileManager.default.removeItem(at: url)
            } catch is BundleHold {
                continue
            } catch is BundleAlreadyImported {
                try? FileManager.default.removeItem(at: url)
            } catch {
                // Held back earlier, refused now (its sender was revoked meanwhile, or it is damaged):
                // set aside so that it does not block every later import.
                let refused = dir.appendingPathComponent("geweigerd")
                try? FileManager.default.createDirectory(at: refused, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
                try? FileManager.default.moveItem(at: url, to: refused.appendingPathComponent(name))
                try? recordAudit(AuditEntry(at: clock.now(), user: userID, action: "bundle-refused", caseID: nil, detail: SchakelError.from(error).kind.rawValue))
            }
        }
        return reports
    }

    /// Bundles waiting in `sync-wacht`.
    public func heldBundleCount() -> Int {
        let dir = location.directory.appendingPathComponent("sync-wacht")
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).filter { $0.hasSuffix(".\(BundleFormat.fileExtension)") }.count
    }

    private func holdAside(_ url: URL) throws {
        let dir = location.directory.appendingPathComponent("sync-wacht")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let bytes = try Data(contentsOf: url)
        let target = dir.appendingPathComponent(Data(SHA256.hash(data: bytes)).hex.prefix(32) + ".\(BundleFormat.fileExtension)")
        if FileManager.default.fileExists(atPath: target.path) { return }
        try bytes.write(to: target, options: [.atomic])
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: target.path)
    }

    func readBundle(_ url: URL, identities: [AgeIdentity], expect: BundleHeader.Kind, restoring: Bool = false) throws -> ImportReport {
        let fd = try AgeIO.openForReading(url)
        defer { Glibc.close(fd) }
        let report = try write { tx -> ImportReport in
            // A first bundle or a restore writes every event, register and case in one
            // transaction: with SQLite's default 2 MB page cache most index pages are re-read
            // (and dirty ones spilled to and searched in the WAL) many times. A larger cache
            // for this transaction only; SQLite frees what exceeds the old size afterwards.
            let cacheSize = try Int.fetchOne(tx.db, sql: "PRAGMA cache_size") ?? -2000
            try tx.db.execute(sql: "PRAGMA cache_size = \(BundleImporter.cacheKiB)")
            defer { try? tx.db.execute(sql: "PRAGMA cache_size = \(cacheSize)") }
            let importer = BundleImporter(store: self, tx: tx, expect: expect)
            do {
                try AgeDecryptor.decrypt(fd: fd, identities: identities) { try importer.parser.feed($0) }
            } catch let e as SchakelError where e.message == AgeError.noMatch().message {
                throw SchakelError(.notAllowed, L10n.t("bundle.error.otherRecipient"))
            } catch let e as SchakelError where e.message == AgeError.needsPassphrase().message {
                // A passphrase file: a backup, read with `schakel restore`.
                throw SchakelError(.validation, L10n.t("bundle.error.kind"))
            }
            return try importer.finish()
        }
        // An erasure that arrived must leave the write-ahead log too, as a local one does.
        if report.erasures > 0 { try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") } }
        return report
    }
}

/// Applies one bundle inside a store transaction as it is decrypted. Every check that can fail
/// fails before the transaction commits: sender, recipient, schema, each chain's links up to
/// its signed head, each payload's digest, the bundle signature, the age file's last chunk.
final class BundleImporter {
    /// The page cache during an import, in KiB (a negative `cache_size`): enough for the
    /// indexes a million-event bundle touches.
    static let cacheKiB = -262_144
    let store: Store
    let tx: StoreTransaction
    let expect: BundleHeader.Kind
    private(set) var parser: BundleParser!
    private var header: BundleHeader?
    private var senderKey = Data()
    private var ours: [UUID: UInt64] = [:]
    private var chains: [UUID: BundleHeader.DeviceChain] = [:]
    private var progress: [UUID: (seq: UInt64, id: Data)] = [:]
    private var revoked = Set<UUID>()
    private var erased = Set<UUID>()
    /// Cases this store holds, and those of them the sender may change (by this store's policy
    /// for it: its user coordinates or backs up the case, or the case is shared with it
    /// explicitly; consent is not asked here, so a withdrawal can still arrive). `nil`: a backup.
    private var held = Set<UUID>()
    /// Cases this store had a key for before the import (held, or once held in part).
    private var keyed = Set<UUID>()
    private var senderMayWrite: Set<UUID>?
    private var touched = Set<UUID>()
    private var touchedGroups: [UUID: Set<String>] = [:]
    private var blobDigests: [UUID: (caseID: UUID, digest: String)] = [:]
    private var maxHLC = HLC.zero
    /// The events with a payload stored since the last merge (`RegisterBatch`).
    private var batch: [RegisterBatch.Event] = []
    /// Device and case ids as bytes, made once (a million events name a few devices and cases).
    private var idBytes: [UUID: Data] = [:]
    /// Per case, the rows that the merges chose as its current values. Only cases new here are
    /// read from these, and not those in `settledBefore`.
    private var settled: [UUID: [CaseFileLoader.Stored]] = [:]
    /// Cases with a value from before a batch (an earlier batch of this import, or the store):
    /// read from the store.
    private var settledBefore = Set<UUID>()
    private var filledCases = Set<UUID>()
    /// Per case, the devices whose events with a payload this import stored.
    private var writers: [UUID: Set<UUID>] = [:]
    private var report = ImportReport()
    private var db: Database { tx.db }

    init(store: Store, tx: StoreTransaction, expect: BundleHeader.Kind) {
        self.store = store; self.tx = tx; self.expect = expect
        parser = BundleParser(onHeader: { [unowned self] in try self.begin($0) }, onRecord: { [unowned self] in try self.record($0) })
    }

    private func corrupt() -> SchakelError { BundleParser.corrupt() }

    // MARK: header

    private func begin(_ h: BundleHeader) throws {
        guard h.kind == expect else { throw SchakelError(.validation, L10n.t("bundle.error.kind")) }
        if h.kind == .peer {
            guard h.recipient == store.deviceID else { throw SchakelError(.notAllowed, L10n.t("bundle.error.otherRecipient")) }
            guard h.sender != store.deviceID else { throw SchakelError(.validation, L10n.t("bundle.error.fromSelf")) }
            revoked = try store.revokedDevices(db)
            guard !revoked.contains(h.sender) else { throw SchakelError(.notAllowed, L10n.t("bundle.error.senderRevoked")) }
            guard let key = try Data.fetchOne(db, sql: "SELECT signing_public_key FROM peer WHERE device_id = ?", arguments: [h.sender.data]) else {
                throw SchakelError(.notAllowed, L10n.t("bundle.error.unknownSender"))
            }
            guard key == h.senderSigningKey else { throw SchakelError(.integrity, L10n.t("bundle.error.signature")) }
            senderKey = key
        } else {
            // A backup is opened with its passphrase; it vouches for itself.
            senderKey = h.senderSigningKey
        }
        // Sequence numbers are stored as SQLite integers: one beyond Int64 cannot be real, and
        // converting it trapped (a chain of a device revoked in the same bundle, or an
        // acknowledgement later sent back in an export).
        guard h.chains.allSatisfy({ $0.seq <= UInt64(Int64.max) }), h.holds.values.allSatisfy({ $0 <= UInt64(Int64.max) }) else {
            throw corrupt()
        }
        guard Set(h.migrations).isSubset(of: Set(Migrations.names)) else {
            throw BundleHold(reason: L10n.t("bundle.hold.newerSchema"))
        }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM imported_bundle WHERE digest = ?", arguments: [replayKey(h)]) == true {
            throw BundleAlreadyImported()
        }
        ours = try store.holds(db)
        for chain in h.chains {
            guard chain.device != store.deviceID else { continue }
            guard DeviceSigner.verify(signature: chain.signature, message: ChainHead.message(deviceID: chain.device, seq: chain.seq, head: chain.head),
                                      publicKey: chain.signingKey) else {
                throw SchakelError(.integrity, L10n.t("bundle.error.signature"))
            }
            if chain.device == h.sender, chain.signingKey != senderKey { throw SchakelError(.integrity, L10n.t("bundle.error.signature")) }
            if let known = try Data.fetchOne(db, sql: "SELECT signing_public_key FROM device WHERE id = ?", arguments: [chain.device.data]) {
                guard known == chain.signingKey else { throw SchakelError(.integrity, L10n.t("bundle.error.deviceKey")) }
            } else if !revoked.contains(chain.device) {
                // A device this store has not met: the sender (a trusted peer, or the backup) vouches for it.
                try db.execute(sql: "INSERT INTO device (id, signing_public_key, added_hlc) VALUES (?, ?, ?)",
                               arguments: [chain.device.data, chain.signingKey, Int64(bitPattern: tx.hlc.last.packed)])
            }
            chains[chain.device] = chain
        }
        held = Set(try Data.fetchAll(db, sql: "SELECT case_id FROM case_index").compactMap(UUID.init(data:)))
        keyed = Set(try Data.fetchAll(db, sql: "SELECT case_id FROM case_key").compactMap(UUID.init(data:)))
        if h.kind == .peer {
            try db.execute(sql: "UPDATE peer SET user_id = ? WHERE device_id = ?", arguments: [h.senderUser.data, h.sender.data])
            senderMayWrite = try store.casesWritable(by: h.sender, user: h.senderUser, db: db)
        }
        for r in h.revocations where r.device != store.deviceID && !revoked.contains(r.device) {
            // Fail closed: nothing more goes to the device and its bundles are refused. A revocation
            // that came from a peer (not made here) can be lifted with `peer trust` after a phone call.
            try db.execute(sql: "INSERT OR IGNORE INTO revoked_device (device_id, revoked_at, by_device) VALUES (?, ?, ?)",
                           arguments: [r.device.data, r.at, h.kind == .peer ? h.sender.data : nil])
            try db.execute(sql: "UPDATE peer SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL", arguments: [r.at, r.device.data])
            revoked.insert(r.device)
            report.revocations += 1
            tx.audit("peer-revoked-by-peer", detail: "\(r.device.uuidString) \(h.sender.uuidString)")
        }
        erased = Set(try Data.fetchAll(db, sql: "SELECT case_id FROM tombstone").compactMap(UUID.init(data:)))
        for e in h.erasures where !erased.contains(e.caseID) {
            // Only a device that may change the case may erase it here (a case this store does not
            // hold is only marked, so that no bundle brings it in later).
            if held.contains(e.caseID), let may = senderMayWrite, !may.contains(e.caseID) { continue }
            try CaseErasure.erase(e.caseID, hlc: e.hlc, in: tx)
            if held.contains(e.caseID) { tx.audit("case-erased-by-peer", caseID: e.caseID, detail: h.sender.uuidString) }
            erased.insert(e.caseID)
            report.erasures += 1
        }
        if h.kind == .peer {
            try db.execute(sql: "DELETE FROM peer_case WHERE device_id = ?", arguments: [h.sender.data])
            for c in h.fullCases {
                try db.execute(sql: "INSERT OR IGNORE INTO peer_case (device_id, case_id) VALUES (?, ?)", arguments: [h.sender.data, c.data])
            }
            // Acknowledgements only grow: an older bundle read late does not take them back.
            let old = try Data.fetchOne(db, sql: "SELECT holds FROM peer_sync WHERE device_id = ?", arguments: [h.sender.data]).map(Store.decodeHolds) ?? [:]
            let merged = old.merging(h.holds) { max($0, $1) }
            try db.execute(sql: """
                INSERT INTO peer_sync (device_id, holds, last_in) VALUES (?, ?, ?)
                ON CONFLICT(device_id) DO UPDATE SET holds = excluded.holds, last_in = excluded.last_in
                """, arguments: [h.sender.data, Store.encodeHolds(merged), Int64(store.clock.now().timeIntervalSince1970 * 1000)])
        }
        header = h
        report.sender = h.sender
    }

    private func replayKey(_ h: BundleHeader) -> Data {
        var w = ByteWriter()
        w.uuid(h.sender); w.uuid(h.id)
        return Data(SHA256.hash(data: w.data))
    }

    // MARK: records

    private func record(_ r: BundleParser.Record) throws {
        switch r {
        case let .event(canonical, payload, fill):
            let envelope = try EventEnvelope(canonical: canonical)
            // The strict decoding re-encoded exactly these bytes: their hash is the event id.
            let id = Data(SHA256.hash(data: canonical))
            if fill { try fillIn(envelope, id: id, payload: payload) } else { try chainEvent(envelope, id: id, payload: payload) }
        case let .blob(id, caseID, bytes):
            guard !erased.contains(caseID) else { return }
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM document_blob WHERE id = ?", arguments: [id.data]) == true { return }
            let sealer = try tx.sealerFor(caseID: caseID)
            try db.execute(sql: "INSERT INTO document_blob (id, case_id, sealed) VALUES (?, ?, ?)",
                           arguments: [id.data, caseID.data, sealer.seal(bytes, context: "document/\(id.uuidString)")])
            blobDigests[id] = (caseID, Data(SHA256.hash(data: bytes)).hex)
        }
    }

    private func chainEvent(_ e: EventEnvelope, id: Data, payload: Data) throws {
        if e.deviceID == store.deviceID { return }           // our own events: we have them
        guard let chain = chains[e.deviceID] else { throw corrupt() }
        // The chain's links: from the first event in the bundle to the signed head, no gaps.
        if let p = progress[e.deviceID] {
            guard e.seq == p.seq + 1, e.prev == p.id else { throw corrupt() }
        } else {
            let have = ours[e.deviceID] ?? 0
            if e.seq > have + 1 { throw BundleHold(reason: L10n.t("bundle.hold.gap")) }
            let expectedPrev = e.seq == 1 ? Data.zeroHash : try storedID(e.deviceID, e.seq - 1)
            guard e.prev == expectedPrev else { throw corrupt() }
        }
        guard e.seq <= chain.seq else { throw corrupt() }
        progress[e.deviceID] = (e.seq, id)
        if e.seq <= ours[e.deviceID] ?? 0 {
            guard try storedID(e.deviceID, e.seq) == id else { throw SchakelError(.integrity, L10n.t("bundle.error.fork")) }
            try fillIn(e, id: id, payload: payload)
            return
        }
        if revoked.contains(e.deviceID) { return }
        try apply(e, id: id, payload: payload)
    }

    private func storedID(_ device: UUID, _ seq: UInt64) throws -> Data {
        guard let id = try Data.fetchOne(db, sql: "SELECT id FROM event WHERE device_id = ? AND seq = ?", arguments: [device.data, Int64(seq)]) else {
            throw BundleHold(reason: L10n.t("bundle.hold.gap"))
        }
        return id
    }

    private func apply(_ e: EventEnvelope, id: Data, payload: Data) throws {
        maxHLC = max(maxHLC, e.hlc)
        report.newEvents += 1
        guard !payload.isEmpty, !(e.caseID.map(erased.contains) ?? false), mayWrite(e) else {
            try tx.insertEvent(e, id: id, sealed: Data())
            return
        }
        try checkPayload(e, payload, checkOwner: false)
        let sealer = try tx.sealerFor(caseID: e.caseID)
        let rowID = try tx.insertEvent(e, id: id, sealed: sealer.seal(payload, context: "event/\(id.hex)"))
        // Merged with the rest of the batch (`RegisterBatch`), which also checks the entity's case
        // (so a bundle that moves an entity is refused at the end, not at the event).
        batch.append(RegisterBatch.Event(kind: e.entityKind, entity: e.entityID, group: e.group, id: id, hlc: Int64(bitPattern: e.hlc.packed),
                                         device: bytes(e.deviceID), removed: e.operation == .remove, parents: e.parents,
                                         caseID: e.caseID.map(bytes), rowID: rowID))
        if let c = e.caseID, writers[c]?.contains(e.deviceID) != true { writers[c, default: []].insert(e.deviceID) }
    }

    private func bytes(_ id: UUID) -> Data {
        if let d = idBytes[id] { return d }
        let d = id.data
        idBytes[id] = d
        return d
    }

    /// Merges the events stored since the last merge.
    private func mergeBatch() throws {
        guard !batch.isEmpty else { return }
        var merger = RegisterBatch(db: db, sealer: { [tx] in try tx.sealerFor(caseID: $0.flatMap(UUID.init(data:))) }, touched: { [unowned self] caseData, group in
            guard let c = UUID(data: caseData) else { return }
            touched.insert(c)
            touchedGroups[c, default: []].insert(group)
        })
        var thisBatch = Set<UUID>()
        merger.settled = { [unowned self] key, caseData, winner, event in
            guard let caseData, let c = UUID(data: caseData), let entity = UUID(data: key.entity) else { return }
            // A later batch (after a fill-in) may settle a register again, or keep a value
            // from before it: such a case is read from the store.
            if (settled[c] != nil && !thisBatch.contains(c)) || (winner != nil && event == nil) { settledBefore.insert(c) }
            thisBatch.insert(c)
            if settled[c] == nil { settled[c] = [] }
            guard let event, !event.removed else { return }
            settled[c]!.append(CaseFileLoader.Stored(caseID: c, kind: key.kind, group: key.group, entity: entity, rowID: event.rowID))
        }
        let events = batch
        batch.removeAll()
        try merger.merge(events)
    }

    /// The payload of an event held as envelope only (a case newly shared with this store).
    private func fillIn(_ e: EventEnvelope, id: Data, payload: Data) throws {
        guard !payload.isEmpty, !(e.caseID.map(erased.contains) ?? false), !revoked.contains(e.deviceID) || e.seq <= ours[e.deviceID] ?? 0,
              mayWrite(e) else { return }
        guard let stored = try Data.fetchOne(db.cachedStatement(sql: "SELECT payload FROM event WHERE id = ?"), arguments: [id]) else {
            throw BundleHold(reason: L10n.t("bundle.hold.gap"))
        }
        guard stored.isEmpty else { return }
        // A fill-in merges on its own: the batch before it first.
        try mergeBatch()
        try checkPayload(e, payload, checkOwner: true)
        let sealer = try tx.sealerFor(caseID: e.caseID)
        try db.cachedStatement(sql: "UPDATE event SET payload = ? WHERE id = ?").execute(arguments: [sealer.seal(payload, context: "event/\(id.hex)"), id])
        report.filled += 1
        if let c = e.caseID { filledCases.insert(c) }
        try merge(e, id: id)
    }

    /// A case this store holds takes changes only from a sender that may change it (see
    /// `senderMayWrite`); a case new here is taken as it comes (it is dropped again at the end
    /// if it stays incomplete). Store-level records come from any trusted peer.
    private func mayWrite(_ e: EventEnvelope) -> Bool {
        guard let c = e.caseID, let may = senderMayWrite else { return true }
        return !held.contains(c) || may.contains(c)
    }

    /// `checkOwner`: check here that the entity keeps its case (else the batch merge does).
    private func checkPayload(_ e: EventEnvelope, _ payload: Data, checkOwner: Bool) throws {
        guard payload.count >= 16, Data(SHA256.hash(data: payload)) == e.payloadDigest else { throw corrupt() }
        guard let kind = EntityKind(rawValue: e.entityKind), FieldCatalog.byKey["\(e.entityKind).\(e.group)"] != nil else {
            throw BundleHold(reason: L10n.t("bundle.hold.newerSchema"))
        }
        guard kind.belongsToCase == (e.caseID != nil) else { throw corrupt() }
        // An entity belongs to one case for ever: the client and the case are the case itself,
        // a child entity keeps the case it was first recorded in.
        if kind == .client || kind == .case { guard e.entityID == e.caseID else { throw corrupt() } }
        if checkOwner, let c = e.caseID, let existing = try Data.fetchOne(db.cachedStatement(sql: "SELECT case_id FROM entity_state WHERE entity_kind = ? AND entity_id = ? LIMIT 1"),
                                                            arguments: [e.entityKind, e.entityID.data]), existing != c.data {
            throw corrupt()
        }
    }

    /// The register rule (`Registers`): the new event's predecessors stop being heads; the event
    /// becomes one unless a known event already replaced it.
    private func merge(_ e: EventEnvelope, id: Data) throws {
        let key = RegisterKey(kind: e.entityKind, entity: e.entityID.data, group: e.group)
        let heads = try Registers.heads(db, key)
        let parents = Set(e.parents)
        // `overwrote` names values of the same register only (a current head is one by construction).
        for parent in parents where !heads.contains(where: { $0.id == parent }) {
            if let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT entity_kind, entity_id, field_group FROM event WHERE id = ?"), arguments: [parent]),
               row["entity_kind"] as String != e.entityKind || row["entity_id"] as Data != e.entityID.data || row["field_group"] as String != e.group {
                throw corrupt()
            }
        }
        var next = heads.filter { !parents.contains($0.id) }
        // When the event replaces every current head, no known event can replace it: such an event
        // would itself be a head (or be replaced by one) that this event does not name.
        let replacesAll = heads.allSatisfy { parents.contains($0.id) }
        if try replacesAll || !Registers.isReplaced(db, id, in: key) {
            next.append(RegisterHead(id: id, hlc: Int64(bitPattern: e.hlc.packed), device: e.deviceID.data, removed: e.operation == .remove))
        }
        if next != heads {
            let sealer = try tx.sealerFor(caseID: e.caseID)
            try Registers.store(db, key, caseID: e.caseID?.data, heads: next, hadSeveral: heads.count > 1) { eventID in
                let sealed = try Data.fetchOne(self.db.cachedStatement(sql: "SELECT payload FROM event WHERE id = ?"), arguments: [eventID]) ?? Data()
                return Data(try sealer.open(sealed, context: "event/\(eventID.hex)").dropFirst(16))
            }
        }
        if let c = e.caseID { touched.insert(c); touchedGroups[c, default: []].insert("\(e.entityKind).\(e.group)") }
    }

    // MARK: end

    private func isComplete(_ file: CaseFile) -> Bool {
        file.opening != nil && file.phase != nil && file.coordination != nil
    }

    private func dropContent(_ caseID: UUID) throws {
        try db.execute(sql: "UPDATE event SET payload = X'' WHERE case_id = ?", arguments: [caseID.data])
        for table in ["entity_state", "conflict", "case_key", "document_blob"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE case_id = ?", arguments: [caseID.data])
        }
        tx.forget(caseID)
        blobDigests = blobDigests.filter { $0.value.caseID != caseID }
    }

    func finish() throws -> ImportReport {
        guard let header else { throw corrupt() }
        try parser.finish(verifyingWith: senderKey)
        try mergeBatch()
        // Every chain ends at its signed head.
        for (device, chain) in chains {
            if let p = progress[device] {
                guard p.seq == chain.seq, p.id == chain.head else { throw corrupt() }
            } else if chain.seq <= ours[device] ?? 0 {
                guard try storedID(device, chain.seq) == chain.head else { throw SchakelError(.integrity, L10n.t("bundle.error.fork")) }
            } else if !revoked.contains(device) {
                throw corrupt()
            }
            let current = try Int64.fetchOne(db, sql: "SELECT seq FROM chain_head WHERE device_id = ?", arguments: [device.data]) ?? 0
            if Int64(chain.seq) > current && !revoked.contains(device) {
                try db.execute(sql: "INSERT OR REPLACE INTO chain_head (device_id, seq, head, signature) VALUES (?, ?, ?, ?)",
                               arguments: [device.data, Int64(chain.seq), chain.head, chain.signature])
            }
        }
        tx.hlc.observe(maxHLC)
        let knowledge = KnowledgeCache(store: store)
        var newConflicts = 0
        let adopted = try touched.sorted(by: { $0.uuidString < $1.uuidString }).filter { caseID in
            try Bool.fetchOne(db.cachedStatement(sql: "SELECT 1 FROM entity_state WHERE case_id = ? LIMIT 1"), arguments: [caseID.data]) == true
        }
        // Cases new here (no key before, no fill-ins) are read from the rows the merge chose as
        // their values: every value they have came with this import.
        let loader = CaseFileLoader(store: store, db: db) { [tx] in try tx.sealerFor(caseID: $0) }
        let fresh = Set(adopted).subtracting(held).subtracting(keyed).subtracting(filledCases)
        var known: [CaseFileLoader.Stored] = []
        var fromRows = Set<UUID>()
        for c in fresh where !settledBefore.contains(c) {
            if let rows = settled[c] { known += rows; fromRows.insert(c) }
        }
        var files = try loader.files(stored: known, cases: fromRows)
        files.merge(try loader.files(adopted.filter { files[$0] == nil }), uniquingKeysWith: { a, _ in a })
        for caseID in adopted {
            guard let file = files[caseID] else { continue }
            let before = try Data.fetchOne(db.cachedStatement(sql: "SELECT coordinator FROM case_index WHERE case_id = ?"), arguments: [caseID.data])
            try tx.adopt(caseID, quietly: true, file: file)
            if !held.contains(caseID), try !isComplete(tx.caseSnapshot(caseID)) {
                // Parts of a case that is not shared with this store (a peer wrote into a case it
                // was never given): kept as envelopes only.
                try dropContent(caseID)
                continue
            }
            // Only a closed case can have closure conflicts (the reloaded file says whether it is).
            // A case new here whose every value came from one device cannot have one: a closure
            // conflict needs an edit from another device than the closing one. (`writers` sees
            // every value of a fresh case: they all came through `apply`.)
            let oneWriter = fresh.contains(caseID) && (writers[caseID]?.count ?? 0) <= 1
            if try tx.caseSnapshot(caseID).phase?.phase == .afgesloten, !oneWriter {
                try ClosureConflicts.recompute(db, caseID, store: store, knowledge: knowledge)
            } else if try ClosureConflicts.has(db, caseID) {
                try db.cachedStatement(sql: "DELETE FROM conflict WHERE case_id = ? AND kind = 2").execute(arguments: [caseID.data])
            }
            // Overdracht, the receiving side: the case is now this user's and was not before.
            if try tx.caseSnapshot(caseID).coordination?.coordinator == store.userID, before != store.userID.data {
                tx.audit("case-received", caseID: caseID, detail: header.sender.uuidString)
            }
            newConflicts += try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM conflict WHERE case_id = ? AND kind != 3"), arguments: [caseID.data]) ?? 0
            report.cases.append(caseID)
        }
        try CaseCodeCollisions.resolve(report.cases, in: tx)
        // Attachments: each must be the one its document names.
        for (blob, entry) in blobDigests {
            let file = try tx.caseSnapshot(entry.caseID)
            guard file.documents.values.contains(where: { $0.blob == blob && $0.digest == entry.digest }) else { throw corrupt() }
        }
        report.conflicts = newConflicts
        // What this device now knows is recorded before its next own change (not now: an import
        // that is not followed by a change must not produce an event, or two stores would send
        // each other knowledge records for ever).
        if report.newEvents > 0 || report.filled > 0 { tx.knowledgeDue = true }
        try db.execute(sql: "INSERT OR IGNORE INTO imported_bundle (digest, at) VALUES (?, ?)",
                       arguments: [replayKey(header), Int64(store.clock.now().timeIntervalSince1970 * 1000)])
        if header.kind == .peer { try SyncNews.add(report.cases.map { ($0, touchedGroups[$0] ?? []) }, conflicts: report.conflicts, in: tx) }
        tx.audit(header.kind == .peer ? "bundle-imported" : "backup-restored",
                 detail: "\(header.sender.uuidString) \(report.newEvents)/\(report.filled)/\(report.cases.count)")
        return report
    }
}
