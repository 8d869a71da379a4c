import Foundation
import Core

/// One case, opened from a pane: tabs for the overview, timeline, care network, actions,
/// placements, documents and safety. Every item can be added and edited from the keyboard;
/// `h` shows the history of the selected line from the event log. Shown in privacy mode
/// too (masked, read-only): editing needs privacy mode off.
public final class CaseDetail: Flow, FlowHost {
    let workspace: Workspace
    let caseID: UUID
    let viewer: DocumentViewer?
    var file: CaseFile
    var timeline: [TimelineEntry] = []
    private(set) var tab: DetailTab = .overzicht
    var selected: [DetailTab: Int] = [:]
    var scroll: [DetailTab: Int] = [:]
    var privacy = false
    var rowsCache: (tab: DetailTab, privacy: Bool, rows: [DetailRow])?
    var editor: ItemEditor?
    /// A whole flow started from the case (a buddy request), shown in place of the tabs.
    var subflow: Flow?
    var confirm: (dialog: ConfirmDialog, action: () throws -> String)?
    /// A read-only text (history of a field, a whole note) over the tabs.
    var textView: (title: String, lines: [String], scroll: Int)?
    var status: (text: String, isError: Bool)?
    var changed = false
    /// Closing with open actions, a wait or a placement is said once; Enter again closes.
    var closingAcknowledged = false

    public init(workspace: Workspace, caseID: UUID, viewer: DocumentViewer? = nil) throws {
        self.workspace = workspace
        self.caseID = caseID
        self.viewer = viewer
        file = try workspace.store.caseFile(caseID)
        try loadTimeline()
    }

    public var availableInPrivacy: Bool { true }
    public var isTyping: Bool { editor != nil || subflow != nil }
    public var hasUnsavedInput: Bool { (editor?.isDirty ?? false) || (subflow?.hasUnsavedInput ?? false) }
    public var timelineCount: Int { timeline.count }

    var today: CalendarDate { workspace.today }
    var code: String { file.code?.description ?? "" }
    public var title: String { subflow?.title ?? "\(code) · \(tab.title)" }
    public var hint: String {
        if let subflow { return subflow.hint }
        if editor != nil || textView != nil { return "" }
        return L10n.t("detail.hint.\(tab.rawValue)")
    }

    /// Nothing typed lives outside an editor, and editors are closed with the flow (their
    /// content is one item, not a long form: a draft would keep personal data around longer).
    public func suspend() -> String? {
        guard let editor, editor.isDirty else { return nil }
        return L10n.t("detail.suspendedUnsaved", editor.title)
    }

    func userName(_ id: UUID) -> String { workspace.userLabel(id, privacy: privacy) }

    func loadTimeline() throws {
        let phases = try workspace.store.phaseHistory(caseID)
        let meetings = workspace.meetings.flatMap { m in
            m.items.filter { $0.caseID == caseID }.map { (date: m.record.date, question: $0.question) }
        }
        timeline = CaseTimeline.entries(file: file, phases: phases, meetings: meetings, userName: userName)
    }

    /// After a save: the case as stored now.
    func refresh() throws {
        file = try workspace.store.caseFile(caseID)
        try loadTimeline()
        rowsCache = nil
        changed = true
    }

    var rows: [DetailRow] {
        if let c = rowsCache, c.tab == tab, c.privacy == privacy { return c.rows }
        let r = buildRows(tab)
        rowsCache = (tab, privacy, r)
        return r
    }

    var selectedRow: DetailRow? {
        let r = rows
        guard let i = selected[tab], r.indices.contains(i) else { return nil }
        return r[i]
    }

