import Testing
#if canImport(Glibc)
import Glibc
#endif
@testable import TUI

/// Conformance tests against real ncursesw, headless on /dev/null: what we present must
/// be what ncurses holds (text, wide characters, attributes, colours), and input codes
/// must map to our events. Serialized: ncurses and the locale are process-global.
@Suite(.serialized) struct NCursesBackendTests {
    func withBackend(_ body: (NCursesBackend) throws -> Void) throws {
        let backend = NCursesBackend(configuration: .headless())
        try backend.start()
        defer { backend.shutdown() }
        try body(backend)
    }

    @Test func sizeAndColoursOfTheHeadlessTerminal() throws {
        try withBackend { backend in
            #expect(backend.size.width > 0 && backend.size.height > 0)
            #expect(backend.colorCount == 256)
        }
    }

    @Test func presentedTextAndAttributesReadBack() throws {
        try withBackend { backend in
            var frame = CellBuffer(size: backend.size)
            frame.put(text: "Zoë", at: Point(x: 0, y: 0), style: Style(attributes: [.bold, .underline]))
            frame.put(text: "日本", at: Point(x: 0, y: 1), style: Style(attributes: .reverse))
            frame.put(text: "e\u{301}!", at: Point(x: 5, y: 1))
            frame.put(text: "\u{1B}[2J", at: Point(x: 0, y: 2))
            backend.present(frame)
            #expect(backend.readBack(x: 2, y: 0) == .init(text: "ë", attributes: [.bold, .underline], pair: 0))
            #expect(backend.readBack(x: 0, y: 1)?.text == "日")
            #expect(backend.readBack(x: 0, y: 1)?.attributes == [.reverse])
            #expect(backend.readBack(x: 2, y: 1)?.text == "本")
            #expect(backend.readBack(x: 5, y: 1)?.text == "e\u{301}")
            #expect(backend.readBack(x: 0, y: 2)?.text == "␛")
        }
    }

    /// Emoji whose width the C library disagrees with must not shift the rest of the row.
    @Test func emojiSequencesKeepTheRowAligned() throws {
        try withBackend { backend in
            var frame = CellBuffer(size: backend.size)
            frame.put(text: "❤️x", at: Point(x: 0, y: 0))
            frame.put(text: "👩‍💻y", at: Point(x: 0, y: 1))
            frame.put(text: "🇳🇱z", at: Point(x: 0, y: 2))
            backend.present(frame)
            #expect(backend.readBack(x: 2, y: 0)?.text == "x")
            #expect(backend.readBack(x: 2, y: 1)?.text == "y")
            #expect(backend.readBack(x: 0, y: 1)?.text.unicodeScalars.first == "👩")
            #expect(backend.readBack(x: 2, y: 2)?.text == "z")
        }
    }

    @Test func cellsNeverSendJoinersOrSecondSpacingCharacters() {
        func scalars(_ c: Character) -> [UInt32] {
            NCursesBackend.cellCharacters(c).map { UInt32(bitPattern: $0) }
        }
        #expect(scalars("👩‍💻") == [0x1F469, 0])
        #expect(scalars("❤️") == [0x2764, 0xFE0F, 0])
        #expect(scalars("👍🏽") == [0x1F44D, 0])
        #expect(scalars("🇳🇱") == [0x1F1F3, 0])
        #expect(scalars("e\u{301}") == [0x65, 0x301, 0])
    }

    @Test func coloursUseCachedPairs() throws {
        try withBackend { backend in
            var frame = CellBuffer(size: backend.size)
            let warning = Style(foreground: .rgb(255, 0, 0), background: .indexed(4))
            frame.put(text: "let op", at: Point(x: 0, y: 0), style: warning)
            frame.put(text: "nog eens", at: Point(x: 0, y: 1), style: warning)
            frame.put(text: "standaard", at: Point(x: 0, y: 2), style: Style(foreground: .indexed(2)))
            backend.present(frame)
            let pair = try #require(backend.readBack(x: 0, y: 0)?.pair)
            #expect(pair > 0)
            #expect(backend.readBack(x: 0, y: 1)?.pair == pair)
            let colours = try #require(backend.pairColors(pair))
            #expect(colours.0 == 196 && colours.1 == 4)
            let other = try #require(backend.pairColors(backend.readBack(x: 0, y: 2)!.pair))
            #expect(other.0 == 2 && other.1 == -1)
            #expect(backend.allocatedPairCount == 2)
        }
    }

