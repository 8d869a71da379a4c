/// A textual notation for keys, shared by config rebinding, footer hints and test
/// scripts: `a`, `S`, `/`, `space`, `enter`, `esc`, `tab`, `backtab`, `backspace`,
/// `delete`, `insert`, `up`, `down`, `left`, `right`, `home`, `end`, `pgup`, `pgdn`,
/// `f1`...`f12`, and the prefixes `ctrl-` and `alt-` (e.g. `ctrl-l`, `alt-x`).
extension KeyEvent {
    static let namedKeys: [(String, Key)] = [
        ("enter", .enter), ("esc", .escape), ("tab", .tab), ("backtab", .backTab),
        ("backspace", .backspace), ("delete", .delete), ("insert", .insert),
        ("up", .up), ("down", .down), ("left", .left), ("right", .right),
        ("home", .home), ("end", .end), ("pgup", .pageUp), ("pgdn", .pageDown),
        ("space", .character(" ")),
    ]

    /// Parse one key; nil for unknown notation.
    public init?(notation: String) {
        var rest = Substring(notation)
        var modifiers: KeyModifiers = []
        while true {
            let lower = rest.lowercased()
            if lower.hasPrefix("ctrl-") && rest.count > 5 {
                modifiers.insert(.control); rest = rest.dropFirst(5)
            } else if lower.hasPrefix("alt-") && rest.count > 4 {
                modifiers.insert(.alt); rest = rest.dropFirst(4)
            } else { break }
        }
        if rest.count == 1, let c = rest.first {
            let ch = modifiers.contains(.control) ? Character(c.lowercased()) : c
            self.init(.character(ch), modifiers: modifiers)
            return
        }
        let name = rest.lowercased()
        if let named = Self.namedKeys.first(where: { $0.0 == name }) {
            self.init(named.1, modifiers: modifiers)
            return
        }
        if name.hasPrefix("f"), let n = Int(name.dropFirst()), (1...12).contains(n) {
            self.init(.function(n), modifiers: modifiers)
            return
        }
        return nil
    }

    /// The notation for this key, the inverse of `init?(notation:)`.
    public var notation: String {
        var prefix = ""
        if modifiers.contains(.control) { prefix += "ctrl-" }
        if modifiers.contains(.alt) { prefix += "alt-" }
        switch key {
        case .character(" "): return prefix + "space"
        case .character(let c): return prefix + String(c)
        case .function(let n): return prefix + "f\(n)"
        default:
            let name = Self.namedKeys.first(where: { $0.1 == key })?.0 ?? "?"
            return prefix + name
        }
    }

    /// Parse a space-separated key script, e.g. `"j j / a b enter"`. Unknown entries
    /// are an error so a typo in a test script cannot silently do nothing.
    public static func script(_ text: String) throws -> [KeyEvent] {
        try text.split(separator: " ").map { token in
            guard let key = KeyEvent(notation: String(token)) else {
                throw KeyNotationError(token: String(token))
            }
            return key
        }
    }
}

public struct KeyNotationError: Error, Equatable, CustomStringConvertible {
    public var token: String
    public var description: String { "unknown key notation '\(token)'" }
}
