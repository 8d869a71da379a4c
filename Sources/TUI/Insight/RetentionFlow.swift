import Foundation
import Core

/// Anonymising or erasing a case past its retention period, after a confirmation whose
/// safe answer has the focus (and no letter answers it: this cannot be undone).
final class RetentionFlow: Flow {
    enum Action { case anonymise, erase }

    let workspace: Workspace
    let item: RetentionItem
    let action: Action
    var dialog: ConfirmDialog
    var error: String?

    init(workspace: Workspace, item: RetentionItem, action: Action) {
        self.workspace = workspace; self.item = item; self.action = action
        let key = action == .anonymise ? "anonymise" : "erase"
        dialog = ConfirmDialog(title: L10n.t("insight.confirm.\(key).title", item.code.description),
                               message: L10n.t("insight.confirm.\(key).message", item.closedOn.dutch),
                               confirmLabel: L10n.t("insight.confirm.\(key).button"), cancelLabel: L10n.t("insight.confirm.cancel"),
                               isDestructive: true, letterShortcuts: false)
    }

    var title: String { L10n.t("insight.view.retention") }
    var hint: String { "" }
    var isTyping: Bool { false }
    func suspend() -> String? { nil }

    func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        guard case .action(let a) = dialog.handle(event, area: area) else { return .stay }
        guard a == .confirm else { return .close(message: nil) }
        do {
            switch action {
            case .anonymise: try workspace.store.anonymiseCase(item.caseID)
            case .erase: try workspace.store.eraseCase(item.caseID)
            }
        } catch {
            return .close(message: SchakelError.from(error).message)
        }
        return .done(message: L10n.t(action == .anonymise ? "retention.anonymised" : "caseErase.done", item.code.description))
    }

    func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        buffer.fill(area, style: theme[.text])
        dialog.render(into: &buffer, area: area, theme: theme)
    }
}
