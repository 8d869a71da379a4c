import Foundation
import Core

/// The forms of the case detail. Each builds its fields with the current values and a
/// submit closure that validates and writes in one transaction; errors keep the form open.
extension CaseDetail {
    var organisations: [ReferenceData.Organisation] {
        let own = ReferenceData.shared.region(file.coordination?.region ?? workspace.region)?.organisations ?? []
        let list = own.isEmpty ? ReferenceData.shared.regions.flatMap(\.organisations) : own
        return list.sorted { $0.name.localizedCaseInsensitiveCompare($1.name) == .orderedAscending }
    }

    /// Who can take a client in: shelters, care and youth care (not the police or the IND).
    var providers: [ReferenceData.Organisation] {
        let p = organisations.filter { ["opvang", "zorg", "jeugd"].contains($0.kind) }
        return p.isEmpty ? organisations : p
    }

    /// Colleagues who can hold a case (coordinators and chairs), by name.
    var colleagues: [(id: UUID, name: String)] {
        workspace.users.filter { $0.value.role.may(.writeCases) }.map { ($0.key, $0.value.name) }.sorted { $0.name < $1.name }
    }

    func write(_ body: (StoreTransaction) throws -> Void) throws {
        try workspace.store.write { tx in try body(tx) }
    }

    func date(_ v: [String: FormValue], _ id: String) -> CalendarDate? {
        if case .date(let d)? = v[id] { return d }
        return nil
    }

    func requireDate(_ v: [String: FormValue], _ id: String, notAfterToday: Bool = true) throws -> CalendarDate {
        guard let d = date(v, id) else { throw SchakelError(.validation, L10n.t("validation.badDate", L10n.t("field.\(id)"))) }
        if notAfterToday && d > today { throw SchakelError(.validation, L10n.t("validation.futureDate")) }
        return d
    }

    // MARK: notes and contact

    func noteEditor(kind: String) -> ItemEditor {
        let kinds = VocabularyOptions("noteKinds")
        return ItemEditor(title: L10n.t("detail.form.note", code), fields: [
            FormField(id: "noteKind", label: L10n.t("field.noteKind"), kind: .choice(kinds.labels), isRequired: true),
            FormField(id: "date", label: L10n.t("field.date"), kind: .date, isRequired: true),
            FormField(id: "text", label: L10n.t("field.text"), kind: .text(maxLength: 4000), isRequired: true),
        ], values: ["noteKind": .choice(kinds.index(kind)), "date": .date(today)]) { [unowned self] v in
            let day = try requireDate(v, "date")
            let k = kinds.id(FormCodec.choice(v, "noteKind")) ?? kind
            try write { tx in try tx.logNote(caseID, kind: k, text: FormCodec.text(v, "text"), on: day) }
            return L10n.t("detail.done.note", ReferenceData.shared.label("noteKinds", k))
        }
    }

    // MARK: actions

    func actionEditor(_ id: UUID?) -> ItemEditor {
        let existing = id.flatMap { file.actions[$0] }
        let owners: [(id: String, label: String)] = colleagues.map { ($0.id.uuidString, $0.name) } + organisations.map { ($0.id, $0.name) }
        let statuses = CaseAction.statuses
        var values: [String: FormValue] = ["owner": .choice(owners.firstIndex { $0.id == workspace.me.uuidString })]
        if let a = existing {
            values = ["title": .text(a.title), "owner": .choice(owners.firstIndex { $0.id == a.owner }), "due": .date(a.due),
                      "status": .choice(statuses.firstIndex(of: a.status))]
        }
        var fields = [
            FormField(id: "title", label: L10n.t("field.title"), kind: .text(maxLength: 200), isRequired: true),
            FormField(id: "owner", label: L10n.t("field.owner"), kind: .choice(owners.map(\.label)), isRequired: true),
            FormField(id: "due", label: L10n.t("field.due"), kind: .date),
        ]
        if existing != nil { fields.append(FormField(id: "status", label: L10n.t("field.status"), kind: .choice(statuses.map(CaseAction.statusLabel)), isRequired: true)) }
        return ItemEditor(title: L10n.t(existing == nil ? "detail.form.newAction" : "detail.form.editAction", code), fields: fields, values: values) { [unowned self] v in
            guard let o = FormCodec.choice(v, "owner"), owners.indices.contains(o) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.owner"))) }
            let status = existing == nil ? "open" : statuses[FormCodec.choice(v, "status") ?? 0]
            var action = CaseAction(title: FormCodec.text(v, "title"), owner: owners[o].id, due: date(v, "due"), status: status,
                                    doneOn: status == "open" ? nil : (existing?.doneOn ?? today))
            if status == "open" { action.doneOn = nil }
            try write { tx in try tx.addItem(caseID, action, id: id ?? UUID()) }
            return L10n.t("detail.done.action")
        }
    }

