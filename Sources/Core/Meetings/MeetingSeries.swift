import Foundation

/// A time of day, "HH:mm" (Europe/Amsterdam local time for meetings).
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int

    public init?(hour: Int, minute: Int) {
        guard (0...23).contains(hour), (0...59).contains(minute) else { return nil }
        self.hour = hour; self.minute = minute
    }

    /// Parses "14:00", "9:30" and "14.00".
    public init?(parsing text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(whereSeparator: { $0 == ":" || $0 == "." }).map(String.init)
        guard parts.count == 2, parts[1].count == 2, (1...2).contains(parts[0].count),
              parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              let h = Int(parts[0]), let m = Int(parts[1]) else { return nil }
        self.init(hour: h, minute: m)
    }

    public var description: String { CalendarDate.pad(hour, 2) + ":" + CalendarDate.pad(minute, 2) }
    public var minutesOfDay: Int { hour * 60 + minute }
    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutesOfDay < b.minutesOfDay }
}

/// One meeting of a series as it stands: the date the rule gives, and what became of it.
public struct MeetingOccurrence: Equatable, Sendable {
    public enum State: String, Sendable { case planned, moved, cancelled, held }
    /// The date the series rule gives (the recurrence id in the calendar export).
    public var ruleDate: CalendarDate
    /// The date it takes place (differs from `ruleDate` when moved).
    public var date: CalendarDate
    public var time: TimeOfDay
    public var state: State
    /// The stored meeting, if one was created for this date.
    public var meetingID: UUID?
    public var location: String?
}

/// The date rule of a series and the meetings that belong to it (pure, no store).
public struct MeetingSeries: Sendable {
    public let id: UUID
    public let record: MeetingSeriesRecord
    /// The series' meetings (records with `series == id`).
    public let meetings: [(id: UUID, value: MeetingRecord)]

    public init(id: UUID, record: MeetingSeriesRecord, meetings: [(id: UUID, value: MeetingRecord)]) {
        self.id = id; self.record = record
        self.meetings = meetings.filter { $0.value.series == id }.sorted { ($0.value.ruleDate, $0.id.uuidString) < ($1.value.ruleDate, $1.id.uuidString) }
    }

    public var time: TimeOfDay { TimeOfDay(parsing: record.startTime) ?? TimeOfDay(hour: 14, minute: 0)! }
    public var intervalDays: Int { max(1, record.intervalWeeks) * 7 }

    /// Whether the rule gives a meeting on this day.
    public func isRuleDate(_ day: CalendarDate) -> Bool {
        let d = record.start.days(until: day)
        return d >= 0 && d % intervalDays == 0 && (record.until.map { day <= $0 } ?? true)
    }

    /// The rule's dates from `from` through `through` (inclusive; and never past `until`).
    public func ruleDates(from: CalendarDate? = nil, through: CalendarDate) -> [CalendarDate] {
        let last = min(through, record.until ?? through)
        var k = 0
        if let from, record.start < from {
            k = (record.start.days(until: from) + intervalDays - 1) / intervalDays
        }
        var out: [CalendarDate] = []
        var day = record.start.adding(days: k * intervalDays)
        while day <= last {
            out.append(day)
            k += 1
            day = record.start.adding(days: k * intervalDays)
        }
        return out
    }

    /// The first rule date on or after a day (nil when the series has ended).
    public func nextRuleDate(onOrAfter day: CalendarDate) -> CalendarDate? {
        ruleDates(from: day, through: day.adding(days: intervalDays)).first
    }

    /// Every occurrence from the rule through a day, with the stored meetings laid over it:
    /// moved ones at their new date, cancelled ones marked. Stored meetings off the rule
    /// that were not moved from a rule date are left out (they are one-off meetings).
    public func occurrences(through: CalendarDate) -> [MeetingOccurrence] {
        var byRuleDate: [CalendarDate: (id: UUID, value: MeetingRecord)] = [:]
        for m in meetings where byRuleDate[m.value.ruleDate] == nil { byRuleDate[m.value.ruleDate] = m }
        return ruleDates(through: through).map { day in
            guard let m = byRuleDate[day] else {
                return MeetingOccurrence(ruleDate: day, date: day, time: time, state: .planned, meetingID: nil, location: record.location)
            }
            let t = m.value.startTime.flatMap(TimeOfDay.init(parsing:)) ?? time
            let state: MeetingOccurrence.State
            switch m.value.status {
            case "geannuleerd": state = .cancelled
            case "gehouden": state = m.value.date != day || t != time ? .moved : .held
            default: state = m.value.date != day || t != time ? .moved : .planned
            }
            return MeetingOccurrence(ruleDate: day, date: m.value.date, time: t, state: state, meetingID: m.id,
                                     location: m.value.location ?? record.location)
        }
    }
}

extension MeetingRecord {
    /// The date the series rule gave this meeting (its own date unless moved).
    public var ruleDate: CalendarDate { originalDate ?? date }
    public var isCancelled: Bool { status == "geannuleerd" }
    public var isHeld: Bool { status == "gehouden" }
}
