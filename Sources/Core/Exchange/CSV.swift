import Foundation

/// RFC 4180 CSV, with the two dialects Dutch users meet: comma, and semicolon (what Dutch
/// Excel writes and expects). Writing guards against formula injection; reading reports
/// malformed input by line instead of guessing.
public enum CSV {
    public struct Options: Sendable {
        public var separator: Character
        public var byteOrderMark: Bool
        public init(separator: Character = ",", byteOrderMark: Bool = false) { self.separator = separator; self.byteOrderMark = byteOrderMark }
    }

    public static func write(_ rows: [[String]], options: Options = Options()) -> Data {
        var out = options.byteOrderMark ? "\u{FEFF}" : ""
        for row in rows {
            out += row.map { field($0, separator: options.separator) }.joined(separator: String(options.separator))
            out += "\r\n"
        }
        return Data(out.utf8)
    }

    /// Quotes when needed. A cell that a spreadsheet would run as a formula (= + - @ and
    /// tab/CR at the start) gets a leading apostrophe, unless it is a plain number.
    static func field(_ value: String, separator: Character) -> String {
        var v = value
        if let first = v.first, "=+-@\t\r".contains(first), Double(v) == nil { v = "'" + v }
        if v.contains(separator) || v.contains("\"") || v.contains("\n") || v.contains("\r") {
            return "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    public struct ParseError: Error, Equatable, Sendable {
        public enum Kind: Equatable, Sendable { case unterminatedQuote, strayQuote, cellTooLarge, notUTF8, tooManyRows, tooManyColumns }
        public let kind: Kind
        public let line: Int
    }

    public static let maxCellBytes = 64 * 1024
    public static let maxRows = 200_000
    public static let maxColumns = 500

    /// Parses a whole file. The separator is `,` or `;`, whichever the header line uses most
    /// (outside quotes), unless given. A UTF-8 byte order mark is skipped.
    public static func parse(_ data: Data, separator: Character? = nil) throws -> [[String]] {
        guard var text = String(data: data, encoding: .utf8) else { throw ParseError(kind: .notUTF8, line: 1) }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        let sep = separator ?? detectSeparator(text)
        let sepScalar = sep.unicodeScalars.first!
        var rows: [[String]] = []
        var row: [String] = []
        var cell = String.UnicodeScalarView()
        var cellBytes = 0
        var line = 1
        var inQuotes = false
        var quoteLine = 1
        var quotedCell = false
        var afterQuote = false
        var scalars = text.unicodeScalars.makeIterator()
        var pending: Unicode.Scalar? = nil

        func endCell() throws {
            row.append(String(cell)); cell = String.UnicodeScalarView(); cellBytes = 0; quotedCell = false; afterQuote = false
            if row.count > maxColumns { throw ParseError(kind: .tooManyColumns, line: line) }
        }
        func append(_ s: Unicode.Scalar) throws {
            cellBytes += s.utf8.count
            if cellBytes > maxCellBytes { throw ParseError(kind: .cellTooLarge, line: line) }
            cell.append(s)
        }

        while let s = pending ?? scalars.next() {
            pending = nil
            if inQuotes {
                if s == "\"" {
                    if let next = scalars.next() {
                        if next == "\"" { try append("\"") } else { inQuotes = false; afterQuote = true; pending = next }
                    } else { inQuotes = false; afterQuote = true }
                } else {
                    if s == "\n" { line += 1 }
                    try append(s)
                }
                continue
            }
            switch s {
            case sepScalar:
                try endCell()
            case "\r":
                continue
            case "\n":
                try endCell()
                if !(row.count == 1 && row[0].isEmpty) { rows.append(row) }
                if rows.count > maxRows { throw ParseError(kind: .tooManyRows, line: line) }
                row = []
                line += 1
            case "\"":
                guard cell.isEmpty, !quotedCell else { throw ParseError(kind: .strayQuote, line: line) }
                inQuotes = true
                quotedCell = true
                quoteLine = line
            default:
                if afterQuote { throw ParseError(kind: .strayQuote, line: line) }
                try append(s)
            }
        }
        if inQuotes { throw ParseError(kind: .unterminatedQuote, line: quoteLine) }
        if !cell.isEmpty || !row.isEmpty || quotedCell { try endCell(); rows.append(row) }
        return rows
    }

    static func detectSeparator(_ text: String) -> Character {
        var commas = 0, semicolons = 0, inQuotes = false
        for c in text.prefix(10_000) {
            if c == "\"" { inQuotes.toggle() }
            if inQuotes { continue }
            if c == "\n" { break }
            if c == "," { commas += 1 } else if c == ";" { semicolons += 1 }
        }
        return semicolons > commas ? ";" : ","
    }
}
