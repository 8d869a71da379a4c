import Foundation
import Core

/// A possible earlier case of the same person, offered for linking (never merged).
public struct DuplicateOffer: Equatable {
    public let caseID: UUID
    public let code: CaseCode
    public let name: String
    public let score: Double
    public let likely: Bool
    public let reasons: String
    public init(caseID: UUID, code: CaseCode, name: String, score: Double, likely: Bool, reasons: String) {
        self.caseID = caseID; self.code = code; self.name = name; self.score = score; self.likely = likely; self.reasons = reasons
    }
}

/// Registering a signal or referral in under a minute: who reports, what was seen, about
/// whom (whatever is known; a description is enough), how urgent. Vague signals are fine:
/// nothing here labels anything trafficking. Then possible duplicates are offered.
public final class SignalFlow: Flow {
    enum Stage { case form, duplicates([DuplicateOffer], NewCase, selected: Int) }

    let workspace: Workspace
    let findDuplicates: (NewCase) -> [DuplicateOffer]
    var form: Form
    var stage: Stage = .form
    var generalError: String?
    let draftID: UUID
    var groupSize = 1
    var groupKind = "inval"
    let referrers = VocabularyOptions("referrerTypes")
    let forms = VocabularyOptions("exploitationForms")
    let indicators = VocabularyOptions("indicators") { " (" + ($0.strength == "hard" ? L10n.t("signal.hard") : L10n.t("signal.soft")) + ")" }
    let genders = VocabularyOptions("genders")
    let groupKinds = VocabularyOptions("groupKinds")
    static let urgencies = CaseOpening.urgencies

    public init(workspace: Workspace, findDuplicates: @escaping (NewCase) -> [DuplicateOffer]) {
        self.workspace = workspace
        self.findDuplicates = findDuplicates
        let fields = Self.fields(referrers: referrers, forms: forms, indicators: indicators, genders: genders, groupKinds: groupKinds)
        let draft = (try? workspace.store.drafts())?.first { $0.draft.form == "signaal" }
        draftID = draft?.id ?? UUID()
        var values: [String: FormValue] = ["confidential": .choice(0), "urgency": .choice(1), "gender": .choice(genders.index("onbekend") ?? 0)]
        if let d = draft { values.merge(FormCodec.decode(d.draft.values, fields: fields)) { _, new in new } }
        form = Form(fields: fields, values: values, strings: .standard(L10n.language == .en ? .en : .nl))
    }

    static func fields(referrers: VocabularyOptions, forms: VocabularyOptions, indicators: VocabularyOptions, genders: VocabularyOptions,
                       groupKinds: VocabularyOptions) -> [FormField] {
        func f(_ id: String, _ kind: FormFieldKind, required: Bool = false) -> FormField {
            FormField(id: id, label: L10n.t("signal.field.\(id)"), kind: kind, isRequired: required)
        }
        return [
            f("referrerType", .choice(referrers.labels), required: true),
            f("referrerOrganisation", .text(maxLength: 120)),
            f("referrerContact", .text(maxLength: 120)),
            f("confidential", .choice([L10n.t("word.no"), L10n.t("word.yes")])),
            f("seen", .text(maxLength: 2000)),
            f("forms", .multiChoice(forms.labels)),
            f("indicators", .multiChoice(indicators.labels)),
            f("givenNames", .text(maxLength: 100)),
            f("familyName", .text(maxLength: 100)),
            f("aliases", .text(maxLength: 200)),
            f("personDescription", .text(maxLength: 500)),
            f("birthDate", .text(maxLength: 10)),
            f("gender", .choice(genders.labels)),
            f("nationalities", .text(maxLength: 60)),
            f("phone", .text(maxLength: 40)),
            f("urgency", .choice(urgencies.map { L10n.t("urgency.\($0)") })),
            // A raid, a mother and her children: one signal, each person their own case, linked.
            f("groupSize", .text(maxLength: 2)),
            f("groupKind", .choice(groupKinds.labels)),
        ]
    }

    public var title: String { L10n.t("signal.title") }
    public var hint: String {
        switch stage {
        case .form: return L10n.t("signal.hint.form")
        case .duplicates: return L10n.t("signal.hint.duplicates")
        }
    }

