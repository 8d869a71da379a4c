import Foundation
import Core

/// The forms of the agenda. Each validates and writes in one transaction; errors keep the
/// form open with what was typed.
extension AgendaFlow {
    /// Organisations that can bring an item in: the table's members.
    var organisations: [ReferenceData.Organisation] { view.members }

    var myOrganisationIndex: Int? {
        let mine = workspace.users[workspace.me]?.organisation
        return organisations.firstIndex { $0.id == mine }
    }

    func organisationID(_ v: [String: FormValue], _ field: String) throws -> String {
        guard let i = FormCodec.choice(v, field), organisations.indices.contains(i) else {
            throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.\(field)")))
        }
        return organisations[i].id
    }

    func timeBox(_ v: [String: FormValue]) throws -> Int {
        let text = FormCodec.text(v, "timeBox")
        guard let n = Int(text), StoreTransaction.meetingTimeBox.contains(n) else {
            throw SchakelError(.validation, L10n.t("meeting.error.timeBox", StoreTransaction.meetingTimeBox.lowerBound, StoreTransaction.meetingTimeBox.upperBound))
        }
        return n
    }

    /// The case an entered code names (any spacing or case), or a clear error.
    func caseID(code text: String) throws -> UUID {
        let wanted = text.uppercased().filter { !$0.isWhitespace }
        guard !wanted.isEmpty else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.caseCode"))) }
        guard let s = workspace.summaries.first(where: { $0.code.description == wanted }) else {
            throw SchakelError(.notFound, L10n.t("agenda.error.noSuchCase", String(text.prefix(20))))
        }
        return s.id
    }

    func caseItemEditor(caseID preset: UUID? = nil, question: String = "") -> ItemEditor {
        let orgs = organisations.map(\.name)
        return ItemEditor(title: L10n.t("agenda.form.caseItem"), fields: [
            FormField(id: "caseCode", label: L10n.t("field.caseCode"), kind: .text(maxLength: 20), isRequired: true),
            FormField(id: "question", label: L10n.t("field.question"), kind: .text(maxLength: 2000), isRequired: true),
            FormField(id: "broughtBy", label: L10n.t("field.broughtBy"), kind: .choice(orgs), isRequired: true),
            FormField(id: "timeBox", label: L10n.t("field.timeBox"), kind: .text(maxLength: 3), isRequired: true),
        ], values: ["caseCode": .text(preset.map { workspace.caseCode($0) } ?? ""), "question": .text(question),
                    "broughtBy": .choice(myOrganisationIndex), "timeBox": .text("15")]) { [unowned self] v in
            let id = try caseID(code: FormCodec.text(v, "caseCode"))
            let org = try organisationID(v, "broughtBy")
            let minutes = try timeBox(v)
            try write { tx in _ = try tx.addAgendaItem(meeting: meetingID, caseID: id, question: FormCodec.text(v, "question"), broughtBy: org, minutes: minutes) }
            selected = rows.count   // the new item is last
            return L10n.t("agenda.added", workspace.caseCode(id))
        }
    }

    func themeItemEditor() -> ItemEditor {
        let kinds = ["trend", "thema"]
        return ItemEditor(title: L10n.t("agenda.form.themeItem"), fields: [
            FormField(id: "itemKind", label: L10n.t("field.itemKind"), kind: .choice(kinds.map { L10n.t("agenda.kind.\($0)") }), isRequired: true),
            FormField(id: "title", label: L10n.t("field.title"), kind: .text(maxLength: 200), isRequired: true),
            FormField(id: "question", label: L10n.t("field.question"), kind: .text(maxLength: 2000), isRequired: true),
            FormField(id: "broughtBy", label: L10n.t("field.broughtBy"), kind: .choice(organisations.map(\.name)), isRequired: true),
            FormField(id: "timeBox", label: L10n.t("field.timeBox"), kind: .text(maxLength: 3), isRequired: true),
        ], values: ["itemKind": .choice(0), "broughtBy": .choice(myOrganisationIndex), "timeBox": .text("10")]) { [unowned self] v in
            let kind = kinds[FormCodec.choice(v, "itemKind") ?? 0]
            let org = try organisationID(v, "broughtBy")
            let minutes = try timeBox(v)
            try write { tx in
                _ = try tx.addAgendaItem(meeting: meetingID, kind: kind, title: FormCodec.text(v, "title"), question: FormCodec.text(v, "question"),
                                         broughtBy: org, minutes: minutes)
            }
            selected = rows.count
            return L10n.t("agenda.addedTheme")
        }
    }

