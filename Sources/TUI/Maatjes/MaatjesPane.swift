import Foundation
import Core

/// The maatjes pane (issue 7), in three views (`v`): the buddy register (type, languages,
/// load against capacity, status, VOG with an expiry warning), the waiting list of requests
/// (most urgent, longest waiting first) and the matches with their follow-up. Clients are
/// shown by case code (and, with privacy off, the call name their coordinator chose to
/// share); a client's name never appears here. In privacy mode buddies show by reference.
public final class MaatjesPane: Pane {
    public enum View: String, CaseIterable { case buddies, requests, matches
        var label: String { L10n.t("maatjes.view.\(rawValue)") }
    }

    public let id = PaneID.maatjes
    public private(set) var view: View = .buddies
    var grid = FilterableTable(columns: [], emptyText: L10n.t("maatjes.empty"))
    private var privacy: Bool?
    private weak var workspace: Workspace?
    /// A VOG older than this is flagged (volunteer organisations renew every few years).
    static let vogValidYears = 3
    /// A VOG that expires within this many days gets a warning.
    static let vogWarningDays = 60

    public init() {}
    public var isEditing: Bool { grid.isEditing }

    static func columns(_ view: View, privacy: Bool) -> [TableColumn] {
        switch view {
        case .buddies:
            var c = [
                TableColumn(id: "type", title: L10n.t("col.maatjeType"), width: .flexible(min: 9, weight: 1), priority: 1),
                TableColumn(id: "org", title: L10n.t("col.organisation"), width: .flexible(min: 10, weight: 2), priority: 4),
                TableColumn(id: "languages", title: L10n.t("col.languages"), width: .flexible(min: 8, weight: 1), priority: 2),
                TableColumn(id: "municipality", title: L10n.t("col.municipality"), width: .flexible(min: 10, weight: 1), priority: 5),
                TableColumn(id: "load", title: L10n.t("col.load"), width: .fixed(7), priority: 1, alignment: .right),
                TableColumn(id: "status", title: L10n.t("col.status"), width: .fixed(8), priority: 3),
                TableColumn(id: "vog", title: L10n.t("col.vog"), width: .flexible(min: 12, weight: 2), priority: 2),
            ]
            c.insert(privacy ? TableColumn(id: "ref", title: L10n.t("col.ref"), width: .fixed(8))
                             : TableColumn(id: "name", title: L10n.t("col.name"), width: .flexible(min: 12, weight: 3)), at: 0)
            return c
        case .requests:
            var c = [
                TableColumn(id: "code", title: L10n.t("col.code"), width: .fixed(13)),
                TableColumn(id: "type", title: L10n.t("col.maatjeType"), width: .flexible(min: 9, weight: 1), priority: 1),
                TableColumn(id: "urgency", title: L10n.t("col.urgency"), width: .fixed(8), priority: 1),
                TableColumn(id: "waiting", title: L10n.t("col.waiting"), width: .fixed(8), priority: 2, alignment: .right),
                TableColumn(id: "wishes", title: L10n.t("col.wishes"), width: .flexible(min: 14, weight: 4), priority: 3),
                TableColumn(id: "candidates", title: L10n.t("col.candidates"), width: .fixed(9), priority: 2, alignment: .right),
            ]
            if !privacy { c.insert(TableColumn(id: "callName", title: L10n.t("col.callName"), width: .flexible(min: 8, weight: 1), priority: 4), at: 1) }
            return c
        case .matches:
            return [
                TableColumn(id: "code", title: L10n.t("col.code"), width: .fixed(13)),
                privacy ? TableColumn(id: "ref", title: L10n.t("col.maatje"), width: .fixed(8))
                        : TableColumn(id: "maatje", title: L10n.t("col.maatje"), width: .flexible(min: 12, weight: 2)),
                TableColumn(id: "type", title: L10n.t("col.maatjeType"), width: .flexible(min: 9, weight: 1), priority: 3),
                TableColumn(id: "status", title: L10n.t("col.status"), width: .flexible(min: 12, weight: 5), priority: 1),
                TableColumn(id: "since", title: L10n.t("col.since"), width: .fixed(10), priority: 2),
                TableColumn(id: "checkIn", title: L10n.t("col.checkIn"), width: .flexible(min: 26, weight: 1), priority: 1),
            ]
        }
    }

    public func reload(_ ws: Workspace, privacy: Bool) {
        workspace = ws
        if self.privacy != privacy || grid.table.columns.isEmpty {
            self.privacy = privacy
            grid.table.columns = Self.columns(view, privacy: privacy)
            grid.table.setSort(nil)
        }
        grid.setRows(Self.rows(ws, view: view, privacy: privacy))
    }

    static func rows(_ ws: Workspace, view: View, privacy: Bool) -> [TableRow] {
        switch view {
        case .buddies: return buddyRows(ws, privacy: privacy)
        case .requests: return requestRows(ws, privacy: privacy)
        case .matches: return matchRows(ws, privacy: privacy)
        }
    }

