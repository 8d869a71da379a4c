import Foundation

/// Small-cell suppression for anonymous statistics (DOMAIN.md §5: "statistics are anonymous
/// with small counts suppressed").
///
/// The table with its margins is an (R+1)×(C+1) grid: the inner cells, the row totals (last
/// column), the column totals (last row) and the grand total. A *line* is a row including
/// its total, or a column including its total; the totals row and the totals column are
/// lines too (both contain the grand total). In every line the last cell is the sum of the
/// others. With a threshold `t` (default 5; `t < 2` suppresses nothing):
///
/// 1. Primary: every cell, inner or total, with `1 <= count < t` becomes `.small` ("<5").
///    A zero is shown: a true zero reveals no one.
/// 2. Secondary: until stable, a line with exactly one suppressed cell gets one more
///    (`.hidden`, "x"): a shown cell of that line with `count >= t` (never a zero, since a
///    hidden cell is known to be 0 or >= t and a hidden zero could be worked out),
///    preferring an inner cell over a total, then a cell whose crossing line also has
///    exactly one suppressed cell, then the smallest count, then the first position.
/// 3. Audit: an attacker knows shown cells exactly, a `.small` cell is in [1, t-1], a
///    `.hidden` one in [t, ∞), and that every line adds up. When that pins a `.small` cell
///    to one value (decided exactly, see `SuppressionGrid.pinnedSmallCells`; narrowing
///    intervals line by line misses some), one more cell is hidden (the best candidate,
///    same preferences, in the row or column through that cell, else anywhere) and steps 2
///    and 3 repeat. This ends: suppression only grows. (With t = 2, "<2" already means 1.)
///
/// Limit: when every nonzero cell is already suppressed, nothing is left to hide and a pin
/// stays, e.g. a row 1, 1 with total "<3" (t = 3): two cells of at least 1 under a total
/// below 3. Such a table is too thin to publish; `SuppressedTable.unprotectedSmallCells`
/// says so.
///
/// Deterministic: the same table and threshold give the same result.
public enum SmallCellSuppression {
    public static let defaultThreshold = 5

    /// `totalsRow`: the marks of the totals row (the periods, then the grand total), decided
    /// beforehand from the totals alone (`totalsRow(_:threshold:)`) and kept: tables that count
    /// the same events share their totals, so every one of them must show and hide the same
    /// totals, whatever else it holds or whichever other tables a report has. The other cells
    /// then protect their small counts without hiding a total; where that is not possible the
    /// table is unprotected (`unprotectedSmallCells`) and is left out.
    public static func apply(_ table: ReportTable, threshold: Int = defaultThreshold, totalsRow: [ReportCell]? = nil) -> SuppressedTable {
        var grid = SuppressionGrid(table)
        if threshold >= 2 {
            grid.primary(threshold)
            if let totalsRow, totalsRow.count == grid.columnCount + 1 {
                grid.mark[grid.rowCount] = totalsRow
                grid.fixedTotalsRow = true
            }
            while true {
                grid.secondary(threshold)
                guard let pinned = grid.pinnedSmallCells(threshold).first,
                      let extra = grid.auditCandidate(around: pinned, threshold) else { break }
                grid.mark[extra.r][extra.c] = .hidden
            }
        }
        return grid.result(table, threshold: threshold)
    }

    /// The marks of a totals row decided from the totals alone (as a one-row table): what every
    /// table counting the same events then shows of them.
    public static func totalsRow(_ totals: [Int], threshold: Int = defaultThreshold) -> [ReportCell] {
        let t = ReportTable(id: "totals", title: "", rowHeading: "", rows: [""], columns: totals.indices.map(String.init), counts: [totals])
        let s = apply(t, threshold: threshold)
        return s.cells[0] + [s.rowTotals[0]]
    }
}

/// A position in the (R+1)×(C+1) grid; `r == R` is the totals row, `c == C` the totals column.
struct GridPosition: Hashable, Comparable {
    var r: Int, c: Int
    static func < (a: GridPosition, b: GridPosition) -> Bool { (a.r, a.c) < (b.r, b.c) }
}

