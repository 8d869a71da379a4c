import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// End-to-end tests of the real `schakel` binary in a real terminal: each test starts a
/// private tmux server (its own socket, no config), types keys with `send-keys` and reads
/// the screen back with `capture-pane`. Synchronisation is always by polling the screen
/// for the expected text, never by sleeping a fixed time.
///
/// Serialized: the tests share one demo store, and only one Schakel may hold it at a time.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: `make test` installs it (apt-get install tmux)"))
struct TmuxTests {
    /// Its own demo store (passphrase `demo`), so other suites' writers never hold its lock.
    static let demoDir: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-tmux-store-\(UUID().uuidString)")
        _ = try? SchakelBinary.run(["demo", "--store", dir.path, "--test-only-cheap-kdf"])
        atexit { try? FileManager.default.removeItem(at: TmuxTests.demoDir) }
        return dir
    }()

    /// Family names (last word of the name, at least 4 letters) of every client in the store.
    static let clientFamilyNames: [String] = {
        guard let list = try? SchakelBinary.run(["case", "list", "--all", "--names", "--store", demoDir.path], passphrase: "demo"),
              list.status == 0 else { return [] }
        let lines = list.stdout.split(separator: "\n").map(String.init)
        guard let header = lines.first(where: { $0.hasPrefix("CODE") }),
              let nameStart = header.range(of: "NAAM"), let nameEnd = header.range(of: "FASE") else { return [] }
        let from = header.distance(from: header.startIndex, to: nameStart.lowerBound)
        let to = header.distance(from: header.startIndex, to: nameEnd.lowerBound)
        var names = Set<String>()
        for line in lines where line.hasPrefix("MH-") && line.count > to {
            let name = line.dropFirst(from).prefix(to - from).trimmingCharacters(in: .whitespaces)
            if let family = name.split(separator: " ").last.map(String.init), family.count >= 4, family.allSatisfy(\.isLetter) {
                names.insert(family)
            }
        }
        return names.sorted()
    }()

    static let repoRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// UI strings straight from the Dutch catalogue, so the tests follow wording changes.
    static let nl: [String: String] = {
        let url = repoRoot.appendingPathComponent("Sources/Core/Resources/strings/nl.json")
        guard let data = try? Data(contentsOf: url),
              let dict = try? JSONSerialization.jsonObject(with: data) as? [String: String] else { return [:] }
        return dict
    }()

    /// A catalogue string without its placeholder tail: "Maatjesregister · {0}" -> "Maatjesregister".
    static func heading(_ key: String) -> String {
        let s = nl[key] ?? key
        guard let brace = s.range(of: "{") else { return s }
        return String(s[..<brace.lowerBound]).trimmingCharacters(in: CharacterSet(charactersIn: " ·:"))
    }

    static let casePattern = try! Regex("MH-[0-9]{4}-[0-9A-Z]{5}")

    /// `schakel ARGS` on the demo store, as a shell command line for tmux.
    static func schakelCommand(_ extra: [String] = []) -> String {
        ([SchakelBinary.url.path, "--store", demoDir.path] + extra).map(TmuxSession.quote).joined(separator: " ")
    }

    static func start(_ extra: [String] = [], wrappedInShell: Bool = false) throws -> TmuxSession {
        #expect(FileManager.default.fileExists(atPath: demoDir.appendingPathComponent("schakel.sqlite").path), "the demo store was not created")
        let cmd = schakelCommand(extra)
        return try TmuxSession(command: wrappedInShell ? TmuxSession.shellWrapped(cmd) : cmd, directory: repoRoot)
    }

    /// Types the demo passphrase on the unlock screen and waits for the caseload.
    static func unlock(_ s: TmuxSession) throws {
        try s.waitFor("the unlock screen") { $0.contains(nl["unlock.passphrase"]!) }
        try s.type("demo")
        try s.waitFor("four masked characters") { $0.contains("••••▏") }
        try s.keys("Enter")
        try s.waitFor("the caseload after unlocking") { $0.contains(nl["caseload.view.mine"]!) && $0.contains("MH-") }
    }

    static func codes(in screen: String) -> [String] {
        screen.matches(of: casePattern).map { String(screen[$0.range]) }
    }

    static func familyNames(in screen: String) -> [String] {
        clientFamilyNames.filter { TmuxSession.containsWord(screen, $0) }
    }

    /// A screen that shows no trace of the full-screen interface.
    static func showsNoTUI(_ screen: String) -> Bool {
        !screen.contains("Schakel ·") && !screen.contains(nl["caseload.view.mine"]!) && !screen.contains("MH-")
            && !screen.contains(nl["unlock.passphrase"]!) && familyNames(in: screen).isEmpty
    }

    // MARK: 1. start and unlock

    @Test func unlockScreenMasksThePassphraseAndRejectsAWrongOne() throws {
        let s = try Self.start()
        defer { s.kill() }
        let locked = try s.waitFor("the unlock screen") { $0.contains(Self.nl["unlock.passphrase"]!) }
        #expect(locked.contains("DEMO"))
        #expect(!locked.contains("MH-"), "no case codes before unlocking")

        let wrong = "zwartwoud"
        try s.type(wrong)
        let typing = try s.waitFor("nine masked characters") { $0.contains(String(repeating: "•", count: wrong.count) + "▏") }
        #expect(!typing.contains(wrong))
        try s.keys("Enter")
        let refused = try s.waitFor("the wrong-passphrase error") { $0.contains("Onjuiste wachtwoordzin") }
        #expect(!refused.contains(wrong))
        #expect(!refused.contains("MH-"))
        #expect(!refused.contains("•"), "the field is cleared after a failed attempt")

        // After a failure the unlock screen asks to wait a moment (1 s after the first failure)
        // and keeps the typed text. Right away, "demo" is either refused with that request or,
        // on a slow machine, already accepted.
        let refusedAt = Date()
        try s.type("demo")
        try s.waitFor("four masked characters") { $0.contains("••••▏") }
        #expect(!s.capture().contains("demo"))
        try s.keys("Enter")
        var screen = try s.waitFor("the caseload or a request to wait") {
            $0.contains(Self.nl["caseload.view.mine"]!) || $0.contains("Even wachten")
        }
        if !screen.contains(Self.nl["caseload.view.mine"]!) {
            #expect(screen.contains("••••▏"), "the typed text is kept while it asks to wait")
            // The program's own lock-out, not a synchronisation: a second Enter before it ends
            // would look exactly like this screen.
            let lockoutEnds = refusedAt.addingTimeInterval(1.1)
            if lockoutEnds > Date() { Thread.sleep(until: lockoutEnds) }
            try s.keys("Enter")
            screen = try s.waitFor("the caseload after the lock-out") { $0.contains(Self.nl["caseload.view.mine"]!) }
        }
        screen = try s.waitFor("case codes in the caseload") { Self.codes(in: $0).count >= 5 }
        #expect(screen.contains("DEMO"))
        #expect(!screen.contains(Self.nl["unlock.passphrase"]!))
        #expect(!screen.contains(wrong) && !screen.contains("demo"), "the passphrase never appears")
        #expect(!s.capture(scrollback: true).contains(wrong))
    }

    // MARK: 2. panes

    @Test func numberKeysAndTabSwitchPanes() throws {
        let s = try Self.start()
        defer { s.kill() }
        try Self.unlock(s)
        let titles: [String: String] = [
            "1": Self.heading("intake.title"), "2": Self.heading("meetings.title"),
            "3": Self.heading("caseload.view.mine"), "4": Self.heading("maatjes.title"), "5": Self.nl["insight.view.figures"]!,
        ]
        let tabs: [String: String] = [
            "1": "[1 \(Self.nl["pane.intake"]!)]", "2": "[2 \(Self.nl["pane.casusoverleg"]!)]",
            "3": "[3 \(Self.nl["pane.caseload"]!)]", "4": "[4 \(Self.nl["pane.maatjes"]!)]", "5": "[5 \(Self.nl["pane.inzicht"]!)]",
        ]
        #expect(titles.values.allSatisfy { !$0.isEmpty && !$0.contains("title") }, "headings read from nl.json: \(titles)")
        func expectPane(_ n: String, after key: String) throws {
            try s.keys(key)
            let screen = try s.waitFor("pane \(n) after \(key)") { $0.contains(titles[n]!) && $0.contains(tabs[n]!) }
            for (other, title) in titles where other != n {
                #expect(!screen.contains(title), "pane \(n) is alone on screen (single layout), but \(title) shows too")
            }
        }
        for n in ["1", "2", "3", "4", "5"] { try expectPane(n, after: n) }
        try expectPane("1", after: "Tab")  // Tab wraps around from the last pane
        try expectPane("2", after: "Tab")
        try expectPane("3", after: "Tab")
        try expectPane("2", after: "BTab")
    }

    // MARK: 3. search and filter

    @Test func searchSelectsTheMatchingRow() throws {
        let s = try Self.start()
        defer { s.kill() }
        try Self.unlock(s)
        let before = try s.waitFor("case codes") { Self.codes(in: $0).count >= 8 }
        let visible = Self.codes(in: before)
        let first = visible[0]
        // A row well inside the list whose code's last five symbols occur nowhere else on screen.
        let target = try #require(visible.dropFirst(4).first { code in
            before.components(separatedBy: String(code.suffix(5))).count == 2
        })
        let styledBefore = StyledScreen(s.capture(escapes: true))
        let selected = try #require(styledBefore.style(atFirst: first), "first row")
        let plain = try #require(styledBefore.style(atFirst: target), "target row")
        #expect(selected != plain, "the selected row is drawn differently from the others")

        try s.keys("/")
        try s.waitFor("the search line") { $0.contains(Self.nl["ui.search"]! + ":") }
        try s.type(String(target.suffix(5)))
        try s.keys("Enter")
        try s.waitFor("the search line to close") { !$0.contains(Self.nl["ui.search"]! + ":") }
        var after = StyledScreen(s.capture(escapes: true))
        let deadline = Date().addingTimeInterval(TestTiming.allowance(10))
        while after.style(atFirst: target) != selected, Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
            after = StyledScreen(s.capture(escapes: true))
        }
        #expect(after.style(atFirst: target) == selected, "the found row \(target) is drawn in the selection style")
        #expect(after.style(atFirst: first) != selected, "the first row is no longer selected")
        #expect(Self.codes(in: after.text) == visible, "searching moves the selection, it does not filter")
    }

    @Test func filterNarrowsTheListStaysVisibleAndEscClears() throws {
        let s = try Self.start()
        defer { s.kill() }
        try Self.unlock(s)
        let before = try s.waitFor("case codes") { Self.codes(in: $0).count >= 8 }
        let rows = before.split(separator: "\n").map(String.init).filter { $0.contains(Self.casePattern) }
        let total = try #require(Self.count(in: before), "the caseload title shows a count")
        // A municipality or form shown in some rows but not all.
        let candidates = ["Westland", "Delft", "Zoetermeer", "Rijswijk", "Wassenaar", "Midden-Delfland", "Pijnacker-Nootdorp",
                          "Arbeidsuitbuiting", "Onbekend"]
        let word = try #require(candidates.first { w in
            let n = rows.filter { $0.contains(w) }.count
            return n > 0 && n < rows.count
        }, "no candidate filter word on screen:\n\(before)")
        try s.keys("f")
        try s.type(word)
        try s.keys("Enter")
        let filtered = try s.waitFor("the list narrowed to \(word)") { screen in
            guard let n = Self.count(in: screen), n < total else { return false }
            return screen.contains("Filter: \(word) (\(n) van \(total))")
        }
        let filteredRows = filtered.split(separator: "\n").map(String.init).filter { $0.contains(Self.casePattern) }
        #expect(!filteredRows.isEmpty)
        #expect(filteredRows.allSatisfy { $0.contains(word) }, "every row left mentions \(word):\n\(filtered)")

        // The filter line stays while moving around and switching panes.
        try s.keys("Down")
        try s.keys("1")
        try s.waitFor("the intake pane") { $0.contains(Self.heading("intake.title")) }
        try s.keys("3")
        try s.waitFor("the filter still active on the caseload") { $0.contains("Filter: \(word) (") && Self.count(in: $0) == Self.count(in: filtered) }

        try s.keys("Escape")
        let cleared = try s.waitFor("the full list again") { Self.count(in: $0) == total && !$0.contains("Filter: \(word)") }
        #expect(Self.codes(in: cleared).count >= rows.count)
    }

    /// The number in the caseload title, "Mijn casussen · 36 casussen".
    static func count(in screen: String) -> Int? {
        let mine = nl["caseload.view.mine"]!
        guard let line = screen.split(separator: "\n").first(where: { $0.contains(mine + " · ") }),
              let r = line.range(of: mine + " · ") else { return nil }
        return Int(line[r.upperBound...].prefix { $0.isNumber })
    }

    // MARK: 4. resize

    @Test func tooSmallScreenAndImmediateRedrawAfterResize() throws {
        let s = try Self.start()
        defer { s.kill() }
        try Self.unlock(s)
        try s.resize(width: 70, height: 20)
        let small = try s.waitFor("the too-small screen") { $0.contains("Terminal te klein") }
        #expect(small.contains("80×24") && small.contains("70×20"), "says what is needed and what there is:\n\(small)")
        #expect(Self.familyNames(in: small).isEmpty && !small.contains("MH-"), "no garbled frame behind the message")

        let started = Date()
        try s.resize(width: 120, height: 40)
        let back = try s.waitFor("the caseload after growing") {
            $0.contains(Self.nl["caseload.view.mine"]!) && !$0.contains("Terminal te klein") && Self.codes(in: $0).count >= 8
        }
        let elapsed = Date().timeIntervalSince(started)
        print("TmuxTests: redraw after growing took \(String(format: "%.3f", elapsed)) s")
        // The event loop waits up to 1 s for input; a redraw that waited for it would take that long.
        #expect(elapsed < 0.9, "redrawn at once after the resize, took \(elapsed) s")
        let lines = back.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count >= 40 && lines[0].contains("Schakel"), "header on the first line")

        try s.resize(width: 80, height: 24)
        let minimum = try s.waitFor("the frame at exactly 80×24") { $0.contains(Self.nl["caseload.view.mine"]!) && !$0.contains("Terminal te klein") }
        #expect(Self.codes(in: minimum).count >= 5)
    }

    // MARK: 5. privacy

    @Test func privacyModeShowsNoClientNamesAnywhere() throws {
        let names = Self.clientFamilyNames
        try #require(names.count >= 20, "client names could not be read from `case list --names`: \(names)")
        let s = try Self.start()
        defer { s.kill() }
        try Self.unlock(s)
        let open = try s.waitFor("names in the caseload") { !Self.familyNames(in: $0).isEmpty }
        #expect(!open.contains(Self.nl["badge.privacy"]!))
        let visibleName = try #require(Self.familyNames(in: open).first)

        try s.keys("P")
        var screen = try s.waitFor("the privacy badge") { $0.contains(Self.nl["badge.privacy"]!) && Self.familyNames(in: $0).isEmpty }
        #expect(Self.codes(in: screen).count >= 5, "codes instead of names")
        for (key, title) in [("1", "intake.title"), ("2", "meetings.title"), ("4", "maatjes.title"), ("3", "caseload.view.mine")] {
            try s.keys(key)
            screen = try s.waitFor("pane \(key) in privacy mode") { $0.contains(Self.heading(title)) }
            #expect(screen.contains(Self.nl["badge.privacy"]!), "badge on pane \(key)")
            #expect(Self.familyNames(in: screen).isEmpty, "pane \(key) shows \(Self.familyNames(in: screen)):\n\(screen)")
        }

        // Overlays: help, palette, and a case opened from the caseload.
        try s.keys("?")
        screen = try s.waitFor("the help overlay") { $0.contains(Self.nl["help.title"] ?? "Hulp") }
        #expect(Self.familyNames(in: screen).isEmpty)
        try s.keys("Escape")
        try s.waitFor("the help overlay to close") { !$0.contains(Self.nl["help.title"] ?? "Hulp") }
        try s.keys("Enter")
        let overview = "[" + Self.nl["detail.tab.overzicht"]! + "]"
        screen = try s.waitFor("the case detail") { $0.contains(overview) }
        #expect(Self.familyNames(in: screen).isEmpty, "case detail shows \(Self.familyNames(in: screen)):\n\(screen)")
        for tab in ["tijdlijn", "netwerk", "acties", "plaatsingen", "documenten", "veiligheid"] {
            try s.keys("Right")
            screen = try s.waitFor("the \(tab) tab") { $0.contains("[" + Self.nl["detail.tab.\(tab)"]! + "]") }
            #expect(Self.familyNames(in: screen).isEmpty, "tab \(tab) shows \(Self.familyNames(in: screen)):\n\(screen)")
        }
        try s.keys("Escape")
        try s.waitFor("the detail to close") { !$0.contains("[" + Self.nl["detail.tab.veiligheid"]! + "]") }

        // Typing a name into search echoes dots, not the name.
        try s.keys("/")
        try s.type(visibleName)
        screen = try s.waitFor("the search echo") { $0.contains(Self.nl["ui.search"]! + ": " + String(repeating: "•", count: visibleName.count)) }
        #expect(!Self.containsWordIgnoringCase(screen, visibleName), "the search echo shows the typed name")
        try s.keys("Escape")
        try s.waitFor("the search to close") { !$0.contains(Self.nl["ui.search"]! + ":") }

        try s.keys("P")
        screen = try s.waitFor("names back with privacy off") { !$0.contains(Self.nl["badge.privacy"]!) && !Self.familyNames(in: $0).isEmpty }
    }

    @Test func presentationModeIsZoomedAndPrivate() throws {
        let s = try Self.start()
        defer { s.kill() }
        try Self.unlock(s)
        try s.waitFor("names in the caseload") { !Self.familyNames(in: $0).isEmpty }
        try s.keys("F5")
        // Wait for the whole frame: a capture can catch the header redrawn before the rows.
        let screen = try s.waitFor("the presentation badge and no names") {
            $0.contains(Self.nl["badge.presentation"]!) && Self.familyNames(in: $0).isEmpty
        }
        #expect(screen.contains(Self.nl["badge.privacy"]!), "presentation turns privacy on")
        #expect(screen.contains(Self.nl["layout.zoomed"]!), "the pane is zoomed")
        #expect(Self.familyNames(in: screen).isEmpty, "\(Self.familyNames(in: screen))")
        #expect(Self.codes(in: screen).count >= 5)
        try s.keys("F5")
        try s.waitFor("presentation off") { !$0.contains(Self.nl["badge.presentation"]!) }
    }

    /// A toast shows its whole message (it once was cut to half the width the frame gave it).
    @Test
    func toastsAreShownInFull() throws {
        let s = try Self.start()
        defer { s.kill() }
        try Self.unlock(s)
        try s.keys("P")
        try s.waitFor("the privacy badge") { $0.contains(Self.nl["badge.privacy"]!) }
        try s.waitFor("the whole privacy toast", timeout: 3) { $0.contains(Self.nl["privacy.on"]!) }
    }

    static func containsWordIgnoringCase(_ text: String, _ word: String) -> Bool {
        TmuxSession.containsWord(text.lowercased(), word.lowercased())
    }

    @Test func privacyFlagStartsInPrivacyMode() throws {
        let s = try Self.start(["--privacy"])
        defer { s.kill() }
        try Self.unlock(s)
        let screen = try s.waitFor("the privacy badge") { $0.contains(Self.nl["badge.privacy"]!) }
        #expect(Self.familyNames(in: screen).isEmpty, "\(Self.familyNames(in: screen))")
    }

    // MARK: 6. leaving: the terminal is restored and nothing stays in the scrollback

    /// Runs a session in `bash -c 'echo VOOR; schakel; echo NA:$?'`, unlocks, looks at a
    /// screenful of names, leaves with `leave`, and checks the shell's screen afterwards.
    func leave(_ how: String, _ action: (TmuxSession) throws -> Void, expectStatus: (Int) -> Bool) throws {
        let s = try Self.start(wrappedInShell: true)
        defer { s.kill() }
        try s.waitFor("the unlock screen") { $0.contains(Self.nl["unlock.passphrase"]!) }
        #expect(!s.capture().contains("VOOR"), "the unlock screen is on the alternate screen")
        try Self.unlock(s)
        let session = try s.waitFor("names on screen") { !Self.familyNames(in: $0).isEmpty }
        let seen = Self.familyNames(in: session)
        try action(s)
        let after = try s.waitFor("the shell after \(how)") { $0.contains("NA:") }
        #expect(after.contains("VOOR"), "the screen from before is back after \(how):\n\(after)")
        let status = after.firstMatch(of: try Regex("NA:([0-9]+)")).flatMap { Int(after[$0.range].dropFirst(3)) }
        #expect(status.map(expectStatus) == true, "exit status after \(how): \(String(describing: status))")
        #expect(Self.showsNoTUI(after), "TUI text left on screen after \(how):\n\(after)")
        let scrollback = s.capture(scrollback: true)
        #expect(Self.showsNoTUI(scrollback), "TUI text in the scrollback after \(how):\n\(scrollback)")
        for name in seen { #expect(!scrollback.contains(name), "\(name) was on screen and is in the scrollback after \(how)") }
        // The terminal is usable: raw mode off, the cursor visible.
        #expect(s.paneFlag("cursor_flag") == "1", "cursor visible after \(how)")
        #expect(s.paneFlag("alternate_on") == "0", "alternate screen left after \(how)")
    }

    @Test func quitRestoresTheTerminal() throws {
        try leave("q", { try $0.keys("q") }, expectStatus: { $0 == 0 })
    }

    @Test func sigtermRestoresTheTerminal() throws {
        try leave("SIGTERM", { s in
            let pid = try #require(s.schakelPID(), "the schakel process in the pane")
            #expect(kill(pid, SIGTERM) == 0)
        }, expectStatus: { $0 != 0 })
    }

    @Test func ctrlCQuitsCleanly() throws {
        try leave("Ctrl-C", { try $0.keys("C-c") }, expectStatus: { $0 == 0 || $0 == 130 })
    }

    @Test func ctrlCOnTheUnlockScreenQuitsCleanly() throws {
        let s = try Self.start(wrappedInShell: true)
        defer { s.kill() }
        try s.waitFor("the unlock screen") { $0.contains(Self.nl["unlock.passphrase"]!) }
        try s.type("half")
        try s.waitFor("masked input") { $0.contains("••••▏") }
        try s.keys("C-c")
        let after = try s.waitFor("the shell") { $0.contains("NA:") }
        #expect(after.contains("VOOR") && Self.showsNoTUI(after) && !after.contains("half"), "\(after)")
    }

    // MARK: 7. one Schakel per store

    @Test func secondInstanceOnTheSameStoreIsRefused() throws {
        let s = try Self.start()
        defer { s.kill() }
        try Self.unlock(s)
        // In a second tmux window, like a user opening another terminal.
        try s.newWindow(TmuxSession.shellWrapped(Self.schakelCommand()))
        let second = try s.waitFor("the refusal in window 1", window: 1) { $0.contains("NA:") }
        #expect(second.contains("in gebruik"), "a clear message:\n\(second)")
        #expect(second.contains("NA:3"), "exit status 3 (store in use):\n\(second)")
        #expect(second.contains("VOOR") && Self.showsNoTUI(second), "the second instance did not take over the screen:\n\(second)")
        #expect(s.paneFlag("alternate_on", window: 1) == "0")

        // Without a terminal: same status and message, and no terminal control sequences written.
        let direct = try SchakelBinary.run(["--store", Self.demoDir.path])
        #expect(direct.status == 3)
        #expect(direct.stderr.contains("in gebruik"))
        #expect(!direct.stdout.contains("\u{1b}") && !direct.stderr.contains("\u{1b}"))

        // The first instance is undisturbed.
        try s.keys("1")
        try s.waitFor("the first instance still responds") { $0.contains(Self.heading("intake.title")) }
    }

    @Test func secondInstanceStartedBeforeTheFirstUnlocksCannotUnlock() throws {
        // Both wait on the unlock screen (the store is only taken when unlocking).
        let s = try Self.start()
        defer { s.kill() }
        try s.newWindow(TmuxSession.shellWrapped(Self.schakelCommand()))
        try s.waitFor("the first unlock screen") { $0.contains(Self.nl["unlock.passphrase"]!) }
        try s.waitFor("the second unlock screen", window: 1) { $0.contains(Self.nl["unlock.passphrase"]!) }
        try Self.unlock(s)
        try s.type("demo", window: 1)
        try s.waitFor("masked input", window: 1) { $0.contains("••••▏") }
        try s.keys("Enter", window: 1)
        let refused = try s.waitFor("the refusal on the second unlock screen", window: 1) { $0.contains("in gebruik") }
        #expect(!refused.contains("MH-") && Self.familyNames(in: refused).isEmpty, "the second window shows no cases:\n\(refused)")
        // The first keeps working; Ctrl-C leaves the second cleanly.
        try s.keys("4")
        try s.waitFor("the first instance still responds") { $0.contains(Self.heading("maatjes.title")) }
        try s.keys("C-c", window: 1)
        let after = try s.waitFor("the second instance gone", window: 1) { $0.contains("NA:") }
        #expect(Self.showsNoTUI(after), "\(after)")
    }

    /// With a TERM that has no terminfo entry, Schakel names the problem and what to try.
    @Test
    func unknownTerminalTypeGivesAClearMessage() throws {
        let s = try TmuxSession(command: "env TERM=geen-bekende-terminal " + TmuxSession.shellWrapped(Self.schakelCommand()),
                                directory: Self.repoRoot)
        defer { s.kill() }
        let screen = try s.waitFor("the shell after the refusal") { $0.contains("NA:") }
        #expect(screen.contains("NA:1"))
        #expect(screen.contains("geen-bekende-terminal") || screen.contains("TERM"), "names the terminal type:\n\(screen)")
        #expect(!screen.contains("Onverwachte fout"), "\(screen)")
    }

    // MARK: 8. English

    @Test func englishWithLangFlag() throws {
        let s = try Self.start(["--lang", "en"])
        defer { s.kill() }
        let screen = try s.waitFor("the English unlock screen") { $0.contains("Passphrase") }
        #expect(!screen.contains(Self.nl["unlock.passphrase"]!))
        try s.type("demo")
        try s.keys("Enter")
        try s.waitFor("the English caseload") { $0.contains("My cases") && $0.contains("MH-") }
    }
}

