import Foundation
import PropertyBased
import Testing
@testable import Core

/// An attacker who knows the shown cells exactly, that "<t" is in [1, t-1] and "x" in
/// [t, ∞) (zeros are never hidden), and that every line adds up. Independent of the
/// implementation's interval audit, and exact:
///
/// The (R+1)×(C+1) grid is a circulation on a bipartite graph (row nodes 0...R, column nodes
/// 0...C): an inner cell (r,c) is flow row r → column c, a row total flow column C → row r,
/// a column total flow column c → row R, the grand total flow row R → column C; every node
/// then conserves flow exactly when every line adds up. The tables consistent with what is
/// shown are the circulations within the cells' bounds. A cell can take another value iff
/// the true table plus or minus one unit around some cycle stays within bounds (a difference
/// of two circulations splits into conformal cycles), i.e. iff the residual graph has a
/// cycle through that cell's arc. A `.small` cell is pinned when it has no such cycle in
/// either direction. (With t = 2, "<2" means 1 by itself; that is not the totals' doing.)
enum SuppressionAttacker {
    struct Arc { let edge: Int; let to: Int }

    static func pinnedSmallCells(_ s: SuppressedTable) -> [(r: Int, c: Int)] {
        let t = s.threshold
        guard t > 2 else { return [] }   // "<2" says 1 by itself: there is nothing more to learn
        let R = s.table.rows.count, C = s.table.columns.count
        let truth = zip(s.table.counts, s.table.rowTotals).map { $0 + [$1] } + [s.table.columnTotals + [s.table.grandTotal]]
        let shown = s.grid
        let rowNode = { (r: Int) in r }, colNode = { (c: Int) in R + 1 + c }
        var edges: [(from: Int, to: Int, r: Int, c: Int)] = []
        for r in 0...R {
            for c in 0...C {
                switch (r == R, c == C) {
                case (false, false): edges.append((rowNode(r), colNode(c), r, c))
                case (false, true): edges.append((colNode(C), rowNode(r), r, c))
                case (true, false): edges.append((colNode(c), rowNode(R), r, c))
                case (true, true): edges.append((rowNode(R), colNode(C), r, c))
                }
            }
        }
        func bounds(_ r: Int, _ c: Int) -> (Int, Int) {
            switch shown[r][c] {
            case .count(let n): return (n, n)
            case .small: return (1, t - 1)
            case .hidden: return (t, Int.max)
            }
        }
        var residual = [[Arc]](repeating: [], count: R + C + 2)
        for (i, e) in edges.enumerated() {
            let f = truth[e.r][e.c], (lo, hi) = bounds(e.r, e.c)
            precondition(lo <= f && f <= hi, "the true table lies outside what is shown at (\(e.r),\(e.c))")
            if f < hi { residual[e.from].append(Arc(edge: i, to: e.to)) }
            if f > lo { residual[e.to].append(Arc(edge: i, to: e.from)) }
        }
        func reachable(_ from: Int, _ to: Int, without edge: Int) -> Bool {
            var seen = Set([from]), queue = [from]
            while let n = queue.popLast() {
                if n == to { return true }
                for a in residual[n] where a.edge != edge && !seen.contains(a.to) { seen.insert(a.to); queue.append(a.to) }
            }
            return false
        }
        var pinned: [(Int, Int)] = []
        for (i, e) in edges.enumerated() where shown[e.r][e.c] == .small {
            let f = truth[e.r][e.c]
            let canGrow = f < t - 1 && reachable(e.to, e.from, without: i)
            let canShrink = f > 1 && reachable(e.from, e.to, without: i)
            if !canGrow && !canShrink { pinned.append((e.r, e.c)) }
        }
        return pinned
    }
}