/// The working state of `SmallCellSuppression.apply`: true counts and marks, by grid position.
struct SuppressionGrid {
    /// Inner rows and columns; the grid has one more of each.
    let rowCount: Int, columnCount: Int
    let value: [[Int]]
    var mark: [[ReportCell]]
    /// Rows 0...R (index r), then columns 0...C (index R+1+c); the last position of each is its total.
    let lines: [[GridPosition]]
    /// The totals row was decided beforehand: none of its cells is hidden here.
    var fixedTotalsRow = false

    init(_ table: ReportTable) {
        let R = table.rows.count, C = table.columns.count
        rowCount = R; columnCount = C
        var v = zip(table.counts, table.rowTotals).map { $0 + [$1] }
        v.append(table.columnTotals + [table.grandTotal])
        value = v
        mark = v.map { $0.map { ReportCell.count($0) } }
        lines = (0...R).map { r in (0...C).map { GridPosition(r: r, c: $0) } }
            + (0...C).map { c in (0...R).map { GridPosition(r: $0, c: c) } }
    }

    func rowLine(_ p: GridPosition) -> Int { p.r }
    func columnLine(_ p: GridPosition) -> Int { rowCount + 1 + p.c }
    func isTotal(_ p: GridPosition) -> Bool { p.r == rowCount || p.c == columnCount }
    func isSuppressed(_ p: GridPosition) -> Bool { mark[p.r][p.c].isSuppressed }
    func count(_ p: GridPosition) -> Int { value[p.r][p.c] }
    func suppressedCount(line: Int) -> Int { lines[line].reduce(0) { $0 + (isSuppressed($1) ? 1 : 0) } }

    mutating func primary(_ t: Int) {
        for line in lines.prefix(rowCount + 1) {
            for p in line where (1..<t).contains(count(p)) { mark[p.r][p.c] = .small }
        }
    }

    /// The preferred cell to hide among `candidates`: inner before total, then one whose
    /// crossing line has exactly one suppressed cell, then the smallest count, then the first.
    func best(_ candidates: [GridPosition], crossing: (GridPosition) -> Int?) -> GridPosition? {
        candidates.min { a, b in
            key(a, crossing) < key(b, crossing) || (key(a, crossing) == key(b, crossing) && a < b)
        }
    }

    private func key(_ p: GridPosition, _ crossing: (GridPosition) -> Int?) -> (Int, Int, Int) {
        let lonely = crossing(p).map { suppressedCount(line: $0) == 1 } ?? false
        return (isTotal(p) ? 1 : 0, lonely ? 0 : 1, count(p))
    }

    /// Cells that may be hidden: shown, and at least the threshold (never a zero).
    func hideable(_ p: GridPosition, _ t: Int) -> Bool { !isSuppressed(p) && count(p) >= t && !(fixedTotalsRow && p.r == rowCount) }

    /// Until stable: a line with exactly one suppressed cell gets a second one.
    ///
    /// A candidate always exists. Invariant: every suppressed cell is nonzero (a `.small` is
    /// >= 1, a `.hidden` >= t) and every shown nonzero cell is >= t (smaller ones are
    /// `.small`). Let s be the line's one suppressed cell. If s is an inner cell, the line's
    /// total is >= count(s) >= 1 and shown, so it is >= t. If s is the total, its count is
    /// >= 1, so some inner cell of the line is nonzero, shown, hence >= t.
    mutating func secondary(_ t: Int) {
        var changed = true
        while changed {
            changed = false
            for li in lines.indices where suppressedCount(line: li) == 1 {
                let isRow = li <= rowCount
                let candidates = lines[li].filter { hideable($0, t) }
                guard let p = best(candidates, crossing: { isRow ? columnLine($0) : rowLine($0) }) else {
                    // Only with a fixed totals row (the totals line itself was decided beforehand);
                    // the audit then finds what cannot be protected and the table is left out.
                    precondition(fixedTotalsRow, "SmallCellSuppression: a line with one suppressed cell has no candidate (see the proof above)")
                    continue
                }
                mark[p.r][p.c] = .hidden
                changed = true
            }
        }
    }

