import Foundation

/// A readable text rendering of one case for the command line. Identifying fields
/// (by `FieldCatalog` classification) appear only when asked for; otherwise known names
/// are masked inside free text too, because terminal scrollback keeps what is printed.
public struct CaseReport {
    public let file: CaseFile
    public let today: CalendarDate
    public let showIdentifying: Bool
    public let userName: (UUID) -> String?
    /// What to say where identifying fields are left out (the command line names its flag).
    public let hiddenNote: String

    /// Other people's names to mask in free text too (other clients, colleagues, maatjes).
    public let otherNames: [String]

    public init(file: CaseFile, today: CalendarDate, showIdentifying: Bool, hiddenNote: String = L10n.t("show.identifyingHidden"),
                otherNames: [String] = [], userName: @escaping (UUID) -> String?) {
        self.file = file; self.today = today; self.showIdentifying = showIdentifying; self.hiddenNote = hiddenNote
        self.otherNames = otherNames; self.userName = userName
    }

    public var lines: [String] {
        let ref = ReferenceData.shared
        var out: [String] = []
        let own = [file.identity?.givenNames ?? "", file.identity?.familyName ?? ""] + (file.identity?.aliases ?? [])
        let professionals = file.careNetwork.values.compactMap(\.contactName) + [file.referral?.contactName].compactMap { $0 }
        let masker = NameMasker(names: own + professionals + otherNames)
        func text(_ s: String) -> String { showIdentifying ? s : masker.apply(s) }
        func field(_ label: String, _ value: String?) { if let value, !value.isEmpty { out.append("  \(L10n.t(label)): \(value)") } }
        func section(_ title: String) { out.append(""); out.append(L10n.t(title)) }

        out.append("\(file.code?.description ?? "?")  \(file.phase?.phase.label ?? "")  \(file.track(on: today).rawValue)")
        section("show.client")
        if showIdentifying {
            field("field.givenNames", file.identity?.givenNames)
            field("field.familyName", file.identity?.familyName)
            field("field.aliases", file.identity?.aliases.joined(separator: ", "))
            field("field.birthDate", file.identity?.birthDate?.display)
            field("field.nationalities", file.origin?.nationalities.map(ref.countryName).joined(separator: ", "))
            field("field.languages", file.origin?.languages.joined(separator: ", "))
            field("field.phone", file.contact?.phone)
            field("field.address", file.contact?.address.map { file.hasSecretAddress ? "\($0) (\(L10n.t("detail.secretAddress")))" : $0 })
            field("field.gender", file.identity.map { ref.label("genders", $0.gender) })
        } else {
            out.append("  " + hiddenNote)
        }
        if let a = file.age(on: today) {
            field("field.age", (file.identity?.birthDate?.isEstimated == true ? "~" : "") + "\(a)")
        }
        field("field.residenceStatus", file.status.map { ref.label("residenceStatuses", $0.residenceStatus) })
        if file.origin?.interpreterNeeded == true { field("field.interpreter", L10n.t("word.yes")) }

        section("show.case")
        field("field.openedOn", file.opening?.openedOn.dutch)
        field("field.urgency", file.opening.map { L10n.t("urgency.\($0.urgency)") })
        if let p = file.phase {
            field("field.phase", "\(p.phase.label) (\(L10n.t("word.since")) \(p.since.dutch))"
                  + (p.reason.map { " — " + ref.label(p.phase == .afgesloten ? "closureReasons" : "phaseChangeReasons", $0) } ?? ""))
        }
        if let c = file.coordination {
            field("field.coordinator", userName(c.coordinator) ?? L10n.t("word.unknown"))
            field("field.backup", c.backup.flatMap(userName) ?? L10n.t("show.noBackup"))
            field("field.municipality", ref.municipalityName(c.municipality))
        }
        if let e = file.exploitation {
            field("field.forms", e.forms.map { ref.label("exploitationForms", $0) }.joined(separator: ", "))
            field("field.sectors", e.sectors.map { ref.label("sectors", $0) }.joined(separator: ", "))
            field("field.indicators", e.indicators.map { ref.label("indicators", $0) }.joined(separator: ", "))
            field("field.description", e.description.map(text))
        }
        if let r = file.referral {
            field("field.referrerType", ref.label("referrerTypes", r.referrerType) + (r.confidential ? " (\(L10n.t("show.confidential")))" : ""))
            if showIdentifying && !r.confidential { field("field.contactName", r.contactName) }
        }
        if let c = file.comensha {
            field("field.comensha", ref.label("comenshaStatuses", c.status) + (c.date.map { " \($0.dutch)" } ?? ""))
        }
        if let b = file.bedenktijd { field("field.bedenktijd", "\(b.start.dutch) – \(b.end.dutch)") }
        if let b = file.b8 { field("field.b8", ref.label("b8Statuses", b.status)) }
        if let a = file.aangifte, a.filed { field("field.aangifte", a.date?.dutch ?? L10n.t("word.yes")) }
        if let g = file.goals { field("field.goals", text(g.goals)) }
        if let t = file.transition {
            field("field.transitionPlan", ref.label("transitionPlanStatuses", t.status) + (t.agreedOn.map { " \($0.dutch)" } ?? "") + (t.plan.map { ": " + text($0) } ?? ""))
        }
        if let w = file.onwardCare, w.isWaiting {
            field("field.onwardCare", L10n.t("detail.waitingSince", ref.label("shelterTypes", w.need), w.since.dutch, w.since.days(until: today)))
        }
        if let s = file.safety {
            if s.secretAddress { field("field.secretAddress", L10n.t("word.yes")) }
            field("field.safetyPlan", s.plan.map(text))
        }
        if !file.documents.isEmpty {
            field("show.documents", file.documents.values.sorted { $0.addedOn < $1.addedOn }
                .map { "\(text($0.title)) (\(ref.label("documentTypes", $0.documentType)), \($0.addedOn.dutch))" }.joined(separator: "; "))
        }

        if !file.careNetwork.isEmpty {
            section("show.careNetwork")
            for e in file.careNetwork.values.sorted(by: { $0.organisation < $1.organisation }) {
                let org = ref.organisation(e.organisation)?.name ?? e.organisation
                var s = "  \(org) — \(e.role)"
                if showIdentifying, let n = e.contactName { s += " (\(n))" }
                if let a = e.agreement { s += ": \(text(a))" }
                out.append(s)
            }
        }
        let actions = file.actions.values.sorted { ($0.due ?? today) < ($1.due ?? today) }
        if !actions.isEmpty {
            section("show.actions")
            for a in actions {
                let overdue = a.status == "open" && (a.due.map { $0 < today } ?? false)
                out.append("  [\(L10n.t("action.\(a.status)"))\(overdue ? ", " + L10n.t("word.overdue") : "")] \(a.due?.dutch ?? "") \(text(a.title))")
            }
        }
        if !file.placementAttempts.isEmpty || !file.placements.isEmpty {
            section("show.placements")
            for p in file.placementAttempts.values.sorted(by: { $0.on < $1.on }) {
                let outcome = p.accepted ? L10n.t("word.accepted") : L10n.t("word.rejected") + ": " + ref.label("placementRejectionReasons", p.rejectionReason ?? "")
                out.append("  \(p.on.dutch) \(ref.label("shelterTypes", p.shelterType)) — \(outcome)")
            }
        }
        if !file.notes.isEmpty {
            section("show.timeline")
            for (_, n) in file.sortedNotes {
                out.append("  \(n.on.dutch)  [\(L10n.t("timeline.\(n.kind ?? TimelineNote.contactKind)"))] \(text(n.text).replacingOccurrences(of: "\n", with: "\n      "))")
            }
        }
        return out
    }
}