/// A second attacker, by brute force, for tiny tables: every assignment of the suppressed
/// inner cells ("<t" in 1...t-1, "x" in t...B with B one above the largest true inner count,
/// enough for a ±1 change) whose totals fit what is shown. A `.small` cell is pinned when
/// all those tables agree on its value. Checks the cycle attacker above.
enum BruteForceAttacker {
    static func pinnedSmallCells(_ s: SuppressedTable) -> [[Int]] {
        let t = s.threshold
        guard t > 2 else { return [] }
        let R = s.table.rows.count, C = s.table.columns.count
        let shown = s.grid
        let bound = (s.table.counts.joined().max() ?? 0) + 1
        var values = s.table.counts
        let unknown = (0..<R).flatMap { r in (0..<C).map { (r, $0) } }.filter { shown[$0.0][$0.1].isSuppressed }
        var seen: [[Set<Int>]] = Array(repeating: Array(repeating: [], count: C + 1), count: R + 1)
        func fits(_ cell: ReportCell, _ v: Int) -> Bool {
            switch cell { case .count(let n): return n == v; case .small: return (1..<t).contains(v); case .hidden: return v >= t }
        }
        func visit(_ k: Int) {
            if k == unknown.count {
                let rowTotals = values.map { $0.reduce(0, +) }
                let columnTotals = (0..<C).map { c in values.reduce(0) { $0 + $1[c] } }
                let grid = zip(values, rowTotals).map { $0 + [$1] } + [columnTotals + [rowTotals.reduce(0, +)]]
                for r in 0...R { for c in 0...C where !fits(shown[r][c], grid[r][c]) { return } }
                for r in 0...R { for c in 0...C where shown[r][c] == .small { seen[r][c].insert(grid[r][c]) } }
                return
            }
            let (r, c) = unknown[k]
            let range = shown[r][c] == .small ? 1...(t - 1) : t...max(t, bound)
            for v in range {
                values[r][c] = v
                // Prune: a completed row must match a shown row total.
                if c == C - 1 || !unknown[(k + 1)...].contains(where: { $0.0 == r }),
                   case .count(let total) = shown[r][C], values[r].reduce(0, +) != total { continue }
                visit(k + 1)
            }
            values[r][c] = s.table.counts[r][c]
        }
        visit(0)
        var pinned: [[Int]] = []
        for r in 0...R { for c in 0...C where shown[r][c] == .small && seen[r][c].count == 1 { pinned.append([r, c]) } }
        return pinned
    }
}

/// Random tables with many small counts and zeros.
enum SuppressionGen {
    static func count(_ kind: Int, _ size: Int) -> Int {
        switch kind {
        case 0...2: return 0
        case 3...6: return 1 + size % 4          // 1...4
        case 7...8: return 5 + size % 10         // 5...14
        default: return 5 + size % 60            // 5...64
        }
    }

    static func table(rows: Int, columns: Int, cells: [(Int, Int)]) -> ReportTable {
        var counts: [[Int]] = []
        for r in 0..<rows { counts.append((0..<columns).map { c in let k = cells[(r * columns + c) % cells.count]; return count(k.0, k.1) }) }
        return ReportTable(id: "t", title: "T", rowHeading: "r", rows: (0..<rows).map { "r\($0)" },
                           columns: (0..<columns).map { "p\($0)" }, counts: counts)
    }

    static let tables = zip(Gen.int(in: 1...6), Gen.int(in: 1...6), zip(Gen.int(in: 0...9), Gen.int(in: 0...59)).array(of: 36...36),
                            Gen.int(in: 2...7))
        .map { rows, columns, cells, threshold in (table(rows: rows, columns: columns, cells: cells), threshold) }

    static func seeded(_ rng: inout SeededRandom, rows: Int, columns: Int) -> ReportTable {
        let cells = (0..<(rows * columns)).map { _ in (Int.random(in: 0...9, using: &rng), Int.random(in: 0...59, using: &rng)) }
        return table(rows: rows, columns: columns, cells: cells)
    }
}

@Suite struct SmallCellSuppressionTests {
    static func table(_ counts: [[Int]]) -> ReportTable {
        ReportTable(id: "t", title: "T", rowHeading: "r", rows: counts.indices.map { "r\($0)" },
                    columns: (counts.first ?? []).indices.map { "p\($0)" }, counts: counts)
    }

