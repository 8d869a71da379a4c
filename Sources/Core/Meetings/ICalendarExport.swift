import Foundation

/// A meeting series as iCalendar (RFC 5545) for the participants' calendar programs: one
/// recurring event in Europe/Amsterdam time, cancelled meetings as EXDATE, moved ones as
/// an event with the same UID and a RECURRENCE-ID. Only the meeting itself: the table's
/// name, time, duration and venue. No case codes, names or agenda content, ever.
public enum ICalendarExport {
    public static let timeZone = "Europe/Amsterdam"

    /// The calendar of one or more series. `stamp` is the export's moment (DTSTAMP);
    /// the rule is written with a COUNT that covers every meeting through `through` (or the
    /// series' end, or its last stored meeting, whichever is later).
    public static func calendar(_ series: [MeetingSeries], stamp: Date, through: CalendarDate) -> String {
        var lines = ["BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Schakel//Casusoverleg//NL", "CALSCALE:GREGORIAN", "METHOD:PUBLISH"]
        if series.count == 1, let s = series.first {
            lines.append("X-WR-CALNAME:" + escape(ReferenceData.shared.tableName(s.record.table)))
        }
        lines.append("X-WR-TIMEZONE:" + timeZone)
        lines += vtimezone
        for s in series.sorted(by: { $0.id.uuidString < $1.id.uuidString }) { lines += events(s, stamp: stamp, through: through) }
        lines.append("END:VCALENDAR")
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }

    /// Europe/Amsterdam since 1996: CET (+01:00), CEST (+02:00) from the last Sunday of March
    /// 02:00 to the last Sunday of October 03:00.
    static let vtimezone = [
        "BEGIN:VTIMEZONE", "TZID:" + timeZone, "X-LIC-LOCATION:" + timeZone,
        "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST", "DTSTART:19810329T020000",
        "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
        "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET", "DTSTART:19961027T030000",
        "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
        "END:VTIMEZONE",
    ]

    static func events(_ s: MeetingSeries, stamp: Date, through: CalendarDate) -> [String] {
        let horizon = max(through, s.record.start, s.meetings.map(\.value.ruleDate).max() ?? through)
        let occurrences = s.occurrences(through: horizon)
        let uid = "UID:" + s.id.uuidString.lowercased() + "@schakel"
        let dtstamp = "DTSTAMP:" + utc(stamp)
        let summary = "SUMMARY:" + escape(ReferenceData.shared.tableName(s.record.table))
        let duration = "DURATION:" + durationText(s.record.durationMinutes)
        func location(_ l: String?) -> [String] { l.map { ["LOCATION:" + escape($0)] } ?? [] }
        var main = ["BEGIN:VEVENT", uid, dtstamp, "DTSTART;TZID=\(timeZone):" + local(s.record.start, s.time), duration,
                    "RRULE:FREQ=WEEKLY;INTERVAL=\(max(1, s.record.intervalWeeks));COUNT=\(max(1, occurrences.count))"]
        let cancelled = occurrences.filter { $0.state == .cancelled }
        if !cancelled.isEmpty {
            main.append("EXDATE;TZID=\(timeZone):" + cancelled.map { local($0.ruleDate, s.time) }.joined(separator: ","))
        }
        main += [summary] + location(s.record.location) + ["STATUS:CONFIRMED", "TRANSP:OPAQUE", "SEQUENCE:0", "END:VEVENT"]
        var out = main
        for o in occurrences where o.state == .moved {
            out += ["BEGIN:VEVENT", uid, dtstamp, "RECURRENCE-ID;TZID=\(timeZone):" + local(o.ruleDate, s.time),
                    "DTSTART;TZID=\(timeZone):" + local(o.date, o.time), duration, summary]
            out += location(o.location) + ["STATUS:CONFIRMED", "TRANSP:OPAQUE", "SEQUENCE:1", "END:VEVENT"]
        }
        return out
    }

    /// 20260113T140000 (local time, used with TZID).
    static func local(_ d: CalendarDate, _ t: TimeOfDay) -> String {
        CalendarDate.pad(d.year, 4) + CalendarDate.pad(d.month, 2) + CalendarDate.pad(d.day, 2) + "T"
            + CalendarDate.pad(t.hour, 2) + CalendarDate.pad(t.minute, 2) + "00"
    }

    /// 20261122T110000Z.
    static func utc(_ date: Date) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        return CalendarDate.pad(c.year!, 4) + CalendarDate.pad(c.month!, 2) + CalendarDate.pad(c.day!, 2) + "T"
            + CalendarDate.pad(c.hour!, 2) + CalendarDate.pad(c.minute!, 2) + CalendarDate.pad(c.second!, 2) + "Z"
    }

    /// PT2H, PT1H30M, PT45M.
    static func durationText(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        return "PT" + (h > 0 ? "\(h)H" : "") + (m > 0 || h == 0 ? "\(m)M" : "")
    }

    /// TEXT value escaping (RFC 5545 §3.3.11).
    static func escape(_ s: String) -> String {
        var out = ""
        for c in s {
            switch c {
            case "\\": out += "\\\\"
            case ";": out += "\\;"
            case ",": out += "\\,"
            case "\n", "\r\n": out += "\\n"
            case "\r": continue
            default:
                if c.unicodeScalars.contains(where: { Validation.isForbidden($0) }) { continue }
                out.append(c)
            }
        }
        return out
    }

    /// Lines longer than 75 octets are folded: CRLF and one space, never inside a UTF-8 sequence.
    static func fold(_ line: String) -> String {
        guard line.utf8.count > 75 else { return line }
        var parts: [String] = []
        var current = ""
        var octets = 0
        var limit = 75
        for scalar in line.unicodeScalars {
            let n = String(scalar).utf8.count
            if octets + n > limit {
                parts.append(current)
                current = ""; octets = 0; limit = 74   // the leading space counts
            }
            current.unicodeScalars.append(scalar)
            octets += n
        }
        parts.append(current)
        return parts.joined(separator: "\r\n ")
    }
}
