import Foundation
import GRDB

/// One recorded value of a field group: who set it, when, on which device.
public struct FieldChange: @unchecked Sendable {
    public var at: Date
    public var author: UUID
    public var deviceID: UUID
    /// nil when the change removed the item.
    public var value: (any FieldGroup)?
}

extension Store {
    /// Every value a field group of an entity has had, oldest first, from the event log
    /// (leaving out events whose payload this device never received).
    /// Reading history is reading the case: callers record the opening like `caseFile`.
    public func history(caseID: UUID, kind: EntityKind, entity: UUID, group: String) throws -> [FieldChange] {
        try pool.read { db in
            guard let sealer = try caseSealer(caseID, db: db) else { throw SchakelError(.notFound, L10n.t("error.caseNotFound")) }
            let rows = try Row.fetchAll(db, sql: """
                SELECT id, hlc, author, device_id, op, payload FROM event
                WHERE case_id = ? AND entity_kind = ? AND entity_id = ? AND field_group = ? ORDER BY hlc, device_id
                """, arguments: [caseID.data, kind.rawValue, entity.data, group])
            return try rows.compactMap { row in
                let hlc = HLC(packed: UInt64(bitPattern: row["hlc"] as Int64))
                let removed = (row["op"] as Int) == Int(EventEnvelope.Operation.remove.rawValue)
                // An event a peer sent as envelope only (its payload was not for this device):
                // nothing to show. Decoding it failed and made the whole case unopenable.
                if !removed, (row["payload"] as Data?)?.isEmpty ?? true { return nil }
                let value = removed ? nil : try decodeEvent(id: row["id"], kind: kind.rawValue, group: group, payload: row["payload"], sealer: sealer)
                return FieldChange(at: hlc.date, author: UUID(data: row["author"]) ?? .zero, deviceID: UUID(data: row["device_id"]) ?? .zero, value: value)
            }
        }
    }

    /// The case's phase changes, oldest first (for the timeline).
    public func phaseHistory(_ caseID: UUID) throws -> [(at: Date, author: UUID, phase: CasePhase)] {
        try history(caseID: caseID, kind: .case, entity: caseID, group: CasePhase.group).compactMap { c in
            (c.value as? CasePhase).map { (c.at, c.author, $0) }
        }
    }
}
