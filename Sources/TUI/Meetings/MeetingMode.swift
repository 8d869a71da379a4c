import Foundation
import Core

/// The chair's screen during a casusoverleg: one item at a time, large, with a timer per
/// item; minutes typed line by line (each line is stored at once) and action items
/// inline. Where the projector points decides what this window shows:
/// - `thisWindow` (the default, safe when unsure): the de-identified item only; what is
///   typed for the minutes is hidden (a count) unless the chair shows it (`Ctrl-T`/`T`);
/// - `follower`: a follower window (`schakel follow`) is on the projector; this window
///   shows the full detail, the minutes and the case detail of agenda cases (`i`).
/// Only this agenda's cases are reachable. The shell keeps auto-lock off while it runs
/// (until a long pause) and locks when it ends.
public final class MeetingMode: Flow {
    public enum Projection: Equatable { case thisWindow, follower }
    enum Typing { case minutes(LineEditor), action(ItemEditor), sharing(ItemEditor) }

    let workspace: Workspace
    let meetingID: UUID
    let viewer: DocumentViewer?
    var view: MeetingView
    /// -1: opening (attendance, previous minutes); 0..<count: an item; count: closing.
    public private(set) var position = -1
    public private(set) var projection: Projection = .thisWindow
    /// The chair chose to show the minutes on this (projected) window.
    public private(set) var showTyped = false
    var typing: Typing?
    var attendance: AttendanceFlow?
    var caseDetail: CaseDetail?
    var confirmEnd: ConfirmDialog?
    var status: (text: String, isError: Bool)?
    /// Seconds spent per item, and when the current item's timer last started (nil: paused).
    var spent: [UUID: Int] = [:]
    var runningSince: Date?
    var followerPresent = false
    var lastBeacon: Date?
    var revision = 0
    var ended = false
    /// `?`: every key of meeting mode in a list.
    var showKeys = false
    /// Injectable for tests (timers, the beacon's time).
    var now: () -> Date = { Date() }

    public init(workspace: Workspace, meetingID: UUID, viewer: DocumentViewer? = nil) throws {
        self.workspace = workspace
        self.meetingID = meetingID
        self.viewer = viewer
        view = try MeetingView(workspace: workspace, meetingID: meetingID)
        followerPresent = workspace.store.meetingFollowerPresent()
        publish()
    }

    var items: [(id: UUID, value: AgendaItemRecord)] { view.agenda }
    var current: (id: UUID, value: AgendaItemRecord)? { items.indices.contains(position) ? items[position] : nil }
    var isPrivate: Bool { projection == .follower }
    var typedVisible: Bool { isPrivate || showTyped }

    public var title: String {
        caseDetail?.title ?? L10n.t("meetingMode.title", view.tableName, view.record.date.dutch)
    }
    public var hint: String {
        if let caseDetail { return caseDetail.hint }
        if attendance != nil { return attendance!.hint }
        switch typing {
        case .minutes?: return L10n.t("meetingMode.hint.minutes")
        case .action?, .sharing?: return L10n.t("meetingMode.hint.action")
        case nil: return L10n.t("meetingMode.hint")
        }
    }
    public var availableInPrivacy: Bool { true }
    public var isTyping: Bool { typing != nil || attendance != nil || (caseDetail?.isTyping ?? false) }
    public var hasUnsavedInput: Bool {
        switch typing {
        case .minutes(let e)?: return !e.text.isEmpty
        case .action(let e)?, .sharing(let e)?: return e.isDirty
        case nil: return attendance?.hasUnsavedInput ?? false
        }
    }
    public var holdsAutoLock: Bool { !ended }
    public var fullScreen: Bool { true }

    /// Locked or closed from outside: the projector stops following; minutes are already stored line by line.
    public func suspend() -> String? {
        let unsaved = hasUnsavedInput
        stop()
        return unsaved ? L10n.t("meetingMode.suspendedUnsaved") : L10n.t("meetingMode.suspended")
    }

    func stop() {
        ended = true
        workspace.store.removeMeetingBeacon()
        MeetingBeacon.untrack()
    }

    // MARK: timer and beacon

    func seconds(_ id: UUID) -> Int {
        let base = spent[id] ?? 0
        guard id == current?.id, let since = runningSince else { return base }
        return base + max(0, Int(now().timeIntervalSince(since)))
    }

    func pauseTimer() {
        guard let c = current, let since = runningSince else { return }
        spent[c.id, default: 0] += max(0, Int(now().timeIntervalSince(since)))
        runningSince = nil
    }

    func go(to newPosition: Int) {
        let clamped = max(-1, min(items.count, newPosition))
        guard clamped != position else { return }
        pauseTimer()
        position = clamped
        if current != nil { runningSince = now() }
        status = nil
        // What the chair chose to show was for that item only.
        showTyped = false
        publish()
    }

