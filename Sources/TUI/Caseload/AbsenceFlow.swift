import Foundation
import Core

/// Afwezigheid: hand a coordinator's active cases to their backups for a period (each case
/// gets a handover note), and hand them back afterwards (a return note per case).
public final class AbsenceFlow: Flow {
    let workspace: Workspace
    var running: [(id: UUID, value: Absence)]
    var selected = 0
    var editor: ItemEditor?
    var confirm: ConfirmDialog?
    var status: String?
    /// The absence (coordinator and period) whose consequences were shown; Enter again starts it.
    var previewed: String?

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        running = workspace.absences.filter { $0.value.handedBackOn == nil }
        if running.isEmpty { editor = newAbsenceEditor() }
    }

    public var title: String { L10n.t("absence.title") }
    public var hint: String { L10n.t("absence.hint") }
    public func suspend() -> String? { nil }

    var colleagues: [(id: UUID, name: String)] {
        let all = workspace.users.filter { $0.value.role.may(.writeCases) }.map { ($0.key, $0.value.name) }
        return all.sorted { ($0.0 == workspace.me ? 0 : 1, $0.1) < ($1.0 == workspace.me ? 0 : 1, $1.1) }
    }

    func newAbsenceEditor() -> ItemEditor {
        let people = colleagues
        return ItemEditor(title: L10n.t("absence.new"), fields: [
            FormField(id: "coordinator", label: L10n.t("field.coordinator"), kind: .choice(people.map(\.name)), isRequired: true),
            FormField(id: "from", label: L10n.t("field.from"), kind: .date, isRequired: true),
            FormField(id: "until", label: L10n.t("field.until"), kind: .date, isRequired: true),
        ], values: ["coordinator": .choice(0), "from": .date(workspace.today)]) { [unowned self] v in
            guard let i = FormCodec.choice(v, "coordinator"), people.indices.contains(i) else {
                throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.coordinator")))
            }
            guard case .date(let from?)? = v["from"] else { throw SchakelError(.validation, L10n.t("validation.badDate", L10n.t("field.from"))) }
            guard case .date(let until?)? = v["until"] else { throw SchakelError(.validation, L10n.t("validation.badDate", L10n.t("field.until"))) }
            let ws = workspace
            // Say what will happen before it happens: Enter again hands the cases over.
            let count = ws.summaries.filter { $0.phase.isActive && $0.coordinator == people[i].id }.count
            let key = "\(people[i].id)|\(from.iso)|\(until.iso)"
            if previewed != key {
                previewed = key
                throw SchakelError(.validation, L10n.t("absence.preview", count, people[i].name, from.dutch, until.dutch))
            }
            let result = try ws.store.write { tx in
                try tx.startAbsence(coordinator: people[i].id, from: from, until: until, userName: { ws.userLabel($0, privacy: false) })
            }
            return L10n.t("absence.started", result.cases, people[i].name, until.dutch)
        }
    }

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        if let ed = editor {
            switch ed.handle(event, area: area) {
            case .stay: return .stay
            case .cancelled:
                editor = nil
                return running.isEmpty ? .close(message: nil) : .stay
            case .saved(let message): return .done(message: message)
            }
        }
        if var c = confirm {
            switch c.handle(event, area: area) {
            case .action(.confirm):
                confirm = nil
                let a = running[selected]
                let ws = workspace
                do {
                    try ws.store.write { tx in try tx.endAbsence(a.id, userName: { ws.userLabel($0, privacy: false) }) }
                    return .done(message: L10n.t("absence.ended", a.value.cases.count, ws.userLabel(a.value.coordinator, privacy: false)))
                } catch { status = SchakelError.from(error).message }
            case .action(.cancel): confirm = nil
            default: confirm = c
            }
            return .stay
        }
        guard case .key(let key) = event else { return .stay }
        switch key {
        case KeyEvent(.escape), .char("q"): return .close(message: nil)
        case KeyEvent(.down), .char("j"): selected = min(running.count - 1, selected + 1)
        case KeyEvent(.up), .char("k"): selected = max(0, selected - 1)
        case .char("n"): editor = newAbsenceEditor()
        case KeyEvent(.enter), .char("t"):
            guard running.indices.contains(selected) else { break }
            let a = running[selected].value
            confirm = ConfirmDialog(title: L10n.t("absence.confirmEnd"), message: L10n.t("absence.confirmEndMessage", workspace.userLabel(a.coordinator, privacy: false), a.cases.count),
                                    confirmLabel: L10n.t("dialog.yes"), cancelLabel: L10n.t("dialog.no"))
        default: break
        }
        return .stay
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        buffer.fill(area, style: theme[.text])
        if let editor {
            editor.render(into: &buffer, area: area, theme: theme)
            buffer.put(text: L10n.t("absence.explain"), in: area.row(area.height - 3), style: theme[.muted])
            return
        }
        buffer.put(text: L10n.t("absence.running"), in: area.row(0), style: theme[.header])
        for (i, a) in running.enumerated() where i + 2 < area.height - 2 {
            let v = a.value
            let covering = v.isCovering(on: workspace.today) ? L10n.t("absence.covering") : (v.until < workspace.today ? L10n.t("absence.overdue") : L10n.t("absence.planned"))
            let text = "\(workspace.userLabel(v.coordinator, privacy: privacy)) · \(v.from.dutch) – \(v.until.dutch) · \(L10n.t("ui.count", v.cases.count)) · \(covering)"
            buffer.put(text: (i == selected ? "▸ " : "  ") + text, in: area.row(i + 2), style: i == selected ? theme[.selection] : theme[.text])
        }
        if let status { buffer.put(text: status, in: area.row(area.height - 2), style: theme[.error]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
        confirm?.render(into: &buffer, area: area, theme: theme)
    }
}
