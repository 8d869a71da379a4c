import Foundation

/// How sensitive a field is. This one classification drives encryption (nothing but
/// operational fields ever gets a plaintext column), privacy mode, de-identified
/// exports, sharing policies and the buddy summary.
public enum FieldClass: String, Codable, Sendable, CaseIterable {
    /// Points to a person: names, birth date, phone, address, nationality, a location.
    case identifying
    /// AVG art. 9/10 data and free text: health, sex life, crime, immigration status, notes.
    case specialCategory = "special-category"
    /// Workflow data safe for lists and statistics: phase, dates, codes, ids, counts.
    case operational
}

/// The kinds of entity the event log knows. Raw values are stored in events: never rename.
public enum EntityKind: String, Codable, Sendable, CaseIterable {
    case client, `case`, note, action, placement, placementAttempt = "placement-attempt"
    case careNetwork = "care-network", consent, disclosure, groupLink = "group-link"
    case organisation, contact, user
    case meeting, agendaItem = "agenda-item", attendance, minutes, meetingAction = "meeting-action", meetingSeries = "meeting-series"
    case maatje, matchRequest = "match-request", match
    case intakeDraft = "intake-draft"
    case document, absence
    case syncKnowledge = "sync-knowledge"

    /// Entities that belong to one case are sealed with that case's key.
    public var belongsToCase: Bool {
        switch self {
        case .client, .case, .note, .action, .placement, .placementAttempt, .careNetwork,
             .consent, .disclosure, .groupLink, .matchRequest, .document:
            return true
        default:
            return false
        }
    }
}

/// One event-sized piece of an entity: a set of fields that change together.
/// Keeping groups small lets a sharing policy leave out whole events.
public protocol FieldGroup: Codable, Sendable, Equatable {
    static var kind: EntityKind { get }
    static var group: String { get }
    /// The classification of every stored property, by property name.
    static var fields: [String: FieldClass] { get }
    /// A filled-in example (synthetic): documentation, and proof in tests that
    /// `fields` names every stored property.
    static var example: Self { get }
}

extension FieldGroup {
    public static var key: String { "\(kind.rawValue).\(group)" }
}
