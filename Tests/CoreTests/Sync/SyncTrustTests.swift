import Foundation
import Testing
import GRDB
@testable import Core

/// What a trusted but misbehaving peer cannot do (from the review of the sync change).
@Suite struct SyncTrustTests {
    /// A's case that B does not share in (no role, default policy).
    static func setup() throws -> ([Store], UUID) {
        let stores = try SyncTest.team(3)
        for s in stores.dropFirst() { try SyncTest.send(s, stores[0]) }
        let opened = try stores[0].write { tx in try tx.openCase(TestStore.newCase(stores[0])) }
        _ = try stores[0].write { tx in try tx.addNote(opened.id, text: "Geheim gesprek", on: TestStore.today) }
        return (stores, opened.id)
    }

    @Test func aPeerCannotEraseACaseNotSharedWithIt() throws {
        let (stores, caseID) = try Self.setup()
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        let url = try SyncTest.craftBundle(b, to: a) { $0.erasures = [.init(caseID: caseID, hlc: 1)] }
        let r = try a.importBundle(url)
        #expect(r.erasures == 0)
        #expect(try a.caseFile(caseID).notes.count == 1)
    }

    @Test func aRevocationFromAPeerFailsClosedAndCanBeLiftedButOneMadeHereCannot() throws {
        let (stores, _) = try Self.setup()
        let (a, b, c) = (stores[0], stores[1], stores[2])
        defer { stores.forEach(TestStore.remove) }
        let url = try SyncTest.craftBundle(b, to: a) { $0.revocations = [.init(device: c.deviceID, at: 1)] }
        _ = try a.importBundle(url)
        #expect(try a.revokedDevices().contains(c.deviceID))
        #expect(throws: SchakelError.self) { try a.exportBundle(to: c.deviceID, out: SyncTest.bundleURL()) }
        try a.liftRevocation(c.deviceID)
        #expect(try !a.revokedDevices().contains(c.deviceID))
        try a.revokePeer(b.deviceID)
        #expect(throws: SchakelError.self) { try a.liftRevocation(b.deviceID) }
    }

    @Test func aPeerCannotTakeOverACaseNotSharedWithIt() throws {
        let (stores, caseID) = try Self.setup()
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        try SyncTest.send(a, b)
        #expect(throws: (any Error).self) { try b.caseFile(caseID) }
        let json = try JSONEncoder().encode(CaseCoordination(coordinator: b.userID, backup: nil, region: "x", municipality: "onbekend"))
        try b.write { tx in
            _ = try tx.record(kind: CaseCoordination.kind, group: CaseCoordination.group, entity: caseID, caseID: caseID, payload: json, operation: .put)
        }
        // A hand-made bundle from B (its own honest writer leaves the payload out): every event of B's chain with payload.
        let crafted = try Self.everyEventWithPayload(b, to: a)
        defer { try? FileManager.default.removeItem(at: crafted) }
        let rr = try a.importBundle(crafted)
        #expect(rr.outcome == .applied)
        #expect(try a.summaries().first { $0.id == caseID }?.coordinator == a.userID)
        try SyncTest.send(a, b)
        // B holds only its own hand-written record, never A's note.
        #expect(try b.caseFile(caseID).notes.isEmpty)
        #expect(try a.check().ok)
    }

    @Test func aWithdrawnConsentReachesAPeerThatHoldsTheCase() throws {
        let (a, b, caseID) = try SyncTest.pairWithSharedCase()
        defer { [a, b].forEach(TestStore.remove) }
        let consentID = UUID()
        try a.write { tx in _ = try tx.put(Consent(purpose: "p", legalBasis: "l", givenOn: TestStore.today), entity: consentID, caseID: caseID) }
        try SyncTest.send(a, b)
        #expect(try b.caseFile(caseID).consents.count == 1)
        try a.write { tx in _ = try tx.put(Consent(purpose: "p", legalBasis: "l", givenOn: TestStore.today, withdrawnOn: TestStore.today), entity: consentID, caseID: caseID) }
        try SyncTest.send(a, b)
        #expect(try SharingPolicy.consentWithdrawn(b.caseFile(caseID)), "B learns of the withdrawal")
        // Nothing else of the case goes any more.
        _ = try a.write { tx in try tx.addNote(caseID, text: "Na de intrekking", on: TestStore.today) }
        try SyncTest.send(a, b)
        #expect(try b.caseFile(caseID).notes.isEmpty)
    }

