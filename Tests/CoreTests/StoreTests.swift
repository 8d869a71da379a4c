import Foundation
import Testing
import GRDB
@testable import Core

@Suite struct StoreRoundTripTests {
    @Test func openCaseWriteReadAndReopen() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (id, code) = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        try store.write { tx in
            try tx.changePhase(id, to: .aanmelding, on: TestStore.today)
            try tx.addNote(id, text: "Eerste gesprek", on: TestStore.today)
            try tx.setBedenktijd(id, start: TestStore.today, end: TestStore.today.adding(months: 3))
            try tx.addItem(id, CaseAction(title: "Huisarts regelen", owner: "ggd-haaglanden", due: TestStore.today.adding(days: -1)))
        }
        let location = store.location
        store.close()

        let reopened = try Store.open(at: location, passphrase: TestStore.passphrase, clock: FixedClock(TestStore.today.date))
        defer { reopened.close() }
        #expect(try reopened.caseID(code: code) == id)
        let file = try reopened.caseFile(id)
        #expect(file.identity?.familyName == "Kowalczyk")
        #expect(file.phase?.phase == .aanmelding)
        #expect(file.notes.values.map(\.text) == ["Eerste gesprek"])
        let summary = try #require(try reopened.summaries(coordinator: reopened.userID).first)
        #expect(summary.code == code)
        #expect(summary.openActions == 1)
        #expect(summary.nextDue == TestStore.today.adding(days: -1))
        #expect(summary.bedenktijdEnd == TestStore.today.adding(months: 3))
        #expect(try reopened.check().ok)
        #expect(try reopened.currentUser?.name == "Test Coördinator")
    }

    @Test func invalidInputIsRejectedAndNothingIsWritten() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (id, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        let before = try store.eventCount()
        #expect(throws: SchakelError.self) {
            try store.write { tx in
                try tx.addNote(id, text: "geldig", on: TestStore.today)
                try tx.setBedenktijd(id, start: TestStore.today, end: TestStore.today.adding(days: 1, months: 3))
            }
        }
        #expect(throws: SchakelError.self) { try store.write { tx in try tx.changePhase(id, to: .traject, on: TestStore.today) } }
        #expect(throws: SchakelError.self) { try store.write { tx in try tx.changePhase(id, to: .afgesloten, on: TestStore.today) } }
        #expect(throws: SchakelError.self) {
            try store.write { tx in try tx.openCase(TestStore.newCase(store, given: "\u{1b}]0;pwned\u{7}")) }
        }
        #expect(throws: SchakelError.self) {
            try store.write { tx in try tx.openCase(TestStore.newCase(store, given: "", family: "")) }
        }
        // The half-done first transaction left nothing behind, and the store still checks out.
        #expect(try store.eventCount() == before)
        #expect(try store.caseFile(id).notes.isEmpty)
        #expect(try store.check().ok)
        // The in-memory chain head did not advance either: the next write still chains.
        try store.write { tx in try tx.addNote(id, text: "daarna", on: TestStore.today) }
        #expect(try store.check().ok)
    }

    @Test func closingNeedsAReasonAndReopeningWorks() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (id, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        try store.write { tx in
            try tx.changePhase(id, to: .afgesloten, on: TestStore.today, reason: "geen-mensenhandel")
            try tx.changePhase(id, to: .intake, on: TestStore.today, reason: "heropend")
        }
        #expect(try store.caseFile(id).phase?.phase == .intake)
    }

    @Test func minorsGetTheMinorTrack() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (id, _) = try store.write { tx in
            try tx.openCase(TestStore.newCase(store, birth: .exact(CalendarDate(year: 2010, month: 1, day: 1)!)))
        }
        #expect(try store.caseFile(id).track(on: TestStore.today) == .minor)
        #expect(try store.caseFile(id).track(on: CalendarDate(year: 2028, month: 1, day: 1)!) == .adult)
    }

    @Test func wrongPassphraseChangesNothing() throws {
        let store = try TestStore.make()
        try store.write { tx in _ = try tx.openCase(TestStore.newCase(store)) }
        let location = store.location
        store.close()
        let before = try LogicalDump.of(location.databaseURL)
        #expect(throws: SchakelError(.wrongPassphrase, L10n.t("error.wrongPassphrase"))) {
            _ = try Store.open(at: location, passphrase: "wrong horse battery staple")
        }
        #expect(try LogicalDump.of(location.databaseURL) == before)
        try? FileManager.default.removeItem(at: location.directory)
    }

    @Test func passphraseChangeRewrapsOnlyTheStoreKey() throws {
        let store = try TestStore.make()
        let (id, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        #expect(throws: SchakelError.self) { try store.changePassphrase(to: "kort") }
        try store.changePassphrase(to: "een heel andere wachtzin")
        let location = store.location
        store.close()
        #expect(throws: SchakelError.self) { _ = try Store.open(at: location, passphrase: TestStore.passphrase) }
        let reopened = try Store.open(at: location, passphrase: "een heel andere wachtzin")
        #expect(try reopened.caseFile(id).identity?.givenNames == "Ewa")
        #expect(try reopened.check().ok)
        TestStore.remove(reopened)
    }

    @Test func createRefusesToOverwrite() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        #expect(throws: SchakelError.self) {
            _ = try Store.create(at: store.location, passphrase: TestStore.passphrase,
                                 options: .init(role: .beheerder, userName: "", function: "", organisation: "", kdf: .testOnlyCheap))
        }
    }
}

