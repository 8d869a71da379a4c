/// One terminal cell. A wide character occupies its cell plus the cell to the right,
/// which is marked as a continuation so nothing is ever drawn into half a character.
public struct Cell: Hashable, Sendable {
    /// The grapheme shown; a space for blank cells and continuations.
    public var character: Character
    public var style: Style
    /// 1 for normal cells, 2 for the leading half of a wide character, 0 for the
    /// continuation half.
    public var width: UInt8

    public init(_ character: Character = " ", style: Style = .plain, width: UInt8 = 1) {
        self.character = character
        self.style = style
        self.width = width
    }

    public var isContinuation: Bool { width == 0 }

    public static let blank = Cell()

    static func continuation(style: Style) -> Cell { Cell(" ", style: style, width: 0) }
}