    /// Tells a follower window where the meeting stands.
    func publish() {
        guard !ended else { return }
        let phase: MeetingBeacon.Phase = position < 0 ? .opening : (current == nil ? .closing : .item)
        let beacon = MeetingBeacon(meeting: meetingID, phase: phase, item: current?.id, position: position + 1, count: items.count,
                                   elapsed: current.map { seconds($0.id) } ?? 0, running: runningSince != nil, writtenAt: now(), revision: revision)
        do { try workspace.store.writeMeetingBeacon(beacon); lastBeacon = beacon.writtenAt } catch {
            status = (L10n.t("meetingMode.beaconFailed"), true)
        }
    }

    public func tick() -> Bool {
        guard !ended else { return false }
        let present = workspace.store.meetingFollowerPresent()
        if present != followerPresent {
            followerPresent = present
            if !present && projection == .follower {
                // The projector may show this window again: back to the safe view.
                projectThisWindow()
                status = (L10n.t("meetingMode.followerLost"), true)
            }
        }
        if lastBeacon.map({ now().timeIntervalSince($0) >= 5 }) ?? true { publish() }
        return true
    }

    func reloadView() {
        do {
            view = try MeetingView(workspace: workspace, meetingID: meetingID)
            revision += 1
            publish()
        } catch { status = (SchakelError.from(error).message, true) }
    }

