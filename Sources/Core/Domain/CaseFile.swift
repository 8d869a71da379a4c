import Foundation

/// Everything held on one case, assembled from the current value of each field group.
/// Child items (notes, actions, ...) are keyed by their entity id.
public struct CaseFile: Equatable, Sendable {
    public let id: UUID
    public var opening: CaseOpening?
    public var phase: CasePhase?
    public var coordination: CaseCoordination?
    public var identity: ClientIdentity?
    public var origin: ClientOrigin?
    public var contact: ClientContact?
    public var status: ClientStatus?
    public var exploitation: CaseExploitation?
    public var referral: CaseReferral?
    public var trackOverride: CaseTrackOverride?
    public var comensha: ComenshaRegistration?
    public var bedenktijd: Bedenktijd?
    public var b8: B8Record?
    public var aangifte: Aangifte?
    public var goals: ClientGoals?
    public var needs: IntakeNeeds?
    public var feedback: ReporterFeedback?
    public var safety: CaseSafety?
    public var transition: TransitionPlan?
    public var onwardCare: OnwardCare?
    public var notes: [UUID: TimelineNote] = [:]
    public var actions: [UUID: CaseAction] = [:]
    public var placements: [UUID: Placement] = [:]
    public var placementAttempts: [UUID: PlacementAttempt] = [:]
    public var careNetwork: [UUID: CareNetworkEntry] = [:]
    public var consents: [UUID: Consent] = [:]
    public var disclosures: [UUID: Disclosure] = [:]
    public var groupLinks: [UUID: GroupLink] = [:]
    public var matchRequests: [UUID: MatchRequestRecord] = [:]
    public var documents: [UUID: CaseDocument] = [:]

    public init(id: UUID) { self.id = id }

    public var code: CaseCode? { opening?.code }

    /// Age on a day, if a birth date (exact or estimated) is known.
    public func age(on day: CalendarDate) -> Int? { identity?.birthDate?.age(on: day) }

    /// 18- while the client is a minor, unless overridden with a reason.
    public func track(on day: CalendarDate) -> Track {
        if let t = trackOverride?.track { return t }
        if let a = age(on: day), a < 18 { return .minor }
        return .adult
    }

    /// Puts one field group's value in place. Unknown combinations are ignored so that a
    /// newer peer's groups do not break an older reader (they stay in the event log).
    public mutating func apply(_ value: any FieldGroup, entityID: UUID) {
        switch value {
        case let v as CaseOpening: opening = v
        case let v as CasePhase: phase = v
        case let v as CaseCoordination: coordination = v
        case let v as ClientIdentity: identity = v
        case let v as ClientOrigin: origin = v
        case let v as ClientContact: contact = v
        case let v as ClientStatus: status = v
        case let v as CaseExploitation: exploitation = v
        case let v as CaseReferral: referral = v
        case let v as CaseTrackOverride: trackOverride = v
        case let v as ComenshaRegistration: comensha = v
        case let v as Bedenktijd: bedenktijd = v
        case let v as B8Record: b8 = v
        case let v as Aangifte: aangifte = v
        case let v as ClientGoals: goals = v
        case let v as IntakeNeeds: needs = v
        case let v as ReporterFeedback: feedback = v
        case let v as CaseSafety: safety = v
        case let v as TransitionPlan: transition = v
        case let v as OnwardCare: onwardCare = v
        case let v as CaseDocument: documents[entityID] = v
        case let v as TimelineNote: notes[entityID] = v
        case let v as CaseAction: actions[entityID] = v
        case let v as Placement: placements[entityID] = v
        case let v as PlacementAttempt: placementAttempts[entityID] = v
        case let v as CareNetworkEntry: careNetwork[entityID] = v
        case let v as Consent: consents[entityID] = v
        case let v as Disclosure: disclosures[entityID] = v
        case let v as GroupLink: groupLinks[entityID] = v
        case let v as MatchRequestRecord: matchRequests[entityID] = v
        default: break
        }
    }

    /// Removes a child item (a `remove` event).
    public mutating func remove(kind: EntityKind, entityID: UUID) {
        switch kind {
        case .note: notes[entityID] = nil
        case .action: actions[entityID] = nil
        case .placement: placements[entityID] = nil
        case .placementAttempt: placementAttempts[entityID] = nil
        case .careNetwork: careNetwork[entityID] = nil
        case .consent: consents[entityID] = nil
        case .disclosure: disclosures[entityID] = nil
        case .groupLink: groupLinks[entityID] = nil
        case .matchRequest: matchRequests[entityID] = nil
        case .document: documents[entityID] = nil
        default: break
        }
    }

    /// The client's address may not leave the store or show in privacy mode.
    public var hasSecretAddress: Bool { safety?.secretAddress == true }

    /// The last logged contact with the client. Notes without a kind predate note kinds and
    /// were all contact records.
    public var lastContact: CalendarDate? {
        notes.values.filter { $0.kind == nil || $0.kind == TimelineNote.contactKind }.map(\.on).max()
    }

    public var sortedNotes: [(id: UUID, note: TimelineNote)] {
        notes.map { ($0.key, $0.value) }.sorted { ($0.note.on, $0.id.uuidString) < ($1.note.on, $1.id.uuidString) }
    }
}
