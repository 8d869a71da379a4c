// The outer layer of every encrypted file Schakel reads (bundles, backups, outside signals):
// random bytes to the age reader with a real X25519 identity and a passphrase. Both readers
// run, the in-memory one and the streaming one (different code for lines and chunks), and
// must agree: the same plaintext, or the same refusal.
import Foundation
@testable import Core
import FuzzSupport

let identities: [AgeIdentity] = [FuzzKeys.identity, AgeScryptIdentity(passphrase: FuzzKeys.passphrase, maxWorkFactor: FuzzKeys.maxWorkFactor)]
let inputFile = FuzzState.scratch.appendingPathComponent("input.age")

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let file = fuzzData(start, count)
    let (inMemory, streamed) = AgeReaders.readBoth(file, identities: identities, via: inputFile)
    if inMemory != streamed {
        fuzzFailure("in-memory and streaming age readers disagree: \(inMemory.summary) vs \(streamed.summary)")
    }
    return 0
}

@_cdecl("FuzzAgeDecrypt_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
