import Foundation
import GRDB
import Crypto

/// What anonymised cases (`Store.anonymiseCase`) leave for the figures: counters, one per
/// breakdown, month and category ("uitbuitingsvorm, 2019-03, arbeidsuitbuiting: 2"), never
/// a record per case. The breakdowns of one case are not linked to each other, so what stays
/// cannot be put back together into a profile of a person (a rare nationality, a small
/// municipality, an age band and a month together could single someone out). Waits are kept
/// as bands, not days. Each counter is sealed with the store's record key under an id that is
/// an HMAC of its key, so the row says nothing without the passphrase. Local to this store: it
/// does not travel in peer bundles (the erasure does), but a backup carries it.
public struct AnonymousCount: Equatable, Hashable, Sendable {
    public var dimension: ReportDimension
    /// The first day of the month the case counted in.
    public var month: CalendarDate
    public var category: String
    public var count: Int

    public init(dimension: ReportDimension, month: CalendarDate, category: String, count: Int) {
        self.dimension = dimension; self.month = CalendarDate(year: month.year, month: month.month, day: 1)!
        self.category = category; self.count = count
    }

    /// Every counter one case adds: its (month, category) in each breakdown.
    static func of(_ record: ReportRecord) -> [AnonymousCount] {
        var out: [AnonymousCount] = []
        var events: [(CalendarDate, String)] = []
        for d in ReportDimension.allCases {
            events.removeAll(keepingCapacity: true)
            d.events(record, into: &events)
            for (day, category) in events { out.append(AnonymousCount(dimension: d, month: day, category: category, count: 1)) }
        }
        return out
    }

    var key: String { "\(dimension.rawValue)|\(String(format: "%04d-%02d", month.year, month.month))|\(category)" }

    /// `v1|dimension|yyyy-mm|category|count`, strict on reading.
    var encoded: Data { Data("v1|\(key)|\(count)".utf8) }

    /// No counter of one store comes near this (it counts cases); a larger one in a backup
    /// is refused, so that adding counters (on restore, in the figures) cannot overflow.
    static let maxCount = 1_000_000_000

    init(encoded data: Data) throws {
        let bad = SchakelError(.integrity, L10n.t("error.decrypt"))
        let parts = String(decoding: data, as: UTF8.self).split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 5, parts[0] == "v1", let d = ReportDimension(rawValue: parts[1]),
              let month = CalendarDate(parsing: parts[2] + "-01"), let n = Int(parts[4]), n > 0, n <= Self.maxCount else { throw bad }
        self.init(dimension: d, month: month, category: parts[3], count: n)
    }
}

extension Store {
    public func anonymousCounts() throws -> [AnonymousCount] {
        try pool.read { db in try anonymousCounts(db) }
    }

    func anonymousCounts(_ db: Database) throws -> [AnonymousCount] {
        try Row.fetchAll(db, sql: "SELECT id, record FROM anonymous_record ORDER BY id").map { row in
            let id: Data = row["id"]
            return try AnonymousCount(encoded: keys.records.open(row["record"], context: "anonymous/\(id.hex)"))
        }
    }
}

extension StoreTransaction {
    /// Adds `counts` to the stored counters (one row per breakdown, month and category).
    func addAnonymous(_ counts: [AnonymousCount]) throws {
        let idKey = SymmetricKey(data: HMAC<SHA256>.authenticationCode(for: Data("anonymous-counter-id".utf8), using: store.keys.storeKey))
        for c in counts {
            let id = Data(HMAC<SHA256>.authenticationCode(for: Data(c.key.utf8), using: idKey).prefix(16))
            var total = c
            if let sealed = try Data.fetchOne(db, sql: "SELECT record FROM anonymous_record WHERE id = ?", arguments: [id]) {
                total.count += try AnonymousCount(encoded: store.keys.records.open(sealed, context: "anonymous/\(id.hex)")).count
            }
            // Two counters in range add up to at most twice the limit; the sum must stay readable.
            guard total.count <= AnonymousCount.maxCount else { throw SchakelError(.integrity, L10n.t("error.decrypt")) }
            try db.execute(sql: "INSERT OR REPLACE INTO anonymous_record (id, record) VALUES (?, ?)",
                           arguments: [id, store.keys.records.seal(total.encoded, context: "anonymous/\(id.hex)")])
        }
    }
}
