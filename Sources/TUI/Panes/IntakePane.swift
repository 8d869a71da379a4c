import Foundation
import Core

/// The inbox: signals and referrals not yet taken into intake.
public final class IntakePane: Pane {
    public let id = PaneID.intake
    var grid = FilterableTable(columns: [], emptyText: L10n.t("intake.empty"))
    private var privacy: Bool?

    public init() {}
    public var isEditing: Bool { grid.isEditing }

    static func columns(privacy: Bool) -> [TableColumn] {
        var c = [
            TableColumn(id: "code", title: L10n.t("col.code"), width: .fixed(13)),
            TableColumn(id: "received", title: L10n.t("col.received"), width: .fixed(10), priority: 1),
            TableColumn(id: "phase", title: L10n.t("col.phase"), width: .fixed(11), priority: 2),
            TableColumn(id: "urgency", title: L10n.t("col.urgency"), width: .fixed(9), priority: 1),
            TableColumn(id: "referrer", title: L10n.t("col.referrer"), width: .flexible(min: 10, weight: 2), priority: 3),
            TableColumn(id: "forms", title: L10n.t("col.forms"), width: .flexible(min: 12, weight: 2), priority: 4),
            TableColumn(id: "age", title: L10n.t("col.age"), width: .fixed(4), priority: 5, alignment: .right),
        ]
        if !privacy { c.insert(TableColumn(id: "name", title: L10n.t("col.name"), width: .flexible(min: 12, weight: 3), priority: 2), at: 1) }
        return c
    }

    public func reload(_ ws: Workspace, privacy: Bool) {
        if self.privacy != privacy { self.privacy = privacy; grid.table.columns = Self.columns(privacy: privacy) }
        let ref = ReferenceData.shared
        let urgencyRank = ["acuut": 0, "hoog": 1, "normaal": 2, "laag": 3]
        let inbox = ws.summaries.filter { $0.phase == .signaal || $0.phase == .aanmelding }
            .sorted { (urgencyRank[$0.urgency] ?? 9, $1.openedOn) < (urgencyRank[$1.urgency] ?? 9, $0.openedOn) }
        grid.setRows(inbox.map { s in
            var cells: [TableCell] = [
                TableCell(s.code.description),
                TableCell(s.openedOn.dutch, sortKey: .text(s.openedOn.iso)),
                TableCell(s.phase.label),
                TableCell((s.urgency == "acuut" ? "! " : "") + L10n.t("urgency.\(s.urgency)"), sortKey: .number(Double(urgencyRank[s.urgency] ?? 9)),
                          role: s.urgency == "acuut" ? .danger : s.urgency == "hoog" ? .warning : nil),
                // A signal that came as an encrypted file from outside says so.
                TableCell((s.receivedVia == nil ? "" : "⇣ " + L10n.t("outside.marker") + " · ") + (s.referrerType.map { ref.label("referrerTypes", $0) } ?? "–")),
                TableCell(s.forms.map { ref.label("exploitationForms", $0) }.joined(separator: ", ")),
                TableCell(s.age(on: ws.today).map { (s.birthDate?.isEstimated == true ? "~" : "") + "\($0)" } ?? "?",
                          sortKey: .number(Double(s.age(on: ws.today) ?? -1))),
            ]
            if !privacy { cells.insert(TableCell(s.nameOrDescription), at: 1) }
            return TableRow(id: s.id.uuidString, cells: cells)
        })
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool, style: PaneStyle) {
        grid.render(title: L10n.t("intake.title", grid.visibleCount), into: &buffer, area: area, theme: theme, focused: focused, style: style)
    }

    public func handle(_ event: InputEvent, area: Rect) -> PaneOutcome {
        grid.handleBelowTitle(event, area: area)
    }

    public func commands() -> [Command] {
        FilterableTable.commands(pane: id, table: { [weak self] in self?.grid }, mutate: { [weak self] f in if let self { f(&self.grid) } })
            + [Command("intake.open", "cmd.openCase", keys: [KeyEvent(.enter)], scope: .pane(id), inFooter: true) { [weak self] shell in
                if let id = self?.grid.selectedCaseID { shell.openCase(id) }
            },
               Command("intake.newSignal", "cmd.newSignal", keys: [.char("a")], scope: .pane(id), inFooter: true,
                       isAvailable: { !$0.privacy }) { shell in
                   shell.startFlow { ws in SignalFlow(workspace: ws, findDuplicates: { ws.duplicateOffers(for: $0) }) }
               },
               Command("intake.intake", "cmd.intake", keys: [.char("i")], scope: .pane(id), inFooter: true,
                       isAvailable: { [weak self] shell in !shell.privacy && self?.grid.table.selectedRow != nil }) { [weak self] shell in
                   if let id = self?.grid.selectedCaseID { shell.startFlow { try IntakeFlow(workspace: $0, caseID: id) } }
               },
               Command("intake.feedback", "cmd.feedback", keys: [.char("t")], scope: .pane(id),
                       isAvailable: { [weak self] shell in !shell.privacy && self?.grid.table.selectedRow != nil }) { [weak self] shell in
                   if let id = self?.grid.selectedCaseID { shell.startFlow { try FeedbackFlow(workspace: $0, caseID: id) } }
               }]
    }
}
