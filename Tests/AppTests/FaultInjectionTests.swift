import Foundation
import Testing
import Core
#if canImport(Glibc)
import Glibc
#endif

/// Fault injection against the real `schakel` binary (docs/FAULTS.md): a full disk during
/// writes, during a bundle import and under the full-screen interface; a read-only store; a
/// truncated or damaged database file and WAL; `kill -9` at random points of a long session.
/// Each time: the store stays consistent (`schakel check` passes, or a damaged file is refused
/// as damaged), the user reads a message from the catalogue (no crash report, no bare SQLite
/// code), and every write that was acknowledged is still there afterwards.
@Suite(.serialized) struct FaultInjectionTests {
    static let passphrase = "correct horse battery staple"

    // MARK: the full disk (LD_PRELOAD shim, Tests/FaultShim/schakel-diskfull.c)

    @Test func diskFullDuringWritesKeepsEveryAcknowledgedWrite() throws {
        let dir = try Fixture.store(cases: 2)
        defer { Fixture.remove(dir) }
        let code = try #require(try Fixture.codes(dir).first)
        var acknowledged: [Int] = []
        var diskFullSeen = 0
        // From "no room to open the WAL index" to "room for a few notes": the disk fills up
        // at a different moment each time, also in the middle of writing a transaction.
        for (round, free) in [0, 9_000, 30_000, 36_000, 45_000, 70_000, 130_000, 200_000].enumerated() {
            let start = (round + 1) * 1000
            let r = try Fixture.run(["dev", "stress-write", code, "--store", dir.path, "--start", "\(start)", "--count", "100000"],
                                    passphrase: Self.passphrase, env: try DiskFull.env(dir: dir, free: free))
            acknowledged += r.stdout.split(separator: "\n").compactMap { $0.hasPrefix("ack ") ? Int($0.dropFirst(4)) : nil }
            #expect(r.status == 1, "free \(free): the writer must stop when the disk is full (\(r.stderr))")
            Fixture.expectClearMessage(r, allowed: ["error.diskFull", "error.io"])
            if r.stderr.contains(L10n.t("error.diskFull")) { diskFullSeen += 1 }
            try Fixture.expectCheckPasses(dir)
        }
        #expect(diskFullSeen >= 4, "most rounds end in SQLite's own disk-full error")
        #expect(acknowledged.count >= 3, "some rounds had room for a write or more")
        // Even the error message cannot be written when standard error is a file on the full
        // disk: the command still ends with its exit status, not with a crash report.
        let errFile = dir.appendingPathComponent("stderr.txt")
        let quiet = try Fixture.runToFile(["case", "note", code, "--store", dir.path], stderr: errFile, stdin: "niet bewaard",
                                          env: try DiskFull.env(dir: dir, free: 0))
        #expect(quiet == 1, "exit status \(quiet) with standard error on the full disk")
        try? FileManager.default.removeItem(at: errFile)
        // Room again: writing works and nothing acknowledged went missing.
        let after = try Fixture.run(["case", "note", code, "--store", dir.path], passphrase: Self.passphrase, stdin: "na de volle schijf")
        #expect(after.status == 0, "\(after.stderr)")
        let notes = try Fixture.noteTexts(dir, code: code)
        for n in acknowledged { #expect(notes.contains("stress \(n)"), "ack \(n) lost") }
        #expect(notes.contains("na de volle schijf"))
    }

    @Test func diskFullDuringInitLeavesNoHalfMadeStore() throws {
        let parent = Fixture.base.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: parent, withIntermediateDirectories: true)
        defer { Fixture.remove(parent) }
        let dir = parent.appendingPathComponent("opslag")
        let args = ["init", "--store", dir.path, "--name", "Toets Gebruiker", "--test-only-cheap-kdf"]
        for free in [0, 20_000, 60_000, 120_000] {
            let r = try Fixture.run(args, passphrase: Self.passphrase, env: try DiskFull.env(dir: parent, free: free))
            #expect(r.status == 1, "free \(free): \(r.stdout)")
            Fixture.expectClearMessage(r, allowed: ["error.diskFull", "error.io"], context: "free \(free)")
            // Nothing is left that would later be refused as a damaged store or block a new init.
            #expect(!FileManager.default.fileExists(atPath: dir.path), "free \(free): a half-made store was left behind")
        }
        let made = try Fixture.run(args, passphrase: Self.passphrase)
        #expect(made.status == 0, "\(made.stderr)")
        try Fixture.expectCheckPasses(dir)
    }

