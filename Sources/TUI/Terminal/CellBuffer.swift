/// Horizontal placement of text inside a rect.
public enum TextAlignment: Sendable, Equatable {
    case left, center, right
}

/// A w×h grid of cells that widgets draw into. Backends present whole buffers and diff
/// them against what is on screen, so drawing here is cheap and fully testable.
///
/// Every text write goes through `TerminalSanitizer`, so no caller can emit control
/// characters, and through `TextWidth`, so wide characters are never split.
public struct CellBuffer: Hashable, Sendable {
    public private(set) var size: Size
    public private(set) var cells: [Cell]

    public static let ellipsis: Character = "…"

    public init(size: Size, fill: Cell = .blank) {
        self.size = Size(width: max(0, size.width), height: max(0, size.height))
        self.cells = Array(repeating: fill, count: self.size.width * self.size.height)
    }

    public init(width: Int, height: Int) { self.init(size: Size(width: width, height: height)) }

    public var width: Int { size.width }
    public var height: Int { size.height }
    public var bounds: Rect { Rect(size: size) }

    public subscript(x: Int, y: Int) -> Cell {
        get {
            guard x >= 0, y >= 0, x < width, y < height else { return .blank }
            return cells[y * width + x]
        }
    }

    /// Write one cell, keeping wide characters whole: overwriting either half of a wide
    /// character blanks the other half.
    public mutating func set(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, y >= 0, x < width, y < height else { return }
        var cell = cell
        if cell.width == 2 && x + 1 >= width {
            cell = Cell(" ", style: cell.style)   // a wide char cannot start in the last column
        }
        blankOverlapped(x: x, y: y)
        cells[y * width + x] = cell
        if cell.width == 2 {
            blankOverlapped(x: x + 1, y: y)
            cells[y * width + x + 1] = .continuation(style: cell.style)
        }
    }

    private mutating func blankOverlapped(x: Int, y: Int) {
        let i = y * width + x
        let old = cells[i]
        if old.isContinuation, x > 0, cells[i - 1].width == 2 {
            cells[i - 1] = Cell(" ", style: cells[i - 1].style)
        } else if old.width == 2, x + 1 < width {
            cells[i + 1] = Cell(" ", style: old.style)
        }
    }

    /// Draw one line of text at `point`, using at most `maxWidth` columns (default: up to
    /// the right edge, and never outside `clip`). Text is sanitised first (line breaks
    /// become spaces). When it does not fit, it is cut at a character boundary and ends
    /// in `…`. Returns the number of columns written.
    @discardableResult
    public mutating func put(text: some StringProtocol, at point: Point, maxWidth: Int? = nil,
                             style: Style = .plain, clip: Rect? = nil) -> Int {
        let clean = TerminalSanitizer.sanitize(text)
        return draw(clean: clean, width: TextWidth.width(of: clean), at: point, maxWidth: maxWidth,
                    style: style, clip: clip)
    }

    /// Draw text in a one-row rect: aligned, clipped with `…`, and the rest of the row
    /// filled with spaces in `style` (so a highlighted row is highlighted edge to edge).
    public mutating func put(text: some StringProtocol, in rect: Rect, style: Style = .plain,
                             alignment: TextAlignment = .left) {
        guard !rect.isEmpty else { return }
        fill(rect.row(0), style: style)
        let clean = TerminalSanitizer.sanitize(text)
        let w = TextWidth.width(of: clean)
        let free = max(0, rect.width - w)
        let offset: Int
        switch alignment {
        case .left: offset = 0
        case .center: offset = free / 2
        case .right: offset = free
        }
        draw(clean: clean, width: w, at: Point(x: rect.x + offset, y: rect.y), maxWidth: rect.width - offset,
             style: style, clip: rect)
    }

    /// Draw already sanitised text whose total display width is `total`.
    @discardableResult
    private mutating func draw(clean: String, width total: Int, at point: Point, maxWidth: Int?,
                               style: Style, clip: Rect?) -> Int {
        let area = clip.map { $0.intersection(bounds) } ?? bounds
        guard point.y >= area.y, point.y < area.maxY, point.x < area.maxX else { return 0 }
        var right = area.maxX
        if let maxWidth { right = min(right, point.x + max(0, maxWidth)) }
        let available = right - point.x
        guard available > 0 else { return 0 }
        let budget = total <= available ? available : available - 1
        var x = point.x

        func place(_ character: Character, _ w: Int) -> Bool {
            if x - point.x + w > budget { return false }
            if x >= area.x {
                set(Cell(character, style: style, width: UInt8(w)), x: x, y: point.y)
            } else if x + w > area.x {
                set(Cell(" ", style: style), x: area.x, y: point.y)   // half of a wide char
            }
            x += w
            return true
        }

        if TextWidth.simpleWidth(of: clean) != nil {
            // No scalar combines: one cell per scalar, without grapheme breaking.
            for scalar in clean.unicodeScalars {
                if !place(Character(scalar), TextWidth.simpleScalarWidth(scalar.value)) { break }
            }
        } else {
            for character in clean {
                let w = TextWidth.width(of: character)
                if w == 0 { continue }
                if !place(character, w) { break }
            }
        }
        if total > available {
            if x >= area.x { set(Cell(Self.ellipsis, style: style), x: x, y: point.y) }
            x += 1
        }
        return x - point.x
    }

    /// Fill a rect with one (narrow) character in `style`.
    public mutating func fill(_ rect: Rect, with character: Character = " ", style: Style = .plain) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        let w = TextWidth.width(of: character)
        let cell = Cell(w == 1 ? character : " ", style: style)
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { set(cell, x: x, y: y) }
        }
    }

    /// Change the style of existing cells (e.g. highlight a selected row) keeping the text.
    public mutating func restyle(_ rect: Rect, _ transform: (Style) -> Style) {
        let r = rect.intersection(bounds)
        guard !r.isEmpty else { return }
        for y in r.y..<r.maxY {
            for x in r.x..<r.maxX { cells[y * width + x].style = transform(cells[y * width + x].style) }
        }
    }

    /// Copy another buffer in at `origin`, clipped to this buffer.
    public mutating func blit(_ other: CellBuffer, at origin: Point) {
        for y in 0..<other.height {
            for x in 0..<other.width {
                let cell = other[x, y]
                if cell.isContinuation { continue }
                set(cell, x: origin.x + x, y: origin.y + y)
            }
        }
    }

    /// The text of each row (continuation cells skipped), for tests and text captures.
    public var lines: [String] {
        (0..<height).map { line($0) }
    }

    public func line(_ y: Int) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for x in 0..<width {
            let c = cells[y * width + x]
            if !c.isContinuation { s.append(c.character) }
        }
        return s
    }

    /// One character per cell describing its style, for golden tests that must also
    /// check highlighting. The default classifier: `R` reverse, `B` bold, `U` underline,
    /// `D` dim, `I` italic, `C` coloured only, `.` plain.
    public func styleMask(_ classify: (Style) -> Character = CellBuffer.defaultStyleClass) -> [String] {
        (0..<height).map { y in
            String((0..<width).map { x in classify(cells[y * width + x].style) })
        }
    }

    public static func defaultStyleClass(_ style: Style) -> Character {
        let a = style.attributes
        if a.contains(.reverse) { return "R" }
        if a.contains(.bold) { return "B" }
        if a.contains(.underline) { return "U" }
        if a.contains(.dim) { return "D" }
        if a.contains(.italic) { return "I" }
        if style.foreground != .terminalDefault || style.background != .terminalDefault { return "C" }
        return "."
    }
}
