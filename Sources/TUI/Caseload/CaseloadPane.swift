import Foundation
import Core

/// The coordinator's caseload: mine (including cases covered for an absent colleague), as
/// backup, a colleague's, or the whole team; as a plain list or as the attention worklist
/// (only cases with a signal, most urgent first).
public final class CaseloadPane: Pane {
    public enum View: String, CaseIterable { case mine, backup, team, closed, colleague
        var label: String { L10n.t("caseload.view.\(rawValue)") }
    }

    public let id = PaneID.caseload
    public private(set) var view: View = .mine
    public private(set) var worklist = false
    /// The colleague shown in the `colleague` view.
    public private(set) var colleague: UUID?
    var grid: FilterableTable
    private var privacy = false
    private weak var workspace: Workspace?

    public init() { grid = FilterableTable(columns: [], emptyText: L10n.t("caseload.empty")) }

    public var isEditing: Bool { grid.isEditing }

    static func columns(privacy: Bool, worklist: Bool = false) -> [TableColumn] {
        var c = [
            TableColumn(id: "code", title: L10n.t("col.code"), width: .fixed(13)),
            TableColumn(id: "phase", title: L10n.t("col.phase"), width: .fixed(11), priority: 1),
            TableColumn(id: "track", title: L10n.t("col.track"), width: .fixed(5), priority: 2),
            TableColumn(id: "age", title: L10n.t("col.age"), width: .fixed(4), priority: 3, alignment: .right),
            // In the worklist the signals are the point: they get the room.
            TableColumn(id: "attention", title: L10n.t("col.attention"), width: worklist ? .flexible(min: 22, weight: 8) : .flexible(min: 10, weight: 3), priority: 1),
            TableColumn(id: "forms", title: L10n.t("col.forms"), width: .flexible(min: 12, weight: 2), priority: 5),
            TableColumn(id: "municipality", title: L10n.t("col.municipality"), width: .flexible(min: 10, weight: 1), priority: 6),
            TableColumn(id: "region", title: L10n.t("col.region"), width: .fixed(10), priority: 8),
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
            grid.table.columns = Self.columns(privacy: privacy, worklist: worklist)
            if sort != nil { grid.table.setSort(nil) }
        }
        grid.setRows(Self.rows(ws, view: view, colleague: colleague, worklist: worklist, privacy: privacy))
    }

    /// The cases of a view: who holds them today decides "mine" and a colleague's.
    static func selection(_ ws: Workspace, view: View, colleague: UUID?) -> [CaseSummary] {
        let holder = ws.holder
        switch view {
        case .mine: return ws.summaries.filter { $0.phase.isActive && holder.holder($0) == ws.me }
        case .backup: return ws.summaries.filter { $0.phase.isActive && $0.backup == ws.me && holder.holder($0) != ws.me }
        case .team: return ws.summaries.filter { $0.phase.isActive }
        case .colleague: return ws.summaries.filter { $0.phase.isActive && holder.holder($0) == colleague }
        // Closed cases, to look something up or to reopen one (p in the case detail).
        case .closed: return ws.summaries.filter { !$0.phase.isActive }
        }
    }

    static func rows(_ ws: Workspace, view: View, colleague: UUID?, worklist: Bool, privacy: Bool) -> [TableRow] {
        let today = ws.today
        let ref = ReferenceData.shared
        let selected = selection(ws, view: view, colleague: colleague)
        let ordered: [(CaseSummary, [AttentionItem])]
        if worklist {
            ordered = Worklist.entries(selected, on: today, thresholds: ws.thresholds, meetingActions: ws.meetingActionsLate).compactMap { e in ws.byID[e.caseID].map { ($0, e.items) } }
        } else {
            ordered = selected.sorted { view == .closed ? ($0.phaseSince, $0.openedOn) > ($1.phaseSince, $1.openedOn) : $0.openedOn > $1.openedOn }.map { ($0, AttentionSignal.items(for: $0, on: today, thresholds: ws.thresholds, meetingActionDays: ws.meetingActionsLate[$0.id])) }
        }
        return ordered.enumerated().map { index, pair in
            let (s, items) = pair
            // Covering for an absent colleague is said first, in words (not only a glyph).
            let covering = ws.holder.isCovered(s) ? ["⇄ " + L10n.t("caseload.covering")] : []
            let attention = (covering + items.map(\.text)).joined(separator: ", ")
            let urgent = items.contains { $0.signal.isOverdue }
            let age = s.age(on: today).map { (s.birthDate?.isEstimated == true ? "~" : "") + "\($0)" } ?? "?"
            var cells: [TableCell] = [
                TableCell(s.code.description),
                TableCell(s.phase.label, sortKey: .number(Double(Phase.allCases.firstIndex(of: s.phase)!))),
                TableCell(s.track(on: today).rawValue),
                TableCell(age, sortKey: .number(Double(s.age(on: today) ?? -1))),
                TableCell(attention, sortKey: .number(worklist ? Double(index) : Double(items.first?.signal.rank ?? 99)),
                          role: items.isEmpty ? (covering.isEmpty ? nil : .warning) : (urgent ? .danger : .warning)),
                TableCell(s.forms.map { ref.label("exploitationForms", $0) }.joined(separator: ", ")),
                TableCell(ref.municipalityName(s.municipality)),
                TableCell(ref.region(s.region).map { L10n.language == .en ? $0.en : $0.nl } ?? s.region),
                TableCell(s.openedOn.dutch, sortKey: .text(s.openedOn.iso)),
            ]
            if !privacy { cells.insert(TableCell(s.nameOrDescription), at: 1) }
            return TableRow(id: s.id.uuidString, cells: cells)
        }
    }

