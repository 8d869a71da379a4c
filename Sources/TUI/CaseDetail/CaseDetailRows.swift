import Foundation
import Core

/// The lines of each tab, built from the case file. Free text goes through the sanitiser
/// when drawn; in privacy mode identifying values are hidden and names in text masked.
extension CaseDetail {
    static let hidden = "▒▒▒"

    func text(_ s: String) -> String {
        let one = s.replacingOccurrences(of: "\n", with: " ⏎ ")
        return privacy ? workspace.masker.apply(one) : one
    }

    func identifying(_ s: String?) -> String { privacy ? Self.hidden : (s ?? "–") }

    func line(_ labelKey: String, _ value: String, role: ThemeRole? = nil, target: DetailTarget = .none) -> DetailRow {
        let label = L10n.t(labelKey)
        let pad = String(repeating: " ", count: max(1, 22 - TextWidth.width(of: label)))
        return DetailRow(label + pad + value, role: role, target: target)
    }

    func buildRows(_ tab: DetailTab) -> [DetailRow] {
        switch tab {
        case .overzicht: return overviewRows()
        case .tijdlijn: return timelineRows()
        case .netwerk: return networkRows()
        case .acties: return actionRows()
        case .plaatsingen: return placementRows()
        case .documenten: return documentRows()
        case .veiligheid: return safetyRows()
        }
    }

