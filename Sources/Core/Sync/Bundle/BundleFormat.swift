import Foundation
import Crypto

/// What a bundle says about itself, before its records: who sent it to whom, under which
/// schema, what the sender holds (the recipient's acknowledgements), and the signed chain
/// heads that make every event in it verifiable, also when a third store relays it.
public struct BundleHeader: Codable, Equatable, Sendable {
    public enum Kind: String, Codable, Sendable { case peer, backup }

    public struct DeviceChain: Codable, Equatable, Sendable {
        public var device: UUID
        public var signingKey: Data
        public var seq: UInt64
        public var head: Data
        public var signature: Data
    }

    public struct Revocation: Codable, Equatable, Sendable {
        public var device: UUID
        public var at: Int64
    }

    public struct Erasure: Codable, Equatable, Sendable {
        public var caseID: UUID
        public var hlc: Int64
    }

    /// A peer as a backup carries it, so that a restored store knows its colleagues again.
    public struct PeerEntry: Codable, Equatable, Sendable {
        public var card: ContactCard
        public var user: UUID?
        public var policy: SharingPolicy?
    }

    public var kind: Kind
    /// Random per bundle: a bundle read twice is recognised by it (with its sender).
    public var id: UUID
    public var sender: UUID
    public var senderUser: UUID
    public var senderSigningKey: Data
    public var recipient: UUID?
    public var created: Int64
    public var migrations: [String]
    /// Per device: the last sequence number the sender holds (acknowledges) of its chain.
    public var holds: [UUID: UInt64]
    /// Cases the sender holds in full (with payloads), so the recipient knows what to fill in.
    public var fullCases: [UUID]
    public var chains: [DeviceChain]
    public var revocations: [Revocation]
    public var erasures: [Erasure]
    public var role: Role?
    public var peers: [PeerEntry]?
    /// A backup's store settings that are not events: the retention periods, and what
    /// anonymised cases left for the figures (issue 9).
    public var retention: String?
    public var anonymousCounts: [Data]?
}

/// The bundle's plaintext layout (inside age): a magic line, the header as length-prefixed
/// JSON, then records, each a tag and length-prefixed fields; the last record carries the
/// sender's Ed25519 signature over the SHA-256 of everything before it.
enum BundleFormat {
    static let magic = Data("SCHAKEL-BUNDEL 1\n".utf8)
    static let fileExtension = "schakel"
    static let maxHeader = 64 << 20
    static let maxEnvelope = 4096
    static let maxPayload = 16 << 20
    static let maxBlob = 64 << 20

    enum Tag: UInt8 {
        case end = 0
        /// An event of a device's chain, in chain order; an empty payload means left out.
        case event = 1
        /// An attachment's bytes: blob id, case id, bytes.
        case blob = 2
        /// The payload of an event the recipient holds without one (a case newly shared with it).
        case fill = 3
    }

    static func signedMessage(_ digest: Data) -> Data {
        var w = ByteWriter()
        w.string("schakel-bundle")
        w.fixed(digest)
        return w.data
    }

    static let encoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }()
}

/// Writes the plaintext of a bundle into a sink (the age writer), hashing as it goes.
final class BundleWriter {
    private var hasher = SHA256()
    private let sink: (Data) throws -> Void
    private var buffer = Data()
    private(set) var events = 0
    private(set) var withheld = 0
    private(set) var bytes = 0

    init(header: BundleHeader, sink: @escaping (Data) throws -> Void) throws {
        self.sink = sink
        buffer.append(BundleFormat.magic)
        var w = ByteWriter()
        w.bytes(try BundleFormat.encoder.encode(header))
        buffer.append(w.data)
    }

    func event(_ canonical: Data, payload: Data?, fill: Bool = false) throws {
        var w = ByteWriter()
        w.u8(fill ? BundleFormat.Tag.fill.rawValue : BundleFormat.Tag.event.rawValue)
        w.bytes(canonical)
        w.bytes(payload ?? Data())
        append(w.data)
        events += 1
        if payload == nil { withheld += 1 }
        try flushIfFull()
    }

    func blob(id: UUID, caseID: UUID, bytes: Data) throws {
        var w = ByteWriter()
        w.u8(BundleFormat.Tag.blob.rawValue)
        w.uuid(id); w.uuid(caseID)
        w.bytes(bytes)
        append(w.data)
        try flushIfFull()
    }

    func finish(signer: DeviceSigner) throws {
        buffer.append(BundleFormat.Tag.end.rawValue)
        hasher.update(data: buffer)
        bytes += buffer.count
        let digest = Data(hasher.finalize())
        var w = ByteWriter()
        w.fixed(signer.sign(BundleFormat.signedMessage(digest)))
        buffer.append(w.data)
        try sink(buffer)
        buffer.removeAll()
    }

    private func append(_ d: Data) { buffer.append(d) }

