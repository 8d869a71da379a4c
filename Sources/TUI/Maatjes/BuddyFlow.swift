import Foundation
import Core

/// A buddy in the register, new or edited: one form (profile, availability, screening),
/// saved in one transaction. Esc with changes asks first (ItemEditor).
public final class BuddyFlow: Flow {
    let workspace: Workspace
    let maatjeID: UUID?
    var editor: ItemEditor!

    static let dayParts = DayPartSet.allLabels

    /// Organisations that work with buddies first (Stek, VluchtelingenWerk), then the rest of the region's.
    static func organisations(_ ws: Workspace) -> [ReferenceData.Organisation] {
        let all = ReferenceData.shared.regions.flatMap(\.organisations)
        var seen = Set<String>()
        let unique = all.filter { seen.insert($0.id).inserted }
        let buddyOrgs = ["stek", "vluchtelingenwerk-zwn"]
        return unique.filter { buddyOrgs.contains($0.id) } + unique.filter { !buddyOrgs.contains($0.id) }
    }

    static func municipalities(_ ws: Workspace) -> [(id: String, name: String)] {
        let own = ReferenceData.shared.region(ws.region)?.municipalities ?? []
        let rest = ReferenceData.shared.regions.filter { $0.id != ws.region }.flatMap(\.municipalities)
        return (own + rest).map { ($0.id, $0.name) }
    }

    public init(workspace: Workspace, maatjeID: UUID?) throws {
        self.workspace = workspace
        self.maatjeID = maatjeID
        let existing = maatjeID.flatMap(workspace.maatje)
        if maatjeID != nil && existing == nil { throw SchakelError(.notFound, L10n.t("maatjes.error.buddyNotFound")) }
        editor = makeEditor(existing)
    }

    public var title: String { L10n.t(maatjeID == nil ? "maatjes.form.new" : "maatjes.form.edit") }
    public var hint: String { L10n.t("detail.formHint") }
    public func suspend() -> String? { editor.isDirty ? L10n.t("maatjes.form.notSaved") : nil }

