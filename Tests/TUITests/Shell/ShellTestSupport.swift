import Foundation
import Testing
@testable import Core
@testable import TUI

/// Every shell suite nests in this one serialized suite: they share one demo workspace and
/// the global `L10n.language`, so they never run at the same time.
@Suite(.serialized) struct ShellSuite {}

/// An injectable clock for auto-lock and toasts: time only moves when a test says so.
final class TestClock: @unchecked Sendable {
    var instant = ContinuousClock.now
    func advance(_ d: Duration) { instant += d }
}

enum ShellFixture {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!
    static let sentinelGiven = "Zqxsentgiven"
    static let sentinelFamily = "Zqxsentfamily"
    static let sentinelAlias = "Zqxsentalias"
    static let sentinelContact = "Zqxsentcontact"
    static let sentinels = [sentinelGiven, sentinelFamily, sentinelAlias, sentinelContact]
    static let passphrase = "juiste wachtwoordzin"

    static let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static var themesDirectory: String { repoRoot.appendingPathComponent("Themes").path }
    static var goldenDirectory: URL { repoRoot.appendingPathComponent("Tests/TUITests/Golden") }

    struct Fixture {
        let workspace: Workspace
        let sentinelID: UUID
        let sentinelCode: String
        /// The other client whose name the sentinel's note mentions.
        let otherClientName: String
    }

    /// One demo workspace per test process (scale 1, seed 1, 22 November 2026) plus the
    /// sentinel case. Never closed: only the lock tests close a store, and they use their own.
    static let shared: Fixture = {
        do { return try makeShared() } catch { fatalError("shell fixture: \(error)") }
    }()

    /// All stores of this test process live under one folder, removed when the process exits.
    static let temporaryRoot: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-shelltests-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: ShellFixture.temporaryRoot) }
        return root
    }()

    static func temporaryDirectory(_ label: String) -> URL {
        temporaryRoot.appendingPathComponent("\(label)-\(UUID().uuidString)")
    }

    private static func makeShared() throws -> Fixture {
        let (store, _) = try DemoGenerator(scale: 1, seed: 1, today: today)
            .create(at: StoreLocation(directory: temporaryDirectory("demo")), kdf: .testOnlyCheap, clock: FixedClock(today.date))
        let other = try store.summaries().first { $0.phase.isActive && !$0.givenNames.isEmpty && !$0.familyName.isEmpty }!
        let (id, code) = try addSentinelCase(to: store, mentioning: other.displayName)
        return Fixture(workspace: try Workspace(store: store), sentinelID: id, sentinelCode: code.description, otherClientName: other.displayName)
    }

    /// The sentinel case: unique names, coordinated by the store's user, a note naming
    /// another client and the alias, and an overdue open action. Opened today, so it is the
    /// first row of "my" caseload and of the intake inbox.
    @discardableResult
    static func addSentinelCase(to store: Store, mentioning otherName: String) throws -> (UUID, CaseCode) {
        try store.write { tx in
            var rng = SeededRandom(seed: 4242)
            let new = NewCase(
                identity: ClientIdentity(givenNames: sentinelGiven, familyName: sentinelFamily, aliases: [sentinelAlias],
                                         birthDate: .exact(CalendarDate(year: 2001, month: 3, day: 4)!), gender: "vrouw"),
                referral: CaseReferral(referrerType: "politie-avim", contactName: sentinelContact, receivedOn: today),
                exploitation: CaseExploitation(forms: ["arbeidsuitbuiting"], sectors: [], indicators: [], crossBorder: false),
                coordinator: store.userID, backup: nil, region: "haaglanden", municipality: "den-haag",
                openedOn: today, phase: .signaal, urgency: "acuut")
            let (id, code) = try tx.openCase(new, rng: &rng)
            try tx.changePhase(id, to: .aanmelding, on: today)
            try tx.addNote(id, text: "Gesprek met \(otherName) over \(sentinelAlias); \(sentinelGiven) belt terug.", on: today)
            try tx.addItem(id, CaseAction(title: "\(sentinelAlias) terugbellen", owner: store.userID.uuidString,
                                          due: today.adding(days: -5), status: "open"))
            return (id, code)
        }
    }

    /// A small store of its own (for the lock tests, which close their store).
    static func makeOwnStore() throws -> (Workspace, UUID) {
        let store = try Store.create(at: StoreLocation(directory: temporaryDirectory("lock")), passphrase: "demo",
                                     options: .init(role: .zorgcoordinator, userName: "Zqxlockuser Tester", function: "Zorgcoördinator mensenhandel",
                                                    organisation: "shop", kdf: .testOnlyCheap, isDemo: true),
                                     clock: FixedClock(today.date))
        let (id, _) = try addSentinelCase(to: store, mentioning: "Qwxother Person")
        return (try Workspace(store: store), id)
    }
}

