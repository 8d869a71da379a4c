import Foundation
import Testing
import GRDB
@testable import Core

/// What a bundle must never do (change a store when damaged, replay, reach the wrong device,
/// bring erased data back, leak a case that is not shared) and the exchanges that must work
/// (late and early bundles, newer schema, backup and restore, revocation, closure conflicts,
/// code collisions, overdracht, the shared folder, interoperability with `age`).
@Suite struct SyncSafetyTests {
    // MARK: helpers

    /// Two or three stores where B's (and C's) user is known to A, with a case of A's that B backs up.
    static func pair(_ n: Int = 2, clock: FixedClock = FixedClock(TestStore.today.date)) throws -> (stores: [Store], caseID: UUID) {
        let stores = try SyncTest.team(n, clock: clock)
        let (a, b) = (stores[0], stores[1])
        for s in stores.dropFirst() { try SyncTest.send(s, a) }
        var new = TestStore.newCase(a)
        new.backup = b.userID
        let opened = try a.write { tx in try tx.openCase(new) }
        _ = try a.write { tx in try tx.addNote(opened.id, text: "Eerste gesprek gevoerd", on: TestStore.today) }
        return (stores, opened.id)
    }

    static func expectError(_ key: String, _ comment: String = "", _ body: () throws -> Void) {
        do {
            try body()
            Issue.record("expected the error \(key) \(comment)")
        } catch let e as SchakelError {
            #expect(e.message == L10n.t(key), "\(comment)")
        } catch {
            Issue.record("unexpected error \(error) \(comment)")
        }
    }

    static func remove(_ urls: URL...) { for u in urls { try? FileManager.default.removeItem(at: u) } }

    // MARK: 2. damaged bundles

    @Test func aFlippedByteAnywhereIsRejectedAndChangesNothing() throws {
        let (stores, caseID) = try Self.pair()
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        let url = try SyncTest.export(a, b)
        defer { Self.remove(url) }
        let original = try Data(contentsOf: url)
        let before = try SyncTest.snapshot(b)
        let positions = [0, 5, 30, 60, original.count / 3, original.count / 2, original.count - 17, original.count - 1]
        for p in positions {
            var damaged = original
            damaged[p] ^= 0x01
            let bad = SyncTest.bundleURL()
            defer { Self.remove(bad) }
            try damaged.write(to: bad)
            #expect(throws: (any Error).self, "byte \(p) of \(original.count)") { try b.importBundle(bad) }
            #expect(try SyncTest.snapshot(b) == before, "byte \(p)")
            #expect(b.heldBundleCount() == 0, "byte \(p)")
        }
        // Cut short: refused too.
        let short = SyncTest.bundleURL()
        defer { Self.remove(short) }
        try original.prefix(original.count - 1).write(to: short)
        #expect(throws: (any Error).self) { try b.importBundle(short) }
        #expect(try SyncTest.snapshot(b) == before)
        // The intact file still reads.
        #expect(try b.importBundle(url).outcome == .applied)
        #expect(try b.caseFile(caseID).notes.count == 1)
        #expect(try b.check().problems == [])
    }

    // MARK: 3. another recipient

    @Test func aBundleForAnotherDeviceIsRefusedClearly() throws {
        let (stores, _) = try Self.pair(3)
        let (a, b, c) = (stores[0], stores[1], stores[2])
        defer { stores.forEach(TestStore.remove) }
        let url = try SyncTest.export(a, c)
        defer { Self.remove(url) }
        let before = try SyncTest.snapshot(b)
        Self.expectError("bundle.error.otherRecipient") { _ = try b.importBundle(url) }
        #expect(try SyncTest.snapshot(b) == before)
        #expect(b.heldBundleCount() == 0)
        // Its own one reads.
        #expect(try c.importBundle(url).outcome == .applied)
    }

    // MARK: 4. replay

