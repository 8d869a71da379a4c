/// A single-line text editor: the shared editing keys for search, filter and form
/// fields. The cursor counts characters (grapheme clusters), so it never lands inside é.
public struct LineEditor: Equatable, Sendable {
    public private(set) var text: String
    public private(set) var cursor: Int
    public var maxLength: Int

    public init(_ text: String = "", maxLength: Int = 200) {
        self.maxLength = maxLength
        let clipped = String(text.prefix(maxLength))
        self.text = clipped
        self.cursor = clipped.count
    }

    public mutating func setText(_ newText: String) {
        text = String(newText.prefix(maxLength))
        cursor = text.count
    }

    /// Apply an editing key; returns true when text or cursor changed. Control
    /// characters are never inserted (they arrive as ctrl-modified keys).
    @discardableResult
    public mutating func handle(_ key: KeyEvent) -> Bool {
        if key.modifiers.contains(.control) {
            switch key.key {
            case .character("a"): return move(to: 0)
            case .character("e"): return move(to: text.count)
            case .character("u"):
                guard !text.isEmpty else { return false }
                text = ""; cursor = 0; return true
            default: return false
            }
        }
        switch key.key {
        case .character(let c) where key.modifiers.isEmpty:
            guard text.count < maxLength, !c.isNewline,
                  !c.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else { return false }
            let index = text.index(text.startIndex, offsetBy: cursor)
            text.insert(c, at: index)
            cursor += 1
            return true
        case .backspace:
            guard cursor > 0 else { return false }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor - 1))
            cursor -= 1
            return true
        case .delete:
            guard cursor < text.count else { return false }
            text.remove(at: text.index(text.startIndex, offsetBy: cursor))
            return true
        case .left: return move(to: cursor - 1)
        case .right: return move(to: cursor + 1)
        case .home: return move(to: 0)
        case .end: return move(to: text.count)
        default: return false
        }
    }

    private mutating func move(to position: Int) -> Bool {
        let clamped = min(max(0, position), text.count)
        guard clamped != cursor else { return false }
        cursor = clamped
        return true
    }

    /// Draw the text in a one-row rect with the cursor as a reversed cell when `focused`.
    /// Long text scrolls so the cursor stays visible.
    public func render(into buffer: inout CellBuffer, area: Rect, style: Style, focused: Bool) {
        guard !area.isEmpty else { return }
        let row = area.row(0)
        buffer.fill(row, style: style)
        // Widths as drawn: a character the sanitiser replaces (a zero-width space shown as
        // U+FFFD, a tab) takes the width of its replacement, so the cursor stays on it.
        let shown = text.map { TerminalSanitizer.sanitize(String($0)) }
        let widths = shown.map { TextWidth.width(of: $0) }
        // Scroll: keep the cursor within the visible width.
        var start = 0
        var widthBeforeCursor = widths[0..<cursor].reduce(0, +)
        while widthBeforeCursor >= row.width && start < cursor {
            widthBeforeCursor -= widths[start]
            start += 1
        }
        let visible = shown[start...].joined()
        buffer.put(text: visible, at: Point(x: row.x, y: row.y), maxWidth: row.width, style: style, clip: row)
        if focused {
            let x = row.x + widthBeforeCursor
            // The cell already drawn there (its character and width), reversed.
            let drawn = buffer[x, row.y]
            let under = cursor < shown.count && !drawn.isContinuation ? drawn.character : " "
            let w = cursor < shown.count && !drawn.isContinuation ? Int(drawn.width) : 1
            if x < row.maxX {
                buffer.set(Cell(under, style: style.with(attributes: .reverse), width: UInt8(max(1, w))), x: x, y: row.y)
            }
        }
    }
}
