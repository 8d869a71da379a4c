import Foundation
import Core

/// "Conflicten": every open sync conflict (case code or — for a store-level record, the field
/// group, the kind, how many values compete). Enter opens the conflict to choose a value.
/// Shows no names: the values themselves are only in the detail, masked in privacy mode.
final class ConflictsView: Flow, FlowHost {
    let workspace: Workspace
    var conflicts: [SyncConflict] = []
    var table = Table(columns: [], emptyText: L10n.t("conflicts.none"))
    var subflow: Flow?
    var editor: ItemEditor?
    var status: (text: String, isError: Bool)?
    var showKeys = false
    var loadError: String?

    init(workspace: Workspace) {
        self.workspace = workspace
        table.columns = [
            TableColumn(id: "code", title: L10n.t("conflicts.col.case"), width: .fixed(14)),
            TableColumn(id: "group", title: L10n.t("conflicts.col.group"), width: .flexible(min: 14, weight: 2)),
            TableColumn(id: "kind", title: L10n.t("conflicts.col.kind"), width: .flexible(min: 20, weight: 2), priority: 1),
            TableColumn(id: "values", title: L10n.t("conflicts.col.values"), width: .fixed(8), priority: 2, alignment: .right),
        ]
        do { try refresh() } catch { loadError = SchakelError.from(error).message }
    }

    var title: String { subflow?.title ?? L10n.t("conflicts.title", conflicts.count) }
    var hint: String { subflow?.hint ?? L10n.t("conflicts.hint") }
    var availableInPrivacy: Bool { true }
    var isTyping: Bool { subflow?.isTyping ?? false }
    func suspend() -> String? { nil }

    func refresh() throws {
        conflicts = try workspace.store.conflicts()
        try workspace.reloadSyncState()
        table.setRows(conflicts.map { c in
            TableRow(id: c.id, cells: [
                TableCell(c.caseID == nil ? "—" : (c.code ?? workspace.caseCode(c.caseID))),
                TableCell(SyncLabels.group(c.groupKey)),
                TableCell(SyncLabels.kind(c.kind), role: c.kind == .closure ? .warning : nil),
                TableCell("\(c.values.count)", sortKey: .number(Double(c.values.count))),
            ])
        })
    }

    var selected: SyncConflict? { table.selectedID.flatMap { id in conflicts.first { $0.id == id } } }

    func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        if handleNested(event, area: area) { return .stay }
        guard case .key(let key) = event else { return .stay }
        if showKeys { showKeys = false; return .stay }
        status = nil
        switch key {
        case KeyEvent(.escape), .char("q"): return .close(message: nil)
        case .char("?"): showKeys = true
        case KeyEvent(.enter):
            guard let c = selected else { break }
            subflow = ConflictDetail(workspace: workspace, conflict: c)
        case .char("s"), .char("S"): break   // the list keeps its order: cases by code
        default: _ = table.handle(event, area: Rect(x: 0, y: 0, width: area.width, height: max(1, area.height - 4)))
        }
        return .stay
    }

    func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        if let subflow { subflow.render(into: &buffer, area: area, theme: theme, privacy: privacy); return }
        buffer.fill(area, style: theme[.text])
        buffer.put(text: L10n.t("conflicts.explain"), in: area.row(0), style: theme[.muted])
        table.render(into: &buffer, area: Rect(x: area.x, y: area.y + 2, width: area.width, height: max(1, area.height - 4)), theme: theme)
        if let loadError { buffer.put(text: loadError, in: area.row(area.height - 2), style: theme[.error]) }
        if let status { buffer.put(text: privacy ? workspace.masker.apply(status.text) : status.text, in: area.row(area.height - 2),
                                   style: status.isError ? theme[.error] : theme[.ok]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
        if showKeys { KeyListPanel.render(hint: L10n.t("conflicts.hint"), title: L10n.t("ui.keys"), into: &buffer, area: area, theme: theme) }
    }
}
