import Foundation
import GRDB

/// Which audit entries to show. Every condition is optional; dates are calendar days in
/// the store's time zone (Europe/Amsterdam), both ends inclusive.
public struct AuditFilter: Equatable, Sendable {
    public var user: UUID?
    public var caseID: UUID?
    public var from: CalendarDate?
    public var to: CalendarDate?
    /// The raw action (`case-opened`, `case-shared`, ...).
    public var action: String?

    public init(user: UUID? = nil, caseID: UUID? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil, action: String? = nil) {
        self.user = user; self.caseID = caseID; self.from = from; self.to = to; self.action = action
    }

    public func matches(_ entry: AuditEntry) -> Bool {
        if let user, entry.user != user { return false }
        if let caseID, entry.caseID != caseID { return false }
        // The id (`store-created`) or the label people see in the list ("Opslag aangemaakt").
        if let action, entry.action != action,
           AuditQuery.actionLabel(entry.action).compare(action, options: [.caseInsensitive, .diacriticInsensitive]) != .orderedSame { return false }
        if from != nil || to != nil {
            let day = CalendarDate(entry.at)
            if let from, day < from { return false }
            if let to, day > to { return false }
        }
        return true
    }
}

/// One audit entry as the audit view shows it: names and codes resolved, nothing of a client.
public struct AuditRow: Equatable, Sendable {
    /// Position in the log (1 = the store's first entry).
    public var seq: Int
    public var at: Date
    public var userID: UUID
    /// The colleague's name from the store's users, or the start of the id when unknown.
    public var userName: String
    public var action: String
    /// A localized label for a known action, the raw action otherwise.
    public var actionLabel: String
    public var caseID: UUID?
    /// The case code, `AuditQuery.erasedMarker` for an erased case, `unknownMarker` for a case
    /// this store does not hold; nil for entries about no case.
    public var caseCode: String?
    /// The stored detail; a `case-shared` detail in words (`BundleShareDetail.readable`).
    public var detail: String
}

/// The audit chain's verification (`schakel check` runs the same code).
public struct AuditChainStatus: Equatable, Sendable {
    public var entries: Int
    /// The first entry whose seal, sequence or chained MAC is wrong.
    public var firstBroken: Int64?
    /// The device-signed head names the last entry.
    public var headValid: Bool

    public init(entries: Int, firstBroken: Int64?, headValid: Bool) {
        self.entries = entries; self.firstBroken = firstBroken; self.headValid = headValid
    }

    public var isIntact: Bool { firstBroken == nil && headValid }

    /// "intact", or which entry failed, in words.
    public var text: String {
        if isIntact { return L10n.t("audit.chainIntact", entries) }
        var parts: [String] = []
        if let firstBroken { parts.append(L10n.t("check.auditBroken", firstBroken)) }
        if !headValid { parts.append(L10n.t("check.auditHead")) }
        return parts.joined(separator: " ")
    }
}

/// The result of an audit query: the rows that match, and whether the log is whole.
public struct AuditView: Equatable, Sendable {
    public var rows: [AuditRow]
    /// All entries in the log (before filtering).
    public var total: Int
    public var chain: AuditChainStatus

    public init(rows: [AuditRow], total: Int, chain: AuditChainStatus) { self.rows = rows; self.total = total; self.chain = chain }
}

public enum AuditQuery {
    /// Shown instead of the code of a case that was erased: never anything of its data.
    public static var erasedMarker: String { L10n.t("audit.erasedCase") }
    /// A case id this store has no record of (an entry from before a restore, a case not shared here).
    public static var unknownMarker: String { L10n.t("audit.unknownCase") }

    /// The action of a row whose entry does not decrypt.
    public static let unreadableAction = "?"

    /// Actions the code writes, for labels (`auditAction.<action>`) and the `--action` help.
    public static let knownActions: [String] = [
        "absence-ended", "absence-started", "backup-restored", "backup-written", "bundle-exported", "bundle-imported", "bundle-refused",
        "case-changed", "case-code-collision", "case-erased", "case-erased-by-peer", "case-list-names", "case-opened", "case-received",
        "case-shared", "case-transferred", "conflict-resolved", "document-exported", "document-opened", "export-comensha",
        "history-viewed", "import-caseload", "inzage-exported", "key-exported", "meeting-export-full", "passphrase-changed",
        "peer-added", "peer-policy-changed", "peer-removed", "peer-revocation-lifted", "peer-revoked", "peer-revoked-by-peer",
        "store-created", "store-restored", "summaries-rebuilt", "case-anonymised", "data-breach-recorded", "report-exported", "retention-policy-changed", "log-exported",
    ]

    public static func actionLabel(_ action: String) -> String {
        let key = "auditAction.\(action)"
        let t = L10n.t(key)
        return t == key ? action : t
    }

    /// Column titles, in the order of `cells`.
    public static var header: [String] {
        [L10n.t("col.seq"), L10n.t("col.time"), L10n.t("col.user"), L10n.t("col.action"), L10n.t("col.code"), L10n.t("col.detail")]
    }

    public static func cells(_ row: AuditRow) -> [String] {
        [String(row.seq), row.action == unreadableAction ? "" : timestamp(row.at), row.userName, row.actionLabel, row.caseCode ?? "", row.detail]
    }