    @Test func aHeldBundleThatLaterFailsIsSetAsideAndBlocksNothing() throws {
        let (stores, _) = try Self.setup()
        let (a, b, c) = (stores[0], stores[1], stores[2])
        defer { stores.forEach(TestStore.remove) }
        let url = try SyncTest.craftBundle(b, to: a) { $0.migrations.append("2099-12-31-toekomst") }
        if case .heldBack = try a.importBundle(url).outcome {} else { Issue.record("not held") }
        try a.revokePeer(b.deviceID)
        #expect(try a.retryHeldBundles().isEmpty)
        #expect(a.heldBundleCount() == 0)
        let fromC = try SyncTest.export(c, a)
        // What `bundle import` and every folder sync do first:
        _ = try a.retryHeldBundles()
        #expect(try a.importBundle(fromC).outcome == .applied)
    }

    /// An entity keeps the case it was first recorded in: a peer that files a note of one case
    /// under another case is refused, within one bundle and across two, and nothing is applied.
    @Test func aNoteCannotMoveToAnotherCase() throws {
        let stores = try SyncTest.team(2)
        let (a, b) = (stores[0], stores[1])
        defer { stores.forEach(TestStore.remove) }
        let x = try b.write { tx in try tx.openCase(TestStore.newCase(b)) }.id
        let y = try b.write { tx in try tx.openCase(TestStore.newCase(b)) }.id
        let note = UUID()
        func fileNote(in caseID: UUID) throws {
            let json = try JSONEncoder().encode(TimelineNote(on: TestStore.today, author: b.userID, text: "Verplaatst"))
            try b.write { tx in
                _ = try tx.record(kind: TimelineNote.kind, group: TimelineNote.group, entity: note, caseID: caseID, payload: json, operation: .put)
            }
        }
        // One bundle: the note in X, then the same note in Y.
        try fileNote(in: x)
        try fileNote(in: y)
        let both = try Self.everyEventWithPayload(b, to: a)
        defer { try? FileManager.default.removeItem(at: both) }
        let before = try SyncTest.eventCount(a)
        #expect(throws: (any Error).self) { try a.importBundle(both) }
        #expect(try SyncTest.eventCount(a) == before)

        // Two bundles from another writer: the note in X arrives first, the move later.
        let stores2 = try SyncTest.team(2)
        let (c, d) = (stores2[0], stores2[1])
        defer { stores2.forEach(TestStore.remove) }
        let x2 = try d.write { tx in try tx.openCase(TestStore.newCase(d)) }.id
        let y2 = try d.write { tx in try tx.openCase(TestStore.newCase(d)) }.id
        let json = try JSONEncoder().encode(TimelineNote(on: TestStore.today, author: d.userID, text: "Verplaatst"))
        try d.write { tx in _ = try tx.record(kind: TimelineNote.kind, group: TimelineNote.group, entity: note, caseID: x2, payload: json, operation: .put) }
        let first = try Self.everyEventWithPayload(d, to: c)
        defer { try? FileManager.default.removeItem(at: first) }
        #expect(try c.importBundle(first).outcome == .applied)
        #expect(try c.caseFile(x2).notes[note] != nil)
        try d.write { tx in _ = try tx.record(kind: TimelineNote.kind, group: TimelineNote.group, entity: note, caseID: y2, payload: json, operation: .put) }
        let second = try Self.everyEventWithPayload(d, to: c)
        defer { try? FileManager.default.removeItem(at: second) }
        let held = try SyncTest.eventCount(c)
        #expect(throws: (any Error).self) { try c.importBundle(second) }
        #expect(try SyncTest.eventCount(c) == held)
        #expect(try c.caseFile(x2).notes[note] != nil)
        #expect(try c.check().ok)
    }

    /// A hand-made bundle from `from` (its honest writer leaves payloads of unshared cases out):
    /// its whole chain, every event with its payload.
    static func everyEventWithPayload(_ from: Store, to: Store) throws -> URL {
        let peer = try #require(try from.peer(to.deviceID))
        var bytes = Data()
        let age = try AgeWriter(recipients: [try AgeX25519Recipient(rawRepresentation: peer.card.agreementKey)]) { bytes.append(contentsOf: $0) }
        try from.pool.read { db in
            let header = try from.bundleHeader(db, kind: .peer, recipient: to.deviceID, acknowledged: [:], skip: to.deviceID, fullCases: [])
            let writer = try BundleWriter(header: header) { try age.write($0) }
            for row in try Row.fetchAll(db, sql: "SELECT \(Store.eventColumns.list) FROM event WHERE device_id = ? ORDER BY seq", arguments: [from.deviceID.data]) {
                let env = Store.envelope(row)
                let sealer = env.caseID == nil ? from.keys.records : try from.caseSealer(env.caseID!, db: db)!
                try writer.event(env.canonicalBytes, payload: try sealer.open(row["payload"], context: "event/\((row["id"] as Data).hex)"))
            }
            try writer.finish(signer: from.signer)
        }
        try age.finish()
        let url = SyncTest.bundleURL()
        try bytes.write(to: url)
        return url
    }
}
