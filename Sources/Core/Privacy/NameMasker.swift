import Foundation

/// Masks known names and aliases inside free text (notes, minutes), for privacy mode and
/// for anything shown without `--names`. Matching ignores case and diacritics, so
/// "Łukasz", "LUKASZ" and "lukasz" are all masked.
public struct NameMasker: Sendable {
    private let tokens: Set<String>
    public let mask: String

    public init(names: [String], mask: String = "▒▒▒") {
        var t = Set<String>()
        for name in names {
            let parts = Self.words(in: name)
            for (i, part) in parts.enumerated() where Self.isMaskable(part.folded) {
                // "van der" in "Sophie van der Linden" is left alone; the last word of a name
                // never is ("De"), nor a word spelled with diacritics ("Lê Văn Nam").
                let particle = i < parts.count - 1 && Self.nameParticles.contains(part.folded)
                    && name[part.range].unicodeScalars.allSatisfy(\.isASCII)
                if !particle { t.insert(part.folded) }
            }
        }
        tokens = t
        self.mask = mask
    }

    public init(summary: CaseSummary, mask: String = "▒▒▒") {
        self.init(names: [summary.givenNames, summary.familyName] + summary.aliases, mask: mask)
    }

    /// Name particles ("van", "de", "der", "'t") before the rest of a name identify no one
    /// and are among the commonest Dutch words: masking them would garble every text ("▒▒▒ Haag").
    public static let nameParticles: Set<String> = ["van", "de", "den", "der", "het", "'t", "t", "te", "ter", "ten", "op", "in", "aan", "von",
                                                    "la", "le", "da", "do", "dos", "das", "du", "di", "del"]

    /// One Latin letter is an initial and masking it would garble every text; one CJK or
    /// Hangul character is a whole given name (芳, 伟) and must be masked.
    static func isMaskable(_ folded: String) -> Bool {
        if folded.count >= 2 { return true }
        guard folded.count == 1, let scalar = folded.unicodeScalars.first else { return false }
        return scalar.value >= 0x2E80 && scalar.properties.isAlphabetic
    }

    public func apply(_ text: String) -> String {
        guard !tokens.isEmpty else { return text }
        var result = ""
        var last = text.startIndex
        for w in Self.words(in: text) where tokens.contains(w.folded) {
            result += text[last..<w.range.lowerBound]
            result += mask
            last = w.range.upperBound
        }
        result += text[last...]
        return result
    }

    public static func fold(_ s: some StringProtocol) -> String {
        String(s).folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
            .replacingOccurrences(of: "ł", with: "l").replacingOccurrences(of: "ø", with: "o")
            .replacingOccurrences(of: "ß", with: "ss").replacingOccurrences(of: "ı", with: "i")
            .replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "æ", with: "ae")
    }

    struct Word { let range: Range<String.Index>; let folded: String }

    static func words(in text: String) -> [Word] {
        var out: [Word] = []
        var start: String.Index?
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let isWord = c.isLetter || c.isNumber || c == "'" || c == "’"
            if isWord, start == nil { start = i }
            if !isWord, let s = start {
                out.append(Word(range: s..<i, folded: fold(text[s..<i])))
                start = nil
            }
            i = text.index(after: i)
        }
        if let s = start { out.append(Word(range: s..<text.endIndex, folded: fold(text[s..<text.endIndex]))) }
        return out
    }
}

extension Store {
    /// Every person's name the store knows outside case files: clients and aliases (from
    /// the summaries), colleagues, maatjes, contacts and meeting attendees. For masking.
    public func knownPersonNames() throws -> [String] {
        var names = try summaries().flatMap { [$0.givenNames, $0.familyName] + $0.aliases }
        names += try records(UserRecord.self).map(\.value.name)
        names += try records(MaatjeProfile.self).map(\.value.name)
        names += try records(ContactRecord.self).map(\.value.name)
        names += try records(AttendanceRecord.self).flatMap(\.value.names)
        return names
    }
}
