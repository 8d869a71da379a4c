import Foundation
import GRDB
import Crypto

/// The few facts a store keeps outside encryption (all needed before unlock, none personal).
struct StoreMeta {
    static let format = "schakel-store-1"

    var kdf: ScryptParameters
    var salt: Data
    var wrappedKey: Data
    var deviceID: UUID
    var sealedSigningKey: Data
    var signingPublicKey: Data
    var userID: UUID
    var role: Role
    var isDemo: Bool
    /// HMAC over all the other facts, under a key derived from the store key: the plaintext
    /// role and demo flag cannot be changed without the passphrase (nil: a store from before).
    var mac: Data?

    /// The bytes the MAC covers, in a fixed order.
    var authenticatedBytes: Data {
        var w = ByteWriter()
        w.string(Self.format)
        w.u64(UInt64(kdf.logN)); w.u64(UInt64(kdf.r)); w.u64(UInt64(kdf.p))
        w.bytes(salt); w.bytes(wrappedKey); w.uuid(deviceID); w.bytes(sealedSigningKey); w.bytes(signingPublicKey)
        w.uuid(userID); w.string(role.rawValue); w.u8(isDemo ? 1 : 0)
        return w.data
    }

    func computeMAC(storeKey: SymmetricKey) -> Data {
        Data(HMAC<SHA256>.authenticationCode(for: authenticatedBytes, using: Sealer.derive(from: storeKey, purpose: "meta-mac")))
    }

    func verify(storeKey: SymmetricKey) -> Bool? {
        guard let mac else { return nil }
        return computeMAC(storeKey: storeKey) == mac
    }

    static func read(_ db: Database) throws -> StoreMeta {
        var values: [String: Data] = [:]
        for row in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") {
            values[row["key"]] = row["value"]
        }
        func need(_ key: String) throws -> Data {
            guard let v = values[key] else { throw SchakelError(.storeCorrupt, L10n.t("error.storeCorrupt")) }
            return v
        }
        guard String(data: try need("format"), encoding: .utf8) == format,
              let kdf = try? JSONDecoder().decode(ScryptParameters.self, from: try need("kdf")),
              let deviceID = UUID(data: try need("deviceID")),
              let userID = UUID(data: try need("userID")),
              let role = Role(rawValue: String(decoding: try need("role"), as: UTF8.self)) else {
            throw SchakelError(.storeCorrupt, L10n.t("error.storeCorrupt"))
        }
        return StoreMeta(kdf: kdf, salt: try need("salt"), wrappedKey: try need("wrappedKey"), deviceID: deviceID,
                         sealedSigningKey: try need("signingKey"), signingPublicKey: try need("signingPublicKey"),
                         userID: userID, role: role, isDemo: values["demo"] == Data("1".utf8), mac: values["metaMAC"])
    }

    func write(_ db: Database) throws {
        let pairs: [(String, Data)] = [
            ("format", Data(Self.format.utf8)), ("kdf", try JSONEncoder().encode(kdf)), ("salt", salt),
            ("wrappedKey", wrappedKey), ("deviceID", deviceID.data), ("signingKey", sealedSigningKey),
            ("signingPublicKey", signingPublicKey), ("userID", userID.data), ("role", Data(role.rawValue.utf8)),
            ("demo", Data((isDemo ? "1" : "0").utf8)),
        ] + (mac.map { [("metaMAC", $0)] } ?? [])
        for (k, v) in pairs {
            try db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES (?, ?)", arguments: [k, v])
        }
    }
}
