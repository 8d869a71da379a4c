import Foundation
import GRDB
@testable import Core

/// More helpers for the sync suites (convergence, safety).
extension SyncTest {
    /// Every store shares every case with every peer (so that all stores must end up equal).
    /// Two peers that share every case with each other. The caller removes both stores.
    static func sharingPair() throws -> (Store, Store) {
        let stores = try team(2)
        try shareAll(stores)
        return (stores[0], stores[1])
    }

    static func shareAll(_ stores: [Store]) throws {
        for a in stores {
            for b in stores where a !== b { try a.setSharingPolicy(SharingPolicy(allCases: true), for: b.deviceID) }
        }
    }

    /// A bundle written to a file that stays (the caller removes it).
    static func export(_ from: Store, _ to: Store) throws -> URL {
        let url = bundleURL()
        _ = try from.exportBundle(to: to.deviceID, out: url)
        return url
    }

    /// `state` plus what the case index shows, and per device the chain each store holds and
    /// how many of those events carry a payload: stores that hold the same data agree on all.
    static func fullState(_ store: Store) throws -> [String] {
        var out = try state(store)
        try store.pool.read { db in
            for row in try Row.fetchAll(db, sql: "SELECT case_id, phase, coordinator, backup FROM case_index") {
                out.append("x \((row["case_id"] as Data).hex) \(row["phase"] as String) \((row["coordinator"] as Data).hex) \((row["backup"] as Data?)?.hex ?? "-")")
            }
            for row in try Row.fetchAll(db, sql: """
                SELECT device_id, COUNT(*) AS n, SUM(length(payload) > 0) AS p, MAX(seq) AS m FROM event GROUP BY device_id
                """) {
                out.append("e \((row["device_id"] as Data).hex) \(row["n"] as Int) \(row["p"] as Int) \(row["m"] as Int)")
            }
            for row in try Row.fetchAll(db, sql: "SELECT device_id, seq, head FROM chain_head") {
                out.append("h \((row["device_id"] as Data).hex) \(row["seq"] as Int) \((row["head"] as Data).hex)")
            }
        }
        return out.sorted()
    }

    /// Everything an import may change, for "the store is unchanged" after a refused bundle.
    static func snapshot(_ store: Store) throws -> [String] {
        var out = try fullState(store)
        try store.pool.read { db in
            for table in ["event", "audit", "imported_bundle", "peer_sync", "peer_case", "revoked_device", "device", "document_blob", "case_key"] {
                out.append("n \(table) \(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table)") ?? -1)")
            }
            for row in try Row.fetchAll(db, sql: "SELECT device_id, holds, told FROM peer_sync") {
                out.append("p \((row["device_id"] as Data).hex) \((row["holds"] as Data?)?.hex ?? "-") \((row["told"] as Data?)?.hex ?? "-")")
            }
            for row in try Row.fetchAll(db, sql: "SELECT device_id, user_id, revoked_at FROM peer") {
                out.append("q \((row["device_id"] as Data).hex) \((row["user_id"] as Data?)?.hex ?? "-") \((row["revoked_at"] as Int64?) ?? -1)")
            }
        }
        return out.sorted()
    }

    static func eventCount(_ store: Store) throws -> Int {
        try store.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM event") ?? 0 }
    }

    static func conflictRows(_ store: Store, kind: Int? = nil) throws -> Int {
        try store.pool.read { db in
            if let kind { return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conflict WHERE kind = ?", arguments: [kind]) ?? 0 }
            return try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM conflict") ?? 0
        }
    }

    /// Every exchange between every ordered pair, round after round, until a round brings
    /// nothing new. Returns the number of rounds that still brought something.
    @discardableResult
    static func exchangeUntilQuiet(_ stores: [Store], maxRounds: Int = 8) throws -> Int? {
        for round in 0..<maxRounds {
            var changed = false
            for a in stores {
                for b in stores where a !== b {
                    let r = try send(a, b)
                    guard r.outcome == .applied else { throw SchakelError(.integrity, "exchange: \(r.outcome)") }
                    if r.newEvents > 0 || r.filled > 0 || r.revocations > 0 || r.erasures > 0 { changed = true }
                }
            }
            if !changed { return round }
        }
        return nil
    }

    /// Every regular file under `dir`, recursively.
    static func files(under dir: URL) -> [URL] {
        guard let e = FileManager.default.enumerator(at: dir, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        return e.compactMap { $0 as? URL }.filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true }
    }

    /// Where a sentinel occurs in a file, in UTF-8 or UTF-16LE (nil: nowhere).
    static func contains(_ data: Data, _ sentinel: String) -> Bool {
        data.range(of: Data(sentinel.utf8)) != nil
            || data.range(of: Data(sentinel.utf16.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] })) != nil
    }

    static func temporaryDirectory(_ label: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }

    /// A peer bundle made by hand from `from`'s real header, changed by `edit` (for bundles no
    /// honest writer makes: a newer schema). Signed by the sender, encrypted to the recipient.
    static func craftBundle(_ from: Store, to: Store, edit: (inout BundleHeader) -> Void) throws -> URL {
        guard let peer = try from.peer(to.deviceID) else { throw SchakelError(.notFound, "no such peer") }
        let recipient = try AgeX25519Recipient(rawRepresentation: peer.card.agreementKey)
        var bytes = Data()
        let age = try AgeWriter(recipients: [recipient]) { bytes.append(contentsOf: $0) }
        try from.pool.read { db in
            let ack = try from.peerSyncState(db, to.deviceID)?.acknowledged ?? [:]
            var header = try from.bundleHeader(db, kind: .peer, recipient: to.deviceID, acknowledged: ack, skip: to.deviceID, fullCases: [])
            edit(&header)
            let writer = try BundleWriter(header: header) { try age.write($0) }
            try writer.finish(signer: from.signer)
        }
        try age.finish()
        let url = bundleURL()
        try bytes.write(to: url)
        return url
    }
}

