import Foundation
import GRDB

/// A store this one exchanges bundles with: its contact card (sealed: it names a colleague),
/// when it was added and, for a lost laptop, when it was revoked. A revoked peer is kept
/// (its old events stay verifiable) but receives nothing more.
public struct Peer: Equatable, Sendable {
    public var card: ContactCard
    public var addedAt: Date
    public var revokedAt: Date?
    public var deviceID: UUID { card.deviceID }
    public var isRevoked: Bool { revokedAt != nil }
}

extension Store {
    // MARK: this device's encryption identity

    /// This device's X25519 identity (bundles to it are encrypted to its public key). Made
    /// the first time a writing process asks, sealed in `meta` with the device key.
    public func agreementIdentity() throws -> AgeX25519Identity {
        if let sealed = try pool.read({ try Data.fetchOne($0, sql: "SELECT value FROM meta WHERE key = 'agreementKey'") }) {
            return try AgeX25519Identity(rawRepresentation: keys.device.open(sealed, context: "agreement-key"))
        }
        guard mode == .write else { throw SchakelError(.notAllowed, L10n.t("peer.error.noIdentityYet")) }
        let identity = AgeX25519Identity()
        let sealed = keys.device.seal(identity.rawRepresentation, context: "agreement-key")
        try pool.write { db in
            try db.execute(sql: "INSERT OR IGNORE INTO meta(key, value) VALUES ('agreementKey', ?)", arguments: [sealed])
        }
        // Another writer cannot exist (the lock), but read back what is stored all the same.
        return try agreementIdentity()
    }

    /// This store's own card, signed with the device key.
    public func contactCard() throws -> ContactCard {
        let me = try records(UserRecord.self).first { $0.id == userID }?.value
        var card = ContactCard(name: me?.name ?? "", function: me?.function ?? "", organisation: me?.organisation ?? "", deviceID: deviceID,
                               agreementKey: try agreementIdentity().recipient.rawRepresentation, signingKey: signer.publicKey, signature: Data())
        card.signature = signer.sign(card.signedBytes)
        return card
    }

    // MARK: peers

    public func peers() throws -> [Peer] {
        try pool.read { db in try peers(db) }
    }

    func peers(_ db: Database) throws -> [Peer] {
        try Row.fetchAll(db, sql: "SELECT device_id, card, added_at, revoked_at FROM peer").map { row in
                let id: Data = row["device_id"]
                let plain = try keys.records.open(row["card"], context: "peer/\(UUID(data: id)?.uuidString ?? "")")
                let card = try JSONDecoder().decode(ContactCard.self, from: plain)
                let revoked: Int64? = row["revoked_at"]
                return Peer(card: card, addedAt: Date(timeIntervalSince1970: Double(row["added_at"] as Int64) / 1000),
                            revokedAt: revoked.map { Date(timeIntervalSince1970: Double($0) / 1000) })
        }.sorted { ($0.card.name, $0.deviceID.uuidString) < ($1.card.name, $1.deviceID.uuidString) }
    }

    public func peer(_ deviceID: UUID) throws -> Peer? { try peers().first { $0.deviceID == deviceID } }

