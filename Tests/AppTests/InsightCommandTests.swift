import Foundation
import Testing
import Core

/// `schakel audit`, `verstrekkingen` and `inzage` on the real binary.
@Suite(.serialized) struct InsightCommandTests {
    static let passphrase = "een lange goede wachtzin"

    static func demo(_ dir: URL) throws -> String {
        let path = dir.appendingPathComponent("demo").path
        let r = try SchakelBinary.run(["demo", "--store", path, "--test-only-cheap-kdf"])
        #expect(r.status == 0, "\(r.stderr)")
        return path
    }

    static func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? -1
    }

    @Test func auditIsTheBeheerdersAndChecksItsOptions() throws {
        let dir = SchakelBinary.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        // A coordinator (the demo store's user) is refused, with the role named.
        let demo = try Self.demo(dir)
        let refused = try SchakelBinary.run(["audit", "--store", demo], passphrase: "demo")
        #expect(refused.status == 1 && refused.stderr.contains(L10n.t("error.roleNotAllowed", Role.zorgcoordinator.label, language: .nl)))
        #expect(refused.stdout.isEmpty)
        let admin = dir.appendingPathComponent("beheer").path
        let made = try SchakelBinary.run(["init", "--store", admin, "--role", "beheerder", "--name", "Bea Beheer", "--organisation", "shop",
                                          "--test-only-cheap-kdf"], passphrase: Self.passphrase)
        #expect(made.status == 0, "\(made.stderr)")
        let table = try SchakelBinary.run(["audit", "--store", admin], passphrase: Self.passphrase)
        #expect(table.status == 0, "\(table.stderr)")
        #expect(table.stdout.contains("Bea Beheer") && table.stdout.contains(L10n.t("auditAction.store-created", language: .nl)))
        #expect(table.stdout.contains("intact"))
        // A malformed date is refused before the passphrase is asked (none given here).
        let badDate = try SchakelBinary.run(["audit", "--store", admin, "--from", "31-02-2026"])
        #expect(badDate.status == 1 && badDate.stderr.contains("geen geldige datum"), "\(badDate.stderr)")
        let reversed = try SchakelBinary.run(["audit", "--store", admin, "--from", "2026-11-22", "--to", "01-11-2026"])
        #expect(reversed.status == 1 && reversed.stderr.contains("22-11-2026"))
        let badFormat = try SchakelBinary.run(["audit", "--store", admin, "--format", "xlsx"])
        #expect(badFormat.status == 1 && badFormat.stderr.contains("xlsx"))
        // Filters: an unknown user is an error; a period without entries gives none.
        let nobody = try SchakelBinary.run(["audit", "--store", admin, "--user", "Niemand"], passphrase: Self.passphrase)
        #expect(nobody.status == 1 && nobody.stderr.contains("Niemand"))
        let empty = try SchakelBinary.run(["audit", "--store", admin, "--to", "01-01-2026"], passphrase: Self.passphrase)
        #expect(empty.status == 0 && empty.stdout.contains(L10n.t("audit.count", 0, 1, language: .nl)))
        // CSV to a new owner-only file, read back; never over an existing file.
        let out = dir.appendingPathComponent("audit.csv").path
        let csv = try SchakelBinary.run(["audit", "--store", admin, "--user", "bea beheer", "--format", "csv-nl", "--bom", "--out", out],
                                        passphrase: Self.passphrase)
        #expect(csv.status == 0, "\(csv.stderr)")
        #expect(try Self.mode(out) == 0o600)
        let rows = try CSV.parse(try Data(contentsOf: URL(fileURLWithPath: out)))
        #expect(rows.count == 2 && rows[1][3] == L10n.t("auditAction.store-created", language: .nl))
        let again = try SchakelBinary.run(["audit", "--store", admin, "--format", "csv", "--out", out], passphrase: Self.passphrase)
        #expect(again.status == 1)
        // The export itself is in the log, and the action can be asked by its label.
        let exports = try SchakelBinary.run(["audit", "--store", admin, "--action", "Log geëxporteerd"], passphrase: Self.passphrase)
        #expect(exports.status == 0 && exports.stdout.contains("Log geëxporteerd") && exports.stdout.contains("audit csv-nl"), "\(exports.stdout)")
        // English on request.
        let en = try SchakelBinary.run(["--lang", "en", "audit", "--store", admin, "--format", "md"], passphrase: Self.passphrase)
        #expect(en.status == 0 && en.stdout.contains("# Audit log") && en.stdout.contains("Store created"), "\(en.stderr)")
    }

    @Test func registerAndInzageOnTheDemoStore() throws {
        let dir = SchakelBinary.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let demo = try Self.demo(dir)
        // The demo shares three cases with a colleague's laptop: bundle rows in the register.
        let register = dir.appendingPathComponent("register.csv").path
        let listed = try SchakelBinary.run(["verstrekkingen", "--store", demo, "--format", "csv", "--out", register], passphrase: "demo")
        #expect(listed.status == 0, "\(listed.stderr)")
        let rows = try CSV.parse(try Data(contentsOf: URL(fileURLWithPath: register)))
        let bundleRows = rows.filter { $0.last == L10n.t("register.source.bundle", language: .nl) }
        #expect(bundleRows.count >= 1)
        let code = try #require(bundleRows.first?[1])
        let table = try SchakelBinary.run(["verstrekkingen", "--store", demo, "--case", code], passphrase: "demo")
        #expect(table.status == 0 && table.stdout.contains(code) && table.stdout.contains("DEMO"))
        // Inzage: --out is required; the file is new and owner-only; the act is recorded.
        let missing = try SchakelBinary.run(["inzage", code, "--store", demo], passphrase: "demo")
        #expect(missing.status == 1 && missing.stderr.contains("--out"))
        let doc = dir.appendingPathComponent("inzage.md").path
        let written = try SchakelBinary.run(["inzage", code, "--store", demo, "--out", doc], passphrase: "demo")
        #expect(written.status == 0, "\(written.stderr)")
        #expect(try Self.mode(doc) == 0o600)
        let text = try String(contentsOfFile: doc, encoding: .utf8)
        #expect(text.contains("# Inzage in uw gegevens — \(code)") && text.contains(L10n.t("inzage.colleagueDevice", language: .nl)))
        let twice = try SchakelBinary.run(["inzage", code, "--store", demo, "--out", doc], passphrase: "demo")
        let unchanged = try String(contentsOfFile: doc, encoding: .utf8)
        #expect(twice.status == 1 && unchanged == text)
        let after = try SchakelBinary.run(["verstrekkingen", "--store", demo, "--case", code, "--format", "md"], passphrase: "demo")
        #expect(after.stdout.contains(L10n.t("register.purpose.inzage", language: .nl)) && after.stdout.contains("AVG art. 15"))
        let check = try SchakelBinary.run(["check", "--store", demo], passphrase: "demo")
        #expect(check.status == 0, "\(check.stdout)")
    }
}
