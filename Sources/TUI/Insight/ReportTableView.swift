import Foundation
import Core

/// Draws one suppressed report table (categories by periods, with totals) and under it
/// the trend of its column totals as bars. Only suppressed figures ever reach the screen:
/// what is projected or photographed is what an export would carry.
struct ReportTableView {
    let table: SuppressedTable

    /// The periods that fit: the most recent ones when not all do.
    func visibleColumns(width: Int, labelWidth: Int) -> Range<Int> {
        let n = table.table.columns.count
        let cell = columnWidth
        let fit = max(1, (width - labelWidth - cell - 1) / cell)
        return max(0, n - fit)..<n
    }

    var columnWidth: Int { max(6, (table.table.columns.map { TextWidth.width(of: $0) }.max() ?? 4) + 2) }

    /// Draws the table; returns the number of rows used.
    @discardableResult
    func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) -> Int {
        let t = table.table
        let labelWidth = min(30, max(12, ([t.rowHeading, L10n.t("report.total")] + t.rows).map { TextWidth.width(of: $0) }.max() ?? 12) + 1)
        let columns = visibleColumns(width: area.width, labelWidth: labelWidth)
        let w = columnWidth
        func line(_ label: String, _ cells: [String]) -> String {
            let l = TextWidth.width(of: label) > labelWidth - 1 ? String(label.prefix(labelWidth - 2)) + "…" : label
            return l + String(repeating: " ", count: max(0, labelWidth - TextWidth.width(of: l)))
                + cells.map { String(repeating: " ", count: max(1, w - TextWidth.width(of: $0))) + $0 }.joined()
        }
        var y = 0
        func put(_ text: String, _ role: ThemeRole) {
            guard y < area.height else { return }
            buffer.put(text: text, in: area.row(y), style: theme[role]); y += 1
        }
        // Older periods that do not fit: the first shown one says so ("…2026-05").
        put(line(t.rowHeading, columns.map { ($0 == columns.lowerBound && $0 > 0 ? "…" : "") + t.columns[$0] } + [L10n.t("report.total")]), .tableHeader)
        if t.rows.isEmpty { put(L10n.t("insight.noFigures"), .muted); return y }
        for (i, label) in t.rows.enumerated() {
            put(line(label, columns.map { table.text(table.cells[i][$0]) } + [table.text(table.rowTotals[i])]), .text)
        }
        put(line(L10n.t("report.total"), columns.map { table.text(table.columnTotals[$0]) } + [table.text(table.grandTotal)]), .header)
        return y
    }

    /// The column totals as bars, oldest first; a suppressed total shows its mark, no bar.
    func trend(_ limit: Int) -> BarChart {
        let t = table.table
        let bars = t.columns.indices.suffix(limit).map { i -> BarChart.Bar in
            switch table.columnTotals[i] {
            case .count(let n): return BarChart.Bar(t.columns[i], Double(n))
            default: return BarChart.Bar(t.columns[i], 0, text: table.text(table.columnTotals[i]))
            }
        }
        return BarChart(bars: bars, emptyText: L10n.t("insight.noFigures"))
    }
}