@Suite(.serialized) struct LockTests {
    @Test func secondWriterIsRefusedButReadersWork() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (id, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        // flock belongs to an open file description, so even this process sees the lock as held.
        #expect(StoreLock.isHeld(at: store.location.lockURL))
        #expect(throws: SchakelError.self) { _ = try Store.open(at: store.location, passphrase: TestStore.passphrase, mode: .write) }
        let reader = try Store.open(at: store.location, passphrase: TestStore.passphrase, mode: .read)
        defer { reader.close() }
        #expect(try reader.caseFile(id).identity?.familyName == "Kowalczyk")
        #expect(throws: SchakelError.self) { try reader.write { tx in try tx.addNote(id, text: "x", on: TestStore.today) } }
        // A reader's audit record waits in the inbox and is taken into the chain by the next writer.
        try reader.recordCaseOpened(id)
        let inbox = try FileManager.default.contentsOfDirectory(atPath: store.location.auditInboxURL.path)
        #expect(inbox.count == 1)
        store.close()
        let writer = try Store.open(at: store.location, passphrase: TestStore.passphrase, mode: .write)
        defer { writer.close() }
        #expect(try FileManager.default.contentsOfDirectory(atPath: store.location.auditInboxURL.path).isEmpty)
        #expect(try writer.auditEntries().contains { $0.action == "case-opened" && $0.caseID == id })
        #expect(try writer.check().ok)
    }
}

@Suite struct AuditTests {
    @Test func changesAndOpeningsAreAudited() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (id, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        try store.recordCaseOpened(id)
        let entries = try store.auditEntries()
        #expect(entries.first?.action == "store-created")
        #expect(entries.contains { $0.action == "case-changed" && $0.caseID == id && ($0.detail ?? "").contains("client.identity") })
        #expect(entries.last?.action == "case-opened")
        #expect(entries.allSatisfy { $0.user == store.userID })
    }
}

/// The scrypt cost of a new store (docs/SECURITY.md, "Passphrases and guessing").
@Suite struct ScryptCalibrationTests {
    @Test func neverBelowTheFloorAndBoundedAbove() {
        #expect(ScryptParameters.minimumLogN == 16)
        #expect(ScryptParameters.calibrated(target: 0).logN == ScryptParameters.minimumLogN)
        // A target no machine meets stops at the bound.
        #expect(ScryptParameters.calibrated(target: 1000, maxLogN: 17).logN == 17)
    }

    /// Calibration counts CPU time: a thread that waits (as on a busy machine) does not add to it.
    @Test func theClockIsThisThreadsCPUTime() {
        let start = ScryptParameters.threadCPUSeconds()
        usleep(200_000)
        #expect(ScryptParameters.threadCPUSeconds() - start < 0.05)
    }
}
