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
    public var overwrote: Data?    // the event whose value this one replaces
    public var payloadDigest: Data // SHA-256 of the salted plaintext payload
    public var schema: UInt16      // payload schema version of this group
    public var operation: Operation

    public var canonicalBytes: Data {
        var w = ByteWriter()
        w.string("schakel-event")
        w.u8(Self.formatVersion)
        w.uuid(deviceID)
        w.u64(seq)
        w.fixed(prev)
        w.u64(hlc.packed)
        w.uuid(author)
        w.string(entityKind)
        w.uuid(entityID)
        w.uuid(caseID ?? .zero)
        w.string(group)
        w.fixed(overwrote ?? .zeroHash)
        w.fixed(payloadDigest)
        w.u16(schema)
        w.u8(operation.rawValue)
        return w.data
    }

    public var id: Data { Data(SHA256.hash(data: canonicalBytes)) }
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
