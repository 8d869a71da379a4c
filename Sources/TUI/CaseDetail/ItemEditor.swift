import Foundation
import Core

/// A form inside the case detail (a contact, an action, a network member...). Esc with
/// changes asks before discarding, so a mistaken Esc loses nothing; a failed save keeps
/// everything typed and shows why.
final class ItemEditor {
    typealias Submit = ([String: FormValue]) throws -> String

    let title: String
    var form: Form
    let initial: [String: FormValue]
    let submit: Submit
    var error: String?
    var confirmDiscard: ConfirmDialog?

    /// False for a form that only says where something goes (an export path): Esc leaves it
    /// at once, as nothing typed there is work that could be lost.
    let confirmsDiscard: Bool

    init(title: String, fields: [FormField], values: [String: FormValue] = [:], confirmsDiscard: Bool = true, submit: @escaping Submit) {
        self.title = title
        self.confirmsDiscard = confirmsDiscard
        form = Form(fields: fields, values: values, strings: .standard(L10n.language == .en ? .en : .nl))
        initial = form.values
        self.submit = submit
    }

    var isDirty: Bool { confirmsDiscard && form.values != initial }

    enum Outcome {
        case stay, cancelled, saved(String)

        /// For a flow that is only this form.
        var flowOutcome: FlowOutcome {
            switch self {
            case .stay: return .stay
            case .cancelled: return .close(message: nil)
            case .saved(let message): return .done(message: message)
            }
        }
    }

    func handle(_ event: InputEvent, area: Rect) -> Outcome {
        if var dialog = confirmDiscard {
            switch dialog.handle(event, area: area) {
            case .action(.confirm): confirmDiscard = nil; return .cancelled
            case .action(.cancel): confirmDiscard = nil
            default: confirmDiscard = dialog
            }
            return .stay
        }
        if case .key = event { error = nil }   // a message about the last save attempt, not the current input
        switch form.handle(event, area: formArea(area)) {
        case .action(.cancel):
            if isDirty {
                confirmDiscard = ConfirmDialog(title: L10n.t("detail.discardTitle"), message: L10n.t("detail.discardMessage"),
                                               confirmLabel: L10n.t("dialog.yes"), cancelLabel: L10n.t("dialog.no"), isDestructive: true)
                return .stay
            }
            return .cancelled
        case .action(.submit(let values)):
            do { return .saved(try submit(values)) } catch {
                let e = SchakelError.from(error)
                error_(e.message)
                return .stay
            }
        default: return .stay
        }
    }

    private func error_(_ message: String) { error = message }

    func formArea(_ area: Rect) -> Rect { area.inset(top: 2, bottom: 2) }

    func render(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        buffer.fill(area, style: theme[.text])
        buffer.put(text: title, in: area.row(0), style: theme[.header])
        form.render(into: &buffer, area: formArea(area), theme: theme)
        if let error { buffer.put(text: error, in: area.row(area.height - 2), style: theme[.error]) }
        buffer.put(text: L10n.t("detail.formHint"), in: area.row(area.height - 1), style: theme[.keyHint])
        confirmDiscard?.render(into: &buffer, area: area, theme: theme)
    }
}
