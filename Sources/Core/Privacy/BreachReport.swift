import Foundation
import GRDB

/// What a lost or stolen device held, as far as this store can tell: the basis for the entry in
/// the organisation's register of data breaches and, when there is a risk, the notification to
/// the Autoriteit Persoonsgegevens within 72 hours (AVG art. 33). Codes only, never names: the
/// report goes to the privacy officer, who does not need them.
///
/// A case counts as exposed when any of these holds:
/// - this store sent it to the device (`case-shared` audit entries of bundle exports);
/// - the device wrote to it (events signed by the device are in this store);
/// - (not on its own, but marking such a case as there in full) the device's user
///   coordinates it or is its backup;
/// - this store was restored from a backup of the device (`store-restored`): then every case
///   that was in the backup was on the device.
public struct BreachReport: Equatable, Sendable {
    public enum Reason: String, Sendable, CaseIterable, Comparable {
        case restoredFrom = "restored", roles, wrote, shared
        public static func < (a: Reason, b: Reason) -> Bool { allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)! }
    }

    public struct ExposedCase: Equatable, Sendable {
        public var caseID: UUID
        public var code: String
        /// nil when the case was erased since (nothing is left to tell).
        public var minor: Bool?
        public var reasons: Set<Reason>
        /// Field groups known to have gone to the device (`kind.group`), sorted; empty when the
        /// whole case was there (`roles`, `restoredFrom`).
        public var groups: [String]
        public var first: CalendarDate?
        public var last: CalendarDate?
        public var wholeCase: Bool { reasons.contains(.roles) || reasons.contains(.restoredFrom) }
    }

    public var device: UUID
    /// The colleague's name from the contact card, or nil for a device that is not a peer.
    public var deviceName: String?
    public var revokedAt: Date?
    public var isPredecessor: Bool
    public var discovered: Date
    public var lastExchange: Date?
    public var cases: [ExposedCase]

    /// AVG art. 33(1): without undue delay and where feasible within 72 hours.
    public var notifyBefore: Date { discovered.addingTimeInterval(72 * 3600) }
    public var minors: Int { cases.filter { $0.minor == true }.count }
    /// Whether special categories (health, crime, sex life, free text) were among what went.
    public var specialCategories: Bool {
        cases.contains { $0.wholeCase || $0.groups.contains(where: Self.isSpecial) }
    }

    static func isSpecial(_ groupKey: String) -> Bool {
        FieldCatalog.byKey[groupKey]?.fields.values.contains(.specialCategory) ?? false
    }
}

extension Store {
    /// The audit action of a recorded breach report.
    public static let breachAction = "data-breach-recorded"

    /// The report for `device` (a peer, or a device whose events this store holds). Records
    /// that it was made in the audit log (device and counts only) when the store is writable.
    public func breachReport(device: UUID, discovered: Date) throws -> BreachReport {
        if !role.may(.audit) { try role.require(.readCases) }
        guard device != deviceID else { throw SchakelError(.validation, L10n.t("breach.error.thisDevice")) }
        let peer = try self.peer(device)
        let sync = try peerSyncState(device)
        let entries = try auditEntries()
        let isPredecessor = entries.contains { $0.action == "store-restored" && $0.detail == device.uuidString }
        var found: [UUID: BreachReport.ExposedCase] = [:]
        func note(_ id: UUID, _ reason: BreachReport.Reason, groups: [String] = [], on days: [CalendarDate] = []) {
            var c = found[id] ?? BreachReport.ExposedCase(caseID: id, code: "", minor: nil, reasons: [], groups: [], first: nil, last: nil)
            c.reasons.insert(reason)
            c.groups = Array(Set(c.groups).union(groups)).sorted()
            for d in days {
                c.first = min(c.first ?? d, d)
                c.last = max(c.last ?? d, d)
            }
            found[id] = c
        }
        for e in entries where e.action == BundleShareDetail.action {
            guard let caseID = e.caseID, let d = BundleShareDetail(detail: e.detail ?? ""), d.recipientDevice == device else { continue }
            note(caseID, .shared, groups: d.groups, on: [CalendarDate(e.at)])
        }
        let (codes, erased, summaries) = try pool.read { db -> ([UUID: String], Set<UUID>, [UUID: CaseSummary]) in
            let rows = try Row.fetchAll(db, sql: """
                SELECT case_id, entity_kind, field_group, MIN(hlc) AS first, MAX(hlc) AS last FROM event
                 WHERE device_id = ? AND case_id IS NOT NULL GROUP BY case_id, entity_kind, field_group
                """, arguments: [device.data])
            for row in rows {
                guard let id = (row["case_id"] as Data?).flatMap(UUID.init(data:)) else { continue }
                let days = [row["first"], row["last"]].map { (v: Int64) in CalendarDate(HLC(packed: UInt64(v)).date) }
                note(id, .wrote, groups: ["\(row["entity_kind"] as String).\(row["field_group"] as String)"], on: days)
            }
            // Coordinator or backup of a case known to be there: the device held all of it. A
            // case of theirs that never went there (a team store's policy) is not counted.
            if let user = sync?.user {
                for roles in try CaseRoles.all(db) where found[roles.id] != nil && (roles.coordinator == user || roles.backup == user) {
                    note(roles.id, .roles)
                }
            }
            if isPredecessor {
                for roles in try CaseRoles.all(db) { note(roles.id, .restoredFrom) }
            }
            let readable = role.may(.readCases)
                ? Dictionary(try self.summaries(db: db).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a }) : [:]
            return (try caseCodes(db), try erasedCases(db), readable)
        }
        guard peer != nil || !found.isEmpty || isPredecessor else {
            throw SchakelError(.notFound, L10n.t("breach.error.unknownDevice"))
        }
        let today = CalendarDate(clock.now())
        var cases = Array(found.values)
        for i in cases.indices {
            let id = cases[i].caseID
            cases[i].code = codes[id] ?? (erased.contains(id) ? AuditQuery.erasedMarker : AuditQuery.unknownMarker)
            cases[i].minor = summaries[id].map { $0.track(on: today) == .minor }
        }
        cases.sort { ($0.code, $0.caseID.uuidString) < ($1.code, $1.caseID.uuidString) }
        let report = BreachReport(device: device, deviceName: peer?.card.name, revokedAt: peer?.revokedAt, isPredecessor: isPredecessor,
                                  discovered: discovered, lastExchange: [sync?.lastIn, sync?.lastOut].compactMap { $0 }.max(), cases: cases)
        if mode == .write {
            try write { tx in
                tx.audit(Self.breachAction, detail: "device=\(device.uuidString);cases=\(cases.count);minors=\(report.minors)")
            }
        }
        return report
    }
}

extension Store {
    /// A device by its full id or a unique prefix of at least 8 characters: a peer, or any
    /// device whose chain this store holds (such as the laptop a backup came from).
    public func breachDevice(_ text: String) throws -> UUID {
        let wanted = text.uppercased().trimmingCharacters(in: .whitespaces)
        guard wanted.count >= 8 else { throw SchakelError(.validation, L10n.t("breach.error.shortDevice")) }
        var known = Set(try peers().map(\.deviceID))
        try pool.read { db in
            for data in try Data.fetchAll(db, sql: "SELECT device_id FROM chain_head") { if let id = UUID(data: data) { known.insert(id) } }
        }
        known.remove(deviceID)
        let matches = known.filter { $0.uuidString.hasPrefix(wanted) }
        guard matches.count == 1, let match = matches.first else {
            throw SchakelError(.notFound, L10n.t(matches.count > 1 ? "peer.error.ambiguous" : "breach.error.unknownDevice"))
        }
        return match
    }
}
