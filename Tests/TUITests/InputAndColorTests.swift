import Testing
@testable import TUI

@Suite struct KeyNotationTests {
    @Test(arguments: ["a", "S", "/", "space", "enter", "esc", "tab", "backtab", "backspace", "delete",
                      "up", "down", "left", "right", "home", "end", "pgup", "pgdn", "f1", "f12",
                      "ctrl-l", "alt-x", "ctrl-alt-q"])
    func roundTrips(notation: String) throws {
        let key = try #require(KeyEvent(notation: notation))
        #expect(key.notation == notation)
    }

    @Test func parsesModifiersAndNames() {
        #expect(KeyEvent(notation: "ctrl-C") == KeyEvent.ctrl("c"))
        #expect(KeyEvent(notation: "F5") == KeyEvent(.function(5)))
        #expect(KeyEvent(notation: "f13") == nil)
        #expect(KeyEvent(notation: "bogus") == nil)
        #expect(KeyEvent.char("q").plainCharacter == "q")
        #expect(KeyEvent.ctrl("q").plainCharacter == nil)
    }

    @Test func scriptsRejectTypos() throws {
        #expect(try KeyEvent.script("j j enter") == [.char("j"), .char("j"), KeyEvent(.enter)])
        #expect(throws: KeyNotationError(token: "entr")) { try KeyEvent.script("j entr") }
    }
}

@Suite struct ColorTests {
    @Test func tierDetection() {
        #expect(ColorTier.detect(environment: ["COLORTERM": "truecolor"], terminalColors: 256) == .truecolor)
        #expect(ColorTier.detect(environment: ["COLORTERM": "24bit"], terminalColors: 8) == .truecolor)
        #expect(ColorTier.detect(environment: [:], terminalColors: 256) == .c256)
        #expect(ColorTier.detect(environment: [:], terminalColors: 16) == .c16)
        #expect(ColorTier.detect(environment: [:], terminalColors: 8) == .c16)
        #expect(ColorTier.detect(environment: [:], terminalColors: 0) == .mono)
        #expect(ColorTier.detect(environment: ["NO_COLOR": "1", "COLORTERM": "truecolor"], terminalColors: 256) == .mono)
        #expect(ColorTier.detect(environment: ["NO_COLOR": ""], terminalColors: 256) == .c256)
        #expect(ColorTier.detect(environment: [:], terminalColors: 256, noColorFlag: true) == .mono)
        #expect(ColorTier.detect(environment: ["TERM": "dumb"], terminalColors: 256) == .mono)
    }

    @Test func nearestColours() {
        #expect(TerminalColor.rgb(255, 0, 0).nearestIndexed256() == .indexed(196))
        #expect(TerminalColor.rgb(0, 0, 0).nearestIndexed256() == .indexed(16))
        #expect(TerminalColor.rgb(128, 128, 128).nearestIndexed256() == .indexed(244))
        #expect(TerminalColor.rgb(250, 10, 10).nearestANSI16() == .indexed(9))
        #expect(TerminalColor.rgb(10, 10, 190).nearestANSI16() == .indexed(4))
        #expect(TerminalColor.indexed(196).nearestANSI16() == .indexed(9))
        #expect(TerminalColor.indexed(9).nearestANSI8() == .indexed(1))
        #expect(TerminalColor.terminalDefault.nearestANSI16() == .terminalDefault)
        #expect(TerminalColor.rgbValue(ofIndex: 232) == (8, 8, 8))
    }
}

@Suite struct MemoryBackendTests {
    @Test func presentsAndCountsDiffs() {
        let backend = MemoryBackend(size: Size(width: 10, height: 2))
        var frame = CellBuffer(size: backend.size)
        frame.put(text: "hallo", at: Point(x: 0, y: 0))
        backend.present(frame)
        #expect(backend.lines == ["hallo     ", "          "])
        #expect(backend.lastWrittenCellCount == 5)
        frame.put(text: "j", at: Point(x: 0, y: 1))
        backend.present(frame)
        #expect(backend.lastWrittenCellCount == 1)
        #expect(backend.presentCount == 2)
    }

    @Test func replaysScriptedEvents() throws {
        let backend = MemoryBackend()
        try backend.enqueue(script: "j ctrl-c")
        backend.type("é")
        backend.resize(to: Size(width: 100, height: 30))
        #expect(backend.nextEvent(timeout: .zero) == .key(.char("j")))
        #expect(backend.nextEvent(timeout: .zero) == .key(.ctrl("c")))
        #expect(backend.nextEvent(timeout: .zero) == .key(.char("é")))
        #expect(backend.nextEvent(timeout: .zero) == .resize(Size(width: 100, height: 30)))
        #expect(backend.nextEvent(timeout: .zero) == nil)
        #expect(backend.size == Size(width: 100, height: 30))
    }
}

@Suite struct GlyphSupportTests {
    @Test func asciiOnConsolesAndNonUTF8Locales() {
        #expect(GlyphSupport.unicodeGlyphsUsable(environment: ["TERM": "xterm-256color", "LANG": "nl_NL.UTF-8"]))
        #expect(GlyphSupport.unicodeGlyphsUsable(environment: ["LC_ALL": "C.utf8", "LANG": "C"]))
        #expect(!GlyphSupport.unicodeGlyphsUsable(environment: ["TERM": "linux", "LANG": "nl_NL.UTF-8"]))
        #expect(!GlyphSupport.unicodeGlyphsUsable(environment: ["LANG": "C"]))
        #expect(!GlyphSupport.unicodeGlyphsUsable(environment: ["LC_ALL": "POSIX", "LANG": "nl_NL.UTF-8"]))
    }
}
