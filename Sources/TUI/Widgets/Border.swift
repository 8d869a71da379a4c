/// Box borders with an optional title, in Unicode line drawing or an ASCII fallback.
public enum Border {
    /// Draw a border on the edge of `rect` and return the inside.
    @discardableResult
    public static func draw(_ rect: Rect, into buffer: inout CellBuffer, style: Style,
                            title: String? = nil, titleStyle: Style? = nil, unicode: Bool = true) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        let (h, v, tl, tr, bl, br): (Character, Character, Character, Character, Character, Character) =
            unicode ? ("─", "│", "┌", "┐", "└", "┘") : ("-", "|", "+", "+", "+", "+")
        buffer.fill(Rect(x: rect.x + 1, y: rect.y, width: rect.width - 2, height: 1), with: h, style: style)
        buffer.fill(Rect(x: rect.x + 1, y: rect.maxY - 1, width: rect.width - 2, height: 1), with: h, style: style)
        buffer.fill(Rect(x: rect.x, y: rect.y + 1, width: 1, height: rect.height - 2), with: v, style: style)
        buffer.fill(Rect(x: rect.maxX - 1, y: rect.y + 1, width: 1, height: rect.height - 2), with: v, style: style)
        buffer.set(Cell(tl, style: style), x: rect.x, y: rect.y)
        buffer.set(Cell(tr, style: style), x: rect.maxX - 1, y: rect.y)
        buffer.set(Cell(bl, style: style), x: rect.x, y: rect.maxY - 1)
        buffer.set(Cell(br, style: style), x: rect.maxX - 1, y: rect.maxY - 1)
        if let title, !title.isEmpty, rect.width > 4 {
            buffer.put(text: " " + title + " ", at: Point(x: rect.x + 1, y: rect.y), maxWidth: rect.width - 2,
                       style: titleStyle ?? style)
        }
        return rect.inset(1)
    }
}
