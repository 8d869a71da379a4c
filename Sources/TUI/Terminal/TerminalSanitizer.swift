/// Makes untrusted text (from the store, a bundle, the command line) safe to draw:
/// nothing it returns can make the terminal interpret a control character or an escape
/// sequence, reorder text (bidi controls) or hide characters (zero-width tricks).
///
/// Dangerous scalars are replaced by a visible placeholder instead of being dropped, so a
/// coordinator can see that the text contained something odd.
public enum TerminalSanitizer {
    /// Placeholder for ESC, the start of every escape sequence.
    public static let escapePlaceholder: Character = "␛"
    /// Placeholder for every other unsafe scalar.
    public static let replacementPlaceholder: Character = "\u{FFFD}"
    /// Base drawn under a combining mark that has no character to combine with.
    public static let combiningBase: Unicode.Scalar = "\u{25CC}"

    /// How line breaks (LF, CR, CRLF, U+2028/2029, NEL) are rendered.
    public enum NewlinePolicy: Sendable, Equatable {
        /// Keep `\n` (for multi-line text the caller splits into lines itself).
        case keep
        /// Replace each line break by this string (e.g. " " or " ↵ ").
        case replace(String)
    }

    public struct Options: Sendable, Equatable {
        public var newlines: NewlinePolicy
        /// Number of spaces a tab becomes (tabs are never passed through).
        public var tabWidth: Int
        /// Maximum number of characters kept; longer text ends in `…`. Bounds the work
        /// done for huge inputs such as a pasted document in a name field.
        public var maxCharacters: Int
        /// Maximum combining marks kept per character (defeats "zalgo" text that would
        /// otherwise smear over neighbouring rows in some terminals).
        public var maxCombiningMarks: Int

        public init(newlines: NewlinePolicy = .replace(" "), tabWidth: Int = 1,
                    maxCharacters: Int = 4096, maxCombiningMarks: Int = 4) {
            self.newlines = newlines
            self.tabWidth = max(0, tabWidth)
            self.maxCharacters = max(1, maxCharacters)
            self.maxCombiningMarks = max(0, maxCombiningMarks)
        }

        /// Single-line cells: line breaks become spaces.
        public static let singleLine = Options()
        /// Multi-line text: `\n` kept, tabs expanded to 4 spaces.
        public static let multiLine = Options(newlines: .keep, tabWidth: 4, maxCharacters: 65_536)
    }

    /// Decode raw bytes (e.g. a file or argv) as UTF-8; invalid sequences and encoded
    /// surrogates become U+FFFD, then the result is sanitised.
    public static func sanitize(bytes: some Collection<UInt8>, options: Options = .singleLine) -> String {
        sanitize(String(decoding: Array(bytes), as: UTF8.self), options: options)
    }

    public static func sanitize(_ text: some StringProtocol, options: Options = .singleLine) -> String {
        if isSimple(text, limit: options.maxCharacters) { return String(text) }
        var out = ""
        out.reserveCapacity(min(text.utf8.count, options.maxCharacters * 4))
        var count = 0
        for character in text {
            if count >= options.maxCharacters {
                out.append("…")
                break
            }
            append(character, to: &out, options: options)
            count += 1
        }
        return out
    }

    /// True when `text` is short and made only of scalars that are printable and never
    /// combine (ASCII, Latin, CJK ideographs): nothing to do (the hot path in rendering).
    static func isSimple(_ text: some StringProtocol, limit: Int) -> Bool {
        var n = 0
        for scalar in text.unicodeScalars {
            if TextWidth.simpleScalarWidth(scalar.value) == 0 { return false }
            n += 1
        }
        return n <= limit
    }

    static func append(_ character: Character, to out: inout String, options: Options) {
        let scalars = Array(character.unicodeScalars)
        // Line breaks. Swift keeps "\r\n" as one Character.
        if scalars.allSatisfy({ isLineBreak($0) }) {
            switch options.newlines {
            case .keep: out.append("\n")
            case .replace(let s): out.append(s)
            }
            return
        }
        if scalars.count == 1, scalars[0] == "\t" {
            out.append(String(repeating: " ", count: options.tabWidth))
            return
        }
        let emojiSequence = isEmojiSequence(scalars)
        var cleaned = String.UnicodeScalarView()
        var marks = 0
        for (index, scalar) in scalars.enumerated() {
            if let placeholder = unsafePlaceholder(scalar, inEmojiSequence: emojiSequence) {
                flush(&cleaned, into: &out)
                out.append(placeholder)
                continue
            }
            if isCombining(scalar) {
                if index == 0 || cleaned.isEmpty { cleaned.append(combiningBase) }
                marks += 1
                if marks > options.maxCombiningMarks { continue }
            }
            cleaned.append(scalar)
        }
        flush(&cleaned, into: &out)
    }

    private static func flush(_ scalars: inout String.UnicodeScalarView, into out: inout String) {
        guard !scalars.isEmpty else { return }
        out.unicodeScalars.append(contentsOf: scalars)
        scalars.removeAll(keepingCapacity: true)
    }

    static func isLineBreak(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029: return true
        default: return false
        }
    }

    static func isCombining(_ s: Unicode.Scalar) -> Bool {
        switch s.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .spacingMark: return true
        default: return false
        }
    }

    /// An emoji ZWJ sequence, tag sequence (subdivision flags) or keycap: the only place
    /// where ZWJ and tag characters are legitimate.
    static func isEmojiSequence(_ scalars: [Unicode.Scalar]) -> Bool {
        guard scalars.count > 1, let first = scalars.first,
              first.properties.isEmoji else { return false }
        return scalars.contains { $0.value == 0x200D || (0xE0020...0xE007F).contains($0.value)
            || $0.value == 0xFE0F || $0.value == 0x20E3 }
    }

    /// The placeholder for a scalar that must never reach the terminal, or nil if safe.
    static func unsafePlaceholder(_ s: Unicode.Scalar, inEmojiSequence: Bool) -> Character? {
        let v = s.value
        if v == 0x1B { return escapePlaceholder }
        if v < 0x20 || (0x7F...0x9F).contains(v) { return replacementPlaceholder }
        switch v {
        case 0x200D, 0xE0020...0xE007F:
            return inEmojiSequence ? nil : replacementPlaceholder
        case 0x061C, 0x180E, 0x200B, 0x200C, 0x200E, 0x200F, 0x202A...0x202E,
             0x2060...0x206F, 0xFEFF, 0xFFF9...0xFFFB, 0xE0001:
            return replacementPlaceholder
        default:
            break
        }
        // Noncharacters (U+FDD0..FDEF and U+xxFFFE/F) and any stray surrogate.
        if (0xFDD0...0xFDEF).contains(v) || (v & 0xFFFE) == 0xFFFE { return replacementPlaceholder }
        switch s.properties.generalCategory {
        case .surrogate, .control: return replacementPlaceholder
        case .format:
            // Other invisible format characters (soft hyphen, Arabic number signs ...)
            // are drawn inconsistently by terminals, so none of them is passed through.
            return replacementPlaceholder
        default: return nil
        }
    }
}
