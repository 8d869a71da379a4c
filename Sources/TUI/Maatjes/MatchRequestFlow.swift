import Foundation
import Core

/// The buddy request form for one case (opened from the case detail by its coordinator):
/// the type needed, the wishes (language, the buddy's gender, place), each hard ("eis") or
/// soft ("voorkeur"), the day parts the client can meet, urgency and waiting since. It also
/// decides what the buddy side may know: a call name (empty = not shared), the birth year
/// (for the age in the summary and age closeness) and a note for the buddy. That is all
/// the maatjescoördinator and the buddy organisation ever see of the client.
public final class MatchRequestFlow: Flow {
    let workspace: Workspace
    let caseID: UUID
    var editor: ItemEditor!

    static let hardness = [L10n.t("maatjes.soft"), L10n.t("maatjes.hard")]

    public init(workspace: Workspace, caseID: UUID) throws {
        self.workspace = workspace
        self.caseID = caseID
        let file = try workspace.store.caseFile(caseID)
        editor = makeEditor(file)
    }

    public var title: String { L10n.t("request.title", workspace.caseCode(caseID)) }
    public var hint: String { L10n.t("detail.formHint") }
    public func suspend() -> String? { editor.isDirty ? L10n.t("maatjes.form.notSaved") : nil }

    func makeEditor(_ file: CaseFile) -> ItemEditor {
        let ws = workspace
        let caseID = caseID
        let types = VocabularyOptions("maatjeTypes")
        let genders = VocabularyOptions("genders")
        let places = BuddyFlow.municipalities(ws)
        let noWish = L10n.t("maatjes.noWish")
        let urgencies = MatchRequestRecord.urgencies
        let dayParts = BuddyFlow.dayParts
        // Suggestions from the case: its municipality, the client's first non-Dutch language, the first given name.
        let language = file.origin?.languages.first { $0 != "nl" } ?? file.origin?.languages.first
        let municipality = ws.byID[caseID]?.municipality
        // The call name is shared with the buddy side only when the coordinator types one.
        let values: [String: FormValue] = [
            "maatjeType": .choice(0), "language": .text(language.map(ReferenceData.shared.languageName) ?? ""), "languageHard": .choice(0),
            "buddyGender": .choice(0), "buddyGenderHard": .choice(0),
            "municipality": .choice(municipality.flatMap { m in places.firstIndex { $0.id == m } }.map { $0 + 1 } ?? 0), "municipalityHard": .choice(0),
            "urgency": .choice(1), "waitingSince": .date(ws.today), "callName": .text(""),
            "clientBirthYear": .text(file.identity?.birthDate.map { "\($0.year)" } ?? ""),
        ]
        let fields = [
            FormField(id: "maatjeType", label: L10n.t("field.maatjeType"), kind: .choice(types.labels), isRequired: true),
            FormField(id: "language", label: L10n.t("field.language"), kind: .text(maxLength: 60)),
            FormField(id: "languageHard", label: L10n.t("field.languageHard"), kind: .choice(Self.hardness), isRequired: true),
            FormField(id: "buddyGender", label: L10n.t("field.buddyGender"), kind: .choice([noWish] + genders.labels), isRequired: true),
            FormField(id: "buddyGenderHard", label: L10n.t("field.buddyGenderHard"), kind: .choice(Self.hardness), isRequired: true),
            FormField(id: "municipality", label: L10n.t("field.buddyMunicipality"), kind: .choice([noWish] + places.map(\.name)), isRequired: true),
            FormField(id: "municipalityHard", label: L10n.t("field.municipalityHard"), kind: .choice(Self.hardness), isRequired: true),
            FormField(id: "dayParts", label: L10n.t("field.clientDayParts"), kind: .multiChoice(dayParts)),
            FormField(id: "urgency", label: L10n.t("field.urgency"), kind: .choice(urgencies.map { L10n.t("urgency.\($0)") }), isRequired: true),
            FormField(id: "waitingSince", label: L10n.t("field.waitingSince"), kind: .date, isRequired: true),
            FormField(id: "callName", label: L10n.t("field.callName"), kind: .text(maxLength: 60)),
            FormField(id: "clientBirthYear", label: L10n.t("field.clientBirthYear"), kind: .text(maxLength: 4)),
            FormField(id: "buddyNote", label: L10n.t("field.buddyNote"), kind: .text(maxLength: 1000)),
        ]
        return ItemEditor(title: title, fields: fields, values: values) { v in
            guard let type = types.id(FormCodec.choice(v, "maatjeType")) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.maatjeType"))) }
            let g = FormCodec.choice(v, "buddyGender").flatMap { $0 > 0 ? genders.id($0 - 1) : nil }
            let p = FormCodec.choice(v, "municipality").flatMap { $0 > 0 && places.indices.contains($0 - 1) ? places[$0 - 1].id : nil }
            guard case .date(let since?)? = v["waitingSince"] else { throw SchakelError(.validation, L10n.t("validation.badDate", L10n.t("field.waitingSince"))) }
            let yearText = FormCodec.text(v, "clientBirthYear")
            var year: Int?
            if !yearText.isEmpty {
                guard let y = Int(yearText) else { throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.clientBirthYear"))) }
                year = y
            }
            let parts = FormCodec.multi(v, "dayParts").map { dayParts[$0] }
            let record = MatchRequestRecord(
                maatjeType: type, language: FormCodec.text(v, "language"), languageHard: FormCodec.choice(v, "languageHard") == 1,
                buddyGender: g, buddyGenderHard: FormCodec.choice(v, "buddyGenderHard") == 1,
                municipality: p, municipalityHard: FormCodec.choice(v, "municipalityHard") == 1,
                urgency: urgencies[FormCodec.choice(v, "urgency") ?? 1], waitingSince: since, dayParts: parts.isEmpty ? nil : parts,
                callName: FormCodec.text(v, "callName"), clientBirthYear: year, buddyNote: FormCodec.text(v, "buddyNote"))
            try ws.store.write { tx in _ = try tx.createMatchRequest(caseID, record) }
            return L10n.t("request.done", ReferenceData.shared.label("maatjeTypes", type))
        }
    }

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        editor.handle(event, area: area).flowOutcome
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        editor.render(into: &buffer, area: area, theme: theme)
        buffer.put(text: L10n.t("request.explain"), in: area.row(1), style: theme[.muted])
    }
}
