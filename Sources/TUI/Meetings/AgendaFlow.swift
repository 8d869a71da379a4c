import Foundation
import Core

/// The agenda of one meeting: follow-up of earlier actions first, then the items in order
/// with their time boxes. Items are added, edited, moved and removed here; the proposal,
/// attendance, sharing decisions, exports and meeting mode start from here. In privacy
/// mode it stays open, masked and read-only (meeting mode still starts).
public final class AgendaFlow: Flow, FlowHost {
    enum Row: Equatable { case followUp(UUID), item(UUID) }

    let workspace: Workspace
    let meetingID: UUID
    let viewer: DocumentViewer?
    var view: MeetingView
    var selected = 0
    var editor: ItemEditor?
    var confirm: (dialog: ConfirmDialog, action: () throws -> String)?
    /// A list in place of the agenda: the proposal, the attendance, meeting mode.
    var subflow: Flow?
    var status: (text: String, isError: Bool)?
    var changed = false
    var privacy = false
    /// `?`: every key of the agenda in a list.
    var showKeys = false

    public init(workspace: Workspace, meetingID: UUID, viewer: DocumentViewer? = nil) throws {
        self.workspace = workspace
        self.meetingID = meetingID
        self.viewer = viewer
        view = try MeetingView(workspace: workspace, meetingID: meetingID)
    }

    public var title: String { subflow?.title ?? L10n.t("agenda.title", view.tableName, view.record.date.dutch) }
    public var hint: String {
        if let subflow { return subflow.hint }
        return editor == nil ? L10n.t("agenda.hint") : ""
    }
    public var availableInPrivacy: Bool { true }
    public var isTyping: Bool { editor != nil || (subflow?.isTyping ?? false) }
    public var hasUnsavedInput: Bool { (editor?.isDirty ?? false) || (subflow?.hasUnsavedInput ?? false) }
    public var holdsAutoLock: Bool { subflow?.holdsAutoLock ?? false }
    public func tick() -> Bool { subflow?.tick() ?? false }
    public var fullScreen: Bool { subflow?.fullScreen ?? false }

    public func suspend() -> String? {
        if let s = subflow?.suspend() { return s }
        guard let editor, editor.isDirty else { return nil }
        return L10n.t("detail.suspendedUnsaved", editor.title)
    }

    var rows: [Row] { view.followUps.map { .followUp($0.id) } + view.agenda.map { .item($0.id) } }
    var selectedRow: Row? { rows.indices.contains(selected) ? rows[selected] : nil }
    var selectedItem: (id: UUID, value: AgendaItemRecord)? {
        guard case .item(let id)? = selectedRow else { return nil }
        return view.agenda.first { $0.id == id }
    }

    func refresh() throws {
        view = try MeetingView(workspace: workspace, meetingID: meetingID)
        selected = min(selected, max(0, rows.count - 1))
        changed = true
    }

    /// Runs a change and reports it; errors keep everything as it was.
    func perform(_ body: () throws -> String) {
        do { let message = try body(); try refresh(); status = (message, false) } catch { status = (SchakelError.from(error).message, true) }
    }

    func write(_ body: (StoreTransaction) throws -> Void) throws { try workspace.store.write { tx in try body(tx) } }

    /// Editing needs the right role and privacy mode off (names are typed and shown).
    func mayEdit() -> Bool {
        if privacy { status = (L10n.t("agenda.privacyReadOnly"), true); return false }
        if !workspace.store.role.may(.manageMeetings) { status = (L10n.t("error.roleNotAllowed", workspace.store.role.label), true); return false }
        return true
    }

