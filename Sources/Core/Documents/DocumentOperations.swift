import Foundation
import GRDB
import Crypto

/// Attachments of a case: sealed with the case key in `document_blob`, described by a
/// `CaseDocument` event. The plaintext exists only in memory here.
extension StoreTransaction {
    /// Adds a document's bytes to a case. The caller read them from where the user said;
    /// nothing is written to disk in plaintext.
    @discardableResult
    public func addDocument(_ caseID: UUID, title: String, documentType: String, fileName: String, data: Data, on day: CalendarDate) throws -> UUID {
        _ = try currentCase(caseID)
        let title = try Validation.line(title, field: "title", required: true, max: 120)
        _ = try Validation.vocabulary(documentType, "documentTypes", field: "documentType")
        let name = try Validation.line(fileName, field: "fileName", required: true, max: 200)
        guard !data.isEmpty else { throw SchakelError(.validation, L10n.t("document.empty")) }
        guard data.count <= CaseDocument.maxBytes else {
            throw SchakelError(.validation, L10n.t("document.tooLarge", CaseDocument.maxBytes / 1_048_576))
        }
        let blob = UUID()
        let sealer = try documentSealer(caseID)
        try db.execute(sql: "INSERT INTO document_blob (id, case_id, sealed) VALUES (?, ?, ?)",
                       arguments: [blob.data, caseID.data, sealer.seal(data, context: "document/\(blob.uuidString)")])
        let id = UUID()
        try put(CaseDocument(title: title, documentType: documentType, fileName: name, byteCount: data.count, addedOn: day,
                             blob: blob, digest: Data(SHA256.hash(data: data)).hex), entity: id, caseID: caseID)
        return id
    }

    /// Removes a document and its bytes (the description stays in the event history).
    public func removeDocument(_ caseID: UUID, documentID: UUID) throws {
        let file = try currentCase(caseID)
        guard let doc = file.documents[documentID] else { throw SchakelError(.notFound, L10n.t("document.notFound")) }
        try db.execute(sql: "DELETE FROM document_blob WHERE id = ? AND case_id = ?", arguments: [doc.blob.data, caseID.data])
        try remove(kind: .document, entity: documentID, caseID: caseID)
    }

    private func documentSealer(_ caseID: UUID) throws -> Sealer {
        if let s = newCaseKeys[caseID] { return s }
        guard let s = try store.caseSealer(caseID, db: db) else { throw SchakelError(.notFound, L10n.t("error.caseNotFound")) }
        return s
    }
}

extension Store {
    /// A document's bytes, verified against the digest recorded when it was added.
    public func documentData(_ caseID: UUID, _ document: CaseDocument) throws -> Data {
        try pool.read { db in
            guard let sealer = try caseSealer(caseID, db: db),
                  let sealed = try Data.fetchOne(db, sql: "SELECT sealed FROM document_blob WHERE id = ? AND case_id = ?",
                                                 arguments: [document.blob.data, caseID.data]) else {
                throw SchakelError(.notFound, L10n.t("document.notFound"))
            }
            let data = try sealer.open(sealed, context: "document/\(document.blob.uuidString)")
            guard Data(SHA256.hash(data: data)).hex == document.digest else { throw SchakelError(.integrity, L10n.t("error.decrypt")) }
            return data
        }
    }
}