    /// Shorthand: a number is a shown count, "s" small, "x" hidden.
    static func expectGrid(_ s: SuppressedTable, _ expected: [[String]], sourceLocation: SourceLocation = #_sourceLocation) {
        let got = s.grid.map { $0.map { cell -> String in
            switch cell { case .count(let n): return String(n); case .small: return "s"; case .hidden: return "x" }
        } }
        #expect(got == expected, sourceLocation: sourceLocation)
    }

    /// Every property a suppressed table must have; returns whether all held.
    @discardableResult
    static func check(_ s: SuppressedTable, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let t = s.threshold, table = s.table
        let truth = zip(table.counts, table.rowTotals).map { $0 + [$1] } + [table.columnTotals + [table.grandTotal]]
        var ok = true
        func fail(_ message: String) { ok = false; Issue.record(Comment(rawValue: "\(message)\n\(table.counts) t=\(t)"), sourceLocation: sourceLocation) }
        for (r, line) in s.grid.enumerated() {
            for (c, cell) in line.enumerated() {
                let v = truth[r][c]
                switch cell {
                case .count(let n): if n != v { fail("(\(r),\(c)) shows \(n), is \(v)") }
                    if t >= 2 && (1..<t).contains(v) { fail("(\(r),\(c)) = \(v) is shown") }
                case .small: if !(1..<t).contains(v) { fail("(\(r),\(c)) = \(v) marked small") }
                case .hidden: if v < t { fail("(\(r),\(c)) = \(v) hidden (zeros and small counts are never hidden)") }
                }
            }
        }
        let grid = s.grid
        let lines = grid.map { $0 } + (0..<grid[0].count).map { c in grid.map { $0[c] } }
        for (i, line) in lines.enumerated() {
            let n = line.filter(\.isSuppressed).count
            if n == 1 { fail("line \(i) has exactly one suppressed cell") }
        }
        // A pin may stay only when nothing is left to hide (every nonzero cell suppressed),
        // and the table then says so.
        let pinned = SuppressionAttacker.pinnedSmallCells(s)
        let nothingToHide = s.grid.joined().allSatisfy { $0 == .count(0) || $0.isSuppressed }
        if !pinned.isEmpty && !nothingToHide { fail("attacker pins small cells \(pinned): \(s.grid.map { $0.map(s.text) })") }
        if pinned.map({ [$0.r, $0.c] }) != s.unprotectedSmallCells.map({ [$0.row, $0.column] }) {
            fail("unprotectedSmallCells \(s.unprotectedSmallCells) differs from the attacker's \(pinned)")
        }
        return ok
    }

    @Test func noSmallCellsLeavesTheTableUnchanged() {
        let s = SmallCellSuppression.apply(Self.table([[10, 20, 0], [30, 5, 7]]))
        #expect(s.threshold == 5)
        #expect(s.cells == [[.count(10), .count(20), .count(0)], [.count(30), .count(5), .count(7)]])
        #expect(s.rowTotals == [.count(30), .count(42)] && s.columnTotals == [.count(40), .count(25), .count(7)] && s.grandTotal == .count(72))
        #expect(s.text(.count(12)) == "12" && s.text(.small) == "<5" && s.text(.hidden) == "x")
        Self.check(s)
    }

    /// 3 at (0,0): its row hides the smallest other inner cell (10; neither column has a
    /// suppressed cell yet); column 0 hides 8 (smaller than 12); column 1 then prefers 25 over
    /// the smaller 15 because row 2 already has exactly one suppressed cell. Totals stay.
    @Test func oneSmallCellForcesTheExpectedSecondaryCells() {
        let s = SmallCellSuppression.apply(Self.table([[3, 10, 20], [12, 15, 30], [8, 25, 9]]))
        Self.expectGrid(s, [["s", "x", "20", "33"], ["12", "15", "30", "57"], ["x", "x", "9", "42"], ["23", "50", "59", "132"]])
        Self.check(s)
    }