    @Test func diskFullDuringBundleImportLeavesTheStoreConsistentAndImportCompletesLater() throws {
        let (a, b, dir) = try Fixture.peers(cases: 24)
        defer { Fixture.remove(dir) }
        let bundle = dir.appendingPathComponent("alles.schakel").path
        let exported = try Fixture.run(["bundle", "export", "--to", try Fixture.device(b), "--out", bundle, "--store", a.path],
                                       passphrase: Self.passphrase)
        #expect(exported.status == 0, "\(exported.stderr)")
        var failures = 0
        for free in [0, 40_000, 120_000, 260_000] {
            let r = try Fixture.run(["bundle", "import", bundle, "--store", b.path], passphrase: Self.passphrase,
                                    env: try DiskFull.env(dir: b, free: free))
            if r.status != 0 {
                failures += 1
                Fixture.expectClearMessage(r, allowed: ["error.diskFull", "error.io"])
            }
            try Fixture.expectCheckPasses(b)
        }
        #expect(failures >= 3, "the import needs more room than most of these disks have")
        let again = try Fixture.run(["bundle", "import", bundle, "--store", b.path], passphrase: Self.passphrase)
        #expect(again.status == 0, "\(again.stderr)")
        let twice = try Fixture.run(["bundle", "import", bundle, "--store", b.path], passphrase: Self.passphrase)
        #expect(twice.status == 0 && twice.stdout.contains("al eerder ingelezen"), "\(twice.stdout)\(twice.stderr)")
        #expect(Set(try Fixture.codes(b)) == Set(try Fixture.codes(a)))
        try Fixture.expectCheckPasses(b)
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed: `make test` installs it (apt-get install tmux)"))
    func diskFullUnderTheFullScreenInterfaceIsSaidAndSavedWorkSurvivesAKill() throws {
        let dir = try Fixture.store(cases: 3)
        defer { Fixture.remove(dir) }
        let full = dir.deletingLastPathComponent().appendingPathComponent("\(dir.lastPathComponent).full")
        defer { try? FileManager.default.removeItem(at: full) }
        let env = try DiskFull.env(dir: dir, free: nil, fullWhen: full)
        let cmd = env.sorted { $0.key < $1.key }.map { TmuxSession.quote("\($0.key)=\($0.value)") }.joined(separator: " ") + " "
            + [SchakelBinary.url.path, "--store", dir.path].map(TmuxSession.quote).joined(separator: " ")
        let s = try TmuxSession(command: cmd, directory: TmuxTests.repoRoot)
        defer { s.kill() }
        try s.waitFor("the unlock screen") { $0.contains(TmuxTests.nl["unlock.passphrase"]!) }
        try s.type(Self.passphrase)
        try s.keys("Enter")
        try s.waitFor("the caseload") { $0.contains(TmuxTests.nl["caseload.view.mine"]!) && $0.contains("MH-") }
        try s.keys("w")
        try s.waitFor("the worklist") { $0.contains("Werklijst") && $0.contains("MH-") }
        let code = try #require(TmuxTests.codes(in: s.capture()).first)
        try s.keys("Enter")
        try s.waitFor("the case detail") { $0.contains("[Overzicht]") && $0.contains(code) }
        let form = "Vastleggen · " + code, saved = "Vastgelegd: Contact met cliënt."
        func logContact(_ text: String) throws {
            try s.keys("c")
            try s.waitFor("the contact form") { $0.contains(form) }
            try s.keys("Tab", "Tab")
            try s.type(text)
            try s.keys("Enter")
        }
        try logContact("Eerste contact.")
        try s.waitFor("the first contact saved") { !$0.contains(form) && $0.contains(saved) }
        // The disk fills up: the next save is refused with the reason, and the program goes on.
        FileManager.default.createFile(atPath: full.path, contents: Data())
        try logContact("Tweede contact.")
        let refused = try s.waitFor("the disk-full message") {
            $0.contains(Self.prefix(of: "error.diskFull")) || $0.contains(Self.prefix(of: "error.io"))
        }
        #expect(!refused.contains("Fatal error") && !refused.contains("crashed"))
        #expect(refused.contains("Tweede contact."), "the form keeps what was typed")
        #expect(!(try Fixture.noteTexts(dir, code: code)).contains("Tweede contact."), "a refused save is not in the store")
        // Room again: the same form saves on a second try. Then one more, and the process is killed.
        try FileManager.default.removeItem(at: full)
        try s.keys("Enter")
        try s.waitFor("the second contact saved") { !$0.contains(form) && $0.contains(saved) }
        try logContact("Derde contact.")
        try s.waitFor("the third contact saved") { !$0.contains(form) && $0.contains(saved) }
        let pid = try #require(s.schakelPID())
        kill(pid, SIGKILL)
        try s.waitFor("the killed program's pane") { _ in s.paneFlag("pane_dead") == "1" }
        try Fixture.expectCheckPasses(dir)
        let notes = try Fixture.noteTexts(dir, code: code)
        for text in ["Eerste contact.", "Tweede contact.", "Derde contact."] { #expect(notes.contains(text), "\(text) lost") }
    }

    /// The first words of a catalogue message (up to its first placeholder or semicolon),
    /// as they show on a screen that may wrap the rest.
    static func prefix(of key: String) -> String {
        let m = L10n.t(key)
        return String(m.prefix { $0 != ";" && $0 != "(" && $0 != "{" }).trimmingCharacters(in: .whitespaces)
    }

    // MARK: a read-only store

    @Test func readOnlyStoreRefusesWritesClearlyAndStillReads() throws {
        // The last process wrote, so its close left an empty WAL: reading must not need to write.
        let (dir, code) = try Fixture.storeLastWritten(cases: 2)
        defer { Fixture.remove(dir) }
        var tried = 0
        for way in ReadOnly.ways() {
            guard let runner = try way.make(dir) else { continue }
            defer { runner.undo() }
            tried += 1
            let note = try runner.run(["case", "note", code, "--store", runner.path], stdin: "op een alleen-lezen map")
            #expect(note.status == 1, "\(way.name): \(note.stdout)")
            Fixture.expectClearMessage(note, allowed: ["error.readOnlyStore"], context: way.name)
            // Lists and checks still work: they only read.
            let list = try runner.run(["case", "list", "--all", "--store", runner.path])
            #expect(list.status == 0 && list.stdout.contains(code), "\(way.name): \(list.stderr)")
            let check = try runner.run(["check", "--store", runner.path])
            #expect(check.status == 0, "\(way.name): \(check.stdout)\(check.stderr)")
            // Opening a case must be recorded in the audit log; it cannot be, so nothing is shown.
            let show = try runner.run(["case", "show", code, "--store", runner.path])
            #expect(show.status == 1, "\(way.name): \(show.stdout)")
            #expect(!show.stdout.contains(code), "\(way.name): a case shown without its audit entry")
            Fixture.expectClearMessage(show, allowed: ["error.auditReadOnly"], context: way.name)
        }
        #expect(tried >= 1, "no way to make a read-only store here: \(ReadOnly.ways().map(\.name))")
        try Fixture.expectCheckPasses(dir)
        let notes = try Fixture.noteTexts(dir, code: code)
        #expect(notes.contains("laatste schrijver") && !notes.contains("op een alleen-lezen map"))
    }

    // MARK: a damaged database file or WAL

    @Test func truncatedOrDamagedDatabaseFileIsRefusedAsDamaged() throws {
        // The last command wrote, so the WAL is empty: what is damaged is what SQLite reads.
        // (After a reading command, the WAL may hold a fresh copy of page 1 that hides a damaged
        // header until the next checkpoint writes it back over the damage.)
        let (original, code) = try Fixture.storeLastWritten(cases: 3)
        defer { Fixture.remove(original) }
        let db = "schakel.sqlite"
        let size = try Fixture.size(original.appendingPathComponent(db))
        #expect(size > 16 * 4096, "the database file holds the data after a clean exit (the WAL is folded back)")
        let damages: [(String, (URL) throws -> Void)] = [
            ("empty file", { try Fixture.truncate($0.appendingPathComponent(db), to: 0) }),
            ("cut after 100 bytes", { try Fixture.truncate($0.appendingPathComponent(db), to: 100) }),
            ("cut in half", { try Fixture.truncate($0.appendingPathComponent(db), to: size / 2) }),
            ("garbage header", { try Fixture.overwrite($0.appendingPathComponent(db), at: 0, count: 100, seed: 1) }),
        ]
        for (name, damage) in damages {
            let dir = try Fixture.copy(original)
            defer { Fixture.remove(dir) }
            try damage(dir)
            for args in [["case", "list", "--all"], ["check"], ["case", "note", code]] {
                let r = try Fixture.run(args + ["--store", dir.path], passphrase: Self.passphrase, stdin: "na de schade")
                #expect(r.status != 0, "\(name), \(args[0]): a damaged store must not look fine")
                Fixture.expectClearMessage(r, allowed: ["error.storeCorrupt"], context: "\(name), \(args.joined(separator: " "))")
            }
        }
        // Damage inside the file (pages of data): `check` finds it and says so, nothing crashes.
        let dir = try Fixture.copy(original)
        defer { Fixture.remove(dir) }
        try Fixture.overwrite(dir.appendingPathComponent(db), at: size / 2, count: 3 * 4096, seed: 2)
        let check = try Fixture.run(["check", "--store", dir.path], passphrase: Self.passphrase)
        #expect(check.status != 0, "check must notice damaged pages: \(check.stdout)")
        Fixture.expectNoCrash(check, context: "damaged pages")
        let note = try Fixture.run(["case", "note", code, "--store", dir.path], passphrase: Self.passphrase, stdin: "x")
        Fixture.expectNoCrash(note, context: "damaged pages, note")
    }

    @Test func damagedOrMissingWALAfterACleanExitLosesNothing() throws {
        let original = try Fixture.store(cases: 2)
        defer { Fixture.remove(original) }
        let code = try #require(try Fixture.codes(original).first)
        for i in 1...3 {
            let r = try Fixture.run(["case", "note", code, "--store", original.path], passphrase: Self.passphrase, stdin: "bewaard \(i)")
            #expect(r.status == 0, "\(r.stderr)")
        }
        let wal = "schakel.sqlite-wal", shm = "schakel.sqlite-shm"
        let damages: [(String, (URL) throws -> Void)] = [
            ("WAL removed", { dir in
                for f in [wal, shm] { try? FileManager.default.removeItem(at: dir.appendingPathComponent(f)) }
            }),
            ("WAL garbage", { dir in
                let url = dir.appendingPathComponent(wal)
                FileManager.default.createFile(atPath: url.path, contents: Fixture.noise(count: 64 * 1024, seed: 3))
            }),
            ("WAL index garbage", { dir in
                try Fixture.overwrite(dir.appendingPathComponent(shm), at: 0, count: 8192, seed: 4)
            }),
        ]
        for (name, damage) in damages {
            let dir = try Fixture.copy(original)
            defer { Fixture.remove(dir) }
            try damage(dir)
            try Fixture.expectCheckPasses(dir, context: name)
            let notes = try Fixture.noteTexts(dir, code: code)
            for i in 1...3 { #expect(notes.contains("bewaard \(i)"), "\(name): an acknowledged note lost") }
        }
    }

    @Test func walCutShortAfterACrashLeavesAConsistentStore() throws {
        // A killed writer leaves its commits in the WAL. A WAL cut short at any point (a disk
        // that lost the tail) must still open as a consistent store: SQLite ignores frames
        // after the last whole commit, and the hash chains agree with what is left.
        let original = try Fixture.store(cases: 2)
        defer { Fixture.remove(original) }
        let code = try #require(try Fixture.codes(original).first)
        let wal = original.appendingPathComponent("schakel.sqlite-wal")
        // Killed before SQLite's automatic checkpoint (at 1000 pages, ~4 MB) copies frames into
        // the database file: after one, the file already holds pages of later commits, and a
        // WAL cut below them is physical damage (docs/FAULTS.md), not a lost tail. On a fast
        // machine 1.5 s of writing passed that point; the kill now follows the WAL's size.
        let writer = try Fixture.runKilled(["dev", "stress-write", code, "--count", "100000", "--store", original.path],
                                           passphrase: Self.passphrase, stdin: nil, env: [:], killAfter: 30 * TestTiming.scale,
                                           killWhen: { ((try? Fixture.size(wal)) ?? 0) > 1024 * 1024 })
        #expect(writer.killed)
        let walSize = try Fixture.size(wal)
        #expect(walSize > 32 * 1024, "the killed writer's commits are in the WAL")
        var rng = SeededRandom(seed: 10)
        for cut in [32, 4096 + 100, walSize / 3, walSize / 2, walSize - 5] + (0..<3).map({ _ in Int.random(in: 32..<walSize, using: &rng) }) {
            let dir = try Fixture.copy(original)
            defer { Fixture.remove(dir) }
            try Fixture.truncate(dir.appendingPathComponent("schakel.sqlite-wal"), to: cut)
            try Fixture.expectCheckPasses(dir, context: "WAL cut at \(cut) of \(walSize)")
        }
    }

    // MARK: kill -9 at random points of a long session

    /// One session: a fixed list of commands (notes, CoMensha status, a caseload import, a
    /// passphrase change), each started and, at a random moment drawn from the seed, killed
    /// with SIGKILL unless it finished first. After every kill the store must open and pass
    /// `check`, and every command that reported success must have left its change.
    @Test(arguments: [11, 23, 47])
    func killAtRandomPointsOfALongSessionLosesNoAcknowledgedWrite(seed: Int) throws {
        let dir = try Fixture.store(cases: 2)
        defer { Fixture.remove(dir) }
        let codes = try Fixture.codes(dir)
        var rng = SeededRandom(seed: UInt64(seed))
        var session = Session(dir: dir, passphrase: Self.passphrase)
        let steps = 14
        var killed = 0
        for i in 0..<steps {
            let code = codes[i % codes.count]
            let step: Session.Step
            switch i % 7 {
            case 0, 2, 4: step = .note(code, "sessie \(seed)-\(i)")
            case 1: step = .comensha(code, ["te-melden", "gemeld", "teruggekoppeld"][Int.random(in: 0..<3, using: &rng)])
            case 3: step = .importCase("Fout\(seed)x\(i)")
            case 5: step = .passwd
            default: step = .note(code, "sessie \(seed)-\(i)")
            }
            // Every third step runs to its end; the others are killed at a random fraction of the
            // time that kind of command last took to run to its end (so on any machine's speed).
            let fraction = Double.random(in: 0.05..<0.9, using: &rng)
            let killAt: Double? = i % 3 == 2 ? nil : fraction
            if try session.perform(step, killAt: killAt) == .killed { killed += 1 }
            try session.verify()
        }
        #expect(killed >= 3, "seed \(seed): the session was killed only \(killed) times")
        #expect(session.acknowledged >= 4, "seed \(seed): only \(session.acknowledged) commands finished")
    }
}

// MARK: - helpers

/// A scripted session against one store: what was acknowledged, and what may have happened.
struct Session {
    enum Step {
        case note(String, String)
        case comensha(String, String)
        case importCase(String)
        case passwd
    }
    enum Outcome { case acknowledged, refused, killed }

    let dir: URL
    /// The passphrase the store has now (after a killed `passwd`: whichever of the two opens it).
    var passphrase: String
    var notes: [String: [String]] = [:]          // code -> acknowledged note texts
    var comensha: [String: Set<String>] = [:]    // code -> values it may have now
    var importedNames: [String] = []             // acknowledged imports (family names)
    var acknowledged = 0
    private var generation = 0

    init(dir: URL, passphrase: String) {
        self.dir = dir
        self.passphrase = passphrase
    }

    /// How long each kind of command took when it ran to its end, in seconds.
    private var durations: [String: Double] = [:]

    mutating func perform(_ step: Step, killAt fraction: Double?) throws -> Outcome {
        var args: [String], stdin: String? = nil, env: [String: String] = [:]
        var csv: URL?
        var newPassphrase: String?
        switch step {
        case .note(let code, let text):
            args = ["case", "note", code]; stdin = text
        case .comensha(let code, let value):
            args = ["case", "comensha", code, "--status", value]
        case .importCase(let family):
            let url = dir.deletingLastPathComponent().appendingPathComponent("\(dir.lastPathComponent)-\(family).csv")
            try "voornamen,achternaam,geboortedatum,gemeente\nTesta,\(family),2009-02-03,Den Haag\n".write(to: url, atomically: true, encoding: .utf8)
            csv = url
            args = ["import", "caseload", url.path, "--allow-duplicates"]
        case .passwd:
            generation += 1
            newPassphrase = "nieuwe wachtwoordzin \(generation) voor de test"
            args = ["passwd"]; env["SCHAKEL_NEW_PASSPHRASE"] = newPassphrase
        }
        defer { if let csv { try? FileManager.default.removeItem(at: csv) } }
        let kind = args.prefix(2).joined(separator: " ")
        let delay = fraction.map { $0 * (durations[kind] ?? 0.15) }
        let started = Date()
        let r = try Fixture.runKilled(args + ["--store", dir.path], passphrase: passphrase, stdin: stdin, env: env, killAfter: delay)
        let outcome: Outcome = r.killed ? .killed : r.status == 0 ? .acknowledged : .refused
        if outcome == .acknowledged { durations[kind] = Date().timeIntervalSince(started) }
        if outcome == .refused {
            Issue.record("\(kind) failed without a fault: \(r.stderr)")
        }
        switch (step, outcome) {
        case (.note(let code, let text), .acknowledged):
            notes[code, default: []].append(text)
        case (.comensha(let code, let value), .acknowledged):
            comensha[code] = [value]
        case (.comensha(let code, let value), .killed):
            // Killed: it may have committed or not.
            if var set = comensha[code] { set.insert(value); comensha[code] = set }
        case (.importCase(let family), .acknowledged):
            importedNames.append(family)
        case (.passwd, .acknowledged):
            passphrase = newPassphrase!
        case (.passwd, .killed):
            // Exactly one of the two passphrases must open the store: never neither.
            let old = Fixture.opens(dir, passphrase), new = Fixture.opens(dir, newPassphrase!)
            #expect(old != new, "after a killed passwd, old opens: \(old), new opens: \(new)")
            if new { passphrase = newPassphrase! }
        default:
            break
        }
        if outcome == .acknowledged { acknowledged += 1 }
        return outcome
    }

    /// The store opens, passes `check`, and holds every acknowledged change.
    func verify() throws {
        try Fixture.expectCheckPasses(dir, passphrase: passphrase)
        let store = try Store.open(at: StoreLocation(directory: dir), passphrase: passphrase, mode: .read)
        defer { store.close() }
        for (code, texts) in notes {
            let id = try #require(try CaseCode(code).flatMap { try store.caseID(code: $0) })
            let present = Set(try store.caseFile(id).notes.values.map(\.text))
            for t in texts { #expect(present.contains(t), "acknowledged note \"\(t)\" lost") }
        }
        for (code, allowed) in comensha {
            let id = try #require(try CaseCode(code).flatMap { try store.caseID(code: $0) })
            let value = try store.caseFile(id).comensha?.status ?? "-"
            #expect(allowed.contains(value), "CoMensha status of \(code) is \(value), expected one of \(allowed.sorted())")
        }
        if !importedNames.isEmpty {
            let list = try Fixture.run(["case", "list", "--all", "--names", "--store", dir.path], passphrase: passphrase)
            for family in importedNames { #expect(list.stdout.contains(family), "acknowledged import of \(family) lost") }
        }
    }
}

/// The LD_PRELOAD library that makes the disk full, built once per test run from
/// Tests/FaultShim/schakel-diskfull.c with the C compiler that came with Swift.
enum DiskFull {
    static let library: Result<URL, Error> = Result {
        let source = TmuxTests.repoRoot.appendingPathComponent("Tests/FaultShim/schakel-diskfull.c")
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-diskfull-\(getpid()).so")
        guard let cc = compiler() else { throw Fixture.Failure("no C compiler (cc, clang or gcc) to build \(source.path)") }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: cc)
        p.arguments = ["-shared", "-fPIC", "-O1", "-o", out.path, source.path, "-ldl"]
        let err = Pipe()
        p.standardError = err
        try p.run()
        let message = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        guard p.terminationStatus == 0 else { throw Fixture.Failure("\(cc) failed: \(message)") }
        atexit { try? FileManager.default.removeItem(at: FileManager.default.temporaryDirectory.appendingPathComponent("schakel-diskfull-\(getpid()).so")) }
        return out
    }

    /// $CC, else cc, clang or gcc on PATH, else the clang beside `swift`.
    static func compiler() -> String? {
        let env = ProcessInfo.processInfo.environment
        if let cc = env["CC"], FileManager.default.isExecutableFile(atPath: cc) { return cc }
        let dirs = (env["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["cc", "clang", "gcc"] {
            if let hit = dirs.map({ $0 + "/" + name }).first(where: { FileManager.default.isExecutableFile(atPath: $0) }) { return hit }
        }
        return nil
    }

    /// The environment that runs `schakel` on a disk with `free` bytes left (nil: unlimited),
    /// full whenever `fullWhen` exists; only files under `dir` are on that disk.
    static func env(dir: URL, free: Int?, fullWhen: URL? = nil) throws -> [String: String] {
        var env = ["LD_PRELOAD": try library.get().path, "SCHAKEL_FAULT_DIR": dir.resolvingSymlinksInPath().path]
        if let free { env["SCHAKEL_FAULT_FREE_BYTES"] = "\(free)" }
        if let fullWhen { env["SCHAKEL_FAULT_FULL_WHEN"] = fullWhen.path }
        return env
    }
}

/// Ways to make a store read-only that work for the user the tests run as. Root ignores
/// file permissions, so as root the store is handed to `nobody` and the binary runs as
/// `nobody` (setpriv); a read-only bind mount (EROFS, as on a write-protected stick) is
/// tried as well where mounting is permitted. Any other user simply loses the write bits.
struct ReadOnly {
    let name: String
    let make: (URL) throws -> Runner?

    struct Runner {
        let path: String
        let prefix: [String]
        let undo: () -> Void
        func run(_ args: [String], stdin: String? = nil) throws -> SchakelBinary.Result {
            try Fixture.runWrapped(prefix, args, passphrase: FaultInjectionTests.passphrase, stdin: stdin)
        }
    }

    static func ways() -> [ReadOnly] {
        if getuid() != 0 { return [permissions(prefix: [])] }
        return [permissions(prefix: ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", "--"]), bindMount]
    }

    /// Owner without write permission on the folder and its files (EACCES).
    static func permissions(prefix: [String]) -> ReadOnly {
        ReadOnly(name: prefix.isEmpty ? "no write permission" : "no write permission (as nobody)") { dir in
            let fm = FileManager.default
            let files = try fm.contentsOfDirectory(atPath: dir.path).map { dir.appendingPathComponent($0).path }
            func set(_ dirMode: Int, _ fileMode: Int, owner: UInt32?) throws {
                for f in files {
                    if let owner { chown(f, owner, owner) }
                    try fm.setAttributes([.posixPermissions: fileMode], ofItemAtPath: f)
                }
                if let owner { chown(dir.path, owner, owner) }
                try fm.setAttributes([.posixPermissions: dirMode], ofItemAtPath: dir.path)
            }
            let asNobody = !prefix.isEmpty
            if asNobody {
                // nobody must reach the binary and the store; else this way does not apply here.
                let probe = try? Fixture.runWrapped(prefix, ["--help"], passphrase: nil)
                guard probe?.status == 0 else { return nil }
                chmod(dir.deletingLastPathComponent().path, 0o755)
            }
            try set(0o500, 0o400, owner: asNobody ? 65534 : nil)
            return Runner(path: dir.path, prefix: prefix) { try? set(0o700, 0o600, owner: asNobody ? 0 : nil) }
        }
    }

    /// The store's folder bind-mounted read-only over itself (EROFS), in a private mount
    /// namespace (`unshare -m`) that ends with the command: nothing to clean up, nothing left
    /// mounted if a test stops halfway. nil where mounting is not allowed.
    static let bindMount = ReadOnly(name: "read-only file system") { dir in
        let script = #"mount --bind "$0" "$0" && mount -o remount,bind,ro "$0" && exec "$@""#
        let prefix = ["unshare", "-m", "sh", "-c", script, dir.path]
        guard (try? Fixture.runTool(prefix + ["true"])) == 0 else { return nil }
        return Runner(path: dir.path, prefix: prefix) {}
    }
}

enum Fixture {
    struct Failure: Error, CustomStringConvertible { let description: String; init(_ d: String) { description = d } }

    static let base: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-faults-\(UUID().uuidString)")
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(at: Fixture.base) }
        return dir
    }()

    /// A fresh store (cheap key derivation) with `cases` synthetic cases from a caseload CSV.
    /// A store whose last process wrote (a note on its first case), so its close left an empty
    /// WAL; with that case's code.
    static func storeLastWritten(cases: Int) throws -> (URL, String) {
        let dir = try store(cases: cases)
        let code = try #require(try codes(dir).first)
        let wrote = try run(["case", "note", code, "--store", dir.path], passphrase: FaultInjectionTests.passphrase, stdin: "laatste schrijver")
        #expect(wrote.status == 0, "\(wrote.stderr)")
        return (dir, code)
    }

    static func store(cases: Int) throws -> URL {
        let dir = base.appendingPathComponent(UUID().uuidString)
        let made = try run(["init", "--store", dir.path, "--name", "Toets Gebruiker", "--test-only-cheap-kdf"],
                           passphrase: FaultInjectionTests.passphrase)
        guard made.status == 0 else { throw Failure("init: \(made.stderr)") }
        if cases > 0 {
            let csv = base.appendingPathComponent("\(UUID().uuidString).csv")
            defer { try? FileManager.default.removeItem(at: csv) }
            var text = "voornamen,achternaam,geboortedatum,gemeente\n"
            for i in 0..<cases {
                text += "Testa,Proefnaam\(i),\(2000 + i % 9)-0\(1 + i % 9)-1\(i % 9),\(i % 2 == 0 ? "Den Haag" : "Delft")\n"
            }
            try text.write(to: csv, atomically: true, encoding: .utf8)
            let r = try run(["import", "caseload", csv.path, "--allow-duplicates", "--store", dir.path], passphrase: FaultInjectionTests.passphrase)
            guard r.status == 0 else { throw Failure("import caseload: \(r.stderr)") }
        }
        return dir
    }

    /// Two stores that trust each other; `a` shares all its cases with `b`.
    static func peers(cases: Int) throws -> (a: URL, b: URL, dir: URL) {
        let dir = base.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let a = try store(cases: cases), b = try store(cases: 0)
        let pass = FaultInjectionTests.passphrase
        for (store, card) in [(a, "a.card"), (b, "b.card")] {
            let r = try run(["peer", "card", "--store", store.path, "--out", dir.appendingPathComponent(card).path], passphrase: pass)
            guard r.status == 0 else { throw Failure("peer card: \(r.stderr)") }
        }
        for (store, card) in [(a, "b.card"), (b, "a.card")] {
            let text = try String(contentsOf: dir.appendingPathComponent(card), encoding: .utf8)
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix("vingerafdruk:") }) else { throw Failure("no fingerprint") }
            let r = try run(["peer", "add", dir.appendingPathComponent(card).path, "--fingerprint", String(line.dropFirst("vingerafdruk:".count)),
                             "--store", store.path], passphrase: pass)
            guard r.status == 0 else { throw Failure("peer add: \(r.stderr)") }
        }
        // b's first bundle introduces its user to a; then a shares every case with b.
        let first = dir.appendingPathComponent("eerste.schakel").path
        for (args, store) in [(["bundle", "export", "--to", try device(a), "--out", first], b), (["bundle", "import", first], a),
                              (["peer", "share", try device(b), "--alle-casussen"], a)] {
            let r = try run(args + ["--store", store.path], passphrase: pass)
            guard r.status == 0 else { throw Failure("\(args.prefix(2).joined(separator: " ")): \(r.stderr)") }
        }
        return (a, b, dir)
    }

    static func device(_ dir: URL) throws -> String {
        let s = try Store.open(at: StoreLocation(directory: dir), passphrase: FaultInjectionTests.passphrase, mode: .read)
        defer { s.close() }
        return String(s.deviceID.uuidString.prefix(8))
    }

    static func codes(_ dir: URL) throws -> [String] {
        let list = try run(["case", "list", "--all", "--store", dir.path], passphrase: FaultInjectionTests.passphrase)
        guard list.status == 0 else { throw Failure("case list: \(list.stderr)") }
        return list.stdout.split(separator: "\n").compactMap { CaseCode(String($0.prefix(13)))?.description }
    }

    static func noteTexts(_ dir: URL, code: String, passphrase: String = FaultInjectionTests.passphrase) throws -> Set<String> {
        let store = try Store.open(at: StoreLocation(directory: dir), passphrase: passphrase, mode: .read)
        defer { store.close() }
        guard let c = CaseCode(code), let id = try store.caseID(code: c) else { throw Failure("no case \(code)") }
        return Set(try store.caseFile(id).notes.values.map(\.text))
    }

    static func opens(_ dir: URL, _ passphrase: String) -> Bool {
        guard let s = try? Store.open(at: StoreLocation(directory: dir), passphrase: passphrase, mode: .read) else { return false }
        s.close()
        return true
    }

    static func expectCheckPasses(_ dir: URL, passphrase: String = FaultInjectionTests.passphrase, context: String = "",
                                  sourceLocation: SourceLocation = #_sourceLocation) throws {
        let check = try run(["check", "--store", dir.path], passphrase: passphrase)
        #expect(check.status == 0, "\(context) check: \(check.stdout)\(check.stderr)", sourceLocation: sourceLocation)
    }

    /// The command failed with one of the catalogue messages `allowed`, on one line after
    /// "schakel: ": no crash report, no SQLite code, no "unexpected error".
    static func expectClearMessage(_ r: SchakelBinary.Result, allowed: [String], context: String = "",
                                   sourceLocation: SourceLocation = #_sourceLocation) {
        expectNoCrash(r, context: context, sourceLocation: sourceLocation)
        let messages = allowed.map { L10n.t($0) }
        #expect(messages.contains { r.stderr.contains("schakel: " + $0) },
                "\(context): expected one of \(allowed), got: \(r.stderr)", sourceLocation: sourceLocation)
    }

    static func expectNoCrash(_ r: SchakelBinary.Result, context: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let text = r.stdout + r.stderr
        for bad in ["Fatal error", "crashed", "Backtrace", "SQLITE", "SQLite error", "Onverwachte fout", "Databasefout (code"] {
            #expect(!text.contains(bad), "\(context): \"\(bad)\" in \(text)", sourceLocation: sourceLocation)
        }
        #expect(r.status == 0 || r.status == 1 || r.status == 3 || r.status == 4, "\(context): exit status \(r.status)",
                sourceLocation: sourceLocation)
    }

    static func run(_ args: [String], passphrase: String? = nil, stdin: String? = nil, env: [String: String] = [:]) throws -> SchakelBinary.Result {
        try SchakelBinary.run(args, passphrase: passphrase, stdin: stdin, env: env)
    }

    /// `schakel ARGS` through a wrapper command (`setpriv ...`), same environment as `run`.
    static func runWrapped(_ prefix: [String], _ args: [String], passphrase: String?, stdin: String? = nil) throws -> SchakelBinary.Result {
        guard let tool = prefix.first else { return try run(args, passphrase: passphrase, stdin: stdin) }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool] + prefix.dropFirst() + [SchakelBinary.url.path] + args
        var env = SchakelBinary.baseEnvironment
        if let passphrase { env["SCHAKEL_PASSPHRASE"] = passphrase }
        env["HOME"] = base.path
        p.environment = env
        return try SchakelBinary.collect(p, stdin: stdin)
    }


