import Foundation

/// A proposed assignment of the waiting list to buddies. A value only: nothing is stored
/// until the coordinator accepts lines (as `MatchRecord`s in status `voorgesteld`).
public struct MatchProposal: Equatable, Sendable {
    public enum Method: String, Sendable {
        /// The exact lexicographic optimum.
        case optimal
        /// Each request in priority order takes its best free buddy.
        case greedy
    }

    public struct Line: Equatable, Sendable {
        public let request: UUID
        public let caseID: UUID
        public let buddy: UUID
        public let priority: RequestPriority
        /// Points counting the places this proposal gives the buddy before this line.
        public let score: Int
        public let maxScore: Int
        public let criteria: [CriterionResult]
    }

    /// How many buddies of the requested type fail one criterion.
    public struct BlockingCount: Equatable, Sendable {
        public let criterion: MatchCriterion
        public let buddies: Int
    }

    public enum UnmatchedReason: Equatable, Sendable {
        /// No buddy meets every hard constraint; per criterion, how many buddies of the type fail it.
        case noEligibleBuddy(blocking: [BlockingCount])
        /// Eligible buddies exist, but their places go to requests that come first (or that
        /// only they can take, so more clients get a buddy).
        case placesTaken(eligibleBuddies: Int)

        public func text(_ language: Language? = nil) -> String {
            let lang = language ?? L10n.language
            switch self {
            case .noEligibleBuddy(let blocking):
                let parts = blocking.map { L10n.t("match.unmatched.blockedBy", $0.criterion.title(lang), $0.buddies, language: lang) }
                let head = L10n.t("match.unmatched.noEligibleBuddy", language: lang)
                return parts.isEmpty ? head : head + ": " + parts.joined(separator: ", ")
            case .placesTaken(let n):
                return L10n.t("match.unmatched.placesTaken", n, language: lang)
            }
        }
    }

    public struct Unmatched: Equatable, Sendable {
        public let request: UUID
        public let caseID: UUID
        public let priority: RequestPriority
        public let reason: UnmatchedReason
    }

    public let today: CalendarDate
    public let method: Method
    /// In priority order (most urgent, longest waiting first; equal ones by request id).
    public let lines: [Line]
    /// In priority order.
    public let unmatched: [Unmatched]

    public var totalScore: Int { lines.reduce(0) { $0 + $1.score } }
    public func line(for request: UUID) -> Line? { lines.first { $0.request == request } }
}

/// Turns "request i → buddy j" into a proposal with explanations. Shared by the optimal
/// and the greedy assignment, so both score and explain lines the same way.
struct ProposalBuilder {
    let engine: MatchingEngine

    /// Requests in priority order (highest first), equal priorities by id: the order lines are listed in.
    static func priorityOrder(_ requests: [BuddyRequest]) -> [Int] {
        let keys = requests.map { $0.id.orderKey }
        return requests.indices.sorted {
            let a = requests[$0].priority, b = requests[$1].priority
            return a != b ? a > b : keys[$0] < keys[$1]
        }
    }

    /// Buddies by id, so results do not depend on the order the caller passes them in.
    static func idOrder(_ buddies: [BuddyCandidate]) -> [Int] {
        let keys = buddies.map { $0.id.orderKey }
        return buddies.indices.sorted { keys[$0] < keys[$1] }
    }

    /// `assigned[i]`: index into `buddies` for request i, or nil. A buddy's places are
    /// counted out in priority order, so each line's load points are those of its place.
    func build(requests: [BuddyRequest], buddies: [BuddyCandidate], assigned: [Int?], order: [Int], method: MatchProposal.Method) -> MatchProposal {
        let ev = engine.evaluator
        var taken = [Int](repeating: 0, count: buddies.count)
        var lines: [MatchProposal.Line] = []
        var unmatched: [MatchProposal.Unmatched] = []
        for i in order {
            let r = requests[i]
            if let j = assigned[i] {
                let b = buddies[j]
                let used = b.activeLoad + taken[j]
                taken[j] += 1
                let s = ev.score(r, b, used: used)
                lines.append(.init(request: r.id, caseID: r.caseID, buddy: b.id, priority: r.priority, score: s.score,
                                   maxScore: engine.maxScore, criteria: ev.explain(r, b, used: used)))
            } else {
                unmatched.append(.init(request: r.id, caseID: r.caseID, priority: r.priority, reason: reason(r, buddies)))
            }
        }
        return MatchProposal(today: engine.policy.today, method: method, lines: lines, unmatched: unmatched)
    }

    /// Why a request got no buddy, judged against the buddies' loads before the proposal.
    func reason(_ r: BuddyRequest, _ buddies: [BuddyCandidate]) -> MatchProposal.UnmatchedReason {
        var counts = [Int](repeating: 0, count: MatchCriterion.allCases.count)
        var eligible = 0, ofType = 0
        for b in buddies {
            let s = engine.evaluator.score(r, b, used: b.activeLoad)
            if s.eligible { eligible += 1; continue }
            guard !s.failed.contains(.type) else { continue }
            ofType += 1
            for (k, c) in MatchCriterion.allCases.enumerated() where s.failed.contains(c) { counts[k] += 1 }
        }
        if eligible > 0 { return .placesTaken(eligibleBuddies: eligible) }
        if ofType == 0 { return .noEligibleBuddy(blocking: [.init(criterion: .type, buddies: buddies.count)]) }
        let blocking = MatchCriterion.allCases.enumerated().compactMap { k, c in counts[k] > 0 ? MatchProposal.BlockingCount(criterion: c, buddies: counts[k]) : nil }
        return .noEligibleBuddy(blocking: blocking)
    }
}
