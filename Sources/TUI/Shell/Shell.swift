import Foundation
import Core

/// The frame all panes live in: owns focus, layout, modes, overlays, locking and the
/// event loop. Panes render into one buffer that the backend diffs onto the screen.
public final class Shell {
    public struct Options {
        public var themes: ThemeLoader?
        public var themeName: String
        /// nil: detect from the terminal once it is started.
        public var tier: ColorTier?
        public var noColor: Bool
        public var unicode: Bool
        public var autoLock: Duration
        public var layout: LayoutName
        public var privacy: Bool
        public var storeLabel: String
        public var isDemo: Bool
        public var config: ShellConfig
        /// A follower window: after unlocking it shows only the item the chair's meeting mode
        /// is on, de-identified, and nothing else.
        public var follower = false
        public init(themes: ThemeLoader?, themeName: String = ThemeLoader.defaultThemeID, tier: ColorTier? = nil, noColor: Bool = false, unicode: Bool = true,
                    autoLock: Duration = .seconds(300), layout: LayoutName = .single, privacy: Bool = false, storeLabel: String = "",
                    isDemo: Bool = false, config: ShellConfig = ShellConfig()) {
            self.themes = themes; self.themeName = themeName; self.tier = tier; self.noColor = noColor; self.unicode = unicode; self.autoLock = autoLock
            self.layout = layout; self.privacy = privacy; self.storeLabel = storeLabel; self.isDemo = isDemo; self.config = config
        }
    }

    public typealias Unlocker = (String) throws -> Workspace

    let backend: TerminalBackend
    var options: Options
    let unlocker: Unlocker
    /// Injectable for tests of auto-lock and toasts.
    var now: () -> ContinuousClock.Instant

    public private(set) var workspace: Workspace?
    public private(set) var panes: [PaneID: Pane] = [:]
    public private(set) var focused: PaneID = .caseload
    public internal(set) var layout: LayoutName
    public internal(set) var zoomed = false
    public private(set) var privacy: Bool
    public private(set) var presentation = false
    public internal(set) var overlay: Overlay?
    public internal(set) var registry = CommandRegistry()
    public private(set) var quitRequested = false
    public private(set) var themeName: String
    var theme: Theme
    var toasts = ToastQueue()
    var unlockEditor = LineEditor("", maxLength: 1024)
    var unlockMessage: String?
    var failedUnlocks = 0
    var retryAt: ContinuousClock.Instant?
    var lastInput: ContinuousClock.Instant
    var buffer = CellBuffer(width: 0, height: 0)
    var screenSize = Size(width: 0, height: 0)
    /// A meeting runs in the overlay (auto-lock waits for a long pause; the end locks).
    var meetingRunning = false
    /// Presentation mode was switched on by the meeting and goes off with it; privacy goes
    /// back to what it was.
    var presentationByMeeting = false
    var privacyBeforeMeeting = false
    /// When the overlay's clock last moved: about once a second, typing or not.
    var lastTick: ContinuousClock.Instant?
    /// What a flow said when the screen locked, shown once it is unlocked again.
    var messageAfterUnlock: String?
    /// Shows opened documents; every temporary file goes at lock and quit.
    public let viewer: DocumentViewer
    /// When the shared folder was last synced automatically (`sync.interval`).
    var folderSync = FolderSyncSchedule()

    public init(backend: TerminalBackend, options: Options, now: @escaping () -> ContinuousClock.Instant = { ContinuousClock.now },
                unlocker: @escaping Unlocker) {
        self.backend = backend
        self.options = options
        self.unlocker = unlocker
        self.now = now
        layout = options.layout
        privacy = options.privacy
        themeName = options.themeName
        theme = Shell.loadTheme(options.themes, name: options.themeName, tier: options.tier ?? .c256, unicode: options.unicode)
        lastInput = now()
        viewer = DocumentViewer(command: options.config.viewer)
        TerminalRestorer.onExit = { RuntimeFolder.removeTrackedNow(); MeetingBeacon.removeTrackedNow() }
        registerGlobalCommands()
        for problem in options.config.problems { post(problem, kind: .warning) }
        // Pane commands register at unlock; the config may name them before that.
        let paneCommandIDs = Set(Shell.newPanes().flatMap { $0.commands().map(\.id) })
        let unknown = registry.rebind(options.config.keys).filter { !paneCommandIDs.contains($0) }
        for id in unknown { post(L10n.t("config.unknownCommand", id), kind: .warning) }
    }

