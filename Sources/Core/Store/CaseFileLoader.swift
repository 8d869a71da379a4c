import Foundation
import GRDB

/// Assembles many case files at once, for an import that adopts tens of thousands of cases.
/// The rows are read on the writing connection; decrypting and decoding them (most of the
/// work) is spread over the cores.
struct CaseFileLoader {
    let store: Store
    let db: Database
    /// The sealer of a case (asked on the connection's thread only).
    let sealer: (UUID) throws -> Sealer

    private struct Value {
        var caseID: UUID
        var kind: String
        var group: String
        var entity: UUID
        var id: Data
        var payload: Data
    }

    private static let workers = max(1, min(4, ProcessInfo.processInfo.activeProcessorCount))

    /// The files of `ids`, read case by case.
    func files(_ ids: [UUID]) throws -> [UUID: CaseFile] {
        var files: [UUID: CaseFile] = [:]
        var values: [Value] = []
        for (n, id) in ids.enumerated() {
            files[id] = CaseFile(id: id)
            for row in try Row.fetchAll(db.cachedStatement(sql: """
                SELECT s.entity_kind, s.entity_id, s.field_group, e.id, e.payload FROM entity_state s
                JOIN event e ON e.id = s.event_id WHERE s.case_id = ? AND s.removed = 0
                """), arguments: [id.data]) {
                values.append(Value(caseID: id, kind: row[0], group: row[2], entity: UUID(data: row[1])!, id: row[3], payload: row[4]))
            }
            if values.count >= 4096 || n == ids.count - 1 { try apply(&values, to: &files) }
        }
        return files
    }

    /// A current value of a case stored in this transaction: its event's row.
    struct Stored {
        var caseID: UUID
        var kind: String
        var group: String
        var entity: UUID
        var rowID: Int64
    }

    /// The files of `cases` from `values`, every current value they have (cases new to the
    /// store, whose values the import's merge chose). The rows are read in the order they were
    /// stored: a walk along the event table instead of a random lookup per value.
    func files(stored values: [Stored], cases: Set<UUID>) throws -> [UUID: CaseFile] {
        var files: [UUID: CaseFile] = [:]
        for id in cases { files[id] = CaseFile(id: id) }
        var batch: [Value] = []
        var select = RawStatement(try db.cachedStatement(sql: "SELECT id, payload FROM event WHERE rowid = ?"))
        for v in values.sorted(by: { $0.rowID < $1.rowID }) {
            select.bind(v.rowID)
            guard let (id, payload) = try select.firstRow({ ($0(0), $0(1)) }) else { throw SchakelError(.integrity, L10n.t("error.decrypt")) }
            batch.append(Value(caseID: v.caseID, kind: v.kind, group: v.group, entity: v.entity, id: id, payload: payload))
            if batch.count >= 4096 { try apply(&batch, to: &files) }
        }
        try apply(&batch, to: &files)
        return files
    }

    /// Decodes `values` on all cores and applies them to their files (then empties `values`).
    private func apply(_ values: inout [Value], to files: inout [UUID: CaseFile]) throws {
        guard !values.isEmpty else { return }
        var sealers: [UUID: Sealer] = [:]
        for v in values where sealers[v.caseID] == nil { sealers[v.caseID] = try sealer(v.caseID) }
        let decoded = UnsafeMutableBufferPointer<Result<any FieldGroup, Error>?>.allocate(capacity: values.count)
        decoded.initialize(repeating: nil)
        defer { decoded.deinitialize(); decoded.deallocate() }
        let workers = Self.workers
        let input = values
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            for i in stride(from: worker, to: input.count, by: workers) {
                let v = input[i]
                decoded[i] = Result { try store.decodeEvent(id: v.id, kind: v.kind, group: v.group, payload: v.payload, sealer: sealers[v.caseID]!) }
            }
        }
        for (i, v) in values.enumerated() { files[v.caseID]?.apply(try decoded[i]!.get(), entityID: v.entity) }
        values.removeAll(keepingCapacity: true)
    }
}
