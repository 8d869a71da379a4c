import Foundation
import Core

/// The intake form: several steps, keyboard only, saved as an encrypted draft after every
/// step so it can be left half-done and resumed. Ends in one transaction that records
/// everything, moves the case to intake, and for a minor offers the next casusoverleg 18-.
public final class IntakeFlow: Flow {
    enum Stage: Equatable { case step(Int), offerCasusoverleg(isAcute: Bool) }

    let workspace: Workspace
    let caseID: UUID
    let code: CaseCode
    var stage: Stage = .step(0)
    var forms: [Form]
    var values: [String: String]
    var generalError: String?
    let draftID: UUID

    let genders = VocabularyOptions("genders")
    let exploitationForms = VocabularyOptions("exploitationForms")
    let sectors = VocabularyOptions("sectors")
    let indicators = VocabularyOptions("indicators")
    let levels = VocabularyOptions("needLevels")
    let domains = VocabularyOptions("needDomains")
    let terms = VocabularyOptions("preferredTerms")
    let residences = VocabularyOptions("residenceStatuses")
    let bases = VocabularyOptions("legalBases")
    let purposes = VocabularyOptions("sharingPurposes")
    let municipalities: [ReferenceData.Municipality]
    /// The signal's description of the person: with it, the names may stay empty.
    let personDescription: String?
    static let stepKeys = ["client", "exploitation", "needs", "goals", "residence", "consent"]
    static let noYes = [L10n.t("word.no"), L10n.t("word.yes")]

    public init(workspace: Workspace, caseID: UUID) throws {
        self.workspace = workspace
        self.caseID = caseID
        let file = try workspace.store.caseFile(caseID)
        code = file.code ?? CaseCode(year: 2000, randomBits: 0)
        municipalities = ReferenceData.shared.region(file.coordination?.region ?? "haaglanden")?.municipalities ?? []
        personDescription = file.identity?.personDescription
        let draft = (try workspace.store.drafts()).first { $0.draft.form == "intake" && $0.draft.caseID == caseID }
        draftID = draft?.id ?? UUID()
        values = [:]
        forms = []
        // The case's own data under the draft: a draft that lacks a field (written before the
        // field existed, or by the demo) must not erase it at the end. Fields emptied on
        // purpose are kept in the draft as "" and stay empty.
        values = prefill(file).merging(draft?.draft.values ?? [:]) { _, fromDraft in fromDraft }
        forms = Self.stepKeys.indices.map { step in
            let fields = self.fields(step)
            return Form(fields: fields, values: FormCodec.decode(values, fields: fields), strings: .standard(L10n.language == .en ? .en : .nl))
        }
        if let d = draft { stage = .step(min(max(0, d.draft.step), Self.stepKeys.count - 1)) }
    }

    /// Starts from what the case already holds (the signal's details).
    func prefill(_ file: CaseFile) -> [String: String] {
        var v: [String: String] = [:]
        func set(_ k: String, _ s: String?) { if let s, !s.isEmpty { v[k] = s } }
        set("givenNames", file.identity?.givenNames); set("familyName", file.identity?.familyName)
        set("aliases", file.identity?.aliases.joined(separator: ", ")); set("birthDate", file.identity?.birthDate?.display)
        set("gender", genders.index(file.identity?.gender).map(String.init))
        set("nationalities", file.origin?.nationalities.joined(separator: ", ")); set("languages", file.origin?.languages.joined(separator: ", "))
        set("interpreter", file.origin.map { $0.interpreterNeeded ? "1" : "0" }); set("phone", file.contact?.phone); set("address", file.contact?.address)
        set("municipality", municipalities.firstIndex { $0.id == file.coordination?.municipality }.map(String.init))
        set("forms", file.exploitation?.forms.compactMap { exploitationForms.index($0) }.map(String.init).joined(separator: ","))
        set("sectors", file.exploitation?.sectors.compactMap { sectors.index($0) }.map(String.init).joined(separator: ","))
        set("indicators", file.exploitation?.indicators.compactMap { indicators.index($0) }.map(String.init).joined(separator: ","))
        set("seen", file.exploitation?.description)
        set("residenceStatus", residences.index(file.status?.residenceStatus).map(String.init))
        set("goals", file.goals?.goals); set("preferredTerm", terms.index(file.goals?.preferredTerm).map(String.init))
        // What the case already holds must survive the intake: finish() rewrites these groups.
        func yesNo(_ b: Bool?) -> String? { b.map { $0 ? "1" : "0" } }
        set("crossBorder", file.exploitation?.crossBorder.map { $0 ? "2" : "1" })
        for d in domains.ids { set("need.\(d)", levels.index(file.needs?.levels[d]).map(String.init)) }
        set("needsNotes", file.needs?.notes)
        set("dublin", yesNo(file.status?.dublin)); set("lvb", yesNo(file.status?.lvb)); set("ggz", yesNo(file.status?.ggz))
        set("addiction", yesNo(file.status?.addiction)); set("unaccompanied", yesNo(file.status?.unaccompanied))
        set("comenshaBasis", bases.index(file.comensha?.legalBasis).map(String.init))
        return v
    }

