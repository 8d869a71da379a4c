import Foundation
import Testing
@testable import Core

/// Issue 6's writes against a real (temporary) store: series, moves, cancellations, the
/// agenda, attendance, minutes, actions and the sharing decision.
@Suite(.serialized) struct MeetingOperationTests {
    static let today = TestStore.today   // Sunday 22-11-2026
    /// Tuesday 13-01-2026, every 8 weeks.
    static let start = CalendarDate(year: 2026, month: 1, day: 13)!

    func minorCase(_ store: Store, given: String = "Amira", family: String = "Haddad") throws -> UUID {
        var new = TestStore.newCase(store, given: given, family: family, birth: .exact(CalendarDate(year: 2011, month: 3, day: 2)!))
        new.phase = .intake
        return try store.write { tx in try tx.openCase(new).id }
    }

    func expectError(_ code: String, _ body: () throws -> Void) {
        do { try body(); Issue.record("expected \(code)") } catch let e as SchakelError {
            // Every literal part of the message template occurs in the message.
            let parts = L10n.t(code).split(separator: "{", omittingEmptySubsequences: false).map { part in
                part.firstIndex(of: "}").map { String(part[part.index(after: $0)...]) } ?? String(part)
            }
            #expect(parts.allSatisfy { $0.isEmpty || e.message.contains($0) }, "\(code): \(e.message)")
        } catch { Issue.record("unexpected \(error)") }
    }