    func overviewRows() -> [DetailRow] {
        let ref = ReferenceData.shared
        let id = caseID
        var r: [DetailRow] = []
        // From the file as it is now (the workspace's summary is refreshed only when the detail closes).
        let summary = (try? CaseSummary(file)) ?? workspace.byID[id]
        let items = summary.map { AttentionSignal.items(for: $0, on: today, thresholds: workspace.thresholds, meetingActionDays: workspace.meetingActionsLate[id]) } ?? []
        r.append(.heading(L10n.t("detail.section.case")))
        r.append(line("field.name", privacy ? Self.hidden : (file.identity?.fullName).flatMap { $0.isEmpty ? nil : $0 } ?? text(file.identity?.personDescription ?? "–"),
                      target: .group(.client, id, "identity")))
        if let aliases = file.identity?.aliases, !aliases.isEmpty {
            r.append(line("field.aliases", privacy ? Self.hidden : aliases.joined(separator: ", "), target: .group(.client, id, "identity")))
        }
        if let b = file.identity?.birthDate, !privacy {
            let minor = b.eighteenthBirthday > today
            r.append(line("field.birthDate", b.display + (minor ? " · " + L10n.t("detail.turns18On", b.eighteenthBirthday.dutch) : ""), target: .group(.client, id, "identity")))
        }
        let age = file.age(on: today).map { (file.identity?.birthDate?.isEstimated == true ? "~" : "") + "\($0)" } ?? "?"
        r.append(line("field.age", "\(age) · \(file.track(on: today).rawValue)", target: .group(.client, id, "identity")))
        if let p = file.phase {
            r.append(line("field.phase", "\(p.phase.label) · \(L10n.t("detail.since", p.since.dutch))", target: .group(.case, id, "phase")))
        }
        if let o = file.opening { r.append(line("field.urgency", L10n.t("urgency.\(o.urgency)"), target: .group(.case, id, "opening"))) }
        if let c = file.coordination {
            r.append(line("field.coordinator", userName(c.coordinator) + (workspace.holder.isCoveredCase(id) ? " · \(L10n.t("detail.absent"))" : ""),
                          target: .group(.case, id, "coordination")))
            r.append(line("field.backup", c.backup.map(userName) ?? "? \(L10n.t("attention.noBackup"))", role: c.backup == nil ? .warning : nil,
                          target: .group(.case, id, "coordination")))
            r.append(line("field.municipality", "\(ref.municipalityName(c.municipality)) · \(ref.region(c.region).map { L10n.language == .en ? $0.en : $0.nl } ?? c.region)",
                          target: .group(.case, id, "coordination")))
        }
        r.append(.heading(L10n.t("detail.section.attention")))
        if items.isEmpty { r.append(DetailRow(L10n.t("detail.noAttention"), role: .ok)) }
        for i in items { r.append(DetailRow(i.text, role: i.signal.isOverdue ? .danger : .warning)) }
        r.append(.heading(L10n.t("detail.section.route")))
        if let s = file.status {
            r.append(line("field.residenceStatus", privacy ? Self.hidden : ref.label("residenceStatuses", s.residenceStatus), target: .group(.client, id, "status")))
        }
        if let e = file.exploitation {
            r.append(line("field.forms", privacy ? Self.hidden : e.forms.map { ref.label("exploitationForms", $0) }.joined(separator: ", "), target: .group(.case, id, "exploitation")))
        }
        if let b = file.bedenktijd {
            let ended = b.end < today
            r.append(line("field.bedenktijd", "\(b.start.dutch) – \(b.end.dutch)" + (ended ? " (\(L10n.t("attention.bedenktijdEnded")))" : ""),
                          role: ended && file.phase?.phase == .bedenktijd ? .danger : nil, target: .group(.case, id, "bedenktijd")))
        }
        if let b8 = file.b8 {
            r.append(line("field.b8", privacy ? Self.hidden : "\(ref.label("b8Statuses", b8.status))" + (b8.since.map { " · \($0.dutch)" } ?? ""),
                          target: .group(.case, id, "b8")))
        }
        if let c = file.comensha {
            r.append(line("field.comensha", "\(ref.label("comenshaStatuses", c.status))" + (c.date.map { " · \($0.dutch)" } ?? ""),
                          role: c.status == "te-melden" ? .warning : nil, target: .group(.case, id, "comensha")))
        }
        let minorOrPlan = file.transition != nil || (file.age(on: today).map { $0 < 18 } ?? false)
        if minorOrPlan {
            let t = file.transition
            r.append(line("field.transitionPlan", t.map { ref.label("transitionPlanStatuses", $0.status) + ($0.agreedOn.map { " · \($0.dutch)" } ?? "") }
                          ?? L10n.t("detail.noTransitionPlan"), role: t?.isAgreed == true ? nil : .warning, target: .group(.case, id, "transition")))
        }
        let wait = file.onwardCare
        r.append(line("field.onwardCare", wait.flatMap { w in w.isWaiting
                          ? L10n.t("detail.waitingSince", ref.label("shelterTypes", w.need), w.since.dutch, w.since.days(until: today)) : nil }
                      ?? L10n.t("detail.notWaiting"), role: wait?.isWaiting == true ? .warning : nil, target: .group(.case, id, "onward-care")))
        if let p = file.placements.values.filter({ $0.until == nil }).max(by: { $0.from < $1.from }) {
            r.append(line("field.placement", "\(ref.label("shelterTypes", p.shelterType)) · \(identifying(CareLabels.organisation(p.organisation))) · \(L10n.t("detail.since", p.from.dutch))"))
        }
        r.append(line("field.lastContact", file.lastContact?.dutch ?? L10n.t("ui.never")))
        for (rid, req) in file.matchRequests.sorted(by: { $0.value.waitingSince > $1.value.waitingSince }) where req.status != "ingetrokken" {
            let state = req.status == "wachtend" ? L10n.t("detail.buddyWaiting", req.waitingSince.dutch, req.waitingSince.days(until: today))
                                                 : L10n.t("detail.buddyMatched")
            r.append(line("field.buddy", "\(ReferenceData.shared.label("maatjeTypes", req.maatjeType)) · \(state)", target: .group(.matchRequest, rid, "main")))
        }
        r.append(.heading(L10n.t("detail.section.contact")))
        r.append(line("field.phone", identifying(file.contact?.phone), target: .group(.client, id, "contact")))
        let address: String
        if file.hasSecretAddress {
            address = privacy ? L10n.t("detail.secretAddress") : "\(file.contact?.address ?? "–") · \(L10n.t("detail.secretAddress"))"
        } else {
            address = identifying(file.contact?.address)
        }
        r.append(line("field.address", address, role: file.hasSecretAddress ? .danger : nil, target: .group(.client, id, "contact")))
        return r
    }

