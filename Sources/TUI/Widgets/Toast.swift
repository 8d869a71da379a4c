/// A short message that disappears by itself ("Opgeslagen", "Export mislukt").
public struct Toast: Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        case info, success, warning, error

        /// A glyph goes with every kind, so the kind is never told by colour alone.
        func glyph(unicode: Bool) -> String {
            switch self {
            case .info: return unicode ? "ℹ" : "i"
            case .success: return unicode ? "✓" : "+"
            case .warning: return unicode ? "⚠" : "!"
            case .error: return unicode ? "✗" : "x"
            }
        }

        var role: ThemeRole {
            switch self {
            case .info, .success: return .toast
            case .warning: return .warning
            case .error: return .danger
            }
        }
    }

    public var message: String
    public var kind: Kind
    public var shownAt: ContinuousClock.Instant
    public var duration: Duration
    /// A note that was not caused by a key the user pressed: the next message replaces it.
    public var yields: Bool

    public init(_ message: String, kind: Kind = .info, shownAt: ContinuousClock.Instant,
                duration: Duration = .seconds(4), yields: Bool = false) {
        self.message = message
        self.yields = yields
        self.kind = kind
        self.shownAt = shownAt
        self.duration = kind == .error ? max(duration, .seconds(8)) : duration
    }

    public func isExpired(at now: ContinuousClock.Instant) -> Bool { now >= shownAt + duration }

    /// Drawn in the bottom-right corner of `area`.
    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard !area.isEmpty else { return }
        let text = " " + kind.glyph(unicode: theme.usesUnicodeGlyphs) + " " + message + " "
        // As wide as the message needs (a cut-off message is no message), within the area.
        let width = min(TextWidth.width(of: TerminalSanitizer.sanitize(text)), area.width)
        let rect = Rect(x: area.maxX - width, y: area.maxY - 1, width: width, height: 1)
        buffer.put(text: text, in: rect, style: theme[kind.role].with(attributes: .bold))
    }
}

/// Toasts waiting to be shown, oldest first; one is visible at a time.
public struct ToastQueue: Equatable, Sendable {
    public private(set) var pending: [Toast] = []
    public init() {}

    public mutating func post(_ toast: Toast) {
        // What the user just did should not wait behind a note nobody asked for (the one after
        // unlock): such a note gives way to the next message.
        if pending.count == 1, pending[0].yields { pending.removeFirst() }
        pending.append(toast)
        if pending.count > 20 { pending.removeFirst(pending.count - 20) }   // bounded
    }

    /// Drop expired toasts and return the one to show now. A queued toast's clock starts
    /// when it becomes visible.
    public mutating func current(at now: ContinuousClock.Instant) -> Toast? {
        while let first = pending.first, first.isExpired(at: now) {
            pending.removeFirst()
            if !pending.isEmpty, pending[0].shownAt < now { pending[0].shownAt = now }
        }
        return pending.first
    }

    public mutating func dismissCurrent() {
        if !pending.isEmpty { pending.removeFirst() }
    }
}
