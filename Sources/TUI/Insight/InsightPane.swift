import Foundation
import Core

/// Inzicht (issue 9): the anonymous figures on nature and scale (small counts suppressed
/// on screen as in every export), the team's figures, the retention worklist, the
/// disclosure register and, for the beheerder, the audit log. Views cycle with `v`; the
/// figures change breakdown with ←/→ and period with `p`; the two logs are tables with
/// `/` search, `f` filter (any column: a name, a case code, a date part such as 11-2026).
public final class InsightPane: Pane {
    public enum View: String, CaseIterable { case figures, team, retention, disclosures, audit
        var label: String { L10n.t("insight.view.\(rawValue)") }
        var isLog: Bool { self == .disclosures || self == .audit }
    }

    public let id = PaneID.inzicht
    public private(set) var view: View = .figures
    public private(set) var granularity: ReportGranularity = .quarter
    public private(set) var dimension: ReportDimension = .exploitationForm
    private weak var workspace: Workspace?
    private var privacy = false
    /// What anonymised cases left; read with the first report after a reload.
    private var anonymous: [AnonymousCount]?
    private var reports: [ReportGranularity: AggregateReport] = [:]
    private var team: TeamFigures?
    private(set) var retention: [RetentionItem] = []
    private var policy = RetentionPolicy.standard
    var selected = 0
    private var loadError: String?
    /// The two logs, read when their view is first shown (the audit log decrypts every entry).
    var grid = FilterableTable(columns: [], emptyText: L10n.t("insight.emptyLog"))
    private var audit: AuditView?
    private var disclosures: [DisclosureRecord]?
    private var role = Role.zorgcoordinator

    public init() {}
    public var isEditing: Bool { view.isLog && grid.isEditing }

    /// The views this role has: the audit log is the beheerder's; the register needs a role that reads cases or audits.
    var views: [View] {
        View.allCases.filter { v in
            switch v {
            case .audit: return role.may(.audit)
            case .team: return role.may(.readCases)   // waiting days and minors per coordinator
            case .disclosures: return role.may(.audit) || role.may(.readCases)
            default: return true
            }
        }
    }

    public func reload(_ workspace: Workspace, privacy: Bool) {
        self.workspace = workspace
        self.privacy = privacy
        reports = [:]
        team = nil
        audit = nil
        disclosures = nil
        role = workspace.store.role
        if !views.contains(view) { view = .figures }
        anonymous = nil
        do {
            policy = try workspace.store.retentionPolicy()
            loadError = nil
        } catch {
            loadError = SchakelError.from(error).message
        }
        retention = Store.retentionWorklist(workspace.summaries, policy: policy, today: workspace.today)
        selected = min(selected, max(0, retention.count - 1))
    }

    var periods: [ReportPeriod] { ReportPeriod.recent(granularity, today: workspace?.today ?? CalendarDate(Date())) }

    /// Built once per period length, when first shown, and kept until the next reload (the
    /// per-case records live only while it is built: the pane holds tables, not cases).
    public var report: AggregateReport {
        if let r = reports[granularity] { return r }
        if anonymous == nil {
            do { anonymous = try workspace?.store.anonymousCounts() ?? [] } catch { anonymous = []; loadError = SchakelError.from(error).message }
        }
        let r = ReportBuilder(periods: periods).build((workspace?.summaries ?? []).map(ReportRecord.init), anonymous: anonymous ?? [])
        reports[granularity] = r
        return r
    }

    public var teamFigures: TeamFigures? {
        guard let ws = workspace else { return nil }
        if let team { return team }
        let p = periods
        let t = TeamFigures.compute(ws.summaries, holder: ws.holder, today: ws.today, window: p.first!.firstDay...p.last!.lastDay)
        team = t
        return t
    }

    var currentTable: SuppressedTable? { report.tables.first { $0.table.id == dimension.rawValue } }

