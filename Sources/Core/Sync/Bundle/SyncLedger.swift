import Foundation
import GRDB

/// What this store knows about each peer's side of the exchange: the peer's user, its
/// sharing policy, what it acknowledged, which cases it holds in full, and when bundles
/// last went each way.
public struct PeerSyncState: Equatable, Sendable {
    public var deviceID: UUID
    public var user: UUID?
    public var policy: SharingPolicy
    public var acknowledged: [UUID: UInt64]
    public var lastIn: Date?
    public var lastOut: Date?
    /// What this store said it holds in its last bundle to the peer.
    public var told: [UUID: UInt64]
}

extension Store {
    /// Per device: the last sequence number this store holds of its chain.
    func holds(_ db: Database) throws -> [UUID: UInt64] {
        var result: [UUID: UInt64] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT device_id, seq FROM chain_head") {
            if let id = UUID(data: row["device_id"]) { result[id] = UInt64(row["seq"] as Int64) }
        }
        return result
    }

    static func encodeHolds(_ holds: [UUID: UInt64]) -> Data {
        var w = ByteWriter()
        for (device, seq) in holds.sorted(by: { $0.key.uuidString < $1.key.uuidString }) { w.uuid(device); w.u64(seq) }
        return w.data
    }

    static func decodeHolds(_ data: Data) -> [UUID: UInt64] {
        var r = ByteReader(data)
        var result: [UUID: UInt64] = [:]
        while !r.atEnd, let d = try? r.uuid(), let s = try? r.u64() { result[d] = s }
        return result
    }

    func peerSyncState(_ db: Database, _ deviceID: UUID) throws -> PeerSyncState? {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT p.user_id, p.policy, s.holds, s.last_in, s.last_out, s.told FROM peer p LEFT JOIN peer_sync s ON s.device_id = p.device_id
             WHERE p.device_id = ?
            """, arguments: [deviceID.data]) else { return nil }
        var policy = SharingPolicy.standard
        if let sealed = row["policy"] as Data? {
            policy = try JSONDecoder().decode(SharingPolicy.self, from: keys.records.open(sealed, context: "policy/\(deviceID.uuidString)"))
        }
        let ms = { (v: Int64?) in v.map { Date(timeIntervalSince1970: Double($0) / 1000) } }
        return PeerSyncState(deviceID: deviceID, user: (row["user_id"] as Data?).flatMap(UUID.init(data:)), policy: policy,
                             acknowledged: (row["holds"] as Data?).map(Self.decodeHolds) ?? [:],
                             lastIn: ms(row["last_in"]), lastOut: ms(row["last_out"]),
                             told: (row["told"] as Data?).map(Self.decodeHolds) ?? [:])
    }

    public func peerSyncState(_ deviceID: UUID) throws -> PeerSyncState? {
        try pool.read { try peerSyncState($0, deviceID) }
    }

    /// Sets what a peer receives beyond the default (see `SharingPolicy`).
    public func setSharingPolicy(_ policy: SharingPolicy, for deviceID: UUID) throws {
        guard mode == .write else { throw SchakelError(.notAllowed, L10n.t("error.readOnly")) }
        let sealed = keys.records.seal(try BundleFormat.encoder.encode(policy), context: "policy/\(deviceID.uuidString)")
        try write { tx in
            try tx.db.execute(sql: "UPDATE peer SET policy = ? WHERE device_id = ?", arguments: [sealed, deviceID.data])
            guard tx.db.changesCount > 0 else { throw SchakelError(.notFound, L10n.t("peer.error.notFound")) }
            tx.audit("peer-policy-changed", detail: deviceID.uuidString)
        }
    }

    /// The cases of this store a peer may change (and erase): those this store's policy shares
    /// with it by role or explicitly. Consent is not asked: a withdrawal must still arrive.
    func casesWritable(by device: UUID, user: UUID, db: Database) throws -> Set<UUID> {
        let policy = try peerSyncState(db, device)?.policy ?? .standard
        if policy.allCases { return Set(try Data.fetchAll(db, sql: "SELECT case_id FROM case_index").compactMap(UUID.init(data:))) }
        var result = policy.extraCases
        if policy.byRole {
            result.formUnion(try Data.fetchAll(db, sql: "SELECT case_id FROM case_index WHERE coordinator = ? OR backup = ?",
                                               arguments: [user.data, user.data]).compactMap(UUID.init(data:)))
        }
        return result
    }

    /// Events this store holds that a peer has not acknowledged (an upper bound of what the
    /// next bundle carries; the sharing policy decides which go with their payload).
    public func pendingOutgoing(_ deviceID: UUID) throws -> Int {
        try pool.read { db in
            let acknowledged = try peerSyncState(db, deviceID)?.acknowledged ?? [:]
            return try holds(db).reduce(0) { sum, entry in
                entry.key == deviceID ? sum : sum + Int(entry.value - min(entry.value, acknowledged[entry.key] ?? 0))
            }
        }
    }

    /// Devices that were revoked here or by a peer: nothing is sent to them or accepted from them.
    public func revokedDevices() throws -> Set<UUID> {
        try pool.read { db in try revokedDevices(db) }
    }

    func revokedDevices(_ db: Database) throws -> Set<UUID> {
        Set(try Data.fetchAll(db, sql: "SELECT device_id FROM revoked_device").compactMap(UUID.init(data:)))
    }
}
