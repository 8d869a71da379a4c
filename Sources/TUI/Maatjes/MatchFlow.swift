import Foundation
import Core

/// One match: its steps with dates, the next check-in, the evaluation, and the summary the
/// buddy side gets. `n` takes the next step (voorgesteld → kennismaking → actief →
/// afgerond), `g` stops it, `c` records a check-in, `e` exports the buddy-facing summary to
/// the buddy organisation (recorded as a disclosure). Shown masked in privacy mode; the
/// forms need privacy off.
public final class MatchFlow: Flow {
    let workspace: Workspace
    let matchID: UUID
    let match: MatchRecord
    let request: MatchRequestRecord?
    var editor: ItemEditor?
    var status: (String, Bool)?
    var privacy = false

    public init(workspace: Workspace, matchID: UUID) throws {
        guard let m = workspace.matchRecords.first(where: { $0.id == matchID })?.value else { throw SchakelError(.notFound, L10n.t("maatjes.error.matchNotFound")) }
        self.workspace = workspace
        self.matchID = matchID
        match = m
        request = workspace.matchRequest(m.request)?.record
    }

    public var title: String { L10n.t("matchFlow.title", workspace.caseCode(match.caseID)) }
    public var hint: String { editor == nil ? L10n.t("matchFlow.hint") : L10n.t("detail.formHint") }
    public var availableInPrivacy: Bool { editor == nil }
    public var isTyping: Bool { editor != nil }
    public func suspend() -> String? { editor?.isDirty == true ? L10n.t("maatjes.form.notSaved") : nil }

    var organisation: String { workspace.maatje(match.maatje)?.profile.organisation ?? "" }

    /// The coordinator of the case as the buddy side's contact: function and organisation, never a name.
    var contact: String? {
        guard let c = workspace.byID[match.caseID]?.coordinator, let u = workspace.users[c] else { return nil }
        let org = ReferenceData.shared.organisation(u.organisation)?.name ?? u.organisation
        return [u.function, org].filter { !$0.isEmpty }.joined(separator: ", ")
    }

