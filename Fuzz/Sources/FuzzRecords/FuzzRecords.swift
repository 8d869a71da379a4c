// The small encodings that arrive inside bundles and backups, each straight to its decoder:
// the first byte chooses which. Event envelopes (canonical, strict), the bundle header JSON,
// anonymised counts and retention settings (backups), acknowledgements, case summaries.
import Foundation
@testable import Core
import FuzzSupport

@_cdecl("LLVMFuzzerInitialize")
public func initialize(_ argc: UnsafeMutablePointer<CInt>, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>) -> CInt {
    CommittedSeeds.writeIfAsked()
    return 0
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let input = fuzzData(start, count)
    guard let selector = input.first else { return 0 }
    let data = Data(input.dropFirst())
    switch selector % 6 {
    case 0:
        if let e = try? EventEnvelope(canonical: data), e.canonicalBytes != data { fuzzFailure("envelope not canonical") }
    case 1:
        _ = try? JSONDecoder().decode(BundleHeader.self, from: data)
    case 2:
        if let c = try? AnonymousCount(encoded: data), (try? AnonymousCount(encoded: c.encoded)) != c { fuzzFailure("anonymous count round trip") }
    case 3:
        _ = RetentionPolicy(encoded: String(decoding: data, as: UTF8.self)).map { try? $0.validated() }
    case 4:
        _ = Store.decodeHolds(data)
    default:
        _ = try? CaseSummary(encoded: data)
    }
    return 0
}

@_cdecl("FuzzRecords_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