    // MARK: drawing

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool, style: PaneStyle) {
        buffer.fill(area, style: theme[.text])
        guard area.height >= 3 else { return }
        let tabs = views.map { $0 == view ? "[\($0.label)]" : $0.label }.joined(separator: " ")
        buffer.put(text: tabs, in: area.row(0), style: theme[.header])
        let body = Rect(x: area.x, y: area.y + 2, width: area.width, height: area.height - 2)
        switch view {
        case .figures: renderFigures(into: &buffer, area: body, theme: theme)
        case .team: renderTeam(into: &buffer, area: body, theme: theme)
        case .retention: renderRetention(into: &buffer, area: body, theme: theme)
        case .disclosures, .audit:
            fillLog()
            grid.render(title: logTitle, into: &buffer, area: body, theme: theme, focused: focused, style: style)
        }
        if let loadError { buffer.put(text: loadError, in: area.row(area.height - 1), style: theme[.error]) }
    }

    func renderFigures(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard let first = periods.first, let last = periods.last else { return }
        guard let table = currentTable else {
            buffer.put(text: L10n.t("report.withheld", dimension.title), in: area.row(0), style: theme[.muted])
            return
        }
        let index = ReportDimension.allCases.firstIndex(of: dimension)! + 1
        let key = area.width >= 100 ? "insight.figuresTitle" : "insight.figuresTitleShort"
        buffer.put(text: L10n.t(key, table.table.title, granularity.label, first.label, last.label, index, ReportDimension.allCases.count),
                   in: area.row(0), style: theme[.tableHeader])
        let view = ReportTableView(table: table)
        let tableArea = Rect(x: area.x, y: area.y + 2, width: area.width, height: max(0, area.height - 3))
        let used = view.render(into: &buffer, area: tableArea, theme: theme)
        var y = 2 + used + 1
        let legend = L10n.t("insight.legend", table.threshold)
        let chartRows = min(periods.count, area.height - y - 3)
        if chartRows >= 3 {
            buffer.put(text: L10n.t("insight.trend"), in: area.row(y), style: theme[.header])
            view.trend(chartRows).render(into: &buffer, area: Rect(x: area.x, y: area.y + y + 1, width: min(area.width, 72), height: chartRows), theme: theme)
            y += chartRows + 2
        }
        if y < area.height { buffer.put(text: legend, in: area.row(min(y, area.height - 1)), style: theme[.muted]) }
    }

    func renderTeam(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard let ws = workspace, let f = teamFigures, let first = periods.first, let last = periods.last else { return }
        buffer.put(text: L10n.t("insight.teamTitle", ws.today.dutch, first.label, last.label), in: area.row(0), style: theme[.tableHeader])
        let rows = f.textRows(short: true) { ws.userLabel($0, privacy: privacy) }
        // Narrow screens keep the name and the first columns; the headers shorten to fit.
        let nameWidth = min(24, max(14, rows.map { TextWidth.width(of: $0[0]) }.max() ?? 14) + 1)
        let colWidth = 9
        let fit = max(1, (area.width - nameWidth) / colWidth)
        for (i, row) in rows.enumerated() where i + 2 < area.height {
            var text = row[0].count > nameWidth - 1 ? String(row[0].prefix(nameWidth - 2)) + "…" : row[0]
            text += String(repeating: " ", count: max(0, nameWidth - TextWidth.width(of: text)))
            // Columns that do not fit end in "…" on the header (a wider screen or `e` shows them all).
            for (k, cell) in row.dropFirst().prefix(fit).enumerated() {
                let cell = i == 0 && k == fit - 1 && row.count - 1 > fit ? "…" : cell
                let c = TextWidth.width(of: cell) > colWidth - 1 ? String(cell.prefix(colWidth - 2)) + "…" : cell
                text += String(repeating: " ", count: max(1, colWidth - TextWidth.width(of: c))) + c
            }
            let role: ThemeRole = i == 0 ? .tableHeader : (i == rows.count - 1 ? .header : .text)
            buffer.put(text: text, in: area.row(i + 2), style: theme[role])
        }
    }

    func renderRetention(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        buffer.put(text: L10n.t("retention.policy", policy.minorYears, policy.adultYears), in: area.row(0), style: theme[.tableHeader])
        guard !retention.isEmpty else { buffer.put(text: L10n.t("retention.none"), in: area.row(2), style: theme[.muted]); return }
        let header = ["code", "closed", "due", "track"].map { L10n.t("retention.column.\($0)") }
        func line(_ cells: [String]) -> String {
            zip(cells, [15, 13, 19, 6]).map { c, w in c + String(repeating: " ", count: max(1, w - TextWidth.width(of: c))) }.joined()
        }
        buffer.put(text: line(header), in: area.row(2), style: theme[.tableHeader])
        let visible = max(1, area.height - 4)
        let top = max(0, min(selected - visible + 1, retention.count - visible))
        for (row, i) in (top..<min(retention.count, top + visible)).enumerated() {
            let item = retention[i]
            let text = line([item.code.description, item.closedOn.dutch, item.dueOn.dutch, item.minor ? "18-" : "18+"])
            buffer.put(text: text, in: area.row(3 + row), style: theme[i == selected ? .selection : .text])
        }
        buffer.put(text: L10n.t(retention.count == 1 ? "insight.retentionCountOne" : "insight.retentionCount", retention.count),
                   in: area.row(area.height - 1), style: theme[.muted])
    }

    // MARK: the logs

    var logTitle: String {
        switch view {
        case .audit:
            guard let a = audit else { return loadError ?? "" }
            return L10n.t("insight.auditTitle", grid.visibleCount, a.total, a.chain.text)
        default:
            return L10n.t("insight.disclosuresTitle", grid.visibleCount, disclosures?.count ?? 0)
        }
    }

    /// Reads the log of the current view once, and fills the table (newest first).
    func fillLog() {
        guard let ws = workspace else { return }
        do {
            switch view {
            case .audit where audit == nil:
                let a = try ws.store.auditView()
                audit = a
                grid = FilterableTable(columns: Self.auditColumns, emptyText: L10n.t("insight.emptyLog"))
                grid.setRows(a.rows.reversed().map { r in
                    let name = privacy ? ws.userLabel(r.userID, privacy: true) : r.userName
                    return TableRow(id: String(r.seq), cells: [TableCell(AuditQuery.cells(r)[1]), TableCell(name), TableCell(r.actionLabel),
                                                               TableCell(r.caseCode ?? ""), TableCell(mask(r.detail))])
                })
            case .disclosures where disclosures == nil:
                let d = try ws.store.disclosureRegister()
                disclosures = d
                grid = FilterableTable(columns: Self.disclosureColumns, emptyText: L10n.t("insight.emptyLog"))
                grid.setRows(d.enumerated().reversed().map { i, r in
                    let c = DisclosureRegister.cells(r)
                    // A recipient can be a colleague by name: masked in privacy mode like every name.
                    return TableRow(id: String(i), cells: [TableCell(r.on.dutch, sortKey: .text(r.on.iso))] + c.dropFirst().prefix(5).map { TableCell(mask($0)) })
                })
            default: break
            }
        } catch {
            // Kept as an empty log with the message, so that a failing read is not retried every frame.
            loadError = SchakelError.from(error).message
            if view == .audit { audit = AuditView(rows: [], total: 0, chain: AuditChainStatus(entries: 0, firstBroken: nil, headValid: false)) }
            if view == .disclosures { disclosures = [] }
        }
    }

    func mask(_ text: String) -> String { privacy ? workspace?.masker.apply(text) ?? text : text }

    static let auditColumns = [
        TableColumn(id: "time", title: L10n.t("col.time"), width: .fixed(19)),
        TableColumn(id: "user", title: L10n.t("col.user"), width: .flexible(min: 12, weight: 2), priority: 1),
        TableColumn(id: "action", title: L10n.t("col.action"), width: .flexible(min: 14, weight: 2)),
        TableColumn(id: "code", title: L10n.t("col.code"), width: .fixed(13), priority: 1),
        TableColumn(id: "detail", title: L10n.t("col.detail"), width: .flexible(min: 10, weight: 3), priority: 3),
    ]
    static let disclosureColumns = [
        TableColumn(id: "date", title: L10n.t("col.date"), width: .fixed(10)),
        TableColumn(id: "code", title: L10n.t("col.code"), width: .fixed(13)),
        TableColumn(id: "recipient", title: L10n.t("col.recipient"), width: .flexible(min: 14, weight: 3)),
        TableColumn(id: "purpose", title: L10n.t("col.purpose"), width: .flexible(min: 10, weight: 2), priority: 2),
        TableColumn(id: "basis", title: L10n.t("col.legalBasis"), width: .flexible(min: 10, weight: 2), priority: 1),
        TableColumn(id: "fields", title: L10n.t("col.fields"), width: .flexible(min: 10, weight: 3), priority: 3),
    ]

    /// The log rows the table shows now (after its filter), for an export.
    var visibleAuditRows: [AuditRow] {
        let ids = Set(grid.table.rows.map(\.id))
        return (audit?.rows ?? []).filter { ids.contains(String($0.seq)) }
    }
    var visibleDisclosures: [DisclosureRecord] {
        let ids = Set(grid.table.rows.compactMap { Int($0.id) })
        return (disclosures ?? []).enumerated().filter { ids.contains($0.offset) }.map(\.element)
    }

    // MARK: input

    public func handle(_ event: InputEvent, area: Rect) -> PaneOutcome {
        if view.isLog {
            fillLog()
            // A row is an entry, not a case: Enter does not open anything.
            if case .key(let key) = event, key == KeyEvent(.enter), !grid.isEditing { return .handled }
            return grid.handleBelowTitle(event, area: area.inset(top: 2))
        }
        guard case .key(let key) = event else { return .ignored }
        switch (view, key) {
        case (.figures, KeyEvent(.right)): step(1); return .handled
        case (.figures, KeyEvent(.left)): step(-1); return .handled
        case (.retention, KeyEvent(.down)): selected = min(selected + 1, max(0, retention.count - 1)); return .handled
        case (.retention, KeyEvent(.up)): selected = max(selected - 1, 0); return .handled
        case (.retention, KeyEvent(.enter)):
            return retention.indices.contains(selected) ? .openCase(retention[selected].caseID) : .handled
        default: return .ignored
        }
    }

    func step(_ delta: Int) {
        let all = ReportDimension.allCases
        dimension = all[(all.firstIndex(of: dimension)! + delta + all.count) % all.count]
    }

    public func cycleView() {
        let all = views
        view = all[((all.firstIndex(of: view) ?? 0) + 1) % all.count]
        if view.isLog { fillLog() }
    }
    public func cycleGranularity() {
        let all = ReportGranularity.allCases
        granularity = all[(all.firstIndex(of: granularity)! + 1) % all.count]
        team = nil
    }

    var selectedRetentionItem: RetentionItem? { view == .retention && retention.indices.contains(selected) ? retention[selected] : nil }

    public func commands() -> [Command] {
        [Command("insight.view", "cmd.insightView", keys: [.char("v")], scope: .pane(id), inFooter: true) { [weak self] _ in self?.cycleView() },
         Command("insight.period", "cmd.insightPeriod", keys: [.char("p")], scope: .pane(id), inFooter: true,
                 isAvailable: { [weak self] _ in self?.view == .figures || self?.view == .team }) { [weak self] _ in self?.cycleGranularity() },
         Command("insight.search", "cmd.search", keys: [.char("/")], scope: .pane(id), inFooter: true,
                 isAvailable: { [weak self] _ in self?.view.isLog == true }) { [weak self] _ in self?.grid.beginSearch() },
         Command("insight.filter", "cmd.filter", keys: [.char("f")], scope: .pane(id), inFooter: true,
                 isAvailable: { [weak self] _ in self?.view.isLog == true }) { [weak self] _ in self?.grid.beginFilter() },
         Command("insight.searchNext", "cmd.searchNext", keys: [.char("n")], scope: .pane(id),
                 isAvailable: { [weak self] _ in self?.view.isLog == true }) { [weak self] _ in self?.grid.findNext() },
         Command("insight.export", "cmd.insightExport", keys: [.char("e")], scope: .pane(id), inFooter: true,
                 isAvailable: { [weak self] _ in self?.view != .retention }) { [weak self] shell in
             guard let self else { return }
             let kind: ReportExportFlow.Kind
             switch self.view {
             case .team: kind = .team(self.teamFigures)
             case .audit: kind = .audit(self.visibleAuditRows, self.audit)
             case .disclosures: kind = .disclosures(self.visibleDisclosures)
             default: kind = .figures(self.report)
             }
             shell.startFlow(allowInPrivacy: true) { try ReportExportFlow(workspace: $0, kind: kind, privacy: shell.privacy) }
         },
         Command("insight.anonymise", "cmd.insightAnonymise", keys: [.char("a")], scope: .pane(id), inFooter: true,
                 isAvailable: { [weak self] shell in !shell.privacy && self?.selectedRetentionItem != nil }) { [weak self] shell in
             guard let item = self?.selectedRetentionItem else { return }
             shell.startFlow { RetentionFlow(workspace: $0, item: item, action: .anonymise) }
         },
         Command("insight.erase", "cmd.insightErase", keys: [.char("W")], scope: .pane(id), inFooter: true,
                 isAvailable: { [weak self] shell in !shell.privacy && self?.selectedRetentionItem != nil }) { [weak self] shell in
             guard let item = self?.selectedRetentionItem else { return }
             shell.startFlow { RetentionFlow(workspace: $0, item: item, action: .erase) }
         }]
    }
}
