import Foundation
import GRDB

/// A conflict as the Conflicten view shows it: the register (or the case, for a closure),
/// and every competing value with who made it and when. The first value is the one the
/// store shows meanwhile.
public struct SyncConflict: Identifiable, Equatable, Sendable {
    public enum Kind: Equatable, Sendable {
        /// Two devices set the same field group concurrently to different values (or one removed it).
        case value
        /// One device closed the case while another changed it without knowing.
        case closure
    }

    public struct Field: Equatable, Sendable {
        public var name: String
        public var value: String
    }

    public struct Value: Equatable, Sendable {
        public var eventID: Data
        public var device: UUID
        public var author: UUID
        public var at: Date
        public var removed: Bool
        /// The field group's fields (top-level JSON keys) as text; for a closure's edits, the edited group.
        public var group: String
        public var fields: [Field]
    }

    public var kind: Kind
    public var caseID: UUID?
    public var code: String?
    public var entityKind: String
    public var entityID: UUID
    public var group: String
    public var values: [Value]

    public var id: String { "\(kind == .value ? "v" : "c").\(entityKind).\(entityID.uuidString).\(group)" }
    /// `kind.group`, the key of the field group's label.
    public var groupKey: String { "\(entityKind).\(group)" }
}

extension Store {
    public func conflictCount() throws -> Int {
        try pool.read { db in
            try Int.fetchOne(db, sql: """
                SELECT COUNT(*) FROM (SELECT DISTINCT entity_kind, entity_id, field_group, kind FROM conflict WHERE kind != 3)
                """) ?? 0
        }
    }

    /// Every open conflict, cases by code, then store-level records.
    public func conflicts() throws -> [SyncConflict] {
        try pool.read { db in
            var result: [SyncConflict] = []
            let groups = try Row.fetchAll(db, sql: """
                SELECT DISTINCT c.entity_kind, c.entity_id, c.field_group, c.case_id, c.kind, i.code FROM conflict c
                  LEFT JOIN case_index i ON i.case_id = c.case_id WHERE c.kind != 3 ORDER BY i.code, c.entity_kind, c.field_group
                """)
            for row in groups {
                let caseID = (row["case_id"] as Data?).flatMap(UUID.init(data:))
                let kind: SyncConflict.Kind = (row["kind"] as Int) == Registers.conflictClosure ? .closure : .value
                let key = RegisterKey(kind: row["entity_kind"], entity: row["entity_id"], group: row["field_group"])
                var ids: [Data] = []
                if let shown = try Data.fetchOne(db, sql: "SELECT event_id FROM entity_state WHERE entity_kind = ? AND entity_id = ? AND field_group = ?",
                                                 arguments: [key.kind, key.entity, key.group]) { ids.append(shown) }
                ids += try Data.fetchAll(db, sql: """
                    SELECT event_id FROM conflict WHERE entity_kind = ? AND entity_id = ? AND field_group = ? AND kind = ? ORDER BY event_id
                    """, arguments: [key.kind, key.entity, key.group, row["kind"] as Int])
                let values = try ids.compactMap { try conflictValue(db, $0, caseID: caseID) }
                result.append(SyncConflict(kind: kind, caseID: caseID, code: row["code"], entityKind: key.kind,
                                           entityID: UUID(data: key.entity) ?? .zero, group: key.group, values: values))
            }
            return result
        }
    }

    private func conflictValue(_ db: Database, _ id: Data, caseID: UUID?) throws -> SyncConflict.Value? {
        guard let row = try Row.fetchOne(db, sql: "SELECT \(Store.eventColumns.list) FROM event WHERE id = ?", arguments: [id]) else { return nil }
        let e = Store.envelope(row)
        var fields: [SyncConflict.Field] = []
        let sealed: Data = row["payload"]
        if e.operation == .put, !sealed.isEmpty, let sealer = caseID == nil ? keys.records : try caseSealer(caseID!, db: db),
           let plain = try? sealer.open(sealed, context: "event/\(id.hex)"),
           let object = try? JSONSerialization.jsonObject(with: plain.dropFirst(16)) as? [String: Any] {
            let order = Self.declaredOrder(kind: e.entityKind, group: e.group, plain.dropFirst(16))
            fields = object.keys.sorted { a, b in
                // The group's own field order (as its form shows them), unknown keys last.
                let (i, j) = (order[a] ?? Int.max, order[b] ?? Int.max)
                return i != j ? i < j : a < b
            }.map { SyncConflict.Field(name: $0, value: Self.text(object[$0]!)) }
        }
        return SyncConflict.Value(eventID: id, device: e.deviceID, author: e.author, at: e.hlc.date, removed: e.operation == .remove,
                                  group: "\(e.entityKind).\(e.group)", fields: fields)
    }

