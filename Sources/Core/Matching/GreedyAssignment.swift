import Foundation

extension MatchingEngine {
    /// The simple baseline: requests in priority order, each takes the eligible buddy with
    /// the highest score among those with a place left (equal scores: lowest buddy id).
    /// Never breaks a hard constraint, but can leave clients without a buddy that the
    /// optimal assignment would match (a request taking the only buddy another one could have).
    public func greedyAssignment(requests: [BuddyRequest], buddies: [BuddyCandidate]) -> MatchProposal {
        let order = ProposalBuilder.priorityOrder(requests)
        let byID = ProposalBuilder.idOrder(buddies)
        var taken = [Int](repeating: 0, count: buddies.count)
        var assigned = [Int?](repeating: nil, count: requests.count)
        for i in order {
            var best: (j: Int, score: Int)? = nil
            for j in byID {
                let s = evaluator.score(requests[i], buddies[j], used: buddies[j].activeLoad + taken[j])
                if s.eligible, best.map({ s.score > $0.score }) ?? true { best = (j, s.score) }
            }
            if let b = best { assigned[i] = b.j; taken[b.j] += 1 }
        }
        return ProposalBuilder(engine: self).build(requests: requests, buddies: buddies, assigned: assigned, order: order, method: .greedy)
    }
}
