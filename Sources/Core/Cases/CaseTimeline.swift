import Foundation

/// One line of a case's history as the coordinator reads it, newest first.
public struct TimelineEntry: Equatable, Sendable {
    public enum Kind: String, Sendable { case note, phase, placement, attempt, disclosure, meeting, document, action, feedback }
    public var day: CalendarDate
    public var kind: Kind
    /// The note kind for notes (contact, overleg, notitie, overdracht).
    public var subkind: String?
    public var text: String
    public var itemID: UUID?

    public init(day: CalendarDate, kind: Kind, subkind: String? = nil, text: String, itemID: UUID? = nil) {
        self.day = day; self.kind = kind; self.subkind = subkind; self.text = text; self.itemID = itemID
    }

    public var label: String { L10n.t("timeline.\(subkind ?? kind.rawValue)") }
}

public enum CaseTimeline {
    /// Notes, phase changes, placements and attempts, disclosures, meetings, documents and
    /// actions, newest first (stable within a day by kind).
    public static func entries(file: CaseFile, phases: [(at: Date, author: UUID, phase: CasePhase)],
                               meetings: [(date: CalendarDate, question: String)], userName: (UUID) -> String) -> [TimelineEntry] {
        let ref = ReferenceData.shared
        var out: [TimelineEntry] = []
        out.reserveCapacity(file.notes.count + phases.count + 16)
        for (id, n) in file.notes {
            out.append(TimelineEntry(day: n.on, kind: .note, subkind: n.kind ?? TimelineNote.contactKind, text: n.text, itemID: id))
        }
        for p in phases {
            var t = p.phase.phase.label
            if let r = p.phase.reason {
                t += " · " + ref.label(p.phase.phase == .afgesloten ? "closureReasons" : "phaseChangeReasons", r)
            }
            if let n = p.phase.note { t += " · \(n)" }
            out.append(TimelineEntry(day: p.phase.since, kind: .phase, text: t))
        }
        for (id, p) in file.placements {
            out.append(TimelineEntry(day: p.from, kind: .placement, text: "\(ref.label("shelterTypes", p.shelterType)) · \(CareLabels.organisation(p.organisation))"
                                     + (p.until.map { " · \(L10n.t("timeline.until")) \($0.dutch)" } ?? ""), itemID: id))
        }
        for (id, a) in file.placementAttempts where !a.accepted {
            out.append(TimelineEntry(day: a.on, kind: .attempt, text: "\(ref.label("shelterTypes", a.shelterType)) · \(CareLabels.organisation(a.organisation)) · "
                                     + ref.label("placementRejectionReasons", a.rejectionReason ?? "overig"), itemID: id))
        }
        for (id, d) in file.disclosures {
            out.append(TimelineEntry(day: d.on, kind: .disclosure, text: "\(CareLabels.organisation(d.recipient)) · \(ref.label("sharingPurposes", d.purpose)) · "
                                     + ref.label("legalBases", d.legalBasis) + " · \(L10n.t("timeline.fields", d.fields.count))", itemID: id))
        }
        for m in meetings { out.append(TimelineEntry(day: m.date, kind: .meeting, text: m.question)) }
        for (id, d) in file.documents {
            out.append(TimelineEntry(day: d.addedOn, kind: .document, text: "\(d.title) (\(ref.label("documentTypes", d.documentType)))", itemID: id))
        }
        for (id, a) in file.actions {
            if let done = a.doneOn { out.append(TimelineEntry(day: done, kind: .action, text: "\(a.title) · \(CaseAction.statusLabel(a.status))", itemID: id)) }
        }
        if let f = file.feedback, let told = f.toldOn {
            out.append(TimelineEntry(day: told, kind: .feedback, text: ref.label("feedbackOutcomes", f.outcome)))
        }
        let order: [TimelineEntry.Kind: Int] = [.phase: 0, .placement: 1, .attempt: 2, .meeting: 3, .note: 4, .action: 5, .document: 6, .disclosure: 7, .feedback: 8]
        out.sort { a, b in
            if a.day != b.day { return a.day > b.day }
            let oa = order[a.kind] ?? 9, ob = order[b.kind] ?? 9
            if oa != ob { return oa < ob }
            return (a.itemID?.uuidString ?? a.text) < (b.itemID?.uuidString ?? b.text)
        }
        return out
    }
}

extension CaseAction {
    public static func statusLabel(_ status: String) -> String { L10n.t("action.\(status)") }
}
