import Foundation

/// A two-way table of counts: categories (rows) by periods (columns), with totals.
///
/// The input to an anonymous report. It holds true counts and must never leave the
/// process as is: `SmallCellSuppression.apply` turns it into a `SuppressedTable`, and
/// only that is rendered or exported (`ReportTableExport`).
public struct ReportTable: Equatable, Sendable {
    /// Stable, machine-readable id, e.g. "exploitation-form" (the `table` column in CSV).
    public var id: String
    /// Heading shown to people (the caller localizes).
    public var title: String
    /// Heading of the label column, e.g. "Uitbuitingsvorm".
    public var rowHeading: String
    /// Row labels in display order.
    public var rows: [String]
    /// Column labels (periods, e.g. "2026-K1").
    public var columns: [String]
    /// `counts[row][column]`, all >= 0.
    public var counts: [[Int]]

    public init(id: String, title: String, rowHeading: String, rows: [String], columns: [String], counts: [[Int]]) {
        precondition(counts.count == rows.count, "ReportTable \(id): \(counts.count) count rows for \(rows.count) row labels")
        for (i, row) in counts.enumerated() {
            precondition(row.count == columns.count, "ReportTable \(id): row \(i) has \(row.count) counts for \(columns.count) columns")
            precondition(row.allSatisfy { $0 >= 0 }, "ReportTable \(id): negative count in row \(i)")
        }
        self.id = id; self.title = title; self.rowHeading = rowHeading
        self.rows = rows; self.columns = columns; self.counts = counts
    }

    /// One total per row (the sum over the columns).
    public var rowTotals: [Int] { counts.map { $0.reduce(0, +) } }

    /// One total per column (the sum over the rows).
    public var columnTotals: [Int] {
        (0..<columns.count).map { j in counts.reduce(0) { $0 + $1[j] } }
    }

    public var grandTotal: Int { counts.reduce(0) { $0 + $1.reduce(0, +) } }
}

/// One shown cell of a suppressed table.
public enum ReportCell: Equatable, Sendable {
    /// Shown as is (zero included: a true zero reveals no one).
    case count(Int)
    /// Primary suppression: a count in `1..<threshold`, shown as "<5" (the threshold's number).
    case small
    /// Secondary suppression: a count >= threshold hidden so that a small count cannot be
    /// worked out from the totals; shown as "x".
    case hidden

    public var isSuppressed: Bool { if case .count = self { return false } else { return true } }
}

/// A `ReportTable` as it may be shown: every cell and total is a count, `.small` or `.hidden`.
/// Made by `SmallCellSuppression.apply`.
public struct SuppressedTable: Equatable, Sendable {
    /// The labels are taken from here; the true counts are not to be shown.
    public let table: ReportTable
    public let threshold: Int
    /// `cells[row][column]`, the shape of `table.counts`.
    public var cells: [[ReportCell]]
    public var rowTotals: [ReportCell]
    public var columnTotals: [ReportCell]
    public var grandTotal: ReportCell

    public init(table: ReportTable, threshold: Int, cells: [[ReportCell]], rowTotals: [ReportCell], columnTotals: [ReportCell], grandTotal: ReportCell) {
        precondition(cells.count == table.rows.count && cells.allSatisfy { $0.count == table.columns.count }
                     && rowTotals.count == table.rows.count && columnTotals.count == table.columns.count,
                     "SuppressedTable \(table.id): shape differs from the table")
        self.table = table; self.threshold = threshold; self.cells = cells
        self.rowTotals = rowTotals; self.columnTotals = columnTotals; self.grandTotal = grandTotal
    }

    /// "12", "<5" (with this table's threshold) or "x".
    public func text(_ cell: ReportCell) -> String {
        switch cell {
        case .count(let n): return String(n)
        case .small: return "<\(threshold)"
        case .hidden: return "x"
        }
    }

    /// The (rows+1)×(columns+1) grid: the cells with each row's total as its last entry, and
    /// the totals row (column totals, then the grand total) last.
    public var grid: [[ReportCell]] {
        zip(cells, rowTotals).map { $0 + [$1] } + [columnTotals + [grandTotal]]
    }
}
