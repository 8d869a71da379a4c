/// What a piece of the screen means. Widgets and panes ask the theme for a role, never
/// for a colour, so every theme (including `mono`) stays consistent.
public enum ThemeRole: String, CaseIterable, Hashable, Sendable {
    case text
    case muted
    case header
    case footer
    case keyHint = "key-hint"
    case border
    case focusBorder = "focus-border"
    case selection
    case tableHeader = "table-header"
    case input
    case inputFocus = "input-focus"
    case error
    case warning
    case danger
    case ok
    case badgeDemo = "badge-demo"
    case badgePrivacy = "badge-privacy"
    case toast
    case dialog
    case searchMatch = "search-match"
    case chartBar = "chart-bar"
}