    var summary: BuddySummary? {
        request.map { BuddySummary(caseCode: workspace.caseCode(match.caseID), request: $0, contact: contact, today: workspace.today) }
    }

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        if let ed = editor {
            switch ed.handle(event, area: area) {
            case .stay: return .stay
            case .cancelled: editor = nil; return .stay
            case .saved(let message): return .done(message: message)
            }
        }
        guard case .key(let key) = event else { return .stay }
        let formKeys: [KeyEvent] = [.char("n"), .char("g"), .char("c"), .char("e")]
        if formKeys.contains(key) && privacy { status = (L10n.t("flow.privacyUnavailable"), true); return .stay }
        switch key {
        case KeyEvent(.escape), .char("q"): return .close(message: nil)
        case .char("n"):
            guard let next = MatchLifecycle.allowed(from: match.status).first(where: { $0 != "gestopt" }) else {
                status = (L10n.t("maatjes.error.closed"), true); break
            }
            editor = stepEditor(next)
        case .char("g"):
            guard MatchLifecycle.open.contains(match.status) else { status = (L10n.t("maatjes.error.closed"), true); break }
            editor = stepEditor("gestopt")
        case .char("c"):
            guard MatchLifecycle.open.contains(match.status) else { status = (L10n.t("maatjes.error.closed"), true); break }
            editor = checkInEditor()
        case .char("e"):
            guard summary != nil else { status = (L10n.t("maatjes.error.requestNotFound"), true); break }
            editor = exportEditor()
        default: break
        }
        return .stay
    }

    func stepEditor(_ to: String) -> ItemEditor {
        let ws = workspace
        let id = matchID
        // Not `self.match` in the closure: the editor it belongs to is kept by this flow (a cycle).
        let caseID = match.caseID
        let closing = MatchLifecycle.closed.contains(to)
        var fields = [FormField(id: "date", label: L10n.t("field.date"), kind: .date, isRequired: true)]
        if closing { fields.append(FormField(id: "evaluation", label: L10n.t("field.evaluation"), kind: .text(maxLength: 2000), isRequired: true)) }
        return ItemEditor(title: L10n.t("matchFlow.form.step", L10n.t("match.status.\(to)")), fields: fields,
                          values: ["date": .date(ws.today), "evaluation": .text(match.evaluation ?? "")]) { v in
            guard case .date(let day?)? = v["date"] else { throw SchakelError(.validation, L10n.t("validation.badDate", L10n.t("field.date"))) }
            try ws.store.write { tx in try tx.advanceMatch(id, to: to, on: day, evaluation: closing ? FormCodec.text(v, "evaluation") : nil) }
            return L10n.t("matchFlow.done.step", ws.caseCode(caseID), L10n.t("match.status.\(to)"))
        }
    }

    func checkInEditor() -> ItemEditor {
        let ws = workspace
        let id = matchID
        return ItemEditor(title: L10n.t("matchFlow.form.checkIn"), fields: [
            FormField(id: "date", label: L10n.t("field.date"), kind: .date, isRequired: true),
            FormField(id: "checkInNote", label: L10n.t("field.checkInNote"), kind: .text(maxLength: 1000)),
        ], values: ["date": .date(ws.today)]) { v in
            guard case .date(let day?)? = v["date"] else { throw SchakelError(.validation, L10n.t("validation.badDate", L10n.t("field.date"))) }
            try ws.store.write { tx in try tx.recordCheckIn(id, on: day, note: FormCodec.text(v, "checkInNote")) }
            return L10n.t("matchFlow.done.checkIn", day.dutch)
        }
    }

    func exportEditor() -> ItemEditor? {
        guard let summary else { return nil }
        let ws = workspace
        let bases = VocabularyOptions("legalBases")
        let recipient = organisation
        let caseID = match.caseID
        let code = ws.caseCode(caseID)
        return ItemEditor(title: L10n.t("matchFlow.form.export", CareLabels.organisation(recipient)), fields: [
            FormField(id: "path", label: L10n.t("field.path"), kind: .text(maxLength: 1000), isRequired: true),
            FormField(id: "legalBasis", label: L10n.t("field.legalBasis"), kind: .choice(bases.labels), isRequired: true),
        ], values: ["path": .text("~/maatje-\(code).md"), "legalBasis": .choice(bases.index("toestemming"))]) { v in
            guard let basis = bases.id(FormCodec.choice(v, "legalBasis")) else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.legalBasis"))) }
            let url = try ExplicitExport.resolve(FormCodec.text(v, "path"))
            if FileManager.default.fileExists(atPath: url.path) { throw SchakelError(.validation, L10n.t("maatjes.error.fileExists", url.path)) }
            // Record first: if writing the file then fails, the register says more than happened, never less.
            try ws.store.write { tx in _ = try tx.recordBuddySummary(caseID, summary: summary, recipient: recipient, legalBasis: basis, on: ws.today) }
            try ExplicitExport.write(Data(summary.markdown(recipient: recipient).utf8), to: url)
            return L10n.t("matchFlow.done.export", url.path)
        }
    }

    /// The lines of the detail, masked where privacy asks.
    func lines(privacy: Bool) -> [(String, ThemeRole)] {
        let m = match
        let ws = workspace
        let ref = ReferenceData.shared
        var out: [(String, ThemeRole)] = []
        func row(_ key: String, _ value: String, _ role: ThemeRole = .text) { out.append((L10n.t(key) + ": " + value, role)) }
        let buddy = ws.maatje(m.maatje)
        row("field.maatje", ws.maatjeLabel(m.maatje, privacy: privacy)
            + (buddy.map { " · " + ref.label("maatjeTypes", $0.profile.maatjeType) + " · " + (ref.organisation($0.profile.organisation)?.name ?? $0.profile.organisation) } ?? ""))
        row("field.status", L10n.t("match.status.\(m.status)"))
        let steps: [(String, CalendarDate?)] = [("voorgesteld", m.proposedOn), ("kennismaking", m.introductionOn), ("actief", m.activeOn),
                                                (m.status == "gestopt" ? "gestopt" : "afgerond", m.endedOn)]
        out.append((steps.map { L10n.t("match.status.\($0.0)") + " " + ($0.1?.dutch ?? "–") }.joined(separator: " → "), .text))
        if let due = MatchLifecycle.checkInDue(m) {
            row("field.nextCheckIn", due <= ws.today ? "! " + L10n.t("maatjes.checkInOverdue", due.dutch) : due.dutch, due <= ws.today ? .danger : .text)
        }
        let mask: (String) -> String = { privacy ? ws.masker.apply($0) : $0 }
        if let c = m.lastCheckIn { row("field.lastCheckIn", c.dutch + (m.checkInNote.map { " · " + mask($0) } ?? "")) }
        if let e = m.evaluation { row("field.evaluation", mask(e)) }
        out.append(("", .text))
        out.append((L10n.t("matchFlow.summaryHeading", CareLabels.organisation(organisation)), .header))
        for l in summary?.lines ?? [] where !(privacy && l.path == "match-request.main.callName") {
            out.append(("  " + l.label + ": " + mask(l.value), .text))
        }
        return out
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        self.privacy = privacy
        buffer.fill(area, style: theme[.text])
        if let editor {
            editor.render(into: &buffer, area: area, theme: theme)
            return
        }
        for (i, line) in lines(privacy: privacy).enumerated() where i < area.height - 2 {
            buffer.put(text: line.0, in: area.row(i), style: theme[line.1])
        }
        if let status { buffer.put(text: status.0, in: area.row(area.height - 2), style: status.1 ? theme[.error] : theme[.ok]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
    }
}
