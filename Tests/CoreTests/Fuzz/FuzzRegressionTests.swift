import Foundation
import Testing
@testable import Core

/// Inputs that crashed Schakel (found by the fuzz targets in Fuzz/ or while writing them,
/// see docs/FUZZING.md), each now refused with a clear error.
@Suite struct FuzzRegressionTests {
    static let backupPassphrase = "een lange reservekopie-zin"

    /// A backup of `store` whose header `change` edits, signed again with the store's key (a
    /// backup vouches for itself) and encrypted to `backupPassphrase`: what an attacker who
    /// knows the passphrase, or a damaged program, could write.
    static func editedBackup(of store: Store, in dir: URL, _ change: (inout BundleHeader) -> Void) throws -> URL {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let original = dir.appendingPathComponent("original.schakel")
        _ = try store.exportBackup(out: original, passphrase: backupPassphrase, workFactor: 10)
        let plain = try AgeDecryptor.decrypt(try Data(contentsOf: original), identities: [AgeScryptIdentity(passphrase: backupPassphrase)])
        // magic, varint length, header JSON, records..., signature (64 bytes)
        var r = ByteReader(plain.dropFirst(BundleFormat.magic.count))
        var header = try JSONDecoder().decode(BundleHeader.self, from: try r.bytes(limit: BundleFormat.maxHeader))
        let records = plain[r.offset..<(plain.endIndex - 64)]
        change(&header)
        var w = ByteWriter()
        w.fixed(BundleFormat.magic)
        w.bytes(try BundleFormat.encoder.encode(header))
        w.fixed(Data(records))
        let body = w.data
        var digest = ByteWriter()
        digest.fixed(body)
        let signed = body + store.signer.sign(BundleFormat.signedMessage(digest.sha256()))
        let file = dir.appendingPathComponent("edited.schakel")
        try AgeEncryptor.encrypt(signed, to: [try AgeScryptRecipient(passphrase: backupPassphrase, workFactor: 10)]).write(to: file)
        return file
    }

    static func restore(_ file: URL) throws -> (Store, StoreLocation) {
        let place = StoreLocation(directory: TestStore.directory())
        let (store, _) = try Store.restore(from: file, backupPassphrase: backupPassphrase, at: place, passphrase: TestStore.passphrase,
                                           kdf: .testOnlyCheap, clock: FixedClock(TestStore.today.date))
        return (store, place)
    }

    /// Two anonymised counters of the same month and category near Int.max: adding them
    /// trapped (arithmetic overflow) and killed the program during `schakel restore`.
    @Test func aBackupWithHugeAnonymousCountersIsRefused() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let dir = TestStore.directory()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let huge = Data("v1|\(ReportDimension.allCases[0].rawValue)|2026-01|x|\(Int.max - 1)".utf8)
        let file = try Self.editedBackup(of: store, in: dir) { $0.anonymousCounts = [huge, huge] }
        let place = StoreLocation(directory: TestStore.directory())
        #expect(throws: BundleParser.corrupt()) {
            _ = try Store.restore(from: file, backupPassphrase: Self.backupPassphrase, at: place, passphrase: TestStore.passphrase,
                                  kdf: .testOnlyCheap, clock: FixedClock(TestStore.today.date))
        }
        #expect(!FileManager.default.fileExists(atPath: place.directory.path))
        // Counters in range, even two of the same key, still restore.
        let fine = Data("v1|\(ReportDimension.allCases[0].rawValue)|2026-01|x|3".utf8)
        let good = try Self.editedBackup(of: store, in: dir.appendingPathComponent("ok")) { $0.anonymousCounts = [fine, fine] }
        let (restored, _) = try Self.restore(good)
        defer { TestStore.remove(restored) }
        #expect(try restored.anonymousCounts().map(\.count) == [6])
    }

    /// A bundle from `from` to `to` without events (the receiver must hold them already) and
    /// with the header as `change` leaves it, signed with `from`'s key: what a trusted peer's tampered program can send.
    static func peerBundle(_ from: Store, to: Store, _ change: (inout BundleHeader) -> Void) throws -> URL {
        let peer = try #require(try from.peer(to.deviceID))
        var bytes = Data()
        let age = try AgeWriter(recipients: [try AgeX25519Recipient(rawRepresentation: peer.card.agreementKey)]) { bytes.append(contentsOf: $0) }
        try from.pool.read { db in
            var header = try from.bundleHeader(db, kind: .peer, recipient: to.deviceID, acknowledged: [:], skip: to.deviceID, fullCases: [])
            change(&header)
            let writer = try BundleWriter(header: header) { try age.write($0) }
            try writer.finish(signer: from.signer)
        }
        try age.finish()
        let url = SyncTest.bundleURL()
        try bytes.write(to: url)
        return url
    }

    /// The chain of a device the same bundle revokes, with a sequence number beyond Int64:
    /// the import converted it to Int64 at the end and trapped.
    @Test func aChainSeqBeyondInt64IsRefused() throws {
        let (a, b) = try SyncTest.sharingPair()
        defer { TestStore.remove(a); TestStore.remove(b) }
        try SyncTest.send(b, a)  // so that the bundle's own chain (no new events) checks out
        let stranger = UUID(), key = DeviceSigner()
        let seq = UInt64(Int64.max) + 1, head = Data(repeating: 7, count: 32)
        let url = try Self.peerBundle(b, to: a) { h in
            h.chains.append(.init(device: stranger, signingKey: key.publicKey, seq: seq, head: head,
                                  signature: key.sign(ChainHead.message(deviceID: stranger, seq: seq, head: head))))
            h.revocations.append(.init(device: stranger, at: 1))
        }
        defer { try? FileManager.default.removeItem(at: url) }
        let before = try SyncTest.snapshot(a)
        #expect(throws: BundleParser.corrupt()) { try a.importBundle(url) }
        #expect(try SyncTest.snapshot(a) == before)
    }

    /// An acknowledgement beyond Int64 was stored as it came; the next export to that peer
    /// converted it to Int64 and trapped, every time.
    @Test func anAcknowledgementBeyondInt64IsRefused() throws {
        let (a, b) = try SyncTest.sharingPair()
        defer { TestStore.remove(a); TestStore.remove(b) }
        try SyncTest.send(b, a)
        let url = try Self.peerBundle(b, to: a) { h in h.holds[a.deviceID] = UInt64.max }
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: BundleParser.corrupt()) { try a.importBundle(url) }
        // The export to that peer still works.
        let out = SyncTest.bundleURL()
        defer { try? FileManager.default.removeItem(at: out) }
        _ = try a.exportBundle(to: b.deviceID, out: out)
    }
}
