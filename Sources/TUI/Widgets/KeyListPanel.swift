/// A flow's keys, one per line, over the flow (`?`): the one-line hint is cut at 80
/// columns, this list never is.
public enum KeyListPanel {
    /// Hints are written "k what  k2 what2": entries separated by two spaces.
    public static func entries(_ hint: String) -> [String] {
        hint.components(separatedBy: "  ").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    public static func render(hint: String, title: String, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let lines = entries(hint)
        let width = min(area.width - 2, max(30, (lines.map { TextWidth.width(of: $0) }.max() ?? 0) + 6))
        let height = min(area.height, lines.count + 2)
        let box = Rect(x: area.x + (area.width - width) / 2, y: area.y + max(0, (area.height - height) / 2), width: width, height: height)
        buffer.fill(box, style: theme[.dialog])
        let inner = Border.draw(box, into: &buffer, style: theme[.focusBorder], title: title, unicode: theme.usesUnicodeGlyphs).inset(left: 1, right: 1)
        for (i, line) in lines.prefix(inner.height).enumerated() {
            buffer.put(text: line, in: inner.row(i), style: theme[.dialog])
        }
    }
}
