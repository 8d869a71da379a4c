import Foundation
import GRDB

/// Erasure (AVG art. 17): the case's payloads, state, summary, attachments and key are removed;
/// only the event envelopes stay (random ids and times, no content) so that every device's
/// signed chain still verifies. A tombstone remembers the case: it travels in every bundle,
/// erases the case on every peer, and no old bundle can bring its data back.
enum CaseErasure {
    static func erase(_ caseID: UUID, hlc: Int64, in tx: StoreTransaction) throws {
        let db = tx.db
        let id = caseID.data
        try db.execute(sql: "UPDATE event SET payload = X'' WHERE case_id = ? AND length(payload) > 0", arguments: [id])
        for table in ["entity_state", "conflict", "case_index", "case_key", "document_blob", "peer_case"] {
            try db.execute(sql: "DELETE FROM \(table) WHERE case_id = ?", arguments: [id])
        }
        try db.execute(sql: "INSERT OR IGNORE INTO tombstone (case_id, erased_hlc) VALUES (?, ?)", arguments: [id, hlc])
        tx.forget(caseID)
        tx.audit("case-erased", caseID: caseID)
    }
}

extension Store {
    /// Erases a case here, and (through the tombstone in every bundle) on every peer.
    public func eraseCase(_ caseID: UUID) throws {
        try role.require(.writeCases)
        try write { tx in
            guard try Bool.fetchOne(tx.db, sql: "SELECT 1 FROM case_index WHERE case_id = ?", arguments: [caseID.data]) == true else {
                throw SchakelError(.notFound, L10n.t("error.caseNotFound"))
            }
            try CaseErasure.erase(caseID, hlc: Int64(bitPattern: tx.hlc.next(now: clock.now()).packed), in: tx)
        }
        forgetCase(caseID)
        // The old pages must leave the write-ahead log too (secure_delete zeroes freed pages).
        try pool.writeWithoutTransaction { try $0.execute(sql: "PRAGMA wal_checkpoint(TRUNCATE)") }
    }
}
