import Foundation
import Testing
import Core

/// `schakel peer …` and `schakel key export` end to end: two stores exchange cards, the
/// fingerprint decides, and the exported key opens what the real `age` tool encrypts.
@Suite(.serialized) struct PeerCommandTests {
    static let passphrase = "een lange wachtwoordzin"

    static func makeStore(_ name: String, organisation: String) throws -> URL {
        let dir = SchakelBinary.tempDir()
        let r = try SchakelBinary.run(["init", "--store", dir.path, "--name", name, "--organisation", organisation, "--test-only-cheap-kdf"],
                                      passphrase: passphrase)
        #expect(r.status == 0, "\(r.stderr)")
        return dir
    }

    @Test func cardsAreExchangedOnTheComparedFingerprintAndRevoked() throws {
        let a = try Self.makeStore("Sophie van der Linden", organisation: "fier")
        let b = try Self.makeStore("Łucja Nowak", organisation: "shop")
        defer { try? FileManager.default.removeItem(at: a); try? FileManager.default.removeItem(at: b) }
        let card = try SchakelBinary.run(["peer", "card", "--store", a.path], passphrase: Self.passphrase)
        #expect(card.status == 0 && card.stdout.hasPrefix("Schakel-contactkaart 1"))
        let words = try #require(card.stdout.split(separator: "\n").first { $0.hasPrefix("vingerafdruk:") }).dropFirst("vingerafdruk:".count)
            .trimmingCharacters(in: .whitespaces)
        // Piped in without the words: refused, nothing added.
        let blind = try SchakelBinary.run(["peer", "add", "-", "--store", b.path], passphrase: Self.passphrase, stdin: card.stdout)
        #expect(blind.status == 1 && blind.stderr.contains("--fingerprint"))
        let wrong = try SchakelBinary.run(["peer", "add", "-", "--store", b.path, "--fingerprint", "aap boom"], passphrase: Self.passphrase, stdin: card.stdout)
        #expect(wrong.status == 1 && wrong.stderr.contains("komt niet overeen"))
        let ok = try SchakelBinary.run(["peer", "add", "-", "--store", b.path, "--fingerprint", words], passphrase: Self.passphrase, stdin: card.stdout)
        #expect(ok.status == 0, "\(ok.stderr)")
        let list = try SchakelBinary.run(["peer", "list", "--store", b.path], passphrase: Self.passphrase)
        #expect(list.stdout.contains("Sophie van der Linden") && list.stdout.contains(words) && list.stdout.contains("vertrouwd"))
        // A tampered card (another name on the same keys) is refused.
        let forged = card.stdout.replacingOccurrences(of: "Sophie van der Linden", with: "Mallory")
        let c = try Self.makeStore("Derde Collega", organisation: "csg")
        defer { try? FileManager.default.removeItem(at: c) }
        let refused = try SchakelBinary.run(["peer", "add", "-", "--store", c.path, "--fingerprint", words], passphrase: Self.passphrase, stdin: forged)
        #expect(refused.status == 1 && refused.stderr.contains("handtekening"))
        // Lost laptop: revoked by its short code.
        let code = String(try #require(card.stdout.split(separator: "\n").first { $0.hasPrefix("apparaat:") }).dropFirst("apparaat: ".count).prefix(8))
        // The breach report before the revocation says to revoke first.
        let early = try SchakelBinary.run(["datalek", code, "--store", b.path], passphrase: Self.passphrase)
        #expect(early.status == 0 && early.stdout.contains("# Datalek") && early.stderr.contains("Nog niet ingetrokken"), "\(early.stderr)")
        let revoke = try SchakelBinary.run(["peer", "revoke", code, "--store", b.path], passphrase: Self.passphrase)
        #expect(revoke.status == 0, "\(revoke.stderr)")
        #expect(try SchakelBinary.run(["peer", "list", "--store", b.path], passphrase: Self.passphrase).stdout.contains("ingetrokken"))
        let badTime = try SchakelBinary.run(["datalek", code, "--store", b.path, "--discovered", "gisteren"], passphrase: Self.passphrase)
        #expect(badTime.status == 1 && badTime.stderr.contains("jjjj-mm-dd"))
        let reportFile = b.deletingLastPathComponent().appendingPathComponent("datalek-\(UUID().uuidString).md")
        defer { try? FileManager.default.removeItem(at: reportFile) }
        let report = try SchakelBinary.run(["datalek", code, "--store", b.path, "--discovered", "2026-11-22 09:30", "--out", reportFile.path],
                                           passphrase: Self.passphrase)
        #expect(report.status == 0 && report.stderr.contains(reportFile.path), "\(report.stderr)")
        let text = try String(contentsOf: reportFile, encoding: .utf8)
        #expect(text.contains("- [x] ") && text.contains("2026-11-25 09:30") && text.contains("Sophie van der Linden"))
    }

    @Test func exportedKeyOpensWhatAgeEncryptsToTheCard() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/age") else {
            Issue.record("the age tool is missing: run `make test`, which installs it"); return
        }
        let a = try Self.makeStore("Sophie van der Linden", organisation: "fier")
        defer { try? FileManager.default.removeItem(at: a) }
        let keyFile = a.deletingLastPathComponent().appendingPathComponent("key-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: keyFile) }
        // Never to the terminal.
        let noOut = try SchakelBinary.run(["key", "export", "--store", a.path], passphrase: Self.passphrase)
        #expect(noOut.status != 0)
        let export = try SchakelBinary.run(["key", "export", "--store", a.path, "--out", keyFile.path], passphrase: Self.passphrase)
        #expect(export.status == 0, "\(export.stderr)")
        let mode = try FileManager.default.attributesOfItem(atPath: keyFile.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        let again = try SchakelBinary.run(["key", "export", "--store", a.path, "--out", keyFile.path], passphrase: Self.passphrase)
        #expect(again.status == 1 && again.stderr.contains("Bestaat al"))
        let card = try SchakelBinary.run(["peer", "card", "--store", a.path], passphrase: Self.passphrase).stdout
        let recipient = try #require(card.split(separator: "\n").first { $0.hasPrefix("versleutelen:") }).split(separator: " ")[1]
        let plain = "geheim bericht \(UUID().uuidString)"
        let enc = Process(), dec = Process(), pipe = Pipe(), input = Pipe(), out = Pipe()
        enc.executableURL = URL(fileURLWithPath: "/usr/bin/age"); enc.arguments = ["-r", String(recipient)]
        enc.standardInput = input; enc.standardOutput = pipe
        dec.executableURL = URL(fileURLWithPath: "/usr/bin/age"); dec.arguments = ["-d", "-i", keyFile.path]
        dec.standardInput = pipe; dec.standardOutput = out
        try enc.run(); try dec.run()
        input.fileHandleForWriting.write(Data(plain.utf8)); try input.fileHandleForWriting.close()
        let result = out.fileHandleForReading.readDataToEndOfFile()
        enc.waitUntilExit(); dec.waitUntilExit()
        #expect(String(decoding: result, as: UTF8.self) == plain)
    }
}