    func fields(_ step: Int) -> [FormField] {
        func f(_ id: String, _ kind: FormFieldKind, required: Bool = false) -> FormField {
            FormField(id: id, label: L10n.t("intake.field.\(id)"), kind: kind, isRequired: required)
        }
        switch step {
        case 0: return [f("givenNames", .text(maxLength: 100)), f("familyName", .text(maxLength: 100)), f("aliases", .text(maxLength: 200)),
                        f("birthDate", .text(maxLength: 10)), f("gender", .choice(genders.labels)), f("nationalities", .text(maxLength: 60)),
                        f("languages", .text(maxLength: 60)), f("interpreter", .choice(Self.noYes)), f("phone", .text(maxLength: 40)),
                        f("address", .text(maxLength: 200)), f("municipality", .choice(municipalities.map(\.name)), required: true)]
        case 1: return [f("forms", .multiChoice(exploitationForms.labels)), f("sectors", .multiChoice(sectors.labels)),
                        f("indicators", .multiChoice(indicators.labels)),
                        f("crossBorder", .choice([L10n.t("word.unknown"), L10n.t("intake.domestic"), L10n.t("intake.crossBorder")])),
                        f("seen", .text(maxLength: 2000))]
        case 2: return domains.ids.map { f("need.\($0)", .choice(levels.labels)) } + [f("needsNotes", .text(maxLength: 2000))]
        case 3: return [f("goals", .text(maxLength: 2000)), f("preferredTerm", .choice(terms.labels))]
        case 4: return [f("residenceStatus", .choice(residences.labels), required: true), f("dublin", .choice(Self.noYes)),
                        f("lvb", .choice(Self.noYes)), f("ggz", .choice(Self.noYes)), f("addiction", .choice(Self.noYes)),
                        f("unaccompanied", .choice(Self.noYes))]
        default: return [f("comenshaBasis", .choice(bases.labels)), f("consentPurposes", .multiChoice(purposes.labels)),
                         f("consentBasis", .choice(bases.labels)), f("aangifte", .choice(Self.noYes)), f("aangifteDate", .date)]
        }
    }

    public var title: String { "\(L10n.t("intake.flowTitle")) · \(code)" }
    public var hint: String {
        if case .offerCasusoverleg = stage { return L10n.t("intake.hint.offer") }
        return L10n.t("intake.hint.step")
    }

    var currentStep: Int { if case .step(let s) = stage { return s }; return Self.stepKeys.count - 1 }

