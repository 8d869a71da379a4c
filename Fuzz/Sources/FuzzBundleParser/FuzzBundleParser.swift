// The decrypted bundle plaintext, straight into the parser (no store, no signature): magic,
// length-prefixed JSON header, records, end tag. Every event record's envelope is decoded
// strictly. The input is fed whole and in pieces (as the age reader hands it over): both
// must see the same header, the same records and the same end.
import Foundation
@testable import Core
import FuzzSupport

struct Seen: Equatable {
    var header: BundleHeader?
    var records: [String] = []
    var error: String?
}

func parse(_ input: Data, pieces: [Int]) -> Seen {
    var seen = Seen()
    let parser = BundleParser(onHeader: { seen.header = $0 }, onRecord: { record in
        switch record {
        case let .event(canonical, payload, fill):
            if let envelope = try? EventEnvelope(canonical: canonical) {
                guard envelope.canonicalBytes == canonical else { fuzzFailure("an envelope decoded from other bytes than its own") }
                seen.records.append("e\(fill) \(envelope.id.hex) \(payload.count)")
            } else {
                seen.records.append("bad-envelope \(fill) \(canonical.count) \(payload.count)")
            }
        case let .blob(id, caseID, bytes):
            seen.records.append("b \(id) \(caseID) \(bytes.count)")
        }
    })
    do {
        var i = input.startIndex
        var p = 0
        while i < input.endIndex {
            let n = max(1, pieces.isEmpty ? input.count : pieces[p % pieces.count])
            p += 1
            let end = min(input.endIndex, i + n)
            try input[i..<end].withUnsafeBytes { try parser.feed($0) }
            i = end
        }
        try parser.finish(verifyingWith: Data(count: 32))
    } catch {
        seen.error = SchakelError.from(error).message
    }
    return seen
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let input = fuzzData(start, count)
    let whole = parse(input, pieces: [])
    // Piece sizes from the input itself, so the fuzzer explores the boundaries too.
    let pieces = input.suffix(4).map { Int($0) + 1 }
    let split = parse(input, pieces: pieces)
    if whole != split { fuzzFailure("bundle parser depends on how the bytes arrive") }
    return 0
}

@_cdecl("FuzzBundleParser_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
