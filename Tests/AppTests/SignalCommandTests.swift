import Foundation
import Testing
import Core

/// `schakel signal template|import` with the real `age` tool in between, as an
/// aandachtsfunctionaris without Schakel would use it.
@Suite(.serialized) struct SignalCommandTests {
    @Test func aSignalEncryptedWithAgeArrivesInTheInboxOnce() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/age") else {
            Issue.record("the age tool is missing: run `make test`, which installs it"); return
        }
        let store = try PeerCommandTests.makeStore("Sophie van der Linden", organisation: "fier")
        let work = SchakelBinary.tempDir()
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: store); try? FileManager.default.removeItem(at: work) }
        let template = try SchakelBinary.run(["signal", "template", "--store", store.path], passphrase: PeerCommandTests.passphrase)
        #expect(template.status == 0 && template.stdout.hasPrefix("Schakel-signaal 1"))
        let recipient = try #require(template.stdout.split(separator: "\n").first { $0.contains("age -r ") }?.split(separator: " ").first { $0.hasPrefix("age1") })
        let filled = template.stdout.split(separator: "\n").map { line -> String in
            switch true {
            case line.hasPrefix("voornamen:"): return "voornamen: Zqxextern"
            case line.hasPrefix("achternaam:"): return "achternaam: Wiśniewska"
            case line.hasPrefix("wat-is-gezien:"): return "wat-is-gezien: Slaapt op het werk."
            default: return String(line)
            }
        }.joined(separator: "\n") + "\n"
        let plain = work.appendingPathComponent("signaal.txt"), sealed = work.appendingPathComponent("signaal.age")
        try Data(filled.utf8).write(to: plain)
        let age = Process()
        age.executableURL = URL(fileURLWithPath: "/usr/bin/age")
        age.arguments = ["-r", String(recipient), "-o", sealed.path, plain.path]
        try age.run(); age.waitUntilExit()
        #expect(age.terminationStatus == 0)
        let imported = try SchakelBinary.run(["signal", "import", sealed.path, "--store", store.path], passphrase: PeerCommandTests.passphrase)
        #expect(imported.status == 0 && imported.stderr.contains("ingelezen als MH-"), "\(imported.stderr)")
        let again = try SchakelBinary.run(["signal", "import", sealed.path, "--store", store.path], passphrase: PeerCommandTests.passphrase)
        #expect(again.status == 1 && again.stderr.contains("al ingelezen"))
        let unencrypted = try SchakelBinary.run(["signal", "import", plain.path, "--store", store.path], passphrase: PeerCommandTests.passphrase)
        #expect(unencrypted.status == 1 && unencrypted.stderr.contains("niet versleuteld"))
        let list = try SchakelBinary.run(["case", "list", "--all", "--names", "--store", store.path], passphrase: PeerCommandTests.passphrase)
        #expect(list.stdout.contains("Zqxextern") && list.stdout.contains("signaal"))
        // The name never reaches the store files in plaintext.
        for file in try FileManager.default.contentsOfDirectory(at: store, includingPropertiesForKeys: nil) {
            #expect((try? Data(contentsOf: file))?.range(of: Data("Zqxextern".utf8)) == nil, "\(file.lastPathComponent)")
        }
    }
}
