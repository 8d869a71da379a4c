import CNCursesW
#if canImport(Glibc)
import Glibc
#endif

/// The real terminal, driven by ncursesw. The only file that imports `CNCursesW`.
///
/// ncurses owns the alternate screen (smcup on start, rmcup on `endwin`), SIGWINCH
/// (delivered to us as `KEY_RESIZE`) and the escape-sequence parsing of keys. We write
/// only the cells `BufferDiff` reports, and colour pairs are allocated on demand.
public final class NCursesBackend: TerminalBackend {
    public struct Configuration: Sendable {
        /// Terminal type; nil uses `$TERM`.
        public var terminalName: String?
        /// Use these files instead of stdin/stdout (headless tests pass /dev/null).
        public var inputPath: String?
        public var outputPath: String?
        public var enableMouse: Bool
        /// Install `TerminalRestorer` (off for headless tests, which have no terminal).
        public var installRestorer: Bool

        public init(terminalName: String? = nil, inputPath: String? = nil, outputPath: String? = nil,
                    enableMouse: Bool = true, installRestorer: Bool = true) {
            self.terminalName = terminalName
            self.inputPath = inputPath
            self.outputPath = outputPath
            self.enableMouse = enableMouse
            self.installRestorer = installRestorer
        }

        /// ncurses on /dev/null: everything works except that nobody sees the output.
        public static func headless(terminalName: String = "xterm-256color") -> Configuration {
            Configuration(terminalName: terminalName, inputPath: "/dev/null", outputPath: "/dev/null",
                          enableMouse: true, installRestorer: false)
        }
    }

    public let configuration: Configuration
    private var screenPointer: OpaquePointer?
    private var window: UnsafeMutablePointer<WINDOW>?
    private var inputFile: UnsafeMutablePointer<FILE>?
    private var outputFile: UnsafeMutablePointer<FILE>?
    private var isActive = false
    private var onScreen: CellBuffer?
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    /// Cells written by the last `present` (for tests and benchmarks).
    public private(set) var lastWrittenCellCount = 0

    private struct PairKey: Hashable { var fg: Int32; var bg: Int32 }

    public init(configuration: Configuration = Configuration()) {
        self.configuration = configuration
    }

    deinit { shutdown() }

    public var size: Size {
        guard let window else { return Size(width: 0, height: 0) }
        return Size(width: Int(schakel_getmaxx(window)), height: Int(schakel_getmaxy(window)))
    }

    public var colorCount: Int {
        guard screenPointer != nil, has_colors() else { return 0 }
        return Int(schakel_colors())
    }

    // MARK: Lifecycle

    public func start() throws {
        if isActive { return }
        if screenPointer != nil {
            // Resuming after stop(): a refresh re-enters full-screen mode.
            isActive = true
            armRestorer()
            onScreen = nil
            if let window { _ = wrefresh(window) }
            return
        }
        Self.ensureUTF8Locale()
        let input = configuration.inputPath.map { fopen($0, "r") } ?? fdopen(dup(STDIN_FILENO), "r")
        let output = configuration.outputPath.map { fopen($0, "w+") } ?? fdopen(dup(STDOUT_FILENO), "w")
        guard let input, let output else {
            if let input { fclose(input) }
            if let output { fclose(output) }
            throw TerminalError("cannot open the terminal")
        }
        var modes = termios()
        let hasModes = tcgetattr(fileno(input), &modes) == 0
        guard let screen = newterm(configuration.terminalName, output, input) else {
            fclose(input); fclose(output)
            throw TerminalError("unknown terminal type '\(configuration.terminalName ?? "$TERM")'")
        }
        _ = set_term(screen)
        screenPointer = screen
        inputFile = input
        outputFile = output
        window = schakel_stdscr()
        _ = raw()
        _ = noecho()
        _ = nonl()
        _ = keypad(window, true)
        _ = set_escdelay(25)          // the default 1 s makes Esc feel broken
        // Without this, ncurses abandons an update when input is already waiting; a dialog
        // drawn while keys were queued could stay invisible while the user answers it blind.
        _ = typeahead(-1)
        _ = curs_set(0)
        if has_colors() {
            _ = start_color()
            _ = use_default_colors()  // colour -1 = the terminal's own default
        }
        if configuration.enableMouse {
            let mask = schakel_button1_pressed() | schakel_button1_released() | schakel_button1_clicked()
                | schakel_button2_pressed() | schakel_button3_pressed() | schakel_button3_clicked()
                | schakel_button4_pressed() | schakel_button5_pressed()
            _ = mousemask(mask, nil)
            _ = mouseinterval(0)      // report presses at once instead of waiting for clicks
        }
        isActive = true
        savedModes = hasModes ? modes : nil
        armRestorer()
    }

