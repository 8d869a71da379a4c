import Foundation
import Core

/// The coordinator's caseload: mine, as backup, or the whole team, with attention signals.
public final class CaseloadPane: Pane {
    public enum View: String, CaseIterable { case mine, backup, team
        var label: String { L10n.t("caseload.view.\(rawValue)") }
    }

    public let id = PaneID.caseload
    public private(set) var view: View = .mine
    var grid: FilterableTable
    private var privacy = false
    private weak var workspace: Workspace?

    public init() { grid = FilterableTable(columns: [], emptyText: L10n.t("caseload.empty")) }

    public var isEditing: Bool { grid.isEditing }

    static func columns(privacy: Bool) -> [TableColumn] {
        var c = [
            TableColumn(id: "code", title: L10n.t("col.code"), width: .fixed(13)),
            TableColumn(id: "phase", title: L10n.t("col.phase"), width: .fixed(11), priority: 1),
            TableColumn(id: "track", title: L10n.t("col.track"), width: .fixed(5), priority: 2),
            TableColumn(id: "age", title: L10n.t("col.age"), width: .fixed(4), priority: 3, alignment: .right),
            TableColumn(id: "attention", title: L10n.t("col.attention"), width: .flexible(min: 10, weight: 2), priority: 1),
            TableColumn(id: "forms", title: L10n.t("col.forms"), width: .flexible(min: 12, weight: 2), priority: 5),
            TableColumn(id: "municipality", title: L10n.t("col.municipality"), width: .flexible(min: 10, weight: 1), priority: 6),
            TableColumn(id: "opened", title: L10n.t("col.opened"), width: .fixed(10), priority: 7),
        ]
        if !privacy { c.insert(TableColumn(id: "name", title: L10n.t("col.name"), width: .flexible(min: 12, weight: 3), priority: 2), at: 1) }
        return c
    }

    public func reload(_ ws: Workspace, privacy: Bool) {
        workspace = ws
        if privacy != self.privacy || grid.table.columns.isEmpty {
            self.privacy = privacy
            let sort = grid.table.sort
            grid.table.columns = Self.columns(privacy: privacy)
            if sort != nil { grid.table.setSort(nil) }
        }
        grid.setRows(Self.rows(ws, view: view, privacy: privacy))
    }

    static func rows(_ ws: Workspace, view: View, privacy: Bool) -> [TableRow] {
        let today = ws.today
        let ref = ReferenceData.shared
        let selected: [CaseSummary]
        switch view {
        case .mine: selected = ws.summaries.filter { $0.coordinator == ws.me && $0.phase.isActive }
        case .backup: selected = ws.summaries.filter { $0.backup == ws.me && $0.coordinator != ws.me && $0.phase.isActive }
        case .team: selected = ws.summaries.filter { $0.phase.isActive }
        }
        return selected.sorted { $0.openedOn > $1.openedOn }.map { s in
            let signals = AttentionSignal.signals(for: s, on: today).sorted()
            let attention = signals.map { "\($0.glyph) \($0.label)" }.joined(separator: ", ")
            let urgent = signals.contains { $0.glyph == "!" }
            let age = s.age(on: today).map { (s.birthDate?.isEstimated == true ? "~" : "") + "\($0)" } ?? "?"
            var cells: [TableCell] = [
                TableCell(s.code.description),
                TableCell(s.phase.label, sortKey: .number(Double(Phase.allCases.firstIndex(of: s.phase)!))),
                TableCell(s.track(on: today).rawValue),
                TableCell(age, sortKey: .number(Double(s.age(on: today) ?? -1))),
                TableCell(attention, sortKey: .number(Double(signals.first.map { AttentionSignal.allCases.firstIndex(of: $0)! } ?? 99)),
                          role: signals.isEmpty ? nil : (urgent ? .danger : .warning)),
                TableCell(s.forms.map { ref.label("exploitationForms", $0) }.joined(separator: ", ")),
                TableCell(ref.municipalityName(s.municipality)),
                TableCell(s.openedOn.dutch, sortKey: .text(s.openedOn.iso)),
            ]
            if !privacy { cells.insert(TableCell(s.nameOrDescription), at: 1) }
            return TableRow(id: s.id.uuidString, cells: cells)
        }
    }

    public func cycleView() {
        view = View.allCases[(View.allCases.firstIndex(of: view)! + 1) % View.allCases.count]
        if let ws = workspace { grid.setRows(Self.rows(ws, view: view, privacy: privacy)) }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool, style: PaneStyle) {
        grid.render(title: "\(view.label) · \(L10n.t("ui.count", grid.visibleCount))", into: &buffer, area: area, theme: theme, focused: focused, style: style)
    }

    public func handle(_ event: InputEvent, area: Rect) -> PaneOutcome {
        grid.handleBelowTitle(event, area: area)
    }

    public func commands() -> [Command] {
        FilterableTable.commands(pane: id, table: { [weak self] in self?.grid }, mutate: { [weak self] f in if let self { f(&self.grid) } })
            + [Command("caseload.view", "cmd.caseloadView", keys: [.char("v")], scope: .pane(id), inFooter: true) { [weak self] _ in self?.cycleView() },
               Command("caseload.intake", "cmd.intake", keys: [.char("i")], scope: .pane(id),
                       isAvailable: { [weak self] shell in !shell.privacy && self?.grid.table.selectedRow != nil }) { [weak self] shell in
                   if let id = self?.grid.selectedCaseID { shell.startFlow { try IntakeFlow(workspace: $0, caseID: id) } }
               },
               Command("caseload.open", "cmd.openCase", keys: [KeyEvent(.enter)], scope: .pane(id), inFooter: true) { [weak self] shell in
                   if let id = self?.grid.selectedCaseID { shell.openCase(id) }
               }]
    }
}
