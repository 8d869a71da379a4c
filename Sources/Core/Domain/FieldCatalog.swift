import Foundation

/// The one table of every field group, and so of every field of every model.
/// Adding a group means adding it here; a test fails if a stored property is untagged.
public enum FieldCatalog {
    public static let groups: [any FieldGroup.Type] = [
        ClientIdentity.self, ClientOrigin.self, ClientContact.self, ClientStatus.self,
        CaseOpening.self, CasePhase.self, CaseExploitation.self, CaseReferral.self, CaseCoordination.self,
        CaseTrackOverride.self, ComenshaRegistration.self, Bedenktijd.self, B8Record.self, Aangifte.self, ClientGoals.self,
        TimelineNote.self, CaseAction.self, Placement.self, PlacementAttempt.self, CareNetworkEntry.self,
        Consent.self, Disclosure.self, GroupLink.self,
        OrganisationRecord.self, ContactRecord.self, UserRecord.self,
        MeetingRecord.self, AgendaItemRecord.self, AttendanceRecord.self, MinutesRecord.self, MeetingActionRecord.self, MeetingSeriesRecord.self,
        MaatjeProfile.self, MaatjeAvailability.self, MaatjeScreening.self, MatchRequestRecord.self, MatchRecord.self,
        IntakeNeeds.self, ReporterFeedback.self, IntakeDraft.self,
        CaseSafety.self, TransitionPlan.self, OnwardCare.self, CaseDocument.self, Absence.self, SyncKnowledge.self,
    ]

    public static let byKey: [String: any FieldGroup.Type] = Dictionary(uniqueKeysWithValues: groups.map { ($0.key, $0) })

    /// `kind.group.field` → classification.
    public static let table: [String: FieldClass] = {
        var t: [String: FieldClass] = [:]
        for g in groups { for (f, c) in g.fields { t["\(g.key).\(f)"] = c } }
        return t
    }()

    public static func classification(of path: String) -> FieldClass? { table[path] }
}