    func finishSelectedAction() {
        guard case .action(let id)? = selectedRow?.target, let a = file.actions[id], a.isOpen else { return }
        do {
            try write { tx in try tx.finishAction(caseID, actionID: id, status: "gedaan", on: today) }
            try refresh()
            status = (L10n.t("detail.done.actionDone"), false)
        } catch { status = (SchakelError.from(error).message, true) }
    }

    // MARK: care network

    func networkEditor(_ id: UUID?) -> ItemEditor {
        let existing = id.flatMap { file.careNetwork[$0] }
        let orgs = organisations
        var values: [String: FormValue] = ["active": .choice(0)]
        if let n = existing {
            values = ["organisation": .choice(orgs.firstIndex { $0.id == n.organisation }), "role": .text(n.role), "contactName": .text(n.contactName ?? ""),
                      "phone": .text(n.contactPhone ?? ""), "agreement": .text(n.agreement ?? ""), "active": .choice(n.active ? 0 : 1)]
        }
        return ItemEditor(title: L10n.t(existing == nil ? "detail.form.newNetwork" : "detail.form.editNetwork", code), fields: [
            FormField(id: "organisation", label: L10n.t("field.organisation"), kind: .choice(orgs.map(\.name)), isRequired: true),
            FormField(id: "role", label: L10n.t("field.role"), kind: .text(maxLength: 120), isRequired: true),
            FormField(id: "contactName", label: L10n.t("field.contactName"), kind: .text(maxLength: 120)),
            FormField(id: "phone", label: L10n.t("field.phone"), kind: .text(maxLength: 40)),
            FormField(id: "agreement", label: L10n.t("field.agreement"), kind: .text(maxLength: 2000)),
            FormField(id: "active", label: L10n.t("field.active"), kind: .choice([L10n.t("ui.yes"), L10n.t("ui.no")]), isRequired: true),
        ], values: values) { [unowned self] v in
            guard let o = FormCodec.choice(v, "organisation"), orgs.indices.contains(o) else {
                throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.organisation")))
            }
            let entry = CareNetworkEntry(organisation: orgs[o].id, contactName: FormCodec.text(v, "contactName").nilIfEmpty,
                                         contactPhone: FormCodec.text(v, "phone").nilIfEmpty, role: FormCodec.text(v, "role"),
                                         agreement: FormCodec.text(v, "agreement").nilIfEmpty, active: FormCodec.choice(v, "active") != 1)
            try write { tx in try tx.addItem(caseID, entry, id: id ?? UUID()) }
            return L10n.t("detail.done.network", orgs[o].name)
        }
    }

    // MARK: placements