    private var savedModes: termios?

    /// Leave full-screen mode (rmcup, cooked mode). Idempotent; `start()` resumes.
    public func stop() {
        guard isActive else { return }
        isActive = false
        _ = endwin()
        if configuration.installRestorer { TerminalRestorer.disarm() }
    }

    /// Stop and free the ncurses screen. Called by deinit.
    public func shutdown() {
        stop()
        if let screen = screenPointer {
            delscreen(screen)
            screenPointer = nil
            window = nil
        }
        if let f = inputFile { fclose(f); inputFile = nil }
        if let f = outputFile { fclose(f); outputFile = nil }
    }

    private func armRestorer() {
        guard configuration.installRestorer, let outputFile else { return }
        var sequence: [UInt8] = []
        for cap in ["sgr0", "rmkx", "cnorm", "rmcup"] {
            if let value = Self.capability(cap) { sequence += value }
            if cap == "sgr0", configuration.enableMouse {
                sequence += Array("\u{1B}[?1006l\u{1B}[?1002l\u{1B}[?1000l".utf8)
            }
        }
        _ = fflush(outputFile)
        TerminalRestorer.arm(fd: fileno(outputFile), restoreSequence: sequence, modes: savedModes)
    }

    static func capability(_ name: String) -> [UInt8]? {
        guard let pointer = tigetstr(name), Int(bitPattern: pointer) != -1 else { return nil }
        return Array(String(cString: pointer).utf8)
    }

    /// ncurses needs a UTF-8 LC_CTYPE for wide characters; fall back to C.UTF-8 when the
    /// environment selects none (e.g. under a bare service manager or in CI).
    static func ensureUTF8Locale() {
        _ = setlocale(LC_ALL, "")
        if let codeset = schakel_codeset(), String(cString: codeset) == "UTF-8" { return }
        _ = setlocale(LC_CTYPE, "C.UTF-8")
    }

    // MARK: Output

    public func present(_ buffer: CellBuffer) {
        guard let window, isActive else { return }
        let diff = BufferDiff(from: onScreen, to: buffer)
        if diff.isFullRedraw { _ = werase(window) }
        let limit = size
        for run in diff.runs where run.y < limit.height {
            for (offset, cell) in run.cells.enumerated() where !cell.isContinuation {
                let x = run.x + offset
                if x >= limit.width { break }
                write(cell, x: x, y: run.y, window: window, limit: limit)
            }
        }
        lastWrittenCellCount = diff.cellCount
        _ = wnoutrefresh(window)
        _ = doupdate()
        onScreen = buffer
    }

    private func write(_ cell: Cell, x: Int, y: Int, window: UnsafeMutablePointer<WINDOW>, limit: Size) {
        let attributes = attributes(for: cell.style.attributes)
        var pair = pairNumber(for: cell.style)
        var cc = cchar_t()
        var chars = Self.cellCharacters(cell.character)
        if setcchar(&cc, &chars, attributes, Int16(truncatingIfNeeded: min(pair, 32767)), &pair) == ERR {
            chars = [chars[0], 0]
            _ = setcchar(&cc, &chars, attributes, Int16(truncatingIfNeeded: min(pair, 32767)), &pair)
        }
        _ = mvwadd_wch(window, Int32(y), Int32(x), &cc)
        // When the C library thinks a character we count as wide is narrow (e.g. ❤️),
        // fill the second column so ncurses' idea of the row matches ours.
        if cell.width == 2, schakel_wcwidth(UInt32(bitPattern: chars[0])) < 2, x + 1 < limit.width {
            var space: [wchar_t] = [0x20, 0]
            var blank = cchar_t()
            _ = setcchar(&blank, &space, attributes, Int16(truncatingIfNeeded: min(pair, 32767)), &pair)
            _ = mvwadd_wch(window, Int32(y), Int32(x + 1), &blank)
        }
    }

