import Foundation

/// A sortable, scrollable table with a selected row.
///
/// Keys: ↑/↓ or j/k move, PgUp/PgDn page, Home/End (g/G) jump, `s` sorts by the next
/// column, `S` reverses the order, Enter activates the selected row. Mouse: click a row
/// to select it, click a header to sort by it, wheel scrolls.
public struct Table: Equatable {
    public enum Action: Equatable {
        case activate(rowID: String)
    }

    public struct Sort: Equatable, Sendable {
        public var column: Int
        public var ascending: Bool
        public init(column: Int, ascending: Bool = true) {
            self.column = column
            self.ascending = ascending
        }
    }

    public var columns: [TableColumn]
    /// Rows in display (sorted) order.
    public private(set) var rows: [TableRow]
    public private(set) var sort: Sort?
    public private(set) var selectedID: String?
    /// Index of the first row shown.
    public private(set) var scrollOffset = 0
    /// Shown when there are no rows.
    public var emptyText: String
    /// Blank lines between rows (presentation mode spaces rows out for a projector).
    public var rowSpacing = 0

    private var unsortedRows: [TableRow]

    public init(columns: [TableColumn], rows: [TableRow] = [], emptyText: String = "Geen gegevens") {
        self.columns = columns
        self.rows = rows
        self.unsortedRows = rows
        self.emptyText = emptyText
        self.selectedID = rows.first?.id
    }

    public var selectedIndex: Int? { selectedID.flatMap { id in rows.firstIndex { $0.id == id } } }
    public var selectedRow: TableRow? { selectedIndex.map { rows[$0] } }

    /// Replace the rows (e.g. after the store changed), keeping sort and selection.
    public mutating func setRows(_ newRows: [TableRow]) {
        unsortedRows = newRows
        applySort()
        if selectedIndex == nil { selectedID = rows.first?.id }
    }

    public mutating func select(id: String) {
        if rows.contains(where: { $0.id == id }) { selectedID = id }
    }

    public mutating func setSort(_ newSort: Sort?) {
        sort = newSort
        applySort()
    }

    private mutating func applySort() {
        guard let sort, columns.indices.contains(sort.column) else { rows = unsortedRows; return }
        let keyed = unsortedRows.enumerated().map { (offset: $0.offset, row: $0.element) }
        rows = keyed.sorted { a, b in
            let order = Self.compare(a.row, b.row, column: sort.column)
            if order == .orderedSame { return a.offset < b.offset }     // stable
            return sort.ascending ? order == .orderedAscending : order == .orderedDescending
        }.map(\.row)
    }

    static func compare(_ a: TableRow, _ b: TableRow, column: Int) -> ComparisonResult {
        let ka = column < a.cells.count ? a.cells[column].effectiveSortKey : .text("")
        let kb = column < b.cells.count ? b.cells[column].effectiveSortKey : .text("")
        switch (ka, kb) {
        case let (.number(x), .number(y)): return x < y ? .orderedAscending : (x > y ? .orderedDescending : .orderedSame)
        case (.number, .text): return .orderedAscending
        case (.text, .number): return .orderedDescending
        case let (.text(x), .text(y)):
            return x.compare(y, options: [.caseInsensitive, .diacriticInsensitive, .numeric])
        }
    }

    // MARK: Events

    public mutating func handle(_ event: InputEvent, area: Rect) -> WidgetOutcome<Action> {
        let page = max(1, area.height - 1)
        switch event {
        case .key(let key):
            switch (key.key, key.modifiers) {
            case (.up, []), (.character("k"), []): return move(by: -1, page: page)
            case (.down, []), (.character("j"), []): return move(by: 1, page: page)
            case (.pageUp, []): return move(by: -page, page: page)
            case (.pageDown, []): return move(by: page, page: page)
            case (.home, []), (.character("g"), []): return move(by: -rows.count, page: page)
            case (.end, []), (.character("G"), []): return move(by: rows.count, page: page)
            case (.character("s"), []): return sortNext(visible: visibleColumns(width: area.width))
            case (.character("S"), []): return reverseSort(visible: visibleColumns(width: area.width))
            case (.enter, []):
                guard let id = selectedID, selectedIndex != nil else { return .ignored }
                return .action(.activate(rowID: id))
            default: return .ignored
            }
        case .mouse(let mouse):
            guard area.contains(mouse.position) else { return .ignored }
            switch mouse.kind {
            case .wheelUp: return scroll(by: -3, page: page)
            case .wheelDown: return scroll(by: 3, page: page)
            case .press(.left):
                if mouse.position.y == area.y {
                    let x = mouse.position.x - area.x
                    guard let hit = TableLayout.place(columns, width: area.width)
                        .first(where: { x >= $0.x && x < $0.x + $0.width }) else { return .ignored }
                    let ascending = sort?.column == hit.column ? !(sort?.ascending ?? false) : true
                    setSort(Sort(column: hit.column, ascending: ascending))
                    keepSelectionVisible(page: page)
                    return .handled
                }
                let index = scrollOffset + mouse.position.y - area.y - 1
                guard rows.indices.contains(index) else { return .ignored }
                selectedID = rows[index].id
                return .handled
            default: return .ignored
            }
        case .resize:
            return .ignored
        }
    }

