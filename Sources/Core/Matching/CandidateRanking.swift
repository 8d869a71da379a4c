import Foundation

/// One buddy judged for one request.
public struct CandidateEvaluation: Equatable, Sendable {
    public let buddy: UUID
    /// Sum of the points of every criterion (0…`maxScore`).
    public let score: Int
    public let maxScore: Int
    /// The hard criteria this buddy fails; empty when eligible.
    public let failed: CriterionSet
    /// One result per criterion, in `MatchCriterion` order: why (not).
    public let criteria: [CriterionResult]

    public var isEligible: Bool { failed.isEmpty }
    /// The failed hard criteria with their reasons.
    public var whyNot: [CriterionResult] { criteria.filter { !$0.passed } }
}

/// Candidates for one request: the eligible ones best first, and on request the others
/// (closest misses first) so the coordinator can see why a buddy is not offered.
public struct CandidateRanking: Equatable, Sendable {
    public let request: UUID
    /// Eligible buddies by score, highest first; equal scores by buddy id.
    public let eligible: [CandidateEvaluation]
    /// All eligible buddies, also when `eligible` was cut to a limit.
    public let eligibleCount: Int
    /// Ineligible buddies by number of failed constraints, then score, then id (empty unless asked).
    public let ineligible: [CandidateEvaluation]
}

extension MatchingEngine {
    /// Ranks every buddy for one request. Scoring is allocation-free; explanations are
    /// built only for what is returned (`limit` eligible ones, and the ineligible ones when asked).
    public func rankCandidates(for request: BuddyRequest, among buddies: [BuddyCandidate],
                               includeIneligible: Bool = false, limit: Int? = nil) -> CandidateRanking {
        struct Scored { let index: Int; let score: Int; let failures: Int; let key: (UInt64, UInt64) }
        var eligible: [Scored] = []
        var ineligible: [Scored] = []
        eligible.reserveCapacity(buddies.count / 2)
        for (i, b) in buddies.enumerated() {
            let s = evaluator.score(request, b, used: b.activeLoad)
            if s.eligible {
                eligible.append(Scored(index: i, score: s.score, failures: 0, key: b.id.orderKey))
            } else if includeIneligible {
                ineligible.append(Scored(index: i, score: s.score, failures: s.failed.count, key: b.id.orderKey))
            }
        }
        eligible.sort { $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key }
        ineligible.sort {
            if $0.failures != $1.failures { return $0.failures < $1.failures }
            return $0.score != $1.score ? $0.score > $1.score : $0.key < $1.key
        }
        let shown = limit.map { Array(eligible.prefix(max(0, $0))) } ?? eligible
        func evaluation(_ s: Scored) -> CandidateEvaluation {
            let b = buddies[s.index]
            let criteria = evaluator.explain(request, b, used: b.activeLoad)
            return CandidateEvaluation(buddy: b.id, score: s.score, maxScore: maxScore,
                                       failed: CriterionSet(criteria.filter { !$0.passed }.map(\.criterion)), criteria: criteria)
        }
        return CandidateRanking(request: request.id, eligible: shown.map(evaluation), eligibleCount: eligible.count,
                                ineligible: ineligible.map(evaluation))
    }
}