    func attemptEditor() -> ItemEditor {
        let shelters = VocabularyOptions("shelterTypes")
        let reasons = VocabularyOptions("placementRejectionReasons")
        let orgs = providers
        return ItemEditor(title: L10n.t("detail.form.attempt", code), fields: [
            FormField(id: "date", label: L10n.t("field.date"), kind: .date, isRequired: true),
            FormField(id: "shelterType", label: L10n.t("field.shelterType"), kind: .choice(shelters.labels), isRequired: true),
            FormField(id: "organisation", label: L10n.t("field.organisation"), kind: .choice(orgs.map(\.name)), isRequired: true),
            FormField(id: "outcome", label: L10n.t("field.outcome"), kind: .choice([L10n.t("detail.rejected"), L10n.t("detail.accepted")]), isRequired: true),
            FormField(id: "rejectionReason", label: L10n.t("field.rejectionReason"), kind: .choice(reasons.labels)),
            FormField(id: "note", label: L10n.t("field.note"), kind: .text(maxLength: 500)),
        ], values: ["date": .date(today), "outcome": .choice(0)]) { [unowned self] v in
            let day = try requireDate(v, "date")
            guard let shelter = shelters.id(FormCodec.choice(v, "shelterType")) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.shelterType"))) }
            guard let o = FormCodec.choice(v, "organisation"), orgs.indices.contains(o) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.organisation"))) }
            let accepted = FormCodec.choice(v, "outcome") == 1
            let reason = accepted ? nil : reasons.id(FormCodec.choice(v, "rejectionReason"))
            let attempt = PlacementAttempt(on: day, shelterType: shelter, organisation: orgs[o].id, accepted: accepted, rejectionReason: reason,
                                           note: FormCodec.text(v, "note").nilIfEmpty)
            try write { tx in try tx.recordPlacementAttempt(caseID, attempt) }
            return L10n.t(accepted ? "detail.done.placed" : "detail.done.rejected", orgs[o].name)
        }
    }

    func onwardCareEditor() -> ItemEditor {
        let shelters = VocabularyOptions("shelterTypes")
        let w = file.onwardCare
        return ItemEditor(title: L10n.t("detail.form.onwardCare", code), fields: [
            FormField(id: "need", label: L10n.t("field.need"), kind: .choice(shelters.labels), isRequired: true),
            FormField(id: "since", label: L10n.t("field.since"), kind: .date, isRequired: true),
            FormField(id: "resolvedOn", label: L10n.t("field.resolvedOn"), kind: .date),
        ], values: ["need": .choice(shelters.index(w?.need)), "since": .date(w?.since ?? today), "resolvedOn": .date(w?.resolvedOn)]) { [unowned self] v in
            guard let need = shelters.id(FormCodec.choice(v, "need")) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.need"))) }
            let since = try requireDate(v, "since")
            try write { tx in try tx.update(caseID, OnwardCare(need: need, since: since, resolvedOn: date(v, "resolvedOn"))) }
            return L10n.t("detail.done.saved")
        }
    }

    /// A placement's end (the client left the shelter), or a correction of its dates.
    func placementEditor(_ id: UUID) -> ItemEditor? {
        guard let p = file.placements[id] else { return nil }
        return periodEditor(title: L10n.t("detail.form.placement", ReferenceData.shared.label("shelterTypes", p.shelterType)),
                            start: ("from", p.from), end: ("until", p.until)) { [unowned self] from, until in
            var placement = p
            placement.from = from; placement.until = until
            try write { tx in try tx.addItem(caseID, placement, id: id) }
        }
    }

    /// A consent's withdrawal (the date it was withdrawn) or its correction.
    func consentEditor(_ id: UUID) -> ItemEditor? {
        guard let c = file.consents[id] else { return nil }
        return periodEditor(title: L10n.t("detail.form.consent", ReferenceData.shared.label("sharingPurposes", c.purpose)),
                            start: ("givenOn", c.givenOn), end: ("withdrawnOn", c.withdrawnOn)) { [unowned self] given, withdrawn in
            var consent = c
            consent.givenOn = given; consent.withdrawnOn = withdrawn
            try write { tx in try tx.addItem(caseID, consent, id: id) }
        }
    }

    /// An item's start date (required, not in the future) and optional end (not before the start).
    func periodEditor(title: String, start: (id: String, value: CalendarDate), end: (id: String, value: CalendarDate?),
                      save: @escaping (CalendarDate, CalendarDate?) throws -> Void) -> ItemEditor {
        ItemEditor(title: title, fields: [
            FormField(id: start.id, label: L10n.t("field.\(start.id)"), kind: .date, isRequired: true),
            FormField(id: end.id, label: L10n.t("field.\(end.id)"), kind: .date),
        ], values: [start.id: .date(start.value), end.id: .date(end.value)]) { [unowned self] v in
            let from = try requireDate(v, start.id)
            let until = date(v, end.id)
            if let until, until < from { throw SchakelError(.validation, L10n.t("validation.endBeforeStart")) }
            try save(from, until)
            return L10n.t("detail.done.saved")
        }
    }

