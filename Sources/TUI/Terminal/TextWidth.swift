/// Display width of text in terminal columns, computed in pure Swift so that layout,
/// clipping and tests never depend on the C library's locale or its Unicode version.
///
/// Rules per grapheme cluster (a Swift `Character`):
/// - combining marks, format and other zero-width scalars count 0;
/// - East Asian Wide/Fullwidth and emoji presentation (emoji + VS16, ZWJ sequences,
///   flags, skin-tone modified emoji, keycaps) count 2;
/// - everything else (Latin incl. Dutch diacritics, Greek, Cyrillic ...) counts 1.
public enum TextWidth {
    /// Width of one grapheme cluster: 0, 1 or 2.
    public static func width(of character: Character) -> Int {
        // Fast path: ASCII printable is by far the most common case.
        if let ascii = character.asciiValue {
            return (ascii >= 0x20 && ascii < 0x7F) ? 1 : 0
        }
        let scalars = character.unicodeScalars
        var base: Unicode.Scalar?
        var sawEmojiModifierOrSequence = false
        for scalar in scalars {
            let v = scalar.value
            if v == 0xFE0F || v == 0x200D || v == 0x20E3 { sawEmojiModifierOrSequence = true }
            if base == nil, scalarWidth(scalar) > 0 { base = scalar }
        }
        guard let first = base else { return 0 }
        if scalarWidth(first) == 2 { return 2 }
        // Text-presentation emoji turned into emoji presentation by VS16/ZWJ/keycap.
        if sawEmojiModifierOrSequence && first.properties.isEmoji { return 2 }
        // A pair of regional indicators forms a flag.
        if isRegionalIndicator(first), scalars.count >= 2 { return 2 }
        return 1
    }

    /// Total width of a string (sum over its grapheme clusters).
    public static func width(of text: some StringProtocol) -> Int {
        if let simple = simpleWidth(of: text) { return simple }
        var total = 0
        for character in text { total += width(of: character) }
        return total
    }

    /// Fast path for the common case: when every scalar is a printable Latin letter or a
    /// CJK ideograph, each scalar is its own grapheme cluster (none of them combines), so
    /// the width is a sum over scalars without grapheme breaking. Nil otherwise.
    static func simpleWidth(of text: some StringProtocol) -> Int? {
        var total = 0
        for scalar in text.unicodeScalars {
            switch simpleScalarWidth(scalar.value) {
            case 0: return nil
            case let w: total += w
            }
        }
        return total
    }

    /// 1 or 2 for scalars that never combine with neighbours, 0 for "take the slow path".
    @inline(__always)
    static func simpleScalarWidth(_ v: UInt32) -> Int {
        if v >= 0x20 && v < 0x7F { return 1 }
        if v >= 0xA0 && v < 0x300 && v != 0xAD { return 1 }   // Latin-1, Latin Extended, IPA
        if v >= 0x1E00 && v < 0x1F00 { return 1 }             // Latin Extended Additional
        if v >= 0x4E00 && v <= 0x9FFF { return 2 }            // CJK Unified Ideographs
        return 0
    }

    /// Width of a single scalar taken on its own.
    public static func scalarWidth(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x7F { return v >= 0x20 ? 1 : 0 }
        if v < 0xA0 { return 0 }                       // DEL and C1 controls
        if v == 0x00AD { return 1 }                    // soft hyphen is shown by terminals
        if isZeroWidth(scalar) { return 0 }
        if isWide(v) { return 2 }
        if scalar.properties.isEmojiPresentation { return 2 }
        return 1
    }

    static func isRegionalIndicator(_ scalar: Unicode.Scalar) -> Bool {
        (0x1F1E6...0x1F1FF).contains(scalar.value)
    }

    static func isZeroWidth(_ scalar: Unicode.Scalar) -> Bool {
        let v = scalar.value
        // Hangul medial vowels and final consonants combine with the leading jamo.
        if (0x1160...0x11FF).contains(v) || (0xD7B0...0xD7FF).contains(v) { return true }
        if (0x200B...0x200F).contains(v) || (0x2028...0x202E).contains(v)
            || (0x2060...0x206F).contains(v) || v == 0xFEFF { return true }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format, .control, .lineSeparator,
             .paragraphSeparator, .surrogate:
            return true
        default:
            return false
        }
    }

    /// East Asian Wide (W) and Fullwidth (F) ranges outside the emoji blocks (emoji are
    /// covered by `isEmojiPresentation`). Sorted, for binary search.
    static let wideRanges: [ClosedRange<UInt32>] = [
        0x1100...0x115F, 0x231A...0x231B, 0x2329...0x232A, 0x2E80...0x2E99, 0x2E9B...0x2EF3,
        0x2F00...0x2FD5, 0x2FF0...0x2FFF, 0x3000...0x303E, 0x3041...0x3096, 0x3099...0x30FF,
        0x3105...0x312F, 0x3131...0x318E, 0x3190...0x31E5, 0x31EF...0x321E, 0x3220...0x3247,
        0x3250...0x4DBF, 0x4E00...0xA48C, 0xA490...0xA4C6, 0xA960...0xA97C, 0xAC00...0xD7A3,
        0xF900...0xFAFF, 0xFE10...0xFE19, 0xFE30...0xFE52, 0xFE54...0xFE66, 0xFE68...0xFE6B,
        0xFF01...0xFF60, 0xFFE0...0xFFE6, 0x16FE0...0x16FE4, 0x16FF0...0x16FF1,
        0x17000...0x187F7, 0x18800...0x18CD5, 0x18D00...0x18D08, 0x1AFF0...0x1AFFE,
        0x1B000...0x1B122, 0x1B132...0x1B132, 0x1B150...0x1B152, 0x1B155...0x1B155,
        0x1B164...0x1B167, 0x1B170...0x1B2FB, 0x1F200...0x1F202, 0x1F210...0x1F23B,
        0x1F240...0x1F248, 0x1F250...0x1F251, 0x1F260...0x1F265, 0x20000...0x2FFFD,
        0x30000...0x3FFFD,
    ]

    static func isWide(_ v: UInt32) -> Bool {
        if v < 0x1100 { return false }
        var low = 0
        var high = wideRanges.count - 1
        while low <= high {
            let mid = (low + high) / 2
            let range = wideRanges[mid]
            if v < range.lowerBound { high = mid - 1 }
            else if v > range.upperBound { low = mid + 1 }
            else { return true }
        }
        return false
    }
}