// MARK: - the tmux driver

/// One private tmux server running one command in a 120×40 window.
struct TmuxSession {
    enum Failure: Error, CustomStringConvertible {
        case tmux(String)
        case timeout(String, screen: String)
        var description: String {
            switch self {
            case .tmux(let m): return "tmux failed: \(m)"
            case .timeout(let what, let screen): return "timed out waiting for \(what); the screen was:\n\(screen)"
            }
        }
    }

    static let executable: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        return (path.split(separator: ":").map(String.init) + ["/usr/bin", "/usr/local/bin"])
            .map { $0 + "/tmux" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static var isAvailable: Bool { executable != nil }

    let socket: String
    /// An empty XDG_CONFIG_HOME, so no developer's Schakel config takes part.
    let configHome: URL
    /// `env -u ... LANG=... TERM=... XDG_CONFIG_HOME=...`: the same clean environment for every window.
    let envPrefix: String
    let directory: URL
    private(set) var socketPath = ""

    /// Starts the server with `command` in a detached session.
    init(command: String, directory: URL, width: Int = 120, height: Int = 40) throws {
        socket = "schakel-e2e-\(getpid())-\(UUID().uuidString.prefix(8))"
        configHome = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-tmux-xdg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: configHome, withIntermediateDirectories: true)
        let assignments = [
            "LANG=C.UTF-8", "LC_ALL=C.UTF-8", "TERM=tmux-256color", "XDG_CONFIG_HOME=" + configHome.path,
            "SCHAKEL_TODAY=" + (SchakelBinary.baseEnvironment["SCHAKEL_TODAY"] ?? "2026-11-22"),
            "SCHAKEL_THEMES_DIR=" + directory.appendingPathComponent("Themes").path,
        ].map(Self.quote).joined(separator: " ")
        let unset = ["SCHAKEL_PASSPHRASE", "SCHAKEL_STORE", "SCHAKEL_LANG", "NO_COLOR", "SCHAKEL_NEW_PASSPHRASE"].map { "-u \($0)" }.joined(separator: " ")
        envPrefix = "env \(unset) \(assignments) "
        self.directory = directory
        try tmux(["new-session", "-d", "-x", "\(width)", "-y", "\(height)", "-c", directory.path, envPrefix + command])
        // Keep the pane (and its last screen) if the command exits, so it can still be read.
        try tmux(["set-option", "-g", "remain-on-exit", "on"])
        socketPath = try tmux(["display-message", "-p", "#{socket_path}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// `bash -c 'echo VOOR; COMMAND; echo NA:$?; sleep 60'`: shows what the terminal looks like afterwards.
    static func shellWrapped(_ command: String) -> String {
        "bash -c " + quote("echo VOOR; \(command); echo NA:$?; sleep 60")
    }

    static func quote(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs one tmux command and returns its standard output.
    ///
    /// Not with Foundation's `Process`: it learns that a child exited when a socket the child
    /// inherits is closed, and the tmux server that the first command daemonises inherits it
    /// too, so `waitUntilExit` would hang for as long as the server lives. Here tmux is
    /// spawned through bash, which first closes every descriptor above 2 and sends the output
    /// to files; we wait with `waitpid`.
    @discardableResult
    func tmux(_ args: [String]) throws -> String {
        let base = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-tmux-io-\(UUID().uuidString)")
        let outURL = base.appendingPathExtension("out"), errURL = base.appendingPathExtension("err")
        defer { try? FileManager.default.removeItem(at: outURL); try? FileManager.default.removeItem(at: errURL) }
        let script = #"for f in /proc/$$/fd/*; do n=${f##*/}; if [ "$n" -gt 2 ] && [ -e "$f" ]; then eval "exec $n>&-"; fi; done; "#
            + #"out=$1; err=$2; shift 2; exec "$0" "$@" >"$out" 2>"$err""#
        let argv = ["bash", "-c", script, Self.executable ?? "tmux", outURL.path, errURL.path, "-L", socket, "-f", "/dev/null"] + args
        var env = SchakelBinary.baseEnvironment
        env["TMUX"] = nil
        env["TMUX_PANE"] = nil
        let status = try Self.spawnAndWait("/bin/bash", argv, environment: env.map { "\($0.key)=\($0.value)" })
        let out = (try? String(contentsOf: outURL, encoding: .utf8)) ?? ""
        guard status == 0 else {
            let err = (try? String(contentsOf: errURL, encoding: .utf8)) ?? ""
            throw Failure.tmux("tmux \(args.joined(separator: " ")) (status \(status)): \(err)")
        }
        return out
    }

    /// posix_spawn + waitpid; standard input and output are /dev/null. Returns the exit status
    /// (128 + n after signal n).
    static func spawnAndWait(_ path: String, _ argv: [String], environment: [String]) throws -> Int32 {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let cArgv = argv.map { strdup($0) } + [nil]
        let cEnv = environment.map { strdup($0) } + [nil]
        defer { cArgv.forEach { free($0) }; cEnv.forEach { free($0) } }
        // The test runner's threads block most signals, and a spawned child inherits that
        // mask: reset it (and every handler), or tmux and Schakel would ignore SIGHUP and SIGTERM.
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t(), allSignals = sigset_t()
        sigemptyset(&noSignals)
        sigfillset(&allSignals)
        sigdelset(&allSignals, SIGKILL)
        sigdelset(&allSignals, SIGSTOP)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid: pid_t = 0
        let rc = posix_spawn(&pid, path, &actions, &attributes, cArgv, cEnv)
        guard rc == 0 else { throw Failure.tmux("posix_spawn \(path): error \(rc)") }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 {
            guard errno == EINTR else { throw Failure.tmux("waitpid: error \(errno)") }
        }
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }

    func target(_ window: Int) -> String { ":\(window).0" }

    /// Named keys: Enter, Escape, Tab, BTab, Down, C-c, F5 ...
    func keys(_ keys: String..., window: Int = 0) throws {
        try tmux(["send-keys", "-t", target(window)] + keys)
    }

    /// Literal text, typed one character after the other.
    func type(_ text: String, window: Int = 0) throws {
        try tmux(["send-keys", "-t", target(window), "-l", text])
    }

    func resize(width: Int, height: Int) throws {
        try tmux(["resize-window", "-t", ":0", "-x", "\(width)", "-y", "\(height)"])
    }

    func newWindow(_ command: String) throws {
        try tmux(["new-window", "-d", "-t", ":1", "-c", directory.path, envPrefix + command])
    }

    /// The visible screen (`escapes`: with SGR sequences; `scrollback`: the history too).
    func capture(escapes: Bool = false, scrollback: Bool = false, window: Int = 0) -> String {
        var args = ["capture-pane", "-p", "-t", target(window)]
        if escapes { args.append("-e") }
        if scrollback { args += ["-S", "-5000"] }
        return (try? tmux(args)) ?? ""
    }

    func paneFlag(_ name: String, window: Int = 0) -> String {
        ((try? tmux(["display-message", "-p", "-t", target(window), "#{\(name)}"])) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Polls the screen every 50 ms until `predicate` holds; throws with the last screen after
    /// `timeout` s (times SCHAKEL_TEST_TIME_SCALE under a sanitizer).
    @discardableResult
    func waitFor(_ what: String, timeout: TimeInterval = 10, window: Int = 0, _ predicate: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(TestTiming.allowance(timeout))
        var screen = capture(window: window)
        while !predicate(screen) {
            guard Date() < deadline else { throw Failure.timeout(what, screen: screen) }
            Thread.sleep(forTimeInterval: 0.05)
            screen = capture(window: window)
        }
        return screen
    }

    /// The `schakel` process running in the first pane (a descendant of the pane's process).
    func schakelPID() -> pid_t? {
        guard let root = pid_t(paneFlag("pane_pid")) else { return nil }
        return Self.descendants(of: root).first { Self.command(of: $0) == "schakel" }
    }

    static func descendants(of root: pid_t) -> [pid_t] {
        var parents: [pid_t: [pid_t]] = [:]
        for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
            guard let pid = pid_t(entry), let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
                  let close = stat.range(of: ")", options: .backwards) else { continue }
            let fields = stat[close.upperBound...].split(separator: " ")
            if fields.count > 1, let ppid = pid_t(fields[1]) { parents[ppid, default: []].append(pid) }
        }
        var result: [pid_t] = []
        var queue = [root]
        while let next = queue.popLast() {
            result.append(next)
            queue += parents[next] ?? []
        }
        return result
    }

    static func command(of pid: pid_t) -> String {
        ((try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Stops the server and waits until every process it ran is gone (so the store lock is free).
    func kill() {
        var pids: [pid_t] = []
        for window in [0, 1] {
            if let root = pid_t(paneFlag("pane_pid", window: window)) { pids += Self.descendants(of: root) }
        }
        _ = try? tmux(["kill-server"])
        func alive() -> [pid_t] { pids.filter { Glibc.kill($0, 0) == 0 && !Self.isZombie($0) } }
        let deadline = Date().addingTimeInterval(TestTiming.allowance(10))
        while Date() < deadline, !alive().isEmpty { Thread.sleep(forTimeInterval: 0.05) }
        for pid in alive() { Glibc.kill(pid, SIGKILL) }  // last resort: never leave a Schakel holding the store
        try? FileManager.default.removeItem(at: configHome)
        if socketPath.contains(socket) { try? FileManager.default.removeItem(atPath: socketPath) }
    }

    static func isZombie(_ pid: pid_t) -> Bool {
        guard let stat = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = stat.range(of: ")", options: .backwards) else { return true }
        return stat[close.upperBound...].split(separator: " ").first == "Z"
    }

    /// `word` occurs in `text` with no letter directly before or after it.
    static func containsWord(_ text: String, _ word: String) -> Bool {
        var searchRange = text.startIndex..<text.endIndex
        while let r = text.range(of: word, range: searchRange) {
            let before = r.lowerBound == text.startIndex ? nil : text[text.index(before: r.lowerBound)]
            let after = r.upperBound == text.endIndex ? nil : text[r.upperBound]
            if !(before?.isLetter ?? false) && !(after?.isLetter ?? false) { return true }
            searchRange = r.upperBound..<text.endIndex
        }
        return false
    }
}

/// A `capture-pane -e` screen with the SGR state (colours and attributes) of every character.
struct StyledScreen {
    struct Style: Hashable {
        var attributes: Set<Int> = []
        var foreground: String?
        var background: String?
    }

    private(set) var lines: [[(Character, Style)]] = []
    var text: String { lines.map { String($0.map(\.0)) }.joined(separator: "\n") }

    init(_ captured: String) {
        var style = Style()
        var line: [(Character, Style)] = []
        var chars = Array(captured)
        chars.append("\n")
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\u{1b}", i + 1 < chars.count, chars[i + 1] == "[" {
                var j = i + 2
                var params = ""
                while j < chars.count, !(chars[j].isLetter) { params.append(chars[j]); j += 1 }
                if j < chars.count, chars[j] == "m" { Self.apply(params, to: &style) }
                i = j + 1
                continue
            }
            if c == "\u{1b}" { i += 1; continue }
            if c == "\n" { lines.append(line); line = [] } else { line.append((c, style)) }
            i += 1
        }
        if lines.last?.isEmpty == true { lines.removeLast() }
    }

    static func apply(_ params: String, to style: inout Style) {
        let p = params.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) ?? 0 }
        var k = 0
        while k < p.count {
            let n = p[k]
            switch n {
            case 0: style = Style()
            case 1...9: style.attributes.insert(n)
            case 22: style.attributes.subtract([1, 2])
            case 23...29: style.attributes.remove(n - 20)
            case 30...37, 90...97: style.foreground = "\(n)"
            case 39: style.foreground = nil
            case 40...47, 100...107: style.background = "\(n)"
            case 49: style.background = nil
            case 38, 48:
                let count = (k + 1 < p.count && p[k + 1] == 2) ? 4 : 2
                let value = p[(k + 1)..<min(p.count, k + 1 + count)].map(String.init).joined(separator: ":")
                if n == 38 { style.foreground = value } else { style.background = value }
                k += count
            default: break
            }
            k += 1
        }
    }

    /// The style of the first character of the first occurrence of `needle` on screen.
    func style(atFirst needle: String) -> Style? {
        let target = Array(needle)
        for line in lines {
            let chars = line.map(\.0)
            guard chars.count >= target.count else { continue }
            for start in 0...(chars.count - target.count) where Array(chars[start..<(start + target.count)]) == target {
                return line[start].1
            }
        }
        return nil
    }
}