    func saveDraft(step: Int) throws {
        try workspace.store.write { tx in
            try tx.saveDraft(draftID, IntakeDraft(form: "intake", caseID: caseID, step: step, values: values, savedAt: workspace.store.clock.now()))
        }
    }

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        switch stage {
        case .offerCasusoverleg:
            guard case .key(let key) = event else { return .stay }
            switch key {
            case .char("j"), .char("y"), KeyEvent(.enter):
                do {
                    let org = workspace.users[workspace.me]?.organisation ?? "shop"
                    try workspace.store.write { tx in
                        try tx.addToNextCasusoverleg(caseID, question: L10n.t("intake.casusoverlegQuestion"), broughtBy: org, on: workspace.today)
                    }
                    return .done(message: L10n.t("intake.doneAgenda", code.description))
                } catch { generalError = SchakelError.from(error).message; return .stay }
            case .char("n"), KeyEvent(.escape): return .done(message: L10n.t("intake.done", code.description))
            default: return .stay
            }
        case .step(let step):
            if case .key(let key) = event, key == KeyEvent(.pageUp), step > 0 {
                absorb(step, forms[step].values)
                stage = .step(step - 1)
                return .stay
            }
            switch forms[step].handle(event, area: formArea(area)) {
            case .action(.cancel):
                return .close(message: suspend())
            case .action(.submit(let v)):
                let errors = validate(step, v)
                guard errors.isEmpty else { forms[step].setErrors(errors); return .stay }
                absorb(step, v)
                if step + 1 < Self.stepKeys.count {
                    do { try saveDraft(step: step + 1) } catch { generalError = SchakelError.from(error).message; return .stay }
                    stage = .step(step + 1)
                    return .stay
                }
                return finish()
            default: return .stay
            }
        }
    }

    /// Takes a step's form values into `values`, replacing that step's fields: a field
    /// emptied on purpose is kept as "" so it does not come back from the draft or the case.
    func absorb(_ step: Int, _ v: [String: FormValue]) {
        for f in forms[step].fields { values[f.id] = "" }
        values.merge(FormCodec.encode(v)) { _, new in new }
    }

    func formArea(_ area: Rect) -> Rect { area.inset(top: 3, bottom: 6) }

    public func suspend() -> String? {
        guard case .step(let step) = stage else { return nil }
        absorb(step, forms[step].values)
        do { try saveDraft(step: step); return L10n.t("draft.saved") } catch { return SchakelError.from(error).message }
    }

    func all() -> [String: FormValue] {
        var out: [String: FormValue] = [:]
        for (i, f) in forms.enumerated() {
            let fieldValues = FormCodec.decode(values, fields: f.fields)
            out.merge(i == currentStep ? f.values : fieldValues) { _, new in new }
        }
        return out
    }

    /// Domain checks per step; messages appear next to the fields.
    func validate(_ step: Int, _ v: [String: FormValue]) -> [String: String] {
        var errors: [String: String] = [:]
        func check(_ id: String, _ body: () throws -> Void) {
            do { try body() } catch let e as SchakelError { errors[id] = e.message } catch { errors[id] = L10n.t("import.unknown") }
        }
        switch step {
        case 0:
            for id in ["givenNames", "familyName", "aliases", "phone", "address"] {
                check(id) { _ = try Validation.line(FormCodec.text(v, id), field: id, max: 200) }
            }
            let b = FormCodec.text(v, "birthDate")
            if !b.isEmpty, BirthDate(parsing: b).map({ $0.age(on: workspace.today) >= 0 }) != true { errors["birthDate"] = L10n.t("signal.badBirthDate") }
            if Self.countries(FormCodec.text(v, "nationalities")) == nil { errors["nationalities"] = L10n.t("signal.unknownCountry") }
            if Self.languages(FormCodec.text(v, "languages")) == nil { errors["languages"] = L10n.t("intake.unknownLanguage") }
            // Checked here, not only when the last step is saved.
            if ["givenNames", "familyName", "aliases"].allSatisfy({ FormCodec.text(v, $0).isEmpty }) && (personDescription ?? "").isEmpty {
                errors["givenNames"] = L10n.t("validation.describePerson")
            }
        case 1, 3:
            for id in ["seen", "goals"] where v[id] != nil { check(id) { _ = try Validation.text(FormCodec.text(v, id), field: "description") } }
        case 2:
            check("needsNotes") { _ = try Validation.text(FormCodec.text(v, "needsNotes"), field: "note") }
        case 5:
            if FormCodec.choice(v, "aangifte") == 1, case .date(let d)? = v["aangifteDate"], let d, d > workspace.today {
                errors["aangifteDate"] = L10n.t("intake.futureDate")
            }
        default: break
        }
        return errors
    }

    /// Country codes from "PL, Roemenië, nigeria"; nil if any part is unknown.
    static func countries(_ text: String) -> [String]? {
        codes(text, ReferenceData.shared.countries.map { ($0.code, $0.nl, $0.en) }) { $0.uppercased() }
    }

    /// Language codes from "pl, Roemeens, english"; nil if any part is unknown.
    static func languages(_ text: String) -> [String]? {
        codes(text, ReferenceData.shared.languages.map { ($0.code, $0.nl, $0.en) }) { $0.lowercased() }
    }

    static func codes(_ text: String, _ table: [(code: String, nl: String, en: String)], normalise: (String) -> String) -> [String]? {
        var out: [String] = []
        for part in text.split(whereSeparator: { ",;/".contains($0) }).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let folded = TextMatch.fold(part)
            guard let entry = table.first(where: { $0.code == normalise(part) || TextMatch.fold($0.nl) == folded || TextMatch.fold($0.en) == folded })
            else { return nil }
            out.append(entry.code)
        }
        return out
    }

    func routing(_ v: [String: FormValue]) -> RoutingSuggestion {
        let age = BirthDate(parsing: FormCodec.text(v, "birthDate"))?.age(on: workspace.today)
        return RoutingSuggestion(.init(age: age, residenceStatus: residences.id(FormCodec.choice(v, "residenceStatus")) ?? "onbekend",
                                       unaccompanied: FormCodec.choice(v, "unaccompanied") == 1, lvb: FormCodec.choice(v, "lvb") == 1,
                                       ggz: FormCodec.choice(v, "ggz") == 1, addiction: FormCodec.choice(v, "addiction") == 1,
                                       forms: FormCodec.multi(v, "forms").compactMap { exploitationForms.id($0) }))
    }

    /// Everything in one transaction; the draft goes in the same one.
    func finish() -> FlowOutcome {
        let v = all()
        let route = routing(v)
        do {
            try workspace.store.write { tx in
                let file = try tx.currentCase(caseID)
                let today = workspace.today
                let aliases = FormCodec.text(v, "aliases").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                try tx.update(caseID, ClientIdentity(givenNames: FormCodec.text(v, "givenNames"), familyName: FormCodec.text(v, "familyName"),
                                                     aliases: aliases, birthDate: BirthDate(parsing: FormCodec.text(v, "birthDate")),
                                                     gender: genders.id(FormCodec.choice(v, "gender")) ?? "onbekend",
                                                     personDescription: file.identity?.personDescription))
                try tx.update(caseID, ClientOrigin(nationalities: Self.countries(FormCodec.text(v, "nationalities")) ?? [],
                                                   languages: Self.languages(FormCodec.text(v, "languages")) ?? [],
                                                   interpreterNeeded: FormCodec.choice(v, "interpreter") == 1))
                try tx.update(caseID, ClientContact(phone: FormCodec.text(v, "phone").nilIfEmpty, address: FormCodec.text(v, "address").nilIfEmpty))
                if let c = file.coordination, let m = FormCodec.choice(v, "municipality"), municipalities.indices.contains(m) {
                    try tx.update(caseID, CaseCoordination(coordinator: c.coordinator, backup: c.backup, region: c.region, municipality: municipalities[m].id))
                }
                let cross = FormCodec.choice(v, "crossBorder")
                try tx.update(caseID, CaseExploitation(forms: FormCodec.multi(v, "forms").compactMap { exploitationForms.id($0) },
                                                       sectors: FormCodec.multi(v, "sectors").compactMap { sectors.id($0) },
                                                       indicators: FormCodec.multi(v, "indicators").compactMap { indicators.id($0) },
                                                       crossBorder: cross == 1 ? false : cross == 2 ? true : nil,
                                                       description: FormCodec.text(v, "seen").nilIfEmpty))
                var needLevels: [String: String] = [:]
                for d in domains.ids { if let l = levels.id(FormCodec.choice(v, "need.\(d)")) { needLevels[d] = l } }
                try tx.update(caseID, IntakeNeeds(levels: needLevels, notes: FormCodec.text(v, "needsNotes").nilIfEmpty))
                let goals = FormCodec.text(v, "goals")
                if !goals.isEmpty || FormCodec.choice(v, "preferredTerm") != nil {
                    try tx.update(caseID, ClientGoals(goals: goals, preferredTerm: terms.id(FormCodec.choice(v, "preferredTerm")) ?? "slachtoffer"))
                }
                try tx.update(caseID, ClientStatus(residenceStatus: residences.id(FormCodec.choice(v, "residenceStatus")) ?? "onbekend",
                                                   dublin: FormCodec.choice(v, "dublin") == 1, lvb: FormCodec.choice(v, "lvb") == 1,
                                                   ggz: FormCodec.choice(v, "ggz").map { $0 == 1 }, addiction: FormCodec.choice(v, "addiction").map { $0 == 1 },
                                                   unaccompanied: FormCodec.choice(v, "unaccompanied").map { $0 == 1 }))
                if let basis = bases.id(FormCodec.choice(v, "comenshaBasis")) {
                    try tx.update(caseID, ComenshaRegistration(status: file.comensha?.status ?? "te-melden", date: file.comensha?.date, legalBasis: basis))
                }
                let consentBasis = bases.id(FormCodec.choice(v, "consentBasis")) ?? "toestemming"
                let existing = Set(file.consents.values.filter(\.isActive).map(\.purpose))
                for p in FormCodec.multi(v, "consentPurposes").compactMap({ purposes.id($0) }) where !existing.contains(p) {
                    try tx.addItem(caseID, Consent(purpose: p, legalBasis: consentBasis, givenOn: today))
                }
                if FormCodec.choice(v, "aangifte") == 1 {
                    var date: CalendarDate?
                    if case .date(let d)? = v["aangifteDate"] { date = d }
                    try tx.update(caseID, Aangifte(filed: true, date: date))
                }
                if let phase = file.phase?.phase, phase == .signaal || phase == .aanmelding {
                    try tx.changePhase(caseID, to: .intake, on: max(today, file.phase!.since))
                }
                if route.acuteSafety, let opening = file.opening, opening.urgency != "acuut" {
                    try tx.update(caseID, CaseOpening(code: opening.code, openedOn: opening.openedOn, urgency: "acuut"))
                }
                try tx.removeRecord(kind: .intakeDraft, entity: draftID)
            }
        } catch {
            generalError = SchakelError.from(error).message
            return .stay
        }
        if route.offerCasusoverleg { stage = .offerCasusoverleg(isAcute: route.acuteSafety); return .stay }
        return .done(message: L10n.t("intake.done", code.description))
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        switch stage {
        case .offerCasusoverleg(let acute):
            var y = area.y + 1
            if acute {
                buffer.put(text: "! " + L10n.t("intake.acute"), in: Rect(x: area.x, y: y, width: area.width, height: 1), style: theme[.danger]); y += 2
            }
            buffer.put(text: L10n.t("intake.offerCasusoverleg"), in: Rect(x: area.x, y: y, width: area.width, height: 1), style: theme[.text])
        case .step(let step):
            let steps = Self.stepKeys.enumerated().map { i, k in (i == step ? "[" : " ") + "\(i + 1) " + L10n.t("intake.step.\(k)") + (i == step ? "]" : " ") }
            buffer.put(text: steps.joined(separator: " "), in: area.row(0), style: theme[.tableHeader])
            buffer.put(text: L10n.t("intake.stepIntro.\(Self.stepKeys[step])"), in: area.row(1), style: theme[.muted])
            forms[step].render(into: &buffer, area: formArea(area), theme: theme)
            if step == 4 {
                let r = routing(all())
                let routeText = L10n.t("intake.routing") + ": " + r.routes.map(RoutingSuggestion.label).joined(separator: " / ")
                let reasons = "   " + L10n.t("intake.because") + ": " + r.reasons.map(RoutingSuggestion.label).joined(separator: ", ")
                buffer.put(text: routeText, in: area.row(area.height - 5), style: theme[.ok])
                buffer.put(text: reasons, in: area.row(area.height - 4), style: theme[.muted])
                if r.acuteSafety { buffer.put(text: "! " + L10n.t("intake.acute"), in: area.row(area.height - 3), style: theme[.danger]) }
            }
        }
        if let generalError { buffer.put(text: generalError, in: area.row(area.height - 2), style: theme[.error]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
    }
}
