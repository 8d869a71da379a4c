import Testing
import Core
@testable import TUI

@Suite struct TerminalSanitizerTests {
    func clean(_ s: String, _ options: TerminalSanitizer.Options = .singleLine) -> String {
        TerminalSanitizer.sanitize(s, options: options)
    }

    @Test func escapeSequencesBecomeVisible() {
        #expect(clean("\u{1B}[31mrood\u{1B}[0m") == "␛[31mrood␛[0m")
        #expect(clean("\u{1B}]0;titel\u{07}") == "␛]0;titel\u{FFFD}")
    }

    @Test func c0C1AndDeleteAreReplaced() {
        #expect(clean("a\u{07}b\u{00}c\u{7F}d") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        #expect(clean("x\u{9B}31m\u{90}y") == "x\u{FFFD}31m\u{FFFD}y")  // CSI and DCS
    }

    @Test func bidiAndInvisibleCharactersAreReplaced() {
        for v: UInt32 in [0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
                          0x200E, 0x200F, 0x200B, 0x2060, 0xFEFF, 0x061C, 0x00AD] {
            let s = "a" + String(Character(Unicode.Scalar(v)!)) + "b"
            #expect(clean(s) == "a\u{FFFD}b", "U+\(String(v, radix: 16))")
        }
    }

    @Test func zeroWidthJoinerOnlyInsideEmojiSequences() {
        #expect(clean("👩‍💻") == "👩‍💻")
        #expect(clean("🏴󠁧󠁢󠁳󠁣󠁴󠁿") == "🏴󠁧󠁢󠁳󠁣󠁴󠁿")
        #expect(clean("a\u{200D}b") == "a\u{FFFD}b")
        #expect(clean("a\u{E0041}") == "a\u{FFFD}")
    }

    @Test func ordinaryTextIsUntouched() {
        let text = "Anaïs Çelik-van der Meer, 日本 👍🏽 🇳🇱 e\u{301}"
        #expect(clean(text) == text)
    }

    @Test func invalidUTF8AndSurrogatesBecomeReplacementCharacters() {
        let bytes: [UInt8] = [0x61, 0xED, 0xA0, 0x80, 0x62, 0xFF, 0x63, 0x1B, 0x5B]
        #expect(TerminalSanitizer.sanitize(bytes: bytes) == "a\u{FFFD}\u{FFFD}\u{FFFD}b\u{FFFD}c␛[")
    }

    @Test func newlinesAndTabsFollowTheOptions() {
        #expect(clean("a\nb\r\nc\rd\u{2028}e") == "a b c d e")
        let keep = TerminalSanitizer.Options.multiLine
        #expect(clean("a\r\nb\tc", keep) == "a\nb    c")
        let arrows = TerminalSanitizer.Options(newlines: .replace(" ↵ "))
        #expect(clean("a\nb", arrows) == "a ↵ b")
        #expect(clean("a\tb") == "a b")
    }

    @Test func longTextIsBounded() {
        let long = String(repeating: "é", count: 10_000)
        let out = clean(long, .init(maxCharacters: 100))
        #expect(out.count == 101)
        #expect(out.hasSuffix("…"))
        #expect(clean(String(repeating: "a", count: 5000), .init(maxCharacters: 10)) == "aaaaaaaaaa…")
    }

    @Test func combiningMarksAreBoundedAndNeverLeading() {
        let zalgo = "a" + String(repeating: "\u{301}", count: 50)
        #expect(clean(zalgo).unicodeScalars.count == 1 + 4)
        #expect(clean("\u{301}x") == "\u{25CC}\u{301}x")
    }

    /// Whatever goes in, nothing a terminal would interpret comes out.
    @Test func randomInputNeverYieldsControls() {
        var rng = SeededRandom(seed: 42)
        let pool: [UInt32] = [0x00, 0x07, 0x08, 0x0A, 0x0D, 0x1B, 0x5B, 0x41, 0x7F, 0x85, 0x9B, 0x9D,
                              0x200B, 0x200D, 0x202E, 0x2066, 0xFEFF, 0x301, 0x1F469, 0x1F4BB, 0xE9, 0x65E5]
        for _ in 0..<500 {
            var s = ""
            for _ in 0..<Int(rng.next() % 30) {
                s.unicodeScalars.append(Unicode.Scalar(pool[Int(rng.next() % UInt64(pool.count))])!)
            }
            for scalar in clean(s).unicodeScalars {
                let v = scalar.value
                #expect(!(v < 0x20 || (0x7F...0x9F).contains(v)))
                #expect(![0x200B, 0x202E, 0x2066, 0xFEFF].contains(v))
            }
        }
    }
}

