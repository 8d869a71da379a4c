import Foundation
import GRDB

/// Every meeting-level record of the store at one moment (series, meetings, agenda items,
/// attendance, minutes, actions), decrypted once, with the lookups the operations,
/// proposal, signal and exports share. Pure reads; no case data.
public struct MeetingBook {
    public var series: [(id: UUID, value: MeetingSeriesRecord)]
    public var meetings: [(id: UUID, value: MeetingRecord)]
    public var items: [(id: UUID, value: AgendaItemRecord)]
    public var attendance: [(id: UUID, value: AttendanceRecord)]
    public var minutes: [(id: UUID, value: MinutesRecord)]
    public var actions: [(id: UUID, value: MeetingActionRecord)]

    public init(series: [(id: UUID, value: MeetingSeriesRecord)] = [], meetings: [(id: UUID, value: MeetingRecord)] = [],
                items: [(id: UUID, value: AgendaItemRecord)] = [], attendance: [(id: UUID, value: AttendanceRecord)] = [],
                minutes: [(id: UUID, value: MinutesRecord)] = [], actions: [(id: UUID, value: MeetingActionRecord)] = []) {
        self.series = series; self.meetings = meetings; self.items = items
        self.attendance = attendance; self.minutes = minutes; self.actions = actions
    }

    public func meeting(_ id: UUID) -> MeetingRecord? { meetings.first { $0.id == id }?.value }
    public func item(_ id: UUID) -> AgendaItemRecord? { items.first { $0.id == id }?.value }
    public func action(_ id: UUID) -> MeetingActionRecord? { actions.first { $0.id == id }?.value }
    public func seriesRecord(_ id: UUID) -> MeetingSeriesRecord? { series.first { $0.id == id }?.value }

    /// A series with its meetings.
    public func meetingSeries(_ id: UUID) -> MeetingSeries? {
        seriesRecord(id).map { MeetingSeries(id: id, record: $0, meetings: meetings) }
    }

    /// A meeting's agenda in order (ties by id, so the order is stable).
    public func agenda(_ meeting: UUID) -> [(id: UUID, value: AgendaItemRecord)] {
        items.filter { $0.value.meeting == meeting }.sorted { ($0.value.order, $0.id.uuidString) < ($1.value.order, $1.id.uuidString) }
    }

    public func attendance(_ meeting: UUID) -> [(id: UUID, value: AttendanceRecord)] {
        attendance.filter { $0.value.meeting == meeting }.sorted { $0.value.organisation < $1.value.organisation }
    }

    /// Organisations recorded present at a meeting.
    public func present(_ meeting: UUID) -> Set<String> {
        Set(attendance.filter { $0.value.meeting == meeting && $0.value.present }.map(\.value.organisation))
    }

    public func minutes(_ meeting: UUID) -> [(id: UUID, value: MinutesRecord)] {
        minutes.filter { $0.value.meeting == meeting }
    }

    public func minutes(_ meeting: UUID, item: UUID?) -> (id: UUID, value: MinutesRecord)? {
        minutes.filter { $0.value.meeting == meeting && $0.value.agendaItem == item }.min { $0.id.uuidString < $1.id.uuidString }
    }

    public func actions(_ meeting: UUID) -> [(id: UUID, value: MeetingActionRecord)] {
        actions.filter { $0.value.meeting == meeting }.sorted(by: Self.actionOrder)
    }

    /// Meetings of a table, oldest first.
    public func meetings(table: String) -> [(id: UUID, value: MeetingRecord)] {
        meetings.filter { $0.value.table == table }.sorted { ($0.value.date, $0.id.uuidString) < ($1.value.date, $1.id.uuidString) }
    }

    /// The last meeting of the same table before this one that was held (its minutes are
    /// the ones approved at the start of this one).
    public func previousHeld(before meetingID: UUID) -> (id: UUID, value: MeetingRecord)? {
        guard let m = meeting(meetingID) else { return nil }
        return meetings(table: m.table).last { $0.id != meetingID && $0.value.isHeld && $0.value.date < m.date }
    }

    /// The last held meeting of a table on or before a day.
    public func lastHeld(table: String, onOrBefore day: CalendarDate) -> (id: UUID, value: MeetingRecord)? {
        meetings(table: table).last { $0.value.isHeld && $0.value.date <= day }
    }

    /// The next planned meeting of a table on or after a day.
    public func nextPlanned(table: String, onOrAfter day: CalendarDate) -> (id: UUID, value: MeetingRecord)? {
        meetings(table: table).first { $0.value.status == "gepland" && $0.value.date >= day }
    }

    /// Open actions of earlier meetings of the same table (they head the next agenda),
    /// most overdue first.
    public func openActions(before meetingID: UUID) -> [(id: UUID, value: MeetingActionRecord)] {
        guard let m = meeting(meetingID) else { return [] }
        let earlier = Set(meetings.filter { $0.value.table == m.table && $0.value.date < m.date && $0.id != meetingID }.map(\.id))
        return actions.filter { $0.value.isOpen && earlier.contains($0.value.meeting) }.sorted(by: Self.actionOrder)
    }

    /// The case an action is about (through its agenda item), if any.
    public func caseID(of action: MeetingActionRecord) -> UUID? {
        action.agendaItem.flatMap { item($0) }?.caseID
    }

    static func actionOrder(_ a: (id: UUID, value: MeetingActionRecord), _ b: (id: UUID, value: MeetingActionRecord)) -> Bool {
        let da = a.value.due ?? .distantFuture, db = b.value.due ?? .distantFuture
        return (da, a.value.organisation, a.id.uuidString) < (db, b.value.organisation, b.id.uuidString)
    }
}

extension Store {
    /// The meeting records as they are now.
    public func meetingBook() throws -> MeetingBook {
        try pool.read { db in try meetingBook(db: db) }
    }

    func meetingBook(db: Database) throws -> MeetingBook {
        MeetingBook(series: try recordsInTransaction(MeetingSeriesRecord.self, db: db),
                    meetings: try recordsInTransaction(MeetingRecord.self, db: db),
                    items: try recordsInTransaction(AgendaItemRecord.self, db: db),
                    attendance: try recordsInTransaction(AttendanceRecord.self, db: db),
                    minutes: try recordsInTransaction(MinutesRecord.self, db: db),
                    actions: try recordsInTransaction(MeetingActionRecord.self, db: db))
    }
}

extension StoreTransaction {
    /// The meeting records including this transaction's own writes.
    public func meetingBook() throws -> MeetingBook { try store.meetingBook(db: db) }
}
