/// Whether the terminal can be trusted with Unicode box, block and status glyphs.
/// The Linux console (`TERM=linux`) and non-UTF-8 locales get ASCII fallbacks
/// (`Theme.withUnicodeGlyphs(false)`).
public enum GlyphSupport {
    public static func unicodeGlyphsUsable(environment: [String: String]) -> Bool {
        if environment["TERM"] == "linux" || environment["TERM"] == "dumb" { return false }
        let locale = environment["LC_ALL"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LC_CTYPE"].flatMap { $0.isEmpty ? nil : $0 }
            ?? environment["LANG"] ?? ""
        let lower = locale.lowercased()
        return lower.contains("utf-8") || lower.contains("utf8")
    }
}