    @Test func aBundleReadTwiceIsRecognisedAndAnAcknowledgedExportCarriesNothingNew() throws {
        let (stores, _) = try Self.pair()
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        let url = try SyncTest.export(a, b)
        defer { Self.remove(url) }
        let first = try b.importBundle(url)
        #expect(first.outcome == .applied && first.newEvents > 0)
        let after = try SyncTest.snapshot(b)
        #expect(try b.importBundle(url).outcome == .alreadyImported)
        #expect(try SyncTest.snapshot(b) == after)
        // B acknowledges; A's next bundle holds no event B has.
        try SyncTest.send(b, a)
        #expect(try a.pendingOutgoing(b.deviceID) == 0)
        let again = SyncTest.bundleURL()
        defer { Self.remove(again) }
        let report = try a.exportBundle(to: b.deviceID, out: again)
        #expect(report.events == 0 && report.blobs == 0)
        let r = try b.importBundle(again)
        #expect(r.outcome == .applied && r.newEvents == 0 && r.filled == 0)
        #expect(try SyncTest.fullState(b) == SyncTest.fullState(a))
    }

    // MARK: 5. newer schema

    @Test func aBundleFromANewerSchemaIsHeldBackUntouched() throws {
        let (stores, caseID) = try Self.pair()
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        let url = try SyncTest.craftBundle(a, to: b) { $0.migrations.append("2099-12-31-toekomst") }
        defer { Self.remove(url) }
        let before = try SyncTest.fullState(b)
        let events = try SyncTest.eventCount(b)
        let report = try b.importBundle(url)
        guard case .heldBack(let reason) = report.outcome else { Issue.record("outcome \(report.outcome)"); return }
        #expect(reason == L10n.t("bundle.hold.newerSchema"))
        #expect(try SyncTest.fullState(b) == before && SyncTest.eventCount(b) == events)
        #expect(throws: (any Error).self) { try b.caseFile(caseID) }
        let wait = b.location.directory.appendingPathComponent("sync-wacht")
        let held = try FileManager.default.contentsOfDirectory(atPath: wait.path)
        #expect(held.count == 1 && held[0].hasSuffix(".schakel"))
        #expect(try Data(contentsOf: wait.appendingPathComponent(held[0])) == Data(contentsOf: url))
        // Still unknown: it stays.
        #expect(try b.retryHeldBundles() == [])
        #expect(b.heldBundleCount() == 1)
        #expect(try SyncTest.fullState(b) == before)
        // Held again: not a second copy.
        _ = try b.importBundle(url)
        #expect(b.heldBundleCount() == 1)
        // A regular bundle still reads meanwhile.
        #expect(try SyncTest.send(a, b).outcome == .applied)
        #expect(try b.caseFile(caseID).notes.count == 1)
        #expect(b.heldBundleCount() == 1)
        #expect(try b.check().problems == [])
    }

    // MARK: 6. out of order

    @Test func theLaterBundleFirstThenTheEarlierIsANoOp() throws {
        let (stores, caseID) = try Self.pair()
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        let first = try SyncTest.export(a, b)
        try a.write { tx in try tx.update(caseID, ClientGoals(goals: "Veilige woonplek")) }
        _ = try a.write { tx in try tx.addNote(caseID, text: "Tweede gesprek", on: TestStore.today) }
        let second = try SyncTest.export(a, b)
        defer { Self.remove(first, second) }
        let r2 = try b.importBundle(second)
        #expect(r2.outcome == .applied)
        #expect(try b.caseFile(caseID).notes.count == 2)
        #expect(try b.caseFile(caseID).goals?.goals == "Veilige woonplek")
        let state = try SyncTest.fullState(b)
        let r1 = try b.importBundle(first)
        #expect(r1.outcome == .applied && r1.newEvents == 0 && r1.filled == 0)
        #expect(try SyncTest.fullState(b) == state)
        #expect(try b.check().problems == [])
        // And the acknowledgement the late bundle carried did not take back the newer one.
        try SyncTest.send(b, a)
        #expect(try a.pendingOutgoing(b.deviceID) == 0)
    }

    // MARK: 7. age interoperability

