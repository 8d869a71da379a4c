import Foundation
import Crypto

/// The keys of an unlocked store. The passphrase-derived key only wraps the store key;
/// the store key wraps one data key per case (so erasing a case destroys one key) and
/// derives the keys for store-level records, the audit log and the device identity.
struct StoreKeys {
    let storeKey: SymmetricKey
    let records: Sealer       // organisations, users, meetings, maatjes
    let audit: Sealer
    let auditMAC: SymmetricKey
    let device: Sealer
    let caseKeyWrap: Sealer
    let inbox: Sealer

    init(storeKey: SymmetricKey) {
        self.storeKey = storeKey
        let root = Sealer(key: storeKey)
        records = root.derived("records")
        audit = root.derived("audit")
        auditMAC = Sealer.derive(from: storeKey, purpose: "audit-mac")
        device = root.derived("device")
        caseKeyWrap = root.derived("case-key-wrap")
        inbox = root.derived("audit-inbox")
    }

    func wrapCaseKey(_ key: SymmetricKey, caseID: UUID) -> Data {
        caseKeyWrap.seal(key.rawData, context: "case-key/\(caseID.uuidString)")
    }

    func unwrapCaseKey(_ wrapped: Data, caseID: UUID) throws -> Sealer {
        let raw = try caseKeyWrap.open(wrapped, context: "case-key/\(caseID.uuidString)")
        return Sealer(key: SymmetricKey(data: raw))
    }

    static func wrapStoreKey(_ storeKey: SymmetricKey, passphrase: String, kdf: ScryptParameters, salt: Data) throws -> Data {
        let kek = try kdf.deriveKey(passphrase: passphrase, salt: salt)
        return Sealer(key: kek).seal(storeKey.rawData, context: "store-key")
    }

    static func unwrapStoreKey(_ wrapped: Data, passphrase: String, kdf: ScryptParameters, salt: Data) throws -> SymmetricKey {
        let kek = try kdf.deriveKey(passphrase: passphrase, salt: salt)
        do {
            return SymmetricKey(data: try Sealer(key: kek).open(wrapped, context: "store-key"))
        } catch {
            throw SchakelError(.wrongPassphrase, L10n.t("error.wrongPassphrase"))
        }
    }
}
