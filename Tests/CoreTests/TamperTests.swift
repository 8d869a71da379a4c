import Foundation
import Testing
import GRDB
@testable import Core

/// Someone with the file but without the passphrase edits it; `check` must notice.
@Suite struct TamperTests {
    func prepared() throws -> (StoreLocation, UUID) {
        let store = try TestStore.make()
        let (id, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        try store.write { tx in
            try tx.addNote(id, text: "een", on: TestStore.today)
            try tx.addNote(id, text: "twee", on: TestStore.today)
        }
        let location = store.location
        store.close()
        return (location, id)
    }

    func tamper(_ location: StoreLocation, _ sql: String) throws {
        try TestStore.editFile(location, sql: sql)
    }

    func problems(_ location: StoreLocation) throws -> [String] {
        let store = try Store.open(at: location, passphrase: TestStore.passphrase, mode: .read)
        defer { store.close(); try? FileManager.default.removeItem(at: location.directory) }
        return try store.check().problems
    }

    @Test func untouchedStorePasses() throws {
        let (location, _) = try prepared()
        #expect(try problems(location).isEmpty)
    }

    @Test func editedEventMetadataBreaksTheChain() throws {
        let (location, _) = try prepared()
        try tamper(location, "UPDATE event SET hlc = hlc + 1 WHERE seq = 3")
        #expect(try problems(location).contains { $0.contains(L10n.t("check.chainBroken", 3)) })
    }

    @Test func swappedPayloadDoesNotDecrypt() throws {
        let (location, _) = try prepared()
        try tamper(location, "UPDATE event SET payload = (SELECT payload FROM event WHERE seq = 2) WHERE seq = 4")
        #expect(try problems(location).contains { $0 == L10n.t("check.undecryptable", 1) })
    }

    @Test func deletedLastEventIsDetectedByTheSignedHead() throws {
        let (location, _) = try prepared()
        try tamper(location, "DELETE FROM event WHERE seq = (SELECT MAX(seq) FROM event)")
        let p = try problems(location)
        #expect(p.contains(L10n.t("check.headSignature")))
    }

    @Test func rewrittenStateIsDetected() throws {
        let (location, id) = try prepared()
        try tamper(location, "UPDATE entity_state SET event_id = (SELECT id FROM event WHERE seq = 1) WHERE field_group = 'phase'")
        _ = id
        #expect(try problems(location).contains { $0.hasPrefix(L10n.t("check.stateMismatch", 1)) })
    }

    @Test func editedPlaintextColumnIsDetected() throws {
        let (location, _) = try prepared()
        try tamper(location, "UPDATE case_index SET phase = 'afgesloten'")
        #expect(try problems(location).contains { $0.hasPrefix(String(L10n.t("check.caseSummary", "", 1).prefix(20))) })
    }

    @Test func deletedAuditEntryIsDetected() throws {
        let (location, _) = try prepared()
        try tamper(location, "DELETE FROM audit WHERE seq = 2")
        #expect(try problems(location).contains(L10n.t("check.auditBroken", 3)))
    }

    /// A row replaced by another (validly sealed) row: `check` and the audit view name the entry,
    /// and the view still lists the rest.
    @Test func modifiedAuditRowIsNamedByCheckAndTheAuditView() throws {
        let (location, _) = try prepared()
        try tamper(location, "UPDATE audit SET entry = (SELECT entry FROM audit WHERE seq = 1) WHERE seq = 2")
        let store = try Store.open(at: location, passphrase: TestStore.passphrase, mode: .read)
        defer { store.close(); try? FileManager.default.removeItem(at: location.directory) }
        let status = try store.verifyAuditChain()
        #expect(status.firstBroken == 2 && !status.isIntact && status.text.contains(L10n.t("check.auditBroken", 2)))
        #expect(try store.check().problems.contains(L10n.t("check.auditBroken", 2)))
        let rows = try store.auditRows(AuditFilter())
        #expect(rows.count == status.entries && rows[1].action == AuditQuery.unreadableAction && rows[2].action == "case-changed")
    }

    @Test func truncatedAuditTailIsDetected() throws {
        let (location, _) = try prepared()
        try tamper(location, "DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)")
        #expect(try problems(location).contains(L10n.t("check.auditHead")))
    }

    @Test func corruptFileGivesAClearError() throws {
        let (location, _) = try prepared()
        defer { try? FileManager.default.removeItem(at: location.directory) }
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: location.databaseURL.path + "-wal"))
        try? FileManager.default.removeItem(at: URL(fileURLWithPath: location.databaseURL.path + "-shm"))
        var bytes = try Data(contentsOf: location.databaseURL)
        for i in 0..<min(4096, bytes.count) { bytes[i] = 0x5A }
        try bytes.write(to: location.databaseURL)
        #expect(throws: SchakelError.self) { _ = try Store.open(at: location, passphrase: TestStore.passphrase) }
    }

    @Test func tamperedKDFParametersAreRefused() throws {
        let (location, _) = try prepared()
        defer { try? FileManager.default.removeItem(at: location.directory) }
        try tamper(location, "UPDATE meta SET value = CAST('{\"logN\":40,\"r\":8,\"p\":1}' AS BLOB) WHERE key = 'kdf'")
        #expect(throws: SchakelError.self) { _ = try Store.open(at: location, passphrase: TestStore.passphrase) }
    }
}