    @Test(.enabled(if: AgeTool.isInstalled, "the age tool (Debian package age) is not installed: skipped"))
    func bundlesAndBackupsDecryptWithTheAgeTool() throws {
        let (stores, _) = try Self.pair()
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        let dir = try SyncTest.temporaryDirectory("age-interop")
        defer { Self.remove(dir) }
        // `schakel key export` on B, then age decrypts A's bundle to B with it.
        let key = dir.appendingPathComponent("b.key")
        try Data(b.agreementIdentity().keyFile().utf8).write(to: key)
        let bundle = dir.appendingPathComponent("a-naar-b.schakel"), plain = dir.appendingPathComponent("a-naar-b.plain")
        _ = try a.exportBundle(to: b.deviceID, out: bundle)
        let r = try AgeTool.run(AgeTool.age, ["-d", "-i", key.path, "-o", plain.path, bundle.path])
        #expect(r.status == 0, "age -d: \(r.output)")
        let text = try Data(contentsOf: plain)
        #expect(text.starts(with: Data("SCHAKEL-BUNDEL 1\n".utf8)))
        // A backup opens with its passphrase (age asks for it on a terminal: `script` gives it one).
        guard FileManager.default.isExecutableFile(atPath: AgeTool.script) else {
            Issue.record("/usr/bin/script (util-linux) is needed to give age a terminal for its passphrase prompt")
            return
        }
        let passphrase = "reservekopie \(Int.random(in: 1000...9999)) paard"
        let backup = dir.appendingPathComponent("backup.schakel"), backupPlain = dir.appendingPathComponent("backup.plain")
        _ = try a.exportBackup(out: backup, passphrase: passphrase, workFactor: 10)
        let head = String(decoding: try Data(contentsOf: backup).prefix(60), as: UTF8.self)
        #expect(head.hasPrefix("age-encryption.org/v1\n-> scrypt "))
        let r2 = try AgeTool.run(AgeTool.script, ["-q", "-e", "-c", "\(AgeTool.age) -d -o '\(backupPlain.path)' '\(backup.path)'", "/dev/null"],
                                 input: Data("\(passphrase)\n".utf8))
        #expect(r2.status == 0, "age -d (passphrase): \(r2.output)")
        #expect(((try? Data(contentsOf: backupPlain)) ?? Data()).starts(with: Data("SCHAKEL-BUNDEL 1\n".utf8)))
    }

    // MARK: 8. sentinels