    var tier: ColorTier { options.tier ?? .c256 }

    static func loadTheme(_ loader: ThemeLoader?, name: String, tier: ColorTier, unicode: Bool) -> Theme {
        let t = (try? loader?.theme(named: name, tier: tier)) ?? (try? loader?.theme(named: ThemeLoader.defaultThemeID, tier: tier))
        return (t ?? Theme(id: "leeg", tier: .mono, styles: [:])).withUnicodeGlyphs(unicode)
    }

    // MARK: unlocking and locking

    public var isLocked: Bool { workspace == nil }

    func attemptUnlock() {
        let t = now()
        if let retryAt, t < retryAt {
            let left = (retryAt - t).components
            unlockMessage = L10n.t("unlock.wait", Int(left.seconds) + (left.attoseconds > 0 ? 1 : 0))
            return
        }
        let passphrase = unlockEditor.text
        unlockEditor.setText("")
        do {
            let ws = try unlocker(passphrase)
            install(ws)
            // What imports brought since the user last looked (F8 shows it).
            if !options.follower, let note = ws.syncNewsNote { toasts.post(Toast(note, shownAt: now(), duration: .seconds(6), yields: true)) }
            failedUnlocks = 0
            unlockMessage = nil
        } catch {
            let e = SchakelError.from(error)
            unlockMessage = e.message
            // The store's own record of wrong passphrases (kept across runs) says to wait longer.
            if e.kind == .throttled, let seconds = e.retryAfter {
                retryAt = t + .seconds(seconds)
                return
            }
            // Only a wrong passphrase counts as a guess. Each one doubles the wait (1, 2, 4 ...
            // 30 s): this slows guessing at the keyboard; a copied store is protected by scrypt.
            guard e.kind == .wrongPassphrase else { return }
            failedUnlocks += 1
            retryAt = t + .seconds(min(30, 1 << min(5, failedUnlocks - 1)))
        }
    }

    /// Shows an already unlocked workspace (tests, and after unlocking).
    public func install(_ ws: Workspace) {
        ws.thresholds = options.config.thresholds
        workspace = ws
        makePanes()
        lastInput = now()
        if let m = messageAfterUnlock { post(m, kind: .warning); messageAfterUnlock = nil }
        folderSync = FolderSyncSchedule()
        if options.follower {
            if !privacy { privacy = true; reloadPanes() }
            if !presentation { togglePresentation() }
            toasts = ToastQueue()
            overlay = .flow(FollowerFlow(workspace: ws))
        }
    }

    static func newPanes() -> [Pane] { [IntakePane(), MeetingsPane(), CaseloadPane(), MaatjesPane(), InsightPane()] }

    /// The panes a role works with: the maatjescoördinator sees the buddy register only
    /// (no case list); everyone else sees all four (opening and editing cases is checked per command).
    static func paneIDs(for role: Role) -> [PaneID] {
        role.may(.readCaseList) ? PaneID.allCases : [.maatjes]
    }

    /// The panes of this session, in screen order.
    public var availablePanes: [PaneID] { PaneID.allCases.filter { panes[$0] != nil } }