    private func visibleColumns(width: Int) -> [Int] {
        TableLayout.place(columns, width: width).map(\.column)
    }

    private mutating func sortNext(visible: [Int]) -> WidgetOutcome<Action> {
        guard !visible.isEmpty else { return .ignored }
        let next: Int
        if let current = sort?.column, let position = visible.firstIndex(of: current) {
            next = visible[(position + 1) % visible.count]
        } else {
            next = visible[0]
        }
        setSort(Sort(column: next, ascending: true))
        return .handled
    }

    private mutating func reverseSort(visible: [Int]) -> WidgetOutcome<Action> {
        guard let first = visible.first else { return .ignored }
        let current = sort ?? Sort(column: first, ascending: true)
        setSort(Sort(column: current.column, ascending: !current.ascending))
        return .handled
    }

    private mutating func move(by delta: Int, page: Int) -> WidgetOutcome<Action> {
        guard !rows.isEmpty else { return .ignored }
        let current = selectedIndex ?? 0
        let target = min(max(0, current + delta), rows.count - 1)
        guard target != current || selectedIndex == nil else { return .ignored }
        selectedID = rows[target].id
        keepSelectionVisible(page: page)
        return .handled
    }

    private mutating func scroll(by delta: Int, page: Int) -> WidgetOutcome<Action> {
        let maxOffset = max(0, rows.count - page)
        let newOffset = min(max(0, scrollOffset + delta), maxOffset)
        guard newOffset != scrollOffset else { return .ignored }
        scrollOffset = newOffset
        // Keep the selection on screen, as every list in the app does.
        if let index = selectedIndex {
            let clamped = min(max(index, scrollOffset), scrollOffset + page - 1)
            selectedID = rows[min(clamped, rows.count - 1)].id
        }
        return .handled
    }

    private mutating func keepSelectionVisible(page: Int) {
        scrollOffset = Self.offset(keeping: selectedIndex, current: scrollOffset, page: page, count: rows.count)
    }

    static func offset(keeping index: Int?, current: Int, page: Int, count: Int) -> Int {
        var offset = min(current, max(0, count - page))
        if let index {
            if index < offset { offset = index }
            if index >= offset + page { offset = index - page + 1 }
        }
        return max(0, offset)
    }

    // MARK: Drawing

    /// Header row, then rows; the selected row in the selection style (edge to edge).
    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool = true) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: theme[.text])
        let placed = TableLayout.place(columns, width: area.width)
        let header = area.row(0)
        buffer.fill(header, style: theme[.tableHeader])
        let arrows: (String, String) = theme.usesUnicodeGlyphs ? ("▲", "▼") : ("^", "v")
        for p in placed {
            var title = columns[p.column].title
            if let sort, sort.column == p.column {
                // The arrow must stay visible in a narrow column: shorten the title instead.
                var short = ""
                for c in title where TextWidth.width(of: short + String(c)) < p.width { short.append(c) }
                title = short + (sort.ascending ? arrows.0 : arrows.1)
            }
            buffer.put(text: title, in: Rect(x: area.x + p.x, y: header.y, width: p.width, height: 1),
                       style: theme[.tableHeader], alignment: columns[p.column].alignment)
        }
        let body = area.inset(top: 1)
        guard !body.isEmpty else { return }
        if rows.isEmpty {
            buffer.put(text: emptyText, in: body.row(0), style: theme[.muted])
            return
        }
        let pitch = 1 + max(0, rowSpacing)
        let page = max(1, (body.height + rowSpacing) / pitch)
        let offset = Self.offset(keeping: selectedIndex, current: scrollOffset, page: page, count: rows.count)
        for line in 0..<page {
            let index = offset + line
            guard index < rows.count else { break }
            let row = rows[index]
            let rowRect = body.row(line * pitch)
            let isSelected = row.id == selectedID
            var rowStyle = theme[.text]
            if isSelected { rowStyle = focused ? theme[.selection] : theme[.text].with(attributes: .reverse) }
            buffer.fill(rowRect, style: rowStyle)
            for p in placed {
                let cell = p.column < row.cells.count ? row.cells[p.column] : TableCell("")
                let style = isSelected ? rowStyle : (cell.role.map { theme[$0] } ?? rowStyle)
                buffer.put(text: cell.text, in: Rect(x: area.x + p.x, y: rowRect.y, width: p.width, height: 1),
                           style: style, alignment: columns[p.column].alignment)
            }
        }
    }
}
