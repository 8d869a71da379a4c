import Testing
@testable import TUI

/// Shipped themes, resolved for a tier, for widget tests.
func shippedTheme(_ id: String = "mono", tier: ColorTier = .mono) -> Theme {
    // The shipped files are tested in ShippedThemeTests; a failure here is reported there.
    (try? ThemeLoader(directory: checkoutThemesDirectory()).load(id).resolved(for: tier))
        ?? Theme(id: "missing", tier: tier, styles: [:])
}

/// Render a widget into a fresh buffer and return its text lines with trailing spaces
/// removed (golden text stays readable).
func renderLines(width: Int, height: Int, _ draw: (inout CellBuffer, Rect) -> Void) -> [String] {
    var buffer = CellBuffer(width: width, height: height)
    draw(&buffer, buffer.bounds)
    return buffer.lines.map { trimTrailing($0) }
}

func trimTrailing(_ s: String) -> String {
    var s = s
    while s.last == " " { s.removeLast() }
    return s
}

/// Feed a key script (KeyEvent notation) to a handler, returning the last outcome.
@discardableResult
func feed<A>(_ script: String, _ handle: (InputEvent) -> WidgetOutcome<A>) throws -> WidgetOutcome<A> {
    var last: WidgetOutcome<A> = .ignored
    for key in try KeyEvent.script(script) { last = handle(.key(key)) }
    return last
}