/// Attacks found in review: an attacker with the file but not the passphrase re-signs
/// with their own key, or removes the whole audit log.
@Suite struct ResigningTamperTests {
    @Test func replacingTheDeviceKeyAndResigningIsDetected() throws {
        let store = try TestStore.make()
        try store.write { tx in _ = try tx.openCase(TestStore.newCase(store)) }
        let location = store.location
        store.close()
        let forger = DeviceSigner()
        try TestStore.editFile(location) { db in
            try db.execute(sql: "DELETE FROM audit WHERE seq = (SELECT MAX(seq) FROM audit)")
            let last = try Row.fetchOne(db, sql: "SELECT seq, mac FROM audit ORDER BY seq DESC LIMIT 1")!
            let message = AuditEntry.headMessage(seq: last["seq"], mac: last["mac"])
            try db.execute(sql: "UPDATE audit_head SET seq = ?, mac = ?, signature = ?", arguments: [last["seq"] as Int64, last["mac"] as Data, forger.sign(message)])
            try db.execute(sql: "UPDATE device SET signing_public_key = ?", arguments: [forger.publicKey])
        }
        let reopened = try Store.open(at: location, passphrase: TestStore.passphrase, mode: .read)
        defer { reopened.close(); try? FileManager.default.removeItem(at: location.directory) }
        let problems = try reopened.check().problems
        #expect(problems.contains(L10n.t("check.deviceKeyReplaced")))
        #expect(problems.contains(L10n.t("check.auditHead")))
    }

    @Test func removingTheWholeAuditLogIsDetected() throws {
        let store = try TestStore.make()
        let location = store.location
        store.close()
        try TestStore.editFile(location, sql: "DELETE FROM audit; DELETE FROM audit_head;")
        let reopened = try Store.open(at: location, passphrase: TestStore.passphrase, mode: .read)
        defer { reopened.close(); try? FileManager.default.removeItem(at: location.directory) }
        #expect(try reopened.check().problems.contains(L10n.t("check.auditHead")))
    }

    @Test func implausibleBirthDatesAreRefused() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        #expect(throws: SchakelError.self) {
            try store.write { tx in _ = try tx.openCase(TestStore.newCase(store, birth: .estimatedYear(2190))) }
        }
        #expect(throws: SchakelError.self) {
            try store.write { tx in _ = try tx.openCase(TestStore.newCase(store, birth: .exact(CalendarDate(year: 2027, month: 1, day: 1)!))) }
        }
        #expect(BirthDate.estimatedYear(2190).eighteenthBirthday.year == 2200)
    }
}

@Suite struct MetaTamperTests {
    @Test func flippingTheRoleOrDemoFlagIsRefused() throws {
        let store = try TestStore.make(role: .beheerder)
        let location = store.location
        store.close()
        #expect(!Store.isVerifiedDemoStore(at: location))
        try TestStore.editFile(location) { db in
            try db.execute(sql: "UPDATE meta SET value = CAST('zorgcoordinator' AS BLOB) WHERE key = 'role'")
            try db.execute(sql: "UPDATE meta SET value = CAST('1' AS BLOB) WHERE key = 'demo'")
        }
        #expect(Store.isDemoStore(at: location))          // the plaintext flag says so...
        #expect(!Store.isVerifiedDemoStore(at: location))  // ...but it is not a demo store
        #expect(throws: SchakelError.self) { _ = try Store.open(at: location, passphrase: TestStore.passphrase, mode: .read) }
        try? FileManager.default.removeItem(at: location.directory)
    }

    @Test func aRealDemoStoreIsVerified() throws {
        let (store, _) = try DemoGenerator(scale: 1, seed: 3, today: TestStore.today)
            .create(at: StoreLocation(directory: TestStore.directory()), kdf: .testOnlyCheap, clock: FixedClock(TestStore.today.date))
        defer { TestStore.remove(store) }
        store.close()
        #expect(Store.isVerifiedDemoStore(at: store.location))
    }
}
