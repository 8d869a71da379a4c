import Testing
@testable import TUI

/// End-to-end on the in-memory backend: events in, widget state, frame out, only the
/// diff written. This is the loop the app's screen manager runs.
@Suite struct MemoryBackendSessionTests {
    let theme = shippedTheme()

    /// A minimal screen: a table, or the too-small screen below 80×24.
    func drive(_ backend: MemoryBackend, table: inout Table) -> [WidgetOutcome<Table.Action>] {
        var outcomes: [WidgetOutcome<Table.Action>] = []
        func draw() {
            var frame = CellBuffer(size: backend.size)
            if TooSmallScreen.isTooSmall(backend.size) {
                TooSmallScreen().render(into: &frame, theme: theme)
            } else {
                table.render(into: &frame, area: frame.bounds.inset(top: 1), theme: theme)
                frame.put(text: "Caseload", in: frame.bounds.row(0), style: theme[.header])
            }
            backend.present(frame)
        }
        draw()
        while let event = backend.nextEvent(timeout: .zero) {
            let outcome = table.handle(event, area: Rect(size: backend.size).inset(top: 1))
            outcomes.append(outcome)
            draw()
        }
        return outcomes
    }

    func makeTable() -> Table {
        Table(columns: [
            TableColumn(id: "code", title: "Code", width: .fixed(6)),
            TableColumn(id: "naam", title: "Naam", width: .flexible(min: 10, weight: 1)),
            TableColumn(id: "notitie", title: "Notitie", width: .flexible(min: 30, weight: 1), priority: 5),
        ], rows: (1...40).map { i in
            TableRow(id: "c\(i)", cells: [TableCell("C-\(100 + i)"), TableCell("Cliënt \(41 - i)"),
                                          TableCell("notitie \(i)\u{1B}[2J")])
        })
    }

    @Test func keyScriptMovesSortsAndActivates() throws {
        let backend = MemoryBackend(size: Size(width: 80, height: 24))
        var table = makeTable()
        try backend.enqueue(script: "j j s s enter")
        let outcomes = drive(backend, table: &table)
        #expect(outcomes.last == .action(.activate(rowID: "c3")))
        #expect(backend.lines[0].hasPrefix("Caseload"))
        #expect(backend.lines[1].hasPrefix("Code   Naam▲"))
        // Sorted by name ascending, "Cliënt 38" (row c3) stays selected and visible.
        #expect(backend.lines.contains { $0.hasPrefix("C-103  Cliënt 38") })
        #expect(!backend.lines.joined().contains("\u{1B}"))
        #expect(backend.lines[2].contains("␛[2J"))
        // The last keypress (enter) changed nothing on screen: nothing was written.
        #expect(backend.lastWrittenCellCount == 0)
    }

    @Test func resizeBelowMinimumShowsTheTooSmallScreenAndBack() {
        let backend = MemoryBackend(size: Size(width: 80, height: 24))
        var table = makeTable()
        backend.resize(to: Size(width: 70, height: 20))
        _ = drive(backend, table: &table)
        #expect(backend.lines.contains { $0.contains("Terminal te klein") })
        backend.resize(to: Size(width: 100, height: 30))
        _ = drive(backend, table: &table)
        #expect(backend.lines[1].contains("Notitie"))        // the wide layout shows the low-priority column
        #expect(backend.screen.size == Size(width: 100, height: 30))
    }

    /// Every widget must draw into any area, however small, without trapping.
    @Test func widgetsSurviveEveryTinySize() {
        let table = makeTable()
        var list = ListView(items: [ListItem(id: "1", text: "日本語テキスト", detail: "👩‍💻")])
        _ = list.handle(.key(.char("f")), area: Rect(x: 0, y: 0, width: 5, height: 3))
        let form = Form(fields: [FormField(id: "d", label: "Datum", kind: .date, isRequired: true)])
        let dialog = ConfirmDialog(title: "T", message: "Bericht")
        let chart = BarChart(bars: [.init("a", 3)])
        let toast = Toast("Opgeslagen", shownAt: .now)
        for w in 0...12 {
            for h in 0...5 {
                var b = CellBuffer(width: w, height: h)
                let area = b.bounds
                table.render(into: &b, area: area, theme: theme)
                list.render(into: &b, area: area, theme: theme)
                form.render(into: &b, area: area, theme: theme)
                dialog.render(into: &b, area: area, theme: theme)
                chart.render(into: &b, area: area, theme: theme)
                toast.render(into: &b, area: area, theme: theme)
                TooSmallScreen().render(into: &b, theme: theme)
                #expect(b.size == Size(width: w, height: h))
            }
        }
    }
}
