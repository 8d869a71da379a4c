import Testing
@testable import TUI

@Suite struct ConfirmDialogTests {
    let theme = shippedTheme()
    let area = Rect(x: 0, y: 0, width: 40, height: 9)
    let dialog = ConfirmDialog(title: "Verwijderen", message: "Casus C-003 definitief verwijderen?",
                               isDestructive: true)

    @Test func rendersCentredWithTheSafeAnswerFocused() {
        let lines = renderLines(width: 40, height: 9) { dialog.render(into: &$0, area: $1, theme: theme) }
        #expect(lines == [
            "",
            "",
            "┌ Verwijderen " + String(repeating: "─", count: 24) + "┐",
            "│ Casus C-003 definitief verwijderen? │",
            "│                                     │",
            "│" + String(repeating: " ", count: 12) + "Ja     [ Nee ]           │",
            "└─────────────────────────────────────┘",
            "",
            "",
        ].map(trimTrailing))
    }

    @Test func enterCancelsUnlessConfirmIsFocused() throws {
        var d = dialog
        #expect(try feed("enter") { d.handle($0, area: area) } == .action(.cancel))
        #expect(try feed("left enter") { d.handle($0, area: area) } == .action(.confirm))
    }

    @Test func letterShortcutsAndEscape() throws {
        var d = dialog
        #expect(try feed("j") { d.handle($0, area: area) } == .action(.confirm))
        #expect(try feed("n") { d.handle($0, area: area) } == .action(.cancel))
        #expect(try feed("esc") { d.handle($0, area: area) } == .action(.cancel))
        #expect(try feed("x") { d.handle($0, area: area) } == .handled)   // modal
        var english = ConfirmDialog(title: "Delete", message: "Sure?", confirmLabel: "Yes", cancelLabel: "No")
        #expect(try feed("y") { english.handle($0, area: area) } == .action(.confirm))
    }

    @Test func clickingAButtonAnswers() {
        var d = dialog
        let layout = d.layout(in: area)
        let confirm = Point(x: layout.confirm.x + 1, y: layout.confirm.y)
        #expect(d.handle(.mouse(MouseEvent(.press(.left), at: confirm)), area: area) == .action(.confirm))
    }

    @Test func longMessagesWrapAndASCIIThemesGetASCIIBorders() {
        let d = ConfirmDialog(title: "Let op", message: String(repeating: "woord ", count: 20))
        let ascii = theme.withUnicodeGlyphs(false)
        let lines = renderLines(width: 40, height: 12) { d.render(into: &$0, area: $1, theme: ascii) }
        #expect(lines.filter { $0.contains("woord") }.count >= 3)
        #expect(lines.contains { $0.hasPrefix("+ Let op -") })
    }
}

@Suite struct ToastTests {
    let theme = shippedTheme()
    let start = ContinuousClock.now

    @Test func rendersBottomRightWithGlyph() {
        let toast = Toast("Opgeslagen", kind: .success, shownAt: start)
        var buffer = CellBuffer(width: 40, height: 3)
        toast.render(into: &buffer, area: buffer.bounds, theme: theme)
        #expect(trimTrailing(buffer.lines[2]) == String(repeating: " ", count: 27) + "✓ Opgeslagen")
        #expect(buffer.styleMask()[2].hasSuffix("RRRRRRRRRRRRRR"))
        var ascii = CellBuffer(width: 40, height: 3)
        Toast("Mislukt", kind: .error, shownAt: start).render(into: &ascii, area: ascii.bounds,
                                                                theme: theme.withUnicodeGlyphs(false))
        #expect(trimTrailing(ascii.lines[2]).hasSuffix("x Mislukt"))
    }

    @Test func expiresAndQueues() {
        var queue = ToastQueue()
        queue.post(Toast("een", shownAt: start, duration: .seconds(2)))
        queue.post(Toast("twee", shownAt: start, duration: .seconds(2)))
        #expect(queue.current(at: start + .seconds(1))?.message == "een")
        #expect(queue.current(at: start + .seconds(3))?.message == "twee")
        #expect(queue.current(at: start + .seconds(4))?.message == "twee")   // its clock started at 3 s
        #expect(queue.current(at: start + .seconds(6)) == nil)
    }

