import Foundation
import GRDB

/// How long a closed case is kept (AVG art. 5(1)(e): no longer than needed). Periods run
/// from the closure; a case of a minor (at the signal) has its own period, as youth care
/// files are kept longer. The organisation's privacy officer sets them; the defaults are
/// only a starting point (docs/DECISIONS.md "Retention").
public struct RetentionPolicy: Equatable, Sendable {
    public var minorYears: Int
    public var adultYears: Int

    public static let standard = RetentionPolicy(minorYears: 20, adultYears: 5)
    public static let allowedYears = 1...100

    public init(minorYears: Int, adultYears: Int) { self.minorYears = minorYears; self.adultYears = adultYears }

    public func validated() throws -> RetentionPolicy {
        guard Self.allowedYears.contains(minorYears), Self.allowedYears.contains(adultYears) else {
            throw SchakelError(.validation, L10n.t("error.retentionYears", Self.allowedYears.lowerBound, Self.allowedYears.upperBound))
        }
        return self
    }

    var encoded: String { "minor=\(minorYears);adult=\(adultYears)" }

    init?(encoded: String) {
        var values: [String: Int] = [:]
        for part in encoded.split(separator: ";") {
            let kv = part.split(separator: "=", maxSplits: 1)
            guard kv.count == 2, let n = Int(kv[1]) else { return nil }
            values[String(kv[0])] = n
        }
        guard let m = values["minor"], let a = values["adult"] else { return nil }
        self.init(minorYears: m, adultYears: a)
    }

    /// The day after which a closed case is past its period.
    public func due(_ s: CaseSummary) -> CalendarDate? {
        guard s.phase == .afgesloten else { return nil }
        let minor = s.track(on: s.signalOn ?? s.openedOn) == .minor
        return s.phaseSince.adding(years: minor ? minorYears : adultYears)
    }
}

/// A closed case past its retention period: on the worklist until anonymised or erased.
public struct RetentionItem: Equatable, Sendable {
    public var caseID: UUID
    public var code: CaseCode
    public var closedOn: CalendarDate
    public var dueOn: CalendarDate
    public var minor: Bool
}

extension Store {
    public func retentionPolicy() throws -> RetentionPolicy {
        try pool.read { db in
            // A value outside the allowed years (a file edited by hand) counts as not set.
            try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'retention'")
                .flatMap { RetentionPolicy(encoded: String(decoding: $0, as: UTF8.self)) }
                .flatMap { try? $0.validated() } ?? .standard
        }
    }

    /// Local to this store, like the other settings in `meta`; the change is audited.
    public func setRetentionPolicy(_ policy: RetentionPolicy) throws {
        try role.require(.audit)
        let p = try policy.validated()
        try write { tx in
            try tx.db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('retention', ?)", arguments: [Data(p.encoded.utf8)])
            tx.audit("retention-policy-changed", detail: p.encoded)
        }
    }

    /// Closed cases past their period on `today`, longest overdue first.
    public static func retentionWorklist(_ summaries: [CaseSummary], policy: RetentionPolicy, today: CalendarDate) -> [RetentionItem] {
        summaries.compactMap { s -> RetentionItem? in
            guard let due = policy.due(s), due < today else { return nil }
            return RetentionItem(caseID: s.id, code: s.code, closedOn: s.phaseSince, dueOn: due,
                                 minor: s.track(on: s.signalOn ?? s.openedOn) == .minor)
        }.sorted { ($0.dueOn, $0.code.description) < ($1.dueOn, $1.code.description) }
    }

    /// Anonymising: the case is erased (as `eraseCase`: here and on every peer) and only what
    /// the figures count stays, as unlinked counters per breakdown and month (`AnonymousCount`).
    public func anonymiseCase(_ caseID: UUID) throws {
        try role.require(.writeCases)
        try write { tx in
            guard let summary = try summaries(db: tx.db, caseID: caseID).first else {
                throw SchakelError(.notFound, L10n.t("error.caseNotFound"))
            }
            // An open case is still being worked on: its figures would freeze mid-way.
            guard summary.phase == .afgesloten else { throw SchakelError(.validation, L10n.t("error.anonymiseOpenCase")) }
            try tx.addAnonymous(AnonymousCount.of(ReportRecord(summary)))
            tx.audit("case-anonymised", caseID: caseID)
            try CaseErasure.erase(caseID, hlc: Int64(bitPattern: tx.hlc.next(now: clock.now()).packed), in: tx)
        }
        forgetCase(caseID)
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
