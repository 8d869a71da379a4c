import Testing
@testable import TUI

@Suite struct TableTests {
    let theme = shippedTheme()
    let columns = [
        TableColumn(id: "code", title: "Code", width: .fixed(6), priority: 0),
        TableColumn(id: "naam", title: "Naam", width: .flexible(min: 8, weight: 2), priority: 0),
        TableColumn(id: "fase", title: "Fase", width: .flexible(min: 7, weight: 1), priority: 1),
        TableColumn(id: "datum", title: "Volgende", width: .fixed(10), priority: 2),
    ]
    func rows() -> [TableRow] {
        [
            TableRow(id: "a", cells: ["C-003", "Zoë de Vries", "intake", TableCell("12-03-2026", sortKey: .text("2026-03-12"))]),
            TableRow(id: "b", cells: ["C-001", "Anaïs Çelik", "traject", TableCell("01-02-2026", sortKey: .text("2026-02-01"))]),
            TableRow(id: "c", cells: ["C-002", "bram Jansen", "nazorg", TableCell("30-12-2025", sortKey: .text("2025-12-30"))]),
        ]
    }

    @Test func lowPriorityColumnsCollapseOnNarrowWidths() {
        #expect(TableLayout.place(columns, width: 40).map(\.column) == [0, 1, 2, 3])
        #expect(TableLayout.place(columns, width: 30).map(\.column) == [0, 1, 2])
        #expect(TableLayout.place(columns, width: 20).map(\.column) == [0, 1])
        #expect(TableLayout.place(columns, width: 10).map(\.column) == [0])
        let wide = TableLayout.place(columns, width: 50)
        // Spare 50 - 34 = 16 split 2:1 (10 + 5), the rounding leftover to the last flexible.
        #expect(wide.map(\.width) == [6, 8 + 10, 7 + 5 + 1, 10])
        #expect(wide.map(\.x) == [0, 7, 26, 40])
    }

