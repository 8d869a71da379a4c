import Foundation

/// Suppressed report tables as CSV (for a spreadsheet) and Markdown (for a document).
/// Only `SuppressedTable`s go in: the true counts of a `ReportTable` never reach a file.
/// Deterministic: the same tables and labels give the same bytes.
public enum ReportTableExport {
    /// The words an export adds around the tables.
    public struct Labels: Sendable {
        /// The total column and the total row's category: "Totaal".
        public var total: String
        /// CSV header of the column with the table's id.
        public var tableColumn: String
        /// CSV header of the column with the row label.
        public var categoryColumn: String
        /// The legend entry for "<t", given the threshold t.
        public var legendSmall: @Sendable (Int) -> String
        /// The legend entry for "x".
        public var legendHidden: String

        public init(total: String, tableColumn: String, categoryColumn: String,
                    legendSmall: @escaping @Sendable (Int) -> String, legendHidden: String) {
            self.total = total; self.tableColumn = tableColumn; self.categoryColumn = categoryColumn
            self.legendSmall = legendSmall; self.legendHidden = legendHidden
        }

        /// The labels in the given language (the UI language when nil).
        public static func localized(_ language: Language? = nil) -> Labels {
            let lang = language ?? L10n.language
            return Labels(total: L10n.t("suppression.total", language: lang),
                          tableColumn: L10n.t("suppression.tableColumn", language: lang),
                          categoryColumn: L10n.t("suppression.categoryColumn", language: lang),
                          legendSmall: { t in L10n.t("suppression.legendSmall", "<\(t)", t, language: lang) },
                          legendHidden: L10n.t("suppression.legendHidden", language: lang))
        }
    }

    /// One CSV for several tables of one report (they share the same periods): the header
    /// `table, category, <periods...>, total`, then per table its rows and a total row
    /// (category = `labels.total`). The `table` column holds `table.id`; cells are
    /// `SuppressedTable.text` ("12", "<5", "x"). Written by `CSV.write` (separator, byte
    /// order mark, formula guard).
    public static func csv(_ tables: [SuppressedTable], options: CSV.Options = CSV.Options(), labels: Labels) -> Data {
        let periods = tables.first?.table.columns ?? []
        for s in tables {
            precondition(s.table.columns == periods, "ReportTableExport: table \(s.table.id) has other periods than \(tables[0].table.id)")
        }
        var rows: [[String]] = [[labels.tableColumn, labels.categoryColumn] + periods + [labels.total]]
        for s in tables {
            for (i, label) in s.table.rows.enumerated() {
                rows.append([s.table.id, label] + s.cells[i].map(s.text) + [s.text(s.rowTotals[i])])
            }
            rows.append([s.table.id, labels.total] + s.columnTotals.map(s.text) + [s.text(s.grandTotal)])
        }
        return CSV.write(rows, options: options)
    }

    /// Per table a `### title` heading and a GFM table (label column = `rowHeading`, the
    /// periods, the total; the last row is the total row), separated by blank lines; the
    /// last line is the legend for "<t" and "x". Labels have `|` escaped and line breaks
    /// replaced by spaces.
    public static func markdown(_ tables: [SuppressedTable], labels: Labels) -> String {
        var lines: [String] = []
        for s in tables {
            let t = s.table
            lines.append("### " + inline(t.title))
            lines.append("")
            lines.append(row([t.rowHeading] + t.columns + [labels.total]))
            lines.append("| --- |" + String(repeating: " ---: |", count: t.columns.count + 1))
            for (i, label) in t.rows.enumerated() {
                lines.append(row([label] + s.cells[i].map(s.text) + [s.text(s.rowTotals[i])]))
            }
            lines.append(row([labels.total] + s.columnTotals.map(s.text) + [s.text(s.grandTotal)]))
            lines.append("")
        }
        var thresholds: [Int] = []
        for s in tables where !thresholds.contains(s.threshold) { thresholds.append(s.threshold) }
        if thresholds.isEmpty { thresholds = [SmallCellSuppression.defaultThreshold] }
        lines.append(inline((thresholds.map(labels.legendSmall) + [labels.legendHidden]).joined(separator: " · ")))
        return lines.joined(separator: "\n") + "\n"
    }

    static func row(_ fields: [String]) -> String {
        "| " + fields.map { inline($0).replacingOccurrences(of: "|", with: "\\|") }.joined(separator: " | ") + " |"
    }

    /// One line of text: every line break (CR, LF, CRLF, U+2028/2029, NEL) becomes a space.
    static func inline(_ text: String) -> String {
        text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).joined(separator: " ")
    }
}