    /// `.small` cells whose value can be worked out from what is shown, in row-major order.
    ///
    /// The attacker knows shown cells exactly, `.small` in [1, t-1], `.hidden` in [t, ∞).
    /// Narrowing intervals line by line is not enough: it misses deductions that combine
    /// lines (for t = 4, a grand total 6 that is a `<4` row total plus a `<4` column total
    /// pins both to 3, though no single line narrows either). So the deduction is exact:
    /// the grid is a circulation on a bipartite graph (row nodes 0...R, column nodes 0...C;
    /// an inner cell (r,c) is flow r → c, a row total C → r, a column total c → R, the grand
    /// total R → C), and every line adds up exactly when every node conserves flow. A cell
    /// can take another value within the bounds iff the true table changed by one unit
    /// around some cycle stays within them (a difference of two such circulations splits
    /// into conformal cycles), i.e. iff the residual graph has a cycle through the cell.
    /// With t = 2, "<2" itself says 1: the totals cannot tell more, so nothing counts.
    func pinnedSmallCells(_ t: Int) -> [GridPosition] {
        guard t > 2 else { return [] }
        let R = rowCount, C = columnCount
        let cells = lines.prefix(R + 1).flatMap { $0 }
        func ends(_ p: GridPosition) -> (from: Int, to: Int) {
            switch (p.r == R, p.c == C) {
            case (false, false): return (p.r, R + 1 + p.c)
            case (false, true): return (R + 1 + C, p.r)
            case (true, false): return (R + 1 + p.c, R)
            case (true, true): return (R, R + 1 + C)
            }
        }
        func bounds(_ p: GridPosition) -> (lo: Int, hi: Int) {
            switch mark[p.r][p.c] {
            case .count(let n): return (n, n)
            case .small: return (1, t - 1)
            case .hidden: return (t, Int.max)
            }
        }
        // residual[node] = (cell index, next node)
        var residual = [[(Int, Int)]](repeating: [], count: R + C + 2)
        for (i, p) in cells.enumerated() {
            let (from, to) = ends(p), (lo, hi) = bounds(p), v = count(p)
            if v < hi { residual[from].append((i, to)) }
            if v > lo { residual[to].append((i, from)) }
        }
        func reachable(_ start: Int, _ goal: Int, avoiding cell: Int) -> Bool {
            var seen = [Bool](repeating: false, count: residual.count)
            var stack = [start]
            seen[start] = true
            while let n = stack.popLast() {
                if n == goal { return true }
                for (i, next) in residual[n] where i != cell && !seen[next] { seen[next] = true; stack.append(next) }
            }
            return false
        }
        return cells.enumerated().compactMap { i, p in
            guard mark[p.r][p.c] == .small else { return nil }
            let (from, to) = ends(p), v = count(p)
            let canGrow = v < t - 1 && reachable(to, from, avoiding: i)
            let canShrink = v > 1 && reachable(from, to, avoiding: i)
            return canGrow || canShrink ? nil : p
        }
    }

    /// The cell to hide for a pinned `.small` cell: the best candidate in its row or column
    /// (the crossing line of a candidate in the row is its column, and the other way round);
    /// if neither has one, the best anywhere in the grid; nil when nothing is left to hide.
    func auditCandidate(around pinned: GridPosition, _ t: Int) -> GridPosition? {
        let near = Set(lines[rowLine(pinned)] + lines[columnLine(pinned)]).filter { hideable($0, t) }
        if let p = best(Array(near), crossing: { $0.r == pinned.r ? columnLine($0) : rowLine($0) }) { return p }
        let anywhere = lines.prefix(rowCount + 1).flatMap { $0 }.filter { hideable($0, t) }
        return best(anywhere, crossing: { _ in nil })
    }

    func result(_ table: ReportTable, threshold: Int) -> SuppressedTable {
        let R = rowCount, C = columnCount
        return SuppressedTable(table: table, threshold: threshold,
                               cells: (0..<R).map { r in Array(mark[r][0..<C]) },
                               rowTotals: (0..<R).map { mark[$0][C] },
                               columnTotals: Array(mark[R][0..<C]),
                               grandTotal: mark[R][C])
    }
}

extension SuppressedTable {
    /// `.small` cells whose value can be worked out from what is shown, as grid positions
    /// (`row == table.rows.count` is the totals row, `column == table.columns.count` the
    /// totals column). Empty for what `SmallCellSuppression.apply` makes, unless nothing
    /// was left to hide; a caller should then not publish the table as is.
    public var unprotectedSmallCells: [(row: Int, column: Int)] {
        var grid = SuppressionGrid(table)
        grid.mark = self.grid
        return grid.pinnedSmallCells(threshold).map { ($0.r, $0.c) }
    }
}