    /// A small row total is suppressed like any cell; the totals column then needs a second
    /// suppressed cell and takes the row total whose row already has exactly one.
    @Test func smallTotalsAreSuppressed() {
        let s = SmallCellSuppression.apply(Self.table([[2, 0], [10, 7]]))
        Self.expectGrid(s, [["s", "0", "s"], ["x", "7", "x"], ["12", "7", "19"]])
        #expect(s.rowTotals[0] == .small)
        Self.check(s)
    }

    @Test func zerosAreNeverHidden() {
        let s = SmallCellSuppression.apply(Self.table([[3, 0], [0, 9]]))
        // The totals row needs a second cell and has only 9 and the grand total; the grand
        // total wins because its other line (the totals column) has exactly one suppressed cell.
        Self.expectGrid(s, [["s", "0", "s"], ["0", "9", "9"], ["s", "9", "x"]])
        Self.check(s)
        let zeros = SmallCellSuppression.apply(Self.table([[0, 0, 4], [0, 0, 0], [6, 0, 0]]))
        #expect(zeros.cells.joined().filter { $0 == .count(0) }.count == 7)
        Self.check(zeros)
    }

    @Test func thresholdBelowTwoSuppressesNothing() {
        let table = Self.table([[1, 2], [0, 3]])
        for t in [1, 0, -3] {
            let s = SmallCellSuppression.apply(table, threshold: t)
            #expect(s.grid == [[.count(1), .count(2), .count(3)], [.count(0), .count(3), .count(3)], [.count(1), .count(5), .count(6)]])
        }
        // t = 2: only the 1s are small; row 0 hides the 2, the totals row the column total 5.
        Self.expectGrid(SmallCellSuppression.apply(table, threshold: 2), [["s", "x", "3"], ["0", "3", "3"], ["s", "x", "6"]])
    }

    /// 4 + 4 = 8 with both "<5": each must be 4. The audit hides the row total, and then the
    /// totals column hides the grand total.
    @Test func auditHidesATotalThatPinsSmallCells() {
        let s = SmallCellSuppression.apply(Self.table([[4, 4]]))
        Self.expectGrid(s, [["s", "s", "x"], ["s", "s", "x"]])
        Self.check(s)
    }

    /// The test's attacker has teeth: it pins what plain primary suppression leaves open.
    @Test func attackerPinsNaiveSuppression() {
        let naive = SuppressedTable(table: Self.table([[4, 4]]), threshold: 5, cells: [[.small, .small]], rowTotals: [.count(8)],
                                    columnTotals: [.small, .small], grandTotal: .count(8))
        #expect(SuppressionAttacker.pinnedSmallCells(naive).count == 4)
        let oneInRow = SuppressedTable(table: Self.table([[3, 10], [6, 7]]), threshold: 5, cells: [[.small, .count(10)], [.count(6), .count(7)]],
                                       rowTotals: [.count(13), .count(13)], columnTotals: [.count(9), .count(17)], grandTotal: .count(26))
        #expect(SuppressionAttacker.pinnedSmallCells(oneInRow).map { [$0.r, $0.c] } == [[0, 0]])
        let wide = SuppressedTable(table: Self.table([[4, 6, 0]]), threshold: 5, cells: [[.small, .hidden, .count(0)]], rowTotals: [.count(10)],
                                   columnTotals: [.small, .hidden, .count(0)], grandTotal: .count(10))
        #expect(SuppressionAttacker.pinnedSmallCells(wide).isEmpty)   // 1+9 ... 4+6 all fit
        let tight = SuppressedTable(table: Self.table([[4, 5]]), threshold: 5, cells: [[.small, .hidden]], rowTotals: [.count(9)],
                                    columnTotals: [.small, .hidden], grandTotal: .count(9))
        #expect(SuppressionAttacker.pinnedSmallCells(tight).isEmpty)  // 9 = s + x with x >= 5: s in 1...4
    }