    // MARK: phase, backup, transition, safety

    func phaseEditor() -> ItemEditor? {
        guard let current = file.phase?.phase else { return nil }
        closingAcknowledged = false
        let next = current.next
        let closure = VocabularyOptions("closureReasons"), change = VocabularyOptions("phaseChangeReasons")
        let reasons: [(id: String, label: String, closing: Bool)] = change.ids.indices.map { (change.ids[$0], change.labels[$0], false) }
            + closure.ids.indices.map { (closure.ids[$0], L10n.t("detail.closurePrefix") + closure.labels[$0], true) }
        return ItemEditor(title: L10n.t("detail.form.phase", code, current.label), fields: [
            FormField(id: "phase", label: L10n.t("field.phase"), kind: .choice(next.map(\.label)), isRequired: true),
            FormField(id: "date", label: L10n.t("field.date"), kind: .date, isRequired: true),
            FormField(id: "reason", label: L10n.t("field.reason"), kind: .choice(reasons.map(\.label))),
            FormField(id: "note", label: L10n.t("field.note"), kind: .text(maxLength: 500)),
        ], values: ["date": .date(today)]) { [unowned self] v in
            guard let p = FormCodec.choice(v, "phase"), next.indices.contains(p) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.phase"))) }
            let target = next[p]
            let day = try requireDate(v, "date")
            let reason = FormCodec.choice(v, "reason").flatMap { reasons.indices.contains($0) ? reasons[$0] : nil }
            if let reason, reason.closing != (target == .afgesloten) {
                throw SchakelError(.validation, L10n.t(target == .afgesloten ? "detail.needClosureReason" : "detail.noClosureReason"))
            }
            if target == .afgesloten {
                let looseEnds = closingLooseEnds()
                if !looseEnds.isEmpty && !closingAcknowledged {
                    closingAcknowledged = true
                    throw SchakelError(.validation, L10n.t("detail.closeLooseEnds", looseEnds.joined(separator: ", ")))
                }
            }
            try write { tx in
                try tx.changePhase(caseID, to: target, on: day, reason: reason?.id, note: FormCodec.text(v, "note").nilIfEmpty)
                // A closed case waits for nothing.
                if target == .afgesloten, var wait = file.onwardCare, wait.isWaiting, day >= wait.since {
                    wait.resolvedOn = day
                    try tx.update(caseID, wait)
                }
            }
            closingAcknowledged = false
            return L10n.t("detail.done.phase", target.label)
        }
    }

    /// What is still running on a case that is about to be closed.
    func closingLooseEnds() -> [String] {
        var out: [String] = []
        let open = file.actions.values.filter(\.isOpen).count
        if open > 0 { out.append(L10n.t("detail.looseActions", open)) }
        if file.onwardCare?.isWaiting == true { out.append(L10n.t("detail.looseWaiting")) }
        if file.placements.values.contains(where: { $0.until == nil }) { out.append(L10n.t("detail.loosePlacement")) }
        return out
    }

    func backupEditor() -> ItemEditor? {
        guard let c = file.coordination else { return nil }
        let options = colleagues.filter { $0.id != c.coordinator }
        return ItemEditor(title: L10n.t("detail.form.backup", code), fields: [
            FormField(id: "coordinator", label: L10n.t("field.coordinator"), kind: .choice(colleagues.map(\.name)), isRequired: true),
            FormField(id: "backup", label: L10n.t("field.backup"), kind: .choice(options.map(\.name)), isRequired: true),
        ], values: ["coordinator": .choice(colleagues.firstIndex { $0.id == c.coordinator }), "backup": .choice(options.firstIndex { $0.id == c.backup })]) { [unowned self] v in
            guard let ci = FormCodec.choice(v, "coordinator"), colleagues.indices.contains(ci),
                  let bi = FormCodec.choice(v, "backup"), options.indices.contains(bi) else {
                throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.backup")))
            }
            let coordinator = colleagues[ci].id, backup = options[bi].id
            guard coordinator != backup else { throw SchakelError(.validation, L10n.t("detail.backupIsCoordinator")) }
            try write { tx in
                try tx.update(caseID, CaseCoordination(coordinator: coordinator, backup: backup, region: c.region, municipality: c.municipality))
            }
            return L10n.t("detail.done.saved")
        }
    }