    @Test func rendersHeaderRowsAndSelection() {
        let table = Table(columns: columns, rows: rows())
        let lines = renderLines(width: 40, height: 5) { table.render(into: &$0, area: $1, theme: theme) }
        #expect(lines == [
            "Code   Naam         Fase      Volgende",
            "C-003  Zoë de Vries intake    12-03-2026",
            "C-001  Anaïs Çelik  traject   01-02-2026",
            "C-002  bram Jansen  nazorg    30-12-2025",
            "",
        ])
        var buffer = CellBuffer(width: 40, height: 5)
        table.render(into: &buffer, area: buffer.bounds, theme: theme)
        #expect(buffer.styleMask()[0] == String(repeating: "B", count: 40))   // bold underline header
        #expect(buffer.styleMask()[1] == String(repeating: "R", count: 40))   // selected row
        #expect(buffer.styleMask()[2] == String(repeating: ".", count: 40))
    }

    @Test func longTextIsClippedWithEllipsis() {
        let table = Table(columns: columns, rows: rows())
        let lines = renderLines(width: 24, height: 2) { table.render(into: &$0, area: $1, theme: theme) }
        #expect(lines == ["Code   Naam     Fase", "C-003  Zoë de … intake"])
    }

    @Test func narrowRenderingDropsColumns() {
        let table = Table(columns: columns, rows: rows())
        let lines = renderLines(width: 20, height: 2) { table.render(into: &$0, area: $1, theme: theme) }
        #expect(lines == ["Code   Naam", "C-003  Zoë de Vries"])
    }

    @Test func sortKeysCycleAndReverseAndSelectionFollowsTheRow() throws {
        var table = Table(columns: columns, rows: rows())
        let area = Rect(x: 0, y: 0, width: 40, height: 5)
        #expect(table.selectedID == "a")
        try feed("s") { table.handle($0, area: area) }          // by Code ascending
        #expect(table.rows.map(\.id) == ["b", "c", "a"])
        #expect(table.selectedID == "a")
        try feed("s") { table.handle($0, area: area) }          // by Naam (accent/case-insensitive)
        #expect(table.rows.map(\.id) == ["b", "c", "a"])
        try feed("s s") { table.handle($0, area: area) }        // Fase, then Volgende (date key)
        #expect(table.sort == Table.Sort(column: 3, ascending: true))
        #expect(table.rows.map(\.id) == ["c", "b", "a"])
        try feed("S") { table.handle($0, area: area) }
        #expect(table.rows.map(\.id) == ["a", "b", "c"])
        let header = renderLines(width: 40, height: 1) { table.render(into: &$0, area: $1, theme: theme) }
        #expect(header == ["Code   Naam         Fase      Volgende▼"])
        try feed("s") { table.handle($0, area: area) }          // wraps to the first column
        #expect(table.sort == Table.Sort(column: 0, ascending: true))
    }

    @Test func sortCyclesOnlyThroughVisibleColumns() throws {
        var table = Table(columns: columns, rows: rows())
        let narrow = Rect(x: 0, y: 0, width: 20, height: 5)
        try feed("s s s") { table.handle($0, area: narrow) }
        #expect(table.sort?.column == 0)
    }

    @Test func navigationScrollingAndActivation() throws {
        let many = (0..<30).map { i in TableRow(id: "r\(i)", cells: [TableCell("C-\(100 + i)"), TableCell("Naam \(i)")]) }
        var table = Table(columns: Array(columns.prefix(2)), rows: many)
        let area = Rect(x: 0, y: 0, width: 30, height: 6)     // header + 5 rows
        try feed("j j j j j j") { table.handle($0, area: area) }
        #expect(table.selectedID == "r6")
        #expect(table.scrollOffset == 2)
        let lines = renderLines(width: 30, height: 6) { table.render(into: &$0, area: $1, theme: theme) }
        #expect(lines[1] == "C-102  Naam 2")
        #expect(lines[5] == "C-106  Naam 6")
        try feed("pgdn") { table.handle($0, area: area) }
        #expect(table.selectedID == "r11")
        try feed("G") { table.handle($0, area: area) }
        #expect(table.selectedID == "r29")
        #expect(try feed("j") { table.handle($0, area: area) } == .ignored)   // at the end
        try feed("home") { table.handle($0, area: area) }
        #expect(table.selectedID == "r0" && table.scrollOffset == 0)
        #expect(try feed("enter") { table.handle($0, area: area) } == .action(.activate(rowID: "r0")))
        #expect(try feed("x") { table.handle($0, area: area) } == .ignored)
    }

    @Test func mouseSelectsSortsAndScrolls() {
        var table = Table(columns: columns, rows: rows())
        let area = Rect(x: 0, y: 2, width: 40, height: 5)
        #expect(table.handle(.mouse(MouseEvent(.press(.left), at: Point(x: 3, y: 5))), area: area) == .handled)
        #expect(table.selectedID == "c")
        _ = table.handle(.mouse(MouseEvent(.press(.left), at: Point(x: 22, y: 2))), area: area)  // "Fase" header
        #expect(table.sort == Table.Sort(column: 2, ascending: true))
        #expect(table.rows.map(\.id) == ["a", "c", "b"])
        #expect(table.selectedID == "c")
        #expect(table.handle(.mouse(MouseEvent(.press(.left), at: Point(x: 3, y: 0))), area: area) == .ignored)
    }

    @Test func reloadingKeepsSortAndSelection() throws {
        var table = Table(columns: columns, rows: rows())
        table.select(id: "c")
        table.setSort(Table.Sort(column: 0))
        var newRows = rows()
        newRows.append(TableRow(id: "d", cells: ["C-000", "Nieuw", "intake", "01-01-2026"]))
        table.setRows(newRows)
        #expect(table.rows.map(\.id) == ["d", "b", "c", "a"])
        #expect(table.selectedID == "c")
        table.setRows([])
        let lines = renderLines(width: 30, height: 3) { table.render(into: &$0, area: $1, theme: theme) }
        #expect(lines[1] == "Geen gegevens")
    }

    @Test func cellRolesColourCellsInColourThemes() {
        let colour = shippedTheme("standaard", tier: .c256)
        var row = rows()[0]
        row.cells[3].role = .danger
        var table = Table(columns: columns, rows: [rows()[1], row])
        table.select(id: "b")
        var buffer = CellBuffer(width: 40, height: 3)
        table.render(into: &buffer, area: buffer.bounds, theme: colour)
        #expect(buffer[30, 2].style == colour[.danger])
        #expect(buffer[0, 2].style == colour[.text])
        #expect(buffer[0, 1].style == colour[.selection])
    }
}
