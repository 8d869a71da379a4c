import Foundation
import Testing
import Core

/// The real binary, end to end. Serialized: these tests start processes and share the demo fixture.
@Suite(.serialized) struct CommandLineTests {
    static let demoDir: URL = {
        let dir = SchakelBinary.tempDir()
        _ = try? SchakelBinary.run(["demo", "--store", dir.path, "--test-only-cheap-kdf"])
        return dir
    }()

    @Test func helpIsDutchByDefaultAndEnglishWithLang() throws {
        let nl = try SchakelBinary.run(["--help"])
        #expect(nl.status == 0)
        #expect(nl.stdout.contains("casusregie"))
        #expect(nl.stdout.contains("demo"))
        let en = try SchakelBinary.run(["--help", "--lang", "en"])
        #expect(en.stdout.contains("case management"))
        let sub = try SchakelBinary.run(["case", "list", "--help", "--lang=en"])
        #expect(sub.stdout.contains("Names appear only with --names"))
    }

    @Test func listShowsCodesNotNamesUnlessAsked() throws {
        let dir = Self.demoDir.path
        let store = try Store.open(at: StoreLocation(path: dir), passphrase: "demo", mode: .read)
        let summaries = try store.summaries()
        store.close()
        let list = try SchakelBinary.run(["case", "list", "--all", "--store", dir], passphrase: "demo")
        #expect(list.status == 0, "\(list.stderr)")
        #expect(list.stdout.hasPrefix("DEMO"))
        #expect(list.stdout.contains(summaries[0].code.description))
        let familyNames = Set(summaries.map(\.familyName).filter { $0.count >= 4 })
        for name in familyNames { #expect(!list.stdout.contains(name)) }
        let named = try SchakelBinary.run(["case", "list", "--all", "--names", "--store", dir], passphrase: "demo")
        #expect(familyNames.contains { named.stdout.contains($0) })

        let target = summaries.first { $0.phase == .traject }!
        let show = try SchakelBinary.run(["case", "show", target.code.description, "--store", dir], passphrase: "demo")
        #expect(show.status == 0, "\(show.stderr)")
        #expect(show.stdout.contains(target.code.description))
        #expect(!show.stdout.contains(target.familyName))
        #expect(show.stdout.contains(L10n.t("show.identifyingHidden", language: .nl)))
        let showNames = try SchakelBinary.run(["case", "show", target.code.description, "--names", "--store", dir], passphrase: "demo")
        #expect(showNames.stdout.contains(target.familyName))
        let misread = try SchakelBinary.run(["case", "show", "MH-2026-00000", "--store", dir], passphrase: "demo")
        #expect(misread.status != 0)
    }

    @Test func wrongPassphraseAndMissingStoreGiveClearErrors() throws {
        let wrong = try SchakelBinary.run(["case", "list", "--store", Self.demoDir.path], passphrase: "niet het goede wachtwoord")
        #expect(wrong.status == 4)
        #expect(wrong.stderr.contains("Onjuiste wachtwoordzin"))
        #expect(wrong.stdout.isEmpty)
        let missing = try SchakelBinary.run(["case", "list", "--store", "/nonexistent/schakel"], passphrase: "x")
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("schakel init"))
        let english = try SchakelBinary.run(["check", "--store", "/nonexistent/schakel", "--lang", "en"], passphrase: "x")
        #expect(english.stderr.contains("No store found"))
    }

