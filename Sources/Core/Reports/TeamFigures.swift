import Foundation

/// The team's own figures (issue 9 §4): the caseload per coordinator, the signals waiting
/// with them, and how long clients wait for onward care. About the work, not anonymous
/// statistics: exact counts, for the team lead and the coordinators themselves.
public struct TeamFigures: Equatable, Sendable {
    public struct Row: Equatable, Sendable {
        public var user: UUID
        /// Active cases held today (own, and covered for an absent colleague).
        public var active = 0
        public var minors = 0
        /// Active cases where this user is the named backup (achtervang).
        public var asBackup = 0
        /// Signals and referrals not yet taken into intake, and the oldest one's age in days.
        public var signalsWaiting = 0
        public var oldestSignalDays: Int?
        /// Clients waiting for onward care now, and the longest of those waits in days.
        public var waitingOnwardCare = 0
        public var longestWaitDays: Int?
        /// Waits for onward care that ended in the window, and their median in days.
        public var finishedWaits = 0
        public var medianFinishedWaitDays: Int?

        public init(user: UUID) { self.user = user }
    }

    public var rows: [Row]
    public var total: Row

    /// `window`: the days whose finished waits count (the report's periods).
    public static func compute(_ summaries: [CaseSummary], holder: CaseHolder, today: CalendarDate,
                               window: ClosedRange<CalendarDate>) -> TeamFigures {
        var rows: [UUID: Row] = [:]
        var finished: [UUID: [Int]] = [:]
        var currentWaits: [UUID: [Int]] = [:]
        for s in summaries {
            let who = holder.holder(s)
            if s.phase.isActive {
                var r = rows[who] ?? Row(user: who)
                r.active += 1
                if s.track(on: today) == .minor { r.minors += 1 }
                if s.phase == .signaal || s.phase == .aanmelding {
                    r.signalsWaiting += 1
                    let age = (s.signalOn ?? s.openedOn).days(until: today)
                    r.oldestSignalDays = max(r.oldestSignalDays ?? 0, age)
                }
                if let since = s.onwardCareSince {
                    r.waitingOnwardCare += 1
                    currentWaits[who, default: []].append(since.days(until: today))
                }
                rows[who] = r
                if let backup = s.backup, backup != who { rows[backup, default: Row(user: backup)].asBackup += 1 }
            }
            if let start = s.onwardCareStart, let end = s.onwardCareEnd, window.contains(end) {
                finished[s.coordinator, default: []].append(max(0, start.days(until: end)))
                if rows[s.coordinator] == nil { rows[s.coordinator] = Row(user: s.coordinator) }
            }
        }
        for (who, waits) in currentWaits { rows[who]?.longestWaitDays = waits.max() }
        for (who, waits) in finished { rows[who]?.finishedWaits = waits.count; rows[who]?.medianFinishedWaitDays = median(waits) }
        var total = Row(user: UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)))
        for r in rows.values {
            total.active += r.active; total.minors += r.minors; total.signalsWaiting += r.signalsWaiting
            total.waitingOnwardCare += r.waitingOnwardCare; total.finishedWaits += r.finishedWaits
            total.oldestSignalDays = [total.oldestSignalDays, r.oldestSignalDays].compactMap { $0 }.max()
            total.longestWaitDays = [total.longestWaitDays, r.longestWaitDays].compactMap { $0 }.max()
        }
        total.medianFinishedWaitDays = median(finished.values.flatMap { $0 })
        let sorted = rows.values.sorted { ($0.active, $1.user.uuidString) > ($1.active, $0.user.uuidString) }
        return TeamFigures(rows: sorted, total: total)
    }

    static func median(_ values: [Int]) -> Int? {
        guard !values.isEmpty else { return nil }
        let s = values.sorted()
        return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
    }

    /// As rows of text: a header, a row per coordinator, the total (for exports and the screen).
    /// `short`: the screen's column headings (the exports spell them out).
    public func textRows(short: Bool = false, name: (UUID) -> String) -> [[String]] {
        func n(_ v: Int?) -> String { v.map(String.init) ?? "–" }
        let header = ["coordinator", "active", "minors", "backup", "signals", "oldestSignal", "waiting", "longestWait", "finishedWaits", "medianWait"]
            .map { L10n.t(short && $0 != "coordinator" ? "report.team.short.\($0)" : "report.team.\($0)") }
        return [header] + (rows + [total]).map { r in
            let isTotal = r == total
            return [isTotal ? L10n.t("report.total") : name(r.user), String(r.active), String(r.minors), isTotal ? "–" : String(r.asBackup),
                    String(r.signalsWaiting), n(r.oldestSignalDays), String(r.waitingOnwardCare), n(r.longestWaitDays),
                    String(r.finishedWaits), n(r.medianFinishedWaitDays)]
        }
    }
}