    /// Field name → position in the field group's declaration (the order its form uses).
    private static func declaredOrder(kind: String, group: String, _ json: Data) -> [String: Int] {
        guard let type = FieldCatalog.byKey["\(kind).\(group)"], let value = try? type.decodePayload(json) else { return [:] }
        var order: [String: Int] = [:]
        for (i, child) in Mirror(reflecting: value).children.enumerated() {
            if let label = child.label { order[label] = i }
        }
        return order
    }

    private static func text(_ v: Any) -> String {
        switch v {
        case let s as String: return s
        case let n as NSNumber: return n.stringValue
        case let a as [Any]: return a.map(text).joined(separator: ", ")
        case is NSNull: return "—"
        default:
            return (try? JSONSerialization.data(withJSONObject: v, options: [.sortedKeys])).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        }
    }

    /// Ends a conflict by keeping one value. A new event that replaces every competing value
    /// travels to the peers like any change, so they resolve it the same way. For a closure,
    /// keeping the closure closes the case again (now after the edits); keeping an edit reopens
    /// the case in the phase it had before the closure.
    public func resolveConflict(_ conflict: SyncConflict, keeping eventID: Data) throws {
        guard role.may(.writeCases) || (conflict.caseID == nil && role.may(.manageMaatjes)) else {
            throw SchakelError(.notAllowed, L10n.t("error.roleNotAllowed", role.label))
        }
        try write { tx in
            let db = tx.db
            guard let row = try Row.fetchOne(db, sql: "SELECT \(Store.eventColumns.list) FROM event WHERE id = ?", arguments: [eventID]) else {
                throw SchakelError(.notFound, L10n.t("conflict.error.gone"))
            }
            let chosen = Store.envelope(row)
            let sealer = try tx.sealerFor(caseID: conflict.caseID)
            switch conflict.kind {
            case .value:
                let heads = try Registers.heads(db, RegisterKey(kind: conflict.entityKind, entity: conflict.entityID.data, group: conflict.group))
                guard heads.contains(where: { $0.id == eventID }) else { throw SchakelError(.notFound, L10n.t("conflict.error.gone")) }
                let json = chosen.operation == .remove ? Data("{}".utf8)
                    : Data(try sealer.open(row["payload"], context: "event/\(eventID.hex)").dropFirst(16))
                guard let kind = EntityKind(rawValue: conflict.entityKind) else { throw SchakelError(.validation, L10n.t("bundle.error.corrupt")) }
                _ = try tx.record(kind: kind, group: conflict.group, entity: conflict.entityID, caseID: conflict.caseID, payload: json,
                                  operation: chosen.operation)
            case .closure:
                guard let caseID = conflict.caseID else { break }
                let phaseKey = RegisterKey(kind: EntityKind.case.rawValue, entity: caseID.data, group: CasePhase.group)
                guard let closureID = try Registers.heads(db, phaseKey).first?.id,
                      let closureRow = try Row.fetchOne(db, sql: "SELECT \(Store.eventColumns.list) FROM event WHERE id = ?", arguments: [closureID]) else { break }
                let closure = try JSONDecoder().decode(CasePhase.self, from: sealer.open(closureRow["payload"], context: "event/\(closureID.hex)").dropFirst(16))
                var phase = closure
                if eventID != closureID {
                    // Reopen in the phase before the closure (the value the closure replaced).
                    var before: CasePhase?
                    if let parent = Store.envelope(closureRow).parents.first,
                       let sealed = try Data.fetchOne(db, sql: "SELECT payload FROM event WHERE id = ?", arguments: [parent]), !sealed.isEmpty {
                        before = try? JSONDecoder().decode(CasePhase.self, from: sealer.open(sealed, context: "event/\(parent.hex)").dropFirst(16))
                    }
                    phase = CasePhase(phase: before.map { $0.phase == .afgesloten ? .traject : $0.phase } ?? .traject, since: tx.today)
                }
                try tx.put(phase, entity: caseID, caseID: caseID)
            }
            if let caseID = conflict.caseID { try tx.adopt(caseID, quietly: false) }
            tx.audit("conflict-resolved", caseID: conflict.caseID, detail: conflict.groupKey)
        }
    }
}
