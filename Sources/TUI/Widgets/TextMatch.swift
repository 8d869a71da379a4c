import Foundation

/// Matching for search and filter: case- and diacritic-insensitive, so typing "zoe"
/// finds "Zoë" and "celik" finds "Çelik".
public enum TextMatch {
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// True when every space-separated word of `query` occurs in `text`.
    public static func matches(_ text: String, query: String) -> Bool {
        matches(folded: fold(text), words: words(of: query))
    }

    /// The folded words of a query, to match many texts against (see `matches(folded:words:)`).
    public static func words(of query: String) -> [Substring] {
        fold(query).split(separator: " ")
    }

    /// Matching against text folded in advance: lists fold their items once, not on
    /// every keypress.
    public static func matches(folded text: String, words: [Substring]) -> Bool {
        words.allSatisfy { text.contains($0) }
    }
}
