import Foundation

/// Name normalisation for duplicate detection (DOMAIN.md §2 step 1: signals arrive twice
/// for the same person, written by different people in different scripts and spellings).
///
/// Three layers, each a pure function of the previous one:
/// 1. **Folding** (`foldedWords`): lower case, diacritics stripped, the letters that Unicode
///    does not decompose (ł ø ß ı đ æ œ þ ð ŋ), apostrophes removed ("O'Brien" = "OBrien",
///    "'t Hart" = "t Hart"), hyphens split ("Al-Ahmad" = "Al Ahmad"), and non-Latin script
///    transliterated: Cyrillic and Arabic with our own tables (the common Dutch/English
///    passport forms, not ISO 9 with its ǎ and ʹ), anything else (Chinese, Ge'ez, Greek,
///    Hebrew, ...) with ICU's `Any-Latin`, marks stripped.
/// 2. **Light key** (`light`): the folded word with doubled letters collapsed
///    ("Janssen" = "Jansen", "Mohammed" = "Mohamed"). Jaro-Winkler runs on this.
/// 3. **Phonetic key** (`phonetic`): transliteration variants made equal: kh/ch/h, g/h,
///    sh/sch/sz/cz/zh/ch, j/y/i/dj, w/v, ph/f, th/t, ou/u, ck/k/c/q, x/ks, z/s, dt/t;
///    interior vowels all become "a" and a final vowel run keeps only its last vowel, so
///    Mohammed = Muhammad = Mohamed = Mohammad and Anna ≠ Anne. **Skeleton** (`skeleton`):
///    the phonetic key without vowels, used only against names written in an abjad (Arabic,
///    Hebrew), where the vowels are simply not written: محمد = mhmd = Mohammed.
///
/// Dutch *tussenvoegsels* and other surname particles ("van der", "de", "'t", "von", "da",
/// "al", "el") are recognised by `isParticle` and left out of the significant tokens
/// (`significantWords`), so "Jan de Vries", "Vries, Jan de" and "Jan Vries" compare alike.
public enum NameKey {
    /// One folded word of a name.
    public struct Word: Equatable, Hashable, Sendable {
        /// Lower-case a–z only.
        public let text: String
        /// Written in an abjad (Arabic, Hebrew): vowels were not written, compare skeletons.
        public let fromAbjad: Bool
        /// Written in a non-Latin script and transliterated.
        public let transliterated: Bool
    }

    // MARK: folding

    /// The folded words of a name string, particles included, in order.
    public static func foldedWords(_ text: String) -> [Word] {
        var out: [Word] = []
        for raw in splitWords(text.lowercased()) {
            out.append(contentsOf: foldWord(raw))
        }
        return out
    }

    /// Folded text of a whole name (words joined by single spaces).
    public static func fold(_ text: String) -> String {
        foldedWords(text).map(\.text).joined(separator: " ")
    }

    /// Surname particles and Dutch tussenvoegsels (folded). A particle is ignored only when
    /// its name part also holds a non-particle word, so the Vietnamese family name "Lê"
    /// (folded "le") or "Đỗ" ("do") on its own still counts.
    public static let particles: Set<String> = [
        "van", "der", "den", "de", "het", "t", "ter", "ten", "te", "op", "in", "aan", "uit", "bij", "onder", "over",
        "von", "vom", "zu", "zum", "zur", "da", "do", "dos", "das", "di", "du", "del", "della", "dei", "des",
        "la", "le", "lo", "los", "las", "al", "el", "y", "e",
    ]

    public static func isParticle(_ word: String) -> Bool { particles.contains(word) }

    /// The words of one name part (given names, or family name) that carry identity:
    /// particles dropped unless the part has nothing else.
    public static func significantWords(_ part: String) -> [Word] {
        let words = foldedWords(part)
        let kept = words.filter { !isParticle($0.text) }
        return kept.isEmpty ? words : kept
    }