    private func flushIfFull() throws {
        guard buffer.count >= 1 << 20 else { return }
        hasher.update(data: buffer)
        bytes += buffer.count
        try sink(buffer)
        buffer.removeAll(keepingCapacity: true)
    }
}

/// Parses bundle plaintext as it is decrypted, handing out records one at a time. Nothing
/// it hands out is authentic until `finish` has checked the signature (and the age layer
/// its last chunk): callers apply inside a transaction that only commits after both.
final class BundleParser {
    enum Record {
        case event(canonical: Data, payload: Data, fill: Bool)
        case blob(id: UUID, caseID: UUID, bytes: Data)
    }

    private var buffer: [UInt8] = []
    private var start = 0
    private var hasher = SHA256()
    private(set) var header: BundleHeader?
    private var ended = false
    private var signature: Data?
    private let onHeader: (BundleHeader) throws -> Void
    private let onRecord: (Record) throws -> Void

    static func corrupt() -> SchakelError { SchakelError(.integrity, L10n.t("bundle.error.corrupt")) }

    init(onHeader: @escaping (BundleHeader) throws -> Void, onRecord: @escaping (Record) throws -> Void) {
        self.onHeader = onHeader; self.onRecord = onRecord
    }

    func feed(_ bytes: UnsafeRawBufferPointer) throws {
        guard signature == nil else { throw Self.corrupt() }
        buffer.append(contentsOf: bytes)
        try parse()
        if start > 1 << 20 || start == buffer.count {
            buffer.removeSubrange(0..<start)
            start = 0
        }
    }

    /// Checks the signature with the sender's key (from the header, checked by the caller).
    func finish(verifyingWith key: Data) throws {
        guard let signature, start == buffer.count else { throw Self.corrupt() }
        let digest = Data(hasher.finalize())
        guard DeviceSigner.verify(signature: signature, message: BundleFormat.signedMessage(digest), publicKey: key) else {
            throw SchakelError(.integrity, L10n.t("bundle.error.signature"))
        }
    }

    private func parse() throws {
        while true {
            let before = start
            if header == nil {
                guard let h = try readHeader() else { return }
                hash(before, start)
                header = h
                try onHeader(h)
                continue
            }
            if ended {
                guard buffer.count - start >= 64 else { return }
                signature = Data(buffer[start..<start + 64])
                start += 64
                guard start == buffer.count else { throw Self.corrupt() }
                return
            }
            guard start < buffer.count else { return }
            guard let tag = BundleFormat.Tag(rawValue: buffer[start]) else { throw Self.corrupt() }
            var p = start + 1
            switch tag {
            case .end:
                start = p
                hash(before, start)
                ended = true
            case .event, .fill:
                guard let canonical = try field(&p, limit: BundleFormat.maxEnvelope),
                      let payload = try field(&p, limit: BundleFormat.maxPayload) else { return }
                start = p
                hash(before, start)
                try onRecord(.event(canonical: canonical, payload: payload, fill: tag == .fill))
            case .blob:
                guard buffer.count - p >= 32 else { return }
                let id = UUID(data: Data(buffer[p..<p + 16]))!, caseID = UUID(data: Data(buffer[p + 16..<p + 32]))!
                p += 32
                guard let bytes = try field(&p, limit: BundleFormat.maxBlob) else { return }
                start = p
                hash(before, start)
                try onRecord(.blob(id: id, caseID: caseID, bytes: bytes))
            }
        }
    }

    private func hash(_ from: Int, _ to: Int) {
        buffer.withUnsafeBytes { hasher.update(bufferPointer: UnsafeRawBufferPointer(rebasing: $0[from..<to])) }
    }

    private func readHeader() throws -> BundleHeader? {
        let m = BundleFormat.magic.count
        guard buffer.count - start >= m else { return nil }
        guard Data(buffer[start..<start + m]) == BundleFormat.magic else { throw SchakelError(.validation, L10n.t("bundle.error.notBundle")) }
        var p = start + m
        guard let json = try field(&p, limit: BundleFormat.maxHeader) else { return nil }
        guard let h = try? JSONDecoder().decode(BundleHeader.self, from: json) else { throw Self.corrupt() }
        start = p
        return h
    }

    /// A varint length and that many bytes at `p`, or nil when not all of it has arrived.
    private func field(_ p: inout Int, limit: Int) throws -> Data? {
        var length = 0, shift = 0, q = p
        while true {
            guard q < buffer.count else { return nil }
            let b = buffer[q]; q += 1
            length |= Int(b & 0x7f) << shift
            if b & 0x80 == 0 { break }
            shift += 7
            guard shift < 35 else { throw Self.corrupt() }
        }
        guard length <= limit else { throw Self.corrupt() }
        guard buffer.count - q >= length else { return nil }
        p = q + length
        return Data(buffer[q..<q + length])
    }
}