    @Test func aNoteThatWasReadGivesWayToTheNextMessage() {
        var queue = ToastQueue()
        queue.post(Toast("nieuw sinds de laatste uitwisseling", shownAt: start, duration: .seconds(6), yields: true))
        queue.post(Toast("privacy aan", shownAt: start + .milliseconds(200)))
        #expect(queue.current(at: start + .milliseconds(300))?.message == "privacy aan")
        var ordinary = ToastQueue()
        ordinary.post(Toast("Opgeslagen", shownAt: start))
        ordinary.post(Toast("privacy aan", shownAt: start + .milliseconds(200)))
        #expect(ordinary.current(at: start + .milliseconds(300))?.message == "Opgeslagen")
    }

    @Test func errorsStayLonger() {
        let toast = Toast("Fout", kind: .error, shownAt: start, duration: .seconds(1))
        #expect(!toast.isExpired(at: start + .seconds(5)))
        #expect(toast.isExpired(at: start + .seconds(8)))
    }
}

@Suite struct BarChartTests {
    let theme = shippedTheme()

    @Test func barsUseEighthBlocks() {
        #expect(BarChart.bar(value: 10, maximum: 10, width: 4, unicode: true) == "████")
        #expect(BarChart.bar(value: 5, maximum: 10, width: 3, unicode: true) == "█▌")
        #expect(BarChart.bar(value: 1, maximum: 10, width: 4, unicode: true) == "▍")
        #expect(BarChart.bar(value: 0, maximum: 10, width: 4, unicode: true) == "")
        #expect(BarChart.bar(value: 5, maximum: 10, width: 4, unicode: false) == "##")
        #expect(BarChart.bar(value: 50, maximum: 10, width: 4, unicode: false) == "####")
    }

    @Test func rendersLabelsBarsAndValues() {
        let chart = BarChart(bars: [.init("intake", 4), .init("traject", 8), .init("nazorg", 1)])
        let lines = renderLines(width: 24, height: 3) { chart.render(into: &$0, area: $1, theme: theme) }
        #expect(lines == [
            "intake  ███████" + String(repeating: " ", count: 8) + "4",
            "traject ██████████████ 8",
            "nazorg  █▊" + String(repeating: " ", count: 13) + "1",
        ])
        let ascii = renderLines(width: 24, height: 3) { chart.render(into: &$0, area: $1, theme: theme.withUnicodeGlyphs(false)) }
        #expect(ascii[2] == "nazorg  ##" + String(repeating: " ", count: 13) + "1")
    }

    @Test func emptyChartSaysSo() {
        let lines = renderLines(width: 20, height: 2) { BarChart(bars: []).render(into: &$0, area: $1, theme: theme) }
        #expect(lines[0] == "Geen gegevens")
    }
}

@Suite struct TooSmallScreenTests {
    @Test func detectsSizesBelow80x24() {
        #expect(TooSmallScreen.isTooSmall(Size(width: 79, height: 40)))
        #expect(TooSmallScreen.isTooSmall(Size(width: 120, height: 23)))
        #expect(!TooSmallScreen.isTooSmall(Size(width: 80, height: 24)))
    }

    @Test(arguments: [UILanguage.nl, .en])
    func rendersTheMessage(language: UILanguage) {
        var buffer = CellBuffer(width: 60, height: 10)
        TooSmallScreen(language: language, hint: "q").render(into: &buffer, theme: shippedTheme())
        let lines = buffer.lines.map { $0.trimmingWhitespace() }
        switch language {
        case .nl:
            #expect(lines[2] == "Terminal te klein")
            #expect(lines[4] == "Nodig: minstens 80×24, nu 60×10.")
        case .en:
            #expect(lines[2] == "Terminal too small")
            #expect(lines[4] == "Needed: at least 80×24, now 60×10.")
        }
        #expect(lines[6] == "q")
        #expect(buffer.styleMask()[2].contains("B"))
    }

    @Test func wrapsOnTinyScreens() {
        var buffer = CellBuffer(width: 12, height: 12)
        TooSmallScreen().render(into: &buffer, theme: shippedTheme())
        let text = buffer.lines.map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
        #expect(text.first == "Terminal te")
        #expect(text.dropFirst().first == "klein")
    }
}

@Suite struct TextWrapTests {
    @Test func wrapsByDisplayWidth() {
        #expect(TextWrap.lines("een twee drie vier", width: 9) == ["een twee", "drie vier"])
        #expect(TextWrap.lines("日本語日本語", width: 5) == ["日本", "語日", "本語"])
        #expect(TextWrap.lines("a\nb", width: 5) == ["a", "b"])
        #expect(TextWrap.lines("abcdefgh", width: 3) == ["abc", "def", "gh"])
    }
}
