import Foundation
import Core

/// Documents and referral summaries: bytes come in from a path the user types and go out
/// only to a viewer (through a memory-backed folder) or to a path the user types.
extension CaseDetail {
    func addDocumentEditor() -> ItemEditor {
        let types = VocabularyOptions("documentTypes")
        return ItemEditor(title: L10n.t("detail.form.addDocument", code), fields: [
            FormField(id: "path", label: L10n.t("field.path"), kind: .text(maxLength: 1000), isRequired: true),
            FormField(id: "title", label: L10n.t("field.title"), kind: .text(maxLength: 120), isRequired: true),
            FormField(id: "documentType", label: L10n.t("field.documentType"), kind: .choice(types.labels), isRequired: true),
        ]) { [unowned self] v in
            let url = try ExplicitExport.resolve(FormCodec.text(v, "path"))
            let data = try ExplicitExport.read(url, maxBytes: CaseDocument.maxBytes)
            guard let type = types.id(FormCodec.choice(v, "documentType")) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.documentType"))) }
            try write { tx in
                try tx.addDocument(caseID, title: FormCodec.text(v, "title"), documentType: type, fileName: url.lastPathComponent, data: data, on: today)
            }
            return L10n.t("detail.done.documentAdded", url.lastPathComponent)
        }
    }

    func exportDocumentEditor(_ id: UUID) -> ItemEditor? {
        guard let d = file.documents[id] else { return nil }
        return ItemEditor(title: L10n.t("detail.form.exportDocument", d.title), fields: [
            FormField(id: "path", label: L10n.t("field.path"), kind: .text(maxLength: 1000), isRequired: true),
        ], values: ["path": .text("~/" + d.fileName)]) { [unowned self] v in
            let url = try ExplicitExport.resolve(FormCodec.text(v, "path"))
            try ExplicitExport.requireAbsent(url)
            let data = try workspace.store.documentData(caseID, d)
            try write { tx in tx.audit("document-exported", caseID: caseID) }
            try ExplicitExport.write(data, to: url)
            return L10n.t("detail.done.exported", url.path)
        }
    }

    /// Inzage (AVG art. 15): everything held on the client, as one Markdown document at a path
    /// the user types. Recorded as a disclosure to the client before the file is written.
    func inzageEditor() -> ItemEditor {
        ItemEditor(title: L10n.t("detail.form.inzage", code), fields: [
            FormField(id: "path", label: L10n.t("field.path"), kind: .text(maxLength: 1000), isRequired: true),
        ], values: ["path": .text("~/inzage-\(code).md")], confirmsDiscard: false) { [unowned self] v in
            let url = try ExplicitExport.resolve(FormCodec.text(v, "path"))
            try ExplicitExport.requireAbsent(url)
            let document = try workspace.store.inzageDocument(caseID)
            try workspace.store.recordInzage(document)
            try ExplicitExport.write(Data(document.markdown.utf8), to: url)
            return L10n.t("detail.done.inzage", url.path)
        }
    }

    func openSelectedDocument() {
        guard case .document(let id)? = selectedRow?.target, let d = file.documents[id] else { return }
        guard let viewer else { status = (L10n.t("document.noViewer"), true); return }
        do {
            let data = try workspace.store.documentData(caseID, d)
            try write { tx in tx.audit("document-opened", caseID: caseID) }
            try viewer.show(data, fileName: d.fileName)
            status = (L10n.t("detail.done.opened", d.fileName), false)
        } catch { status = (SchakelError.from(error).message, true) }
    }

    func referralEditor() -> ItemEditor {
        let summary = ReferralSummary(file: file, today: today)
        let fields = summary.availableFields
        let orgs = providers
        let bases = VocabularyOptions("legalBases")
        // Least identifying first; nothing sensitive is chosen for the user.
        let preselected = Set(fields.indices.filter { !fields[$0].sensitive })
        return ItemEditor(title: L10n.t("detail.form.referral", code), fields: [
            FormField(id: "recipient", label: L10n.t("field.recipient"), kind: .choice(orgs.map(\.name)), isRequired: true),
            FormField(id: "legalBasis", label: L10n.t("field.legalBasis"), kind: .choice(bases.labels), isRequired: true),
            FormField(id: "fields", label: L10n.t("field.fields"), kind: .multiChoice(fields.map { ($0.sensitive ? "⚠ " : "") + $0.label })),
            FormField(id: "path", label: L10n.t("field.path"), kind: .text(maxLength: 1000), isRequired: true),
        ], values: ["fields": .multiChoice(preselected), "legalBasis": .choice(bases.index("toestemming")),
                    "path": .text("~/verwijzing-\(code).md")]) { [unowned self] v in
            guard let r = FormCodec.choice(v, "recipient"), orgs.indices.contains(r) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.recipient"))) }
            guard let basis = bases.id(FormCodec.choice(v, "legalBasis")) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.legalBasis"))) }
            let chosen = FormCodec.multi(v, "fields").filter { fields.indices.contains($0) }.map { fields[$0] }
            guard !chosen.isEmpty else { throw SchakelError(.validation, L10n.t("referral.noFields")) }
            let url = try ExplicitExport.resolve(FormCodec.text(v, "path"))
            try ExplicitExport.requireAbsent(url)   // before recording: a retry must not record twice
            let text = summary.markdown(fields: chosen, recipient: orgs[r].id, purpose: "plaatsing")
            // Record first: if writing the file then fails, the register says more than happened, never less.
            try write { tx in
                try tx.recordDisclosure(caseID, recipient: orgs[r].id, purpose: "plaatsing", legalBasis: basis, fields: chosen.map(\.path), on: today)
            }
            try ExplicitExport.write(Data(text.utf8), to: url)
            return L10n.t("detail.done.referral", url.path, chosen.count)
        }
    }

