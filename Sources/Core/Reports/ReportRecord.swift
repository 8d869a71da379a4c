import Foundation

/// What the anonymous figures (aard en omvang, DOMAIN.md §2 step 13) know of one case:
/// categories and months, never a name, a birth date or a free text. Built from a case's
/// summary. What an anonymised case leaves is not this record but unlinked counters
/// (`AnonymousCount`).
public struct ReportRecord: Equatable, Sendable {
    public var signalOn: CalendarDate
    public var forms: [String]
    public var gender: String
    public var ageBand: AgeBand
    /// The first listed nationality (one per case, so that a table's total counts cases).
    public var nationality: String?
    public var referrerType: String?
    public var region: String
    public var municipality: String
    public var phase: Phase
    public var closedOn: CalendarDate?
    public var closureReason: String?
    public var placementAttempts: [CaseSummary.AttemptDigest]
    public var firstPlacementOn: CalendarDate?
    /// Days from the signal to the first placement, when placed.
    public var daysToPlacement: Int?
    /// When the last wait for onward care ended, and how many days it took.
    public var onwardCareEnd: CalendarDate?
    public var onwardCareWaitDays: Int?

    public init(signalOn: CalendarDate, forms: [String], gender: String, ageBand: AgeBand, nationality: String?, referrerType: String?,
                region: String, municipality: String, phase: Phase, closedOn: CalendarDate?, closureReason: String?,
                placementAttempts: [CaseSummary.AttemptDigest], firstPlacementOn: CalendarDate?, daysToPlacement: Int?,
                onwardCareEnd: CalendarDate?, onwardCareWaitDays: Int?) {
        self.signalOn = signalOn; self.forms = forms; self.gender = gender; self.ageBand = ageBand; self.nationality = nationality
        self.referrerType = referrerType; self.region = region; self.municipality = municipality; self.phase = phase
        self.closedOn = closedOn; self.closureReason = closureReason; self.placementAttempts = placementAttempts
        self.firstPlacementOn = firstPlacementOn; self.daysToPlacement = daysToPlacement
        self.onwardCareEnd = onwardCareEnd; self.onwardCareWaitDays = onwardCareWaitDays
    }

    public init(_ s: CaseSummary) {
        // The signal date is when the case came in; an older case without a referral counts from its opening.
        let signal = s.signalOn ?? s.openedOn
        self.init(signalOn: signal, forms: s.forms, gender: s.gender, ageBand: AgeBand(age: s.age(on: signal)),
                  nationality: s.nationalities.first, referrerType: s.referrerType, region: s.region, municipality: s.municipality,
                  phase: s.phase, closedOn: s.phase == .afgesloten ? s.phaseSince : nil, closureReason: s.closureReason,
                  placementAttempts: s.placementAttempts, firstPlacementOn: s.firstPlacementOn,
                  daysToPlacement: s.firstPlacementOn.map { max(0, signal.days(until: $0)) },
                  onwardCareEnd: s.onwardCareEnd,
                  onwardCareWaitDays: s.onwardCareStart.flatMap { start in s.onwardCareEnd.map { max(0, start.days(until: $0)) } })
    }
}
