import Foundation
import GRDB

/// What imports changed since the user last looked: per case, the field groups that other
/// devices changed. Sealed in `meta` (it lists cases); the sync view shows it and clears it.
public struct SyncNews: Codable, Equatable, Sendable {
    public var since: Date?
    public var cases: [UUID: Set<String>] = [:]
    public var conflicts = 0

    public init() {}
    public var isEmpty: Bool { cases.isEmpty }

    static func add(_ changes: [(UUID, Set<String>)], conflicts: Int, in tx: StoreTransaction) throws {
        guard !changes.isEmpty else { return }
        var news = try read(tx.db, store: tx.store) ?? SyncNews()
        if news.since == nil { news.since = tx.store.clock.now() }
        for (c, groups) in changes { news.cases[c, default: []].formUnion(groups) }
        news.conflicts = conflicts
        try write(news, tx.db, store: tx.store)
    }

    static func read(_ db: Database, store: Store) throws -> SyncNews? {
        guard let sealed = try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'syncNews'") else { return nil }
        return try JSONDecoder().decode(SyncNews.self, from: store.keys.records.open(sealed, context: "sync-news"))
    }

    static func write(_ news: SyncNews?, _ db: Database, store: Store) throws {
        guard let news else { try db.execute(sql: "DELETE FROM meta WHERE key = 'syncNews'"); return }
        let sealed = store.keys.records.seal(try BundleFormat.encoder.encode(news), context: "sync-news")
        try db.execute(sql: "INSERT OR REPLACE INTO meta (key, value) VALUES ('syncNews', ?)", arguments: [sealed])
    }
}

extension Store {
    /// Changes brought by imports since the user last marked them seen.
    public func syncNews() throws -> SyncNews {
        try pool.read { try SyncNews.read($0, store: self) } ?? SyncNews()
    }

    public func clearSyncNews() throws {
        try write { tx in try SyncNews.write(nil, tx.db, store: self) }
    }
}
