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

    /// The agenda of the selected meeting as text lines, de-identified.
    public func agendaLines(privacy: Bool) -> (title: String, lines: [String])? {
        guard let ws = workspace, let id = grid.table.selectedRow?.id, let m = ws.meetings.first(where: { $0.id.uuidString == id }) else { return nil }
        let ref = ReferenceData.shared
        var lines: [String] = []
        for item in m.items {
            let org = ref.organisation(item.broughtBy)?.name ?? item.broughtBy
            if let c = item.caseID, let s = ws.byID[c] {
                let age = s.age(on: m.record.date).map { "\($0) \(L10n.t("word.years"))" } ?? "?"
                lines.append("\(item.order). \(s.code) · \(age) · \(s.forms.map { ref.label("exploitationForms", $0) }.joined(separator: ", ")) · \(item.minutes) min")
            } else {
                lines.append("\(item.order). \(item.title.map { privacy ? ws.masker.apply($0) : $0 } ?? "") · \(item.minutes) min")
            }
            lines.append("   \(L10n.t("meeting.question")): \(privacy ? ws.masker.apply(item.question) : item.question)")
            lines.append("   \(L10n.t("meeting.broughtBy")): \(org)")
        }
        return ("\(L10n.t("pane.casusoverleg")) · \(m.record.date.dutch)", lines.isEmpty ? [L10n.t("meetings.noAgenda")] : lines)
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool, style: PaneStyle) {
        grid.render(title: L10n.t("meetings.title", grid.visibleCount), into: &buffer, area: area, theme: theme, focused: focused, style: style)
    }

    public func handle(_ event: InputEvent, area: Rect) -> PaneOutcome {
        grid.handle(event, area: area.inset(top: 1)).handled ? .handled : .ignored
    }

    public func commands() -> [Command] {
        FilterableTable.commands(pane: id, table: { [weak self] in self?.grid }, mutate: { [weak self] f in if let self { f(&self.grid) } })
            + [Command("casusoverleg.agenda", "cmd.showAgenda", keys: [KeyEvent(.enter)], scope: .pane(id), inFooter: true) { [weak self] shell in
                if let a = self?.agendaLines(privacy: shell.privacy) { shell.showDetail(title: a.title, lines: a.lines) }
            }]
    }
}
