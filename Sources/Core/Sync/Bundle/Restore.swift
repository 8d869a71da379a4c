import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// `schakel restore FILE`: a new store from a backup, with a new device id (and new keys), so
/// that it never continues the old device's chain: the old device's events arrive as those
/// of another device. The user, the role and the peers come back; peers must add the new
/// device's contact card, since they cannot know the new keys.
extension Store {
    public static func restore(from url: URL, backupPassphrase: String, at location: StoreLocation, passphrase: String,
                               kdf: ScryptParameters, clock: Clock = SystemClock()) throws -> (Store, ImportReport) {
        let identity = AgeScryptIdentity(passphrase: backupPassphrase)
        let header = try peekHeader(url, identities: [identity])
        guard header.kind == .backup, let role = header.role else { throw SchakelError(.validation, L10n.t("bundle.error.kind")) }
        guard Set(header.migrations).isSubset(of: Set(Migrations.names)) else {
            throw SchakelError(.newerSchema, L10n.t("bundle.hold.newerSchema"))
        }
        var options = Options(role: role, userName: "", function: "", organisation: "", kdf: kdf)
        options.restoredUserID = header.senderUser
        let folderExisted = FileManager.default.fileExists(atPath: location.directory.path)
        let store = try create(at: location, passphrase: passphrase, options: options, clock: clock)
        do {
            let report = try store.readBundle(url, identities: [identity], expect: .backup)
            try store.write { tx in
                for entry in header.peers ?? [] where entry.card.deviceID != store.deviceID {
                    let sealed = store.keys.records.seal(try JSONEncoder().encode(entry.card), context: "peer/\(entry.card.deviceID.uuidString)")
                    let policy = try entry.policy.map {
                        store.keys.records.seal(try BundleFormat.encoder.encode($0), context: "policy/\(entry.card.deviceID.uuidString)")
                    }
                    let revoked = try Int64.fetchOne(tx.db, sql: "SELECT revoked_at FROM revoked_device WHERE device_id = ?",
                                                     arguments: [entry.card.deviceID.data])
                    try tx.db.execute(sql: """
                        INSERT OR IGNORE INTO peer (device_id, agreement_public_key, signing_public_key, card, added_at, revoked_at, user_id, policy)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """, arguments: [entry.card.deviceID.data, entry.card.agreementKey, entry.card.signingKey, sealed,
                                         Int64(clock.now().timeIntervalSince1970 * 1000), revoked, entry.user?.data, policy])
                }
                // The figures of anonymised cases, and the retention periods, come back too.
                // Counters out of range (two huge ones used to overflow the sum and crash) make the
                // backup damaged, as any other malformed part would.
                do { try tx.addAnonymous(try (header.anonymousCounts ?? []).map(AnonymousCount.init(encoded:))) } catch {
                    throw BundleParser.corrupt()
                }
                if let text = header.retention, let policy = RetentionPolicy(encoded: text), (try? policy.validated()) != nil {
                    try tx.db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('retention', ?)", arguments: [Data(text.utf8)])
                }
                tx.audit("store-restored", detail: header.sender.uuidString)
            }
            return (store, report)
        } catch {
            // A backup that does not read completely leaves no half store behind.
            store.close()
            if folderExisted {
                for name in ["schakel.sqlite", "schakel.sqlite-wal", "schakel.sqlite-shm", "schakel.lock", "audit-inbox", "sync-wacht"] {
                    try? FileManager.default.removeItem(at: location.directory.appendingPathComponent(name))
                }
            } else {
                try? FileManager.default.removeItem(at: location.directory)
            }
            throw error
        }
    }

    /// The header only (to learn the user and role before the store exists).
    static func peekHeader(_ url: URL, identities: [AgeIdentity]) throws -> BundleHeader {
        struct Found: Error { var header: BundleHeader }
        let fd = try AgeIO.openForReading(url)
        defer { Glibc.close(fd) }
        let parser = BundleParser(onHeader: { throw Found(header: $0) }, onRecord: { _ in })
        do {
            try AgeDecryptor.decrypt(fd: fd, identities: identities) { try parser.feed($0) }
        } catch let found as Found {
            return found.header
        }
        throw BundleParser.corrupt()
    }
}
