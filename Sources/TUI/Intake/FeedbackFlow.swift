import Foundation
import Core

/// Telling the reporter what was done with their signal (and recording when).
public final class FeedbackFlow: Flow {
    let workspace: Workspace
    let caseID: UUID
    let code: CaseCode
    var form: Form
    var generalError: String?
    let outcomes = VocabularyOptions("feedbackOutcomes")

    public init(workspace: Workspace, caseID: UUID) throws {
        self.workspace = workspace
        self.caseID = caseID
        let file = try workspace.store.caseFile(caseID)
        code = file.code ?? CaseCode(year: 2000, randomBits: 0)
        let fields = [
            FormField(id: "outcome", label: L10n.t("feedback.field.outcome"), kind: .choice(outcomes.labels), isRequired: true),
            FormField(id: "toldOn", label: L10n.t("feedback.field.toldOn"), kind: .date),
            FormField(id: "note", label: L10n.t("feedback.field.note"), kind: .text(maxLength: 500)),
        ]
        var values: [String: FormValue] = ["toldOn": .date(workspace.today)]
        if let f = file.feedback {
            values["outcome"] = outcomes.index(f.outcome).map { .choice($0) }
            values["toldOn"] = .date(f.toldOn)
            values["note"] = .text(f.note ?? "")
        }
        form = Form(fields: fields, values: values, strings: .standard(L10n.language == .en ? .en : .nl))
    }

    public var title: String { "\(L10n.t("cmd.feedback")) · \(code)" }
    public var hint: String { L10n.t("feedback.hint") }

    /// Three fields, nothing personal: not worth a draft.
    public func suspend() -> String? { nil }

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        switch form.handle(event, area: area.inset(top: 2, bottom: 2)) {
        case .action(.cancel): return .close(message: nil)
        case .action(.submit(let v)):
            var told: CalendarDate?
            if case .date(let d)? = v["toldOn"] { told = d }
            if let told, told > workspace.today { form.setErrors(["toldOn": L10n.t("intake.futureDate")]); return .stay }
            let note: String
            do { note = try Validation.text(FormCodec.text(v, "note"), field: "note", max: 500) } catch {
                form.setErrors(["note": SchakelError.from(error).message]); return .stay
            }
            do {
                try workspace.store.write { tx in
                    try tx.update(caseID, ReporterFeedback(outcome: outcomes.id(FormCodec.choice(v, "outcome")) ?? "intake-gestart",
                                                           toldOn: told, note: note.nilIfEmpty))
                }
                return .done(message: L10n.t("feedback.done", code.description))
            } catch {
                generalError = SchakelError.from(error).message
                return .stay
            }
        default: return .stay
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        buffer.put(text: L10n.t("feedback.intro"), in: area.row(0), style: theme[.muted])
        form.render(into: &buffer, area: area.inset(top: 2, bottom: 2), theme: theme)
        if let generalError { buffer.put(text: generalError, in: area.row(area.height - 2), style: theme[.error]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
    }
}
