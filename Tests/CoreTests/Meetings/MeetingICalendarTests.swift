import Foundation
import Testing
@testable import Core

/// The series as iCalendar, parsed and expanded by a standard library (Python `icalendar`
/// with `recurring_ical_events`), installed with pip when missing.
@Suite(.serialized) struct MeetingICalendarTests {
    static let today = TestStore.today

    func makeSeries(_ store: Store) throws -> (UUID, MeetingSeries) {
        let sid = try store.write { tx in
            try tx.createMeetingSeries(table: "casusoverleg-18-", start: CalendarDate(year: 2026, month: 1, day: 13)!, startTime: "14:00",
                                       durationMinutes: 120, location: "Stadhuis, Spui 70; Den Haag")
        }
        let caseID = try store.write { tx in
            var new = TestStore.newCase(store, given: "Zorabelle", family: "Quintavalle", birth: .exact(CalendarDate(year: 2011, month: 3, day: 2)!))
            new.phase = .intake
            return try tx.openCase(new).id
        }
        try store.write { tx in
            _ = try tx.scheduleMeetings(series: sid, through: CalendarDate(year: 2027, month: 6, day: 1)!)
            let book = try tx.meetingBook()
            let dec15 = book.meetings.first { $0.value.date == CalendarDate(year: 2026, month: 12, day: 15)! }!.id
            let feb9 = book.meetings.first { $0.value.date == CalendarDate(year: 2027, month: 2, day: 9)! }!.id
            _ = try tx.addAgendaItem(meeting: dec15, caseID: caseID, question: "Is Zorabelle veilig?", broughtBy: "cjg")
            try tx.moveMeeting(dec15, to: CalendarDate(year: 2026, month: 12, day: 17)!, startTime: "10:00")
            try tx.cancelMeeting(feb9)
        }
        return (sid, try store.meetingBook().meetingSeries(sid)!)
    }

    /// Debian's python3 with python3-icalendar (installed by `make test`), else the first
    /// python3 on the PATH.
    nonisolated(unsafe) static var interpreter = ["/usr/bin/python3"]

    static func python(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        try PythonProcess.run(args, interpreter: interpreter)
    }

    /// CI runs as root on a fresh machine: install the parser the way the test needs it.
    static func ensureLibraries() throws -> Bool {
        if FileManager.default.fileExists(atPath: "/usr/bin/python3"),
           try python(["-c", "import icalendar, recurring_ical_events"]).status == 0 { return true }
        interpreter = ["python3"]
        if try python(["-c", "import icalendar, recurring_ical_events"]).status == 0 { return true }
        _ = try python(["-m", "pip", "install", "--quiet", "icalendar", "recurring_ical_events"])
        return try python(["-c", "import icalendar, recurring_ical_events"]).status == 0
    }

    @Test func structureFoldingAndNoCaseContent() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (sid, series) = try makeSeries(store)
        let ics = ICalendarExport.calendar([series], stamp: Self.today.date, through: CalendarDate(year: 2027, month: 6, day: 1)!)
        #expect(ics.hasPrefix("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n") && ics.hasSuffix("END:VCALENDAR\r\n"))
        #expect(!ics.replacingOccurrences(of: "\r\n", with: "").contains("\n") && !ics.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
        for line in ics.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75) }
        let unfolded = ics.replacingOccurrences(of: "\r\n ", with: "")
        #expect(unfolded.contains("UID:\(sid.uuidString.lowercased())@schakel"))
        #expect(unfolded.contains("RRULE:FREQ=WEEKLY;INTERVAL=8;COUNT=10"))
        #expect(unfolded.contains("EXDATE;TZID=Europe/Amsterdam:20270209T140000"))
        #expect(unfolded.contains("RECURRENCE-ID;TZID=Europe/Amsterdam:20261215T140000"))
        #expect(unfolded.contains("LOCATION:Stadhuis\\, Spui 70\\; Den Haag"))
        #expect(unfolded.contains("SUMMARY:Casusoverleg mensenhandel 18- regio Haaglanden"))
        for leak in ["Zorabelle", "Quintavalle", "MH-", "veilig", "cjg", "CJG"] { #expect(!ics.contains(leak), "\(leak)") }
        // Same input, same bytes.
        #expect(ICalendarExport.calendar([series], stamp: Self.today.date, through: CalendarDate(year: 2027, month: 6, day: 1)!) == ics)
        #expect(ICalendarExport.fold(String(repeating: "é", count: 80)).components(separatedBy: "\r\n ").allSatisfy { $0.utf8.count <= 75 })
    }

    @Test func aStandardLibraryReadsTheSeriesWithExceptions() throws {
        guard try Self.ensureLibraries() else {
            Issue.record("python3 with icalendar and recurring_ical_events is needed (python3 -m pip install icalendar recurring_ical_events)")
            return
        }
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (_, series) = try makeSeries(store)
        let ics = ICalendarExport.calendar([series], stamp: Self.today.date, through: CalendarDate(year: 2027, month: 6, day: 1)!)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-ics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("casusoverleg.ics")
        try Data(ics.utf8).write(to: file)
        let script = """
        import sys, datetime, icalendar, recurring_ical_events
        cal = icalendar.Calendar.from_ical(open(sys.argv[1], 'rb').read())
        assert cal.get('VERSION') == '2.0', cal.get('VERSION')
        assert len(cal.walk('VTIMEZONE')) == 1
        for ev in recurring_ical_events.of(cal).between(datetime.date(2025, 1, 1), datetime.date(2028, 1, 1)):
            start = ev['DTSTART'].dt
            end = ev['DTEND'].dt if 'DTEND' in ev else start + ev['DURATION'].dt
            print(start.isoformat(), end.isoformat(), str(ev['SUMMARY']), str(ev.get('LOCATION', '')))
        """
        let result = try Self.python(["-c", script, file.path])
        #expect(result.status == 0, "\(result.err)")
        // Library versions list a changed occurrence in different places: compare in time order.
        let lines = result.out.split(separator: "\n").map(String.init).sorted()
        let expected = [
            "2026-01-13T14:00:00+01:00 2026-01-13T16:00:00+01:00",
            "2026-03-10T14:00:00+01:00 2026-03-10T16:00:00+01:00",
            "2026-05-05T14:00:00+02:00 2026-05-05T16:00:00+02:00",
            "2026-06-30T14:00:00+02:00 2026-06-30T16:00:00+02:00",
            "2026-08-25T14:00:00+02:00 2026-08-25T16:00:00+02:00",
            "2026-10-20T14:00:00+02:00 2026-10-20T16:00:00+02:00",
            "2026-12-17T10:00:00+01:00 2026-12-17T12:00:00+01:00",   // moved from 15-12 14:00
            // 09-02-2027 cancelled
            "2027-04-06T14:00:00+02:00 2027-04-06T16:00:00+02:00",
            "2027-06-01T14:00:00+02:00 2027-06-01T16:00:00+02:00",
        ]
        #expect(lines.map { $0.split(separator: " ").prefix(2).joined(separator: " ") } == expected, "\(result.out)")
        #expect(lines.allSatisfy { $0.contains("Casusoverleg mensenhandel 18- regio Haaglanden Stadhuis, Spui 70; Den Haag") })
    }
}
