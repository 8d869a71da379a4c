import Foundation

/// Horizontal bars with labels and values: `label ███████▍  12`. Bars use Unicode
/// eighth blocks for smooth lengths, or `#` when the theme asks for ASCII.
public struct BarChart: Equatable, Sendable {
    public struct Bar: Equatable, Sendable {
        public var label: String
        public var value: Double
        /// Shown instead of the value (a suppressed count: `<5`, `x`).
        public var text: String?
        public init(_ label: String, _ value: Double, text: String? = nil) {
            self.label = label
            self.value = value
            self.text = text
        }
    }

    public var bars: [Bar]
    /// The value of a full-width bar (default: the largest value).
    public var maximum: Double?
    public var emptyText: String

    public init(bars: [Bar], maximum: Double? = nil, emptyText: String = "Geen gegevens") {
        self.bars = bars
        self.maximum = maximum
        self.emptyText = emptyText
    }

    static let eighths: [Character] = ["▏", "▎", "▍", "▌", "▋", "▊", "▉"]

    /// The bar for `value` in `width` cells.
    static func bar(value: Double, maximum: Double, width: Int, unicode: Bool) -> String {
        guard maximum > 0, width > 0, value > 0, value.isFinite else { return "" }
        let fraction = min(value / maximum, 1)
        if !unicode {
            return String(repeating: "#", count: Int((fraction * Double(width)).rounded()))
        }
        let totalEighths = Int((fraction * Double(width * 8)).rounded())
        var s = String(repeating: "█", count: totalEighths / 8)
        if totalEighths % 8 > 0 { s.append(eighths[totalEighths % 8 - 1]) }
        return s
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.1f", value)
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: theme[.text])
        guard !bars.isEmpty else {
            buffer.put(text: emptyText, in: area.row(0), style: theme[.muted])
            return
        }
        let labelWidth = min(bars.map { TextWidth.width(of: $0.label) }.max() ?? 0, area.width * 2 / 5)
        let values = bars.map { $0.text ?? Self.format($0.value) }
        let valueWidth = values.map { TextWidth.width(of: $0) }.max() ?? 0
        let barWidth = max(0, area.width - labelWidth - valueWidth - 2)
        let top = maximum ?? bars.map(\.value).max() ?? 0
        for (i, bar) in bars.enumerated() where i < area.height {
            let row = area.row(i)
            buffer.put(text: bar.label, in: Rect(x: row.x, y: row.y, width: labelWidth, height: 1), style: theme[.text])
            let drawn = Self.bar(value: bar.value, maximum: top, width: barWidth, unicode: theme.usesUnicodeGlyphs)
            buffer.put(text: drawn, at: Point(x: row.x + labelWidth + 1, y: row.y), maxWidth: barWidth,
                       style: theme[.chartBar])
            buffer.put(text: values[i], in: Rect(x: row.maxX - valueWidth, y: row.y, width: valueWidth, height: 1),
                       style: theme[.text], alignment: .right)
        }
    }
}
