/// A named or character key.
public enum Key: Hashable, Sendable {
    case character(Character)
    case enter, escape, backspace, delete, insert, tab, backTab
    case up, down, left, right, home, end, pageUp, pageDown
    /// F1 ... F12.
    case function(Int)
}

/// Modifier keys a terminal can report.
public struct KeyModifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let control = KeyModifiers(rawValue: 1)
    public static let alt = KeyModifiers(rawValue: 2)
}

/// A key press. Ctrl-letters are `.character("x")` with `.control` (lowercase letter).
public struct KeyEvent: Hashable, Sendable {
    public var key: Key
    public var modifiers: KeyModifiers

    public init(_ key: Key, modifiers: KeyModifiers = []) {
        self.key = key
        self.modifiers = modifiers
    }

    public static func char(_ c: Character) -> KeyEvent { KeyEvent(.character(c)) }
    public static func ctrl(_ c: Character) -> KeyEvent {
        KeyEvent(.character(Character(c.lowercased())), modifiers: .control)
    }

    /// The character typed, if this is a plain (unmodified) character key.
    public var plainCharacter: Character? {
        if case .character(let c) = key, modifiers.isEmpty { return c }
        return nil
    }
}

public enum MouseButton: Hashable, Sendable {
    case left, middle, right
}

/// A mouse event at a cell position.
public struct MouseEvent: Hashable, Sendable {
    public enum Kind: Hashable, Sendable {
        case press(MouseButton)
        case release(MouseButton)
        case wheelUp
        case wheelDown
    }
    public var kind: Kind
    public var position: Point

    public init(_ kind: Kind, at position: Point) {
        self.kind = kind
        self.position = position
    }
}

/// Everything a backend delivers to the event loop.
public enum InputEvent: Hashable, Sendable {
    case key(KeyEvent)
    case mouse(MouseEvent)
    case resize(Size)
}