    @Test func seriesUsesReferenceIntervalAndSchedulesRuleDates() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let sid = try store.write { tx in try tx.createMeetingSeries(table: "casusoverleg-18-", start: Self.start, startTime: "9:30", location: "Den Haag") }
        let ids = try store.write { tx in try tx.scheduleMeetings(series: sid, through: Self.today.adding(days: 60)) }
        let book = try store.meetingBook()
        #expect(book.seriesRecord(sid)?.intervalWeeks == 8)
        #expect(book.seriesRecord(sid)?.startTime == "09:30")
        // 13-01, 10-03, 05-05, 30-06, 25-08, 20-10, 15-12 (2026); 09-02-2027 is past the horizon.
        #expect(ids.count == 7)
        let dates = book.meetings(table: "casusoverleg-18-").map(\.value.date)
        #expect(dates.first == Self.start && dates.last == CalendarDate(year: 2026, month: 12, day: 15)!)
        #expect(book.meetings.filter { $0.value.isHeld }.count == 6)
        // Scheduling again adds nothing.
        #expect(try store.write { tx in try tx.scheduleMeetings(series: sid, through: Self.today.adding(days: 60)) }.isEmpty)
        // Other tables are set up the same way, with their own interval.
        let z = try store.write { tx in try tx.createMeetingSeries(table: "netwerk-aandachtsfunctionarissen", start: Self.start) }
        #expect(try store.meetingBook().seriesRecord(z)?.intervalWeeks == 12)
    }

    @Test func seriesValidation() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        expectError("meeting.error.unknownTable") { try store.write { tx in _ = try tx.createMeetingSeries(table: "nope", start: Self.start) } }
        expectError("meeting.error.badTime") { try store.write { tx in _ = try tx.createMeetingSeries(table: "zorgnetwerk", start: Self.start, startTime: "25:00") } }
        expectError("validation.endBeforeStart") {
            try store.write { tx in _ = try tx.createMeetingSeries(table: "zorgnetwerk", start: Self.start, until: Self.start.adding(days: -1)) }
        }
        do { try store.write { tx in _ = try tx.createMeetingSeries(table: "zorgnetwerk", start: Self.start, durationMinutes: 5) }; Issue.record("duration") } catch {}
    }

    @Test func moveAndCancelKeepTheRuleDate() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let sid = try store.write { tx in try tx.createMeetingSeries(table: "casusoverleg-18-", start: Self.start) }
        try store.write { tx in _ = try tx.scheduleMeetings(series: sid, through: CalendarDate(year: 2027, month: 6, day: 1)!) }
        var book = try store.meetingBook()
        let dec15 = book.meetings.first { $0.value.date == CalendarDate(year: 2026, month: 12, day: 15)! }!.id
        let feb9 = book.meetings.first { $0.value.date == CalendarDate(year: 2027, month: 2, day: 9)! }!.id
        let apr6 = book.meetings.first { $0.value.date == CalendarDate(year: 2027, month: 4, day: 6)! }!.id
        try store.write { tx in
            try tx.moveMeeting(dec15, to: CalendarDate(year: 2026, month: 12, day: 17)!, startTime: "10:00")
            try tx.cancelMeeting(feb9)
        }
        // Moving to a day of another meeting of the series, to the past, or a cancelled one: refused.
        expectError("meeting.error.dateTaken") { try store.write { tx in try tx.moveMeeting(apr6, to: CalendarDate(year: 2026, month: 12, day: 17)!) } }
        expectError("meeting.error.moveToPast") { try store.write { tx in try tx.moveMeeting(apr6, to: Self.today.adding(days: -1)) } }
        expectError("meeting.error.notPlanned") { try store.write { tx in try tx.moveMeeting(feb9, to: CalendarDate(year: 2027, month: 2, day: 10)!) } }
        book = try store.meetingBook()
        let moved = book.meeting(dec15)!
        #expect(moved.originalDate == CalendarDate(year: 2026, month: 12, day: 15)! && moved.startTime == "10:00")
        #expect(book.meeting(feb9)!.isCancelled && book.meeting(feb9)!.originalDate == CalendarDate(year: 2027, month: 2, day: 9)!)
        let occ = book.meetingSeries(sid)!.occurrences(through: CalendarDate(year: 2027, month: 4, day: 6)!)
        #expect(occ.map(\.state) == [.held, .held, .held, .held, .held, .held, .moved, .cancelled, .planned])
        #expect(occ[6].date == CalendarDate(year: 2026, month: 12, day: 17)! && occ[6].time.description == "10:00")
        // Held meetings cannot be moved or cancelled; future ones cannot be marked held.
        let held = book.meetings.first { $0.value.isHeld }!.id
        expectError("meeting.error.notPlanned") { try store.write { tx in try tx.cancelMeeting(held) } }
        expectError("meeting.error.heldInFuture") { try store.write { tx in try tx.markMeetingHeld(apr6) } }
        // A one-off date cannot be put in a series.
        expectError("meeting.error.notRuleDate") {
            try store.write { tx in _ = try tx.createMeeting(table: "casusoverleg-18-", date: Self.today.adding(days: 3), series: sid) }
        }
    }

    @Test func agendaItemsAreValidatedOrderedAndRemovable() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let caseID = try minorCase(store)
        let meeting = try store.write { tx in try tx.createMeeting(table: "casusoverleg-18-", date: Self.today.adding(days: 9)) }
        let a = try store.write { tx in try tx.addAgendaItem(meeting: meeting, caseID: caseID, question: "Veiligheid?", broughtBy: "cjg", minutes: 20) }
        let b = try store.write { tx in try tx.addAgendaItem(meeting: meeting, title: "Online werving", question: "Wat zien jullie?", broughtBy: "fier") }
        let c = try store.write { tx in try tx.addAgendaItem(meeting: meeting, kind: "thema", title: "Loverboys", question: "Scholing?", broughtBy: "csg") }
        expectError("meeting.error.caseAlreadyOnAgenda") { try store.write { tx in _ = try tx.addAgendaItem(meeting: meeting, caseID: caseID, question: "Nog eens", broughtBy: "cjg") } }
        expectError("meeting.error.timeBox") { try store.write { tx in _ = try tx.addAgendaItem(meeting: meeting, title: "X", question: "Y", broughtBy: "cjg", minutes: 0) } }
        expectError("meeting.error.timeBox") { try store.write { tx in _ = try tx.addAgendaItem(meeting: meeting, title: "X", question: "Y", broughtBy: "cjg", minutes: 121) } }
        expectError("validation.required") { try store.write { tx in _ = try tx.addAgendaItem(meeting: meeting, title: "X", question: "  ", broughtBy: "cjg") } }
        expectError("validation.required") { try store.write { tx in _ = try tx.addAgendaItem(meeting: meeting, question: "Y", broughtBy: "cjg") } }
        expectError("validation.unknownValue") { try store.write { tx in _ = try tx.addAgendaItem(meeting: meeting, title: "X", question: "Y", broughtBy: "onbekend") } }
        expectError("validation.tooLong") {
            try store.write { tx in _ = try tx.addAgendaItem(meeting: meeting, title: "X", question: String(repeating: "a", count: 2001), broughtBy: "cjg") }
        }
        #expect(try store.meetingBook().agenda(meeting).map(\.id) == [a, b, c])
        try store.write { tx in try tx.reorderAgenda(meeting: meeting, order: [c, a, b]) }
        #expect(try store.meetingBook().agenda(meeting).map(\.id) == [c, a, b])
        expectError("meeting.error.reorderMismatch") { try store.write { tx in try tx.reorderAgenda(meeting: meeting, order: [c, a]) } }
        try store.write { tx in try tx.editAgendaItem(a, question: "Aangepaste vraag", minutes: 30) }
        #expect(try store.meetingBook().item(a)?.minutes == 30)
        try store.write { tx in try tx.removeAgendaItem(b) }
        #expect(try store.meetingBook().agenda(meeting).map(\.id) == [c, a])
    }

    @Test func attendanceMinutesApprovalAndActions() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let caseID = try minorCase(store)
        let (previous, current) = try store.write { tx in
            (try tx.createMeeting(table: "casusoverleg-18-", date: Self.today.adding(days: -56)),
             try tx.createMeeting(table: "casusoverleg-18-", date: Self.today))
        }
        let item = try store.write { tx in try tx.addAgendaItem(meeting: previous, caseID: caseID, question: "Traject?", broughtBy: "shop") }
        let action = try store.write { tx -> UUID in
            try tx.markMeetingHeld(previous)
            try tx.writeMinutes(meeting: previous, item: item, text: "Advies: traumabehandeling.")
            return try tx.addMeetingAction(meeting: previous, item: item, what: "Jeugdbescherming inschakelen", organisation: "jeugdbescherming-west-cit",
                                           due: Self.today.adding(days: -10))
        }
        expectError("meeting.error.dueBeforeMeeting") {
            try store.write { tx in _ = try tx.addMeetingAction(meeting: current, item: nil, what: "X", organisation: "fier", due: Self.today.adding(days: -1)) }
        }
        // Overdue: it shows for the case (→ the coordinator's worklist).
        #expect(MeetingActionSignal.overdueMeetingActions(book: try store.meetingBook(), on: Self.today) == [caseID: 10])
        // Approving at the start of the next meeting.
        let approved = try store.write { tx in try tx.approvePreviousMinutes(meeting: current) }
        #expect(approved == previous)
        var book = try store.meetingBook()
        let approvedAll = book.minutes(previous).allSatisfy { $0.value.approved }
        #expect(approvedAll)
        #expect(book.meeting(current)?.previousMinutesApprovedOn == Self.today)
        expectError("meeting.error.minutesApproved") { try store.write { tx in _ = try tx.writeMinutes(meeting: previous, item: item, text: "Anders") } }
        expectError("meeting.error.noPreviousMeeting") { try store.write { tx in _ = try tx.approvePreviousMinutes(meeting: previous) } }
        // Attendance replaces per organisation.
        try store.write { tx in
            try tx.recordAttendance(meeting: current, organisation: "fier", present: false)
            try tx.recordAttendance(meeting: current, organisation: "fier", present: true, names: ["L. Visser"])
        }
        book = try store.meetingBook()
        #expect(book.attendance(current).count == 1 && book.present(current) == ["fier"])
        // Finishing the action clears the signal.
        try store.write { tx in try tx.finishMeetingAction(action, on: Self.today) }
        expectError("meeting.error.actionNotOpen") { try store.write { tx in try tx.finishMeetingAction(action, on: Self.today) } }
        #expect(MeetingActionSignal.overdueMeetingActions(book: try store.meetingBook(), on: Self.today).isEmpty)
    }

    @Test func sharingOnlyToOrganisationsPresentAndRecordedAsDisclosures() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let caseID = try minorCase(store)
        let meeting = try store.write { tx in try tx.createMeeting(table: "casusoverleg-18-", date: Self.today) }
        let item = try store.write { tx in try tx.addAgendaItem(meeting: meeting, caseID: caseID, question: "Veilige plek?", broughtBy: "shop") }
        let trend = try store.write { tx in try tx.addAgendaItem(meeting: meeting, title: "Trend", question: "?", broughtBy: "shop") }
        try store.write { tx in
            try tx.recordAttendance(meeting: meeting, organisation: "fier", present: true)
            try tx.recordAttendance(meeting: meeting, organisation: "palmhuis", present: false)
        }
        expectError("meeting.error.notPresent") {
            try store.write { tx in try tx.recordItemSharing(item: item, organisations: ["fier", "palmhuis"], legalBasis: "convenant", fields: ["client.identity.name"]) }
        }
        expectError("meeting.error.notCaseItem") {
            try store.write { tx in try tx.recordItemSharing(item: trend, organisations: ["fier"], legalBasis: "convenant", fields: ["client.identity.name"]) }
        }
        expectError("meeting.error.unknownField") {
            try store.write { tx in try tx.recordItemSharing(item: item, organisations: ["fier"], legalBasis: "convenant", fields: ["client.identity.shoeSize"]) }
        }
        expectError("validation.unknownValue") {
            try store.write { tx in try tx.recordItemSharing(item: item, organisations: ["fier"], legalBasis: "omdat", fields: ["client.identity.name"]) }
        }
        #expect(try store.caseFile(caseID).disclosures.isEmpty)
        try store.write { tx in try tx.recordItemSharing(item: item, organisations: ["fier"], legalBasis: "convenant", fields: ["client.identity.name"]) }
        let d = try store.caseFile(caseID).disclosures.values.first!
        #expect(d.recipient == "fier" && d.purpose == "casusoverleg" && d.legalBasis == "convenant")
        #expect(Set(d.fields) == Set(["client.identity.name"] + StoreTransaction.meetingDefaultFields))
        let stored = try store.meetingBook().item(item)!
        #expect(stored.sharedWith == ["fier"] && stored.sharedFields == ["client.identity.name"] && stored.sharesIdentifyingDetails)
    }

    @Test func oldRecordsDecodeWithoutTheNewFields() throws {
        let json = #"{"meeting":"00000000-0000-0000-0000-000000000000","order":1,"question":"q","broughtBy":"cjg","minutes":15}"#
        let item = try JSONDecoder().decode(AgendaItemRecord.self, from: Data(json.utf8))
        #expect(item.kind == nil && item.itemKind == "trend" && !item.sharesIdentifyingDetails)
        let m = try JSONDecoder().decode(MeetingRecord.self, from: Data(#"{"table":"casusoverleg-18-","date":"2026-05-12","status":"gepland"}"#.utf8))
        #expect(m.series == nil && m.ruleDate == CalendarDate(year: 2026, month: 5, day: 12)!)
        let a = try JSONDecoder().decode(MeetingActionRecord.self, from: Data(#"{"meeting":"00000000-0000-0000-0000-000000000000","what":"x","organisation":"fier","status":"open"}"#.utf8))
        #expect(a.doneOn == nil && a.isOpen)
    }
}
