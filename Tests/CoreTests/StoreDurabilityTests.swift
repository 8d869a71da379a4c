import Foundation
import Testing
import GRDB
@testable import Core

/// What makes an acknowledged write durable (docs/FAULTS.md): the writer syncs the WAL at
/// every commit, and a clean close folds the WAL back into the database file.
@Suite struct StoreDurabilityTests {
    @Test func theWriterSyncsEveryCommit() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        // 2 = FULL. GRDB's pool would leave its writer at NORMAL (1): commits that are not on
        // disk until the next checkpoint, lost if the power goes.
        #expect(try store.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
        let location = store.location
        store.close()
        let reopened = try Store.open(at: location, passphrase: TestStore.passphrase, clock: FixedClock(TestStore.today.date))
        defer { reopened.close() }
        #expect(try reopened.pool.writeWithoutTransaction { try Int.fetchOne($0, sql: "PRAGMA synchronous") } == 2)
    }

    @Test func aCleanCloseLeavesEverythingInTheDatabaseFile() throws {
        let store = try TestStore.make()
        let (id, code) = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        try store.write { tx in _ = try tx.addNote(id, text: "na het sluiten in het bestand", on: TestStore.today) }
        // A read opens a reader connection, as every command and the interface do: with one
        // open, SQLite's own checkpoint when the writer closes does not happen.
        #expect(try store.pool.read { try Int.fetchOne($0, sql: "SELECT count(*) FROM case_index") } == 1)
        let location = store.location
        store.close()
        defer { try? FileManager.default.removeItem(at: location.directory) }
        let wal = location.databaseURL.path + "-wal"
        let walSize = (try? FileManager.default.attributesOfItem(atPath: wal)[.size] as? NSNumber)?.intValue ?? 0
        #expect(walSize == 0, "the WAL is folded back and emptied on close")
        // The database file alone (no -wal, no -shm) holds every commit.
        let alone = TestStore.directory()
        try FileManager.default.createDirectory(at: alone, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: alone) }
        try FileManager.default.copyItem(at: location.databaseURL, to: StoreLocation(directory: alone).databaseURL)
        let copy = try Store.open(at: StoreLocation(directory: alone), passphrase: TestStore.passphrase, mode: .read,
                                  clock: FixedClock(TestStore.today.date))
        defer { copy.close() }
        let found = try #require(try copy.caseID(code: code))
        #expect(try copy.caseFile(found).notes.values.map(\.text) == ["na het sluiten in het bestand"])
        #expect(try copy.check().ok)
    }
}
