/// A theme as read from a file: a style for every role in every colour tier.
public struct ThemeDefinition: Hashable, Sendable {
    /// File name without `.theme` (e.g. `standaard`), used by `--theme`.
    public var id: String
    /// Display name and description from the file's `name =` / `description =` lines.
    public var name: String
    public var description: String
    public var styles: [ColorTier: [ThemeRole: Style]]

    public init(id: String, name: String, description: String, styles: [ColorTier: [ThemeRole: Style]]) {
        self.id = id
        self.name = name
        self.description = description
        self.styles = styles
    }

    /// The theme for one tier, which is what widgets draw with.
    public func resolved(for tier: ColorTier) -> Theme {
        Theme(id: id, tier: tier, styles: styles[tier] ?? [:])
    }
}

/// The styles of one theme for the terminal's colour tier.
public struct Theme: Hashable, Sendable {
    public var id: String
    public var tier: ColorTier
    public var styles: [ThemeRole: Style]

    public init(id: String, tier: ColorTier, styles: [ThemeRole: Style]) {
        self.id = id
        self.tier = tier
        self.styles = styles
    }

    /// The style for a role (plain text for a role the theme lacks; the parser already
    /// rejects incomplete theme files).
    public subscript(role: ThemeRole) -> Style { styles[role] ?? .plain }

    /// Whether widgets may use Unicode block and box characters (false selects ASCII
    /// fallbacks, e.g. for `TERM=linux` consoles without the glyphs).
    public var usesUnicodeGlyphs: Bool { unicodeGlyphs }
    var unicodeGlyphs = true

    public func withUnicodeGlyphs(_ enabled: Bool) -> Theme {
        var copy = self
        copy.unicodeGlyphs = enabled
        return copy
    }
}
