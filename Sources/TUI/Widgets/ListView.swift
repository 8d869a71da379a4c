import Foundation

/// An item in a `ListView`.
public struct ListItem: Equatable, Sendable {
    public var id: String
    public var text: String
    /// Optional right-aligned detail (a date, a count).
    public var detail: String?

    public init(id: String, text: String, detail: String? = nil) {
        self.id = id
        self.text = text
        self.detail = detail
    }
}

/// A scrollable list with `/` incremental search and `f` filter.
///
/// Search (`/`) moves the selection to the next item matching what is typed; Enter keeps
/// it, Esc goes back; `n`/`N` repeat forward/backward. Filter (`f`) hides items that do
/// not match; Enter keeps the filter, which then stays visible on the bottom line, and
/// Esc (outside the prompt) clears it. Matching ignores case and accents.
public struct ListView: Equatable {
    public enum Action: Equatable {
        case activate(itemID: String)
    }

    public enum Mode: Equatable {
        case browsing
        case searching(LineEditor, returnTo: String?)
        case filtering(LineEditor, previous: String)
    }

    /// Words the list draws itself.
    public struct Strings: Equatable, Sendable {
        public var filter: String
        public var noMatch: String
        public var empty: String
        /// "{shown} van {total}": how many items pass the filter.
        public var countTemplate: String

        public init(filter: String, noMatch: String, empty: String, countTemplate: String) {
            self.filter = filter
            self.noMatch = noMatch
            self.empty = empty
            self.countTemplate = countTemplate
        }

        public func count(_ shown: Int, of total: Int) -> String {
            countTemplate.replacingOccurrences(of: "{shown}", with: String(shown))
                .replacingOccurrences(of: "{total}", with: String(total))
        }

        public static func standard(_ language: UILanguage) -> Strings {
            switch language {
            case .nl: return Strings(filter: "Filter", noMatch: "geen treffer",
                                     empty: "Geen items", countTemplate: "{shown} van {total}")
            case .en: return Strings(filter: "Filter", noMatch: "no match",
                                     empty: "No items", countTemplate: "{shown} of {total}")
            }
        }
    }

    public private(set) var items: [ListItem]
    public private(set) var selectedID: String?
    public private(set) var mode: Mode = .browsing
    /// The active filter ("" = none).
    public private(set) var filterText = ""
    /// The last search, repeated by `n`/`N`.
    public private(set) var lastSearch = ""
    public private(set) var scrollOffset = 0
    public var strings: Strings
    /// Each item's text and detail, folded once for matching.
    private var folded: [String] = []
    /// Indices into `items` of the items that pass the filter.
    public private(set) var visibleIndices: [Int] = []

    public init(items: [ListItem] = [], strings: Strings = .standard(.nl)) {
        self.strings = strings
        self.items = []
        setItems(items)
    }

    /// The items that pass the filter, in order.
    public var visibleItems: [ListItem] { visibleIndices.map { items[$0] } }

    /// Position of the selected item among the visible ones.
    public var selectedIndex: Int? {
        guard let id = selectedID else { return nil }
        return visibleIndices.firstIndex { items[$0].id == id }
    }

    public mutating func setItems(_ newItems: [ListItem]) {
        items = newItems
        folded = newItems.map { item in TextMatch.fold(item.detail.map { item.text + " " + $0 } ?? item.text) }
        refilter()
        if selectedIndex == nil { selectedID = visibleIndices.first.map { items[$0].id } }
    }

    /// Select an item by id (ignored when it is filtered out or unknown).
    public mutating func select(id: String) {
        if visibleIndices.contains(where: { items[$0].id == id }) { selectedID = id }
    }

    private mutating func setFilter(_ text: String) {
        filterText = text
        refilter()
    }

    private mutating func refilter() {
        let words = TextMatch.words(of: filterText)
        visibleIndices = words.isEmpty ? Array(items.indices)
            : items.indices.filter { TextMatch.matches(folded: folded[$0], words: words) }
    }

    private func visibleID(_ position: Int) -> String { items[visibleIndices[position]].id }