    func itemEditor(_ id: UUID) -> ItemEditor? {
        guard let item = view.agenda.first(where: { $0.id == id })?.value else { return nil }
        var fields: [FormField] = []
        if item.caseID == nil { fields.append(FormField(id: "title", label: L10n.t("field.title"), kind: .text(maxLength: 200), isRequired: true)) }
        fields += [
            FormField(id: "question", label: L10n.t("field.question"), kind: .text(maxLength: 2000), isRequired: true),
            FormField(id: "broughtBy", label: L10n.t("field.broughtBy"), kind: .choice(organisations.map(\.name)), isRequired: true),
            FormField(id: "timeBox", label: L10n.t("field.timeBox"), kind: .text(maxLength: 3), isRequired: true),
        ]
        return ItemEditor(title: L10n.t("agenda.form.editItem", view.deidentifiedHeading(item)), fields: fields, values: [
            "title": .text(item.title ?? ""), "question": .text(item.question),
            "broughtBy": .choice(organisations.firstIndex { $0.id == item.broughtBy }), "timeBox": .text("\(item.minutes)"),
        ]) { [unowned self] v in
            let org = try organisationID(v, "broughtBy")
            let minutes = try timeBox(v)
            try write { tx in
                try tx.editAgendaItem(id, title: item.caseID == nil ? FormCodec.text(v, "title") : nil, question: FormCodec.text(v, "question"),
                                      broughtBy: org, minutes: minutes)
            }
            return L10n.t("agenda.edited")
        }
    }

    /// A follow-up line: mark it done or lapsed.
    func followUpEditor(_ id: UUID) -> ItemEditor? {
        guard let a = view.followUps.first(where: { $0.id == id })?.value else { return nil }
        let statuses = ["gedaan", "vervallen"]
        return ItemEditor(title: L10n.t("agenda.form.finishAction", MeetingView.organisationName(a.organisation)), fields: [
            FormField(id: "status", label: L10n.t("field.status"), kind: .choice(statuses.map { L10n.t("meetingAction.\($0)") }), isRequired: true),
            FormField(id: "date", label: L10n.t("field.date"), kind: .date, isRequired: true),
        ], values: ["status": .choice(0), "date": .date(workspace.today)]) { [unowned self] v in
            guard case .date(let day?)? = v["date"] else { throw SchakelError(.validation, L10n.t("validation.badDate", L10n.t("field.date"))) }
            guard day <= workspace.today else { throw SchakelError(.validation, L10n.t("validation.futureDate")) }
            let status = statuses[FormCodec.choice(v, "status") ?? 0]
            try write { tx in try tx.finishMeetingAction(id, status: status, on: day) }
            return L10n.t("agenda.actionFinished", L10n.t("meetingAction.\(status)"))
        }
    }

    /// Identifying details of a case item for organisations in the room: a recorded decision.
    func sharingEditor() -> ItemEditor? {
        do {
            guard let item = selectedItem else { throw SchakelError(.validation, L10n.t("meeting.error.notCaseItem")) }
            return try Self.sharingEditor(workspace: workspace, view: view, itemID: item.id)
        } catch { status = (SchakelError.from(error).message, true); return nil }
    }

    /// The sharing decision for one case item (from the agenda, or the chair's private meeting screen).
    static func sharingEditor(workspace: Workspace, view: MeetingView, itemID: UUID) throws -> ItemEditor {
        guard let item = view.agenda.first(where: { $0.id == itemID }), let caseID = item.value.caseID else {
            throw SchakelError(.validation, L10n.t("meeting.error.notCaseItem"))
        }
        let present = view.members.filter { view.present.contains($0.id) }
        guard !present.isEmpty else { throw SchakelError(.validation, L10n.t("agenda.sharing.nobodyPresent")) }
        let file = try workspace.store.caseFile(caseID)
        let fields = ReferralSummary(file: file, today: workspace.today).availableFields
            .filter { !StoreTransaction.meetingDefaultFields.contains($0.path) }
        let bases = VocabularyOptions("legalBases")
        return ItemEditor(title: L10n.t("agenda.form.sharing", workspace.caseCode(caseID)), fields: [
            FormField(id: "recipients", label: L10n.t("field.recipients"), kind: .multiChoice(present.map(\.name)), isRequired: true),
            FormField(id: "legalBasis", label: L10n.t("field.legalBasis"), kind: .choice(bases.labels), isRequired: true),
            FormField(id: "sharedFields", label: L10n.t("field.sharedFields"), kind: .multiChoice(fields.map(\.label)), isRequired: true),
        ]) { v in
            let orgs = FormCodec.multi(v, "recipients").compactMap { present.indices.contains($0) ? present[$0].id : nil }
            guard let basis = bases.id(FormCodec.choice(v, "legalBasis")) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.legalBasis"))) }
            let paths = FormCodec.multi(v, "sharedFields").compactMap { fields.indices.contains($0) ? fields[$0].path : nil }
            try workspace.store.write { tx in try tx.recordItemSharing(item: item.id, organisations: orgs, legalBasis: basis, fields: paths) }
            return L10n.t("agenda.sharing.recorded", orgs.count)
        }
    }