    func transitionEditor() -> ItemEditor {
        let statuses = VocabularyOptions("transitionPlanStatuses")
        let orgs = organisations
        let t = file.transition
        return ItemEditor(title: L10n.t("detail.form.transition", code), fields: [
            FormField(id: "status", label: L10n.t("field.status"), kind: .choice(statuses.labels), isRequired: true),
            FormField(id: "receivingOrganisation", label: L10n.t("field.receivingOrganisation"), kind: .choice(orgs.map(\.name))),
            FormField(id: "agreedOn", label: L10n.t("field.agreedOn"), kind: .date),
            FormField(id: "plan", label: L10n.t("field.plan"), kind: .text(maxLength: 5000)),
        ], values: ["status": .choice(statuses.index(t?.status ?? "in-voorbereiding")), "receivingOrganisation": .choice(orgs.firstIndex { $0.id == t?.receivingOrganisation }),
                    "agreedOn": .date(t?.agreedOn), "plan": .text(t?.plan ?? "")]) { [unowned self] v in
            let status = statuses.id(FormCodec.choice(v, "status")) ?? "geen"
            let org = FormCodec.choice(v, "receivingOrganisation").flatMap { orgs.indices.contains($0) ? orgs[$0].id : nil }
            try write { tx in try tx.update(caseID, TransitionPlan(status: status, receivingOrganisation: org, agreedOn: date(v, "agreedOn"), plan: FormCodec.text(v, "plan").nilIfEmpty)) }
            return L10n.t("detail.done.saved")
        }
    }

    func safetyEditor() -> ItemEditor {
        let s = file.safety
        return ItemEditor(title: L10n.t("detail.form.safety", code), fields: [
            FormField(id: "secretAddress", label: L10n.t("field.secretAddress"), kind: .choice([L10n.t("ui.no"), L10n.t("ui.yes")]), isRequired: true),
            FormField(id: "plan", label: L10n.t("field.safetyPlan"), kind: .text(maxLength: 5000)),
            FormField(id: "reviewedOn", label: L10n.t("field.reviewedOn"), kind: .date),
        ], values: ["secretAddress": .choice(s?.secretAddress == true ? 1 : 0), "plan": .text(s?.plan ?? ""), "reviewedOn": .date(s?.reviewedOn ?? today)]) { [unowned self] v in
            try write { tx in
                try tx.update(caseID, CaseSafety(plan: FormCodec.text(v, "plan").nilIfEmpty, secretAddress: FormCodec.choice(v, "secretAddress") == 1,
                                                 reviewedOn: date(v, "reviewedOn")))
            }
            return L10n.t("detail.done.saved")
        }
    }

    // MARK: the client

