// `schakel restore`: the fuzz input is a backup's plaintext; the target signs it with the key
// the seed backups were written with (a backup vouches for itself with the key in its header),
// encrypts it to the backup passphrase and restores it into a new store, which it then
// removes; inputs of even length are first made authentic (`BundleResealer`). Reaches the
// header (role, peers, retention, anonymous counts) and every record.
import Foundation
@testable import Core
import FuzzSupport

let sender: Store = {
    let (_, b) = try! FuzzState.templates()
    return try! FuzzState.openCopy(of: b, name: "b")
}()
let recipient = try! AgeScryptRecipient(passphrase: FuzzKeys.passphrase, workFactor: AgeScrypt.minEncryptWorkFactor)
let backupFile = FuzzState.scratch.appendingPathComponent("backup.schakel")
let target = StoreLocation(directory: FuzzState.scratch.appendingPathComponent("restored"))

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = sender
    try! BundleSeeds.writeBackup(from: sender)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let file = BundleBody.fromFuzzInput(fuzzData(start, count), sender: sender, to: [recipient])
    try! file.write(to: backupFile)
    if let (store, _) = try? Store.restore(from: backupFile, backupPassphrase: FuzzKeys.passphrase, at: target,
                                          passphrase: FuzzState.storePassphrase, kdf: .testOnlyCheap, clock: FixedClock(FuzzState.today.date)) {
        store.close()
    } else if FileManager.default.fileExists(atPath: target.directory.path) {
        fuzzFailure("a refused restore left a store behind")
    }
    try? FileManager.default.removeItem(at: target.directory)
    return 0
}

@_cdecl("FuzzBackupRestore_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