    /// `h`: every value the selected line's field group has had, with who and when.
    func showHistory() {
        guard let key = selectedRow?.target.historyKey(caseID: caseID) else { status = (L10n.t("detail.noHistory"), true); return }
        do {
            let changes = try workspace.store.history(caseID: caseID, kind: key.0, entity: key.1, group: key.2)
            try write { tx in tx.audit("history-viewed", caseID: caseID) }
            textView = (L10n.t("detail.historyTitle", FieldLabels.groupLabel(key.0, key.2)), HistoryLines.lines(changes, privacy: privacy,
                        masker: workspace.masker, userName: userName), 0)
        } catch { status = (SchakelError.from(error).message, true) }
    }
}

/// Renders field history: per change the date, the author and the fields that changed.
enum HistoryLines {
    static func lines(_ changes: [FieldChange], privacy: Bool, masker: NameMasker, userName: (UUID) -> String) -> [String] {
        var out: [String] = []
        var previous: [String: String] = [:]
        let stamp = DateFormatter()
        stamp.locale = Locale(identifier: "nl_NL")
        stamp.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        stamp.dateFormat = "dd-MM-yyyy HH:mm"
        for change in changes {
            out.append("\(stamp.string(from: change.at)) · \(userName(change.author))")
            guard let value = change.value else { out.append("    " + L10n.t("detail.historyRemoved")); previous = [:]; continue }
            let type = type(of: value)
            var current: [String: String] = [:]
            var order: [String] = []
            for child in Mirror(reflecting: value).children {
                guard let name = child.label else { continue }
                current[name] = describe(child.value)
                order.append(name)
            }
            // The first value shows what was filled in; later ones what changed.
            let changed = order.filter { previous.isEmpty ? current[$0] != "–" : current[$0] != previous[$0] }
            for name in changed {
                let cls = type.fields[name] ?? .specialCategory
                var shown = current[name] ?? ""
                // Privacy mode shows what the overview shows: workflow facts only. Where a
                // client stays (a placement's organisation) is identifying in practice.
                let whereabouts = name == "organisation" && (type.kind == .placement || type.kind == .placementAttempt)
                if privacy { shown = cls == .operational && !whereabouts ? masker.apply(shown) : "▒▒▒" }
                out.append("    \(FieldLabels.label(name)): \(shown.replacingOccurrences(of: "\n", with: " ⏎ "))")
            }
            if changed.isEmpty { out.append("    " + L10n.t("detail.historyUnchanged")) }
            previous = current
        }
        return out.isEmpty ? [L10n.t("detail.noHistory")] : out
    }

    static func describe(_ value: Any) -> String {
        let m = Mirror(reflecting: value)
        if m.displayStyle == .optional { return m.children.first.map { describe($0.value) } ?? "–" }
        switch value {
        case let d as CalendarDate: return d.dutch
        case let b as Bool: return L10n.t(b ? "ui.yes" : "ui.no")
        case let a as [String]: return a.joined(separator: ", ")
        case let u as UUID: return String(u.uuidString.prefix(8))
        case let p as Phase: return p.label
        case let b as BirthDate: return b.display
        case let s as String: return readable(s)
        default: return "\(value)"
        }
    }

    /// Vocabulary ids and organisation ids as the words the screens use.
    static func readable(_ s: String) -> String {
        let ref = ReferenceData.shared
        if let org = ref.organisation(s) { return org.name }
        for entries in ref.vocabularies.values { if let e = entries.first(where: { $0.id == s }) { return e.label() } }
        return s
    }
}

extension FieldLabels {
    static func groupLabel(_ kind: EntityKind, _ group: String) -> String {
        let key = "group.\(kind.rawValue).\(group)"
        let t = L10n.t(key)
        return t == key ? "\(kind.rawValue) · \(group)" : t
    }
}