    // MARK: input

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        // Typing in a form that is hidden on the projector: Ctrl-T shows or hides it.
        if typing != nil, case .key(let k) = event, k == .ctrl("t") { toggleShowTyped(); return .stay }
        if let detail = caseDetail {
            switch detail.handle(event, area: area) {
            case .stay: break
            case .close, .done: caseDetail = nil
            }
            return .stay
        }
        if let flow = attendance {
            switch flow.handle(event, area: area) {
            case .stay: break
            case .close(let m): attendance = nil; reloadView(); if let m { status = (m, false) }
            case .done(let m): attendance = nil; reloadView(); status = (m, false)
            }
            return .stay
        }
        switch typing {
        case .minutes(var editor)?:
            guard case .key(let key) = event else { return .stay }
            switch key {
            case KeyEvent(.escape): typing = nil
            case KeyEvent(.enter): appendMinutes(editor.text)
            default: _ = editor.handle(key); typing = .minutes(editor)
            }
            return .stay
        case .action(let editor)?, .sharing(let editor)?:
            switch editor.handle(event, area: area) {
            case .stay: break
            case .cancelled: typing = nil
            case .saved(let m): typing = nil; reloadView(); status = (m, false)
            }
            return .stay
        case nil: break
        }
        if var dialog = confirmEnd {
            switch dialog.handle(event, area: area) {
            case .action(.confirm): confirmEnd = nil; return end()
            case .action(.cancel): confirmEnd = nil
            default: confirmEnd = dialog
            }
            return .stay
        }
        guard case .key(let key) = event else { return .stay }
        if showKeys { showKeys = false; return .stay }
        switch key {
        case .char("?"): showKeys = true
        case KeyEvent(.right), .char("n"), .char(" "): go(to: position + 1)
        case KeyEvent(.left), .char("p"): go(to: position - 1)
        case KeyEvent(.home): go(to: -1)
        case .char("m"):
            guard current != nil || position < 0 || position >= items.count else { break }
            typing = .minutes(LineEditor("", maxLength: 2000))
        case .char("a"): typing = .action(actionEditor())
        case .char("t"):
            if runningSince != nil { pauseTimer(); status = (L10n.t("meetingMode.timerPaused"), false) } else if current != nil { runningSince = now(); status = (L10n.t("meetingMode.timerRuns"), false) }
            publish()
        case .char("b"): toggleProjection()
        case .char("T"): toggleShowTyped()
        case .char("o"): attendance = AttendanceFlow(workspace: workspace, view: view, namesAllowed: { [unowned self] in isPrivate })
        case .char("s"): share()
        case .char("g"): approvePrevious()
        case .char("i"): openCase()
        case .char("q"):
            // Only arrows/Tab and Enter answer: a letter typed out of habit must not end the meeting.
            confirmEnd = ConfirmDialog(title: L10n.t("meetingMode.endTitle"), message: L10n.t("meetingMode.endMessage"),
                                       confirmLabel: L10n.t("meetingMode.endConfirm"), cancelLabel: L10n.t("meetingMode.endCancel"),
                                       letterShortcuts: false)
        default: break
        }
        return .stay
    }

    func toggleShowTyped() {
        guard !isPrivate else { return }
        showTyped.toggle()
        status = (L10n.t(showTyped ? "meetingMode.typedShown" : "meetingMode.typedHidden"), false)
    }

    /// Back to the safe view: everything only the chair may see closes.
    func projectThisWindow() {
        projection = .thisWindow
        showTyped = false
        caseDetail = nil
        if case .sharing? = typing { typing = nil }
    }

    func toggleProjection() {
        if projection == .follower {
            projectThisWindow()
            status = (L10n.t("meetingMode.projectThis"), false)
            return
        }
        followerPresent = workspace.store.meetingFollowerPresent()
        guard followerPresent else { status = (L10n.t("meetingMode.noFollower"), true); return }
        projection = .follower
        status = (L10n.t("meetingMode.projectFollower"), false)
    }

    /// The minutes of the current item (or of the meeting at opening and closing) get one more line, stored at once.
    func appendMinutes(_ line: String) {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { typing = nil; return }
        let itemID = current?.id
        let existing = view.minutesText(itemID)
        let joined = existing.map { $0 + "\n" + text } ?? text
        do {
            try workspace.store.write { tx in _ = try tx.writeMinutes(meeting: meetingID, item: itemID, text: joined) }
            typing = .minutes(LineEditor("", maxLength: 2000))
            reloadView()
            status = (L10n.t("meetingMode.minutesSaved"), false)
        } catch { status = (SchakelError.from(error).message, true) }
    }

    func actionEditor() -> ItemEditor {
        let orgs = view.members
        let itemID = current?.id
        return ItemEditor(title: L10n.t("meetingMode.form.action"), fields: [
            FormField(id: "what", label: L10n.t("field.what"), kind: .text(maxLength: 500), isRequired: true),
            FormField(id: "organisation", label: L10n.t("field.organisation"), kind: .choice(orgs.map(\.name)), isRequired: true),
            FormField(id: "due", label: L10n.t("field.due"), kind: .date),
        ], values: ["organisation": .choice(current.flatMap { c in orgs.firstIndex { $0.id == c.value.broughtBy } }),
                    "due": .date(view.record.date.adding(days: 28))]) { [unowned self] v in
            guard let o = FormCodec.choice(v, "organisation"), orgs.indices.contains(o) else {
                throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.organisation")))
            }
            var due: CalendarDate?
            if case .date(let d)? = v["due"] { due = d }
            try workspace.store.write { tx in
                _ = try tx.addMeetingAction(meeting: meetingID, item: itemID, what: FormCodec.text(v, "what"), organisation: orgs[o].id, due: due)
            }
            return L10n.t("meetingMode.actionAdded", orgs[o].name)
        }
    }

    func approvePrevious() {
        guard view.record.previousMinutesApprovedOn == nil else { status = (L10n.t("meetingMode.alreadyApproved"), false); return }
        do {
            try workspace.store.write { tx in _ = try tx.approvePreviousMinutes(meeting: meetingID) }
            reloadView()
            status = (L10n.t("meetingMode.approved"), false)
        } catch { status = (SchakelError.from(error).message, true) }
    }

    /// A sharing decision for the current case item: on the chair's private window only
    /// (the form names organisations and fields of a client).
    func share() {
        guard let c = current else { status = (L10n.t("meeting.error.notCaseItem"), true); return }
        guard isPrivate else { status = (L10n.t("meetingMode.sharingOnProjector"), true); return }
        do { typing = .sharing(try AgendaFlow.sharingEditor(workspace: workspace, view: view, itemID: c.id)) } catch {
            status = (SchakelError.from(error).message, true)
        }
    }

    /// The case detail of the current item: only on the chair's private window, only agenda cases.
    func openCase() {
        guard let caseID = current?.value.caseID else { status = (L10n.t("meetingMode.noCase"), true); return }
        guard isPrivate else { status = (L10n.t("meetingMode.caseOnProjector"), true); return }
        do {
            // No outside document viewer during a meeting: its window could open on the projector.
            caseDetail = try CaseDetail(workspace: workspace, caseID: caseID, viewer: nil)
            try workspace.store.recordCaseOpened(caseID)
        } catch { status = (SchakelError.from(error).message, true) }
    }

    /// Ends meeting mode: a meeting of today or earlier is recorded as held.
    func end() -> FlowOutcome {
        pauseTimer()
        stop()
        if view.record.date <= workspace.today, view.isPlanned {
            do { try workspace.store.write { tx in try tx.markMeetingHeld(meetingID) } } catch {
                return .done(message: SchakelError.from(error).message)
            }
            return .done(message: L10n.t("meetingMode.ended", view.record.date.dutch))
        }
        return .done(message: L10n.t("meetingMode.endedNotHeld"))
    }
}
