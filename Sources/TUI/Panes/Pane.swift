import Foundation
import Core

/// The panes of the frame, reachable with 1-5 and Tab.
public enum PaneID: String, CaseIterable, Sendable {
    case intake, casusoverleg, caseload, maatjes, inzicht

    public var number: Int { PaneID.allCases.firstIndex(of: self)! + 1 }
    public var title: String { L10n.t("pane.\(rawValue)") }
}

public enum PaneOutcome: Equatable {
    case ignored, handled
    case openCase(UUID)
}

/// A pane draws itself into an area and handles the input it is given. It never reaches
/// into the shell: what it wants done comes back as a `PaneOutcome` or runs as one of its
/// registered commands.
public protocol Pane: AnyObject {
    var id: PaneID { get }
    /// True while the pane takes typed text (search or filter): letters are not commands then.
    var isEditing: Bool { get }
    func reload(_ workspace: Workspace, privacy: Bool)
    func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool, style: PaneStyle)
    func handle(_ event: InputEvent, area: Rect) -> PaneOutcome
    /// Pane-scoped commands for the registry.
    func commands() -> [Command]
}

/// How panes draw: privacy hides names; presentation spaces rows out for a projector.
public struct PaneStyle: Equatable, Sendable {
    public var privacy: Bool
    public var spacious: Bool
    public init(privacy: Bool = false, spacious: Bool = false) { self.privacy = privacy; self.spacious = spacious }
}