    func identityEditor() -> ItemEditor? {
        guard let i = file.identity else { return nil }
        let genders = VocabularyOptions("genders")
        return ItemEditor(title: L10n.t("detail.form.identity", code), fields: [
            FormField(id: "givenNames", label: L10n.t("field.givenNames"), kind: .text(maxLength: 100)),
            FormField(id: "familyName", label: L10n.t("field.familyName"), kind: .text(maxLength: 100)),
            FormField(id: "aliases", label: L10n.t("field.aliasesComma"), kind: .text(maxLength: 300)),
            FormField(id: "birthDate", label: L10n.t("field.birthDateOrYear"), kind: .text(maxLength: 10)),
            FormField(id: "gender", label: L10n.t("field.gender"), kind: .choice(genders.labels), isRequired: true),
            FormField(id: "personDescription", label: L10n.t("field.personDescription"), kind: .text(maxLength: 500)),
        ], values: ["givenNames": .text(i.givenNames), "familyName": .text(i.familyName), "aliases": .text(i.aliases.joined(separator: ", ")),
                    "birthDate": .text(i.birthDate.map { b in if case .exact(let d) = b { return d.dutch } else { return b.display } } ?? ""),
                    "gender": .choice(genders.index(i.gender)), "personDescription": .text(i.personDescription ?? "")]) { [unowned self] v in
            let birthText = FormCodec.text(v, "birthDate")
            var birth: BirthDate?
            if !birthText.isEmpty {
                guard let b = BirthDate(parsing: birthText) else { throw SchakelError(.validation, L10n.t("validation.badDate", L10n.t("field.birthDate"))) }
                birth = b
            }
            let identity = ClientIdentity(givenNames: FormCodec.text(v, "givenNames"), familyName: FormCodec.text(v, "familyName"),
                                          aliases: FormCodec.text(v, "aliases").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                                          birthDate: birth, gender: genders.id(FormCodec.choice(v, "gender")) ?? "onbekend",
                                          personDescription: FormCodec.text(v, "personDescription").nilIfEmpty)
            try write { tx in try tx.update(caseID, identity) }
            return L10n.t("detail.done.saved")
        }
    }

    func contactEditor() -> ItemEditor {
        let c = file.contact
        return ItemEditor(title: L10n.t("detail.form.contact", code), fields: [
            FormField(id: "phone", label: L10n.t("field.phone"), kind: .text(maxLength: 40)),
            FormField(id: "address", label: L10n.t(file.hasSecretAddress ? "field.addressSecret" : "field.address"), kind: .text(maxLength: 200)),
        ], values: ["phone": .text(c?.phone ?? ""), "address": .text(c?.address ?? "")]) { [unowned self] v in
            try write { tx in try tx.update(caseID, ClientContact(phone: FormCodec.text(v, "phone").nilIfEmpty, address: FormCodec.text(v, "address").nilIfEmpty)) }
            return L10n.t("detail.done.saved")
        }
    }

    // MARK: removing

    func removeSelected() {
        guard let row = selectedRow else { return }
        switch row.target {
        case .network(let id):
            guard var n = file.careNetwork[id], n.active else { return }
            confirm = (ConfirmDialog(title: L10n.t("detail.confirm.endNetwork"), message: CareLabels.organisation(n.organisation),
                                     confirmLabel: L10n.t("dialog.yes"), cancelLabel: L10n.t("dialog.no")), { [unowned self] in
                n.active = false
                try write { tx in try tx.addItem(caseID, n, id: id) }
                return L10n.t("detail.done.saved")
            })
        case .action(let id):
            guard let a = file.actions[id], a.isOpen else { return }
            confirm = (ConfirmDialog(title: L10n.t("detail.confirm.lapseAction"), message: text(a.title),
                                     confirmLabel: L10n.t("dialog.yes"), cancelLabel: L10n.t("dialog.no")), { [unowned self] in
                try write { tx in try tx.finishAction(caseID, actionID: id, status: "vervallen", on: today) }
                return L10n.t("detail.done.saved")
            })
        case .note(let id):
            guard let n = file.notes[id] else { return }
            confirm = (ConfirmDialog(title: L10n.t("detail.confirm.removeNote"), message: "\(n.on.dutch) · \(text(String(n.text.prefix(60))))",
                                     confirmLabel: L10n.t("dialog.yes"), cancelLabel: L10n.t("dialog.no"), isDestructive: true), { [unowned self] in
                try write { tx in try tx.remove(kind: .note, entity: id, caseID: caseID) }
                return L10n.t("detail.done.noteRemoved")
            })
        case .document(let id):
            guard let d = file.documents[id] else { return }
            confirm = (ConfirmDialog(title: L10n.t("detail.confirm.removeDocument"), message: d.title,
                                     confirmLabel: L10n.t("dialog.yes"), cancelLabel: L10n.t("dialog.no"), isDestructive: true), { [unowned self] in
                try write { tx in try tx.removeDocument(caseID, documentID: id) }
                return L10n.t("detail.done.documentRemoved")
            })
        default: break
        }
    }
}