    // MARK: input

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        if handleNested(event, area: area) { return .stay }
        if var c = confirm {
            switch c.dialog.handle(event, area: area) {
            case .action(.confirm): confirm = nil; perform(c.action)
            case .action(.cancel): confirm = nil
            default: confirm = c
            }
            return .stay
        }
        guard case .key(let key) = event else { return .stay }
        status = nil
        if showKeys { showKeys = false; return .stay }
        let count = rows.count
        switch key {
        case KeyEvent(.escape), .char("q"):
            return changed ? .done(message: L10n.t("agenda.closed")) : .close(message: nil)
        case KeyEvent(.down), .char("j"): selected = min(max(0, count - 1), selected + 1)
        case KeyEvent(.up), .char("k"): selected = max(0, selected - 1)
        case KeyEvent(.pageDown): selected = min(max(0, count - 1), selected + 10)
        case KeyEvent(.pageUp): selected = max(0, selected - 10)
        case .char("?"): showKeys = true
        case .char("a"): if mayEdit() { editor = caseItemEditor() }
        case .char("t"): if mayEdit() { editor = themeItemEditor() }
        case KeyEvent(.enter), .char("e"):
            guard mayEdit() else { break }
            switch selectedRow {
            case .item(let id)?: editor = itemEditor(id)
            case .followUp(let id)?: editor = followUpEditor(id)
            case nil: break
            }
        case .char("d"): if mayEdit() { askRemove() }
        case .char("K"): if mayEdit() { move(by: -1) }
        case .char("J"): if mayEdit() { move(by: 1) }
        case .char("v"):
            guard mayEdit() else { break }
            subflow = AgendaCandidatesFlow(agenda: self)
        case .char("o"):
            guard mayEdit() else { break }
            subflow = AttendanceFlow(workspace: workspace, view: view)
        case .char("s"): if mayEdit() { editor = sharingEditor() }
        case .char("n"): if mayEdit() { askApprovePrevious() }
        case .char("x"): if mayEdit() { editor = exportEditor() }
        case .char("b"): if mayEdit() { editor = moveMeetingEditor() }
        case .char("X"): if mayEdit() { askCancelMeeting() }
        case .char("M"):
            guard workspace.store.role.may(.manageMeetings) else { status = (L10n.t("error.roleNotAllowed", workspace.store.role.label), true); break }
            // A meeting held today may be picked up again (ended by mistake, or after a break).
            guard view.isPlanned || (view.record.status == "gehouden" && view.record.date == workspace.today) else {
                status = (L10n.t("meeting.error.notPlanned"), true); break
            }
            guard !view.agenda.isEmpty else { status = (L10n.t("meetingMode.emptyAgenda"), true); break }
            do { subflow = try MeetingMode(workspace: workspace, meetingID: meetingID, viewer: viewer) } catch {
                status = (SchakelError.from(error).message, true)
            }
        default: break
        }
        return .stay
    }

    func move(by delta: Int) {
        guard let item = selectedItem else { status = (L10n.t("agenda.selectItem"), true); return }
        var order = view.agenda.map(\.id)
        guard let i = order.firstIndex(of: item.id), order.indices.contains(i + delta) else { return }
        order.swapAt(i, i + delta)
        perform {
            try write { tx in try tx.reorderAgenda(meeting: meetingID, order: order) }
            return L10n.t("agenda.moved")
        }
        if status?.isError == false { selected += delta }
    }

    func askRemove() {
        guard let item = selectedItem else { status = (L10n.t("agenda.selectItem"), true); return }
        let name = view.deidentifiedHeading(item.value)
        confirm = (ConfirmDialog(title: L10n.t("agenda.removeTitle"), message: L10n.t("agenda.removeMessage", name),
                                 confirmLabel: L10n.t("dialog.yes"), cancelLabel: L10n.t("dialog.no"), isDestructive: true), { [unowned self] in
            try write { tx in try tx.removeAgendaItem(item.id) }
            return L10n.t("agenda.removed")
        })
    }

    func askApprovePrevious() {
        guard let previous = view.book.previousHeld(before: meetingID) else { status = (L10n.t("meeting.error.noPreviousMeeting"), true); return }
        confirm = (ConfirmDialog(title: L10n.t("agenda.approveTitle"), message: L10n.t("agenda.approveMessage", previous.value.date.dutch),
                                 confirmLabel: L10n.t("dialog.yes"), cancelLabel: L10n.t("dialog.no")), { [unowned self] in
            try write { tx in _ = try tx.approvePreviousMinutes(meeting: meetingID) }
            return L10n.t("agenda.approved", previous.value.date.dutch)
        })
    }

    func askCancelMeeting() {
        confirm = (ConfirmDialog(title: L10n.t("agenda.cancelTitle"), message: L10n.t("agenda.cancelMessage", view.record.date.dutch),
                                 confirmLabel: L10n.t("dialog.yes"), cancelLabel: L10n.t("dialog.no"), isDestructive: true), { [unowned self] in
            try write { tx in try tx.cancelMeeting(meetingID) }
            return L10n.t("agenda.cancelled", view.record.date.dutch)
        })
    }

    // MARK: drawing

    func rowText(_ row: Row) -> (String, ThemeRole) {
        switch row {
        case .followUp(let id):
            guard let a = view.followUps.first(where: { $0.id == id })?.value else { return ("", .text) }
            let code = view.book.caseID(of: a).map { workspace.caseCode($0) } ?? "–"
            let late = (a.due.map { $0.days(until: workspace.today) } ?? 0) > 0
            return ("\(late ? "!" : "·") \(code)  " + view.actionLine(a, masked: privacy), late ? .warning : .text)
        case .item(let id):
            guard let index = view.agenda.firstIndex(where: { $0.id == id }) else { return ("", .text) }
            let item = view.agenda[index].value
            let shared = (item.sharedWith?.isEmpty == false) ? " ◆" : ""
            let minuted = view.minutesText(id) != nil ? " ✎" : ""
            return ("\(index + 1). \(view.kindLabel(item)) · \(view.deidentifiedHeading(item)) · \(item.minutes) min · "
                    + MeetingView.organisationName(item.broughtBy) + shared + minuted, .text)
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        self.privacy = privacy
        if let subflow { subflow.render(into: &buffer, area: area, theme: theme, privacy: privacy); return }
        if let editor { editor.render(into: &buffer, area: area, theme: theme); return }
        buffer.fill(area, style: theme[.text])
        let present = view.present.count
        buffer.put(text: view.heading, in: area.row(0), style: theme[.header])
        let approved = view.record.previousMinutesApprovedOn.map { L10n.t("agenda.previousApproved", $0.dutch) }
            ?? (view.book.previousHeld(before: meetingID) == nil ? "" : L10n.t("agenda.previousNotApproved"))
        let timeRole: ThemeRole = view.plannedMinutes > view.duration ? .warning : .muted
        buffer.put(text: L10n.t("agenda.summary", view.plannedMinutes, view.duration, present, view.members.count) + (approved.isEmpty ? "" : " · " + approved),
                   in: area.row(1), style: theme[timeRole])
        let detailHeight = min(6, max(3, area.height / 4))
        let listTop = 3
        let listHeight = max(1, area.height - listTop - detailHeight - 3)
        let all = rows
        let followCount = view.followUps.count
        var line = listTop - 1
        if all.isEmpty { buffer.put(text: L10n.t("meetings.noAgenda"), in: area.row(listTop), style: theme[.muted]) }
        let first = max(0, min(selected - listHeight + 2, all.count - listHeight + 1))
        for (n, row) in all.enumerated() where n >= first {
            // Section titles before the follow-up and the items.
            if n == first || n == followCount {
                let label = n < followCount ? L10n.t("agenda.section.followUp", followCount) : L10n.t("agenda.section.items", view.agenda.count)
                line += 1
                guard line < listTop + listHeight else { break }
                buffer.put(text: label, in: area.row(line), style: theme[.tableHeader])
            }
            line += 1
            guard line < listTop + listHeight else { break }
            let (text, role) = rowText(row)
            buffer.put(text: (n == selected ? "▸ " : "  ") + text, in: area.row(line), style: n == selected ? theme[.selection] : theme[role])
        }
        renderDetail(into: &buffer, area: Rect(x: area.x, y: area.y + listTop + listHeight, width: area.width, height: detailHeight), theme: theme)
        if let status { buffer.put(text: privacy ? workspace.masker.apply(status.text) : status.text, in: area.row(area.height - 2), style: status.isError ? theme[.error] : theme[.ok]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
        confirm?.dialog.render(into: &buffer, area: area, theme: theme)
        if showKeys { KeyListPanel.render(hint: L10n.t("agenda.hint"), title: L10n.t("ui.keys"), into: &buffer, area: area, theme: theme) }
    }

    /// The selected item's question, who brings it in, the sharing decision.
    func renderDetail(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        guard area.height > 0 else { return }
        buffer.fill(area.row(0), with: "─", style: theme[.border])
        var lines: [(String, ThemeRole)] = []
        switch selectedRow {
        case .item(let id)?:
            guard let item = view.agenda.first(where: { $0.id == id })?.value else { break }
            let question = privacy ? view.deidentifiedQuestion(item) : item.question
            lines += TextWrap.lines(L10n.t("meeting.question") + ": " + question, width: area.width).prefix(3).map { ($0, .text) }
            var meta = [L10n.t("meeting.broughtBy") + ": " + MeetingView.organisationName(item.broughtBy)]
            if item.caseID != nil { meta.append(view.sharingLine(item)) }
            lines.append((meta.joined(separator: " · "), .muted))
            if !privacy, let client = view.clientLine(item) { lines.append((client, .muted)) }
        case .followUp(let id)?:
            guard let a = view.followUps.first(where: { $0.id == id })?.value else { break }
            let from = view.book.meeting(a.meeting)?.date.dutch ?? ""
            lines += TextWrap.lines(privacy ? workspace.masker.apply(a.what) : a.what, width: area.width).prefix(3).map { ($0, .text) }
            lines.append((L10n.t("agenda.followUpFrom", from, MeetingView.organisationName(a.organisation)), .muted))
        case nil: break
        }
        for (i, l) in lines.prefix(area.height - 1).enumerated() { buffer.put(text: l.0, in: area.row(i + 1), style: theme[l.1]) }
    }
}
