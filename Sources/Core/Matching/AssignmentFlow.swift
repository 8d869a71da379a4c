import Foundation

/// Min-cost flow by successive shortest paths with potentials (Dijkstra on reduced costs),
/// on the network source → request (1 unit) → buddy (feasible pairs only) → sink (one
/// unit per free place). Costs are negated gains, so a min-cost flow is a max-gain
/// assignment. Each augmentation adds one unit along a cheapest path; after k of them the
/// flow is the cheapest of value k, so the last one (no path of negative cost left) is optimal.
///
/// Arcs from a buddy to the sink are its places, taken in order; their costs must not fall
/// (`slotCost` is non-decreasing per buddy), so the cheapest free place is always the next one
/// and a buddy needs only a counter, not one residual arc per place.
struct AssignmentFlow {
    /// Requests 0..<n; their arcs are `edgeStart[r]..<edgeStart[r+1]` in the edge arrays.
    let n: Int
    /// Buddies 0..<m; their places' costs are `slotCost[slotStart[b]..<slotStart[b+1]]`.
    let m: Int
    let edgeStart: [Int]
    let edgeBuddy: [Int]
    let edgeCost: [Int]
    /// Cost of the arc source → request.
    let sourceCost: [Int]
    let slotStart: [Int]
    let slotCost: [Int]

    /// For every request the index of the edge it is assigned along, or -1.
    func solve() -> [Int] {
        let sink = n + m
        let nodes = n + m + 1
        var assignedEdge = [Int](repeating: -1, count: n)
        guard n > 0, m > 0, !edgeBuddy.isEmpty else { return assignedEdge }
        var edgeOwner = [Int](repeating: 0, count: edgeBuddy.count)
        for r in 0..<n { for e in edgeStart[r]..<edgeStart[r + 1] { edgeOwner[e] = r } }

        // Potentials: exact distances from the source in the initial network, a DAG, so every
        // reduced cost starts non-negative even though the costs themselves are negative.
        let unreached = Int.max
        var pot = [Int](repeating: unreached, count: nodes)
        for r in 0..<n {
            pot[r] = sourceCost[r]
            for e in edgeStart[r]..<edgeStart[r + 1] { pot[n + edgeBuddy[e]] = min(pot[n + edgeBuddy[e]], pot[r] + edgeCost[e]) }
        }
        for b in 0..<m where pot[n + b] != unreached && slotStart[b + 1] > slotStart[b] {
            pot[sink] = min(pot[sink], pot[n + b] + slotCost[slotStart[b]])
        }
        guard pot[sink] != unreached else { return assignedEdge }
        // A buddy no request reaches never gets an arc into it: any potential will do.
        for v in 0..<nodes where pot[v] == unreached { pot[v] = 0 }

        var used = [Int](repeating: 0, count: m)
        var holder = [Int](repeating: -1, count: slotCost.count)   // requests in each buddy's taken places
        var dist = [Int](repeating: unreached, count: nodes)
        var parent = [Int](repeating: -1, count: nodes)   // buddy: the edge it was entered by; request: its old buddy's node, or -2 (source); sink: buddy node
        var done = [Bool](repeating: false, count: nodes)
        var heap = MinHeap()
        let fromSource = -2

        while true {
            for v in 0..<nodes { dist[v] = unreached; done[v] = false }
            heap.removeAll()
            for r in 0..<n where assignedEdge[r] < 0 {
                dist[r] = sourceCost[r] - pot[r]
                parent[r] = fromSource
                heap.push(dist[r], r)
            }
            var reachedSink = false
            while let (d, v) = heap.pop() {
                if done[v] || d > dist[v] { continue }
                done[v] = true
                if v == sink { reachedSink = true; break }
                if v < n {
                    let own = assignedEdge[v]
                    let base = d + pot[v]
                    for e in edgeStart[v]..<edgeStart[v + 1] where e != own {
                        let b = n + edgeBuddy[e]
                        if done[b] { continue }
                        let nd = base + edgeCost[e] - pot[b]
                        if nd < dist[b] { dist[b] = nd; parent[b] = e; heap.push(nd, b) }
                    }
                } else {
                    let b = v - n
                    let base = d + pot[v]
                    // Back along a taken place: that request may move to another buddy.
                    for k in slotStart[b]..<(slotStart[b] + used[b]) {
                        let r = holder[k]
                        if done[r] { continue }
                        let nd = base - edgeCost[assignedEdge[r]] - pot[r]
                        if nd < dist[r] { dist[r] = nd; parent[r] = v; heap.push(nd, r) }
                    }
                    if used[b] < slotStart[b + 1] - slotStart[b] {
                        let nd = base + slotCost[slotStart[b] + used[b]] - pot[sink]
                        if nd < dist[sink] { dist[sink] = nd; parent[sink] = v; heap.push(nd, sink) }
                    }
                }
            }
            guard reachedSink else { break }
            // The path's real cost (the source's potential stays 0); stop when it no longer gains.
            if dist[sink] + pot[sink] >= 0 { break }

            // Nodes beyond the sink's distance keep reduced costs non-negative with the sink's
            // distance (the usual early-stop update).
            let dt = dist[sink]
            for v in 0..<nodes { pot[v] += min(dist[v], dt) }

            // Augment from the sink back to the source: each buddy on the path takes the request
            // before it, in place of the request after it (which moves on), or in a new place.
            var b = parent[sink] - n
            var leaving = -1
            while true {
                let e = parent[n + b]
                let r = edgeOwner[e]
                if leaving < 0 {
                    holder[slotStart[b] + used[b]] = r
                    used[b] += 1
                } else {
                    for k in slotStart[b]..<(slotStart[b] + used[b]) where holder[k] == leaving { holder[k] = r; break }
                }
                let previous = parent[r]
                assignedEdge[r] = e
                if previous == fromSource { break }
                leaving = r
                b = previous - n
            }
        }
        return assignedEdge
    }
}

/// A binary min-heap of (key, node) with lazy deletion by the caller.
struct MinHeap {
    private var keys: [Int] = []
    private var nodes: [Int] = []

    mutating func removeAll() { keys.removeAll(keepingCapacity: true); nodes.removeAll(keepingCapacity: true) }

    mutating func push(_ key: Int, _ node: Int) {
        keys.append(key); nodes.append(node)
        var i = keys.count - 1
        while i > 0 {
            let p = (i - 1) / 2
            if keys[p] <= key { break }
            keys[i] = keys[p]; nodes[i] = nodes[p]
            i = p
        }
        keys[i] = key; nodes[i] = node
    }

    mutating func pop() -> (Int, Int)? {
        guard let lastKey = keys.last, let lastNode = nodes.last else { return nil }
        let top = (keys[0], nodes[0])
        keys.removeLast(); nodes.removeLast()
        let count = keys.count
        if count > 0 {
            var i = 0
            while true {
                let l = 2 * i + 1
                if l >= count { break }
                var c = l
                if l + 1 < count && keys[l + 1] < keys[l] { c = l + 1 }
                if keys[c] >= lastKey { break }
                keys[i] = keys[c]; nodes[i] = nodes[c]
                i = c
            }
            keys[i] = lastKey; nodes[i] = lastNode
        }
        return top
    }
}
