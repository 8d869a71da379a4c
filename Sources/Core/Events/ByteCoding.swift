import Foundation
import Crypto

/// A small, deterministic binary encoding. Event envelopes are hashed, so their bytes
/// must be the same on every device and Swift version: no JSON, no dictionaries.
public struct ByteWriter {
    // Bytes in an array, not `Data`: appending to `Data` byte by byte cost more than hashing
    // the result (an import encodes every envelope of a million-event bundle).
    public private(set) var buffer: [UInt8] = []
    public var data: Data { Data(buffer) }
    public init(capacity: Int = 0) { buffer.reserveCapacity(capacity) }

    public mutating func u8(_ v: UInt8) { buffer.append(v) }
    public mutating func u16(_ v: UInt16) { buffer.append(UInt8(v >> 8)); buffer.append(UInt8(v & 0xff)) }
    public mutating func u64(_ v: UInt64) {
        var shift: UInt64 = 56
        while true { buffer.append(UInt8(truncatingIfNeeded: v >> shift)); if shift == 0 { break }; shift -= 8 }
    }
    public mutating func fixed(_ data: Data) { buffer.append(contentsOf: data) }
    public mutating func bytes(_ data: Data) { varint(UInt64(data.count)); buffer.append(contentsOf: data) }
    public mutating func string(_ s: String) { varint(UInt64(s.utf8.count)); buffer.append(contentsOf: s.utf8) }
    public mutating func uuid(_ id: UUID) { withUnsafeBytes(of: id.uuid) { buffer.append(contentsOf: $0) } }
    public mutating func optionalString(_ s: String?) {
        if let s { u8(1); string(s) } else { u8(0) }
    }
    public mutating func strings(_ list: [String]) { varint(UInt64(list.count)); list.forEach { string($0) } }

    public mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 { buffer.append(UInt8(v & 0x7f) | 0x80); v >>= 7 }
        buffer.append(UInt8(v))
    }

    /// SHA-256 of the bytes written, without copying them into `Data` first.
    public func sha256() -> Data { Data(SHA256.hash(data: buffer)) }
}

public struct ByteReader {
    let data: Data
    var offset: Int

    public init(_ data: Data) { self.data = data; self.offset = data.startIndex }

    struct Truncated: Error {}

    public var atEnd: Bool { offset >= data.endIndex }

    public mutating func u8() throws -> UInt8 {
        guard offset < data.endIndex else { throw Truncated() }
        defer { offset += 1 }
        return data[offset]
    }
    public mutating func u16() throws -> UInt16 { UInt16(try u8()) << 8 | UInt16(try u8()) }
    public mutating func u64() throws -> UInt64 {
        var v: UInt64 = 0
        for _ in 0..<8 { v = v << 8 | UInt64(try u8()) }
        return v
    }
    public mutating func fixed(_ count: Int) throws -> Data {
        guard count >= 0, data.endIndex - offset >= count else { throw Truncated() }
        defer { offset += count }
        return data[offset..<offset + count]
    }
    public mutating func bytes(limit: Int = 1 << 26) throws -> Data {
        let n = try varint()
        guard n <= UInt64(limit) else { throw Truncated() }
        return Data(try fixed(Int(n)))
    }
    public mutating func string() throws -> String {
        guard let s = String(data: try bytes(), encoding: .utf8) else { throw Truncated() }
        return s
    }
    public mutating func uuid() throws -> UUID { UUID(data: try fixed(16))! }
    public mutating func optionalString() throws -> String? { try u8() == 1 ? try string() : nil }
    public mutating func strings() throws -> [String] {
        let n = try varint()
        guard n < 1 << 20 else { throw Truncated() }
        return try (0..<n).map { _ in try string() }
    }
    public mutating func varint() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try u8()
            result |= UInt64(b & 0x7f) << shift
            if b & 0x80 == 0 { return result }
            shift += 7
            guard shift < 64 else { throw Truncated() }
        }
    }
}

extension UUID {
    public var data: Data { withUnsafeBytes(of: uuid) { Data($0) } }

    public init?(data: Data) {
        guard data.count == 16 else { return nil }
        var raw: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        withUnsafeMutableBytes(of: &raw) { $0.copyBytes(from: data) }
        self.init(uuid: raw)
    }

    public static let zero = UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
}

extension Data {
    /// Lower-case hex. Hand-rolled: it is in the AAD of every sealed event, and
    /// `String(format:)` per byte made opening a case cost ~100 µs per event.
    public var hex: String {
        let digits: [UInt8] = Array("0123456789abcdef".utf8)
        var out = [UInt8]()
        out.reserveCapacity(count * 2)
        for b in self { out.append(digits[Int(b >> 4)]); out.append(digits[Int(b & 0x0f)]) }
        return String(decoding: out, as: UTF8.self)
    }
    public static let zeroHash = Data(repeating: 0, count: 32)
}
