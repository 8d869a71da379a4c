import Foundation

/// A GitHub-flavoured Markdown table: cells on one line, pipes and backslashes escaped.
public enum MarkdownTable {
    /// The table's lines. Columns from `rightAlignedFrom` on are right-aligned (numbers).
    public static func lines(_ header: [String], _ rows: [[String]], rightAlignedFrom: Int? = nil) -> [String] {
        func cell(_ s: String) -> String {
            s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "|", with: "\\|")
                .replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " ")
        }
        func line(_ cells: [String]) -> String { "| " + cells.map(cell).joined(separator: " | ") + " |" }
        let rule = "|" + header.indices.map { i in rightAlignedFrom.map { i >= $0 } == true ? " ---: |" : " --- |" }.joined()
        return [line(header), rule] + rows.map(line)
    }

    /// Rows of text whose first row is the header, numbers from the second column on.
    public static func render(_ rows: [[String]]) -> String {
        guard let header = rows.first else { return "" }
        return lines(header, Array(rows.dropFirst()), rightAlignedFrom: 1).joined(separator: "\n") + "\n"
    }
}
