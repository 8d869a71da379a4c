import Foundation

extension MatchingEngine {
    /// The optimal proposal for a waiting list. Lexicographic objective:
    /// 1. as many requests matched as possible;
    /// 2. then the most urgent and longest waiting first: of the matched requests' priorities
    ///    sorted from high to low, the lexicographically greatest sequence (no request is left
    ///    waiting for a lower-priority one that could have let it in);
    /// 3. then the highest total score (the sum of the lines' scores).
    ///
    /// Exact, by min-cost flow (`AssignmentFlow`) with integer gains; see `gains` for the
    /// bound that keeps the levels apart. Juridisch and sociaal requests share no buddy, so
    /// each type is solved on its own, with only hard-feasible pairs as arcs.
    public func proposeAssignment(requests: [BuddyRequest], buddies: [BuddyCandidate]) -> MatchProposal {
        let order = ProposalBuilder.priorityOrder(requests)
        let byID = ProposalBuilder.idOrder(buddies)
        var assigned = [Int?](repeating: nil, count: requests.count)
        var types: [String] = []
        for i in order where !types.contains(requests[i].maatjeType) { types.append(requests[i].maatjeType) }
        for type in types {
            let rs = order.filter { requests[$0].maatjeType == type }
            // Buddies that no request could take (inactive, full, no VOG, ...) are left out up front.
            let bs = byID.filter { buddies[$0].maatjeType == type && !evaluator.unavailable(buddies[$0]) }
            // Only for absurd sizes (far beyond any waiting list) the objective would not fit in
            // an Int: never crash, give the greedy proposal, which says so in its `method`.
            guard let pairs = solve(requests: rs, buddies: bs, allRequests: requests, allBuddies: buddies) else {
                return greedyAssignment(requests: requests, buddies: buddies)
            }
            for (i, j) in pairs { assigned[i] = j }
        }
        return ProposalBuilder(engine: self).build(requests: requests, buddies: buddies, assigned: assigned, order: order, method: .optimal)
    }

    /// One type's subproblem. `rs` in priority order, `bs` in id order (deterministic ties).
    private func solve(requests rs: [Int], buddies bs: [Int], allRequests: [BuddyRequest], allBuddies: [BuddyCandidate]) -> [(Int, Int)]? {
        guard !rs.isEmpty, !bs.isEmpty else { return [] }
        guard let gain = gains(priorities: rs.map { allRequests[$0].priority }) else { return nil }
        var edgeStart = [0], edgeBuddy: [Int] = [], edgeCost: [Int] = []
        edgeStart.reserveCapacity(rs.count + 1)
        for i in rs {
            let r = allRequests[i]
            for (local, j) in bs.enumerated() {
                let b = allBuddies[j]
                let s = evaluator.score(r, b, used: b.activeLoad)
                if s.eligible { edgeBuddy.append(local); edgeCost.append(-s.pairPoints) }
            }
            edgeStart.append(edgeBuddy.count)
        }
        var slotStart = [0], slotCost: [Int] = []
        for j in bs {
            let b = allBuddies[j]
            for k in 0..<b.freePlaces { slotCost.append(-evaluator.loadPoints(capacity: b.capacity, used: b.activeLoad + k)) }
            slotStart.append(slotCost.count)
        }
        let flow = AssignmentFlow(n: rs.count, m: bs.count, edgeStart: edgeStart, edgeBuddy: edgeBuddy, edgeCost: edgeCost,
                                  sourceCost: gain.map { -$0 }, slotStart: slotStart, slotCost: slotCost)
        let result = flow.solve()
        return rs.indices.compactMap { k in result[k] >= 0 ? (rs[k], bs[edgeBuddy[result[k]]]) : nil }
    }

    /// The gain of matching each request (given in priority order, highest first), on top of
    /// its line's score q (0 ≤ q ≤ Q = weights.maximum):  gain(r) = W · (rank(r) + 1),
    /// with rank = the number of distinct lower priorities (0 … P) and W = n·Q + 1.
    ///
    /// Why this keeps the three levels apart. The sets of requests that can be matched at the
    /// same time form a matroid (a transversal matroid: each buddy place takes one request).
    /// - Level 3 never outweighs level 1 or 2: any two assignments differ in total score by at
    ///   most n·Q < W, while one more matched request, or a higher-ranked one in place of a
    ///   lower one, changes Σ gain by at least W.
    /// - Level 1: every gain is positive, and in a matroid a maximum-weight independent set
    ///   with positive weights is a basis: a maximum number of matched requests.
    /// - Level 2: weights that rise strictly with priority make the maximum-weight basis the
    ///   one the matroid greedy picks, whose priorities sorted high to low are element by element
    ///   at least those of any other basis (Gale's theorem); equal priorities get equal
    ///   weights, so level 3 decides between them.
    /// Dense ranks keep the numbers small: the largest gain is W·(P+1) ≤ (n·Q+1)·n, and a path
    /// in the flow costs at most that plus (n+m)·Q; nil if that could overflow.
    func gains(priorities: [RequestPriority]) -> [Int]? {
        let n = priorities.count
        var ranks = [Int](repeating: 0, count: n)
        var rank = 0
        for k in stride(from: n - 1, through: 0, by: -1) {
            if k < n - 1 && priorities[k] != priorities[k + 1] { rank += 1 }
            ranks[k] = rank
        }
        let q = policy.weights.maximum
        let (nq, o1) = n.multipliedReportingOverflow(by: q)
        let w = nq + 1
        let (top, o2) = w.multipliedReportingOverflow(by: rank + 1)
        guard !o1, !o2, top < Int.max / 16 else { return nil }
        return ranks.map { w * ($0 + 1) }
    }
}
