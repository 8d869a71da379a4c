import Foundation
import GRDB
import Crypto
#if canImport(Glibc)
import Glibc
#endif

/// One person's encrypted workspace on one device.
///
/// Every change is an event (see `EventEnvelope`) written in the same SQLite transaction
/// as the current state it produces; payloads and the per-case summaries are sealed, and
/// only operational columns are plaintext. Exactly one process may write (`StoreLock`);
/// a store opened for reading works while another process holds the lock.
public final class Store: @unchecked Sendable {
    public enum Mode: Sendable { case write, read }

    public struct Options: Sendable {
        public var role: Role
        public var userName: String
        public var function: String
        public var organisation: String
        public var kdf: ScryptParameters
        public var isDemo: Bool
        /// A restore continues as the backup's user: its user record arrives with the events.
        public var restoredUserID: UUID?
        public init(role: Role, userName: String, function: String, organisation: String, kdf: ScryptParameters, isDemo: Bool = false) {
            self.role = role; self.userName = userName; self.function = function; self.organisation = organisation
            self.kdf = kdf; self.isDemo = isDemo
        }
    }

    public let location: StoreLocation
    public let mode: Mode
    public let clock: Clock
    public let deviceID: UUID
    public let userID: UUID
    public let role: Role
    public let isDemo: Bool
    public let kdf: ScryptParameters

    let pool: DatabasePool
    let keys: StoreKeys
    let signer: DeviceSigner
    private let lock: StoreLock?
    private let stateLock = NSLock()

    // Write-side state, advanced only after a transaction commits.
    var seq: UInt64 = 0
    var head: Data = .zeroHash
    var hlc = HLCGenerator()
    var auditSeq: Int64 = 0
    var auditMAC: Data = .zeroHash
    var knowledgeDue = false
    private var caseKeys: [UUID: Sealer] = [:]

    // MARK: creating and opening