    func makeEditor(_ m: Workspace.Maatje?) -> ItemEditor {
        let ws = workspace
        let types = VocabularyOptions("maatjeTypes")
        let genders = VocabularyOptions("genders")
        let orgs = Self.organisations(ws)
        let places = Self.municipalities(ws)
        let statuses = MaatjeProfile.statuses
        var values: [String: FormValue] = ["maatjeType": .choice(0), "organisation": .choice(0), "gender": .choice(0), "status": .choice(0),
                                           "capacity": .text("1"), "municipality": .choice(0), "languages": .text("nl")]
        if let m {
            let p = m.profile
            values = [
                "name": .text(p.name), "maatjeType": .choice(types.index(p.maatjeType)), "organisation": .choice(orgs.firstIndex { $0.id == p.organisation }),
                "languages": .text(p.languages.joined(separator: ", ")), "gender": .choice(genders.index(p.gender)),
                "birthYear": .text(p.birthYear.map(String.init) ?? ""), "municipality": .choice(places.firstIndex { $0.id == p.municipality }),
                "status": .choice(statuses.firstIndex(of: p.status)),
                "dayParts": .multiChoice(Set((m.availability?.dayParts ?? []).compactMap { Self.dayParts.firstIndex(of: $0) })),
                "capacity": .text("\(m.availability?.capacity ?? 0)"), "vogDate": .date(m.screening?.vogDate),
                "trainings": .text((m.screening?.trainings ?? []).joined(separator: "; ")), "notes": .text(p.notes ?? ""),
            ]
        }
        let fields = [
            FormField(id: "name", label: L10n.t("field.name"), kind: .text(maxLength: 120), isRequired: true),
            FormField(id: "maatjeType", label: L10n.t("field.maatjeType"), kind: .choice(types.labels), isRequired: true),
            FormField(id: "organisation", label: L10n.t("field.organisation"), kind: .choice(orgs.map(\.name)), isRequired: true),
            FormField(id: "languages", label: L10n.t("field.maatjeLanguages"), kind: .text(maxLength: 200)),
            FormField(id: "gender", label: L10n.t("field.gender"), kind: .choice(genders.labels), isRequired: true),
            FormField(id: "birthYear", label: L10n.t("field.birthYear"), kind: .text(maxLength: 4)),
            FormField(id: "municipality", label: L10n.t("field.municipality"), kind: .choice(places.map(\.name)), isRequired: true),
            FormField(id: "dayParts", label: L10n.t("field.dayParts"), kind: .multiChoice(Self.dayParts)),
            FormField(id: "capacity", label: L10n.t("field.capacity"), kind: .text(maxLength: 2), isRequired: true),
            FormField(id: "vogDate", label: L10n.t("field.vogDate"), kind: .date),
            FormField(id: "trainings", label: L10n.t("field.trainings"), kind: .text(maxLength: 400)),
            FormField(id: "status", label: L10n.t("field.maatjeStatus"), kind: .choice(statuses.map { L10n.t("maatje.\($0)") }), isRequired: true),
            FormField(id: "notes", label: L10n.t("field.notes"), kind: .text(maxLength: 2000)),
        ]
        let id = maatjeID
        return ItemEditor(title: title, fields: fields, values: values) { v in
            guard let t = types.id(FormCodec.choice(v, "maatjeType")) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.maatjeType"))) }
            guard let o = FormCodec.choice(v, "organisation"), orgs.indices.contains(o) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.organisation"))) }
            guard let g = genders.id(FormCodec.choice(v, "gender")) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.gender"))) }
            guard let p = FormCodec.choice(v, "municipality"), places.indices.contains(p) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.municipality"))) }
            let yearText = FormCodec.text(v, "birthYear")
            var year: Int?
            if !yearText.isEmpty {
                guard let y = Int(yearText) else { throw SchakelError(.validation, L10n.t("maatjes.validation.birthYear", ws.today.year - 16)) }
                year = y
            }
            guard let capacity = Int(FormCodec.text(v, "capacity")) else { throw SchakelError(.validation, L10n.t("maatjes.validation.capacity")) }
            let languages = FormCodec.text(v, "languages").split(whereSeparator: { $0 == "," || $0 == ";" || $0 == " " }).map(String.init)
            let profile = MaatjeProfile(name: FormCodec.text(v, "name"), maatjeType: t, organisation: orgs[o].id, languages: languages, gender: g,
                                        birthYear: year, municipality: places[p].id, status: statuses[FormCodec.choice(v, "status") ?? 0],
                                        notes: FormCodec.text(v, "notes").isEmpty ? nil : FormCodec.text(v, "notes"))
            let availability = MaatjeAvailability(dayParts: FormCodec.multi(v, "dayParts").map { Self.dayParts[$0] }, capacity: capacity)
            var vog: CalendarDate?
            if case .date(let d)? = v["vogDate"] { vog = d }
            let trainings = FormCodec.text(v, "trainings").split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            try ws.store.write { tx in
                try tx.saveMaatje(id: id ?? UUID(), profile: profile, availability: availability, screening: MaatjeScreening(vogDate: vog, trainings: trainings))
            }
            return L10n.t(id == nil ? "maatjes.done.added" : "maatjes.done.saved", profile.name)
        }
    }

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        editor.handle(event, area: area).flowOutcome
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        editor.render(into: &buffer, area: area, theme: theme)
        // The VOG rule next to the form, so an old date is noticed while typing it.
        if case .date(let d?)? = editor.form.values["vogDate"] {
            let expires = d.adding(years: MaatjesPane.vogValidYears)
            let text = expires <= workspace.today ? "! " + L10n.t("maatjes.form.vogExpired", expires.dutch)
                     : L10n.t("maatjes.form.vogValidUntil", expires.dutch)
            buffer.put(text: text, in: area.row(1), style: expires <= workspace.today ? theme[.danger] : theme[.muted])
        }
    }
}