extension SyncTest {
    /// The registers whose stored state differs from what the events say (the rule `check`
    /// applies), described for a failure message: kind, group, heads by the events, stored state.
    static func stateMismatches(_ store: Store) throws -> [String] {
        try store.pool.read { db in
            var heads: [RegisterKey: [RegisterHead]] = [:]
            var replaced = Set<Data>()
            var kinds: [Data: String] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT id, device_id, hlc, entity_kind, entity_id, field_group, op, overwrote, seq FROM event WHERE length(payload) > 0") {
                let key = RegisterKey(kind: row["entity_kind"], entity: row["entity_id"], group: row["field_group"])
                let id: Data = row["id"]
                kinds[id] = "\((row["device_id"] as Data).hex.prefix(4))#\(row["seq"] as Int) op\(row["op"] as Int) parents=\(EventEnvelope.split(row["overwrote"]).map { $0.hex.prefix(6) })"
                heads[key, default: []].append(RegisterHead(id: id, hlc: row["hlc"], device: row["device_id"], removed: (row["op"] as Int) == 2))
                for p in EventEnvelope.split(row["overwrote"]) { replaced.insert(p) }
            }
            var out: [String] = []
            var stored: [RegisterKey: (Data, Int)] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT entity_kind, entity_id, field_group, event_id, removed FROM entity_state") {
                stored[RegisterKey(kind: row["entity_kind"], entity: row["entity_id"], group: row["field_group"])] = (row["event_id"], row["removed"])
            }
            for (key, all) in heads {
                let live = all.filter { !replaced.contains($0.id) }
                var winner = live.first
                for h in live.dropFirst() where RegisterHead.wins(h, over: winner!) { winner = h }
                let s = stored[key]
                let conflicts = Set(try Data.fetchAll(db, sql: "SELECT event_id FROM conflict WHERE entity_kind = ? AND entity_id = ? AND field_group = ? AND kind = 1",
                                                      arguments: [key.kind, key.entity, key.group]))
                let others = Set(live.map(\.id)).subtracting([winner?.id].compactMap { $0 })
                let value = { (id: Data) throws -> Data? in
                    guard let r = try Row.fetchOne(db, sql: "SELECT payload, op, case_id FROM event WHERE id = ?", arguments: [id]), (r["op"] as Int) != 2 else { return nil }
                    let caseID = (r["case_id"] as Data?).flatMap(UUID.init(data:))
                    guard let sealer = caseID == nil ? store.keys.records : try store.caseSealer(caseID!, db: db) else { return nil }
                    return try sealer.open(r["payload"], context: "event/\(id.hex)").dropFirst(16)
                }
                var expected = Set<Data>()
                if let w = winner { for h in others where try value(h) != value(w.id) { expected.insert(h) } }
                if conflicts != expected {
                    out.append("\(key.kind).\(key.group) \(key.entity.hex.prefix(6)): conflict rows \(conflicts.map { $0.hex.prefix(6) }) expected \(expected.map { $0.hex.prefix(6) }); winner \(winner.map { $0.id.hex.prefix(6) } ?? "-") heads \(live.map { "\($0.id.hex.prefix(6)) \(kinds[$0.id]!) \(String(decoding: (try? value($0.id)) ?? Data(), as: UTF8.self))" }) all \(all.map { "\($0.id.hex.prefix(6)) \(kinds[$0.id]!)" }) without payload \(try Row.fetchAll(db, sql: "SELECT id, seq, device_id, overwrote FROM event WHERE entity_id = ? AND field_group = ? AND length(payload) = 0", arguments: [key.entity, key.group]).map { "\(($0["id"] as Data).hex.prefix(6)) \(($0["device_id"] as Data).hex.prefix(4))#\($0["seq"] as Int) \(EventEnvelope.split($0["overwrote"]).map { $0.hex.prefix(6) })" })")
                }
                if !conflicts.isSubset(of: others) {
                    out.append("\(key.kind).\(key.group) \(key.entity.hex.prefix(6)): conflict rows \(conflicts.map { $0.hex.prefix(6) }) not heads; heads \(live.map { "\($0.id.hex.prefix(6)) \(kinds[$0.id]!)" }) all \(all.map { "\($0.id.hex.prefix(6)) \(kinds[$0.id]!)" })")
                }
                if winner?.id != s?.0 {
                    out.append("\(key.kind).\(key.group) \(key.entity.hex.prefix(6)): heads \(live.map { "\($0.id.hex.prefix(6)) \(kinds[$0.id]!)" }) all \(all.map { "\($0.id.hex.prefix(6)) \(kinds[$0.id]!)" }) stored \(s.map { "\($0.0.hex.prefix(6)) removed \($0.1)" } ?? "none")")
                }
            }
            for (key, s) in stored where heads[key] == nil { out.append("\(key.kind).\(key.group) \(key.entity.hex.prefix(6)): no events, stored \(s.0.hex.prefix(6))") }
            return out.sorted()
        }
    }
}
