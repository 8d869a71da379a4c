import Foundation
import Crypto

/// What an event says about itself, without its (sealed) payload. Its canonical bytes
/// are hashed into the event id, and each envelope names its predecessor on the same
/// device, so a device's events form a hash chain. A sharing policy can leave out a
/// whole event and still pass on its envelope: the chain verifies without the payload.
public struct EventEnvelope: Equatable, Sendable {
    public enum Operation: UInt8, Sendable { case put = 1, remove = 2 }

    public static let formatVersion: UInt8 = 1

    public var deviceID: UUID
    public var seq: UInt64
    public var prev: Data          // id of the device's previous event, zeroHash for the first
    public var hlc: HLC
    public var author: UUID        // the user who made the change
    public var entityKind: String
    public var entityID: UUID
    public var caseID: UUID?       // the case the entity belongs to, if any (sharing and keys)
    public var group: String       // the field group this event sets
    /// The events whose values this one replaces: one id (32 bytes), or several ids
    /// concatenated when the writer saw a conflict and so superseded all its values.
    public var overwrote: Data?
    public var payloadDigest: Data // SHA-256 of the salted plaintext payload
    public var schema: UInt16      // payload schema version of this group
    public var operation: Operation

    /// The replaced events one by one.
    public var parents: [Data] { Self.split(overwrote) }

    static func split(_ ids: Data?) -> [Data] {
        guard let ids, !ids.isEmpty else { return [] }
        return stride(from: ids.startIndex, to: ids.endIndex, by: 32).map { Data(ids[$0..<min($0 + 32, ids.endIndex)]) }
    }

    public var canonicalBytes: Data { canonicalWriter.data }

    private var canonicalWriter: ByteWriter {
        // Format 1 has room for one replaced event; format 2 (several, after a conflict) lists
        // them. Every event with at most one keeps format 1, so old ids never change.
        let multi = (overwrote?.count ?? 0) > 32
        var w = ByteWriter(capacity: 200 + entityKind.utf8.count + group.utf8.count + (multi ? overwrote!.count : 0))
        w.string("schakel-event")
        w.u8(multi ? 2 : Self.formatVersion)
        w.uuid(deviceID)
        w.u64(seq)
        w.fixed(prev)
        w.u64(hlc.packed)
        w.uuid(author)
        w.string(entityKind)
        w.uuid(entityID)
        w.uuid(caseID ?? .zero)
        w.string(group)
        if multi { w.bytes(overwrote!) } else { w.fixed(overwrote ?? .zeroHash) }
        w.fixed(payloadDigest)
        w.u16(schema)
        w.u8(operation.rawValue)
        return w
    }

    public var id: Data { canonicalWriter.sha256() }

    /// Reads canonical bytes back (from a bundle). Strict: exactly one encoding is accepted,
    /// so the id computed from the result is the id of the bytes received.
    public init(canonical: Data) throws {
        var r = ByteReader(canonical)
        let bad = SchakelError(.integrity, L10n.t("bundle.error.corrupt"))
        guard (try? r.string()) == "schakel-event" else { throw bad }
        let version = try r.u8()
        guard version == 1 || version == 2 else { throw bad }
        deviceID = try r.uuid()
        seq = try r.u64()
        prev = Data(try r.fixed(32))
        hlc = HLC(packed: try r.u64())
        author = try r.uuid()
        entityKind = try r.string()
        entityID = try r.uuid()
        let c = try r.uuid()
        caseID = c == .zero ? nil : c
        group = try r.string()
        if version == 2 {
            let ids = try r.bytes(limit: 32 * 64)
            guard ids.count > 32, ids.count % 32 == 0 else { throw bad }
            overwrote = ids
        } else {
            let o = Data(try r.fixed(32))
            overwrote = o == .zeroHash ? nil : o
        }
        payloadDigest = Data(try r.fixed(32))
        schema = try r.u16()
        guard let op = Operation(rawValue: try r.u8()), r.atEnd, seq > 0 else { throw bad }
        operation = op
        guard canonicalWriter.buffer.elementsEqual(canonical) else { throw bad }
    }

    public init(deviceID: UUID, seq: UInt64, prev: Data, hlc: HLC, author: UUID, entityKind: String, entityID: UUID, caseID: UUID?,
                group: String, overwrote: Data?, payloadDigest: Data, schema: UInt16, operation: Operation) {
        self.deviceID = deviceID; self.seq = seq; self.prev = prev; self.hlc = hlc; self.author = author
        self.entityKind = entityKind; self.entityID = entityID; self.caseID = caseID; self.group = group
        self.overwrote = overwrote; self.payloadDigest = payloadDigest; self.schema = schema; self.operation = operation
    }
}

/// The message a device signs for its chain head: "my events up to `seq` end in `head`".
public struct ChainHead: Equatable, Sendable {
    public var deviceID: UUID
    public var seq: UInt64
    public var head: Data
    public var signature: Data

    public static func message(deviceID: UUID, seq: UInt64, head: Data) -> Data {
        var w = ByteWriter()
        w.string("schakel-chain-head")
        w.uuid(deviceID)
        w.u64(seq)
        w.fixed(head)
        return w.data
    }

    public var message: Data { Self.message(deviceID: deviceID, seq: seq, head: head) }
}
