import TUI

/// The command line uses the same sanitiser and width rules as the full-screen UI.
enum Sanitize {
    /// `unbounded`: keep all of a long text the program made itself (the default bound cuts
    /// at 64 Ki characters with `…`, against huge input echoed back).
    static func forTerminal(_ text: String, unbounded: Bool = false) -> String {
        var options = TerminalSanitizer.Options.multiLine
        if unbounded { options.maxCharacters = Int(Int32.max) }  // (the sanitiser reserves 4 bytes per character: no .max)
        return TerminalSanitizer.sanitize(text, options: options)
    }

    static func displayWidth(_ text: String) -> Int { TextWidth.width(of: text) }
}