    func refreshRows() {
        if let ws = workspace { grid.setRows(Self.rows(ws, view: view, colleague: colleague, worklist: worklist, privacy: privacy)) }
    }

    public func cycleView() {
        let order: [View] = [.mine, .backup, .team, .closed]
        view = order[((order.firstIndex(of: view) ?? -1) + 1) % order.count]
        refreshRows()
    }

    /// Shows the next colleague's caseload (coordinators who hold cases, by name).
    public func nextColleague() {
        guard let ws = workspace else { return }
        let holders = Set(ws.summaries.filter(\.phase.isActive).map { ws.holder.holder($0) })
        // Colleagues who hold cases today (an absent colleague's cases are with the backup).
        let others = ws.users.filter { $0.key != ws.me && holders.contains($0.key) }
            .sorted { ($0.value.name, $0.key.uuidString) < ($1.value.name, $1.key.uuidString) }.map(\.key)
        guard !others.isEmpty else { return }
        if view == .colleague, let c = colleague, let i = others.firstIndex(of: c) {
            if i + 1 < others.count { colleague = others[i + 1] } else { view = .mine; colleague = nil; refreshRows(); return }
        } else {
            colleague = others[0]
        }
        view = .colleague
        refreshRows()
    }

    public func toggleWorklist() {
        worklist.toggle()
        grid.table.columns = Self.columns(privacy: privacy, worklist: worklist)
        grid.table.setSort(nil)
        refreshRows()
    }

    var titleText: String {
        var label = view.label
        if view == .colleague, let c = colleague, let ws = workspace { label = L10n.t("caseload.view.colleagueOf", ws.userLabel(c, privacy: privacy)) }
        if worklist { label = L10n.t("caseload.worklistOf", label) }
        return "\(label) · \(L10n.t("ui.count", grid.visibleCount))"
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool, style: PaneStyle) {
        grid.render(title: titleText, into: &buffer, area: area, theme: theme, focused: focused, style: style)
    }

    public func handle(_ event: InputEvent, area: Rect) -> PaneOutcome {
        grid.handleBelowTitle(event, area: area)
    }

    public func commands() -> [Command] {
        FilterableTable.commands(pane: id, table: { [weak self] in self?.grid }, mutate: { [weak self] f in if let self { f(&self.grid) } })
            + [Command("caseload.view", "cmd.caseloadView", keys: [.char("v")], scope: .pane(id), inFooter: true) { [weak self] _ in self?.cycleView() },
               Command("caseload.worklist", "cmd.worklist", keys: [.char("w")], scope: .pane(id), inFooter: true) { [weak self] _ in self?.toggleWorklist() },
               Command("caseload.colleague", "cmd.colleague", keys: [.char("c")], scope: .pane(id)) { [weak self] _ in self?.nextColleague() },
               Command("caseload.workload", "cmd.workload", keys: [.char("l")], scope: .pane(id), inFooter: true) { shell in
                   shell.startFlow(allowInPrivacy: true) { try WorkloadView(workspace: $0) }
               },
               Command("caseload.absence", "cmd.absence", keys: [.char("A")], scope: .pane(id),
                       isAvailable: { shell in !shell.privacy }) { shell in
                   shell.startFlow { try AbsenceFlow(workspace: $0) }
               },
               Command("caseload.intake", "cmd.intake", keys: [.char("i")], scope: .pane(id),
                       isAvailable: { [weak self] shell in !shell.privacy && self?.grid.table.selectedRow != nil }) { [weak self] shell in
                   if let id = self?.grid.selectedCaseID { shell.startFlow { try IntakeFlow(workspace: $0, caseID: id) } }
               },
               Command("caseload.open", "cmd.openCase", keys: [KeyEvent(.enter)], scope: .pane(id), inFooter: true) { [weak self] shell in
                   if let id = self?.grid.selectedCaseID { shell.openCase(id) }
               }]
    }
}