    /// The VOG cell: expired (danger), expiring soon (warning) or fine.
    static func vogCell(_ vog: CalendarDate?, today: CalendarDate) -> TableCell {
        guard let d = vog else { return TableCell("! " + L10n.t("maatjes.noVog"), sortKey: .text(""), role: .danger) }
        let expires = d.adding(years: vogValidYears)
        if expires <= today { return TableCell("! \(d.dutch) \(L10n.t("maatjes.vogExpired"))", sortKey: .text(d.iso), role: .danger) }
        if expires <= today.adding(days: vogWarningDays) {
            return TableCell("⧗ \(d.dutch) \(L10n.t("maatjes.vogExpiring", expires.dutch))", sortKey: .text(d.iso), role: .warning)
        }
        return TableCell(d.dutch, sortKey: .text(d.iso))
    }

    static func buddyRows(_ ws: Workspace, privacy: Bool) -> [TableRow] {
        let ref = ReferenceData.shared
        let load = BuddyCandidate.activeLoads(ws.matches, policy: ws.matchingPolicy)
        return ws.maatjes.map { m in
            let cap = m.availability?.capacity ?? 0
            let used = load[m.id, default: 0]
            return TableRow(id: m.id.uuidString, cells: [
                TableCell(ws.maatjeLabel(m.id, privacy: privacy)),
                TableCell(ref.label("maatjeTypes", m.profile.maatjeType)),
                TableCell(ref.organisation(m.profile.organisation)?.name ?? m.profile.organisation),
                TableCell(m.profile.languages.joined(separator: ", ")),
                TableCell(ref.municipalityName(m.profile.municipality)),
                TableCell("\(used)/\(cap)", sortKey: .number(Double(cap - used)), role: used >= cap ? .muted : .ok),
                TableCell(L10n.t("maatje.\(m.profile.status)")),
                vogCell(m.screening?.vogDate, today: ws.today),
            ])
        }
    }

    /// "taal Arabisch (eis), vrouw, Den Haag" — the wishes of a request, hard ones marked.
    static func wishes(_ r: MatchRequestRecord) -> String {
        let ref = ReferenceData.shared
        var parts: [String] = []
        func add(_ value: String?, hard: Bool) { if let value { parts.append(value + (hard ? " (" + L10n.t("match.requirement.hard") + ")" : "")) } }
        add(r.language.map(ref.languageName), hard: r.languageHard)
        add(r.buddyGender.map { ref.label("genders", $0) }, hard: r.buddyGenderHard)
        add(r.municipality.map(ref.municipalityName), hard: r.municipalityHard)
        if let d = r.dayParts, !d.isEmpty { parts.append(L10n.t("maatjes.dayPartsCount", d.count)) }
        return parts.isEmpty ? "–" : parts.joined(separator: ", ")
    }

    static func requestRows(_ ws: Workspace, privacy: Bool) -> [TableRow] {
        let waiting = ws.waitingRequests
        let engine = MatchingEngine(policy: ws.matchingPolicy)
        let buddies = ws.buddyCandidates
        let order = waiting.indices.sorted {
            let a = waiting[$0].priority, b = waiting[$1].priority
            return a != b ? a > b : waiting[$0].id.uuidString < waiting[$1].id.uuidString
        }
        return order.enumerated().compactMap { rank, i in
            let r = waiting[i]
            guard let stored = ws.matchRequest(r.id) else { return nil }
            let days = r.waitingSince.days(until: ws.today)
            let n = engine.rankCandidates(for: r, among: buddies, limit: 0).eligibleCount
            var cells = [
                TableCell(ws.caseCode(r.caseID)),
                TableCell(ReferenceData.shared.label("maatjeTypes", r.maatjeType)),
                TableCell(L10n.t("urgency.\(r.urgency.rawValue)"), sortKey: .number(Double(rank)), role: r.urgency == .hoog ? .warning : nil),
                TableCell(L10n.t("maatjes.days", days), sortKey: .number(Double(days))),
                TableCell(wishes(stored.record)),
                TableCell("\(n)", sortKey: .number(Double(n)), role: n == 0 ? .danger : nil),
            ]
            if !privacy { cells.insert(TableCell(stored.record.callName ?? "–"), at: 1) }
            return TableRow(id: r.id.uuidString, cells: cells)
        }
    }

    /// Why a running match needs the coordinator: the buddy's VOG has expired (or is missing),
    /// or the buddy paused or stopped.
    static func buddyWarning(_ buddy: Workspace.Maatje?, today: CalendarDate) -> String? {
        guard let buddy else { return nil }
        if buddy.profile.status != "actief" { return L10n.t("maatjes.warning.status", L10n.t("maatje.\(buddy.profile.status)")) }
        guard let vog = buddy.screening?.vogDate else { return L10n.t("maatjes.noVog") }
        if vog.adding(years: vogValidYears) <= today { return L10n.t("maatjes.warning.vog") }
        return nil
    }