    // MARK: input

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        if handleNested(event, area: area) { return .stay }
        if var c = confirm {
            switch c.dialog.handle(event, area: area) {
            case .action(.confirm):
                confirm = nil
                do { let m = try c.action(); try refresh(); status = (m, false) } catch { status = (SchakelError.from(error).message, true) }
            case .action(.cancel): confirm = nil
            default: confirm = c
            }
            return .stay
        }
        guard case .key(let key) = event else { return .stay }
        if let tv = textView {
            switch key {
            case KeyEvent(.escape), .char("q"), KeyEvent(.enter), .char("h"): textView = nil
            case .char("j"), KeyEvent(.down): textView = (tv.title, tv.lines, min(max(0, tv.lines.count - 1), tv.scroll + 1))
            case .char("k"), KeyEvent(.up): textView = (tv.title, tv.lines, max(0, tv.scroll - 1))
            case KeyEvent(.pageDown), .char(" "): textView = (tv.title, tv.lines, min(max(0, tv.lines.count - 1), tv.scroll + 10))
            case KeyEvent(.pageUp): textView = (tv.title, tv.lines, max(0, tv.scroll - 10))
            default: break
            }
            return .stay
        }
        status = nil
        switch key {
        case KeyEvent(.escape), .char("q"):
            return changed ? .done(message: L10n.t("detail.saved", code)) : .close(message: nil)
        case KeyEvent(.right), KeyEvent(.tab), .char("l"): switchTab(by: 1)
        case KeyEvent(.left), KeyEvent(.backTab): switchTab(by: -1)
        case .char("j"), KeyEvent(.down): move(by: 1)
        case .char("k"), KeyEvent(.up): move(by: -1)
        case KeyEvent(.pageDown), .char(" "): move(by: 10)
        case KeyEvent(.pageUp): move(by: -10)
        case KeyEvent(.home), .char("g"): selected[tab] = firstSelectable(from: 0, step: 1)
        case KeyEvent(.end), .char("G"): selected[tab] = firstSelectable(from: rows.count - 1, step: -1)
        case .char("h"): showHistory()
        case .char("?"), KeyEvent(.function(1)):
            textView = (L10n.t("detail.keysTitle", tab.title), hint.components(separatedBy: " · "), 0)
        case KeyEvent(.enter), .char("e"): activate()
        default:
            if case .character(let c) = key.key, key.modifiers.isEmpty { command(String(c)) }
        }
        return .stay
    }

    func switchTab(by delta: Int) {
        let all = DetailTab.allCases
        tab = all[(all.firstIndex(of: tab)! + delta + all.count) % all.count]
        if selected[tab] == nil { selected[tab] = firstSelectable(from: 0, step: 1) }
    }

    func firstSelectable(from start: Int, step: Int) -> Int? {
        let r = rows
        var i = start
        while r.indices.contains(i) {
            if !r[i].isHeading { return i }
            i += step
        }
        return nil
    }

    func move(by delta: Int) {
        let r = rows
        guard !r.isEmpty else { return }
        var i = selected[tab] ?? firstSelectable(from: 0, step: 1) ?? 0
        let step = delta > 0 ? 1 : -1
        var remaining = abs(delta)
        while remaining > 0 {
            var j = i + step
            while r.indices.contains(j) && r[j].isHeading { j += step }
            guard r.indices.contains(j) else { break }
            i = j
            remaining -= 1
        }
        selected[tab] = i
    }

    /// Letters that act on the case or the selected line.
    func command(_ c: String) {
        // Reading is allowed in privacy mode; typing and changing are not (forms show names).
        let writes: Set<String> = ["c", "a", "d", "x", "p", "b", "s", "w", "o", "m", "I"]
        if writes.contains(c) && privacy { status = (L10n.t("flow.privacyUnavailable"), true); return }
        if writes.contains(c) && !workspace.store.role.may(.writeCases) {
            status = (L10n.t("error.roleNotAllowed", workspace.store.role.label), true); return
        }
        switch c {
        case "c": editor = noteEditor(kind: TimelineNote.contactKind)
        case "a": addOnTab()
        case "d": finishSelectedAction()
        case "x": removeSelected()
        case "p": editor = phaseEditor()
        case "b": editor = backupEditor()
        case "s": editor = referralEditor()
        case "o": openSelectedDocument()
        case "w": if case .document(let id)? = selectedRow?.target { editor = exportDocumentEditor(id) }
        case "I": editor = inzageEditor()
        case "m":
            do { subflow = try MatchRequestFlow(workspace: workspace, caseID: caseID) } catch { status = (SchakelError.from(error).message, true) }
        default: break
        }
    }

    func addOnTab() {
        switch tab {
        case .overzicht, .tijdlijn: editor = noteEditor(kind: "notitie")
        case .netwerk: editor = networkEditor(nil)
        case .acties: editor = actionEditor(nil)
        case .plaatsingen: editor = attemptEditor()
        case .documenten: editor = addDocumentEditor()
        case .veiligheid: editor = safetyEditor()
        }
    }

    /// Enter: edit what the line is about, or read a whole note.
    func activate() {
        guard let row = selectedRow else { return }
        switch row.target {
        case .note(let id):
            if let n = file.notes[id] {
                let text = privacy ? workspace.masker.apply(n.text) : n.text
                textView = ("\(n.on.dutch) · \(L10n.t("timeline.\(n.kind ?? TimelineNote.contactKind)")) · \(userName(n.author))",
                            text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init), 0)
            }
        case .action(let id) where !privacy: editor = actionEditor(id)
        case .network(let id) where !privacy: editor = networkEditor(id)
        case .document(let id): if !privacy { editor = exportDocumentEditor(id) }
        case .placement(let id) where !privacy: editor = placementEditor(id)
        case .group(.consent, let id, _) where !privacy: editor = consentEditor(id)
        case .group(_, _, let g) where !privacy:
            switch g {
            case "safety": editor = safetyEditor()
            case "transition": editor = transitionEditor()
            case "onward-care": editor = onwardCareEditor()
            case "coordination": editor = backupEditor()
            case "identity": editor = identityEditor()
            case "contact": editor = contactEditor()
            case "phase": editor = phaseEditor()
            default: showHistory()
            }
        default:
            if privacy { status = (L10n.t("flow.privacyUnavailable"), true) }
        }
    }

    // MARK: drawing

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        if privacy != self.privacy {
            self.privacy = privacy
            rowsCache = nil
            // Nothing shown unmasked survives privacy mode: forms, a whole note or history,
            // a confirmation quoting an item, the last status message.
            if privacy { editor = nil; subflow = nil; textView = nil; confirm = nil; status = nil }
        }
        buffer.fill(area, style: theme[.text])
        if let subflow { subflow.render(into: &buffer, area: area, theme: theme, privacy: privacy); return }
        if let editor { editor.render(into: &buffer, area: area, theme: theme); return }
        renderTabs(into: &buffer, area: area.row(0), theme: theme)
        let body = area.inset(top: 2, bottom: 2)
        if let tv = textView {
            buffer.put(text: tv.title, in: body.row(0), style: theme[.header])
            let wrapped = tv.lines.flatMap { TextWrap.lines($0, width: max(10, body.width)) }
            for (i, line) in wrapped.dropFirst(tv.scroll).prefix(max(0, body.height - 2)).enumerated() {
                buffer.put(text: line, in: body.row(i + 2), style: theme[.text])
            }
            buffer.put(text: L10n.t("detail.textHint"), in: area.row(area.height - 1), style: theme[.keyHint])
            return
        }
        renderRows(into: &buffer, area: body, theme: theme)
        if let status { buffer.put(text: status.text, in: area.row(area.height - 2), style: theme[status.isError ? .error : .ok]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
        confirm?.dialog.render(into: &buffer, area: area, theme: theme)
    }

    func renderTabs(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        // Roomy when it fits; one space apart on narrow screens, so every tab stays visible.
        let roomy = DetailTab.allCases.reduce(0) { $0 + TextWidth.width(of: $1.title) + 3 } <= area.width
        var x = area.x
        for t in DetailTab.allCases {
            let label = t == tab ? "[\(t.title)]" : (roomy ? " \(t.title) " : t.title)
            let w = TextWidth.width(of: label)
            guard x + w <= area.maxX else { break }
            buffer.put(text: label, at: Point(x: x, y: area.y), maxWidth: w, style: t == tab ? theme[.selection] : theme[.muted])
            x += w + 1
        }
    }

    func renderRows(into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let r = rows
        guard !r.isEmpty else { buffer.put(text: L10n.t("detail.empty"), in: area.row(0), style: theme[.muted]); return }
        if selected[tab] == nil { selected[tab] = firstSelectable(from: 0, step: 1) }
        let sel = selected[tab] ?? -1
        var top = scroll[tab] ?? 0
        if sel >= 0 {
            if sel < top { top = sel }
            if sel >= top + area.height { top = sel - area.height + 1 }
        }
        top = max(0, min(top, max(0, r.count - area.height)))
        scroll[tab] = top
        for (i, row) in r.dropFirst(top).prefix(area.height).enumerated() {
            let index = top + i
            let style: Style
            if index == sel { style = theme[.selection] }
            else if row.isHeading { style = theme[.header] }
            else { style = theme[row.role ?? .text] }
            let line = area.row(i)
            if index == sel { buffer.fill(line, style: style) }
            buffer.put(text: (index == sel ? "▸ " : "  ") + row.text, in: line, style: style)
        }
        if r.count > area.height {
            let more = L10n.t("detail.more", top + 1, min(r.count, top + area.height), r.count)
            let w = TextWidth.width(of: more)
            buffer.put(text: more, at: Point(x: area.maxX - w, y: area.y + area.height), maxWidth: w, style: theme[.muted])
        }
    }
}
