/// What the whole screen shows when the terminal is smaller than the layout needs:
/// a clear message instead of a garbled frame.
public struct TooSmallScreen: Equatable, Sendable {
    public static let minimumSize = Size(width: 80, height: 24)

    public var language: UILanguage
    /// An extra line, e.g. the quit key ("q: afsluiten"), supplied by the caller.
    public var hint: String?

    public init(language: UILanguage = .nl, hint: String? = nil) {
        self.language = language
        self.hint = hint
    }

    public static func isTooSmall(_ size: Size, minimum: Size = minimumSize) -> Bool {
        size.width < minimum.width || size.height < minimum.height
    }

    public func lines(for size: Size, minimum: Size = TooSmallScreen.minimumSize) -> [String] {
        var result: [String]
        switch language {
        case .nl:
            result = ["Terminal te klein",
                      "Nodig: minstens \(minimum), nu \(size).",
                      "Maak het venster groter of de letters kleiner."]
        case .en:
            result = ["Terminal too small",
                      "Needed: at least \(minimum), now \(size).",
                      "Enlarge the window or reduce the font size."]
        }
        if let hint { result.append(hint) }
        return result
    }

    /// Fill the buffer with the message, centred; lines are wrapped on very small screens.
    public func render(into buffer: inout CellBuffer, theme: Theme, minimum: Size = TooSmallScreen.minimumSize) {
        let area = buffer.bounds
        buffer.fill(area, style: theme[.text])
        guard !area.isEmpty else { return }
        let texts = lines(for: area.size, minimum: minimum)
        var rows: [(String, Style)] = []
        for (i, text) in texts.enumerated() {
            let style = i == 0 ? theme[.warning].with(attributes: .bold) : (i == 3 ? theme[.muted] : theme[.text])
            for line in TextWrap.lines(text, width: area.width) { rows.append((line, style)) }
            if i == 0 { rows.append(("", style)) }
        }
        let top = max(0, (area.height - rows.count) / 2)
        for (i, row) in rows.enumerated() where top + i < area.height {
            buffer.put(text: row.0, in: area.row(top + i), style: row.1, alignment: .center)
        }
    }
}