    func timelineRows() -> [DetailRow] {
        timeline.map { e in
            let target: DetailTarget
            switch e.kind {
            case .note: target = e.itemID.map { .note($0) } ?? .none
            case .phase: target = .group(.case, caseID, "phase")
            case .placement: target = e.itemID.map { .placement($0) } ?? .none
            case .attempt: target = e.itemID.map { .attempt($0) } ?? .none
            case .document: target = e.itemID.map { .document($0) } ?? .none
            case .disclosure: target = e.itemID.map { .disclosure($0) } ?? .none
            case .action: target = e.itemID.map { .action($0) } ?? .none
            default: target = .none
            }
            let label = e.label
            let pad = String(repeating: " ", count: max(1, 15 - TextWidth.width(of: label)))
            let body = e.kind == .placement && privacy ? ReferenceData.shared.label("shelterTypes", file.placements[e.itemID ?? .zero]?.shelterType ?? "") : text(e.text)
            return DetailRow("\(e.day.dutch)  \(label)\(pad)\(body)", role: e.kind == .phase ? .header : (e.kind == .attempt ? .warning : nil), target: target)
        }
    }

    func networkRows() -> [DetailRow] {
        let entries = file.careNetwork.sorted { ($0.value.active ? 0 : 1, $0.value.organisation) < ($1.value.active ? 0 : 1, $1.value.organisation) }
        var r: [DetailRow] = [.heading(L10n.t("detail.networkHeading"))]
        for (id, n) in entries {
            var parts = ["\(CareLabels.organisation(n.organisation))", text(n.role)]
            let who = [n.contactName, n.contactPhone].compactMap { $0 }.joined(separator: ", ")
            if !who.isEmpty { parts.append(identifying(who)) }
            if let a = n.agreement { parts.append("“\(text(a))”") }
            if !n.active { parts.append("(\(L10n.t("detail.ended")))") }
            r.append(DetailRow(parts.joined(separator: " · "), role: n.active ? nil : .muted, target: .network(id)))
        }
        if entries.isEmpty { r.append(DetailRow(L10n.t("detail.noNetwork"), role: .warning)) }
        return r
    }

    func actionRows() -> [DetailRow] {
        let sorted = file.actions.sorted { a, b in
            let ka = (a.value.isOpen ? 0 : 1, a.value.due ?? .distantFutureDate), kb = (b.value.isOpen ? 0 : 1, b.value.due ?? .distantFutureDate)
            return ka.0 != kb.0 ? ka.0 < kb.0 : (ka.1 != kb.1 ? ka.1 < kb.1 : a.key.uuidString < b.key.uuidString)
        }
        var r: [DetailRow] = [.heading(L10n.t("detail.actionsHeading"))]
        for (id, a) in sorted {
            let late = a.isOpen && (a.due.map { $0 < today } ?? false)
            let mark = late ? "!" : (a.isOpen ? "○" : "✓")
            let due = a.due?.dutch ?? "––-––-––––"
            r.append(DetailRow("\(mark) \(due)  \(text(a.title)) · \(CareLabels.owner(a.owner, userName: userName)) · \(CaseAction.statusLabel(a.status))"
                               + (late ? " (\(L10n.t("attention.actionOverdue")))" : ""),
                               role: late ? .danger : (a.isOpen ? nil : .muted), target: .action(id)))
        }
        if sorted.isEmpty { r.append(DetailRow(L10n.t("detail.noActions"), role: .muted)) }
        return r
    }

    func placementRows() -> [DetailRow] {
        let ref = ReferenceData.shared
        var r: [DetailRow] = []
        if let w = file.onwardCare {
            r.append(line("field.onwardCare", w.isWaiting ? L10n.t("detail.waitingSince", ref.label("shelterTypes", w.need), w.since.dutch, w.since.days(until: today))
                          : L10n.t("detail.waitEnded", w.resolvedOn?.dutch ?? ""), role: w.isWaiting ? .warning : nil, target: .group(.case, caseID, "onward-care")))
        }
        r.append(.heading(L10n.t("detail.placementsHeading")))
        for (id, p) in file.placements.sorted(by: { $0.value.from > $1.value.from }) {
            r.append(DetailRow("\(p.from.dutch) – \(p.until?.dutch ?? L10n.t("detail.now"))  \(ref.label("shelterTypes", p.shelterType)) · \(identifying(CareLabels.organisation(p.organisation)))",
                               target: .placement(id)))
        }
        if file.placements.isEmpty { r.append(DetailRow(L10n.t("detail.noPlacements"), role: .muted)) }
        r.append(.heading(L10n.t("detail.attemptsHeading")))
        for (id, a) in file.placementAttempts.sorted(by: { ($0.value.on, $0.key.uuidString) > ($1.value.on, $1.key.uuidString) }) {
            let outcome = a.accepted ? "✓ \(L10n.t("detail.accepted"))" : "✗ \(ref.label("placementRejectionReasons", a.rejectionReason ?? "overig"))"
            r.append(DetailRow("\(a.on.dutch)  \(ref.label("shelterTypes", a.shelterType)) · \(identifying(CareLabels.organisation(a.organisation))) · \(outcome)"
                               + (a.note.map { " · \(text($0))" } ?? ""), role: a.accepted ? nil : .warning, target: .attempt(id)))
        }
        if file.placementAttempts.isEmpty { r.append(DetailRow(L10n.t("detail.noAttempts"), role: .muted)) }
        return r
    }