    /// Creates a new store. Fails if one exists at `location` (never overwrites).
    public static func create(at location: StoreLocation, passphrase: String, options: Options, clock: Clock = SystemClock()) throws -> Store {
        if !options.isDemo { try PassphrasePolicy.validate(passphrase) }
        guard !location.exists else { throw SchakelError(.storeExists, L10n.t("error.storeExists", location.directory.path)) }
        umask(0o077)
        let madeDirectory = !FileManager.default.fileExists(atPath: location.directory.path)
        try FileManager.default.createDirectory(at: location.directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let lock: StoreLock
        do { lock = try StoreLock(at: location.lockURL) } catch {
            removeUnfinished(location, removeDirectory: madeDirectory)
            throw error
        }
        // A store that could not be made whole (a full disk, most likely) is removed again:
        // left behind, it would be refused as damaged and block a new `init`.
        var pool: DatabasePool?
        do {
            return try makeNew(at: location, passphrase: passphrase, options: options, clock: clock, lock: lock, pool: &pool)
        } catch {
            try? pool?.close()
            lock.release()
            removeUnfinished(location, removeDirectory: madeDirectory)
            throw error
        }
    }

    /// Removes the files of a store whose creation failed (never called on an existing store:
    /// `create` refuses those before it writes anything).
    private static func removeUnfinished(_ location: StoreLocation, removeDirectory: Bool) {
        let fm = FileManager.default
        for url in [location.databaseURL, URL(fileURLWithPath: location.databaseURL.path + "-wal"),
                    URL(fileURLWithPath: location.databaseURL.path + "-shm"), location.lockURL] {
            try? fm.removeItem(at: url)
        }
        if removeDirectory, (try? fm.contentsOfDirectory(atPath: location.directory.path))?.isEmpty == true {
            try? fm.removeItem(at: location.directory)
        }
    }

    private static func makeNew(at location: StoreLocation, passphrase: String, options: Options, clock: Clock, lock: StoreLock,
                                pool poolOut: inout DatabasePool?) throws -> Store {
        let pool = try openPool(location)
        poolOut = pool
        let storeKey = Sealer.randomKey()
        let keys = StoreKeys(storeKey: storeKey)
        let signer = DeviceSigner()
        let salt = Data.random(count: 16)
        var meta = StoreMeta(kdf: options.kdf, salt: salt,
                             wrappedKey: try StoreKeys.wrapStoreKey(storeKey, passphrase: passphrase, kdf: options.kdf, salt: salt),
                             deviceID: UUID(), sealedSigningKey: keys.device.seal(signer.rawRepresentation, context: "signing-key"),
                             signingPublicKey: signer.publicKey, userID: options.restoredUserID ?? UUID(), role: options.role, isDemo: options.isDemo)
        meta.mac = meta.computeMAC(storeKey: storeKey)
        try Migrations.migrator.migrate(pool)
        let now = HLC(millis: UInt64(clock.now().timeIntervalSince1970 * 1000), counter: 0)
        try pool.write { db in
            try meta.write(db)
            try db.execute(sql: "INSERT INTO meta(key, value) VALUES ('summaryVersion', ?)", arguments: [Data([CaseSummary.version])])
            try db.execute(sql: "INSERT INTO device(id, signing_public_key, added_hlc) VALUES (?, ?, ?)",
                           arguments: [meta.deviceID.data, signer.publicKey, Int64(bitPattern: now.packed)])
        }
        let store = Store(location: location, mode: .write, clock: clock, pool: pool, meta: meta, keys: keys, signer: signer, lock: lock)
        try store.write { tx in
            tx.audit("store-created")
            if options.restoredUserID != nil { return }
            try tx.put(UserRecord(name: options.userName, role: options.role, function: options.function, organisation: options.organisation),
                       entity: meta.userID)
        }
        return store
    }

    /// Opens and unlocks a store. `.write` takes the single-writer lock and applies pending
    /// migrations; `.read` works beside a running writer.
    ///
    /// Wrong passphrases in a row slow the next attempt (`UnlockThrottle`, recorded in the
    /// store directory so it holds across processes): `throttle` says whether to wait
    /// (the default, the command line) or refuse at once (the full-screen UI).
    public static func open(at location: StoreLocation, passphrase: String, mode: Mode = .write, clock: Clock = SystemClock(),
                            throttle: UnlockThrottle.Policy = .wait({ _ in })) throws -> Store {
        guard location.exists else { throw SchakelError(.storeMissing, L10n.t("error.storeMissing", location.directory.path)) }
        umask(0o077)
        let lock = mode == .write ? try StoreLock(at: location.lockURL) : nil
        // A damaged file is refused as damaged; a full disk or a read-only folder (which
        // also stop SQLite opening its WAL index) is said as such, never as damage.
        let pool: DatabasePool
        do { pool = try openPool(location) } catch {
            // GRDB's pool writes a little to an empty WAL when it opens. On a read-only folder or
            // a full disk that fails, yet reading is still possible: a reading command then
            // opens the file read-only.
            guard mode == .read, let e = error as? DatabaseError,
                  [.SQLITE_READONLY, .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_FULL, .SQLITE_IOERR].contains(e.resultCode),
                  let readOnly = try? openPool(location, readOnly: true) else { throw openFailure(error) }
            pool = readOnly
        }
        try checkSchema(pool, mode: mode)
        let meta: StoreMeta
        do { meta = try pool.read { try StoreMeta.read($0) } } catch { throw openFailure(error) }
        let storeKey = try UnlockThrottle(location: location).attempt(throttle) {
            try StoreKeys.unwrapStoreKey(meta.wrappedKey, passphrase: passphrase, kdf: meta.kdf, salt: meta.salt)
        }
        switch meta.verify(storeKey: storeKey) {
        case false?:
            throw SchakelError(.storeCorrupt, L10n.t("error.metaTampered"))
        case nil where mode == .write:
            // A store from before the MAC: add it now that the passphrase proved the key.
            var upgraded = meta
            upgraded.mac = meta.computeMAC(storeKey: storeKey)
            try pool.write { try upgraded.write($0) }
        default:
            break
        }
        let keys = StoreKeys(storeKey: storeKey)
        let signer = try DeviceSigner(rawRepresentation: keys.device.open(meta.sealedSigningKey, context: "signing-key"))
        let store = Store(location: location, mode: mode, clock: clock, pool: pool, meta: meta, keys: keys, signer: signer, lock: lock)
        try store.loadWriteState()
        if mode == .write {
            try store.ingestAuditInbox()
            try store.rebuildSummariesIfNeeded()
        }
        return store
    }

    private init(location: StoreLocation, mode: Mode, clock: Clock, pool: DatabasePool, meta: StoreMeta, keys: StoreKeys,
                 signer: DeviceSigner, lock: StoreLock?) {
        self.location = location; self.mode = mode; self.clock = clock; self.pool = pool; self.keys = keys
        self.signer = signer; self.lock = lock
        deviceID = meta.deviceID; userID = meta.userID; role = meta.role; isDemo = meta.isDemo; kdf = meta.kdf
    }

    static func openPool(_ location: StoreLocation, readOnly: Bool = false) throws -> DatabasePool {
        var config = Configuration()
        config.busyMode = .timeout(10)
        config.readonly = readOnly
        config.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = FULL; PRAGMA temp_store = MEMORY; PRAGMA secure_delete = ON")
        }
        let pool = try DatabasePool(path: location.databaseURL.path, configuration: config)
        if readOnly { return pool }
        // FULL: a commit that returned is on disk even if the power goes a moment later (the
        // WAL is synced at every commit). Set again here: GRDB's pool sets its writer to
        // NORMAL after `prepareDatabase` ran, and NORMAL syncs only at checkpoints, so an
        // acknowledged write could be lost with the power.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        return pool
    }