    @Test func deterministic() {
        var rng = SeededRandom(seed: 7)
        for _ in 0..<50 {
            let table = SuppressionGen.seeded(&rng, rows: Int.random(in: 1...6, using: &rng), columns: Int.random(in: 1...6, using: &rng))
            #expect(SmallCellSuppression.apply(table) == SmallCellSuppression.apply(table))
        }
    }

    @Test func randomTablesResistTheDifferencingAttack() async {
        await propertyCheck(count: 400, input: SuppressionGen.tables) { table, threshold in
            Self.check(SmallCellSuppression.apply(table, threshold: threshold))
        }
    }

    /// Reproducible sweep: many seeded tables, including 1×N and N×1, up to 8×8.
    @Test func seededSweepIncludingSingleRowsAndColumns() {
        var rng = SeededRandom(seed: 20261124)
        var failures = 0
        let shapes = [(1, 1), (1, 2), (1, 5), (1, 12), (2, 1), (5, 1), (12, 1), (2, 2), (3, 4), (6, 3), (8, 8)]
        for (rows, columns) in shapes {
            for _ in 0..<300 where failures < 5 {
                let table = SuppressionGen.seeded(&rng, rows: rows, columns: columns)
                let threshold = rng.pick([2, 3, 5, 5, 5, 10])
                if !Self.check(SmallCellSuppression.apply(table, threshold: threshold)) { failures += 1 }
            }
        }
    }

    /// The two attackers agree on tiny tables, both on what suppression makes and on naive
    /// primary-only suppression (where they find pins).
    @Test func attackersAgreeOnTinyTables() {
        var rng = SeededRandom(seed: 99)
        var naivePins = 0
        for (rows, columns) in [(1, 2), (1, 3), (1, 4), (2, 1), (3, 1), (2, 2), (2, 3), (3, 2)] {
            for _ in 0..<60 {
                let counts = (0..<rows).map { _ in (0..<columns).map { _ in rng.pick([0, 1, 2, 3, 4, 1, 2, 5, 6, 9, 12]) } }
                let t = rng.pick([3, 4, 5])
                let s = SmallCellSuppression.apply(Self.table(counts), threshold: t)
                #expect(BruteForceAttacker.pinnedSmallCells(s) == SuppressionAttacker.pinnedSmallCells(s).map { [$0.r, $0.c] }, "\(counts) t=\(t)")
                let smallOnly = { (v: Int) -> ReportCell in (1..<t).contains(v) ? .small : .count(v) }
                let table = Self.table(counts)
                let naive = SuppressedTable(table: table, threshold: t, cells: counts.map { $0.map(smallOnly) }, rowTotals: table.rowTotals.map(smallOnly),
                                            columnTotals: table.columnTotals.map(smallOnly), grandTotal: smallOnly(table.grandTotal))
                let exact = BruteForceAttacker.pinnedSmallCells(naive)
                #expect(exact == SuppressionAttacker.pinnedSmallCells(naive).map { [$0.r, $0.c] }, "naive \(counts) t=\(t)")
                naivePins += exact.isEmpty ? 0 : 1
            }
        }
        #expect(naivePins > 50)
    }

    /// All counts small, t = 3: two cells of at least 1 under a total "<3" are both 1, and
    /// nothing is left to hide. The table says so.
    @Test func unfixablePinIsReported() {
        let s = SmallCellSuppression.apply(Self.table([[1, 1]]), threshold: 3)
        Self.expectGrid(s, [["s", "s", "s"], ["s", "s", "s"]])
        #expect(s.unprotectedSmallCells.count == 6)
        #expect(SmallCellSuppression.apply(Self.table([[3, 10], [12, 15]])).unprotectedSmallCells.isEmpty)
    }

    @Test func emptyTables() {
        Self.check(SmallCellSuppression.apply(ReportTable(id: "e", title: "E", rowHeading: "r", rows: [], columns: ["p"], counts: [])))
        Self.check(SmallCellSuppression.apply(ReportTable(id: "e", title: "E", rowHeading: "r", rows: ["a"], columns: [], counts: [[]])))
    }
}
