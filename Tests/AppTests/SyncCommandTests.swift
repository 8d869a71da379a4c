import Foundation
import Testing
import Core

/// The sync commands as a user runs them: two stores that trust each other exchange bundles,
/// an import killed with SIGKILL is completed by importing again, a backup restores.
@Suite(.serialized) struct SyncCommandTests {
    static let passphrase = "correct horse battery staple"

    /// A demo store (all its cases shared with the new colleague) and a fresh store, peers of each other.
    static func pair() throws -> (demo: String, other: String, dir: URL) {
        let dir = SchakelBinary.tempDir()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let demo = dir.appendingPathComponent("demo").path, other = dir.appendingPathComponent("b").path
        #expect(try SchakelBinary.run(["demo", "--store", demo, "--test-only-cheap-kdf"]).status == 0)
        let made = try SchakelBinary.run(["init", "--store", other, "--name", "Bram Jansen", "--organisation", "shop", "--test-only-cheap-kdf"],
                                         passphrase: passphrase)
        #expect(made.status == 0, "\(made.stderr)")
        for (store, pass, card) in [(demo, "demo", "demo.card"), (other, passphrase, "b.card")] {
            let r = try SchakelBinary.run(["peer", "card", "--store", store, "--out", dir.appendingPathComponent(card).path], passphrase: pass)
            #expect(r.status == 0, "\(r.stderr)")
        }
        for (store, pass, card) in [(demo, "demo", "b.card"), (other, passphrase, "demo.card")] {
            let text = try String(contentsOf: dir.appendingPathComponent(card), encoding: .utf8)
            let words = try #require(text.split(separator: "\n").first { $0.hasPrefix("vingerafdruk:") }).dropFirst("vingerafdruk:".count)
            let r = try SchakelBinary.run(["peer", "add", dir.appendingPathComponent(card).path, "--fingerprint", String(words), "--store", store],
                                          passphrase: pass)
            #expect(r.status == 0, "\(r.stderr)")
        }
        return (demo, other, dir)
    }

    static func device(_ store: String, pass: String) throws -> String {
        let s = try Store.open(at: StoreLocation(path: store), passphrase: pass, mode: .read)
        defer { s.close() }
        return String(s.deviceID.uuidString.prefix(8))
    }

    @Test func killDuringImportThenImportAgainCompletesWithoutDuplicates() throws {
        let (demo, other, dir) = try Self.pair()
        defer { try? FileManager.default.removeItem(at: dir) }
        let demoID = try Self.device(demo, pass: "demo"), otherID = try Self.device(other, pass: Self.passphrase)
        // The colleague's first bundle introduces its user; then it receives every case.
        let first = dir.appendingPathComponent("first.schakel").path
        #expect(try SchakelBinary.run(["bundle", "export", "--to", demoID, "--out", first, "--store", other], passphrase: Self.passphrase).status == 0)
        #expect(try SchakelBinary.run(["bundle", "import", first, "--store", demo], passphrase: "demo").status == 0)
        #expect(try SchakelBinary.run(["peer", "share", otherID, "--alle-casussen", "--store", demo], passphrase: "demo").status == 0)
        let big = dir.appendingPathComponent("all.schakel").path
        let exported = try SchakelBinary.run(["bundle", "export", "--to", otherID, "--out", big, "--store", demo], passphrase: "demo")
        #expect(exported.status == 0, "\(exported.stderr)")
        // Kill the import at different moments; each time the store must stay consistent.
        // Under a sanitizer the import runs slower: the moments stretch with it, so the kills
        // still land during the import and not while the process is starting.
        for delay in [150_000, 600_000, 1_500_000].map({ Int(Double($0) * TestTiming.scale) }) {
            let p = Process()
            p.executableURL = SchakelBinary.url
            p.arguments = ["bundle", "import", big, "--store", other]
            var env = SchakelBinary.baseEnvironment
            env["SCHAKEL_PASSPHRASE"] = Self.passphrase
            p.environment = env
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            try p.run()
            usleep(useconds_t(delay))
            kill(p.processIdentifier, SIGKILL)
            p.waitUntilExit()
            let check = try SchakelBinary.run(["check", "--store", other], passphrase: Self.passphrase)
            #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        }
        let again = try SchakelBinary.run(["bundle", "import", big, "--store", other], passphrase: Self.passphrase)
        #expect(again.status == 0, "\(again.stderr)")
        let twice = try SchakelBinary.run(["bundle", "import", big, "--store", other], passphrase: Self.passphrase)
        #expect(twice.stdout.contains("al eerder ingelezen"))
        let a = try Store.open(at: StoreLocation(path: demo), passphrase: "demo", mode: .read)
        let b = try Store.open(at: StoreLocation(path: other), passphrase: Self.passphrase, mode: .read)
        defer { a.close(); b.close() }
        #expect(try b.caseCount() == a.caseCount())
        #expect(Set(try b.summaries().map(\.code)) == Set(try a.summaries().map(\.code)))
        #expect(try b.check().ok)
    }

    @Test func backupRestoresAsANewDeviceAndAWrongPassphraseLeavesNothing() throws {
        let (demo, _, dir) = try Self.pair()
        defer { try? FileManager.default.removeItem(at: dir) }
        let backup = dir.appendingPathComponent("backup.age").path
        let made = try SchakelBinary.run(["backup", "--out", backup, "--store", demo, "--test-only-cheap-kdf"], passphrase: "demo",
                                         env: ["SCHAKEL_BACKUP_PASSPHRASE": "een lange back-up wachtzin"])
        #expect(made.status == 0, "\(made.stderr)")
        let wrong = dir.appendingPathComponent("wrong").path
        let refused = try SchakelBinary.run(["restore", backup, "--store", wrong, "--test-only-cheap-kdf"], passphrase: Self.passphrase,
                                            env: ["SCHAKEL_BACKUP_PASSPHRASE": "niet de goede wachtzin"])
        #expect(refused.status != 0)
        #expect(!FileManager.default.fileExists(atPath: wrong + "/schakel.sqlite"))
        let restored = dir.appendingPathComponent("restored").path
        let r = try SchakelBinary.run(["restore", backup, "--store", restored, "--test-only-cheap-kdf"], passphrase: Self.passphrase,
                                      env: ["SCHAKEL_BACKUP_PASSPHRASE": "een lange back-up wachtzin"])
        #expect(r.status == 0, "\(r.stderr)")
        let a = try Store.open(at: StoreLocation(path: demo), passphrase: "demo", mode: .read)
        let b = try Store.open(at: StoreLocation(path: restored), passphrase: Self.passphrase, mode: .read)
        defer { a.close(); b.close() }
        #expect(a.deviceID != b.deviceID)
        #expect(a.userID == b.userID)
        #expect(Set(try b.summaries().map(\.code)) == Set(try a.summaries().map(\.code)))
        #expect(try b.peers().count == a.peers().count)
        #expect(try b.check().ok)
    }
}
