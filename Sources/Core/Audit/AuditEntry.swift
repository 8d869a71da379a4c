import Foundation
import Crypto

/// One line of the audit log: who opened or changed which case, when. Entries are
/// sealed, and chained with an HMAC under a store-derived key, so someone without the
/// passphrase can neither read nor rewrite them; the chain head is signed by the device.
public struct AuditEntry: Equatable, Sendable {
    public var at: Date
    public var user: UUID
    public var action: String
    public var caseID: UUID?
    public var detail: String?

    public init(at: Date, user: UUID, action: String, caseID: UUID?, detail: String?) {
        // Millisecond precision: what the binary form keeps.
        self.at = Date(timeIntervalSince1970: (at.timeIntervalSince1970 * 1000).rounded() / 1000)
        self.user = user; self.action = action; self.caseID = caseID; self.detail = detail
    }

    var encoded: Data {
        var w = ByteWriter()
        w.u8(1)
        w.u64(UInt64(max(0, (at.timeIntervalSince1970 * 1000).rounded())))
        w.uuid(user)
        w.string(action)
        w.uuid(caseID ?? .zero)
        w.optionalString(detail)
        return w.data
    }

    init(encoded data: Data) throws {
        var r = ByteReader(data)
        do {
            guard try r.u8() == 1 else { throw ByteReader.Truncated() }
            at = Date(timeIntervalSince1970: Double(try r.u64()) / 1000)
            user = try r.uuid()
            action = try r.string()
            let c = try r.uuid()
            caseID = c == .zero ? nil : c
            detail = try r.optionalString()
        } catch {
            throw SchakelError(.integrity, L10n.t("error.auditCorrupt"))
        }
    }

    static func chainMAC(key: SymmetricKey, previous: Data, seq: Int64, sealed: Data) -> Data {
        var w = ByteWriter()
        w.fixed(previous)
        w.u64(UInt64(seq))
        w.bytes(sealed)
        return Data(HMAC<SHA256>.authenticationCode(for: w.data, using: key))
    }

    static func headMessage(seq: Int64, mac: Data) -> Data {
        var w = ByteWriter()
        w.string("schakel-audit-head")
        w.u64(UInt64(seq))
        w.fixed(mac)
        return w.data
    }
}