    /// Keeps what was typed, encrypted, so leaving by accident loses nothing.
    func saveDraft() throws {
        let values = FormCodec.encode(form.values)
        try workspace.store.write { tx in
            try tx.saveDraft(draftID, IntakeDraft(form: "signaal", caseID: nil, step: 0, values: values, savedAt: workspace.store.clock.now()))
        }
    }

    public func suspend() -> String? {
        guard !FormCodec.encode(form.values).filter({ !["confidential", "urgency", "gender"].contains($0.key) }).isEmpty else { return nil }
        do { try saveDraft() } catch { return SchakelError.from(error).message }
        return L10n.t("draft.saved")
    }

    func removeDraft() {
        try? workspace.store.write { tx in try tx.removeRecord(kind: .intakeDraft, entity: draftID) }
    }

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        switch stage {
        case .form:
            switch form.handle(event, area: area.inset(top: 2, bottom: 2)) {
            case .action(.cancel):
                return .close(message: suspend())
            case .action(.submit(let values)):
                return submit(values)
            default:
                return .stay
            }
        case .duplicates(let offers, let newCase, let selected):
            guard case .key(let key) = event else { return .stay }
            switch key {
            case KeyEvent(.escape): stage = .form; return .stay
            case .char("j"), KeyEvent(.down): stage = .duplicates(offers, newCase, selected: min(offers.count, selected + 1))
            case .char("k"), KeyEvent(.up): stage = .duplicates(offers, newCase, selected: max(0, selected - 1))
            case KeyEvent(.enter): return create(newCase, linkTo: selected == 0 ? nil : offers[selected - 1])
            default: break
            }
            return .stay
        }
    }

    /// Field-level checks with the domain's rules; messages go next to the fields.
    func submit(_ v: [String: FormValue]) -> FlowOutcome {
        var errors: [String: String] = [:]
        func check(_ id: String, _ body: () throws -> Void) {
            do { try body() } catch let e as SchakelError { errors[id] = e.message } catch { errors[id] = L10n.t("import.unknown") }
        }
        var birth: BirthDate?
        let birthText = FormCodec.text(v, "birthDate")
        if !birthText.isEmpty {
            birth = BirthDate(parsing: birthText)
            if birth == nil || (birth.map { $0.age(on: workspace.today) < 0 } ?? false) { errors["birthDate"] = L10n.t("signal.badBirthDate") }
        }
        let nationalities = IntakeFlow.countries(FormCodec.text(v, "nationalities")) ?? []
        if IntakeFlow.countries(FormCodec.text(v, "nationalities")) == nil { errors["nationalities"] = L10n.t("signal.unknownCountry") }
        for id in ["givenNames", "familyName", "aliases", "referrerOrganisation", "referrerContact", "phone"] {
            check(id) { _ = try Validation.line(FormCodec.text(v, id), field: id, max: 200) }
        }
        check("seen") { _ = try Validation.text(FormCodec.text(v, "seen"), field: "description") }
        check("personDescription") { _ = try Validation.text(FormCodec.text(v, "personDescription"), field: "personDescription", max: 500) }
        let aliases = FormCodec.text(v, "aliases").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let identity = ClientIdentity(givenNames: FormCodec.text(v, "givenNames"), familyName: FormCodec.text(v, "familyName"), aliases: aliases,
                                      birthDate: birth, gender: genders.id(FormCodec.choice(v, "gender")) ?? "onbekend",
                                      personDescription: FormCodec.text(v, "personDescription"))
        if identity.givenNames.isEmpty && identity.familyName.isEmpty && aliases.isEmpty && (identity.personDescription ?? "").isEmpty {
            errors["personDescription"] = L10n.t("validation.describePerson")
        }
        let sizeText = FormCodec.text(v, "groupSize")
        groupSize = 1
        if !sizeText.isEmpty {
            if let n = Int(sizeText), (1...30).contains(n) { groupSize = n } else { errors["groupSize"] = L10n.t("signal.badGroupSize") }
        }
        groupKind = groupKinds.id(FormCodec.choice(v, "groupKind")) ?? "inval"
        guard errors.isEmpty else { form.setErrors(errors); return .stay }
        let phone = FormCodec.text(v, "phone")
        let today = workspace.today
        let new = NewCase(
            identity: identity,
            origin: nationalities.isEmpty ? nil : ClientOrigin(nationalities: nationalities),
            contact: phone.isEmpty ? nil : ClientContact(phone: phone),
            referral: CaseReferral(referrerType: referrers.id(FormCodec.choice(v, "referrerType")) ?? "overig",
                                   organisation: FormCodec.text(v, "referrerOrganisation").nilIfEmpty,
                                   contactName: FormCodec.text(v, "referrerContact").nilIfEmpty,
                                   confidential: FormCodec.choice(v, "confidential") == 1, receivedOn: today),
            exploitation: CaseExploitation(forms: FormCodec.multi(v, "forms").compactMap { forms.id($0) },
                                           indicators: FormCodec.multi(v, "indicators").compactMap { indicators.id($0) },
                                           description: FormCodec.text(v, "seen").nilIfEmpty),
            coordinator: workspace.me, backup: nil, region: workspace.region, municipality: "onbekend", openedOn: today,
            phase: .signaal, urgency: Self.urgencies[FormCodec.choice(v, "urgency") ?? 1])
        let offers = findDuplicates(new)
        if offers.isEmpty { return create(new, linkTo: nil) }
        stage = .duplicates(offers, new, selected: 0)
        return .stay
    }

    func create(_ new: NewCase, linkTo offer: DuplicateOffer?) -> FlowOutcome {
        do {
            var backup = new
            // Achtervang from the start: the colleague who backs up most of my cases.
            backup.backup = workspace.summaries.filter { $0.coordinator == workspace.me }.compactMap(\.backup)
                .reduce(into: [UUID: Int]()) { $0[$1, default: 0] += 1 }.max { $0.value < $1.value }?.key
            let code = try workspace.store.write { tx -> CaseCode in
                let (id, code) = try tx.openCase(backup)
                if let offer { try tx.link(id, offer.caseID) }
                // The others in the group: what is known of them comes at their own intake.
                if groupSize > 1 {
                    let group = UUID()
                    try tx.addItem(id, GroupLink(groupID: group, groupKind: groupKind))
                    for n in 2...groupSize {
                        var other = backup
                        other.identity = ClientIdentity(givenNames: "", familyName: "", gender: "onbekend",
                                                        personDescription: L10n.t("signal.groupMember", n, groupSize, code.description))
                        other.origin = nil
                        other.contact = nil
                        let (otherID, _) = try tx.openCase(other)
                        try tx.addItem(otherID, GroupLink(groupID: group, groupKind: groupKind))
                    }
                }
                try tx.removeRecord(kind: .intakeDraft, entity: draftID)
                return code
            }
            if groupSize > 1 { return .done(message: L10n.t("signal.createdGroup", code.description, groupSize)) }
            return .done(message: offer.map { L10n.t("signal.createdLinked", code.description, $0.code.description) } ?? L10n.t("signal.created", code.description))
        } catch {
            generalError = SchakelError.from(error).message
            stage = .form
            return .stay
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        buffer.put(text: L10n.t("signal.intro"), in: area.row(0), style: theme[.muted])
        switch stage {
        case .form:
            form.render(into: &buffer, area: area.inset(top: 2, bottom: 2), theme: theme)
            if let generalError { buffer.put(text: generalError, in: area.row(area.height - 2), style: theme[.error]) }
        case .duplicates(let offers, _, let selected):
            buffer.put(text: L10n.t("signal.duplicatesIntro"), in: area.row(1), style: theme[.warning])
            let rows = [L10n.t("signal.newCase")] + offers.map { o in
                let who = privacy ? o.code.description : "\(o.code) · \(o.name)"
                return "\(who) · \(o.likely ? L10n.t("signal.likely") : L10n.t("signal.possible")) (\(Int(o.score * 100))%) · \(o.reasons)"
            }
            for (i, text) in rows.enumerated() where i + 3 < area.height {
                let row = area.row(i + 3)
                buffer.put(text: (i == selected ? "› " : "  ") + (i == 0 ? text : L10n.t("signal.linkTo") + " " + text), in: row,
                           style: i == selected ? theme[.selection] : theme[.text])
            }
        }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
