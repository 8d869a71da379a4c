import Foundation
import GRDB

extension FieldGroup {
    static func decodePayload(_ json: Data) throws -> any FieldGroup {
        try JSONDecoder().decode(Self.self, from: json)
    }
}

/// Reading: summaries from the sealed index, whole case files from the current state.
extension Store {
    /// Decrypts one event payload and decodes it as its field group.
    func decodeEvent(id: Data, kind: String, group: String, payload: Data, sealer: Sealer) throws -> any FieldGroup {
        let plain = try sealer.open(payload, context: "event/\(id.hex)")
        guard plain.count >= 16, let type = FieldCatalog.byKey["\(kind).\(group)"] else {
            throw SchakelError(.integrity, L10n.t("error.decrypt"))
        }
        do { return try type.decodePayload(plain.dropFirst(16)) } catch {
            throw SchakelError(.integrity, L10n.t("error.decrypt"))
        }
    }

    func loadCaseFile(_ caseID: UUID, db: Database, sealer: Sealer) throws -> CaseFile {
        var file = CaseFile(id: caseID)
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT s.entity_kind, s.entity_id, s.field_group, e.id, e.payload FROM entity_state s
            JOIN event e ON e.id = s.event_id WHERE s.case_id = ? AND s.removed = 0
            """), arguments: [caseID.data])
        for row in rows {
            let value = try decodeEvent(id: row["id"], kind: row["entity_kind"], group: row["field_group"], payload: row["payload"], sealer: sealer)
            file.apply(value, entityID: UUID(data: row["entity_id"])!)
        }
        return file
    }

    /// The whole case. Callers showing it to a person also call `recordCaseOpened`.
    public func caseFile(_ caseID: UUID) throws -> CaseFile {
        // The writing process is the only writer: a case it assembled before is still current.
        if mode == .write, let cached = cachedCaseFile(caseID) { return cached }
        let file = try pool.read { db in
            guard let sealer = try caseSealer(caseID, db: db) else {
                throw SchakelError(.notFound, L10n.t("error.caseNotFound"))
            }
            return try loadCaseFile(caseID, db: db, sealer: sealer)
        }
        if mode == .write { cacheCaseFile(file, id: caseID) }
        return file
    }

    public func caseID(code: CaseCode) throws -> UUID? {
        try pool.read { db in
            try Data.fetchOne(db, sql: "SELECT case_id FROM case_index WHERE code = ?", arguments: [code.description]).flatMap(UUID.init(data:))
        }
    }

    /// Case summaries, optionally only those a coordinator holds (as primary, or also as backup).
    /// Only operational columns are used in SQL; names are decrypted afterwards in memory.
    public func summaries(coordinator: UUID? = nil, includeBackup: Bool = false) throws -> [CaseSummary] {
        try pool.read { db in try summaries(db: db, coordinator: coordinator, includeBackup: includeBackup) }
    }

    func summaries(db: Database, coordinator: UUID? = nil, includeBackup: Bool = false, caseID: UUID? = nil) throws -> [CaseSummary] {
        var sql = "SELECT ci.case_id, ci.summary, ck.wrapped FROM case_index ci JOIN case_key ck ON ck.case_id = ci.case_id"
        var args: StatementArguments = []
        if let caseID {
            sql += " WHERE ci.case_id = ?"
            args = [caseID.data]
        } else if let coordinator {
            sql += includeBackup ? " WHERE ci.coordinator = ? OR ci.backup = ?" : " WHERE ci.coordinator = ?"
            args = includeBackup ? [coordinator.data, coordinator.data] : [coordinator.data]
        }
        sql += " ORDER BY ci.code"
        var result: [CaseSummary] = []
        let cursor = try Row.fetchCursor(db, sql: sql, arguments: args)
        while let row = try cursor.next() {
            let id = UUID(data: row["case_id"])!
            let sealer: Sealer
            if let s = cachedCaseKey(id) { sealer = s } else {
                sealer = try keys.unwrapCaseKey(row["wrapped"], caseID: id)
                cacheCaseKey(id, sealer)
            }
            let plain = try sealer.open(row["summary"], context: "summary/\(id.uuidString)")
            result.append(try CaseSummary(encoded: plain))
        }
        return result
    }

    public func caseCount() throws -> Int {
        try pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM case_index") ?? 0 }
    }

    /// All current values of a store-level field group (users, organisations, meetings, maatjes...).
    public func records<G: FieldGroup>(_ type: G.Type) throws -> [(id: UUID, value: G)] {
        precondition(!G.kind.belongsToCase, "case entities are read through caseFile")
        return try pool.read { db in try recordsInTransaction(G.self, db: db) }
    }

    public func user(_ id: UUID) throws -> UserRecord? {
        try records(UserRecord.self).first { $0.id == id }?.value
    }

    public var currentUser: UserRecord? { try? user(userID) }

    public func eventCount() throws -> Int {
        try pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM event") ?? 0 }
    }
}
