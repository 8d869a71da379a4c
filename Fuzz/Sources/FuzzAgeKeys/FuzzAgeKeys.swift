// Text forms of keys: age key files (`--identity FILE`), recipients (`age1…`, contact cards),
// Bech32 and the unpadded base64 of age headers. Canonical encodings read back unchanged.
import Foundation
@testable import Core
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = fuzzData(start, count)
    let text = String(decoding: data, as: UTF8.self)
    if let ids = try? AgeX25519Identity.parseKeyFile(text) {
        for id in ids { guard (try? AgeX25519Identity(string: id.secretKeyString))?.rawRepresentation == id.rawRepresentation else { fuzzFailure("identity round trip") } }
    }
    if let r = try? AgeX25519Recipient(string: text) {
        guard (try? AgeX25519Recipient(string: r.string)) == r else { fuzzFailure("recipient round trip") }
    }
    if let (hrp, bytes) = try? Bech32.decode(text) {
        let again = try? Bech32.decode(Bech32.encode(hrp: hrp, data: bytes))
        guard again?.0 == hrp, again?.1 == bytes else { fuzzFailure("bech32 round trip") }
    }
    if let bytes = AgeBase64.decode(data[...]) {
        guard AgeBase64.encode(bytes) == text else { fuzzFailure("age base64 accepted a non-canonical encoding") }
    }
    return 0
}

@_cdecl("FuzzAgeKeys_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
