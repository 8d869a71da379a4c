import Foundation
import Core

/// Where a command applies: everywhere, or only when a pane has focus.
public enum CommandScope: Hashable, Sendable {
    case global
    case pane(PaneID)
}

/// One user action. The footer, the `?` help overlay, the `:` palette, key rebinding in
/// the config file and the "run every command" test are all generated from these.
public struct Command {
    public let id: String
    public let titleKey: String
    public var keys: [KeyEvent]
    public let scope: CommandScope
    /// Shown in the footer when its scope is active.
    public let inFooter: Bool
    public let isAvailable: (Shell) -> Bool
    public let run: (Shell) -> Void

    public init(_ id: String, _ titleKey: String, keys: [KeyEvent], scope: CommandScope = .global, inFooter: Bool = false,
                isAvailable: @escaping (Shell) -> Bool = { _ in true }, run: @escaping (Shell) -> Void) {
        self.id = id; self.titleKey = titleKey; self.keys = keys; self.scope = scope; self.inFooter = inFooter
        self.isAvailable = isAvailable; self.run = run
    }

    public var title: String { L10n.t(titleKey) }
    public var keyLabel: String { keys.map(\.notation).joined(separator: "/") }
}

/// All commands, with bindings possibly overridden by the config file.
public struct CommandRegistry {
    public private(set) var commands: [Command] = []

    public init() {}

    public mutating func register(_ c: Command) {
        precondition(!commands.contains { $0.id == c.id }, "duplicate command id \(c.id)")
        commands.append(c)
    }

    public func command(_ id: String) -> Command? { commands.first { $0.id == id } }

    /// Applies `key.<command-id> = a, b` bindings. Unknown ids are reported, not fatal.
    public mutating func rebind(_ bindings: [String: [KeyEvent]]) -> [String] {
        var unknown: [String] = []
        for (id, keys) in bindings {
            guard let i = commands.firstIndex(where: { $0.id == id }) else { unknown.append(id); continue }
            commands[i].keys = keys
        }
        return unknown.sorted()
    }

    /// The command a key runs: the focused pane's binding wins over a global one.
    public func command(for key: KeyEvent, pane: PaneID) -> Command? {
        commands.first { $0.scope == .pane(pane) && $0.keys.contains(key) }
            ?? commands.first { $0.scope == .global && $0.keys.contains(key) }
    }

    public func inScope(_ pane: PaneID) -> [Command] {
        commands.filter { $0.scope == .global || $0.scope == .pane(pane) }
    }

    /// Fuzzy match for the palette: every query character in order, in title or id.
    public static func fuzzyScore(_ query: String, _ text: String) -> Int? {
        let q = Array(TextMatch.fold(query).filter { !$0.isWhitespace })
        guard !q.isEmpty else { return 0 }
        let t = Array(TextMatch.fold(text))
        var qi = 0, score = 0, last = -2
        for (i, c) in t.enumerated() where qi < q.count && c == q[qi] {
            score += (i == last + 1 ? 3 : 1) + (i == 0 || t[i - 1] == " " || t[i - 1] == "." ? 2 : 0)
            last = i
            qi += 1
        }
        return qi == q.count ? score : nil
    }
}
