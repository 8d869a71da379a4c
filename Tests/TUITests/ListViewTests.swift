import Testing
@testable import TUI

@Suite struct ListViewTests {
    let theme = shippedTheme()
    let area = Rect(x: 0, y: 0, width: 30, height: 6)
    func makeList() -> ListView {
        ListView(items: [
            ListItem(id: "1", text: "Anaïs Çelik", detail: "di"),
            ListItem(id: "2", text: "Bram Jansen"),
            ListItem(id: "3", text: "Zoë de Vries"),
            ListItem(id: "4", text: "Celine Anker"),
            ListItem(id: "5", text: "Joost Zoetemelk"),
        ])
    }
    func lines(_ list: ListView) -> [String] {
        renderLines(width: 30, height: 6) { list.render(into: &$0, area: $1, theme: theme) }
    }

    @Test func rendersItemsWithDetails() {
        #expect(lines(makeList()) == [
            "Anaïs Çelik                 di", "Bram Jansen", "Zoë de Vries", "Celine Anker", "Joost Zoetemelk", "",
        ])
    }

    @Test func incrementalSearchIgnoresAccentsAndEnterKeepsIt() throws {
        var list = makeList()
        try feed("/ z") { list.handle($0, area: area) }
        #expect(list.selectedID == "3")                   // "Zoë" matches "z" first
        try feed("o e t") { list.handle($0, area: area) }
        #expect(list.selectedID == "5")                   // "zoet" only in Zoetemelk
        #expect(lines(list)[5] == "/zoet")
        try feed("enter") { list.handle($0, area: area) }
        #expect(list.mode == .browsing && list.selectedID == "5")
        #expect(lines(list)[5] == "")                     // prompt closed
    }

    @Test func escapeReturnsToWhereSearchStarted() throws {
        var list = makeList()
        try feed("j / c e l i") { list.handle($0, area: area) }
        #expect(list.selectedID == "4")
        try feed("esc") { list.handle($0, area: area) }
        #expect(list.selectedID == "2")
    }

    @Test func nAndShiftNRepeatTheSearch() throws {
        var list = makeList()
        try feed("/ c e l enter") { list.handle($0, area: area) }   // Çelik, Celine
        #expect(list.selectedID == "1")
        try feed("n") { list.handle($0, area: area) }
        #expect(list.selectedID == "4")
        try feed("n") { list.handle($0, area: area) }
        #expect(list.selectedID == "1")                              // wraps
        try feed("N") { list.handle($0, area: area) }
        #expect(list.selectedID == "4")
    }

    @Test func searchWithoutMatchSaysSo() throws {
        var list = makeList()
        try feed("/ q q") { list.handle($0, area: area) }
        #expect(lines(list)[5] == "/qq               geen treffer")
        #expect(list.selectedID == "1")
    }

    @Test func filterHidesItemsAndStaysVisible() throws {
        var list = makeList()
        try feed("f a n") { list.handle($0, area: area) }
        #expect(list.visibleItems.map(\.id) == ["1", "2", "4"])   // Anaïs, Jansen, Anker
        try feed("enter") { list.handle($0, area: area) }
        #expect(list.mode == .browsing)
        #expect(lines(list) == ["Anaïs Çelik                 di", "Bram Jansen", "Celine Anker", "", "",
                                "Filter: an             3 van 5"])
        try feed("j j") { list.handle($0, area: area) }
        #expect(list.selectedID == "4")
        #expect(try feed("esc") { list.handle($0, area: area) } == .handled)
        #expect(list.filterText.isEmpty && list.visibleItems.count == 5)
        #expect(try feed("esc") { list.handle($0, area: area) } == .ignored)
    }

    @Test func filterEditCanBeCancelled() throws {
        var list = makeList()
        try feed("f z o enter f backspace backspace x esc") { list.handle($0, area: area) }
        #expect(list.filterText == "zo")
        #expect(list.visibleItems.map(\.id) == ["3", "5"])
    }

    @Test func selectionMovesIntoTheFilteredSet() throws {
        var list = makeList()
        try feed("f b r a enter") { list.handle($0, area: area) }
        #expect(list.selectedID == "2")
        #expect(try feed("enter") { list.handle($0, area: area) } == .action(.activate(itemID: "2")))
    }

    @Test func lettersGoToThePromptNotToCommands() throws {
        var list = makeList()
        try feed("/") { list.handle($0, area: area) }
        #expect(list.isEditing)
        #expect(try feed("j") { list.handle($0, area: area) } == .handled)
        #expect(list.mode == .searching(LineEditor("j"), returnTo: "1"))
    }

    @Test func englishStrings() throws {
        var list = ListView(items: makeList().items, strings: .standard(.en))
        try feed("f z o enter") { list.handle($0, area: area) }
        #expect(lines(list)[5] == "Filter: zo              2 of 5")
    }

    @Test func mouseSelectsAndScrolls() {
        var list = makeList()
        #expect(list.handle(.mouse(MouseEvent(.press(.left), at: Point(x: 2, y: 3))), area: area) == .handled)
        #expect(list.selectedID == "4")
        #expect(list.handle(.mouse(MouseEvent(.wheelUp, at: Point(x: 2, y: 3))), area: area) == .handled)
        #expect(list.selectedID == "1")
    }
}

@Suite struct LineEditorTests {
    @Test func editsAtTheCursor() {
        var e = LineEditor("Zoë")
        e.handle(.init(.left))
        e.handle(.char("x"))
        #expect(e.text == "Zoxë" && e.cursor == 3)
        e.handle(.init(.backspace))
        e.handle(.init(.home))
        e.handle(.init(.delete))
        #expect(e.text == "oë" && e.cursor == 0)
        e.handle(.ctrl("u"))
        #expect(e.text.isEmpty)
        let changed = e.handle(.init(.backspace))
        #expect(!changed)
    }

    @Test func rejectsControlsAndRespectsMaxLength() {
        var e = LineEditor("", maxLength: 3)
        let escape = e.handle(.char("\u{1B}"))
        let control = e.handle(.ctrl("x"))
        #expect(!escape && !control)
        for c in "abcd" { e.handle(.char(c)) }
        #expect(e.text == "abc")
    }

    @Test func rendersWithCursorAndScrolls() {
        let e = LineEditor("abcdefghij")
        var b = CellBuffer(width: 5, height: 1)
        e.render(into: &b, area: b.bounds, style: .plain, focused: true)
        #expect(b.lines == ["ghij "])
        #expect(b.styleMask() == ["....R"])
    }
}