    /// Splits "Vries, Jan de" (family first, comma) into given "Jan de" and family "Vries".
    /// Without a comma the whole text is returned as given names and an empty family name.
    public static func splitCommaForm(_ text: String) -> (given: String, family: String) {
        guard let comma = text.firstIndex(of: ",") else { return (text, "") }
        let family = text[..<comma].trimmingCharacters(in: .whitespaces)
        let given = text[text.index(after: comma)...].trimmingCharacters(in: .whitespaces)
        return (given, family)
    }

    /// An order-insensitive key of a full name: the phonetic keys of all significant words,
    /// sorted. "Jan de Vries" and "Vries, Jan de" give the same key; so do "Nguyễn Thị Lan"
    /// and "Lan Nguyen Thi".
    public static func fullNameKey(_ text: String) -> String {
        let (given, family) = splitCommaForm(text)
        let words = significantWords(given) + significantWords(family)
        return words.map { phonetic(light($0.text)) }.sorted().joined(separator: " ")
    }

    // MARK: keys

    /// Folded word with doubled letters collapsed.
    public static func light(_ folded: String) -> String {
        var out = [UInt8]()
        out.reserveCapacity(folded.utf8.count)
        for b in folded.utf8 where out.last != b { out.append(b) }
        return String(decoding: out, as: UTF8.self)
    }

    /// The phonetic key of a light (or folded) key. See the type documentation.
    public static func phonetic(_ word: String) -> String {
        String(decoding: phoneticBytes(Array(word.utf8)), as: UTF8.self)
    }

    /// The phonetic key without vowels and with doubled consonants collapsed.
    public static func skeleton(_ phoneticKey: String) -> String {
        var out = [UInt8]()
        for b in phoneticKey.utf8 where !isVowel(b) && out.last != b { out.append(b) }
        return String(decoding: out, as: UTF8.self)
    }

    // MARK: similarity

    /// Jaro-Winkler similarity (prefix scale 0.1, prefix up to 4) of two strings' bytes.
    public static func jaroWinkler(_ a: String, _ b: String) -> Double {
        jaroWinkler(Array(a.utf8), Array(b.utf8))
    }