    /// The wide characters for one cell, zero-terminated. A cchar_t holds one spacing
    /// character plus up to three combining ones, and terminals disagree about emoji
    /// sequences: ZWJ sequences, skin tones and flags degrade to their first emoji
    /// (keeping VS16), because a ZWJ or a second spacing character sent to the terminal
    /// would make it join or shift the following cells.
    static func cellCharacters(_ character: Character) -> [wchar_t] {
        var result: [wchar_t] = []
        for (index, scalar) in character.unicodeScalars.enumerated() {
            if index == 0 { result.append(wchar_t(bitPattern: scalar.value)); continue }
            if scalar.value == 0x200D { break }
            switch scalar.properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark:
                if result.count < 4 { result.append(wchar_t(bitPattern: scalar.value)) }
            default:
                break
            }
        }
        if result.isEmpty { result = [0x20] }
        return result + [0]
    }

    private func attributes(for a: TextAttributes) -> attr_t {
        var result = schakel_a_normal()
        if a.contains(.bold) { result |= schakel_a_bold() }
        if a.contains(.dim) { result |= schakel_a_dim() }
        if a.contains(.underline) { result |= schakel_a_underline() }
        if a.contains(.reverse) { result |= schakel_a_reverse() }
        if a.contains(.italic) { result |= schakel_a_italic() }
        return result
    }

    /// The colour number ncurses should use for `color` given the terminal's colours:
    /// direct RGB on 24-bit terminals, else the nearest 256/16/8 palette entry.
    func colorNumber(_ color: TerminalColor) -> Int32 {
        let colors = colorCount
        switch color {
        case .terminalDefault:
            return -1
        case let .rgb(r, g, b) where colors >= 1 << 24:
            return Int32(r) << 16 | Int32(g) << 8 | Int32(b)
        default:
            let mapped: TerminalColor
            if colors >= 256 { mapped = color.nearestIndexed256() }
            else if colors >= 16 { mapped = color.nearestANSI16() }
            else { mapped = color.nearestANSI8() }
            if case .indexed(let i) = mapped { return Int32(i) }
            return -1
        }
    }

    /// A colour pair for the style's colours, allocated on first use and cached. Pair 0
    /// (terminal defaults) when the terminal has no colour or pairs run out.
    func pairNumber(for style: Style) -> Int32 {
        guard colorCount >= 8 else { return 0 }
        let key = PairKey(fg: colorNumber(style.foreground), bg: colorNumber(style.background))
        if key.fg == -1 && key.bg == -1 { return 0 }
        if let cached = pairs[key] { return cached }
        guard nextPair < schakel_color_pairs() else { return 0 }
        let pair = nextPair
        guard init_extended_pair(pair, key.fg, key.bg) != ERR else { return 0 }
        nextPair += 1
        pairs[key] = pair
        return pair
    }

    /// Number of colour pairs allocated so far.
    public var allocatedPairCount: Int { pairs.count }

    // MARK: Input

    public func nextEvent(timeout: Duration?) -> InputEvent? {
        guard let window else { return nil }
        let milliseconds: Int32
        if let timeout {
            let c = timeout.components
            milliseconds = Int32(clamping: c.seconds * 1000 + c.attoseconds / 1_000_000_000_000_000)
        } else {
            milliseconds = -1
        }
        wtimeout(window, milliseconds)
        for _ in 0..<16 {   // skip codes we do not map, without spinning forever
            var value: wint_t = 0
            let result = wget_wch(window, &value)
            if result == ERR { return nil }
            if result == schakel_key_code_yes() {
                if let event = mapKeyCode(Int32(value)) { return event }
            } else if let event = mapCharacter(UInt32(value), window: window) {
                return event
            }
        }
        return nil
    }

    private func mapCharacter(_ value: UInt32, window: UnsafeMutablePointer<WINDOW>) -> InputEvent? {
        switch value {
        case 0x09: return .key(KeyEvent(.tab))
        case 0x0A, 0x0D: return .key(KeyEvent(.enter))
        case 0x08, 0x7F: return .key(KeyEvent(.backspace))
        case 0x00: return .key(KeyEvent(.character(" "), modifiers: .control))
        case 0x1B:
            // ESC followed at once by a character is Alt+character.
            wtimeout(window, 0)
            var next: wint_t = 0
            let result = wget_wch(window, &next)
            if result == OK, next >= 0x20, next != 0x7F, let scalar = Unicode.Scalar(UInt32(next)) {
                return .key(KeyEvent(.character(Character(scalar)), modifiers: .alt))
            }
            // Not Alt+character: give the key back so the next call sees it.
            if result == OK { _ = unget_wch(wchar_t(bitPattern: UInt32(next))) }
            else if result == schakel_key_code_yes() { _ = ungetch(Int32(next)) }
            return .key(KeyEvent(.escape))
        case 0x01...0x1A:
            let letter = Character(Unicode.Scalar(UInt8(0x60 + value)))
            return .key(KeyEvent(.character(letter), modifiers: .control))
        case 0x1C...0x1F:
            let symbol = Character(Unicode.Scalar(UInt8(0x40 + value)))
            return .key(KeyEvent(.character(symbol), modifiers: .control))
        default:
            guard let scalar = Unicode.Scalar(value) else { return nil }
            return .key(KeyEvent(.character(Character(scalar))))
        }
    }

    private func mapKeyCode(_ code: Int32) -> InputEvent? {
        if code == schakel_key_resize() {
            onScreen = nil   // ncurses resized its window: redraw everything next frame
            return .resize(size)
        }
        if code == schakel_key_mouse() { return readMouse() }
        for n in 1...12 where code == schakel_key_f(Int32(n)) { return .key(KeyEvent(.function(n))) }
        let table: [(Int32, Key)] = [
            (schakel_key_up(), .up), (schakel_key_down(), .down), (schakel_key_left(), .left),
            (schakel_key_right(), .right), (schakel_key_home(), .home), (schakel_key_end(), .end),
            (schakel_key_ppage(), .pageUp), (schakel_key_npage(), .pageDown),
            (schakel_key_btab(), .backTab), (schakel_key_enter(), .enter),
            (schakel_key_backspace(), .backspace), (schakel_key_dc(), .delete), (schakel_key_ic(), .insert),
        ]
        if let match = table.first(where: { $0.0 == code }) { return .key(KeyEvent(match.1)) }
        return nil
    }

    private func readMouse() -> InputEvent? {
        var event = MEVENT()
        guard getmouse(&event) == OK else { return nil }
        let point = Point(x: Int(event.x), y: Int(event.y))
        let state = event.bstate
        let kind: MouseEvent.Kind
        if state & schakel_button4_pressed() != 0 { kind = .wheelUp }
        else if state & schakel_button5_pressed() != 0 { kind = .wheelDown }
        else if state & (schakel_button1_pressed() | schakel_button1_clicked()) != 0 { kind = .press(.left) }
        else if state & schakel_button1_released() != 0 { kind = .release(.left) }
        else if state & schakel_button2_pressed() != 0 { kind = .press(.middle) }
        else if state & (schakel_button3_pressed() | schakel_button3_clicked()) != 0 { kind = .press(.right) }
        else { return nil }
        return .mouse(MouseEvent(kind, at: point))
    }

    // MARK: Test support (headless conformance tests)

    /// What ncurses holds for a cell: its characters, attributes and colour pair.
    struct ReadBackCell: Equatable {
        var text: String
        var attributes: TextAttributes
        var pair: Int32
    }

    func readBack(x: Int, y: Int) -> ReadBackCell? {
        guard let window else { return nil }
        var cc = cchar_t()
        guard mvwin_wch(window, Int32(y), Int32(x), &cc) != ERR else { return nil }
        var chars = [wchar_t](repeating: 0, count: 8)
        var attrs: attr_t = 0
        var shortPair: Int16 = 0
        var pair: Int32 = 0
        guard getcchar(&cc, &chars, &attrs, &shortPair, &pair) != ERR else { return nil }
        var text = ""
        for c in chars where c != 0 {
            if let s = Unicode.Scalar(UInt32(bitPattern: c)) { text.unicodeScalars.append(s) }
        }
        var a: TextAttributes = []
        if attrs & schakel_a_bold() != 0 { a.insert(.bold) }
        if attrs & schakel_a_dim() != 0 { a.insert(.dim) }
        if attrs & schakel_a_underline() != 0 { a.insert(.underline) }
        if attrs & schakel_a_reverse() != 0 { a.insert(.reverse) }
        if attrs & schakel_a_italic() != 0 { a.insert(.italic) }
        return ReadBackCell(text: text, attributes: a, pair: pair)
    }

    /// Foreground and background colour numbers of a pair.
    func pairColors(_ pair: Int32) -> (Int32, Int32)? {
        var fg: Int32 = 0, bg: Int32 = 0
        guard extended_pair_content(pair, &fg, &bg) != ERR else { return nil }
        return (fg, bg)
    }

    /// Push input back into ncurses' queue, as if typed.
    func pushInput(character: UInt32) { _ = unget_wch(wchar_t(bitPattern: character)) }
    func pushInput(keyCode: Int32) { _ = ungetch(keyCode) }
    func pushMouse(x: Int, y: Int, wheelDown: Bool) {
        var event = MEVENT()
        event.x = Int32(x); event.y = Int32(y)
        event.bstate = wheelDown ? schakel_button5_pressed() : schakel_button1_pressed()
        _ = ungetmouse(&event)
    }
    static func keyCode(for key: Key) -> Int32? {
        switch key {
        case .up: return schakel_key_up()
        case .down: return schakel_key_down()
        case .pageDown: return schakel_key_npage()
        case .backTab: return schakel_key_btab()
        case .function(let n): return schakel_key_f(Int32(n))
        default: return nil
        }
    }
    static var resizeKeyCode: Int32 { schakel_key_resize() }
}
