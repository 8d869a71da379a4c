import Foundation
import Core

/// The buddy register: type, languages, load against capacity, screening (VOG) status.
public final class MaatjesPane: Pane {
    public let id = PaneID.maatjes
    var grid = FilterableTable(columns: [], emptyText: L10n.t("maatjes.empty"))
    private var privacy: Bool?
    /// A VOG older than this is flagged (volunteer organisations renew every few years).
    static let vogValidYears = 3

    public init() {}
    public var isEditing: Bool { grid.isEditing }

    static func columns(privacy: Bool) -> [TableColumn] {
        var c = [
            TableColumn(id: "type", title: L10n.t("col.maatjeType"), width: .flexible(min: 9, weight: 1), priority: 1),
            TableColumn(id: "org", title: L10n.t("col.organisation"), width: .flexible(min: 10, weight: 2), priority: 4),
            TableColumn(id: "languages", title: L10n.t("col.languages"), width: .flexible(min: 8, weight: 1), priority: 2),
            TableColumn(id: "municipality", title: L10n.t("col.municipality"), width: .flexible(min: 10, weight: 1), priority: 5),
            TableColumn(id: "load", title: L10n.t("col.load"), width: .fixed(7), priority: 1, alignment: .right),
            TableColumn(id: "status", title: L10n.t("col.status"), width: .fixed(8), priority: 3),
            TableColumn(id: "vog", title: L10n.t("col.vog"), width: .flexible(min: 10, weight: 1), priority: 2),
        ]
        c.insert(privacy ? TableColumn(id: "ref", title: L10n.t("col.ref"), width: .fixed(8))
                         : TableColumn(id: "name", title: L10n.t("col.name"), width: .flexible(min: 12, weight: 3)), at: 0)
        return c
    }

    public func reload(_ ws: Workspace, privacy: Bool) {
        if self.privacy != privacy { self.privacy = privacy; grid.table.columns = Self.columns(privacy: privacy) }
        let ref = ReferenceData.shared
        var load: [UUID: Int] = [:]
        for m in ws.matches where ["voorgesteld", "kennismaking", "actief"].contains(m.status) { load[m.maatje, default: 0] += 1 }
        let expiry = ws.today.adding(years: -Self.vogValidYears)
        grid.setRows(ws.maatjes.map { m in
            let cap = m.availability?.capacity ?? 0
            let used = load[m.id, default: 0]
            let vog = m.screening?.vogDate
            let vogCell: TableCell = vog.map { d in
                d < expiry ? TableCell("! \(d.dutch) \(L10n.t("maatjes.vogExpired"))", sortKey: .text(d.iso), role: .danger)
                           : TableCell(d.dutch, sortKey: .text(d.iso))
            } ?? TableCell("! " + L10n.t("maatjes.noVog"), sortKey: .text(""), role: .danger)
            return TableRow(id: m.id.uuidString, cells: [
                TableCell(privacy ? String(m.id.uuidString.prefix(8)) : m.profile.name),
                TableCell(ref.label("maatjeTypes", m.profile.maatjeType)),
                TableCell(ref.organisation(m.profile.organisation)?.name ?? m.profile.organisation),
                TableCell(m.profile.languages.joined(separator: ", ")),
                TableCell(ref.municipalityName(m.profile.municipality)),
                TableCell("\(used)/\(cap)", sortKey: .number(Double(cap - used)), role: used >= cap ? .muted : .ok),
                TableCell(L10n.t("maatje.\(m.profile.status)")),
                vogCell,
            ])
        })
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool, style: PaneStyle) {
        grid.render(title: L10n.t("maatjes.title", grid.visibleCount), into: &buffer, area: area, theme: theme, focused: focused, style: style)
    }

    public func handle(_ event: InputEvent, area: Rect) -> PaneOutcome {
        grid.handle(event, area: area.inset(top: 1)).handled ? .handled : .ignored
    }

    public func commands() -> [Command] {
        FilterableTable.commands(pane: id, table: { [weak self] in self?.grid }, mutate: { [weak self] f in if let self { f(&self.grid) } })
    }
}
