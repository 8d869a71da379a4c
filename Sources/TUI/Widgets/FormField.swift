import Core
/// The kinds of input a form field takes.
public enum FormFieldKind: Equatable, Sendable {
    case text(maxLength: Int)
    /// A date typed as `dd-mm-jjjj`.
    case date
    /// Exactly one of the options (Left/Right or Space change it).
    case choice([String])
    /// Any subset of the options (Left/Right move, Space toggles).
    case multiChoice([String])
}

public struct FormField: Equatable, Sendable {
    public var id: String
    public var label: String
    public var kind: FormFieldKind
    public var isRequired: Bool

    public init(id: String, label: String, kind: FormFieldKind, isRequired: Bool = false) {
        self.id = id
        self.label = label
        self.kind = kind
        self.isRequired = isRequired
    }
}

/// A field's typed value.
public enum FormValue: Hashable, Sendable {
    case text(String)
    case date(CalendarDate?)
    case choice(Int?)
    case multiChoice(Set<Int>)
}