    /// Colours are mapped to what the terminal type can show (tiers via COLORS).
    @Test(arguments: [
        ("xterm-direct", 16_777_216, Int32(0xFF8000)),
        ("xterm-256color", 256, Int32(208)),
        ("xterm-16color", 16, Int32(3)),
        ("xterm", 8, Int32(3)),
    ] as [(String, Int, Int32)])
    func coloursFollowTheTerminalsTier(terminal: String, colors: Int, expectedOrange: Int32) throws {
        let backend = NCursesBackend(configuration: .headless(terminalName: terminal))
        try backend.start()
        defer { backend.shutdown() }
        #expect(backend.colorCount == colors)
        #expect(backend.colorNumber(.rgb(255, 128, 0)) == expectedOrange)
        var frame = CellBuffer(size: backend.size)
        frame.put(text: "oranje", at: Point(x: 0, y: 0), style: Style(foreground: .rgb(255, 128, 0)))
        backend.present(frame)
        let pair = try #require(backend.readBack(x: 0, y: 0)?.pair)
        #expect(backend.pairColors(pair)?.0 == expectedOrange)
    }

    @Test func monochromeTerminalsGetAttributesOnly() throws {
        let backend = NCursesBackend(configuration: .headless(terminalName: "vt100"))
        try backend.start()
        defer { backend.shutdown() }
        #expect(backend.colorCount == 0)
        var frame = CellBuffer(size: backend.size)
        frame.put(text: "let op", at: Point(x: 0, y: 0), style: Style(foreground: .red, attributes: .bold))
        backend.present(frame)
        #expect(backend.readBack(x: 0, y: 0) == .init(text: "l", attributes: .bold, pair: 0))
        #expect(backend.allocatedPairCount == 0)
    }

    @Test func resizeForcesAFullRedraw() throws {
        try withBackend { backend in
            var frame = CellBuffer(size: backend.size)
            frame.put(text: "a", at: Point(x: 0, y: 0))
            backend.present(frame)
            backend.pushInput(keyCode: NCursesBackend.resizeKeyCode)
            _ = backend.nextEvent(timeout: .zero)
            backend.present(frame)
            #expect(backend.lastWrittenCellCount == backend.size.width * backend.size.height)
        }
    }

    @Test func onlyChangedCellsAreWritten() throws {
        try withBackend { backend in
            var frame = CellBuffer(size: backend.size)
            frame.put(text: "één", at: Point(x: 0, y: 0))
            backend.present(frame)
            #expect(backend.lastWrittenCellCount == backend.size.width * backend.size.height)
            frame.put(text: "twee", at: Point(x: 10, y: 3))
            backend.present(frame)
            #expect(backend.lastWrittenCellCount == 4)
            #expect(backend.readBack(x: 11, y: 3)?.text == "w")
            #expect(backend.readBack(x: 0, y: 0)?.text == "é")
        }
    }

