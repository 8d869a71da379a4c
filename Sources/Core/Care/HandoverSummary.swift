import Foundation

/// The note a backup coordinator finds on each case at the start of an absence: what is
/// running, what is due, who does what. Generated from the case file; stored as a timeline
/// note of kind "overdracht" (sealed like every note).
public struct HandoverSummary {
    public let file: CaseFile
    public let today: CalendarDate
    public let userName: (UUID) -> String

    public init(file: CaseFile, today: CalendarDate, userName: @escaping (UUID) -> String) {
        self.file = file; self.today = today; self.userName = userName
    }

    public func text(from: CalendarDate, until: CalendarDate, backup: UUID) -> String {
        let ref = ReferenceData.shared
        var lines = [L10n.t("handover.header", userName(file.coordination?.coordinator ?? .zero), userName(backup), from.dutch, until.dutch)]
        if let p = file.phase { lines.append(L10n.t("handover.phase", p.phase.label, p.since.dutch)) }
        if let b = file.bedenktijd, file.phase?.phase == .bedenktijd { lines.append(L10n.t("handover.bedenktijd", b.end.dutch)) }
        if let b8 = file.b8, b8.status == "aangevraagd" { lines.append(L10n.t("handover.b8", b8.since?.dutch ?? "?")) }
        if let w = file.onwardCare, w.isWaiting { lines.append(L10n.t("handover.onwardCare", ref.label("shelterTypes", w.need), w.since.dutch)) }
        if let p = file.placements.values.filter({ $0.until == nil }).max(by: { $0.from < $1.from }) {
            lines.append(L10n.t("handover.placement", ref.label("shelterTypes", p.shelterType), p.from.dutch))
        }
        let open = file.actions.values.filter(\.isOpen).sorted { ($0.due ?? .distantFuture) < ($1.due ?? .distantFuture) }
        if !open.isEmpty {
            lines.append(L10n.t("handover.actions"))
            for a in open {
                let late = a.due.map { $0 < today } ?? false
                lines.append("  \(late ? "!" : "-") \(a.title) · \(CareLabels.owner(a.owner, userName: userName)) · \(a.due?.dutch ?? "–")")
            }
        }
        let network = file.careNetwork.values.filter(\.active).sorted { $0.organisation < $1.organisation }
        if !network.isEmpty {
            lines.append(L10n.t("handover.network"))
            // Contact names and numbers stay in the network entries (identifying fields), not in note text.
            for n in network {
                lines.append("  - \(CareLabels.organisation(n.organisation)): \(n.role)" + (n.agreement.map { " · \($0)" } ?? ""))
            }
            lines.append(L10n.t("handover.networkContacts"))
        }
        if let s = file.safety {
            if s.secretAddress { lines.append(L10n.t("handover.secretAddress")) }
            if s.plan != nil { lines.append(L10n.t("handover.safetyPlan")) }
        }
        lines.append(L10n.t("handover.lastContact", file.lastContact?.dutch ?? L10n.t("ui.never")))
        return lines.joined(separator: "\n")
    }

    /// What happened while the backup held the case, for the coordinator who returns.
    public func returnText(absence: Absence, backup: UUID?) -> String {
        let notes = file.notes.values.filter { $0.on >= absence.from && $0.on <= today && $0.kind != TimelineNote.handoverKind }
        let contacts = notes.filter { $0.kind == nil || $0.kind == TimelineNote.contactKind }.count
        var lines = [L10n.t("handover.returnHeader", userName(backup ?? .zero), absence.from.dutch, min(absence.until, today).dutch),
                     L10n.t("handover.returnNotes", notes.count, contacts)]
        if let p = file.phase, p.since >= absence.from { lines.append(L10n.t("handover.returnPhase", p.phase.label, p.since.dutch)) }
        let done = file.actions.values.filter { ($0.doneOn.map { $0 >= absence.from } ?? false) }.count
        lines.append(L10n.t("handover.returnActions", done, file.actions.values.filter(\.isOpen).count))
        return lines.joined(separator: "\n")
    }
}

/// Labels for owners and organisations shared by summaries and screens.
public enum CareLabels {
    /// An action's owner: a user id (shown by name) or an organisation id.
    public static func owner(_ owner: String, userName: (UUID) -> String) -> String {
        if let id = UUID(uuidString: owner) { return userName(id) }
        return organisation(owner)
    }

    public static func organisation(_ id: String) -> String { ReferenceData.shared.organisation(id)?.name ?? id }
}

extension CalendarDate {
    static let distantFuture = CalendarDate(year: 2200, month: 12, day: 31)!
}