    /// Why opening failed, for the user: a SchakelError as it is; a database or file error
    /// by its kind (disk full, read-only, no permission); anything else as a damaged store.
    static func openFailure(_ error: Error) -> SchakelError {
        if let e = error as? SchakelError { return e }
        let environmental: Bool
        if let db = error as? DatabaseError {
            environmental = [.SQLITE_FULL, .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN, .SQLITE_IOERR, .SQLITE_BUSY, .SQLITE_LOCKED]
                .contains(db.resultCode)
        } else {
            environmental = SchakelError.posixCode(error).flatMap(SchakelError.fromErrno) != nil
        }
        return environmental ? SchakelError.from(error) : SchakelError(.storeCorrupt, L10n.t("error.storeCorrupt"))
    }

    static func checkSchema(_ pool: DatabasePool, mode: Mode) throws {
        let known = Set(Migrations.names)
        let applied: [String]
        do {
            applied = try pool.read { db in
                try db.tableExists("grdb_migrations") ? try String.fetchAll(db, sql: "SELECT identifier FROM grdb_migrations") : []
            }
        } catch { throw openFailure(error) }
        if applied.isEmpty { throw SchakelError(.storeCorrupt, L10n.t("error.storeCorrupt")) }
        if !Set(applied).isSubset(of: known) {
            throw SchakelError(.newerSchema, L10n.t("error.newerSchema"))
        }
        if Set(applied) != known {
            guard mode == .write else { throw SchakelError(.storeLocked, L10n.t("error.migrationNeedsWrite")) }
            try Migrations.migrator.migrate(pool)
        }
    }

    private func loadWriteState() throws {
        try pool.read { db in
            // The device's own last event carries the highest HLC it has issued; an index
            // lookup, where MAX(hlc) over all events would scan a million rows at unlock.
            if let row = try Row.fetchOne(db, sql: "SELECT seq, id, hlc FROM event WHERE device_id = ? ORDER BY seq DESC LIMIT 1", arguments: [deviceID.data]) {
                seq = UInt64(row["seq"] as Int64)
                head = row["id"]
                hlc = HLCGenerator(last: HLC(packed: UInt64(bitPattern: row["hlc"] as Int64)))
            }
            knowledgeDue = try Bool.fetchOne(db, sql: "SELECT 1 FROM meta WHERE key = 'knowledgeDue'") ?? false
            if let row = try Row.fetchOne(db, sql: "SELECT seq, mac FROM audit ORDER BY seq DESC LIMIT 1") {
                auditSeq = row["seq"]
                auditMAC = row["mac"]
            }
        }
    }

