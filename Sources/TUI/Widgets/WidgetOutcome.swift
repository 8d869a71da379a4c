/// What a widget did with an event. Widgets never reach into global state; the caller
/// (a pane, the event loop) decides what an action means.
public enum WidgetOutcome<Action: Equatable>: Equatable {
    /// Not for this widget; the caller may try a global binding.
    case ignored
    /// Consumed; the widget's state changed and it should be redrawn.
    case handled
    /// Consumed and the user asked for something the caller must do.
    case action(Action)
}

/// Language of the few fixed strings widgets draw themselves (Dutch by default; the
/// panes pass their own strings for everything else).
public enum UILanguage: String, CaseIterable, Sendable {
    case nl, en
}
