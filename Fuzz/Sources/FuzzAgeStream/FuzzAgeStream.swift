// The inner layer of age, past the header MAC: the fuzz input describes a STREAM (chunks of
// chosen sizes, each flagged last or not), sealed with the real payload key under a valid
// header. The readers must accept exactly the canonical form (every chunk but the last
// full, only the last flagged, an empty last chunk only for an empty file) and return its
// plaintext; the first byte 0xff instead round-trips the input through the writer.
import Foundation
@testable import Core
import FuzzSupport

let identities: [AgeIdentity] = [FuzzKeys.identity]
let inputFile = FuzzState.scratch.appendingPathComponent("stream.age")
/// One header, made once: its stanza wraps `fileKey` for the fixed identity.
let fileKey = AgeFormat.randomFileKey()
let header = try! AgeHeader.encode([try! FuzzKeys.recipient.wrap(fileKey: fileKey)], fileKey: fileKey)
let nonce = Data(repeating: 0x5a, count: AgeFormat.nonceSize)
let payloadKey = AgePayloadKey(fileKey: fileKey, nonce: nonce)
/// Chunk contents, made once (building 64 KiB per chunk per input dominated the run time).
let patterns: [Data] = (0..<8).map { n in Data((0...AgeFormat.chunkSize).map { UInt8(truncatingIfNeeded: $0 &+ n) }) }


func readBoth(_ file: Data) -> (Outcome, Outcome) { AgeReaders.readBoth(file, identities: identities, via: inputFile) }

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let input = fuzzData(start, count)
    if input.first == 0xff {
        let plain = input.dropFirst()
        let file = try! AgeEncryptor.encrypt(Data(plain), to: [FuzzKeys.recipient])
        let (a, b) = readBoth(file)
        guard a == .ok(Data(plain)), b == a else { fuzzFailure("written file does not read back") }
        return 0
    }
    // Chunks: a control byte (bit 0: flagged last; bit 1: full size; bit 2: one byte over
    // full, which no writer makes) and, unless full, a length byte; the bytes are a pattern.
    var chunks: [(plain: Data, last: Bool)] = []
    var i = input.startIndex
    while i < input.endIndex, chunks.count < 8 {
        let control = input[i]; i += 1
        var size: Int
        if control & 2 != 0 { size = AgeFormat.chunkSize } else {
            guard i < input.endIndex else { break }
            size = Int(input[i]); i += 1
        }
        if control & 4 != 0 { size += 1 }
        chunks.append((patterns[chunks.count].prefix(size), control & 1 != 0))
    }
    let trailing = Data(input[i...].prefix(32))
    var file = header + nonce
    var sealed = [UInt8](repeating: 0, count: AgeFormat.sealedChunkSize + 1)
    for (n, chunk) in chunks.enumerated() {
        let written = chunk.plain.withUnsafeBytes { p in
            sealed.withUnsafeMutableBytes { out in payloadKey.seal(p, counter: UInt64(n), last: chunk.last, into: out.baseAddress!) }
        }
        file += sealed[..<written]
    }
    file += trailing
    let canonical = trailing.isEmpty && !chunks.isEmpty
        && chunks.dropLast().allSatisfy { $0.plain.count == AgeFormat.chunkSize && !$0.last }
        && chunks.last!.last && chunks.last!.plain.count <= AgeFormat.chunkSize
        && (chunks.last!.plain.count > 0 || chunks.count == 1)
    let expected = chunks.reduce(Data()) { $0 + $1.plain }
    let (a, b) = readBoth(file)
    if a != b { fuzzFailure("in-memory and streaming age readers disagree") }
    switch a {
    case .ok(let plain):
        guard canonical, plain == expected else { fuzzFailure("a non-canonical STREAM was accepted, or its plaintext changed") }
    case .refused:
        guard !canonical else { fuzzFailure("a canonical STREAM was refused") }
    }
    return 0
}

@_cdecl("FuzzAgeStream_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
