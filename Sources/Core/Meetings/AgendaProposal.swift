import Foundation

/// Candidates for the next meeting of a table (issue 6 §2 and §6), computed in memory from
/// the summaries for an injected day: minors (track 18-) with attention signals, minors
/// new since the last meeting (intake), cases on the previous agenda with open actions;
/// and the open actions of earlier meetings, which head the agenda. Nothing is written:
/// the chair accepts candidates one by one with `addAgendaItem`.
public struct AgendaProposal: Equatable, Sendable {
    public enum Reason: Equatable, Sendable, Comparable {
        /// On an earlier agenda and still has open meeting actions (count).
        case openMeetingActions(Int)
        /// Attention signals of the worklist (most urgent first).
        case attention([AttentionSignal])
        /// A minor opened (signal or intake) since the last meeting.
        case newMinor(CalendarDate)

        var rank: Int {
            switch self {
            case .openMeetingActions: return 0
            case .attention: return 1
            case .newMinor: return 2
            }
        }
        public static func < (a: Reason, b: Reason) -> Bool { a.rank < b.rank }

        /// "open actiepunten (2)", "aandacht: bedenktijd verlopen", "nieuw sinds 12-05-2026".
        public var text: String {
            switch self {
            case .openMeetingActions(let n): return L10n.t("agenda.reason.openActions", n)
            case .attention(let s): return L10n.t("agenda.reason.attention", s.map(\.label).joined(separator: ", "))
            case .newMinor(let d): return L10n.t("agenda.reason.newMinor", d.dutch)
            }
        }
    }

    public struct Candidate: Equatable, Sendable {
        public var caseID: UUID
        public var code: CaseCode
        public var age: Int?
        public var forms: [String]
        public var reasons: [Reason]
        /// A starting question for the item (the chair edits it).
        public var suggestedQuestion: String
    }

    public struct FollowUp: Equatable, Sendable {
        public var actionID: UUID
        public var meeting: UUID
        public var caseID: UUID?
        public var organisation: String
        public var due: CalendarDate?
        /// Days past due (0 when not yet due or without a due date).
        public var daysLate: Int
    }

    /// Open actions of earlier meetings: they head the agenda.
    public var followUps: [FollowUp]
    /// Case candidates, most pressing first.
    public var candidates: [Candidate]

    public struct Options: Equatable, Sendable {
        public var thresholds = AttentionThresholds()
        /// At most this many case candidates (the time of one meeting).
        public var limit = 40
        public init() {}
    }

    /// Builds the proposal for a meeting of a table. `book` gives the earlier meetings,
    /// their agendas and actions; cases already on `meeting`'s agenda are left out.
    public static func build(summaries: [CaseSummary], book: MeetingBook, table: String = "casusoverleg-18-", meeting: UUID?,
                             today: CalendarDate, options: Options = Options()) -> AgendaProposal {
        let target = meeting.flatMap { book.meeting($0) }
        let before = target?.date ?? today.adding(days: 1)
        let earlier = book.meetings.filter { $0.value.table == table && $0.value.date < before && $0.id != meeting }
        let earlierIDs = Set(earlier.map(\.id))
        let lastMeeting = earlier.filter { $0.value.isHeld }.map(\.value.date).max()

        // Follow-ups: open actions of earlier meetings of this table.
        var followUps: [FollowUp] = []
        var openPerCase: [UUID: Int] = [:]
        let itemCase = Dictionary(book.items.compactMap { i in i.value.caseID.map { (i.id, $0) } }, uniquingKeysWith: { a, _ in a })
        for a in book.actions where a.value.isOpen && earlierIDs.contains(a.value.meeting) {
            let caseID = a.value.agendaItem.flatMap { itemCase[$0] }
            if let caseID { openPerCase[caseID, default: 0] += 1 }
            let late = a.value.due.map { max(0, $0.days(until: today)) } ?? 0
            followUps.append(FollowUp(actionID: a.id, meeting: a.value.meeting, caseID: caseID, organisation: a.value.organisation,
                                      due: a.value.due, daysLate: late))
        }
        followUps.sort { ($0.due ?? .distantFuture, $0.organisation, $0.actionID.uuidString) < ($1.due ?? .distantFuture, $1.organisation, $1.actionID.uuidString) }

        let onAgenda: Set<UUID> = meeting.map { m in Set(book.items.filter { $0.value.meeting == m }.compactMap(\.value.caseID)) } ?? []

        // One pass over the summaries; the signal rules run only for minors.
        var out: [(c: Candidate, key: (Int, Int, Int))] = []
        let t = options.thresholds
        for s in summaries where s.phase.isActive {
            let open = openPerCase[s.id] ?? 0
            let age = s.age(on: today)
            let minor = s.trackOverride == .minor || (s.trackOverride == nil && (age ?? 99) < 18)
            guard minor || open > 0, !onAgenda.contains(s.id) else { continue }
            var reasons: [Reason] = []
            if open > 0 { reasons.append(.openMeetingActions(open)) }
            var urgency = 99
            if minor {
                let items = AttentionSignal.items(for: s, on: today, thresholds: t)
                if !items.isEmpty {
                    reasons.append(.attention(items.map(\.signal)))
                    urgency = items[0].signal.rank
                }
                let opened = s.openedOn
                let isNew = lastMeeting.map { opened > $0 } ?? (opened.days(until: today) <= 56)
                if isNew { reasons.append(.newMinor(opened)) }
            }
            guard !reasons.isEmpty else { continue }
            let q = open > 0 ? "agenda.question.followUp" : (reasons.contains { if case .attention = $0 { return true }; return false }
                                                            ? "agenda.question.attention" : "agenda.question.new")
            let c = Candidate(caseID: s.id, code: s.code, age: age, forms: s.forms, reasons: reasons, suggestedQuestion: L10n.t(q))
            out.append((c, (reasons[0].rank, urgency, -s.openedOn.dayNumber)))
        }
        out.sort { a, b in
            if a.key != b.key { return a.key < b.key }
            return a.c.code.description < b.c.code.description
        }
        return AgendaProposal(followUps: followUps, candidates: out.prefix(options.limit).map(\.c))
    }
}