    static func jaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
        if a == b { return a.isEmpty ? 0 : 1 }
        let la = a.count, lb = b.count
        if la == 0 || lb == 0 { return 0 }
        let window = max(0, max(la, lb) / 2 - 1)
        // Names are short; fixed-size flags avoid allocation for anything under 64 bytes.
        var aFlags: UInt64 = 0, bFlags: UInt64 = 0
        if la > 64 || lb > 64 { return slowJaroWinkler(a, b) }
        var matches = 0
        for i in 0..<la {
            let lo = max(0, i - window), hi = min(lb - 1, i + window)
            if lo > hi { continue }
            for j in lo...hi where bFlags & (1 << UInt64(j)) == 0 && a[i] == b[j] {
                aFlags |= 1 << UInt64(i); bFlags |= 1 << UInt64(j); matches += 1
                break
            }
        }
        if matches == 0 { return 0 }
        var transpositions = 0, k = 0
        for i in 0..<la where aFlags & (1 << UInt64(i)) != 0 {
            while bFlags & (1 << UInt64(k)) == 0 { k += 1 }
            if a[i] != b[k] { transpositions += 1 }
            k += 1
        }
        let m = Double(matches)
        let jaro = (m / Double(la) + m / Double(lb) + (m - Double(transpositions / 2)) / m) / 3
        var prefix = 0
        while prefix < min(4, la, lb), a[prefix] == b[prefix] { prefix += 1 }
        return jaro + Double(prefix) * 0.1 * (1 - jaro)
    }

    private static func slowJaroWinkler(_ a: [UInt8], _ b: [UInt8]) -> Double {
        // Absurdly long "names": compare their first 64 bytes.
        jaroWinkler(Array(a.prefix(64)), Array(b.prefix(64)))
    }

    // MARK: implementation

    private static let separators: Set<Character> = [
        " ", "\t", "\n", "\r", "-", "‐", "‑", "‒", "–", "—", "―", ",", ".", "/", "\\", "_", "(", ")", "[", "]",
        "&", "+", ";", ":", "\"", "“", "”", "„", "«", "»", "·", "،", "\u{00A0}", "\u{200B}",
    ]

    private static func splitWords(_ text: String) -> [Substring] {
        text.split(whereSeparator: { separators.contains($0) || $0.isNumber || $0.isWhitespace })
    }

    private static func isLatinScalar(_ v: UInt32) -> Bool {
        v < 0x0250 || (0x1E00...0x1EFF).contains(v) || (0x0300...0x036F).contains(v) || (0x2C60...0x2C7F).contains(v)
            || (0xA720...0xA7FF).contains(v) || (0x02B0...0x02FF).contains(v)
    }

    /// One raw (lower-cased) word → one or more folded words (transliteration may split,
    /// e.g. the Arabic article or a Chinese name written without spaces).
    private static func foldWord(_ raw: Substring) -> [Word] {
        if raw.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) }) { return [Word(text: String(raw), fromAbjad: false, transliterated: false)] }
        var abjad = false, translit = false, needsICU = false
        var text = ""
        let scalars = Array(raw.unicodeScalars)
        let ukrainian = scalars.contains { "іїєґ".unicodeScalars.contains($0) }
        // The Arabic article al- (ال) written onto the name is a particle of its own.
        var first = 0
        if scalars.count > 3, scalars[0].value == 0x0627, scalars[1].value == 0x0644 {
            text += "al "
            first = 2
        }
        for (i, s) in scalars.enumerated() where i >= first {
            let v = s.value
            if (0x0400...0x04FF).contains(v) {
                translit = true
                text += cyrillic(s, ukrainian: ukrainian)
            } else if (0x0600...0x06FF).contains(v) || (0x0750...0x077F).contains(v) || (0xFB50...0xFDFF).contains(v) || (0xFE70...0xFEFF).contains(v) {
                translit = true; abjad = true
                text += arabic(s, initial: i == first)
            } else if isLatinScalar(v) {
                text.unicodeScalars.append(s)
            } else if s.properties.isAlphabetic || s.properties.generalCategory == .nonspacingMark {
                translit = true; needsICU = true
                if (0x0590...0x05FF).contains(v) { abjad = true }
                text.unicodeScalars.append(s)
            }
            // Anything else (symbols, punctuation, apostrophes, emoji) is dropped.
        }
        if needsICU, let latin = text.applyingTransform(.toLatin, reverse: false) {
            text = latin.lowercased()
        }
        var words: [Word] = []
        for part in text.split(separator: " ") {
            let folded = latinFold(part)
            if !folded.isEmpty { words.append(Word(text: folded, fromAbjad: abjad, transliterated: translit)) }
        }
        return words
    }

    /// Latin letters → a–z: special letters first, then canonical decomposition with all
    /// combining marks dropped; anything else that is left is dropped.
    private static func latinFold(_ s: Substring) -> String {
        var pre = ""
        for ch in s {
            switch ch {
            case "ł", "Ł": pre += "l"
            case "ø", "Ø": pre += "o"
            case "ß", "ẞ": pre += "ss"
            case "ı": pre += "i"
            case "đ", "Đ", "ð", "Ð", "ɖ": pre += "d"
            case "æ", "Æ": pre += "ae"
            case "œ", "Œ": pre += "oe"
            case "þ", "Þ": pre += "th"
            case "ŋ", "Ŋ": pre += "ng"
            case "ħ", "Ħ": pre += "h"
            case "ŧ": pre += "t"
            case "ĸ": pre += "k"
            case "ſ": pre += "s"
            case "ƒ": pre += "f"
            case "ɛ", "Ɛ": pre += "e"
            case "ɔ", "Ɔ": pre += "o"
            case "ə", "Ə": pre += "e"
            default: pre.append(ch)
            }
        }
        var out = [UInt8]()
        for scalar in pre.decomposedStringWithCanonicalMapping.unicodeScalars {
            let v = scalar.value
            if v >= 0x61 && v <= 0x7A { out.append(UInt8(v)) } else if v >= 0x41 && v <= 0x5A { out.append(UInt8(v + 32)) }
        }
        return String(decoding: out, as: UTF8.self)
    }

    private static func cyrillic(_ s: Unicode.Scalar, ukrainian: Bool) -> String {
        switch s {
        case "а": return "a"
        case "б": return "b"
        case "в": return "v"
        case "г": return ukrainian ? "h" : "g"
        case "ґ", "ѓ": return "g"
        case "д": return "d"
        case "е": return "e"
        case "ё": return "yo"
        case "є": return "ye"
        case "ж": return "zh"
        case "з": return "z"
        case "и": return ukrainian ? "y" : "i"
        case "і": return "i"
        case "ї": return "yi"
        case "й": return "y"
        case "ј": return "j"
        case "к", "ќ": return "k"
        case "л": return "l"
        case "љ": return "lj"
        case "м": return "m"
        case "н": return "n"
        case "њ": return "nj"
        case "о": return "o"
        case "п": return "p"
        case "р": return "r"
        case "с": return "s"
        case "т": return "t"
        case "ћ": return "c"
        case "ђ": return "dj"
        case "у": return "u"
        case "ў": return "u"
        case "ф": return "f"
        case "х": return "kh"
        case "ц": return "ts"
        case "ч": return "ch"
        case "џ": return "dz"
        case "ѕ": return "dz"
        case "ш": return "sh"
        case "щ": return "shch"
        case "ъ": return "a"   // Bulgarian: Димитър = Dimitar
        case "ы": return "y"
        case "ь": return ""
        case "э": return "e"
        case "ю": return "yu"
        case "я": return "ya"
        default: return ""
        }
    }

    private static func arabic(_ s: Unicode.Scalar, initial: Bool) -> String {
        switch s.value {
        case 0x0627, 0x0623, 0x0622, 0x0671: return "a"        // ا أ آ ٱ
        case 0x0625: return "i"                                // إ
        case 0x0621: return ""                                 // ء
        case 0x0624: return "u"                                // ؤ
        case 0x0626: return "i"                                // ئ
        case 0x0628: return "b"
        case 0x062A: return "t"
        case 0x062B: return "th"
        case 0x062C: return "j"
        case 0x062D: return "h"
        case 0x062E: return "kh"
        case 0x062F: return "d"
        case 0x0630: return "dh"
        case 0x0631: return "r"
        case 0x0632: return "z"
        case 0x0633: return "s"
        case 0x0634: return "sh"
        case 0x0635: return "s"
        case 0x0636: return "d"
        case 0x0637: return "t"
        case 0x0638: return "z"
        case 0x0639: return ""                                 // ع (often unwritten in Latin)
        case 0x063A: return "gh"
        case 0x0641: return "f"
        case 0x0642: return "q"
        case 0x0643, 0x06A9: return "k"
        case 0x0644: return "l"
        case 0x0645: return "m"
        case 0x0646: return "n"
        case 0x0647: return "h"
        case 0x0648: return initial ? "w" : "u"                // و: consonant at the start, long u inside
        case 0x064A, 0x06CC: return initial ? "y" : "i"        // ي ی
        case 0x0649: return "a"                                // ى
        case 0x0629: return "a"                                // ة
        case 0x067E: return "p"
        case 0x0686: return "ch"
        case 0x0698: return "zh"
        case 0x06AF: return "g"
        default: return ""                                     // harakat, tatweel, digits, punctuation
        }
    }

    static func isVowel(_ b: UInt8) -> Bool {
        b == 0x61 || b == 0x65 || b == 0x69 || b == 0x6F || b == 0x75
    }

    private static let a = UInt8(ascii: "a"), c = UInt8(ascii: "c"), e = UInt8(ascii: "e"), g = UInt8(ascii: "g"),
                       h = UInt8(ascii: "h"), i = UInt8(ascii: "i"), j = UInt8(ascii: "j"), k = UInt8(ascii: "k"),
                       q = UInt8(ascii: "q"), s = UInt8(ascii: "s"), v = UInt8(ascii: "v"), w = UInt8(ascii: "w"),
                       y = UInt8(ascii: "y"), z = UInt8(ascii: "z")

    /// Multi-letter rules, longest first, applied left to right. `position`: 0 anywhere,
    /// 1 only at the start of the word, 2 never at the start (initial ch is Khalid = Chalid,
    /// inside a word it is French/Slavic sh/tsj: Aïcha = Aisha, Kravchenko = Krawtschenko).
    private struct Rule { let from: [UInt8]; let to: [UInt8]; let position: Int }
    private static let rules: [Rule] = {
        func r(_ f: String, _ t: String, _ p: Int = 0) -> Rule { Rule(from: Array(f.utf8), to: Array(t.utf8), position: p) }
        return [
            r("shch", "s"), r("tsch", "s"), r("dzh", "j"),
            r("sch", "s"), r("tch", "s"), r("tsj", "s"),
            r("sh", "s"), r("sz", "s"), r("cz", "s"), r("zh", "s"), r("sj", "s"),
            r("ch", "h", 1), r("ch", "s", 2),
            r("kh", "h"), r("gh", "g"), r("ph", "f"), r("th", "t"), r("dh", "d"), r("ck", "k"), r("dt", "t"),
            r("dj", "j"), r("tz", "s"), r("ts", "s"), r("qu", "k"), r("ou", "u"), r("x", "ks"),
        ]
    }()

    static func phoneticBytes(_ input: [UInt8]) -> [UInt8] {
        // 1. multi-letter rules
        var stage = [UInt8]()
        stage.reserveCapacity(input.count + 2)
        var pos = 0
        outer: while pos < input.count {
            for rule in rules {
                if rule.position == 1 && pos != 0 { continue }
                if rule.position == 2 && pos == 0 { continue }
                let n = rule.from.count
                if pos + n <= input.count && input[pos..<(pos + n)].elementsEqual(rule.from) {
                    stage.append(contentsOf: rule.to)
                    pos += n
                    continue outer
                }
            }
            stage.append(input[pos])
            pos += 1
        }
        // 2. single letters in context
        var out = [UInt8]()
        out.reserveCapacity(stage.count)
        let n = stage.count
        for idx in 0..<n {
            let ch = stage[idx]
            let next: UInt8? = idx + 1 < n ? stage[idx + 1] : nil
            let nextIsVowel = next.map { isVowel($0) || $0 == y } ?? false
            switch ch {
            case y:
                // Consonantal y only at the start before a vowel (Yusuf = Jusuf); else a vowel i.
                out.append(idx == 0 && nextIsVowel ? j : i)
            case j:
                let prev = out.last
                if idx == 0 || prev == nil {
                    out.append(j)
                } else if prev == i && nextIsVowel {
                    continue                                 // Marija = Maria, Meijer = Meier
                } else if let p = prev, isVowel(p) && !nextIsVowel {
                    out.append(i)                            // Sergej = Sergei, Dijk = Diik
                } else {
                    out.append(j)
                }
            case w: out.append(v)
            case z: out.append(s)
            case q: out.append(k)
            case g: out.append(h)
            case c: out.append(next == e || next == i || next == y ? s : k)
            default: out.append(ch)
            }
        }
        // Initial je- is e- (Jevgeni = Yevgeny = Evgeni, Jelena = Yelena = Elena).
        if out.count > 2, out[0] == j, out[1] == e { out.removeFirst() }
        // Final h after a vowel is silent (Sarah = Sara).
        if out.count > 2, out.last == h, isVowel(out[out.count - 2]) { out.removeLast() }
        // 3. collapse doubles
        var collapsed = [UInt8]()
        collapsed.reserveCapacity(out.count)
        for ch in out where collapsed.last != ch { collapsed.append(ch) }
        // 4. vowels: interior runs become "a"; the final run keeps its last vowel.
        var result = [UInt8]()
        result.reserveCapacity(collapsed.count)
        var idx = 0
        while idx < collapsed.count {
            if isVowel(collapsed[idx]) {
                var end = idx
                while end + 1 < collapsed.count && isVowel(collapsed[end + 1]) { end += 1 }
                result.append(end == collapsed.count - 1 ? collapsed[end] : a)
                idx = end + 1
            } else {
                result.append(collapsed[idx])
                idx += 1
            }
        }
        return result
    }
}
