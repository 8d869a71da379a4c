import Foundation

/// A table's recurring meeting (the casusoverleg 18- every 8 weeks): the rule that gives
/// its dates. Store-level, like the meetings themselves. The meetings of a series are
/// `MeetingRecord`s pointing back with `series`; a moved or cancelled one keeps the date
/// the rule gave it in `originalDate`.
public struct MeetingSeriesRecord: FieldGroup {
    public static let kind = EntityKind.meetingSeries
    public static let group = "main"
    /// Table id in regions.json, e.g. casusoverleg-18-.
    public var table: String
    /// The first meeting's date; every later one is `intervalWeeks` weeks on (same weekday).
    public var start: CalendarDate
    public var intervalWeeks: Int
    /// Local time in Europe/Amsterdam, "HH:mm".
    public var startTime: String
    public var durationMinutes: Int
    /// The last day a meeting may fall on; nil: open-ended.
    public var until: CalendarDate?
    /// A venue (building, city); never anything about cases.
    public var location: String?

    public init(table: String, start: CalendarDate, intervalWeeks: Int, startTime: String = "14:00", durationMinutes: Int = 120,
                until: CalendarDate? = nil, location: String? = nil) {
        self.table = table; self.start = start; self.intervalWeeks = intervalWeeks; self.startTime = startTime
        self.durationMinutes = durationMinutes; self.until = until; self.location = location
    }

    public static let fields: [String: FieldClass] = [
        "table": .operational, "start": .operational, "intervalWeeks": .operational, "startTime": .operational,
        "durationMinutes": .operational, "until": .operational, "location": .operational,
    ]
    public static let example = MeetingSeriesRecord(table: "casusoverleg-18-", start: CalendarDate(year: 2026, month: 1, day: 13)!, intervalWeeks: 8,
                                                    startTime: "14:00", durationMinutes: 120, until: CalendarDate(year: 2026, month: 12, day: 31)!,
                                                    location: "Den Haag")
}
