import Foundation

/// What is needed to open a case. Only a description of the person is required:
/// vague signals are recorded without calling them trafficking (DOMAIN.md §2 step 1).
public struct NewCase: Sendable {
    public var identity: ClientIdentity
    public var origin: ClientOrigin?
    public var contact: ClientContact?
    public var status: ClientStatus?
    public var referral: CaseReferral
    public var exploitation: CaseExploitation?
    public var coordinator: UUID
    public var backup: UUID?
    public var region: String
    public var municipality: String
    public var openedOn: CalendarDate
    public var phase: Phase
    public var urgency: String

    public init(identity: ClientIdentity, origin: ClientOrigin? = nil, contact: ClientContact? = nil, status: ClientStatus? = nil,
                referral: CaseReferral, exploitation: CaseExploitation? = nil, coordinator: UUID, backup: UUID? = nil,
                region: String, municipality: String, openedOn: CalendarDate, phase: Phase = .signaal, urgency: String = "normaal") {
        self.identity = identity; self.origin = origin; self.contact = contact; self.status = status; self.referral = referral
        self.exploitation = exploitation; self.coordinator = coordinator; self.backup = backup; self.region = region
        self.municipality = municipality; self.openedOn = openedOn; self.phase = phase; self.urgency = urgency
    }
}
