// A bundle from a malicious but trusted peer: the fuzz input is the bundle plaintext (magic,
// header, records, end tag); the target signs it with the peer's real device key, encrypts
// it to the receiving store and imports it there; inputs of even length are first made
// authentic (payload digests, chain links, signed chain head: `BundleResealer`). So the
// fuzzer reaches every check of the import (sender, chains, payload digests, registers, case
// adoption) and what it does with valid-looking content, not only the MAC and the signature.
// Seeds: bundles the peer store really wrote (in the state directory).
import Foundation
@testable import Core
import FuzzSupport

let templates = try! FuzzState.templates()
let sender = try! FuzzState.openCopy(of: templates.b, name: "b")
/// A fresh copy after every bundle that applied, so that the seeds (whose ids it would
/// remember as read) keep reaching the deep checks.
var receiver = try! FuzzState.openCopy(of: templates.a, name: "a")
let recipient = try! receiver.agreementIdentity().recipient
let bundleFile = FuzzState.scratch.appendingPathComponent("in.schakel")

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    _ = sender
    try! BundleSeeds.write(from: sender, to: receiver)
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let file = BundleBody.fromFuzzInput(fuzzData(start, count), sender: sender, to: [recipient])
    try! file.write(to: bundleFile)
    if let report = try? receiver.importBundle(bundleFile), report.outcome == .applied {
        receiver.close()
        receiver = try! FuzzState.openCopy(of: templates.a, name: "a")
    }
    // Bundles held back for later go to sync-wacht; keep that folder from growing.
    try? FileManager.default.removeItem(at: receiver.location.directory.appendingPathComponent("sync-wacht"))
    return 0
}

@_cdecl("FuzzBundleImport_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
