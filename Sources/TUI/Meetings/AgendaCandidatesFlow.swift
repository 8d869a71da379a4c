import Foundation
import Core

/// The agenda proposal: cases that should be discussed (open actions from earlier
/// meetings, minors with attention signals, minors new since the last meeting), each with
/// its reasons. The chair takes them one at a time (`Enter`); nothing is added unasked.
final class AgendaCandidatesFlow: Flow {
    unowned let agenda: AgendaFlow
    let proposal: AgendaProposal
    var added: Set<UUID> = []
    var selected = 0
    var status: (String, Bool)?

    init(agenda: AgendaFlow) {
        self.agenda = agenda
        var options = AgendaProposal.Options()
        options.thresholds = agenda.workspace.thresholds
        proposal = AgendaProposal.build(summaries: agenda.workspace.summaries, book: agenda.view.book, table: agenda.view.record.table,
                                        meeting: agenda.meetingID, today: agenda.workspace.today, options: options)
    }

    var title: String { L10n.t("candidatesAgenda.title", agenda.view.record.date.dutch) }
    var hint: String { L10n.t("candidatesAgenda.hint") }
    var isTyping: Bool { false }
    var availableInPrivacy: Bool { true }
    func suspend() -> String? { nil }

    var broughtBy: String {
        let mine = agenda.workspace.users[agenda.workspace.me]?.organisation ?? ""
        return ReferenceData.shared.organisation(mine) != nil ? mine : (agenda.organisations.first?.id ?? mine)
    }

    func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        guard case .key(let key) = event else { return .stay }
        let count = proposal.candidates.count
        switch key {
        case KeyEvent(.escape), .char("q"):
            return added.isEmpty ? .close(message: nil) : .done(message: L10n.t("candidatesAgenda.closed", added.count))
        case KeyEvent(.down), .char("j"): selected = min(max(0, count - 1), selected + 1)
        case KeyEvent(.up), .char("k"): selected = max(0, selected - 1)
        case KeyEvent(.pageDown): selected = min(max(0, count - 1), selected + 10)
        case KeyEvent(.pageUp): selected = max(0, selected - 10)
        case KeyEvent(.enter), .char("a"):
            guard proposal.candidates.indices.contains(selected) else { break }
            let c = proposal.candidates[selected]
            guard !added.contains(c.caseID) else { status = (L10n.t("candidatesAgenda.already"), true); break }
            do {
                try agenda.workspace.store.write { tx in
                    _ = try tx.addAgendaItem(meeting: agenda.meetingID, caseID: c.caseID, question: c.suggestedQuestion, broughtBy: broughtBy, minutes: 15)
                }
                added.insert(c.caseID)
                status = (L10n.t("agenda.added", c.code.description), false)
                selected = min(max(0, count - 1), selected + 1)
            } catch { status = (SchakelError.from(error).message, true) }
        default: break
        }
        return .stay
    }

    func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        buffer.fill(area, style: theme[.text])
        let p = proposal
        buffer.put(text: L10n.t("candidatesAgenda.summary", p.candidates.count, p.followUps.count, added.count), in: area.row(0), style: theme[.header])
        buffer.put(text: L10n.t("candidatesAgenda.explain"), in: area.row(1), style: theme[.muted])
        // Below the list: the selected candidate's reasons in full (the line is cut at 80 columns).
        let reasonRows = 3
        let top = 3, height = max(1, area.height - top - 4 - reasonRows)
        if p.candidates.isEmpty { buffer.put(text: L10n.t("candidatesAgenda.empty"), in: area.row(top), style: theme[.muted]) }
        let first = max(0, min(selected - height + 1, p.candidates.count - height))
        for row in 0..<height {
            let i = first + row
            guard p.candidates.indices.contains(i) else { break }
            let c = p.candidates[i]
            let age = c.age.map { L10n.t("agenda.age", $0) } ?? L10n.t("agenda.ageUnknown")
            let forms = c.forms.map { ReferenceData.shared.label("exploitationForms", $0) }.joined(separator: ", ")
            let mark = added.contains(c.caseID) ? "[✓]" : "[ ]"
            let text = ([mark + " " + c.code.description, age, forms].filter { !$0.isEmpty } + [c.reasons.map(\.text).joined(separator: "; ")]).joined(separator: " · ")
            buffer.put(text: (i == selected ? "▸ " : "  ") + text, in: area.row(top + row), style: i == selected ? theme[.selection] : theme[.text])
        }
        if p.candidates.indices.contains(selected) {
            let why = p.candidates[selected].reasons.map(\.text).joined(separator: "; ")
            let top = area.height - 2 - reasonRows
            buffer.fill(area.row(top), with: "─", style: theme[.border])
            for (i, line) in TextWrap.lines(why, width: max(1, area.width)).prefix(reasonRows - 1).enumerated() {
                buffer.put(text: line, in: area.row(top + 1 + i), style: theme[.muted])
            }
        }
        if let status { buffer.put(text: status.0, in: area.row(area.height - 2), style: status.1 ? theme[.error] : theme[.ok]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
    }
}