    /// Trusts a card whose fingerprint the user compared (by phone) and typed back or confirmed.
    public func addPeer(_ card: ContactCard, confirmedFingerprint: String) throws {
        guard mode == .write else { throw SchakelError(.notAllowed, L10n.t("error.readOnly")) }
        guard card.isSignatureValid else { throw SchakelError(.validation, L10n.t("card.error.signature")) }
        guard FingerprintWords.normalised(confirmedFingerprint) == card.fingerprint else {
            throw SchakelError(.validation, L10n.t("peer.error.fingerprintMismatch"))
        }
        guard card.deviceID != deviceID else { throw SchakelError(.validation, L10n.t("peer.error.self")) }
        // Revoked here or by a peer (the revocation travelled): never trusted again.
        if try revokedDevices().contains(card.deviceID) { throw SchakelError(.notAllowed, L10n.t("peer.error.revoked")) }
        if let existing = try peer(card.deviceID) {
            if existing.isRevoked { throw SchakelError(.notAllowed, L10n.t("peer.error.revoked")) }
            guard existing.card.agreementKey == card.agreementKey, existing.card.signingKey == card.signingKey else {
                // The same device with other keys: a new laptop must get a new device id.
                throw SchakelError(.validation, L10n.t("peer.error.keysChanged"))
            }
        }
        let sealed = keys.records.seal(try JSONEncoder().encode(card), context: "peer/\(card.deviceID.uuidString)")
        let now = Int64(clock.now().timeIntervalSince1970 * 1000)
        try pool.write { db in
            try db.execute(sql: """
                INSERT INTO peer(device_id, agreement_public_key, signing_public_key, card, added_at) VALUES (?, ?, ?, ?, ?)
                ON CONFLICT(device_id) DO UPDATE SET card = excluded.card
                """, arguments: [card.deviceID.data, card.agreementKey, card.signingKey, sealed, now])
        }
        try recordAudit(AuditEntry(at: clock.now(), user: userID, action: "peer-added", caseID: nil, detail: card.deviceID.uuidString))
    }

    public func removePeer(_ deviceID: UUID) throws {
        guard mode == .write else { throw SchakelError(.notAllowed, L10n.t("error.readOnly")) }
        let changed = try pool.write { db -> Int in
            try db.execute(sql: "DELETE FROM peer WHERE device_id = ?", arguments: [deviceID.data])
            return db.changesCount
        }
        guard changed > 0 else { throw SchakelError(.notFound, L10n.t("peer.error.notFound")) }
        try recordAudit(AuditEntry(at: clock.now(), user: userID, action: "peer-removed", caseID: nil, detail: deviceID.uuidString))
    }

    /// A lost or stolen laptop: its keys are no longer trusted and nothing more is sent to it.
    public func revokePeer(_ deviceID: UUID) throws {
        guard mode == .write else { throw SchakelError(.notAllowed, L10n.t("error.readOnly")) }
        let now = Int64(clock.now().timeIntervalSince1970 * 1000)
        let changed = try pool.write { db -> Int in
            try db.execute(sql: "UPDATE peer SET revoked_at = ? WHERE device_id = ? AND revoked_at IS NULL", arguments: [now, deviceID.data])
            let changed = db.changesCount
            // The revocation travels to the other peers in every bundle from now on.
            if changed > 0 {
                try db.execute(sql: "INSERT OR IGNORE INTO revoked_device (device_id, revoked_at) VALUES (?, ?)", arguments: [deviceID.data, now])
            }
            return changed
        }
        guard changed > 0 else {
            throw SchakelError(.notFound, L10n.t(try peer(deviceID) == nil ? "peer.error.notFound" : "peer.error.alreadyRevoked"))
        }
        try recordAudit(AuditEntry(at: clock.now(), user: userID, action: "peer-revoked", caseID: nil, detail: deviceID.uuidString))
    }

    /// Lifts a revocation that another device sent (not one made here): after the owner of
    /// the device confirmed by phone that the laptop is safe. Audited.
    public func liftRevocation(_ deviceID: UUID) throws {
        guard mode == .write else { throw SchakelError(.notAllowed, L10n.t("error.readOnly")) }
        try write { tx in
            guard let row = try Row.fetchOne(tx.db, sql: "SELECT by_device FROM revoked_device WHERE device_id = ?", arguments: [deviceID.data]) else {
                throw SchakelError(.notFound, L10n.t("peer.error.notRevoked"))
            }
            guard row["by_device"] as Data? != nil else { throw SchakelError(.notAllowed, L10n.t("peer.error.revokedHere")) }
            try tx.db.execute(sql: "DELETE FROM revoked_device WHERE device_id = ?", arguments: [deviceID.data])
            try tx.db.execute(sql: "UPDATE peer SET revoked_at = NULL WHERE device_id = ?", arguments: [deviceID.data])
            tx.audit("peer-revocation-lifted", detail: deviceID.uuidString)
        }
    }
}