    /// Runs `schakel ARGS` and sends SIGKILL after `killAfter` seconds unless it ended first.
    static func runKilled(_ args: [String], passphrase: String, stdin: String?, env extra: [String: String],
                          killAfter: Double?, killWhen: (() -> Bool)? = nil) throws -> (status: Int32, killed: Bool, stderr: String) {
        let p = Process()
        p.executableURL = SchakelBinary.url
        p.arguments = args
        var env = SchakelBinary.baseEnvironment
        env["SCHAKEL_PASSPHRASE"] = passphrase
        for (k, v) in extra { env[k] = v }
        p.environment = env
        let err = Pipe(), input = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        var killed = false
        if let killAfter {
            let deadline = Date().addingTimeInterval(killAfter)
            while p.isRunning && Date() < deadline && !(killWhen?() ?? false) { usleep(2_000) }
            if p.isRunning { kill(p.processIdentifier, SIGKILL); killed = true }
        }
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        // A process that ended by itself just before the signal counts as finished.
        if killed && p.terminationReason == .exit { killed = false }
        return (p.terminationStatus, killed, String(decoding: e, as: UTF8.self))
    }

    /// `schakel ARGS` with standard error going to `stderr` (a file); returns the exit status
    /// (128 + n after signal n).
    static func runToFile(_ args: [String], stderr: URL, stdin: String, env extra: [String: String]) throws -> Int32 {
        let p = Process()
        p.executableURL = SchakelBinary.url
        p.arguments = args
        var env = SchakelBinary.baseEnvironment
        env["SCHAKEL_PASSPHRASE"] = FaultInjectionTests.passphrase
        for (k, v) in extra { env[k] = v }
        p.environment = env
        FileManager.default.createFile(atPath: stderr.path, contents: nil)
        let err = try FileHandle(forWritingTo: stderr)
        defer { try? err.close() }
        let input = Pipe()
        p.standardOutput = FileHandle.nullDevice
        p.standardError = err
        p.standardInput = input
        try p.run()
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        p.waitUntilExit()
        return p.terminationReason == .uncaughtSignal ? 128 + p.terminationStatus : p.terminationStatus
    }

    static func runTool(_ args: [String]) throws -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        try p.run()
        p.waitUntilExit()
        return p.terminationStatus
    }

    static func copy(_ dir: URL) throws -> URL {
        let to = base.appendingPathComponent(UUID().uuidString)
        try FileManager.default.copyItem(at: dir, to: to)
        return to
    }

    static func remove(_ dir: URL) { try? FileManager.default.removeItem(at: dir) }

    static func size(_ url: URL) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: url.path)[.size] as? NSNumber)?.intValue ?? 0
    }

    static func truncate(_ url: URL, to size: Int) throws {
        guard Glibc.truncate(url.path, off_t(size)) == 0 else { throw Failure("truncate \(url.lastPathComponent): errno \(errno)") }
    }

    static func noise(count: Int, seed: UInt64) -> Data {
        var rng = SeededRandom(seed: seed)
        return Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &rng) })
    }

    static func overwrite(_ url: URL, at offset: Int, count: Int, seed: UInt64) throws {
        let h = try FileHandle(forUpdating: url)
        defer { try? h.close() }
        try h.seek(toOffset: UInt64(offset))
        try h.write(contentsOf: noise(count: count, seed: seed))
    }
}
