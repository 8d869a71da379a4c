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
}