    func makePanes() {
        let allowed = Set(Shell.paneIDs(for: workspace?.store.role ?? .zorgcoordinator))
        let list = Shell.newPanes().filter { allowed.contains($0.id) }
        if !allowed.contains(focused) { focused = Shell.paneIDs(for: workspace?.store.role ?? .zorgcoordinator).first ?? .caseload }
        panes = Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) })
        registry = CommandRegistry()
        registerGlobalCommands()
        for p in list { for c in p.commands() { registry.register(c) } }
        _ = registry.rebind(options.config.keys)
        reloadPanes()
    }

    func reloadPanes() {
        guard let ws = workspace else { return }
        for p in panes.values { p.reload(ws, privacy: privacy) }
    }

    /// Drops everything decrypted and shows the unlock screen. Says on the unlock screen
    /// what a flow could not keep (a minutes line being typed).
    public func lock() {
        // A form in progress is kept as an encrypted draft before the store closes.
        var suspended: String?
        if case .flow(let flow)? = overlay { suspended = flow.suspend() }
        // The lock screen says only that there is something to read; what it is (it may name a
        // form or a case code) follows after unlocking.
        unlockMessage = suspended == nil ? nil : L10n.t("unlock.suspendedNote")
        messageAfterUnlock = suspended
        meetingRunning = false
        if presentationByMeeting { presentationByMeeting = false; if presentation { togglePresentation() } }
        viewer.closeAll()
        workspace?.close()
        workspace = nil
        panes = [:]
        overlay = nil
        toasts = ToastQueue()
        registry = CommandRegistry()
        registerGlobalCommands()
        _ = registry.rebind(options.config.keys) // the config's keys hold on the unlock screen too
        buffer = CellBuffer(width: 0, height: 0)
    }

    // MARK: modes and actions

    public func focus(_ pane: PaneID) { focused = pane }

    public func setPrivacy(_ on: Bool) {
        privacy = on
        reloadPanes()
        if case .detail = overlay { overlay = nil }
        // Flows are where names are typed: never shown in privacy mode (the case detail
        // stays, masked and read-only).
        if on, case .flow(let flow)? = overlay, !flow.availableInPrivacy {
            overlay = nil
            if let message = flow.suspend() { post(message) }
        }
        post(L10n.t(on ? "privacy.on" : "privacy.off"))
    }

    public func togglePresentation() {
        presentation.toggle()
        zoomed = presentation
        if presentation {
            if !privacy { setPrivacy(true) }
            let projectorTheme = themeName == "hoog-contrast" ? "hoog-contrast" : "licht"
            theme = Shell.loadTheme(options.themes, name: projectorTheme, tier: tier, unicode: options.unicode)
        } else {
            theme = Shell.loadTheme(options.themes, name: themeName, tier: tier, unicode: options.unicode)
        }
        post(L10n.t(presentation ? "presentation.on" : "presentation.off"))
    }

    public func cycleTheme() {
        let all = options.themes?.availableThemes() ?? []
        guard !all.isEmpty else { return }
        themeName = all[((all.firstIndex(of: themeName) ?? -1) + 1) % all.count]
        theme = Shell.loadTheme(options.themes, name: themeName, tier: tier, unicode: options.unicode)
        post(L10n.t("theme.now", themeName))
    }

    public func openCase(_ id: UUID) {
        guard let ws = workspace else { return }
        guard ws.store.role.may(.readCases) else { post(L10n.t("error.roleNotAllowed", ws.store.role.label), kind: .warning); return }
        do {
            let detail = try CaseDetail(workspace: ws, caseID: id, viewer: viewer)
            try ws.store.recordCaseOpened(id)
            overlay = .flow(detail)
        } catch {
            post(SchakelError.from(error).message, kind: .error)
        }
    }

    public func showDetail(title: String, lines: [String]) { overlay = .detail(title: title, lines: lines, scroll: 0) }

    /// Opens a flow (signal, intake, feedback). Names are typed in flows, so not in privacy mode.
    public func startFlow(allowInPrivacy: Bool = false, _ make: (Workspace) throws -> Flow) {
        guard let ws = workspace else { return }
        guard !privacy || allowInPrivacy else { post(L10n.t("flow.privacyUnavailable"), kind: .warning); return }
        guard allowInPrivacy || ws.store.role.may(.writeCases) else { post(L10n.t("error.roleNotAllowed", ws.store.role.label), kind: .warning); return }
        do { overlay = .flow(try make(ws)) } catch { post(SchakelError.from(error).message, kind: .error) }
    }

    public func post(_ message: String, kind: Toast.Kind = .info) {
        toasts.post(Toast(message, kind: kind, shownAt: now()))
    }

    public func quit() {
        viewer.closeAll()
        quitRequested = true
    }

    public func reload(silently: Bool = false) {
        guard let ws = workspace else { return }
        do {
            try ws.reload()
            reloadPanes()
            if !silently { post(L10n.t("ui.reloaded")) }
        } catch { post(SchakelError.from(error).message, kind: .error) }
    }

    /// Visible panes for the current layout, in screen order.
    public var visiblePanes: [PaneID] {
        if zoomed || layout == .single { return [focused] }
        let available = availablePanes
        // Inzicht is a whole-width pane: the grid and the pairs keep the four working panes.
        if focused == .inzicht { return [.inzicht] }
        if layout == .grid { return available.filter { $0 != .inzicht } }
        let pair: [PaneID] = focused.number <= 2 ? [.intake, .casusoverleg] : [.caseload, .maatjes]
        return pair.filter { available.contains($0) }
    }

    // MARK: the loop

    /// Runs until the user quits. The backend is stopped (terminal restored) on every way out.
    public func run() throws {
        try backend.start()
        defer { backend.stop() }
        if options.tier == nil {
            options.tier = ColorTier.detect(environment: ProcessInfo.processInfo.environment, terminalColors: backend.colorCount,
                                            noColorFlag: options.noColor)
            theme = Shell.loadTheme(options.themes, name: themeName, tier: tier, unicode: options.unicode)
        }
        while !quitRequested {
            step(timeout: .seconds(1))
        }
    }

    /// One turn: draw, wait for an event (or the timeout), handle it, apply auto-lock.
    public func step(timeout: Duration?) {
        draw()
        let event = backend.nextEvent(timeout: options.follower && !isLocked ? .milliseconds(250) : timeout)
        if let event { handle(event) }
        // Typing without a pause must not stop the chair's beacon or its check on the follower.
        let t = now()
        if event == nil || lastTick.map({ t - $0 >= .seconds(1) }) ?? true { tick(); lastTick = t }
        updateMeetingState()
        checkAutoLock()
    }

    /// Lets a flow's clock move (a meeting's timer, the follower following the chair).
    public func tick() {
        if case .flow(let flow)? = overlay {
            _ = flow.tick()
            // The follower never gets keys: the chair's running meeting is its activity.
            if options.follower, flow.holdsAutoLock { lastInput = now() }
        }
        autoSyncIfDue()
        if options.follower, !isLocked, overlay == nil { quitRequested = true }
    }

    /// A meeting starting switches presentation (and so privacy) on; one ending locks the
    /// chair's screen: the laptop is still on the projector in a room full of people.
    func updateMeetingState() {
        var holding = false
        if case .flow(let flow)? = overlay { holding = flow.holdsAutoLock }
        defer { meetingRunning = holding }
        guard holding != meetingRunning, !isLocked else { return }
        if holding {
            privacyBeforeMeeting = privacy
            if !presentation && !options.follower { togglePresentation(); presentationByMeeting = true }
        } else if !options.follower {
            if presentationByMeeting { presentationByMeeting = false; if presentation { togglePresentation() } }
            if !privacyBeforeMeeting && privacy { setPrivacy(false) }
            // How it ended (recorded as held or not) is said after unlocking.
            var ending: String?
            if case .flow(let flow)? = overlay, let agenda = flow as? AgendaFlow { ending = agenda.status?.text }
            lock()
            unlockMessage = L10n.t("unlock.meetingEnded")
            messageAfterUnlock = ending
        }
    }

    /// Auto-lock: after the configured idle time; during a meeting after a long pause only.
    var autoLockAfter: Duration {
        meetingRunning ? max(options.autoLock, .seconds(options.config.meetingPauseMinutes * 60)) : options.autoLock
    }

    func checkAutoLock() {
        guard !isLocked, now() - lastInput >= autoLockAfter else { return }
        lock()
        unlockMessage = [L10n.t("unlock.autoLocked"), unlockMessage].compactMap { $0 }.joined(separator: " ")
    }

    public func draw() {
        let size = backend.size
        screenSize = size
        // Render into a buffer taken out of `self`, so layout code may read the shell freely.
        var frame = CellBuffer(width: 0, height: 0)
        swap(&frame, &buffer)
        if frame.width != size.width || frame.height != size.height { frame = CellBuffer(width: size.width, height: size.height) }
        render(into: &frame)
        backend.present(frame)
        buffer = frame
    }
}
