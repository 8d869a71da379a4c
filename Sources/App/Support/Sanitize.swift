import TUI

/// The command line uses the same sanitiser and width rules as the full-screen UI.
enum Sanitize {
    static func forTerminal(_ text: String) -> String {
        TerminalSanitizer.sanitize(text, options: .multiLine)
    }

    static func displayWidth(_ text: String) -> Int { TextWidth.width(of: text) }
}