    @Test func initValidatesThePassphraseAndNeverOverwrites() throws {
        let dir = SchakelBinary.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let short = try SchakelBinary.run(["init", "--store", dir.path, "--test-only-cheap-kdf"], passphrase: "kort")
        #expect(short.status == 1)
        #expect(!FileManager.default.fileExists(atPath: dir.appendingPathComponent("schakel.sqlite").path))
        let file = dir.deletingLastPathComponent().appendingPathComponent("pp-\(UUID().uuidString)")
        try "een lange goede wachtzin\n".write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let ok = try SchakelBinary.run(["init", "--store", dir.path, "--test-only-cheap-kdf", "--role", "voorzitter", "--passphrase-file", file.path])
        #expect(ok.status == 0, "\(ok.stderr)")
        let again = try SchakelBinary.run(["init", "--store", dir.path, "--test-only-cheap-kdf", "--passphrase-file", file.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("niets overschreven"))
        let check = try SchakelBinary.run(["check", "--store", dir.path, "--passphrase-file", file.path])
        #expect(check.status == 0, "\(check.stderr)")
        let passwd = try SchakelBinary.run(["passwd", "--store", dir.path, "--passphrase-file", file.path],
                                           env: ["SCHAKEL_NEW_PASSPHRASE": "nog een andere wachtzin"])
        #expect(passwd.status == 0, "\(passwd.stderr)")
        #expect(try SchakelBinary.run(["check", "--store", dir.path, "--passphrase-file", file.path]).status == 4)
        #expect(try SchakelBinary.run(["check", "--store", dir.path], passphrase: "nog een andere wachtzin").status == 0)
    }

    /// `case list --worklist`: only cases with a signal, most urgent first, no names.
    @Test func worklistListsSignalsMostUrgentFirst() throws {
        let r = try SchakelBinary.run(["case", "list", "--all", "--worklist", "--store", Self.demoDir.path], passphrase: "demo")
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").filter { CaseCode(String($0.prefix(13))) != nil }
        #expect(rows.count > 10)
        #expect(rows.allSatisfy { $0.contains("!") || $0.contains("⧗") || $0.contains("?") })
        // "!" (late) rows come before "⧗" (deadline running) and "?" (missing) rows.
        let firstNotLate = rows.firstIndex { !$0.contains(" ! ") } ?? rows.count
        #expect(rows[firstNotLate...].allSatisfy { row in !row.split(separator: " ").contains("!") || row.contains("⧗") || row.contains("?") })
        #expect(rows.first?.contains("! ") == true)
        let store = try Store.open(at: StoreLocation(path: Self.demoDir.path), passphrase: "demo", mode: .read)
        let names = Set(try store.summaries().map(\.familyName).filter { $0.count >= 5 })
        store.close()
        #expect(!names.contains { r.stdout.contains($0) })
    }

    @Test func demoRefusesToReplaceARealStore() throws {
        let dir = SchakelBinary.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        #expect(try SchakelBinary.run(["init", "--store", dir.path, "--test-only-cheap-kdf"], passphrase: "een lange goede wachtzin").status == 0)
        let r = try SchakelBinary.run(["demo", "--store", dir.path, "--replace", "--test-only-cheap-kdf"])
        #expect(r.status != 0)
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("schakel.sqlite").path))
    }

    @Test func notesComeFromStdinAndHostileTextIsRefused() throws {
        let dir = Self.demoDir.path
        let list = try SchakelBinary.run(["case", "list", "--all", "--store", dir], passphrase: "demo")
        let code = try #require(list.stdout.split(separator: "\n").compactMap { CaseCode(String($0.prefix(13))) }.first)
        let ok = try SchakelBinary.run(["case", "note", code.description, "--store", dir], passphrase: "demo", stdin: "Gesprek gehad.\nVolgende week verder.")
        #expect(ok.status == 0, "\(ok.stderr)")
        let hostile = try SchakelBinary.run(["case", "note", code.description, "--store", dir], passphrase: "demo", stdin: "x\u{1b}]0;title\u{7}\u{1b}[2J")
        #expect(hostile.status == 1)
        #expect(hostile.stderr.contains("stuurtekens"))
        #expect(!hostile.stderr.contains("\u{1b}"))
        let show = try SchakelBinary.run(["case", "show", code.description, "--store", dir], passphrase: "demo")
        #expect(show.stdout.contains("Volgende week verder."))
    }

    /// The CoMensha export, read back by Python's standard csv module, has the data set's
    /// columns and not a single client name.
    @Test func comenshaExportReadsBackWithoutNames() throws {
        let dir = Self.demoDir.path
        let store = try Store.open(at: StoreLocation(path: dir), passphrase: "demo", mode: .read)
        let names = Set(try store.summaries().flatMap { [$0.givenNames, $0.familyName] + $0.aliases }.filter { $0.count >= 4 })
        store.close()
        let out = SchakelBinary.tempDir().appendingPathExtension("csv")
        defer { try? FileManager.default.removeItem(at: out) }
        let r = try SchakelBinary.run(["export", "comensha", "--status", "alle", "--semicolon", "--bom", "--out", out.path, "--store", dir], passphrase: "demo")
        #expect(r.status == 0, "\(r.stderr)")
        let again = try SchakelBinary.run(["export", "comensha", "--out", out.path, "--store", dir], passphrase: "demo")
        #expect(again.status == 1) // never overwrites
        let python = Process()
        python.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        python.arguments = ["python3", "-c", """
            import csv, sys
            with open(sys.argv[1], newline='', encoding='utf-8-sig') as f:
                rows = list(csv.reader(f, delimiter=';'))
            assert rows[0][0] == 'casuscode', rows[0]
            assert all(len(r) == len(rows[0]) for r in rows), 'ragged'
            print(len(rows) - 1)
            for r in rows:
                for c in r:
                    print(c)
            """, out.path]
        let pipe = Pipe()
        python.standardOutput = pipe
        try python.run()
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        python.waitUntilExit()
        #expect(python.terminationStatus == 0)
        // Every case past intake (signals are not registered), one per person.
        #expect((380...460).contains(Int(text.split(separator: "\n").first ?? "") ?? 0))
        let cells = Set(text.split(separator: "\n").map(String.init))
        for name in names { #expect(!cells.contains(where: { $0.contains(name) }), "\(name)") }
    }

    @Test func comenshaStatusCanBeSetPerCase() throws {
        let dir = Self.demoDir.path
        let list = try SchakelBinary.run(["case", "list", "--all", "--store", dir], passphrase: "demo")
        let code = try #require(list.stdout.split(separator: "\n").compactMap { CaseCode(String($0.prefix(13))) }.first)
        let ok = try SchakelBinary.run(["case", "comensha", code.description, "--status", "teruggekoppeld", "--store", dir], passphrase: "demo")
        #expect(ok.status == 0, "\(ok.stderr)")
        let store = try Store.open(at: StoreLocation(path: dir), passphrase: "demo", mode: .read)
        defer { store.close() }
        let caseID = try #require(try store.caseID(code: code))
        #expect(try store.caseFile(caseID).comensha?.status == "teruggekoppeld")
        let bad = try SchakelBinary.run(["case", "comensha", code.description, "--status", "verzonnen", "--store", dir], passphrase: "demo")
        #expect(bad.status == 1)
    }
}