    static func checkInCell(_ m: MatchRecord, today: CalendarDate) -> TableCell {
        // A closed match has no check-in: say when it ended, in words.
        guard let due = MatchLifecycle.checkInDue(m) else {
            return TableCell(m.endedOn.map { L10n.t("maatjes.endedOn", $0.dutch) } ?? "–", sortKey: .text("9" + (m.endedOn?.iso ?? "")))
        }
        if due <= today { return TableCell("! " + L10n.t("maatjes.checkInOverdue", due.dutch), sortKey: .text("0" + due.iso), role: .danger) }
        return TableCell(due.dutch, sortKey: .text("1" + due.iso))
    }

    static func matchRows(_ ws: Workspace, privacy: Bool) -> [TableRow] {
        let order = MatchRecord.statuses
        let sorted = ws.matchRecords.sorted {
            let a = order.firstIndex(of: $0.value.status) ?? 9, b = order.firstIndex(of: $1.value.status) ?? 9
            let ao = MatchLifecycle.open.contains($0.value.status), bo = MatchLifecycle.open.contains($1.value.status)
            if ao != bo { return ao }
            return a != b ? a < b : ($0.value.since, $0.id.uuidString) > ($1.value.since, $1.id.uuidString)
        }
        return sorted.map { id, m in
            let warning = MatchLifecycle.open.contains(m.status) ? buddyWarning(ws.maatje(m.maatje), today: ws.today) : nil
            return TableRow(id: id.uuidString, cells: [
                TableCell(ws.caseCode(m.caseID)),
                TableCell(ws.maatjeLabel(m.maatje, privacy: privacy)),
                TableCell(ws.maatje(m.maatje).map { ReferenceData.shared.label("maatjeTypes", $0.profile.maatjeType) } ?? "–"),
                TableCell(L10n.t("match.status.\(m.status)") + (warning.map { " · ! " + $0 } ?? ""),
                          sortKey: .number(Double(order.firstIndex(of: m.status) ?? 9)), role: warning == nil ? nil : .danger),
                TableCell(m.since.dutch, sortKey: .text(m.since.iso)),
                checkInCell(m, today: ws.today),
            ])
        }
    }

    public func cycleView() {
        let all = View.allCases
        setView(all[((all.firstIndex(of: view) ?? 0) + 1) % all.count])
    }

    public func setView(_ v: View) {
        view = v
        grid.clearFilter()
        grid.table.columns = Self.columns(view, privacy: privacy ?? false)
        grid.table.setSort(nil)
        if let ws = workspace { grid.setRows(Self.rows(ws, view: view, privacy: privacy ?? false)) }
    }

    var titleText: String { L10n.t("maatjes.titleView", view.label, grid.visibleCount) }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool, style: PaneStyle) {
        grid.render(title: titleText, into: &buffer, area: area, theme: theme, focused: focused, style: style)
    }

    public func handle(_ event: InputEvent, area: Rect) -> PaneOutcome {
        grid.handle(event, area: area.inset(top: 1)).handled ? .handled : .ignored
    }

    var selectedID: UUID? { grid.table.selectedRow.flatMap { UUID(uuidString: $0.id) } }

    /// Starts one of the pane's flows. The shell's own check asks for case-writing rights;
    /// here the right is `manageMaatjes`, and forms (where names are typed) need privacy off.
    static func start(_ shell: Shell, form: Bool, _ make: (Workspace) throws -> Flow) {
        guard let ws = shell.workspace else { return }
        guard ws.store.role.may(.manageMaatjes) else { shell.post(L10n.t("error.roleNotAllowed", ws.store.role.label), kind: .warning); return }
        guard !form || !shell.privacy else { shell.post(L10n.t("flow.privacyUnavailable"), kind: .warning); return }
        shell.startFlow(allowInPrivacy: true, make)
    }

    func open(_ shell: Shell) {
        guard let id = selectedID else { return }
        switch view {
        case .buddies: Self.start(shell, form: true) { try BuddyFlow(workspace: $0, maatjeID: id) }
        case .requests: Self.start(shell, form: false) { try CandidatesFlow(workspace: $0, requestID: id) }
        case .matches: Self.start(shell, form: false) { try MatchFlow(workspace: $0, matchID: id) }
        }
    }

    public func commands() -> [Command] {
        let pane = id
        return FilterableTable.commands(pane: id, table: { [weak self] in self?.grid }, mutate: { [weak self] f in if let self { f(&self.grid) } })
            + [Command("maatjes.view", "cmd.maatjesView", keys: [.char("v")], scope: .pane(pane), inFooter: true) { [weak self] _ in self?.cycleView() },
               Command("maatjes.open", "cmd.maatjesOpen", keys: [KeyEvent(.enter)], scope: .pane(pane), inFooter: true) { [weak self] shell in self?.open(shell) },
               Command("maatjes.new", "cmd.maatjesNew", keys: [.char("a")], scope: .pane(pane), inFooter: true,
                       isAvailable: { shell in !shell.privacy }) { shell in
                   Self.start(shell, form: true) { try BuddyFlow(workspace: $0, maatjeID: nil) }
               },
               Command("maatjes.proposal", "cmd.maatjesProposal", keys: [.char("t")], scope: .pane(pane), inFooter: true) { shell in
                   Self.start(shell, form: false) { try ProposalFlow(workspace: $0) }
               }]
    }
}