/// A shell on the in-memory backend with an injected clock.
final class Harness {
    let shell: Shell
    let backend: MemoryBackend
    let clock: TestClock

    init(size: Size = Size(width: 80, height: 24), theme: String = "mono", tier: ColorTier = .mono, privacy: Bool = false,
         autoLock: Duration = .seconds(300), config: ShellConfig = ShellConfig(), install: Workspace? = ShellFixture.shared.workspace,
         unlocker: @escaping Shell.Unlocker = Harness.fixtureUnlocker, language: Language = .nl) {
        L10n.language = language
        backend = MemoryBackend(size: size)
        let clock = TestClock()
        self.clock = clock
        shell = Shell(backend: backend,
                      options: Shell.Options(themes: ThemeLoader(directory: ShellFixture.themesDirectory), themeName: theme, tier: tier,
                                             autoLock: autoLock, privacy: privacy, storeLabel: "demo", isDemo: true, config: config),
                      now: { clock.instant }, unlocker: unlocker)
        if let install { shell.install(install) }
        shell.draw()
    }

    /// Accepts the constant passphrase and hands back the shared workspace.
    static let fixtureUnlocker: Shell.Unlocker = { passphrase in
        guard passphrase == ShellFixture.passphrase else { throw SchakelError(.wrongPassphrase, L10n.t("error.wrongPassphrase")) }
        return ShellFixture.shared.workspace
    }

    /// Feeds a key script through the event loop, one `step` per event, then draws.
    func press(_ script: String) {
        backend.enqueue(keys: try! KeyEvent.script(script))
        drain()
    }

    /// Types text as key presses through the event loop.
    func type(_ text: String) {
        backend.type(text)
        drain()
    }

    func drain() {
        while backend.pendingEventCount > 0 { shell.step(timeout: .zero) }
        shell.draw()
    }

    /// Each view of the Inzicht pane in turn (`v` cycles them), with `visit` called on each;
    /// the pane must be focused.
    func eachInsightView(_ visit: (String) -> Void) {
        let insight = shell.panes[.inzicht] as! InsightPane
        for view in insight.views {
            press("v")
            visit("\(view)")
        }
    }

    /// Every command but lock and quit, in every pane, on this one shell: each run and drawn,
    /// then `check`ed, then closed as keys would (Esc for overlays, again for search or
    /// filter input). The sweeps that check every screen a command can lead to.
    func eachCommandInEveryPane(_ check: (Command) -> Void) {
        for pane in PaneID.allCases {
            shell.focus(pane)
            for c in shell.registry.inScope(pane) where !["app.lock", "app.quit"].contains(c.id) {
                if case .pane(let p) = c.scope, p != shell.focused { continue }
                shell.run(commandID: c.id)
                shell.draw()
                check(c)
                press("esc")
                if shell.panes[shell.focused]?.isEditing == true { press("esc") }
            }
        }
    }

    var lines: [String] { backend.lines }
    var text: String { backend.lines.joined(separator: "\n") }
    func contains(_ s: String) -> Bool { backend.lines.contains { $0.contains(s) } }

    var caseload: CaseloadPane { shell.panes[.caseload] as! CaseloadPane }
    var meetings: MeetingsPane { shell.panes[.casusoverleg] as! MeetingsPane }
    func grid(_ pane: PaneID) -> FilterableTable {
        switch shell.panes[pane] {
        case let p as CaseloadPane: return p.grid
        case let p as MeetingsPane: return p.grid
        case let p as IntakePane: return p.grid
        case let p as MaatjesPane: return p.grid
        case let p as InsightPane: return p.grid
        default: fatalError()
        }
    }
}

func trimmedRight(_ s: String) -> String {
    var s = s
    while s.last == " " { s.removeLast() }
    return s
}