    /// Agenda, minutes (participants or case file) or the series' calendar, to a file.
    func exportEditor() -> ItemEditor {
        let kinds = ["agenda-deelnemers", "agenda-dossier", "notulen-deelnemers", "notulen-dossier", "ics"]
        let stamp = view.record.date.iso
        return ItemEditor(title: L10n.t("agenda.form.export"), fields: [
            FormField(id: "exportKind", label: L10n.t("field.exportKind"), kind: .choice(kinds.map { L10n.t("agenda.export.\($0)") }), isRequired: true),
            FormField(id: "path", label: L10n.t("field.path"), kind: .text(maxLength: 500), isRequired: true),
        ], values: ["exportKind": .choice(0), "path": .text("~/overleg-\(stamp)")]) { [unowned self] v in
            let kind = kinds[FormCodec.choice(v, "exportKind") ?? 0]
            var path = FormCodec.text(v, "path")
            let ext = kind == "ics" ? ".ics" : ".md"
            if !path.lowercased().hasSuffix(ext) { path += (kind == "ics" ? "" : "-" + kind) + ext }
            let url = try ExplicitExport.resolve(path)
            try ExplicitExport.requireAbsent(url)
            let text: String
            switch kind {
            case "ics":
                guard let seriesID = view.record.series, let series = view.book.meetingSeries(seriesID) else {
                    throw SchakelError(.notFound, L10n.t("agenda.export.noSeries"))
                }
                text = ICalendarExport.calendar([series], stamp: workspace.store.clock.now(), through: workspace.today.adding(days: 365))
            default:
                // Ages as on the day of the meeting, as the command line exports them.
                let export = try workspace.store.meetingExport(meeting: meetingID, on: view.record.date)
                let version: MeetingExport.Version = kind.hasSuffix("dossier") ? .full : .deidentified
                text = kind.hasPrefix("agenda") ? try export.agenda(version) : try export.minutes(version)
                if version == .full {
                    try workspace.store.recordFullMeetingExport(export, document: kind.hasPrefix("agenda") ? "agenda" : "minutes", meetingDate: view.record.date)
                }
            }
            try ExplicitExport.write(Data(text.utf8), to: url)
            return L10n.t("agenda.exported", url.path)
        }
    }

    func moveMeetingEditor() -> ItemEditor? {
        guard view.isPlanned else { status = (L10n.t("meeting.error.notPlanned"), true); return nil }
        return ItemEditor(title: L10n.t("agenda.form.move", view.record.date.dutch), fields: [
            FormField(id: "date", label: L10n.t("field.date"), kind: .date, isRequired: true),
            FormField(id: "startTime", label: L10n.t("field.startTime"), kind: .text(maxLength: 5), isRequired: true),
            FormField(id: "location", label: L10n.t("field.location"), kind: .text(maxLength: 120)),
        ], values: ["date": .date(view.record.date), "startTime": .text(view.startTime), "location": .text(view.record.location ?? view.series?.location ?? "")]) { [unowned self] v in
            guard case .date(let day?)? = v["date"] else { throw SchakelError(.validation, L10n.t("validation.badDate", L10n.t("field.date"))) }
            let place = FormCodec.text(v, "location")
            try write { tx in try tx.moveMeeting(meetingID, to: day, startTime: FormCodec.text(v, "startTime"), location: place.isEmpty ? nil : place) }
            return L10n.t("agenda.meetingMoved", day.dutch)
        }
    }
}
