/// Parses the theme line format (documented at the top of every file in `Themes/`):
///
///     # comment
///     name = Standaard
///     description = ...
///     header.truecolor = fg:#ffffff bg:#1f4e79 bold
///     header.256       = fg:15 bg:24 bold
///     header.16        = fg:bright-white bg:blue bold
///     header.mono      = reverse bold
///
/// Errors carry the 1-based line number. A colour a tier cannot show is an error rather
/// than silently approximated, so each tier says exactly what users will see.
public enum ThemeParser {
    public struct ParseError: Error, Equatable, CustomStringConvertible {
        public var line: Int
        public var message: String
        public var description: String { line > 0 ? "line \(line): \(message)" : message }
    }

    static let attributeNames: [String: TextAttributes] = [
        "bold": .bold, "dim": .dim, "underline": .underline, "reverse": .reverse, "italic": .italic,
    ]
    static let colorNames = ["black", "red", "green", "yellow", "blue", "magenta", "cyan", "white"]

    /// Parse a whole file. `requireComplete` (the default) demands every role for every tier.
    public static func parse(_ text: String, id: String, requireComplete: Bool = true) throws -> ThemeDefinition {
        var styles: [ColorTier: [ThemeRole: Style]] = [:]
        var seen: [String: Int] = [:]
        var name = id
        var description = ""
        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let lineNumber = index + 1
            let line = rawLine.trimmingWhitespace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw ParseError(line: lineNumber, message: "expected '<role>.<tier> = <style>'")
            }
            let key = line[..<equals].trimmingWhitespace()
            let value = line[line.index(after: equals)...].trimmingWhitespace()
            if key == "name" { name = String(value); continue }
            if key == "description" { description = String(value); continue }
            guard let dot = key.lastIndex(of: ".") else {
                throw ParseError(line: lineNumber, message: "expected '<role>.<tier>', got '\(key)'")
            }
            let roleName = String(key[..<dot]), tierName = String(key[key.index(after: dot)...])
            guard let role = ThemeRole(rawValue: roleName) else {
                throw ParseError(line: lineNumber, message: "unknown role '\(roleName)'")
            }
            guard let tier = ColorTier(rawValue: tierName) else {
                throw ParseError(line: lineNumber,
                                 message: "unknown tier '\(tierName)' (use truecolor, 256, 16 or mono)")
            }
            if let earlier = seen[String(key)] {
                throw ParseError(line: lineNumber, message: "'\(key)' already defined on line \(earlier)")
            }
            seen[String(key)] = lineNumber
            styles[tier, default: [:]][role] = try parseStyle(String(value), tier: tier, line: lineNumber)
        }
        if requireComplete {
            var missing: [String] = []
            for tier in ColorTier.allCases {
                for role in ThemeRole.allCases where styles[tier]?[role] == nil {
                    missing.append("\(role.rawValue).\(tier.rawValue)")
                }
            }
            if !missing.isEmpty {
                let shown = missing.prefix(5).joined(separator: ", ") + (missing.count > 5 ? ", …" : "")
                throw ParseError(line: 0, message: "\(missing.count) definitions missing: \(shown)")
            }
        }
        return ThemeDefinition(id: id, name: name, description: description, styles: styles)
    }

    /// Parse the right-hand side of one definition.
    public static func parseStyle(_ text: String, tier: ColorTier, line: Int = 0) throws -> Style {
        var style = Style()
        for item in text.split(whereSeparator: { $0 == " " || $0 == "\t" }) {
            if let attribute = attributeNames[String(item)] {
                style.attributes.insert(attribute)
            } else if item.hasPrefix("fg:") {
                style.foreground = try parseColor(String(item.dropFirst(3)), tier: tier, line: line)
            } else if item.hasPrefix("bg:") {
                style.background = try parseColor(String(item.dropFirst(3)), tier: tier, line: line)
            } else {
                throw ParseError(line: line, message: "unknown style item '\(item)'")
            }
        }
        return style
    }

    static func parseColor(_ text: String, tier: ColorTier, line: Int) throws -> TerminalColor {
        if text == "default" { return .terminalDefault }
        if tier == .mono {
            throw ParseError(line: line, message: "the mono tier takes no colours, only attributes")
        }
        if text.hasPrefix("#") {
            let hex = text.dropFirst()
            guard hex.count == 6, let value = UInt32(hex, radix: 16) else {
                throw ParseError(line: line, message: "bad colour '\(text)' (expected #rrggbb)")
            }
            guard tier == .truecolor else {
                throw ParseError(line: line, message: "#rrggbb colours need the truecolor tier")
            }
            return .rgb(UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF))
        }
        let index: Int
        if let number = Int(text) {
            index = number
        } else if let named = namedIndex(text) {
            index = named
        } else {
            throw ParseError(line: line, message: "unknown colour '\(text)'")
        }
        let limit = tier == .c16 ? 15 : 255
        guard (0...limit).contains(index) else {
            throw ParseError(line: line, message: "colour \(index) is out of range for tier \(tier.rawValue) (0-\(limit))")
        }
        return .indexed(UInt8(index))
    }

    static func namedIndex(_ text: String) -> Int? {
        if let i = colorNames.firstIndex(of: text) { return i }
        if text.hasPrefix("bright-"), let i = colorNames.firstIndex(of: String(text.dropFirst(7))) { return i + 8 }
        return nil
    }
}

extension StringProtocol {
    func trimmingWhitespace() -> Substring {
        let s = Substring(self)
        guard let first = s.firstIndex(where: { !$0.isWhitespace }) else { return "" }
        let last = s.lastIndex(where: { !$0.isWhitespace })!
        return s[first...last]
    }
}
