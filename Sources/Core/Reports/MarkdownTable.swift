import Foundation

/// A GitHub-flavoured Markdown table from rows of text (the first row is the header; the
/// other columns are right-aligned numbers).
public enum MarkdownTable {
    public static func render(_ rows: [[String]]) -> String {
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|").replacingOccurrences(of: "\n", with: " ") }
        guard let header = rows.first else { return "" }
        var out = "| " + header.map(cell).joined(separator: " | ") + " |\n"
        out += "|" + header.indices.map { $0 == 0 ? " --- " : " ---: " }.joined(separator: "|") + "|\n"
        for r in rows.dropFirst() { out += "| " + r.map(cell).joined(separator: " | ") + " |\n" }
        return out
    }
}
