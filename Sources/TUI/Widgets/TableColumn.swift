/// How wide a column is.
public enum ColumnWidth: Equatable, Sendable {
    /// Exactly this many columns.
    case fixed(Int)
    /// At least `min` columns, plus a share of the spare width in proportion to `weight`.
    case flexible(min: Int, weight: Int)

    var minimum: Int {
        switch self {
        case .fixed(let n): return max(0, n)
        case .flexible(let min, _): return max(0, min)
        }
    }
}

/// A table column. Lower `priority` numbers are more important: when the table is too
/// narrow, columns with the highest numbers are hidden first (priority 0 never is,
/// unless even it does not fit).
public struct TableColumn: Equatable, Sendable {
    public var id: String
    public var title: String
    public var width: ColumnWidth
    public var priority: Int
    public var alignment: TextAlignment

    public init(id: String, title: String, width: ColumnWidth, priority: Int = 0,
                alignment: TextAlignment = .left) {
        self.id = id
        self.title = title
        self.width = width
        self.priority = priority
        self.alignment = alignment
    }
}

/// How a cell sorts: by its text (case- and accent-insensitive, numbers in text by
/// value) or by an explicit number. Dates sort correctly as ISO text (`2026-11-22`).
public enum SortKey: Equatable, Sendable {
    case text(String)
    case number(Double)
}

public struct TableCell: Equatable, Sendable, ExpressibleByStringLiteral {
    public var text: String
    /// Defaults to the text.
    public var sortKey: SortKey?
    /// A role to draw this cell in (e.g. `.danger` for an overdue date). The text must
    /// say the state too; colour is never the only signal.
    public var role: ThemeRole?

    public init(_ text: String, sortKey: SortKey? = nil, role: ThemeRole? = nil) {
        self.text = text
        self.sortKey = sortKey
        self.role = role
    }

    public init(stringLiteral value: String) { self.init(value) }

    var effectiveSortKey: SortKey { sortKey ?? .text(text) }
}

/// A row with a stable identity, so selection survives sorting and reloading.
public struct TableRow: Equatable, Sendable {
    public var id: String
    public var cells: [TableCell]

    public init(id: String, cells: [TableCell]) {
        self.id = id
        self.cells = cells
    }
}

/// Which columns fit in a width and how wide each is.
public enum TableLayout {
    public struct Placed: Equatable, Sendable {
        public var column: Int
        public var x: Int
        public var width: Int
    }

    /// Columns are taken in priority order while their minimum widths (plus one space
    /// between columns) fit; spare width goes to flexible columns by weight. The result
    /// is in the original column order.
    public static func place(_ columns: [TableColumn], width: Int) -> [Placed] {
        let order = columns.indices.sorted { (columns[$0].priority, $0) < (columns[$1].priority, $1) }
        var chosen: [Int] = []
        var used = 0
        for index in order {
            let extra = columns[index].width.minimum + (chosen.isEmpty ? 0 : 1)
            if used + extra > width { continue }
            chosen.append(index)
            used += extra
        }
        chosen.sort()
        var widths = chosen.map { columns[$0].width.minimum }
        var spare = width - used
        let weights = chosen.map { index -> Int in
            if case .flexible(_, let weight) = columns[index].width { return max(0, weight) }
            return 0
        }
        let totalWeight = weights.reduce(0, +)
        if totalWeight > 0 && spare > 0 {
            let share = spare
            for i in widths.indices where weights[i] > 0 {
                let add = share * weights[i] / totalWeight
                widths[i] += add
                spare -= add
            }
            // Rounding leftovers go to the last flexible column.
            if let last = weights.lastIndex(where: { $0 > 0 }) { widths[last] += spare }
        }
        var x = 0
        var placed: [Placed] = []
        for (i, index) in chosen.enumerated() {
            placed.append(Placed(column: index, x: x, width: widths[i]))
            x += widths[i] + 1
        }
        return placed
    }
}
