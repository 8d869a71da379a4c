import Foundation
import Core

/// A `Table` with `/` incremental search (n/N for the next match) and an `f` filter whose
/// text stays visible on the bottom line. Used by every table pane.
public struct FilterableTable {
    public enum Input: Equatable { case none, search, filter }

    public var table: Table
    public private(set) var input: Input = .none
    public private(set) var filterText = ""
    public private(set) var searchText = ""
    private var editor = LineEditor("", maxLength: 100)
    private var allRows: [TableRow] = []
    private var folded: [String: String] = [:]

    public init(columns: [TableColumn], emptyText: String) {
        table = Table(columns: columns, rows: [], emptyText: emptyText)
    }

    public var isEditing: Bool { input != .none }

    public mutating func setRows(_ rows: [TableRow]) {
        allRows = rows
        folded = Dictionary(uniqueKeysWithValues: rows.map { ($0.id, TextMatch.fold($0.cells.map(\.text).joined(separator: " "))) })
        applyFilter()
    }

    public var visibleCount: Int { table.rows.count }
    public var totalCount: Int { allRows.count }

    private mutating func applyFilter() {
        let words = TextMatch.words(of: filterText)
        table.setRows(words.isEmpty ? allRows : allRows.filter { TextMatch.matches(folded: folded[$0.id] ?? "", words: words) })
    }

    /// Sorts by the next column; with `width`, only by columns shown at that width
    /// (narrow screens collapse low-priority columns, and an invisible sort looks like nothing).
    public mutating func sortNext(width: Int? = nil) {
        let visible = visibleColumns(width: width)
        guard !visible.isEmpty else { return }
        let next = table.sort.flatMap { s in visible.firstIndex(of: s.column).map { visible[($0 + 1) % visible.count] } } ?? visible[0]
        table.setSort(Table.Sort(column: next, ascending: true))
    }

    public mutating func reverseSort(width: Int? = nil) {
        let visible = visibleColumns(width: width)
        guard let first = visible.first else { return }
        let current = table.sort.flatMap { visible.contains($0.column) ? $0 : nil } ?? Table.Sort(column: first, ascending: true)
        table.setSort(Table.Sort(column: current.column, ascending: !current.ascending))
    }

    private func visibleColumns(width: Int?) -> [Int] {
        guard let width, width > 0 else { return Array(table.columns.indices) }
        return TableLayout.place(table.columns, width: width).map(\.column)
    }

    public mutating func beginSearch() { input = .search; editor.setText("") }
    public mutating func beginFilter() { input = .filter; editor.setText(filterText) }

    public mutating func clearFilter() { filterText = ""; applyFilter() }

    /// Moves the selection to the next (or previous) row matching the search.
    public mutating func findNext(backwards: Bool = false, includingCurrent: Bool = false) {
        let words = TextMatch.words(of: searchText)
        guard !words.isEmpty, !table.rows.isEmpty else { return }
        let start = table.selectedIndex ?? 0
        let n = table.rows.count
        for step in (includingCurrent ? 0 : 1)...n {
            let i = backwards ? (start - step + n * 2) % n : (start + step) % n
            if TextMatch.matches(folded: folded[table.rows[i].id] ?? "", words: words) {
                table.select(id: table.rows[i].id)
                return
            }
        }
    }

    /// Returns the row id to open when Enter activates a row.
    public mutating func handle(_ event: InputEvent, area: Rect) -> (handled: Bool, activated: String?) {
        if input != .none, case .key(let key) = event {
            switch key.key {
            case .escape:
                if input == .filter { filterText = ""; applyFilter() }
                input = .none
            case .enter:
                input = .none
            default:
                guard editor.handle(key) else { return (true, nil) }
                if input == .search { searchText = editor.text; findNext(includingCurrent: true) } else { filterText = editor.text; applyFilter() }
            }
            return (true, nil)
        }
        if case .key(let key) = event, key.key == .escape, !filterText.isEmpty, input == .none {
            clearFilter()
            return (true, nil)
        }
        switch table.handle(event, area: tableArea(area)) {
        case .action(.activate(let id)): return (true, id)
        case .handled: return (true, nil)
        case .ignored: return (false, nil)
        }
    }

    func tableArea(_ area: Rect) -> Rect {
        showsBottomLine ? area.inset(bottom: 1) : area
    }

    var showsBottomLine: Bool { input != .none || !filterText.isEmpty }

    /// In privacy mode the typed text is echoed as dots: a search for a name is itself a name.
    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool, style: PaneStyle) {
        var t = table
        t.rowSpacing = style.spacious ? 1 : 0
        t.render(into: &buffer, area: tableArea(area), theme: theme, focused: focused)
        guard showsBottomLine else { return }
        let line = area.row(area.height - 1)
        let echo: (String) -> String = { style.privacy ? String(repeating: "•", count: $0.count) : $0 }
        let label: String
        switch input {
        case .search: label = L10n.t("ui.search") + ": " + echo(editor.text) + "▏"
        case .filter: label = L10n.t("ui.filter") + ": " + echo(editor.text) + "▏"
        case .none: label = L10n.t("ui.filterActive", echo(filterText), table.rows.count, allRows.count)
        }
        buffer.put(text: label, in: line, style: input == .none ? theme[.warning] : theme[.inputFocus])
    }

    /// The standard pane commands every table pane offers.
    public static func commands(pane: PaneID, table: @escaping () -> FilterableTable?, mutate: @escaping ((inout FilterableTable) -> Void) -> Void) -> [Command] {
        [
            Command("\(pane.rawValue).search", "cmd.search", keys: [.char("/")], scope: .pane(pane), inFooter: true) { _ in mutate { $0.beginSearch() } },
            Command("\(pane.rawValue).searchNext", "cmd.searchNext", keys: [.char("n")], scope: .pane(pane)) { _ in mutate { $0.findNext() } },
            Command("\(pane.rawValue).searchPrevious", "cmd.searchPrevious", keys: [.char("N")], scope: .pane(pane)) { _ in mutate { $0.findNext(backwards: true) } },
            Command("\(pane.rawValue).filter", "cmd.filter", keys: [.char("f")], scope: .pane(pane), inFooter: true) { _ in mutate { $0.beginFilter() } },
            Command("\(pane.rawValue).sort", "cmd.sort", keys: [.char("s")], scope: .pane(pane), inFooter: true) { shell in mutate { $0.sortNext(width: shell.paneArea(pane).width) } },
            Command("\(pane.rawValue).sortReverse", "cmd.sortReverse", keys: [.char("S")], scope: .pane(pane)) { shell in mutate { $0.reverseSort(width: shell.paneArea(pane).width) } },
        ]
    }

    // MARK: the layout every table pane shares: a title line above the table

    /// Draws `title` on the first line and the table below it.
    public func render(title: String, into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool, style: PaneStyle) {
        let (titleRow, body) = area.splitTop(1)
        buffer.put(text: title, in: titleRow, style: theme[.muted])
        render(into: &buffer, area: body, theme: theme, focused: focused, style: style)
    }

    /// Handles input for the table below the title line; an activated row is a case to open.
    public mutating func handleBelowTitle(_ event: InputEvent, area: Rect) -> PaneOutcome {
        let r = handle(event, area: area.inset(top: 1))
        if let id = r.activated.flatMap(UUID.init(uuidString:)) { return .openCase(id) }
        return r.handled ? .handled : .ignored
    }

    /// The selected row as a case id (rows of case panes are keyed by case id).
    public var selectedCaseID: UUID? { table.selectedRow.flatMap { UUID(uuidString: $0.id) } }
}
