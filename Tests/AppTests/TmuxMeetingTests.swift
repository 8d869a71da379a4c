import Foundation
import Testing
#if canImport(Glibc)
import Glibc
#endif

/// The casusoverleg's meeting mode end to end through the real binary in tmux, with a
/// follower window (`schakel follow`) for the projector in a second tmux window: the
/// follower follows the chair item by item, typed minutes never reach the projected screen,
/// the chair's window shows the private detail only while the projector points at the
/// follower (and falls back when the follower goes away), and ending the meeting (or the
/// chair's terminal closing) locks or stops the chair's window and releases the follower.
/// Synchronisation is by polling the screens, never by sleeping a fixed time.
///
/// Serialized: the tests share one demo store, and only one chair may hold it at a time.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: `make test` installs it (apt-get install tmux)"))
struct TmuxMeetingTests {
    /// Its own demo store (passphrase `demo`): these tests write minutes.
    static let demoDir: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-tmux-meeting-\(UUID().uuidString)")
        _ = try? SchakelBinary.run(["demo", "--store", dir.path, "--test-only-cheap-kdf"])
        atexit { try? FileManager.default.removeItem(at: TmuxMeetingTests.demoDir) }
        return dir
    }()

    static var beaconURL: URL { demoDir.appendingPathComponent("meeting-beacon") }
    static var followerURL: URL { demoDir.appendingPathComponent("meeting-follower") }

    /// A minutes line that must never be shown on the projector nor be readable on disk.
    static let sentinel = "Zqxminuut geheim"
    static let sentinelBytes = Data("Zqxminuut".utf8)

    /// A catalogue string with its placeholders filled in.
    static func t(_ key: String, _ args: CustomStringConvertible...) -> String {
        var s = TmuxTests.nl[key] ?? key
        for (i, a) in args.enumerated() { s = s.replacingOccurrences(of: "{\(i)}", with: a.description) }
        return s
    }

    static let waiting = t("follower.waiting")
    static let meetingTitle = TmuxTests.heading("meetingMode.title")
    static let opening = t("meetingCard.openingShort")
    static let projectorThis = t("meetingMode.projector.this")
    static let projectorFollower = t("meetingMode.projector.follower")
    static let chairOnly = t("meetingMode.chairOnly")
    /// "Geen volgvenster gevonden" (the refusal of `b` without a follower).
    static let noFollower = String(t("meetingMode.noFollower").prefix { $0 != ":" })
    /// The start of the chair's key hint (the full hint is cut at the window's edge).
    static let meetingHint = String(t("meetingMode.hint").prefix(20))
    /// "Punt {0} van {1}" as a pattern.
    static let itemPattern = try! Regex(t("meetingCard.position", "([0-9]+)", "([0-9]+)"))
    /// "Punt k van N".
    static func position(_ k: Int, of n: Int) -> String { t("meetingCard.position", k, n) }

    static func command(_ args: [String]) -> String {
        ([SchakelBinary.url.path] + args).map(TmuxSession.quote).joined(separator: " ")
    }

    /// A test that failed half-way may leave the meeting files behind (a follower that is
    /// killed leaves its sign of life): start every test from a store without a meeting running.
    static func clearMeetingFiles() {
        try? FileManager.default.removeItem(at: beaconURL)
        try? FileManager.default.removeItem(at: followerURL)
    }

    /// Types the demo passphrase on the unlock screen of `window`.
    static func unlock(_ s: TmuxSession, window: Int) throws {
        try s.waitFor("the unlock screen in window \(window)", window: window) { $0.contains(TmuxTests.nl["unlock.passphrase"]!) }
        try s.type("demo", window: window)
        try s.waitFor("four masked characters in window \(window)", window: window) { $0.contains("••••▏") }
        try s.keys("Enter", window: window)
    }

    /// The chair's Schakel in window 0, unlocked, on the caseload (the follower's window gets the same size).
    static func startChair(width: Int = 120, height: Int = 40) throws -> TmuxSession {
        #expect(FileManager.default.fileExists(atPath: demoDir.appendingPathComponent("schakel.sqlite").path), "the demo store was not created")
        clearMeetingFiles()
        let s = try TmuxSession(command: command(["--store", demoDir.path]), directory: TmuxTests.repoRoot, width: width, height: height)
        try unlock(s, window: 0)
        try s.waitFor("the caseload after unlocking") { $0.contains(TmuxTests.nl["caseload.view.mine"]!) && $0.contains("MH-") }
        return s
    }

    /// The follower in window 1, unlocked, waiting for the chair.
    static func startFollower(_ s: TmuxSession) throws -> String {
        try s.newWindow(command(["follow", "--store", demoDir.path]))
        try unlock(s, window: 1)
        return try s.waitFor("the follower waiting for the chair", window: 1) { $0.contains(waiting) }
    }

    /// `2` then `M`: meeting mode on the preselected (next planned) meeting, at its opening.
    @discardableResult
    static func startMeeting(_ s: TmuxSession) throws -> String {
        try s.keys("2")
        try s.waitFor("the casusoverleg pane") { $0.contains(TmuxTests.heading("meetings.title")) && $0.contains(t("meeting.gepland")) }
        try s.keys("M")
        return try s.waitFor("meeting mode at the opening") {
            $0.contains(meetingTitle) && $0.contains(opening) && $0.contains(projectorThis)
        }
    }

    /// `q`, then in the confirmation ← and Enter: the chair's window locks. A letter typed out
    /// of habit (`a` for an action item) does not answer the question: the dialog stays, and
    /// ← is handled after it, so seeing the focus move proves the `a` changed nothing.
    @discardableResult
    static func endMeeting(_ s: TmuxSession) throws -> String {
        try s.keys("q")
        try s.waitFor("the confirmation to end the meeting") { $0.contains(t("meetingMode.endTitle")) }
        try s.keys("a")
        try s.keys("Left")
        let focused = "[ " + t("meetingMode.endConfirm") + " ]"
        try s.waitFor("the focus on \(focused), the dialog still open") {
            $0.contains(focused) && $0.contains(t("meetingMode.endTitle")) && !$0.contains(t("unlock.meetingEnded"))
        }
        try s.keys("Enter")
        return try s.waitFor("the chair's window locked") { $0.contains(t("unlock.meetingEnded")) }
    }

    /// "Punt k van N" on a screen, as (k, N).
    static func item(in screen: String) -> (Int, Int)? {
        guard let m = screen.firstMatch(of: itemPattern),
              let k = Int(m.output[1].substring ?? ""), let n = Int(m.output[2].substring ?? "") else { return nil }
        return (k, n)
    }

    /// A whole frame of item `k` about one case: a capture can catch a frame half redrawn,
    /// with the new "Punt k van N" above the previous card (the opening's agenda and
    /// follow-ups list several codes).
    static func showsCaseItem(_ k: Int, _ screen: String) -> Bool {
        item(in: screen)?.0 == k && Set(TmuxTests.codes(in: screen)).count == 1 && !screen.contains(t("meetingCard.agenda"))
    }

    /// The client line in the chair's private section: "Voornaam Achternaam · geboren ...".
    static func clientName(in screen: String) -> String? {
        let lines = screen.split(separator: "\n").map(String.init)
        guard let i = lines.firstIndex(where: { $0.contains(chairOnly) }), i + 1 < lines.count else { return nil }
        let line = lines[i + 1].trimmingCharacters(in: CharacterSet(charactersIn: "│ "))
        guard let name = line.components(separatedBy: " · ").first, !name.isEmpty, name.contains(" ") else { return nil }
        return name
    }

    /// The regular files under the store's folder that contain `bytes`.
    static func filesContaining(_ bytes: Data) -> [String] {
        var hits: [String] = []
        guard let walk = FileManager.default.enumerator(at: demoDir, includingPropertiesForKeys: [.isRegularFileKey]) else { return ["(unreadable folder)"] }
        for case let url as URL in walk {
            guard (try? url.resourceValues(forKeys: [.isRegularFileKey]))?.isRegularFile == true else { continue }
            guard let data = try? Data(contentsOf: url) else { hits.append(url.lastPathComponent + " (unreadable)"); continue }
            if data.range(of: bytes) != nil { hits.append(url.lastPathComponent) }
        }
        return hits
    }

    // MARK: 1. the follower follows

    @Test func followerFollowsTheChairItemByItem() throws {
        let s = try Self.startChair()
        defer { s.kill() }
        let idle = try Self.startFollower(s)
        #expect(TmuxTests.codes(in: idle).isEmpty, "no case codes before the meeting starts:\n\(idle)")

        try Self.startMeeting(s)
        let opening = try s.waitFor("the follower at the opening", window: 1) { $0.contains(Self.opening) && !$0.contains(Self.waiting) }
        #expect(!opening.contains(Self.meetingTitle), "the follower is not the chair's window:\n\(opening)")
        #expect(FileManager.default.fileExists(atPath: Self.beaconURL.path), "the chair writes the beacon")
        let beacon = try Data(contentsOf: Self.beaconURL)
        #expect(beacon.range(of: Data("MH-".utf8)) == nil && beacon.range(of: Data("opening".utf8)) == nil, "the beacon is sealed")

        try s.keys("n")
        let chair1 = try s.waitFor("the chair on item 1, one case") { Self.showsCaseItem(1, $0) }
        let (_, count) = try #require(Self.item(in: chair1))
        let code1 = try #require(TmuxTests.codes(in: chair1).first)
        let follower1 = try s.waitFor("the follower on item 1 with only \(code1)", window: 1) {
            $0.contains(Self.position(1, of: count)) && Set(TmuxTests.codes(in: $0)) == [code1] && !$0.contains(Self.t("meetingCard.agenda"))
        }
        #expect(!follower1.contains(Self.chairOnly) && !follower1.contains(Self.t("meetingMode.minutesHeader", 0)))

        try s.keys("n")
        let chair2 = try s.waitFor("the chair on item 2") { Self.item(in: $0)?.0 == 2 && !$0.contains(code1) && Set(TmuxTests.codes(in: $0)).count <= 1 }
        let code2 = TmuxTests.codes(in: chair2)
        try s.waitFor("the follower on item 2 with \(code2)", window: 1) {
            $0.contains(Self.position(2, of: count)) && TmuxTests.codes(in: $0) == code2
        }

        try s.keys("p")
        try s.waitFor("the follower back on item 1", window: 1) { $0.contains(Self.position(1, of: count)) && $0.contains(code1) }
        try Self.endMeeting(s)
        try s.waitFor("the follower released", timeout: 3, window: 1) { $0.contains(Self.waiting) }
        try s.keys("q", window: 1)
    }

    // MARK: 2, 4, 5. minutes stay off the projector; ending; nothing readable left behind

    @Test func minutesNeverReachTheProjectorAndEndingReleasesTheFollower() throws {
        let s = try Self.startChair()
        defer { s.kill() }
        var followerScreens = [try Self.startFollower(s)]
        var chairScreens = [try Self.startMeeting(s)]
        try s.keys("n")
        chairScreens.append(try s.waitFor("the chair on item 1, one case") { Self.showsCaseItem(1, $0) })
        let code = try #require(TmuxTests.codes(in: chairScreens.last!).first)
        followerScreens.append(try s.waitFor("the follower on item 1", window: 1) { Self.showsCaseItem(1, $0) && $0.contains(code) })

        // Typing the minutes on a projected window: a count, never the text.
        try s.keys("m")
        try s.waitFor("the minutes prompt (hidden)") { $0.contains(Self.t("meetingMode.hint.minutes")) }
        try s.type(Self.sentinel)
        chairScreens.append(try s.waitFor("the hidden count of typed characters") {
            $0.contains(Self.t("meetingMode.typingHidden", Self.sentinel.count))
        })
        try s.keys("Enter")
        chairScreens.append(try s.waitFor("the line stored, hidden") {
            $0.contains(Self.t("meetingMode.minutesSaved")) && $0.contains(Self.t("meetingMode.hiddenSummary", 1, 0))
        })
        try s.keys("Escape")
        chairScreens.append(try s.waitFor("typing stopped") { $0.contains(Self.meetingHint) && $0.contains(Self.t("meetingMode.hiddenSummary", 1, 0)) })
        for screen in chairScreens {
            #expect(!screen.contains("Zqxminuut"), "the projected chair's window shows the minutes:\n\(screen)")
            #expect(!screen.contains(Self.chairOnly), "the projected chair's window shows the private section:\n\(screen)")
        }
        followerScreens.append(s.capture(window: 1))

        // The projector to the follower: the chair's window shows everything.
        try s.keys("b")
        // The status line is drawn last (lowest): once it shows, the whole frame is there.
        let chairPrivate = try s.waitFor("the chair's private window") {
            $0.contains(Self.t("meetingMode.projectFollower")) && $0.contains(Self.projectorFollower) && Self.clientName(in: $0) != nil
        }
        let header = Self.t("meetingMode.minutesHeader", 1)
        let lines = chairPrivate.split(separator: "\n").map(String.init)
        let minutesAt = try #require(lines.firstIndex { $0.contains(header) }, "the minutes section:\n\(chairPrivate)")
        #expect(lines.dropFirst(minutesAt + 1).first?.contains(Self.sentinel) == true, "the line under \(header):\n\(chairPrivate)")
        let client = try #require(Self.clientName(in: chairPrivate))
        let family = try #require(client.split(separator: " ").last.map(String.init))
        for screen in chairScreens {
            #expect(!TmuxSession.containsWord(screen, family), "\(family) was on the projected chair's window:\n\(screen)")
        }
        followerScreens.append(try s.waitFor("the follower still on item 1", window: 1) { $0.contains(code) })

        // And back: the minutes disappear from the chair's window.
        try s.keys("b")
        let chairBack = try s.waitFor("the chair projected again") { $0.contains(Self.t("meetingMode.projectThis")) && $0.contains(Self.projectorThis) }
        #expect(!chairBack.contains(Self.chairOnly), "\(chairBack)")
        #expect(!chairBack.contains("Zqxminuut"), "\(chairBack)")
        #expect(!TmuxSession.containsWord(chairBack, family), "\(chairBack)")
        #expect(chairBack.contains(Self.t("meetingMode.hiddenSummary", 1, 0)), "\(chairBack)")

        // Ending: the chair locks, the follower waits again, the beacon is gone.
        #expect(FileManager.default.fileExists(atPath: Self.beaconURL.path))
        let locked = try Self.endMeeting(s)
        #expect(!FileManager.default.fileExists(atPath: Self.beaconURL.path), "meeting-beacon is removed when the meeting ends")
        #expect(locked.contains(TmuxTests.nl["unlock.passphrase"]!) && TmuxTests.codes(in: locked).isEmpty, "\(locked)")
        #expect(!locked.contains("Zqxminuut") && !TmuxSession.containsWord(locked, family), "\(locked)")
        followerScreens.append(try s.waitFor("the follower released within 3 s", timeout: 3, window: 1) { $0.contains(Self.waiting) })
        #expect(!s.capture(window: 1).contains(code))

        // Nothing readable left: the minutes are nowhere in the store's folder in plain text,
        // and the follower never showed the client's name, not even in its scrollback.
        #expect(Self.filesContaining(Self.sentinelBytes).isEmpty, "the minutes in plain text in \(Self.filesContaining(Self.sentinelBytes))")
        #expect(Self.filesContaining(Data(client.utf8)).isEmpty, "\(client) in plain text in \(Self.filesContaining(Data(client.utf8)))")
        followerScreens.append((try? s.tmux(["capture-pane", "-p", "-t", s.target(1), "-S", "-1000"])) ?? "")
        for screen in followerScreens {
            #expect(!screen.contains("Zqxminuut"), "the follower showed the minutes:\n\(screen)")
            #expect(!TmuxSession.containsWord(screen, family), "the follower showed \(family):\n\(screen)")
            #expect(!screen.contains(Self.chairOnly), "\(screen)")
        }
        try s.keys("q", window: 1)
        try s.waitFor("the follower's sign of life removed", timeout: 3) { _ in !FileManager.default.fileExists(atPath: Self.followerURL.path) }
        s.kill()
        #expect(Self.filesContaining(Self.sentinelBytes).isEmpty, "after quitting: \(Self.filesContaining(Self.sentinelBytes))")
    }

    // MARK: 3. no follower, no private window

    @Test func projectorSwitchIsRefusedWithoutAFollower() throws {
        let s = try Self.startChair()
        defer { s.kill() }
        let opening = try Self.startMeeting(s)
        #expect(opening.contains(Self.projectorThis + " · " + Self.t("meetingMode.noFollowerShort")), "\(opening)")
        try s.keys("n")
        try s.waitFor("the chair on item 1") { Self.item(in: $0)?.0 == 1 }
        try s.keys("b")
        let refused = try s.waitFor("the refusal") { $0.contains(Self.noFollower) }
        #expect(refused.contains(Self.projectorThis), "\(refused)")
        #expect(!refused.contains(Self.projectorFollower) && !refused.contains(Self.chairOnly), "\(refused)")
        // Neither does the case detail open on a projected window.
        try s.keys("i")
        try s.waitFor("the case detail refused") { $0.contains(Self.t("meetingMode.caseOnProjector")) }
        let locked = try Self.endMeeting(s)
        #expect(TmuxTests.codes(in: locked).isEmpty)
        #expect(!FileManager.default.fileExists(atPath: Self.beaconURL.path))
    }

    // MARK: the follower goes away while the projector points at it

    /// The follower is closed with `q` (in a small window): it removes its sign of life, and
    /// the chair, which looks about once a second, is back on the safe view at once.
    @Test func chairFallsBackToTheSafeViewWhenTheFollowerQuits() throws {
        try followerGoesAway(width: 100, height: 30, within: 5) { s in try s.keys("q", window: 1) }
    }

    /// The follower's terminal is closed (SIGHUP): its last sign of life stays on disk, and
    /// counts for 6 s by the wall clock (also with a pinned SCHAKEL_TODAY), so the chair's
    /// private view ends within about 7 s.
    @Test func chairFallsBackToTheSafeViewWhenTheFollowerIsKilled() throws {
        try followerGoesAway(width: 120, height: 40, within: 10) { s in
            let root = try #require(pid_t(s.paneFlag("pane_pid", window: 1)), "the follower's pane")
            let pid = try #require(TmuxSession.descendants(of: root).first { TmuxSession.command(of: $0) == "schakel" }, "the follower's process")
            #expect(kill(pid, SIGHUP) == 0)
        }
    }

    func followerGoesAway(width: Int, height: Int, within timeout: TimeInterval, _ leave: (TmuxSession) throws -> Void) throws {
        let s = try Self.startChair(width: width, height: height)
        defer { s.kill() }
        _ = try Self.startFollower(s)
        try Self.startMeeting(s)
        try s.keys("n")
        try s.waitFor("the chair on item 1") { Self.item(in: $0)?.0 == 1 }
        try s.keys("b")
        try s.waitFor("the chair's private window") {
            $0.contains(Self.t("meetingMode.projectFollower")) && $0.contains(Self.chairOnly) && Self.clientName(in: $0) != nil
        }
        try leave(s)
        let fallback = try s.waitFor("the chair back on the safe view", timeout: timeout) {
            $0.contains(Self.t("meetingMode.followerLost")) && $0.contains(Self.projectorThis)
        }
        #expect(!fallback.contains(Self.chairOnly), "\(fallback)")
        #expect(fallback.contains(Self.t("meetingMode.noFollowerShort")), "\(fallback)")
        try s.keys("b")
        try s.waitFor("the refusal") { $0.contains(Self.noFollower) }
        try Self.endMeeting(s)
        #expect(!FileManager.default.fileExists(atPath: Self.beaconURL.path))
    }

    // MARK: the chair's terminal closes mid-meeting

    /// Closing the chair's terminal (SIGHUP) removes the beacon, so the projector stops
    /// showing the item at once instead of when the beacon goes stale (20 s).
    @Test func closingTheChairsTerminalReleasesTheFollower() throws {
        let s = try Self.startChair()
        defer { s.kill() }
        _ = try Self.startFollower(s)
        try Self.startMeeting(s)
        try s.keys("n")
        try s.waitFor("the follower on item 1", window: 1) { Self.showsCaseItem(1, $0) }
        let pid = try #require(s.schakelPID(), "the chair's schakel process")
        #expect(kill(pid, SIGHUP) == 0)
        try s.waitFor("the beacon removed", timeout: 3) { _ in !FileManager.default.fileExists(atPath: Self.beaconURL.path) }
        let released = try s.waitFor("the follower released within 3 s", timeout: 3, window: 1) { $0.contains(Self.waiting) }
        #expect(TmuxTests.codes(in: released).isEmpty, "\(released)")
        try s.keys("q", window: 1)
    }
}
