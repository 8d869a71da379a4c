import Foundation
import Testing
import Core

/// `schakel report` and `schakel retention` on a real demo store, as a user runs them.
@Suite(.serialized) struct ReportCommandTests {
    static func demo() throws -> (store: String, dir: URL) {
        let dir = SchakelBinary.tempDir()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let store = dir.appendingPathComponent("demo").path
        let r = try SchakelBinary.run(["demo", "--store", store, "--test-only-cheap-kdf"])
        #expect(r.status == 0, "\(r.stderr)")
        return (store, dir)
    }

    @Test func figuresOnScreenAndAsCSVReadBackByPython() throws {
        let (store, dir) = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let screen = try SchakelBinary.run(["report", "--store", store, "--by", "uitbuitingsvorm,leeftijd"], passphrase: "demo")
        #expect(screen.status == 0, "\(screen.stderr)")
        #expect(screen.stdout.contains("Nieuwe signalen naar uitbuitingsvorm") && screen.stdout.contains("2026-K4"))
        #expect(screen.stdout.contains("<5"))
        // No figure from 1 to 4 ever shows as a number.
        for line in screen.stdout.split(separator: "\n") where line.contains("2026-K") == false {
            for cell in line.split(separator: " ") { if let n = Int(cell) { #expect(n == 0 || n >= 5, "\(line)") } }
        }
        let csv = dir.appendingPathComponent("cijfers.csv").path
        let r = try SchakelBinary.run(["report", "--store", store, "--per", "jaar", "--format", "csv-nl", "--bom", "--out", csv], passphrase: "demo")
        #expect(r.status == 0, "\(r.stderr)")
        let attributes = try FileManager.default.attributesOfItem(atPath: csv)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
        // Python's csv module reads it back: every row has the same number of columns, small counts are "<5" or "x".
        let script = """
            import csv, sys
            rows = list(csv.reader(open(sys.argv[1], encoding='utf-8-sig', newline=''), delimiter=';'))
            assert len({len(r) for r in rows}) == 1, 'ragged'
            for r in rows[1:]:
                for c in r[2:]:
                    assert c in ('<5', 'x') or int(c) == 0 or int(c) >= 5, c
            print(len(rows), rows[0][0], rows[0][-1])
            """
        let py = Process()
        py.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        py.arguments = ["python3", "-c", script, csv]
        let out = Pipe()
        py.standardOutput = out
        try py.run()
        let printed = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        py.waitUntilExit()
        #expect(py.terminationStatus == 0, "\(printed)")
        #expect(printed.contains("tabel") && printed.contains("Totaal"))
        // Never over an existing file; the export is in the audit log (the beheerder could see it).
        let again = try SchakelBinary.run(["report", "--store", store, "--format", "csv", "--out", csv], passphrase: "demo")
        #expect(again.status == 1)
        // A reading command leaves its audit entry in the inbox; the next writer chains it.
        let s = try Store.open(at: StoreLocation(path: store), passphrase: "demo", mode: .write)
        defer { s.close() }
        #expect(try s.auditEntries().contains { $0.action == "report-exported" })
    }

    @Test func badOptionsGetAClearErrorAndTheMaatjescoordinatorNoFigures() throws {
        let (store, dir) = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        for (args, text) in [(["--per", "week"], "--per"), (["--from", "31-02-2026"], "datum"), (["--by", "schoenmaat"], "schoenmaat"),
                             (["--from", "01-06-2026", "--to", "01-01-2026"], "ligt na"), (["--format", "xls"], "xls"),
                             (["--out", dir.appendingPathComponent("x.txt").path], "tabel"),
                             // The threshold can be raised, never lowered: it protects people.
                             (["--threshold", "2"], "drempel")] {
            let r = try SchakelBinary.run(["report", "--store", store] + args, passphrase: "demo")
            #expect(r.status == 1 && r.stderr.lowercased().contains(text.lowercased()), "\(args): \(r.stderr)")
        }
        #expect(try SchakelBinary.run(["report", "--store", store, "--threshold", "10"], passphrase: "demo").stdout.contains("<10"))
        // Dates become whole periods, and the report says which (a later end than today counts to today).
        let rounded = try SchakelBinary.run(["report", "--store", store, "--from", "15-02-2026", "--to", "20-05-2030", "--by", "gender"], passphrase: "demo")
        #expect(rounded.status == 0 && rounded.stderr.contains("01-01-2026 t/m 31-12-2026 (2026-K1 t/m 2026-K4)"), "\(rounded.stderr)")
        let team = try SchakelBinary.run(["report", "team", "--store", store, "--format", "md"], passphrase: "demo")
        #expect(team.status == 0 && team.stdout.contains("| Zorgcoördinator |") && team.stdout.contains("| Totaal |"), "\(team.stderr)")
        let other = dir.appendingPathComponent("m").path
        _ = try SchakelBinary.run(["init", "--store", other, "--role", "maatjescoordinator", "--name", "Mo", "--organisation", "stek", "--test-only-cheap-kdf"],
                                  passphrase: "correct horse battery staple")
        let refused = try SchakelBinary.run(["report", "--store", other], passphrase: "correct horse battery staple")
        #expect(refused.status == 1 && refused.stderr.contains("maatjes"), "\(refused.stderr)")
    }

    @Test func retentionListAnonymiseAndTheFiguresStillCount() throws {
        let (store, dir) = try Self.demo()
        defer { try? FileManager.default.removeItem(at: dir) }
        let list = try SchakelBinary.run(["retention", "--store", store], passphrase: "demo")
        #expect(list.status == 0, "\(list.stderr)")
        let code = try #require(list.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first }.first { $0.hasPrefix("MH-") })
        let before = try SchakelBinary.run(["report", "--store", store, "--per", "jaar", "--from", "01-01-2018", "--by", "afsluitreden", "--format", "csv"],
                                           passphrase: "demo")
        let wrong = try SchakelBinary.run(["retention", "anonymise", String(code), "--confirm", "MH-2019-AAAAA", "--store", store], passphrase: "demo")
        #expect(wrong.status == 1)
        let done = try SchakelBinary.run(["retention", "anonymise", String(code), "--confirm", String(code), "--store", store], passphrase: "demo")
        #expect(done.status == 0, "\(done.stderr)")
        let shown = try SchakelBinary.run(["case", "show", String(code), "--store", store], passphrase: "demo")
        #expect(shown.status != 0)
        let after = try SchakelBinary.run(["report", "--store", store, "--per", "jaar", "--from", "01-01-2018", "--by", "afsluitreden", "--format", "csv"],
                                          passphrase: "demo")
        #expect(after.stdout == before.stdout && !after.stdout.isEmpty)
        let listAfter = try SchakelBinary.run(["retention", "--store", store], passphrase: "demo")
        #expect(!listAfter.stdout.contains(String(code)))
        // Erasing the next one asks for the code the same way; a wrong code erases nothing.
        let next = try #require(listAfter.stdout.split(separator: "\n").compactMap { $0.split(separator: " ").first }.first { $0.hasPrefix("MH-") })
        let refused = try SchakelBinary.run(["case", "erase", String(next), "--confirm", "MH-2019-AAAAA", "--store", store], passphrase: "demo")
        let stillThere = try SchakelBinary.run(["case", "show", String(next), "--store", store], passphrase: "demo")
        #expect(refused.status == 1 && stillThere.status == 0)
        let erased = try SchakelBinary.run(["case", "erase", String(next), "--confirm", String(next), "--store", store], passphrase: "demo")
        let gone = try SchakelBinary.run(["case", "show", String(next), "--store", store], passphrase: "demo")
        #expect(erased.status == 0 && gone.status != 0, "\(erased.stderr)")
        let set = try SchakelBinary.run(["retention", "set", "--adult", "0", "--store", store], passphrase: "demo")
        #expect(set.status == 1)
    }
}
