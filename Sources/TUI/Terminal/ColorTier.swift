/// How many colours the terminal can show; themes define a style per tier.
public enum ColorTier: String, CaseIterable, Hashable, Sendable {
    case truecolor
    case c256 = "256"
    case c16 = "16"
    case mono

    /// Pick the tier. `NO_COLOR` (set and non-empty, see no-color.org) or an explicit
    /// no-colour flag force `mono`; `COLORTERM=truecolor|24bit` means 24-bit; otherwise the
    /// terminal's colour count (ncurses `COLORS`) decides. `TERM=dumb` is mono.
    public static func detect(environment: [String: String], terminalColors: Int,
                              noColorFlag: Bool = false) -> ColorTier {
        if noColorFlag { return .mono }
        if let noColor = environment["NO_COLOR"], !noColor.isEmpty { return .mono }
        if environment["TERM"] == "dumb" { return .mono }
        if terminalColors < 8 { return .mono }
        let colorterm = environment["COLORTERM"]?.lowercased() ?? ""
        if colorterm == "truecolor" || colorterm == "24bit" || terminalColors >= 1 << 24 {
            return .truecolor
        }
        if terminalColors >= 256 { return .c256 }
        return .c16
    }
}