    /// `2026-11-22 14:05:09` in the store's time zone.
    public static func timestamp(_ date: Date) -> String {
        let c = Calendar.schakel.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        func pad(_ n: Int?, _ w: Int) -> String { let s = String(n ?? 0); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(c.year, 4))-\(pad(c.month, 2))-\(pad(c.day, 2)) \(pad(c.hour, 2)):\(pad(c.minute, 2)):\(pad(c.second, 2))"
    }

    /// The rows as CSV (either dialect, optional BOM; the formula guard is `CSV`'s). Codes only:
    /// an audit row never holds a client's name.
    public static func csv(_ rows: [AuditRow], options: CSV.Options = CSV.Options()) -> Data {
        CSV.write([header] + rows.map(cells), options: options)
    }

    /// A Markdown document: title, the filter in words, the chain's state, then the table.
    public static func markdown(_ view: AuditView, filterText: String) -> String {
        var lines = ["# " + L10n.t("audit.title"), ""]
        if !filterText.isEmpty { lines += [filterText, ""] }
        lines += [L10n.t("audit.chain", view.chain.text), "", L10n.t("audit.count", view.rows.count, view.total), ""]
        lines += MarkdownTable.lines(header, view.rows.map(cells))
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Store {
    /// The audit log filtered, with names and codes resolved, and the chain verified.
    /// Only the beheerder (`Capability.audit`) may read it.
    public func auditView(_ filter: AuditFilter = AuditFilter()) throws -> AuditView {
        try role.require(.audit)
        let chain = try verifyAuditChain()
        return AuditView(rows: try auditRows(filter), total: chain.entries, chain: chain)
    }

    /// The rows without the role check (the caller checked). An entry that does not open
    /// (tampered with) is listed as `AuditQuery.unreadableAction` whatever the filter: the log
    /// stays readable around it, and the chain status names it.
    func auditRows(_ filter: AuditFilter) throws -> [AuditRow] {
        let (sealed, codes, erased) = try pool.read { db in
            (try Row.fetchAll(db, sql: "SELECT seq, entry FROM audit ORDER BY seq").map { ($0["seq"] as Int64, $0["entry"] as Data) },
             try caseCodes(db), try erasedCases(db))
        }
        let names = try userNames()
        var rows: [AuditRow] = []
        for (seq, entry) in sealed {
            guard let e = try? AuditEntry(encoded: keys.audit.open(entry, context: "audit/\(seq)")) else {
                rows.append(AuditRow(seq: Int(seq), at: Date(timeIntervalSince1970: 0), userID: .zero, userName: "?", action: AuditQuery.unreadableAction,
                                     actionLabel: L10n.t("audit.unreadableDetail"), caseID: nil, caseCode: nil, detail: ""))
                continue
            }
            guard filter.matches(e) else { continue }
            var code: String?
            if let c = e.caseID { code = codes[c] ?? (erased.contains(c) ? AuditQuery.erasedMarker : AuditQuery.unknownMarker) }
            var detail = e.detail ?? ""
            if e.action == BundleShareDetail.action { detail = BundleShareDetail(detail: detail)?.readable ?? L10n.t("audit.unreadableDetail") }
            rows.append(AuditRow(seq: Int(seq), at: e.at, userID: e.user, userName: names[e.user] ?? String(e.user.uuidString.prefix(8)),
                                 action: e.action, actionLabel: AuditQuery.actionLabel(e.action), caseID: e.caseID, caseCode: code, detail: detail))
        }
        return rows
    }

    /// Whether the audit log is whole (the check `schakel check` runs on it).
    public func verifyAuditChain() throws -> AuditChainStatus {
        try pool.read { db in try auditChainStatus(db) }
    }

    /// A user named on the command line: a full id, an id prefix of at least 8 characters,
    /// or the name (case-insensitive). Ambiguous or unknown: an error naming the problem.
    public func resolveUser(_ text: String) throws -> UUID {
        let t = text.trimmingCharacters(in: .whitespaces)
        if let id = UUID(uuidString: t) { return id }
        let users = try records(UserRecord.self)
        var found = users.filter { $0.value.name.compare(t, options: [.caseInsensitive, .diacriticInsensitive]) == .orderedSame }.map(\.id)
        if found.isEmpty && t.count >= 8 {
            found = users.map(\.id).filter { $0.uuidString.lowercased().hasPrefix(t.lowercased()) }
        }
        guard found.count == 1 else {
            throw SchakelError(found.isEmpty ? .notFound : .validation, L10n.t(found.isEmpty ? "audit.error.userNotFound" : "audit.error.userAmbiguous", t))
        }
        return found[0]
    }

    /// User id → name, from the store's users (colleagues arrive with bundles).
    func userNames() throws -> [UUID: String] {
        Dictionary(try records(UserRecord.self).map { ($0.id, $0.value.name) }, uniquingKeysWith: { a, _ in a })
    }

    /// Case id → code from the index's plaintext code column (no case is decrypted).
    func caseCodes(_ db: Database) throws -> [UUID: String] {
        var out: [UUID: String] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT case_id, code FROM case_index") {
            if let id = UUID(data: row["case_id"]) { out[id] = row["code"] }
        }
        return out
    }

    func erasedCases(_ db: Database) throws -> Set<UUID> {
        Set(try Data.fetchAll(db, sql: "SELECT case_id FROM tombstone").compactMap(UUID.init(data:)))
    }
}
