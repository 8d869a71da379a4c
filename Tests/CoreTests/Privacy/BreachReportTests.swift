import Foundation
import Testing
@testable import Core

/// `schakel datalek`: which cases a lost device held, as this store can tell.
@Suite struct BreachReportTests {
    @Test func aLostPeerHeldTheCasesSharedWithItAndThoseItEdited() throws {
        let (a, b, shared) = try SyncTest.pairWithSharedCase()
        defer { [a, b].forEach(TestStore.remove) }
        // A second case of A's that B never gets.
        let privateCase = try a.write { tx in try tx.openCase(TestStore.newCase(a, given: "Iryna", family: "Bondarenko")) }.id
        try SyncTest.send(a, b)
        // B edits the shared case; A receives it: B's device wrote to it.
        _ = try b.write { tx in try tx.addNote(shared, text: "Gesproken op locatie", on: TestStore.today) }
        try SyncTest.send(b, a)

        let discovered = Date(timeIntervalSince1970: 1_795_000_000)
        let report = try a.breachReport(device: b.deviceID, discovered: discovered)
        #expect(report.cases.map(\.caseID) == [shared])
        let c = try #require(report.cases.first)
        // B is the case's backup: the default policy gave it the whole case.
        #expect(c.reasons == [.shared, .wrote, .roles])
        #expect(c.wholeCase)
        #expect(c.minor == false)
        #expect(!report.cases.contains { $0.caseID == privateCase })
        #expect(report.notifyBefore == discovered.addingTimeInterval(72 * 3600))
        #expect(report.revokedAt == nil)
        #expect(report.specialCategories)

        // The document names codes, never the client.
        let md = report.markdown
        #expect(md.contains(c.code))
        #expect(!md.contains("Kowalczyk") && !md.contains("Ewa"))
        #expect(md.contains("- [ ] " + L10n.t("breach.step.revoke", String(b.deviceID.uuidString.prefix(8)))))

        // Revoked: the report says so and ticks the step; the making is audited without codes.
        try a.revokePeer(b.deviceID)
        let after = try a.breachReport(device: b.deviceID, discovered: discovered)
        #expect(after.revokedAt != nil)
        #expect(after.markdown.contains("- [x] "))
        let audit = try a.auditEntries().filter { $0.action == Store.breachAction }
        #expect(audit.count == 2)
        #expect(audit.allSatisfy { $0.caseID == nil && !($0.detail ?? "").contains(c.code) })
    }

    @Test func aPeerThatOnlyReceivedSomeGroupsIsNotCountedAsHoldingTheWholeCase() throws {
        let stores = try SyncTest.team(2)
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        try SyncTest.send(b, a)
        // B is neither coordinator nor backup; A shares all cases with B by policy.
        let id = try a.write { tx in try tx.openCase(TestStore.newCase(a)) }.id
        try a.setSharingPolicy(SharingPolicy(allCases: true), for: b.deviceID)
        try SyncTest.send(a, b)
        let report = try a.breachReport(device: b.deviceID, discovered: Date())
        let c = try #require(report.cases.first { $0.caseID == id })
        #expect(c.reasons == [.shared])
        #expect(!c.wholeCase)
        #expect(c.groups.contains(ClientIdentity.key))
        #expect(c.first == CalendarDate(a.clock.now()))
    }

    @Test func aRestoredStoreReportsEveryCaseOfTheLaptopItsBackupCameFrom() throws {
        let clock = FixedClock(TestStore.today.date)
        let a = try TestStore.make(clock: clock)
        defer { TestStore.remove(a) }
        let ids = try (0..<3).map { i in try a.write { tx in try tx.openCase(TestStore.newCase(a, given: "Naam\(i)")) }.id }
        let dir = try SyncTest.temporaryDirectory("breach")
        defer { try? FileManager.default.removeItem(at: dir) }
        let backup = dir.appendingPathComponent("backup.schakel")
        _ = try a.exportBackup(out: backup, passphrase: "een lange reservekopie-zin", workFactor: 10)
        let (restored, _) = try Store.restore(from: backup, backupPassphrase: "een lange reservekopie-zin",
                                              at: StoreLocation(directory: TestStore.directory()), passphrase: TestStore.passphrase,
                                              kdf: .testOnlyCheap, clock: clock)
        defer { TestStore.remove(restored) }
        // The old laptop is found by a prefix of its id, though it is not a peer.
        let old = try restored.breachDevice(String(a.deviceID.uuidString.prefix(8)))
        #expect(old == a.deviceID)
        let report = try restored.breachReport(device: old, discovered: Date())
        #expect(report.isPredecessor)
        #expect(Set(report.cases.map(\.caseID)) == Set(ids))
        #expect(report.cases.allSatisfy { $0.wholeCase })
        // Its own device, a short or an unknown prefix: clear refusals.
        #expect(throws: SchakelError.self) { try restored.breachReport(device: restored.deviceID, discovered: Date()) }
        #expect(throws: SchakelError.self) { try restored.breachDevice("1234") }
        #expect(throws: SchakelError.self) { try restored.breachDevice("FFFFFFFF") }
    }

    @Test func discoveryTimesParseAsLocalTime() {
        let t = BreachReport.parseTime("2026-11-23 09:30")
        #expect(t.map(BreachReport.time) == "2026-11-23 09:30")
        #expect(BreachReport.parseTime("2026-11-23T09:30") == t)
        #expect(BreachReport.parseTime("2026-11-23").map(BreachReport.time) == "2026-11-23 00:00")
        #expect(BreachReport.parseTime("23 november") == nil)
        #expect(BreachReport.parseTime("2026-13-40 99:99") == nil)
    }
}
