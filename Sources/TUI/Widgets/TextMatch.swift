import Foundation

/// Matching for search and filter: case- and diacritic-insensitive, so typing "zoe"
/// finds "Zoë" and "celik" finds "Çelik".
public enum TextMatch {
    public static func fold(_ text: String) -> String {
        text.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
    }

    /// True when every space-separated word of `query` occurs in `text`.
    public static func matches(_ text: String, query: String) -> Bool {
        let words = fold(query).split(separator: " ")
        guard !words.isEmpty else { return true }
        let haystack = fold(text)
        return words.allSatisfy { haystack.contains($0) }
    }
}
