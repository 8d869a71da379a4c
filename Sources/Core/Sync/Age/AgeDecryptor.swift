import Foundation
import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Decrypts age v1 files (binary, not ASCII-armored) written by any age implementation.
public enum AgeDecryptor {
    /// The plaintext, returned only when the whole file is authentic and complete.
    public static func decrypt(_ file: Data, identities: [AgeIdentity]) throws -> Data {
        try file.withUnsafeBytes { raw -> Data in
            var pos = 0
            let header = try AgeHeader.parse { max -> ArraySlice<UInt8>? in
                let limit = min(raw.count, pos + max + 1)
                guard let nl = raw[pos..<limit].firstIndex(of: 0x0A) else {
                    if limit - pos > max { throw AgeError.header() }
                    return nil
                }
                let line = ArraySlice(UnsafeRawBufferPointer(rebasing: raw[pos..<nl]))
                pos = nl + 1
                return line
            }
            let fileKey = try header.unwrap(with: identities)
            guard raw.count - pos >= AgeFormat.nonceSize else { throw AgeError.truncated() }
            let nonce = Data(UnsafeRawBufferPointer(rebasing: raw[pos..<(pos + AgeFormat.nonceSize)]))
            pos += AgeFormat.nonceSize
            let opener = AgePayloadOpener(key: AgePayloadKey(fileKey: fileKey, nonce: nonce))
            let sealed = UnsafeRawBufferPointer(rebasing: raw[pos...])
            var plaintext = Data(count: sealed.count)
            do {
                let produced = try plaintext.withUnsafeMutableBytes { out in
                    try opener.open(sealed, writableBefore: false, atEnd: true, into: out).produced
                }
                plaintext.count = produced
                return plaintext
            } catch {
                plaintext.resetBytes(in: 0..<plaintext.count)
                throw error
            }
        }
    }

    /// Streams `input` to `output`. The output appears (atomically, mode 0600) only when the
    /// whole file decrypted; on any failure nothing is left behind. `durable` as for encryption.
    public static func decrypt(input: URL, output: URL, identities: [AgeIdentity], durable: Bool = true) throws {
        try AgeIO.transform(input: input, output: output, durable: durable) { fd, sink in
            try decrypt(fd: fd, identities: identities, sink: sink)
        }
    }

    /// Streams from one open file to another. Plaintext is written as chunks authenticate;
    /// only a normal return means the file was complete, so the caller must discard
    /// `output` after an error.
    public static func decrypt(from input: FileHandle, to output: FileHandle, identities: [AgeIdentity]) throws {
        let outFD = output.fileDescriptor
        try decrypt(fd: input.fileDescriptor, identities: identities) { try AgeIO.write(outFD, $0) }
    }

    /// Streams the plaintext of `input` to `consume`, one authenticated block (up to
    /// about 1 MiB) at a time. Truncation shows only at the end: treat everything as
    /// provisional until this returns without error.
    public static func decrypt(from input: FileHandle, identities: [AgeIdentity],
                               consume: (UnsafeRawBufferPointer) throws -> Void) throws {
        try decrypt(fd: input.fileDescriptor, identities: identities, sink: consume)
    }

    static func decrypt(fd: Int32, identities: [AgeIdentity], sink: (UnsafeRawBufferPointer) throws -> Void) throws {
        let input = AgeInputBuffer(fd: fd, capacity: AgeWriter.batchChunks * AgeFormat.sealedChunkSize)
        let header = try AgeHeader.parse { try input.readLine(max: $0) }
        let fileKey = try header.unwrap(with: identities)
        if input.unread.count < AgeFormat.nonceSize { try input.fill() }
        guard input.unread.count >= AgeFormat.nonceSize else { throw AgeError.truncated() }
        let nonce = Data(UnsafeRawBufferPointer(rebasing: input.unread[..<AgeFormat.nonceSize]))
        input.consume(AgeFormat.nonceSize)
        let opener = AgePayloadOpener(key: AgePayloadKey(fileKey: fileKey, nonce: nonce))
        let out = UnsafeMutableRawBufferPointer.allocate(byteCount: input.storage.count, alignment: 16)
        defer {
            out.initializeMemory(as: UInt8.self, repeating: 0)
            out.deallocate()
        }
        while !opener.finished {
            try input.fill()
            let (consumed, produced) = try opener.open(input.unread, writableBefore: true, atEnd: input.atEOF, into: out)
            input.consume(consumed)
            if produced > 0 { try sink(UnsafeRawBufferPointer(rebasing: out[..<produced])) }
        }
    }
}
