import Foundation
import Testing
import Core

/// The caseload end to end through the real binary in tmux: the worklist, a case detail,
/// logging a contact, recording a rejected placement and opening a document through the
/// memory-backed folder with a stand-in viewer. Checked afterwards in the store.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: `make test` installs it (apt-get install tmux)"))
struct TmuxCaseloadTests {
    static let demoDir: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-tmux-caseload-\(UUID().uuidString)")
        _ = try? SchakelBinary.run(["demo", "--store", dir.path, "--test-only-cheap-kdf"])
        atexit { try? FileManager.default.removeItem(at: TmuxCaseloadTests.demoDir) }
        return dir
    }()

    /// A config whose viewer copies the file it is given to a marker path, so the test can
    /// see that the viewer got the plaintext and that the temporary file is gone afterwards.
    static let configHome: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-tmux-config-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir.appendingPathComponent("schakel"), withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: TmuxCaseloadTests.configHome) }
        return dir
    }()
    static var viewerLog: URL { configHome.appendingPathComponent("viewer.log") }

    static func start() throws -> TmuxSession {
        let viewer = configHome.appendingPathComponent("viewer.sh")
        try "#!/bin/sh\necho \"$1\" >> \(viewerLog.path)\ncat \"$1\" >> \(viewerLog.path)\n".write(to: viewer, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o700], ofItemAtPath: viewer.path)
        try "viewer = \(viewer.path)\n".write(to: configHome.appendingPathComponent("schakel/config"), atomically: true, encoding: .utf8)
        let cmd = "XDG_CONFIG_HOME=" + TmuxSession.quote(configHome.path) + " "
            + ([SchakelBinary.url.path, "--store", demoDir.path]).map(TmuxSession.quote).joined(separator: " ")
        let s = try TmuxSession(command: cmd, directory: TmuxTests.repoRoot)
        try s.waitFor("the unlock screen") { $0.contains(TmuxTests.nl["unlock.passphrase"]!) }
        try s.type("demo")
        try s.keys("Enter")
        try s.waitFor("the caseload") { $0.contains(TmuxTests.nl["caseload.view.mine"]!) && $0.contains("MH-") }
        return s
    }

    @Test func worklistDetailContactRejectionAndDocument() throws {
        let s = try Self.start()
        defer { s.kill() }
        try s.keys("w")
        try s.waitFor("the worklist") { $0.contains("Werklijst · Mijn casussen") }
        let screen = s.capture()
        let code = try #require(TmuxTests.codes(in: screen).first)
        try s.keys("Enter")
        try s.waitFor("the case detail") { $0.contains("[Overzicht]") && $0.contains(code) }
        // Log a contact.
        try s.keys("c", "Tab", "Tab")
        try s.type("Gebeld vanuit tmux.")
        try s.keys("Enter")
        try s.waitFor("the contact saved") { $0.contains("Vastgelegd: Contact met cliënt.") }
        // Record a rejected placement on the Plaatsingen tab.
        try s.keys("Right", "Right", "Right", "Right")
        try s.waitFor("the placements tab") { $0.contains("[Plaatsingen]") }
        try s.keys("a", "Tab", "Right", "Tab", "Right", "Tab", "Tab", "Right", "Enter")
        try s.waitFor("the rejection saved") { $0.contains("Afwijzing door") }
        try s.keys("Escape")
        try s.waitFor("the pane again") { $0.contains("Werklijst · Mijn casussen") && !$0.contains("[Plaatsingen]") }
        try s.keys("q")

        let store = try Store.open(at: StoreLocation(directory: Self.demoDir), passphrase: "demo", mode: .read)
        defer { store.close() }
        let caseCode = try #require(CaseCode(code))
        let id = try #require(try store.caseID(code: caseCode))
        let file = try store.caseFile(id)
        #expect(file.notes.values.contains { $0.text == "Gebeld vanuit tmux." && $0.kind == "contact" })
        // The program runs with the pinned SCHAKEL_TODAY, not the wall clock's date.
        let today = try #require(CalendarDate(parsing: SchakelBinary.baseEnvironment["SCHAKEL_TODAY"] ?? ""))
        #expect(file.placementAttempts.values.contains { !$0.accepted && $0.on == today })
    }

    @Test func documentOpensThroughAMemoryFolderThatIsRemoved() throws {
        // A case with a document in the demo.
        let store = try Store.open(at: StoreLocation(directory: Self.demoDir), passphrase: "demo", mode: .read)
        let withDoc = try store.summaries().filter { $0.phase.isActive }.first { (try? store.caseFile($0.id).documents.isEmpty == false) ?? false }
        store.close()
        let target = try #require(withDoc)
        let s = try Self.start()
        defer { s.kill() }
        try s.keys("v", "v")
        try s.waitFor("the team view") { $0.contains(TmuxTests.nl["caseload.view.team"]!) }
        try s.keys("/")
        try s.type(target.code.description)
        try s.keys("Enter", "Enter")
        try s.waitFor("the case detail") { $0.contains("[Overzicht]") && $0.contains(target.code.description) }
        try s.keys("Right", "Right", "Right", "Right", "Right")
        try s.waitFor("the documents tab") { $0.contains("[Documenten]") }
        try s.keys("j", "o")
        try s.waitFor("the viewer started") { $0.contains("geopend in de viewer") }
        let deadline = Date().addingTimeInterval(TestTiming.allowance(10))
        var log = ""
        while Date() < deadline {
            log = (try? String(contentsOf: Self.viewerLog, encoding: .utf8)) ?? ""
            if log.contains("DEMO") { break }
            usleep(100_000)
        }
        #expect(log.contains("DEMO — synthetische"))
        let path = try #require(log.split(separator: "\n").first.map(String.init))
        #expect(path.hasPrefix("/dev/shm/") || path.hasPrefix(ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"] ?? "/dev/shm/"))
        // The viewer exited: its file and folder are gone.
        let gone = Date().addingTimeInterval(TestTiming.allowance(10))
        while FileManager.default.fileExists(atPath: path) && Date() < gone { usleep(100_000) }
        #expect(!FileManager.default.fileExists(atPath: path))
        #expect(!FileManager.default.fileExists(atPath: URL(fileURLWithPath: path).deletingLastPathComponent().path))
        try s.keys("Escape", "q")
    }
}
