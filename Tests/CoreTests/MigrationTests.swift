import Foundation
import Testing
import GRDB
@testable import Core

/// The store evolves, it is never rebuilt: every committed store file of an earlier
/// schema version (Fixtures/stores/<last migration>/) must open, migrate and check out.
@Suite(.serialized) struct MigrationTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/stores")

    struct Expected: Codable { let passphrase: String; let code: String; let familyName: String; let notes: Int }

    @Test func emptyStoreGetsEveryMigration() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let applied = try store.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
        #expect(applied == Migrations.names)
        #expect(Migrations.names.allSatisfy { $0.range(of: #"^\d{4}-\d{2}-\d{2}-[a-z0-9-]+$"#, options: .regularExpression) != nil })
    }

    @Test func everyCommittedStoreVersionOpens() throws {
        let versions = try FileManager.default.contentsOfDirectory(atPath: Self.fixtures.path).sorted()
        // One fixture per schema version: the newest migration always has one.
        #expect(versions.contains(Migrations.names.last!))
        for version in versions {
            let source = Self.fixtures.appendingPathComponent(version)
            let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf: source.appendingPathComponent("expected.json")))
            let dir = TestStore.directory()
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
            try FileManager.default.copyItem(at: source.appendingPathComponent("schakel.sqlite"), to: dir.appendingPathComponent("schakel.sqlite"))
            defer { try? FileManager.default.removeItem(at: dir) }
            let store = try Store.open(at: StoreLocation(directory: dir), passphrase: expected.passphrase, mode: .write)
            defer { store.close() }
            let applied = try store.pool.read { try String.fetchAll($0, sql: "SELECT identifier FROM grdb_migrations") }
            #expect(applied == Migrations.names, "\(version) migrated")
            let report = try store.check()
            #expect(report.ok, "\(version): \(report.problems)")
            let code = try #require(CaseCode(expected.code))
            let id = try #require(try store.caseID(code: code))
            let file = try store.caseFile(id)
            #expect(file.identity?.familyName == expected.familyName)
            #expect(file.notes.count == expected.notes)
            // Summaries of older formats are re-sealed at open: fields added since are filled.
            #expect(try store.summaries().first?.referrerType == file.referral?.referrerType)
            // And it keeps working after the upgrade.
            try store.write { tx in try tx.addNote(id, text: "na upgrade", on: TestStore.today) }
            #expect(try store.check().ok)
        }
    }

    @Test func storeFromANewerSchemaIsRefusedUntouched() throws {
        let store = try TestStore.make()
        let location = store.location
        store.close()
        try TestStore.editFile(location, sql: "INSERT INTO grdb_migrations VALUES ('2099-01-01-from-the-future')")
        let before = try LogicalDump.of(location.databaseURL)
        #expect(throws: SchakelError(.newerSchema, L10n.t("error.newerSchema"))) {
            _ = try Store.open(at: location, passphrase: TestStore.passphrase)
        }
        #expect(try LogicalDump.of(location.databaseURL) == before)
        try? FileManager.default.removeItem(at: location.directory)
    }

    /// Writes the fixture for the current schema version when asked to
    /// (`SCHAKEL_WRITE_FIXTURES=1 swift test --filter writeFixture`). Commit the result;
    /// never edit or regenerate an existing version's fixture.
    @Test func writeFixture() throws {
        guard ProcessInfo.processInfo.environment["SCHAKEL_WRITE_FIXTURES"] == "1" else { return }
        let target = Self.fixtures.appendingPathComponent(Migrations.names.last!)
        guard !FileManager.default.fileExists(atPath: target.path) else { return }
        let dir = TestStore.directory()
        let store = try Store.create(at: StoreLocation(directory: dir), passphrase: TestStore.passphrase,
                                     options: .init(role: .zorgcoordinator, userName: "Fixture Coördinator", function: "Zorgcoördinator",
                                                    organisation: "shop", kdf: .testOnlyCheap), clock: FixedClock(TestStore.today.date))
        var rng = SeededRandom(seed: 7)
        let (id, code) = try store.write { tx in try tx.openCase(TestStore.newCase(store, given: "Łucja", family: "Wiśniewska"), rng: &rng) }
        try store.write { tx in
            try tx.addNote(id, text: "Fixture-notitie", on: TestStore.today)
            try tx.changePhase(id, to: .intake, on: TestStore.today)
            try tx.addItem(id, CareNetworkEntry(organisation: "ggd-haaglanden", role: "medisch"))
        }
        store.close()
        // One self-contained file: fold the WAL back in.
        let q = try DatabaseQueue(path: dir.appendingPathComponent("schakel.sqlite").path)
        try q.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode = DELETE; VACUUM") }
        try q.close()
        try FileManager.default.createDirectory(at: target, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: dir.appendingPathComponent("schakel.sqlite"), to: target.appendingPathComponent("schakel.sqlite"))
        let expected = Expected(passphrase: TestStore.passphrase, code: code.description, familyName: "Wiśniewska", notes: 1)
        let enc = JSONEncoder(); enc.outputFormatting = [.prettyPrinted, .sortedKeys]
        try enc.encode(expected).write(to: target.appendingPathComponent("expected.json"))
        try? FileManager.default.removeItem(at: dir)
    }
}
