import Foundation
import Crypto
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Writes an age file incrementally: the header at once, then the payload in 64 KiB
/// chunks as bytes arrive, so no size limit applies and memory use stays flat.
/// `finish()` must be called; without it the file is truncated and will not decrypt.
public final class AgeWriter {
    private let key: AgePayloadKey
    private let sink: (UnsafeRawBufferPointer) throws -> Void
    private var counter: UInt64 = 0
    private let pending: UnsafeMutableRawBufferPointer
    private var pendingCount = 0
    private let out: UnsafeMutableRawBufferPointer
    private var outCount = 0
    private var closed = false

    /// Chunks sealed before each hand-over to `sink` (about 1 MiB).
    static let batchChunks = 16

    /// `sink` receives the encrypted bytes in order; its buffer is only valid during the call.
    public init(recipients: [AgeRecipient], sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        guard !recipients.isEmpty else { throw AgeError.noRecipients() }
        if recipients.count > 1 && recipients.contains(where: \.mustBeAlone) { throw AgeError.scryptNotAlone() }
        let fileKey = AgeFormat.randomFileKey()
        let stanzas = try recipients.map { try $0.wrap(fileKey: fileKey) }
        var head = try AgeHeader.encode(stanzas, fileKey: fileKey)
        let nonce = Data.random(count: AgeFormat.nonceSize)
        head += nonce
        key = AgePayloadKey(fileKey: fileKey, nonce: nonce)
        self.sink = sink
        pending = .allocate(byteCount: AgeFormat.chunkSize, alignment: 16)
        out = .allocate(byteCount: Self.batchChunks * AgeFormat.sealedChunkSize, alignment: 16)
        // Every property is set, so `deinit` frees the buffers should the sink fail here.
        try head.withUnsafeBytes { try sink($0) }
    }

    deinit {
        pending.initializeMemory(as: UInt8.self, repeating: 0)
        pending.deallocate()
        out.deallocate()
    }

    public func write(_ data: Data) throws {
        try data.withUnsafeBytes { try write($0) }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard !closed else { throw AgeError.writerFinished() }
        do {
            var i = 0
            while i < bytes.count {
                // A chunk is sealed only once it is known not to be the last one.
                if pendingCount == AgeFormat.chunkSize {
                    try seal(UnsafeRawBufferPointer(pending), last: false)
                    pendingCount = 0
                }
                if pendingCount == 0 && bytes.count - i > AgeFormat.chunkSize {
                    // Straight from the caller's buffer, no copy.
                    try seal(UnsafeRawBufferPointer(rebasing: bytes[i..<(i + AgeFormat.chunkSize)]), last: false)
                    i += AgeFormat.chunkSize
                    continue
                }
                let n = min(AgeFormat.chunkSize - pendingCount, bytes.count - i)
                (pending.baseAddress! + pendingCount).copyMemory(from: bytes.baseAddress! + i, byteCount: n)
                pendingCount += n
                i += n
            }
        } catch {
            closed = true
            throw error
        }
    }

    /// Seals the last chunk and hands over everything left.
    public func finish() throws {
        guard !closed else { throw AgeError.writerFinished() }
        closed = true
        try seal(UnsafeRawBufferPointer(rebasing: pending[..<pendingCount]), last: true)
        try flush()
    }

    private func seal(_ plain: UnsafeRawBufferPointer, last: Bool) throws {
        if outCount + plain.count + AgeFormat.tagSize > out.count { try flush() }
        outCount += key.seal(plain, counter: counter, last: last, into: out.baseAddress! + outCount)
        counter += 1
    }

    private func flush() throws {
        guard outCount > 0 else { return }
        try sink(UnsafeRawBufferPointer(rebasing: out[..<outCount]))
        outCount = 0
    }
}

/// Encrypts to age v1 files any age implementation can read.
public enum AgeEncryptor {
    public static func encrypt(_ plaintext: Data, to recipients: [AgeRecipient]) throws -> Data {
        var result = Data()
        let chunks = plaintext.count / AgeFormat.chunkSize + 1
        result.reserveCapacity(plaintext.count + chunks * AgeFormat.tagSize + 512 * recipients.count + 128)
        let writer = try AgeWriter(recipients: recipients) { bytes in
            if let base = bytes.baseAddress { result.append(base.assumingMemoryBound(to: UInt8.self), count: bytes.count) }
        }
        try writer.write(plaintext)
        try writer.finish()
        return result
    }

    /// Streams `input` to `output`. The output appears (atomically, mode 0600) only when
    /// complete; with `durable` (the default) only once it is on disk (fsync), as a backup
    /// must be. `durable: false` is faster on slow disks, for files that can be made again.
    public static func encrypt(input: URL, output: URL, to recipients: [AgeRecipient], durable: Bool = true) throws {
        try AgeIO.transform(input: input, output: output, durable: durable) { fd, sink in
            try encrypt(fd: fd, to: recipients, sink: sink)
        }
    }

    /// Streams from one open file to another (no atomic replacement: the caller owns `output`).
    public static func encrypt(from input: FileHandle, to output: FileHandle, recipients: [AgeRecipient]) throws {
        let outFD = output.fileDescriptor
        try encrypt(fd: input.fileDescriptor, to: recipients) { try AgeIO.write(outFD, $0) }
    }

    static func encrypt(fd: Int32, to recipients: [AgeRecipient], sink: @escaping (UnsafeRawBufferPointer) throws -> Void) throws {
        let writer = try AgeWriter(recipients: recipients, sink: sink)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: AgeWriter.batchChunks * AgeFormat.chunkSize, alignment: 16)
        defer {
            buffer.initializeMemory(as: UInt8.self, repeating: 0)
            buffer.deallocate()
        }
        while true {
            let n = try AgeIO.read(fd, into: buffer)
            if n > 0 { try writer.write(UnsafeRawBufferPointer(rebasing: buffer[..<n])) }
            if n < buffer.count { break }
        }
        try writer.finish()
    }
}