    /// Releases the write lock and closes the database (also done on deinit).
    public func close() {
        stateLock.lock()
        let wasClosed = closed
        closed = true
        stateLock.unlock()
        guard !wasClosed else { return }
        if mode == .write {
            // Fold the WAL back into the database file. GRDB closes the writer before its
            // readers, so SQLite's own checkpoint-on-close never runs: without this, every
            // write since the last automatic checkpoint lived only in the -wal file, and a
            // damaged or lost -wal silently took them away. TRUNCATE leaves an empty -wal.
            // Best effort, waiting at most a second for another process's reader: a
            // checkpoint that fails (disk full, a reader busy) loses nothing, the WAL still
            // holds every commit.
            try? pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA busy_timeout = 1000")
                _ = try db.checkpoint(.truncate)
            }
        }
        try? pool.close()
        lock?.release()
    }

    private var closed = false

    // MARK: writing

    /// Runs `body` in one durable transaction. Everything it records commits together
    /// (events, state, summaries, audit, the signed chain heads) or not at all.
    @discardableResult
    public func write<T>(_ body: (StoreTransaction) throws -> T) throws -> T {
        guard mode == .write else { throw SchakelError(.storeLocked, L10n.t("error.readOnly")) }
        stateLock.lock(); defer { stateLock.unlock() }
        var finished: StoreTransaction?
        let result = try pool.write { db -> T in
            let tx = StoreTransaction(store: self, db: db)
            let r = try body(tx)
            try tx.finish()
            finished = tx
            return r
        }
        if let tx = finished {
            seq = tx.seq; head = tx.head; hlc = tx.hlc; auditSeq = tx.auditSeq; auditMAC = tx.auditMAC
            knowledgeDue = tx.knowledgeDue
            for (id, s) in tx.newCaseKeys { cacheCaseKey(id, s) }
            for (id, file) in tx.changedCaseFiles { cacheCaseFile(file, id: id) }
            for id in tx.forgottenCases { forgetCase(id) }
        }
        return result
    }

    /// Changes the passphrase by re-wrapping the store key: nothing else is re-encrypted.
    public func changePassphrase(to newPassphrase: String, kdf newKDF: ScryptParameters? = nil) throws {
        guard mode == .write else { throw SchakelError(.storeLocked, L10n.t("error.readOnly")) }
        if !isDemo { try PassphrasePolicy.validate(newPassphrase) }
        var meta = try pool.read { try StoreMeta.read($0) }
        let salt = Data.random(count: 16)
        meta.kdf = newKDF ?? meta.kdf
        meta.salt = salt
        meta.wrappedKey = try StoreKeys.wrapStoreKey(keys.storeKey, passphrase: newPassphrase, kdf: meta.kdf, salt: salt)
        meta.mac = meta.computeMAC(storeKey: keys.storeKey)
        try write { tx in
            try meta.write(tx.db)
            tx.audit("passphrase-changed")
        }
    }

    // MARK: keys

    func caseSealer(_ caseID: UUID, db: Database) throws -> Sealer? {
        if let s = cachedCaseKey(caseID) { return s }
        guard let wrapped = try Data.fetchOne(db, sql: "SELECT wrapped FROM case_key WHERE case_id = ?", arguments: [caseID.data]) else {
            return nil
        }
        let s = try keys.unwrapCaseKey(wrapped, caseID: caseID)
        cacheCaseKey(caseID, s)
        return s
    }

    func cachedCaseKey(_ id: UUID) -> Sealer? {
        caseKeyLock.lock(); defer { caseKeyLock.unlock() }
        return caseKeys[id]
    }

    func cacheCaseKey(_ id: UUID, _ s: Sealer) {
        caseKeyLock.lock(); caseKeys[id] = s; caseKeyLock.unlock()
    }

    private let caseKeyLock = NSLock()

    // Assembled case files, so that a run of changes to one case decodes its events once.
    // Only the writing process fills it, from its own committed transactions. (Sync must
    // clear an entry when it applies another device's events to that case.)
    private static let caseFileCacheLimit = 256
    private var caseFiles: [UUID: CaseFile] = [:]

    func cachedCaseFile(_ id: UUID) -> CaseFile? {
        caseKeyLock.lock(); defer { caseKeyLock.unlock() }
        return caseFiles[id]
    }

    /// Drops an erased case's key and file from memory.
    func forgetCase(_ id: UUID) {
        caseKeyLock.lock(); defer { caseKeyLock.unlock() }
        caseFiles[id] = nil
        caseKeys[id] = nil
    }

    func cacheCaseFile(_ file: CaseFile, id: UUID) {
        caseKeyLock.lock(); defer { caseKeyLock.unlock() }
        if caseFiles.count >= Self.caseFileCacheLimit, caseFiles[id] == nil { caseFiles.removeAll(keepingCapacity: true) }
        caseFiles[id] = file
    }
}

extension Store {
    /// Whether the store at `location` is marked as a demo store (readable without unlocking;
    /// for display only).
    public static func isDemoStore(at location: StoreLocation) -> Bool {
        guard location.exists, let pool = try? openPool(location) else { return false }
        defer { try? pool.close() }
        return (try? pool.read { try StoreMeta.read($0).isDemo }) ?? false
    }

    /// Proof that the store is a demo store, for deleting it: the flag, the demo passphrase
    /// unlocking it, and the authenticated metadata agreeing. A flipped flag on a real store fails.
    public static func isVerifiedDemoStore(at location: StoreLocation) -> Bool {
        guard location.exists, let pool = try? openPool(location) else { return false }
        defer { try? pool.close() }
        guard let meta = try? pool.read({ try StoreMeta.read($0) }), meta.isDemo,
              let key = try? StoreKeys.unwrapStoreKey(meta.wrappedKey, passphrase: DemoGenerator.passphrase, kdf: meta.kdf, salt: meta.salt)
        else { return false }
        return meta.verify(storeKey: key) != false
    }
}