    /// Whether a prompt (search or filter) has the keyboard: callers should then not
    /// interpret letters as commands.
    public var isEditing: Bool { mode != .browsing }

    // MARK: Events

    public mutating func handle(_ event: InputEvent, area: Rect) -> WidgetOutcome<Action> {
        let page = max(1, listArea(area).height)
        switch event {
        case .key(let key):
            switch mode {
            case .browsing: return handleBrowsing(key, page: page)
            case .searching(var editor, let returnTo):
                switch key.key {
                case .enter:
                    lastSearch = editor.text
                    mode = .browsing
                case .escape:
                    selectedID = returnTo
                    mode = .browsing
                default:
                    guard editor.handle(key) else { return .ignored }
                    mode = .searching(editor, returnTo: returnTo)
                    if !editor.text.isEmpty {
                        let start = returnTo.flatMap { id in visibleIndices.firstIndex { items[$0].id == id } } ?? 0
                        if let hit = findMatch(editor.text, from: start, forward: true) {
                            selectedID = visibleID(hit)
                        }
                    } else {
                        selectedID = returnTo
                    }
                }
                keepSelectionVisible(page: page)
                return .handled
            case .filtering(var editor, let previous):
                switch key.key {
                case .enter:
                    mode = .browsing
                case .escape:
                    setFilter(previous)
                    mode = .browsing
                default:
                    guard editor.handle(key) else { return .ignored }
                    mode = .filtering(editor, previous: previous)
                    setFilter(editor.text)
                }
                if selectedIndex == nil { selectedID = visibleIndices.first.map { items[$0].id } }
                keepSelectionVisible(page: page)
                return .handled
            }
        case .mouse(let mouse):
            let list = listArea(area)
            guard list.contains(mouse.position), mode == .browsing else { return .ignored }
            switch mouse.kind {
            case .wheelUp: return move(by: -3, page: page)
            case .wheelDown: return move(by: 3, page: page)
            case .press(.left):
                let index = scrollOffset + mouse.position.y - list.y
                guard visibleIndices.indices.contains(index) else { return .ignored }
                selectedID = visibleID(index)
                return .handled
            default: return .ignored
            }
        case .resize:
            return .ignored
        }
    }

    private mutating func handleBrowsing(_ key: KeyEvent, page: Int) -> WidgetOutcome<Action> {
        guard key.modifiers.isEmpty else { return .ignored }
        switch key.key {
        case .up, .character("k"): return move(by: -1, page: page)
        case .down, .character("j"): return move(by: 1, page: page)
        case .pageUp: return move(by: -page, page: page)
        case .pageDown: return move(by: page, page: page)
        case .home, .character("g"): return move(by: -items.count, page: page)
        case .end, .character("G"): return move(by: items.count, page: page)
        case .character("/"):
            mode = .searching(LineEditor(), returnTo: selectedID)
            return .handled
        case .character("f"):
            mode = .filtering(LineEditor(filterText), previous: filterText)
            return .handled
        case .character("n"), .character("N"):
            let forward = key.key == .character("n")
            guard !lastSearch.isEmpty, let current = selectedIndex ?? (visibleIndices.isEmpty ? nil : 0) else {
                return .ignored
            }
            let start = forward ? current + 1 : current - 1
            guard let hit = findMatch(lastSearch, from: start, forward: forward) else { return .ignored }
            selectedID = visibleID(hit)
            keepSelectionVisible(page: page)
            return .handled
        case .escape:
            guard !filterText.isEmpty else { return .ignored }
            setFilter("")
            keepSelectionVisible(page: page)
            return .handled
        case .enter:
            guard let id = selectedID, selectedIndex != nil else { return .ignored }
            return .action(.activate(itemID: id))
        default:
            return .ignored
        }
    }

    /// Index of the first visible item matching `query`, searching from `start` and
    /// wrapping around.
    private func findMatch(_ query: String, from start: Int, forward: Bool) -> Int? {
        let count = visibleIndices.count
        guard count > 0 else { return nil }
        let words = TextMatch.words(of: query)
        for step in 0..<count {
            let raw = forward ? start + step : start - step
            let i = ((raw % count) + count) % count
            if TextMatch.matches(folded: folded[visibleIndices[i]], words: words) { return i }
        }
        return nil
    }

