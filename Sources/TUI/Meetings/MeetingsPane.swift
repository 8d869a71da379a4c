import Foundation
import Core

/// The casusoverleg 18- (and other tables): meetings with their agendas. Agenda items
/// show case codes only: the room may not see more (DOMAIN.md §5).
public final class MeetingsPane: Pane {
    public let id = PaneID.casusoverleg
    var grid = FilterableTable(columns: [
        TableColumn(id: "date", title: L10n.t("col.date"), width: .fixed(10)),
        TableColumn(id: "table", title: L10n.t("col.table"), width: .flexible(min: 14, weight: 3), priority: 2),
        TableColumn(id: "status", title: L10n.t("col.status"), width: .fixed(10), priority: 1),
        TableColumn(id: "cases", title: L10n.t("col.caseItems"), width: .fixed(8), priority: 3, alignment: .right),
        TableColumn(id: "themes", title: L10n.t("col.themeItems"), width: .fixed(8), priority: 4, alignment: .right),
        TableColumn(id: "present", title: L10n.t("col.present"), width: .fixed(9), priority: 5, alignment: .right),
    ], emptyText: L10n.t("meetings.empty"))
    private weak var workspace: Workspace?

    public init() {}
    public var isEditing: Bool { grid.isEditing }

    public func reload(_ ws: Workspace, privacy: Bool) {
        workspace = ws
        let ref = ReferenceData.shared
        let tables = Dictionary(ref.regions.flatMap(\.tables).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        grid.setRows(ws.meetings.map { m in
            let upcoming = m.record.date >= ws.today
            return TableRow(id: m.id.uuidString, cells: [
                TableCell(m.record.date.dutch, sortKey: .text(m.record.date.iso)),
                TableCell(tables[m.record.table].map { L10n.language == .en ? $0.en : $0.nl } ?? m.record.table),
                TableCell((upcoming ? "› " : "") + L10n.t("meeting.\(m.record.status)"), role: upcoming ? .ok : nil),
                TableCell("\(m.items.filter { $0.caseID != nil }.count)", sortKey: .number(Double(m.items.filter { $0.caseID != nil }.count))),
                TableCell("\(m.items.filter { $0.caseID == nil }.count)", sortKey: .number(Double(m.items.filter { $0.caseID == nil }.count))),
                TableCell(m.present > 0 ? "\(m.present)" : "–", sortKey: .number(Double(m.present))),
            ])
        })
        if let next = ws.meetings.last(where: { $0.record.date >= ws.today }) { grid.table.select(id: next.id.uuidString) }
    }

    var selectedID: UUID? { grid.table.selectedRow.flatMap { UUID(uuidString: $0.id) } }

    /// Opens the selected meeting's agenda (masked and read-only in privacy mode), or goes
    /// straight into meeting mode.
    func open(_ shell: Shell, meetingMode: Bool) {
        guard let id = selectedID else { return }
        let viewer = shell.viewer
        shell.startFlow(allowInPrivacy: true) { ws in
            let agenda = try AgendaFlow(workspace: ws, meetingID: id, viewer: viewer)
            if meetingMode { _ = agenda.handle(.key(.char("M")), area: Rect(x: 0, y: 0, width: 0, height: 0)) }
            return agenda
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool, style: PaneStyle) {
        grid.render(title: L10n.t("meetings.title", grid.visibleCount), into: &buffer, area: area, theme: theme, focused: focused, style: style)
    }

    public func handle(_ event: InputEvent, area: Rect) -> PaneOutcome {
        grid.handle(event, area: area.inset(top: 1)).handled ? .handled : .ignored
    }

    public func commands() -> [Command] {
        let pane = id
        return FilterableTable.commands(pane: id, table: { [weak self] in self?.grid }, mutate: { [weak self] f in if let self { f(&self.grid) } })
            + [Command("casusoverleg.agenda", "cmd.showAgenda", keys: [KeyEvent(.enter)], scope: .pane(pane), inFooter: true) { [weak self] shell in
                   self?.open(shell, meetingMode: false)
               },
               Command("casusoverleg.meetingMode", "cmd.meetingMode", keys: [.char("M")], scope: .pane(pane), inFooter: true,
                       isAvailable: { $0.workspace?.store.role.may(.manageMeetings) ?? false }) { [weak self] shell in
                   self?.open(shell, meetingMode: true)
               },
               Command("casusoverleg.series", "cmd.newSeries", keys: [.char("R")], scope: .pane(pane), inFooter: true,
                       isAvailable: { !$0.privacy && ($0.workspace?.store.role.may(.manageMeetings) ?? false) }) { shell in
                   shell.startFlow(allowInPrivacy: true) { SeriesFlow(workspace: $0) }
               }]
    }
}