    @Test func keysFromNCursesMapToEvents() throws {
        try withBackend { backend in
            backend.pushInput(character: 0x71)           // q
            #expect(backend.nextEvent(timeout: .zero) == .key(.char("q")))
            backend.pushInput(character: 0xEB)           // ë
            #expect(backend.nextEvent(timeout: .zero) == .key(.char("ë")))
            backend.pushInput(character: 0x01)           // Ctrl-A
            #expect(backend.nextEvent(timeout: .zero) == .key(.ctrl("a")))
            backend.pushInput(character: 0x0D)
            #expect(backend.nextEvent(timeout: .zero) == .key(KeyEvent(.enter)))
            backend.pushInput(character: 0x09)
            #expect(backend.nextEvent(timeout: .zero) == .key(KeyEvent(.tab)))
            backend.pushInput(character: 0x7F)
            #expect(backend.nextEvent(timeout: .zero) == .key(KeyEvent(.backspace)))
            backend.pushInput(character: 0x78)           // ESC x = Alt-x (ungetch is LIFO)
            backend.pushInput(character: 0x1B)
            #expect(backend.nextEvent(timeout: .zero) == .key(KeyEvent(.character("x"), modifiers: .alt)))
            backend.pushInput(keyCode: try #require(NCursesBackend.keyCode(for: .up)))
            backend.pushInput(character: 0x1B)           // ESC then ↑: two keys, nothing lost
            #expect(backend.nextEvent(timeout: .zero) == .key(KeyEvent(.escape)))
            #expect(backend.nextEvent(timeout: .zero) == .key(KeyEvent(.up)))
            for key in [Key.up, .down, .pageDown, .backTab, .function(1), .function(12)] {
                backend.pushInput(keyCode: try #require(NCursesBackend.keyCode(for: key)))
                #expect(backend.nextEvent(timeout: .zero) == .key(KeyEvent(key)))
            }
            #expect(backend.nextEvent(timeout: .milliseconds(1)) == nil)
        }
    }

    @Test func resizeAndMouseEvents() throws {
        try withBackend { backend in
            backend.pushInput(keyCode: NCursesBackend.resizeKeyCode)
            #expect(backend.nextEvent(timeout: .zero) == .resize(backend.size))
            backend.pushMouse(x: 3, y: 4, wheelDown: false)
            #expect(backend.nextEvent(timeout: .zero) == .mouse(MouseEvent(.press(.left), at: Point(x: 3, y: 4))))
            backend.pushMouse(x: 1, y: 2, wheelDown: true)
            #expect(backend.nextEvent(timeout: .zero) == .mouse(MouseEvent(.wheelDown, at: Point(x: 1, y: 2))))
        }
    }

    @Test func stopIsIdempotentAndStartResumes() throws {
        try withBackend { backend in
            backend.stop()
            backend.stop()
            try backend.start()
            var frame = CellBuffer(size: backend.size)
            frame.put(text: "terug", at: Point(x: 0, y: 0))
            backend.present(frame)
            #expect(backend.readBack(x: 0, y: 0)?.text == "t")
        }
    }

    @Test func unknownTerminalIsAnError() {
        let backend = NCursesBackend(configuration: .headless(terminalName: "no-such-terminal-xyz"))
        #expect(throws: TerminalError.self) { try backend.start() }
    }
}

@Suite(.serialized) struct TerminalRestorerTests {
    @Test func restoresOnceThroughTheFileDescriptor() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]); close(fds[1]) }
        TerminalRestorer.arm(fd: fds[1], restoreSequence: Array("\u{1B}[?1049l".utf8), modes: nil)
        #expect(TerminalRestorer.isArmed)
        TerminalRestorer.restoreNow()
        TerminalRestorer.restoreNow()   // second call must not write again
        #expect(!TerminalRestorer.isArmed)
        close(fds[1]); fds[1] = -1
        var buffer = [UInt8](repeating: 0, count: 64)
        let n = read(fds[0], &buffer, 64)
        #expect(Array(buffer.prefix(max(0, n))) == Array("\u{1B}[?1049l".utf8))
    }

    @Test func disarmPreventsRestore() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        TerminalRestorer.arm(fd: fds[1], restoreSequence: [0x41], modes: nil)
        TerminalRestorer.disarm()
        TerminalRestorer.restoreNow()
        close(fds[1])
        var buffer = [UInt8](repeating: 0, count: 8)
        #expect(read(fds[0], &buffer, 8) == 0)
    }
}
