import Foundation
import Core

/// What a line in the case detail points at: what Enter edits and `h` shows the history of.
enum DetailTarget: Equatable {
    case none
    case group(EntityKind, UUID, String)
    case note(UUID), action(UUID), network(UUID), placement(UUID), attempt(UUID), document(UUID), disclosure(UUID)

    /// The (kind, entity, group) whose event history `h` shows.
    func historyKey(caseID: UUID) -> (EntityKind, UUID, String)? {
        switch self {
        case .none: return nil
        case .group(let k, let e, let g): return (k, e, g)
        case .note(let id): return (.note, id, "main")
        case .action(let id): return (.action, id, "main")
        case .network(let id): return (.careNetwork, id, "main")
        case .placement(let id): return (.placement, id, "main")
        case .attempt(let id): return (.placementAttempt, id, "main")
        case .document(let id): return (.document, id, "main")
        case .disclosure(let id): return (.disclosure, id, "main")
        }
    }
}

/// One line of a detail tab. `text` is final (sanitised and, in privacy mode, masked).
struct DetailRow {
    var text: String
    var role: ThemeRole?
    var target: DetailTarget
    var isHeading: Bool

    init(_ text: String, role: ThemeRole? = nil, target: DetailTarget = .none, heading: Bool = false) {
        self.text = text; self.role = role; self.target = target; isHeading = heading
    }

    static func heading(_ text: String) -> DetailRow { DetailRow(text, target: .none, heading: true) }
}

/// The tabs of the case detail.
enum DetailTab: String, CaseIterable {
    case overzicht, tijdlijn, netwerk, acties, plaatsingen, documenten, veiligheid

    var title: String { L10n.t("detail.tab.\(rawValue)") }
}
