import Foundation
import Core

/// One meeting as the agenda, meeting mode and the follower window show it: the records
/// read once, with the wording they share. The de-identified text of an item (code, age,
/// forms, the question with every known name masked) is built here only, so the projector
/// and the participants' view cannot drift apart.
struct MeetingView {
    let id: UUID
    let record: MeetingRecord
    let book: MeetingBook
    let workspace: Workspace
    /// Per case on the agenda: the names only its file knows (care network and referral
    /// contacts), masked in its question on top of every known name.
    let caseMaskers: [UUID: NameMasker]

    init(workspace: Workspace, meetingID: UUID) throws {
        let book = try workspace.store.meetingBook()
        guard let record = book.meeting(meetingID) else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        self.id = meetingID; self.record = record; self.book = book; self.workspace = workspace
        var maskers: [UUID: NameMasker] = [:]
        for item in book.agenda(meetingID) {
            guard let c = item.value.caseID, maskers[c] == nil, let file = try? workspace.store.caseFile(c) else { continue }
            var names = [file.identity?.givenNames ?? "", file.identity?.familyName ?? ""] + (file.identity?.aliases ?? [])
            names += file.careNetwork.values.compactMap(\.contactName) + [file.referral?.contactName].compactMap { $0 }
            maskers[c] = NameMasker(names: names)
        }
        caseMaskers = maskers
    }

    var agenda: [(id: UUID, value: AgendaItemRecord)] { book.agenda(id) }
    var followUps: [(id: UUID, value: MeetingActionRecord)] { book.openActions(before: id) }
    var series: MeetingSeriesRecord? { record.series.flatMap { book.seriesRecord($0) } }
    var present: Set<String> { book.present(id) }
    var isPlanned: Bool { record.status == "gepland" }

    var tableName: String {
        ReferenceData.shared.table(record.table).map { L10n.language == .en ? $0.en : $0.nl } ?? record.table
    }
    var startTime: String { record.startTime ?? series?.startTime ?? "" }
    var duration: Int { series?.durationMinutes ?? 120 }
    var plannedMinutes: Int { agenda.map(\.value.minutes).reduce(0, +) }

    /// The table's member organisations (reference data), by name; any other organisation
    /// recorded present is added.
    var members: [ReferenceData.Organisation] {
        let all = ReferenceData.shared.regions.flatMap(\.organisations)
        var list = all.filter { $0.tables.contains(record.table) }
        if list.isEmpty { list = ReferenceData.shared.region(workspace.region)?.organisations ?? all }
        var seen = Set(list.map(\.id))
        for a in book.attendance(id) where !seen.contains(a.value.organisation) {
            if let o = ReferenceData.shared.organisation(a.value.organisation) { list.append(o); seen.insert(o.id) }
        }
        return list.sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
    }

    /// "di 13-01-2026 14:00 · Den Haag · gepland"
    var heading: String {
        var parts = ["\(record.date.dutch)" + (startTime.isEmpty ? "" : " \(startTime)")]
        if let place = record.location ?? series?.location { parts.append(place) }
        var status = L10n.t("meeting.\(record.status)")
        if let original = record.originalDate, record.status != "geannuleerd" { status += " (" + L10n.t("meeting.movedFrom", original.dutch) + ")" }
        parts.append(status)
        return parts.joined(separator: " · ")
    }

    static func organisationName(_ id: String) -> String { ReferenceData.shared.organisation(id)?.name ?? id }

    func kindLabel(_ item: AgendaItemRecord) -> String {
        L10n.t("agenda.kind.\(item.kind ?? (item.caseID != nil ? "casus" : "trend"))")
    }

    /// The item as the table may see it: code, age, forms (case) or the title (trend,
    /// theme); names in a title are masked.
    func deidentifiedHeading(_ item: AgendaItemRecord) -> String {
        if let c = item.caseID {
            guard let s = workspace.byID[c] else { return workspace.caseCode(c) }
            let age = s.age(on: record.date).map { L10n.t("agenda.age", $0) } ?? L10n.t("agenda.ageUnknown")
            let forms = s.forms.map { ReferenceData.shared.label("exploitationForms", $0) }.joined(separator: ", ")
            return [s.code.description, age, forms].filter { !$0.isEmpty }.joined(separator: " · ")
        }
        return workspace.masker.apply(item.title ?? "")
    }

    /// The question as the table may see it (names masked).
    func deidentifiedQuestion(_ item: AgendaItemRecord) -> String {
        let masked = workspace.masker.apply(item.question)
        return item.caseID.flatMap { caseMaskers[$0] }?.apply(masked) ?? masked
    }

    /// Who a case item is about, for the chair's own eyes only.
    func clientLine(_ item: AgendaItemRecord) -> String? {
        guard let c = item.caseID, let s = workspace.byID[c] else { return nil }
        var parts = [s.displayName]
        switch s.birthDate {
        case .exact(let d)?: parts.append(L10n.t("agenda.born", d.dutch))
        case .estimatedYear(let y)?: parts.append(L10n.t("agenda.bornAbout", y))
        case nil: break
        }
        parts.append(L10n.t("phase.\(s.phase.rawValue)"))
        parts.append(L10n.t("agenda.coordinator", workspace.userLabel(s.coordinator, privacy: false)))
        return parts.joined(separator: " · ")
    }

    /// "gedeeld met Fier, Politie (art. 6 lid 1e)" or "alleen gedeïdentificeerd".
    func sharingLine(_ item: AgendaItemRecord) -> String {
        guard item.caseID != nil else { return "" }
        guard let orgs = item.sharedWith, !orgs.isEmpty else { return L10n.t("agenda.sharing.none") }
        let basis = item.legalBasis.map { ReferenceData.shared.label("legalBases", $0) } ?? ""
        return L10n.t("agenda.sharing.with", orgs.map(Self.organisationName).joined(separator: ", "), basis)
    }

    func minutesText(_ itemID: UUID?) -> String? { book.minutes(id, item: itemID)?.value.text }
    func actions(item itemID: UUID) -> [(id: UUID, value: MeetingActionRecord)] { book.actions(id).filter { $0.value.agendaItem == itemID } }

    /// "wijkteam · 05-10-2026 · 12 d te laat"
    func actionLine(_ a: MeetingActionRecord, masked: Bool) -> String {
        var parts = [masked ? workspace.masker.apply(a.what) : a.what, Self.organisationName(a.organisation)]
        if let due = a.due {
            let late = due.days(until: workspace.today)
            parts.append(a.isOpen && late > 0 ? L10n.t("agenda.due.late", due.dutch, late) : L10n.t("agenda.due", due.dutch))
        }
        if !a.isOpen { parts.append(L10n.t("meetingAction.\(a.status)")) }
        return parts.joined(separator: " · ")
    }
}
