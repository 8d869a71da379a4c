import Testing
import Core
@testable import TUI

@Suite struct TextWidthTests {
    @Test(arguments: [
        ("a", 1), ("é", 1), ("ë", 1), ("ĳ", 1), ("ß", 1), ("e\u{301}", 1), ("Ω", 1), ("ж", 1),
        ("日", 2), ("한", 2), ("Ａ", 2), ("。", 2), ("😀", 2), ("❤️", 2), ("❤", 1),
        ("👩‍💻", 2), ("👨‍👩‍👧‍👦", 2), ("🇳🇱", 2), ("👍🏽", 2), ("1️⃣", 2), ("🏴󠁧󠁢󠁳󠁣󠁴󠁿", 2),
        ("\u{200B}", 0), ("\u{301}", 0), ("\u{1B}", 0), ("\u{7F}", 0),
    ] as [(String, Int)])
    func characterWidth(text: String, expected: Int) {
        #expect(text.count == 1)
        #expect(TextWidth.width(of: Character(text)) == expected)
    }

    @Test func stringWidthSumsClusters() {
        #expect(TextWidth.width(of: "Jansen-de Vrieß") == 15)
        #expect(TextWidth.width(of: "Zoë en Anaïs") == 12)
        #expect(TextWidth.width(of: "日本語 ok") == 9)
        #expect(TextWidth.width(of: "🇳🇱👩‍💻x") == 5)
        #expect(TextWidth.width(of: "") == 0)
    }

    /// The scalar fast path must agree with grapheme-by-grapheme measuring.
    @Test func fastPathAgreesWithGraphemeWidths() {
        var rng = SeededRandom(seed: 7)
        let pool: [UInt32] = [0x41, 0x7A, 0x20, 0xE9, 0xEB, 0x133, 0x1E9E, 0x4E2D, 0x65E5, 0x301, 0x1F600, 0xFE0F, 0x200D]
        for _ in 0..<300 {
            var s = ""
            for _ in 0..<Int(rng.next() % 12) {
                s.unicodeScalars.append(Unicode.Scalar(pool[Int(rng.next() % UInt64(pool.count))])!)
            }
            let slow = s.reduce(0) { $0 + TextWidth.width(of: $1) }
            #expect(TextWidth.width(of: s) == slow, "\(s.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    @Test func wideTableIsSortedAndDisjoint() {
        let ranges = TextWidth.wideRanges
        for (a, b) in zip(ranges, ranges.dropFirst()) { #expect(a.upperBound < b.lowerBound) }
    }
}
