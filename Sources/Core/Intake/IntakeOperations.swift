import Foundation
import GRDB

/// Intake's write operations: linking a signal to a case of the same person, putting a
/// minor on the next casusoverleg 18-, and keeping drafts.
extension StoreTransaction {
    /// Links two cases as the same person (or a family, a raid). Never merges: both keep
    /// their history, and either link can be removed.
    @discardableResult
    public func link(_ a: UUID, _ b: UUID, kind: String = "zelfde-persoon", label: String? = nil) throws -> UUID {
        guard a != b else { throw SchakelError(.validation, L10n.t("validation.linkSelf")) }
        _ = try Validation.vocabulary(kind, "groupKinds", field: "groupKind")
        let existing = try currentCase(a).groupLinks.values.first { link in
            link.groupKind == kind && (try? currentCase(b).groupLinks.values.contains { $0.groupID == link.groupID }) == true
        }
        if let existing { return existing.groupID }
        let group = UUID()
        try addItem(a, GroupLink(groupID: group, groupKind: kind, label: label))
        try addItem(b, GroupLink(groupID: group, groupKind: kind, label: label))
        return group
    }

    /// Puts a case on the agenda of the next planned casusoverleg 18- (creating that meeting
    /// 8 weeks after the last one if none is planned). Returns the meeting id.
    @discardableResult
    public func addToNextCasusoverleg(_ caseID: UUID, question: String, broughtBy: String, on today: CalendarDate) throws -> UUID {
        _ = try currentCase(caseID)
        let question = try Validation.text(question, field: "question", required: true, max: 2000)
        let meetings = try store.recordsInTransaction(MeetingRecord.self, db: db).filter { $0.value.table == "casusoverleg-18-" }
        let meetingID: UUID
        if let next = meetings.filter({ $0.value.date >= today && $0.value.status == "gepland" }).min(by: { $0.value.date < $1.value.date }) {
            meetingID = next.id
        } else {
            var date = (meetings.map(\.value.date).max() ?? today).adding(days: 56)
            while date < today { date = date.adding(days: 56) }
            meetingID = UUID()
            try put(MeetingRecord(table: "casusoverleg-18-", date: date, status: "gepland"), entity: meetingID)
        }
        let items = try store.recordsInTransaction(AgendaItemRecord.self, db: db).filter { $0.value.meeting == meetingID }
        if items.contains(where: { $0.value.caseID == caseID }) { return meetingID }
        let order = (items.filter { $0.value.order < 99 }.map(\.value.order).max() ?? 0) + 1
        try put(AgendaItemRecord(meeting: meetingID, order: order, caseID: caseID, title: nil, question: question, broughtBy: broughtBy), entity: UUID())
        return meetingID
    }

    /// Saves (creates or replaces) a draft.
    public func saveDraft(_ id: UUID, _ draft: IntakeDraft) throws {
        try put(draft, entity: id)
    }

    /// Removes a store-level record such as a finished draft.
    public func removeRecord(kind: EntityKind, group: String = "main", entity: UUID) throws {
        precondition(!kind.belongsToCase, "case items are removed with remove(kind:entity:caseID:)")
        _ = try record(kind: kind, group: group, entity: entity, caseID: nil, payload: Data("{}".utf8), operation: .remove)
    }
}

extension Store {
    /// Store-level records read inside a write transaction (sees its own writes).
    func recordsInTransaction<G: FieldGroup>(_ type: G.Type, db: Database) throws -> [(id: UUID, value: G)] {
        try Row.fetchAll(db, sql: """
            SELECT s.entity_id, e.id, e.payload FROM entity_state s JOIN event e ON e.id = s.event_id
            WHERE s.entity_kind = ? AND s.field_group = ? AND s.removed = 0
            """, arguments: [G.kind.rawValue, G.group]).map { row in
            let v = try decodeEvent(id: row["id"], kind: G.kind.rawValue, group: G.group, payload: row["payload"], sealer: keys.records)
            return (UUID(data: row["entity_id"])!, v as! G)
        }
    }

    /// Open drafts, newest first.
    public func drafts() throws -> [(id: UUID, draft: IntakeDraft)] {
        try records(IntakeDraft.self).map { ($0.id, $0.value) }.sorted { $0.draft.savedAt > $1.draft.savedAt }
    }
}
