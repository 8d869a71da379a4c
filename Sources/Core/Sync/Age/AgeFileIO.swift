import Foundation
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Plain POSIX reads and writes with reused buffers, so large files stream without
/// per-call allocations.
enum AgeIO {
    /// Reads until `buffer` is full or the input ends; returns the bytes read.
    static func read(_ fd: Int32, into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var total = 0
        while total < buffer.count {
            let n = sysRead(fd, buffer.baseAddress! + total, buffer.count - total)
            if n < 0 {
                if errno == EINTR { continue }
                throw AgeError.io()
            }
            if n == 0 { break }
            total += n
        }
        return total
    }

    static func write(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        guard writeAll(fd, bytes) else { throw AgeError.io() }
    }

    /// File to file: the output appears (atomically, mode 0600) only when `body` finished
    /// without error, and on disk first when `durable`; on failure nothing is left behind.
    static func transform(input: URL, output: URL, durable: Bool,
                          _ body: (Int32, @escaping (UnsafeRawBufferPointer) throws -> Void) throws -> Void) throws {
        let inFD = try openForReading(input)
        defer { close(inFD) }
        let file = try AgeOutputFile(output)
        do {
            try body(inFD) { try file.write($0) }
            try file.commit(durable: durable)
        } catch {
            file.abandon()
            throw error
        }
    }

    static func openForReading(_ url: URL) throws -> Int32 {
        let fd = sysOpen(url.path, O_RDONLY | O_CLOEXEC, 0)
        guard fd >= 0 else { throw AgeError.io() }
        return fd
    }

    private static func sysRead(_ fd: Int32, _ p: UnsafeMutableRawPointer, _ n: Int) -> Int {
        #if canImport(Glibc)
        return Glibc.read(fd, p, n)
        #else
        return Darwin.read(fd, p, n)
        #endif
    }

    static func sysOpen(_ path: String, _ flags: Int32, _ mode: mode_t) -> Int32 {
        #if canImport(Glibc)
        return Glibc.open(path, flags, mode)
        #else
        return Darwin.open(path, flags, mode)
        #endif
    }
}

/// An input file read through one buffer: lines for the header, then whole blocks.
/// The first `headroom` bytes are never filled, so the payload reader may write a nonce
/// just before the first unread chunk (see `AgePayloadOpener`).
final class AgeInputBuffer {
    static let headroom = 16
    private let fd: Int32
    let storage: UnsafeMutableRawBufferPointer
    private(set) var start = AgeInputBuffer.headroom
    private(set) var end = AgeInputBuffer.headroom
    private(set) var atEOF = false

    init(fd: Int32, capacity: Int) {
        self.fd = fd
        storage = .allocate(byteCount: Self.headroom + capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    var unread: UnsafeRawBufferPointer { UnsafeRawBufferPointer(rebasing: storage[start..<end]) }

    func consume(_ n: Int) { start += n }

    /// Moves the unread bytes to the front and reads until the buffer is full or the input ends.
    func fill() throws {
        if start > Self.headroom {
            if end > start { memmove(storage.baseAddress! + Self.headroom, storage.baseAddress! + start, end - start) }
            end -= start - Self.headroom; start = Self.headroom
        }
        if end < storage.count && !atEOF {
            let n = try AgeIO.read(fd, into: UnsafeMutableRawBufferPointer(rebasing: storage[end...]))
            end += n
            if end < storage.count { atEOF = true }
        }
    }

    /// The next line without its `\n`; nil when the input ends first. Refuses lines over `max`.
    func readLine(max: Int) throws -> ArraySlice<UInt8>? {
        var searched = 0  // bytes after `start` known to hold no newline
        while true {
            let base = storage.baseAddress!
            let avail = end - start
            if avail > searched, let hit = memchr(base + start + searched, 0x0A, avail - searched) {
                let length = base.distance(to: hit) - start
                if length > max { throw AgeError.header() }
                let line = ArraySlice(UnsafeRawBufferPointer(rebasing: storage[start..<(start + length)]))
                start += length + 1
                return line
            }
            searched = avail
            if avail > max { throw AgeError.header() }
            if atEOF { return nil }
            try fill()
            if end - start == avail { return nil }
        }
    }
}

/// The output of a file-to-file operation: written to a private temporary file next to
/// the target and renamed over it only when complete, so no reader ever sees half a file
/// and a failed decryption leaves no plaintext behind.
final class AgeOutputFile {
    let fd: Int32
    private let temporary: URL
    private let target: URL
    private var open = true

    init(_ target: URL) throws {
        self.target = target
        let dir = target.deletingLastPathComponent()
        temporary = dir.appendingPathComponent(".\(target.lastPathComponent).\(UUID().uuidString).part")
        fd = AgeIO.sysOpen(temporary.path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw AgeError.io() }
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws { try AgeIO.write(fd, bytes) }

    /// Renames the finished file into place; `durable` first waits until it is on disk.
    func commit(durable: Bool) throws {
        if durable && fsync(fd) != 0 { abandon(); throw AgeError.io() }
        close(fd); open = false
        guard rename(temporary.path, target.path) == 0 else { unlink(temporary.path); throw AgeError.io() }
    }

    func abandon() {
        if open { close(fd); open = false }
        unlink(temporary.path)
    }

    deinit { if open { abandon() } }
}