    private mutating func move(by delta: Int, page: Int) -> WidgetOutcome<Action> {
        let count = visibleIndices.count
        guard count > 0 else { return .ignored }
        let current = selectedIndex ?? 0
        let target = min(max(0, current + delta), count - 1)
        guard target != current || selectedIndex == nil else { return .ignored }
        selectedID = visibleID(target)
        keepSelectionVisible(page: page)
        return .handled
    }

    private mutating func keepSelectionVisible(page: Int) {
        scrollOffset = Table.offset(keeping: selectedIndex, current: scrollOffset, page: page,
                                    count: visibleIndices.count)
    }

    /// The bottom line is used while a prompt is open or a filter is active.
    private var showsStatusLine: Bool { mode != .browsing || !filterText.isEmpty }

    private func listArea(_ area: Rect) -> Rect {
        showsStatusLine ? area.splitBottom(1).0 : area
    }

    // MARK: Drawing

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool = true) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: theme[.text])
        let list = listArea(area)
        let visible = visibleIndices
        if visible.isEmpty, !list.isEmpty {
            buffer.put(text: filterText.isEmpty ? strings.empty : strings.noMatch, in: list.row(0), style: theme[.muted])
        }
        let offset = Table.offset(keeping: selectedIndex, current: scrollOffset, page: list.height, count: visible.count)
        for line in 0..<list.height {
            let index = offset + line
            guard index < visible.count else { break }
            let item = items[visible[index]]
            let row = list.row(line)
            let selected = item.id == selectedID
            let style = selected ? (focused ? theme[.selection] : theme[.text].with(attributes: .reverse)) : theme[.text]
            buffer.fill(row, style: style)
            var textWidth = row.width
            if let detail = item.detail {
                let w = min(TextWidth.width(of: detail), row.width / 2)
                buffer.put(text: detail, in: Rect(x: row.maxX - w, y: row.y, width: w, height: 1),
                           style: selected ? style : theme[.muted], alignment: .right)
                textWidth = max(0, row.width - w - 1)
            }
            buffer.put(text: item.text, in: Rect(x: row.x, y: row.y, width: textWidth, height: 1), style: style)
        }
        guard showsStatusLine else { return }
        renderStatusLine(into: &buffer, row: area.splitBottom(1).1, theme: theme, visibleCount: visible.count)
    }

    private func renderStatusLine(into buffer: inout CellBuffer, row: Rect, theme: Theme, visibleCount: Int) {
        let label: String
        let editor: LineEditor
        var suffix = ""
        switch mode {
        case .searching(let e, _):
            label = "/"
            editor = e
            if !e.text.isEmpty, findMatch(e.text, from: 0, forward: true) == nil { suffix = strings.noMatch }
        case .filtering(let e, _):
            label = strings.filter + ": "
            editor = e
            suffix = strings.count(visibleCount, of: items.count)
        case .browsing:
            label = strings.filter + ": "
            editor = LineEditor(filterText)
            suffix = strings.count(visibleCount, of: items.count)
        }
        buffer.fill(row, style: theme[.input])
        let labelWidth = buffer.put(text: label, at: Point(x: row.x, y: row.y), maxWidth: row.width, style: theme[.input].with(attributes: .bold))
        let suffixWidth = suffix.isEmpty ? 0 : min(TextWidth.width(of: suffix) + 1, max(0, row.width - labelWidth - 4))
        let field = Rect(x: row.x + labelWidth, y: row.y, width: row.width - labelWidth - suffixWidth, height: 1)
        editor.render(into: &buffer, area: field, style: theme[.input], focused: mode != .browsing)
        if suffixWidth > 0 {
            let role: ThemeRole = suffix == strings.noMatch ? .warning : .muted
            buffer.put(text: suffix, in: Rect(x: row.maxX - suffixWidth + 1, y: row.y, width: suffixWidth - 1, height: 1),
                       style: theme[role], alignment: .right)
        }
    }
}