    @Test func noSentinelInBundlesOrTheReceivingStoreAndNoneOfAnUnsharedCase() throws {
        let stores = try SyncTest.team(2)
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        try SyncTest.send(b, a)
        let shared = "Zzyxqwsentinel", unshared = "Vvqpjksentinel"
        var new = TestStore.newCase(a, given: shared, family: shared + "Fam")
        new.backup = b.userID
        let s = try a.write { tx in try tx.openCase(new) }
        let u = try a.write { tx in try tx.openCase(TestStore.newCase(a, given: unshared, family: unshared + "Fam")) }
        try a.write { tx in
            _ = try tx.addNote(s.id, text: "Gesprek met \(shared)", on: TestStore.today)
            _ = try tx.addNote(u.id, text: "Gesprek met \(unshared)", on: TestStore.today)
            try tx.update(u.id, ClientGoals(goals: "Doel van \(unshared)"))
        }
        let url = try SyncTest.export(a, b)
        defer { Self.remove(url) }
        let file = try Data(contentsOf: url)
        for sentinel in [shared, unshared] { #expect(!SyncTest.contains(file, sentinel), "\(sentinel) in the bundle file") }
        // Inside the encryption: the shared case is there (so the search works), the other is not.
        let inside = try AgeDecryptor.decrypt(file, identities: [b.agreementIdentity()])
        #expect(SyncTest.contains(inside, shared))
        #expect(!SyncTest.contains(inside, unshared), "an unshared case's data travelled")
        let report = try b.importBundle(url)
        #expect(report.outcome == .applied && report.cases == [s.id])
        #expect(try b.caseFile(s.id).identity?.givenNames == shared)
        #expect(throws: (any Error).self) { try b.caseFile(u.id) }
        #expect(try b.check().problems == [])
        // B answers (so its store has written bundles and acknowledgements too), then closes.
        let back = try SyncTest.export(b, a)
        defer { Self.remove(back) }
        for sentinel in [shared, unshared] { #expect(!SyncTest.contains(try Data(contentsOf: back), sentinel)) }
        _ = try a.importBundle(back)
        // While open (the write-ahead log holds the latest pages) and after closing.
        let location = b.location
        for moment in ["open", "closed"] {
            if moment == "closed" { b.close() }
            let files = SyncTest.files(under: location.directory)
            #expect(files.contains { $0.lastPathComponent == "schakel.sqlite" })
            if moment == "open" { #expect(files.contains { $0.lastPathComponent.hasSuffix("-wal") }) }
            for f in files {
                guard let data = try? Data(contentsOf: f) else { continue }
                for sentinel in [shared, unshared] { #expect(!SyncTest.contains(data, sentinel), "\(sentinel) in \(f.lastPathComponent) (\(moment))") }
            }
        }
    }

    // MARK: 9. erasure

    @Test func erasureTravelsAndAnOldBundleDoesNotBringTheCaseBack() throws {
        let (stores, caseID) = try Self.pair()
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        try SyncTest.send(a, b)
        #expect(try b.caseFile(caseID).notes.count == 1)
        // A bundle with the case's data, kept and not read yet.
        try a.write { tx in try tx.update(caseID, ClientGoals(goals: "Veilige woonplek")) }
        let old = try SyncTest.export(a, b)
        defer { Self.remove(old) }
        // B changes the case meanwhile (this reaches A after the erasure).
        _ = try b.write { tx in try tx.addNote(caseID, text: "Gebeld", on: TestStore.today) }
        try a.eraseCase(caseID)
        #expect(throws: (any Error).self) { try a.caseFile(caseID) }
        let r = try SyncTest.send(a, b)
        #expect(r.erasures == 1)
        #expect(throws: (any Error).self) { try b.caseFile(caseID) }
        #expect(try b.summaries().contains { $0.id == caseID } == false)
        let state = try SyncTest.state(b)
        #expect(state.contains("t \(caseID.data.hex)"))
        // The old bundle: read, but the case stays gone.
        let late = try b.importBundle(old)
        #expect(late.outcome == .applied)
        #expect(throws: (any Error).self) { try b.caseFile(caseID) }
        #expect(try SyncTest.state(b) == state)
        let leftovers = try b.pool.read { db in
            try Int.fetchOne(db, sql: "SELECT (SELECT COUNT(*) FROM event WHERE case_id = ? AND length(payload) > 0) + (SELECT COUNT(*) FROM case_key WHERE case_id = ?) + (SELECT COUNT(*) FROM case_index WHERE case_id = ?)",
                             arguments: [caseID.data, caseID.data, caseID.data]) ?? -1
        }
        #expect(leftovers == 0)
        // B's own change reaches A as an envelope only.
        try SyncTest.send(b, a)
        #expect(throws: (any Error).self) { try a.caseFile(caseID) }
        let payloadsOnA = try a.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM event WHERE case_id = ? AND length(payload) > 0", arguments: [caseID.data]) }
        #expect(payloadsOnA == 0)
        #expect(try SyncTest.fullState(a) == SyncTest.fullState(b))
        #expect(try a.check().problems == [] && b.check().problems == [])
        // Nothing can be written to it any more.
        #expect(throws: (any Error).self) { _ = try b.write { tx in try tx.addNote(caseID, text: "Nog iets", on: TestStore.today) } }
    }

    // MARK: 10. backup and restore

    @Test func backupRestoresAsANewDeviceOfTheSameUser() throws {
        let clock = FixedClock(TestStore.today.date)
        let (stores, caseID) = try Self.pair(3, clock: clock)
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        try SyncTest.send(a, b)
        _ = try b.write { tx in try tx.addNote(caseID, text: "Van B", on: TestStore.today) }
        try SyncTest.send(b, a)
        try a.setSharingPolicy(SharingPolicy(allCases: true), for: stores[2].deviceID)
        let dir = try SyncTest.temporaryDirectory("backup")
        defer { Self.remove(dir) }
        let backup = dir.appendingPathComponent("backup.schakel")
        let passphrase = "een lange reservekopie-zin"
        _ = try a.exportBackup(out: backup, passphrase: passphrase, workFactor: 10)
        // The wrong passphrase: a clear error and no store left behind.
        let wrongPlace = StoreLocation(directory: TestStore.directory())
        do {
            _ = try Store.restore(from: backup, backupPassphrase: passphrase + "!", at: wrongPlace, passphrase: TestStore.passphrase,
                                  kdf: .testOnlyCheap, clock: clock)
            Issue.record("restored with the wrong passphrase")
        } catch let e as SchakelError {
            #expect(e.message == AgeError.wrongPassphrase().message)
        }
        #expect(!FileManager.default.fileExists(atPath: wrongPlace.directory.path))
        // The right one.
        let (restored, report) = try Store.restore(from: backup, backupPassphrase: passphrase, at: StoreLocation(directory: TestStore.directory()),
                                                   passphrase: TestStore.passphrase, kdf: .testOnlyCheap, clock: clock)
        defer { TestStore.remove(restored) }
        #expect(report.outcome == .applied)
        #expect(restored.deviceID != a.deviceID)
        #expect(restored.userID == a.userID)
        #expect(restored.role == a.role)
        #expect(try SyncTest.state(restored) == SyncTest.state(a))
        #expect(try restored.caseFile(caseID) == a.caseFile(caseID))
        #expect(try restored.check().problems == [])
        #expect(try Set(restored.peers().map(\.deviceID)) == Set(a.peers().map(\.deviceID)))
        #expect(try restored.peerSyncState(b.deviceID)?.user == b.userID)
        #expect(try restored.peerSyncState(stores[2].deviceID)?.policy == SharingPolicy(allCases: true))
        // Restored stores can open again with their passphrase.
        let location = restored.location
        restored.close()
        let reopened = try Store.open(at: location, passphrase: TestStore.passphrase, clock: clock)
        #expect(try reopened.caseFile(caseID).notes.count == 2)
        reopened.close()
    }

    // MARK: 11. revocation

    @Test func aRevocationTravelsToThePeers() throws {
        let (stores, _) = try Self.pair(3)
        let (a, b, c) = (stores[0], stores[1], stores[2])
        defer { stores.forEach(TestStore.remove) }
        try a.revokePeer(c.deviceID)
        let r = try SyncTest.send(a, b)
        #expect(r.revocations == 1)
        #expect(try b.revokedDevices().contains(c.deviceID))
        #expect(try b.peer(c.deviceID)?.isRevoked == true)
        // B refuses C's bundles and sends it nothing.
        let fromC = try SyncTest.export(c, b)
        defer { Self.remove(fromC) }
        let before = try SyncTest.snapshot(b)
        Self.expectError("bundle.error.senderRevoked") { _ = try b.importBundle(fromC) }
        #expect(try SyncTest.snapshot(b) == before)
        let toC = SyncTest.bundleURL()
        Self.expectError("bundle.error.peerRevoked") { _ = try b.exportBundle(to: c.deviceID, out: toC) }
        #expect(!FileManager.default.fileExists(atPath: toC.path))
        #expect(try b.check().problems == [])
    }

    // MARK: 12. closure against a concurrent edit

    @Test func aClosureAgainstAConcurrentEditIsAConflictOnBothSidesUntilResolved() throws {
        let (stores, caseID) = try Self.pair()
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        try SyncTest.send(a, b)
        try SyncTest.send(b, a)
        try a.write { tx in try tx.changePhase(caseID, to: .afgesloten, on: TestStore.today, reason: "doelen-bereikt") }
        try b.write { tx in try tx.update(caseID, ClientGoals(goals: "Terug naar school")) }
        try SyncTest.send(a, b)
        try SyncTest.send(b, a)
        for s in [a, b] {
            #expect(try SyncTest.conflictRows(s, kind: 2) > 0)
            let closures = try s.conflicts().filter { $0.kind == .closure }
            #expect(closures.count == 1 && closures.first?.caseID == caseID)
            #expect(try s.check().problems == [])
        }
        #expect(try SyncTest.state(a) == SyncTest.state(b))
        // B keeps the closure: it closes again, now after the edit; the exchange clears it on both sides.
        let conflict = try #require(try b.conflicts().first { $0.kind == .closure })
        let closure = try #require(conflict.values.first)
        try b.resolveConflict(conflict, keeping: closure.eventID)
        #expect(try b.conflicts().isEmpty)
        try SyncTest.send(b, a)
        try SyncTest.send(a, b)
        for s in [a, b] {
            #expect(try SyncTest.conflictRows(s, kind: 2) == 0)
            #expect(try s.conflicts().isEmpty)
            #expect(try s.caseFile(caseID).phase?.phase == .afgesloten)
            #expect(try s.caseFile(caseID).goals?.goals == "Terug naar school")
            #expect(try s.check().problems == [])
        }
        #expect(try SyncTest.fullState(a) == SyncTest.fullState(b))
    }

    @Test func keepingTheEditReopensTheCaseOnBothSides() throws {
        let (stores, caseID) = try Self.pair()
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        try a.write { tx in try tx.changePhase(caseID, to: .intake, on: TestStore.today) }
        try SyncTest.send(a, b)
        try SyncTest.send(b, a)
        try a.write { tx in try tx.changePhase(caseID, to: .afgesloten, on: TestStore.today, reason: "contact-verloren") }
        _ = try b.write { tx in try tx.addNote(caseID, text: "Cliënt belde terug", on: TestStore.today) }
        try SyncTest.send(b, a)
        try SyncTest.send(a, b)
        let conflict = try #require(try a.conflicts().first { $0.kind == .closure })
        let edit = try #require(conflict.values.first { $0.device == b.deviceID })
        try a.resolveConflict(conflict, keeping: edit.eventID)
        try SyncTest.send(a, b)
        try SyncTest.send(b, a)
        for s in [a, b] {
            #expect(try s.conflicts().isEmpty)
            #expect(try s.caseFile(caseID).phase?.phase == .intake)
            #expect(try s.check().problems == [])
        }
        #expect(try SyncTest.fullState(a) == SyncTest.fullState(b))
    }

    // MARK: 13. case-code collision

    @Test func twoCasesWithTheSameCodeEndWithDistinctCodesEverywhere() throws {
        let (a, b) = try SyncTest.sharingPair()
        defer { [a, b].forEach(TestStore.remove) }
        var ra = SeededRandom(seed: 42), rb = SeededRandom(seed: 42)
        let ca = try a.write { tx in try tx.openCase(TestStore.newCase(a, given: "Olena"), rng: &ra) }
        let cb = try b.write { tx in try tx.openCase(TestStore.newCase(b, given: "Mariam"), rng: &rb) }
        #expect(ca.code == cb.code)
        #expect(try SyncTest.exchangeUntilQuiet([a, b]) != nil)
        for s in [a, b] {
            let codes = try s.summaries().map(\.code)
            #expect(codes.count == 2 && Set(codes).count == 2, "\(codes)")
            #expect(try s.check().problems == [])
            #expect(try s.conflicts().isEmpty)
        }
        #expect(try SyncTest.fullState(a) == SyncTest.fullState(b))
        // The lower id keeps the code.
        let keeper = ca.id.uuidString < cb.id.uuidString ? ca.id : cb.id
        #expect(try a.caseFile(keeper).opening?.code == ca.code)
        #expect(try a.auditEntries().contains { $0.action == "case-code-collision" } || b.auditEntries().contains { $0.action == "case-code-collision" })
    }

    // MARK: 14. overdracht

    @Test func aTransferredCaseArrivesInFullWithItsHistory() throws {
        let stores = try SyncTest.team(2)
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        try SyncTest.send(b, a)
        let opened = try a.write { tx in try tx.openCase(TestStore.newCase(a)) }
        try a.write { tx in
            _ = try tx.addNote(opened.id, text: "Eerste gesprek", on: TestStore.today)
            try tx.update(opened.id, ClientGoals(goals: "Veilige woonplek"))
        }
        // Not B's yet: B gets envelopes only.
        try SyncTest.send(a, b)
        #expect(throws: (any Error).self) { try b.caseFile(opened.id) }
        try a.transferCase(opened.id, to: b.deviceID, region: "achterhoek", municipality: "doetinchem")
        let r = try SyncTest.send(a, b)
        #expect(r.outcome == .applied && r.cases.contains(opened.id) && r.filled > 0)
        let file = try b.caseFile(opened.id)
        #expect(file.coordination?.coordinator == b.userID)
        #expect(file.coordination?.region == "achterhoek")
        #expect(file.identity?.givenNames == "Ewa")
        #expect(file.goals?.goals == "Veilige woonplek")
        #expect(file.notes.values.contains { $0.kind == "overdracht" })
        #expect(file.notes.values.contains { $0.text == "Eerste gesprek" })
        #expect(file == (try a.caseFile(opened.id)))
        #expect(try b.summaries(coordinator: b.userID).map(\.id) == [opened.id])
        let missing = try b.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM event WHERE case_id = ? AND length(payload) = 0", arguments: [opened.id.data]) }
        #expect(missing == 0, "every event of the case arrived with its payload")
        #expect(try a.auditEntries().contains { $0.action == "case-transferred" && $0.caseID == opened.id })
        #expect(try b.auditEntries().contains { $0.action == "case-received" && $0.caseID == opened.id })
        #expect(try a.check().problems == [] && b.check().problems == [])
        try SyncTest.send(b, a)
        #expect(try SyncTest.state(a) == SyncTest.state(b))
    }

    // MARK: 15. shared folder

    @Test func aSharedFolderConvergesAndFallsQuiet() throws {
        let (a, b) = try SyncTest.sharingPair()
        defer { [a, b].forEach(TestStore.remove) }
        let root = try SyncTest.temporaryDirectory("folder")
        defer { Self.remove(root) }
        let folder = SharedFolder(root)
        // Files being written by a sync engine or another writer: never read.
        let inboxOfB = folder.outbox(from: a.deviceID, to: b.deviceID)
        try FileManager.default.createDirectory(at: inboxOfB, withIntermediateDirectories: true)
        let decoys = [inboxOfB.appendingPathComponent(".0000000000001-x.schakel"), inboxOfB.appendingPathComponent("0000000000001-y.schakel.part"),
                      inboxOfB.appendingPathComponent(".syncthing.0000000000002.schakel.tmp")]
        for d in decoys { try Data("geen bundel".utf8).write(to: d) }
        let opened = try a.write { tx in try tx.openCase(TestStore.newCase(a)) }
        _ = try b.write { tx in try tx.put(ContactRecord(organisation: "cjg", name: "Jansen", function: "af"), entity: UUID()) }
        var quietRound: Int?
        for round in 0..<8 {
            let ra = try a.syncFolder(root), rb = try b.syncFolder(root)
            #expect(ra.failures == [] && rb.failures == [], "round \(round): \(ra.failures) \(rb.failures)")
            if ra.isQuiet && rb.isQuiet { quietRound = round; break }
            if round == 1 { _ = try b.write { tx in try tx.addNote(opened.id, text: "Van B", on: TestStore.today) } }
        }
        #expect(quietRound != nil && quietRound! <= 5, "rounds: \(String(describing: quietRound))")
        #expect(try SyncTest.fullState(a) == SyncTest.fullState(b))
        #expect(try a.caseFile(opened.id).notes.count == 1)
        for d in decoys { #expect(FileManager.default.fileExists(atPath: d.path), "\(d.lastPathComponent) was touched") }
        // Quiet stays quiet.
        #expect(try a.syncFolder(root).isQuiet && b.syncFolder(root).isQuiet)
        #expect(try a.check().problems == [] && b.check().problems == [])
    }
}
