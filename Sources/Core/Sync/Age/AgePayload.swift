import Foundation
import Crypto

/// The payload key and the STREAM construction of age: 64 KiB chunks, each sealed with
/// ChaCha20-Poly1305 under nonce = 11-byte big-endian chunk counter || last-chunk flag.
struct AgePayloadKey {
    let key: SymmetricKey

    init(fileKey: SymmetricKey, nonce: Data) {
        key = HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: nonce, info: Data("payload".utf8), outputByteCount: 32)
    }

    @inline(__always)
    static func nonce(_ counter: UInt64, last: Bool) -> ChaChaPoly.Nonce {
        var bytes = [UInt8](repeating: 0, count: 12)
        var c = counter
        for i in stride(from: 10, through: 3, by: -1) { bytes[i] = UInt8(truncatingIfNeeded: c); c >>= 8 }
        bytes[11] = last ? 1 : 0
        return try! ChaChaPoly.Nonce(data: bytes)
    }

    /// Seals one chunk into `out` (ciphertext then tag); returns the bytes written.
    @inline(__always)
    func seal(_ plain: UnsafeRawBufferPointer, counter: UInt64, last: Bool, into out: UnsafeMutableRawPointer) -> Int {
        let box = try! ChaChaPoly.seal(plain, using: key, nonce: Self.nonce(counter, last: last))
        return box.combined.withUnsafeBytes { combined -> Int in
            let n = combined.count - 12
            out.copyMemory(from: combined.baseAddress! + 12, byteCount: n)
            return n
        }
    }

    /// Opens one chunk into `out`; nil when it does not authenticate. The 12 bytes just
    /// before `sealed` must be writable: they are overwritten with the nonce, so the sealed
    /// box is a view of the buffer instead of a concatenated copy (about twice as fast).
    @inline(__always)
    func open(_ sealed: UnsafeRawBufferPointer, counter: UInt64, last: Bool, into out: UnsafeMutableRawPointer) -> Int? {
        guard sealed.count >= AgeFormat.tagSize, let base = sealed.baseAddress else { return nil }
        let slot = UnsafeMutableRawPointer(mutating: base - 12)
        slot.initializeMemory(as: UInt8.self, repeating: 0, count: 11)
        var c = counter
        for i in stride(from: 10, through: 3, by: -1) { slot.storeBytes(of: UInt8(truncatingIfNeeded: c), toByteOffset: i, as: UInt8.self); c >>= 8 }
        slot.storeBytes(of: last ? 1 : 0, toByteOffset: 11, as: UInt8.self)
        let combined = Data(bytesNoCopy: slot, count: 12 + sealed.count, deallocator: .none)
        guard let box = try? ChaChaPoly.SealedBox(combined: combined),
              let plain = try? ChaChaPoly.open(box, using: key) else { return nil }
        plain.withUnsafeBytes { if let p = $0.baseAddress { out.copyMemory(from: p, byteCount: $0.count) } }
        return plain.count
    }
}

/// Reads the STREAM: whole chunks, in order, the last one flagged, nothing after it.
final class AgePayloadOpener {
    let key: AgePayloadKey
    private(set) var counter: UInt64 = 0
    private(set) var finished = false
    /// For inputs whose bytes before a chunk are not ours to overwrite: one chunk, 16 bytes in.
    private var scratch: UnsafeMutableRawBufferPointer?

    init(key: AgePayloadKey) { self.key = key }

    deinit { scratch?.deallocate() }

    /// Opens every chunk of `input` whose place is known: each one followed by more input
    /// is a middle chunk; when `atEnd`, what is left is the last one. `out` must hold
    /// `input.count` bytes. With `writableBefore`, the 16 bytes before `input` and `input`
    /// itself may be overwritten (no copy); otherwise chunks are copied to a scratch buffer.
    /// Returns the bytes consumed from `input` and written to `out`.
    func open(_ input: UnsafeRawBufferPointer, writableBefore: Bool, atEnd: Bool,
              into out: UnsafeMutableRawBufferPointer) throws -> (consumed: Int, produced: Int) {
        let sealedSize = AgeFormat.sealedChunkSize
        var i = 0, o = 0
        while !finished {
            let remaining = input.count - i
            if remaining > sealedSize {
                let chunk = place(UnsafeRawBufferPointer(rebasing: input[i..<(i + sealedSize)]), writableBefore)
                guard let n = key.open(chunk, counter: counter, last: false, into: out.baseAddress! + o) else {
                    // A flagged last chunk with bytes after it: data was appended.
                    throw key.open(chunk, counter: counter, last: true, into: out.baseAddress! + o) != nil
                        ? AgeError.trailingData() : AgeError.payload()
                }
                i += sealedSize; o += n; counter += 1
            } else if atEnd {
                if remaining < AgeFormat.tagSize { throw remaining == 0 ? AgeError.truncated() : AgeError.payload() }
                let chunk = place(UnsafeRawBufferPointer(rebasing: input[i...]), writableBefore)
                guard let n = key.open(chunk, counter: counter, last: true, into: out.baseAddress! + o) else {
                    // A full middle chunk at the very end: the rest of the file is missing.
                    throw remaining == sealedSize && key.open(chunk, counter: counter, last: false, into: out.baseAddress! + o) != nil
                        ? AgeError.truncated() : AgeError.payload()
                }
                // Only an entirely empty payload may end with an empty chunk.
                if n == 0 && counter > 0 { throw AgeError.payload() }
                i += remaining; o += n; counter += 1
                finished = true
            } else {
                break
            }
        }
        return (i, o)
    }

    /// The chunk where its nonce may be written just before it: in place when the caller
    /// allows (the bytes before are headroom or an already opened chunk), else a copy.
    private func place(_ chunk: UnsafeRawBufferPointer, _ inPlace: Bool) -> UnsafeRawBufferPointer {
        if inPlace { return chunk }
        if scratch == nil { scratch = .allocate(byteCount: 16 + AgeFormat.sealedChunkSize, alignment: 16) }
        let dst = scratch!.baseAddress! + 16
        if let src = chunk.baseAddress { dst.copyMemory(from: src, byteCount: chunk.count) }
        return UnsafeRawBufferPointer(start: dst, count: chunk.count)
    }
}
