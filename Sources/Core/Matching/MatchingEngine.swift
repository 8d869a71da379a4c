import Foundation

/// Matching of buddy requests to buddies (issue 7). Pure functions of their input: nothing
/// here reads the store or the clock, and nothing is applied: the caller decides what to
/// store. Hard constraints (type, status, free place, VOG, a shared day part, hard wishes)
/// are never broken; soft criteria only score.
///
/// - `rankCandidates`: for one request, every buddy judged, eligible ones ranked (CandidateRanking.swift).
/// - `proposeAssignment`: the whole waiting list, the exact lexicographic optimum (OptimalAssignment.swift).
/// - `greedyAssignment`: the simple baseline, for comparison (GreedyAssignment.swift).
public struct MatchingEngine: Sendable {
    public let policy: MatchingPolicy
    let evaluator: PairEvaluator

    public init(policy: MatchingPolicy) {
        self.policy = policy
        evaluator = PairEvaluator(policy: policy)
    }

    /// Highest possible score of a pair with this policy.
    public var maxScore: Int { policy.weights.maximum }

    /// Every criterion of one pair, with the buddy's current load. For a detail view.
    public func explain(_ request: BuddyRequest, _ buddy: BuddyCandidate) -> [CriterionResult] {
        evaluator.explain(request, buddy, used: buddy.activeLoad)
    }
}