    func documentRows() -> [DetailRow] {
        let ref = ReferenceData.shared
        var r: [DetailRow] = [.heading(L10n.t("detail.documentsHeading"))]
        for (id, d) in file.documents.sorted(by: { ($0.value.addedOn, $0.key.uuidString) > ($1.value.addedOn, $1.key.uuidString) }) {
            r.append(DetailRow("\(d.addedOn.dutch)  \(text(d.title)) · \(ref.label("documentTypes", d.documentType)) · \(identifying(d.fileName)) · \(Self.size(d.byteCount))",
                               target: .document(id)))
        }
        if file.documents.isEmpty { r.append(DetailRow(L10n.t("detail.noDocuments"), role: .muted)) }
        return r
    }

    func safetyRows() -> [DetailRow] {
        let ref = ReferenceData.shared
        let id = caseID
        var r: [DetailRow] = [.heading(L10n.t("detail.safetyHeading"))]
        let s = file.safety
        r.append(line("field.secretAddress", L10n.t(s?.secretAddress == true ? "ui.yes" : "ui.no"), role: s?.secretAddress == true ? .danger : nil,
                      target: .group(.case, id, "safety")))
        r.append(line("field.safetyPlan", s?.plan == nil ? L10n.t("detail.noSafetyPlan") : "", role: s?.plan == nil ? .warning : nil, target: .group(.case, id, "safety")))
        for l in (s?.plan ?? "").split(separator: "\n") { r.append(DetailRow("    " + text(String(l)), target: .group(.case, id, "safety"))) }
        if let rev = s?.reviewedOn { r.append(line("field.reviewedOn", rev.dutch, target: .group(.case, id, "safety"))) }
        r.append(.heading(L10n.t("detail.consentsHeading")))
        for (cid, c) in file.consents.sorted(by: { $0.value.givenOn > $1.value.givenOn }) {
            r.append(DetailRow("\(c.givenOn.dutch)  \(ref.label("sharingPurposes", c.purpose)) · \(ref.label("legalBases", c.legalBasis))"
                               + (c.withdrawnOn.map { " · \(L10n.t("detail.withdrawn", $0.dutch))" } ?? ""),
                               role: c.isActive ? nil : .muted, target: .group(.consent, cid, "main")))
        }
        if file.consents.isEmpty { r.append(DetailRow(L10n.t("detail.noConsents"), role: .muted)) }
        r.append(.heading(L10n.t("detail.disclosuresHeading")))
        for (did, d) in file.disclosures.sorted(by: { ($0.value.on, $0.key.uuidString) > ($1.value.on, $1.key.uuidString) }) {
            r.append(DetailRow("\(d.on.dutch)  \(CareLabels.organisation(d.recipient)) · \(ref.label("sharingPurposes", d.purpose)) · \(ref.label("legalBases", d.legalBasis)) · "
                               + d.fields.map(FieldLabels.label).joined(separator: ", "), target: .disclosure(did)))
        }
        if file.disclosures.isEmpty { r.append(DetailRow(L10n.t("detail.noDisclosures"), role: .muted)) }
        return r
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1_048_576 ? "\(bytes / 1_048_576),\((bytes % 1_048_576) * 10 / 1_048_576) MB" : "\(max(1, bytes / 1024)) kB"
    }
}

extension CalendarDate {
    static let distantFutureDate = CalendarDate(year: 2200, month: 12, day: 31)!
}

/// Field paths (`client.contact.phone`) as words for the disclosure register.
enum FieldLabels {
    static func label(_ path: String) -> String {
        let last = path.split(separator: ".").last.map(String.init) ?? path
        let key = "field.\(last)"
        let t = L10n.t(key)
        return t == key ? last : t
    }
}
