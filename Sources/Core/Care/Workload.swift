import Foundation

/// One coordinator's load: what the team lead and the coordinator look at to spread work.
public struct CoordinatorLoad: Equatable, Sendable {
    public var user: UUID
    public var byPhase: [Phase: Int] = [:]
    /// Active cases this coordinator holds today (own, and covered for an absent colleague).
    public var open = 0
    public var covering = 0
    public var waitingOnwardCare = 0
    /// Signals and referrals not yet taken into intake.
    public var unhandledSignals = 0
    /// Median age of the open cases in days, and the oldest.
    public var medianAgeDays = 0
    public var oldestAgeDays = 0

    public init(user: UUID) { self.user = user }
}

public enum Workload {
    /// Per coordinator who holds at least one active case, most open cases first.
    public static func compute(_ summaries: [CaseSummary], holder: CaseHolder, on today: CalendarDate) -> [CoordinatorLoad] {
        var loads: [UUID: CoordinatorLoad] = [:]
        var ages: [UUID: [Int]] = [:]
        for s in summaries where s.phase.isActive {
            let who = holder.holder(s)
            var l = loads[who] ?? CoordinatorLoad(user: who)
            l.open += 1
            l.byPhase[s.phase, default: 0] += 1
            if holder.isCovered(s) { l.covering += 1 }
            if s.onwardCareSince != nil { l.waitingOnwardCare += 1 }
            if s.phase == .signaal || s.phase == .aanmelding { l.unhandledSignals += 1 }
            loads[who] = l
            ages[who, default: []].append(s.openedOn.days(until: today))
        }
        for (who, a) in ages {
            let sorted = a.sorted()
            loads[who]?.medianAgeDays = sorted[sorted.count / 2]
            loads[who]?.oldestAgeDays = sorted.last ?? 0
        }
        return loads.values.sorted { ($0.open, $1.user.uuidString) > ($1.open, $0.user.uuidString) }
    }
}
