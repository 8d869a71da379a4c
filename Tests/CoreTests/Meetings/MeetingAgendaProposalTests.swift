import Foundation
import Testing
@testable import Core

/// The agenda proposal on hand-built summaries and meeting records.
struct MeetingAgendaProposalTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!
    static let me = UUID()

    static func summary(born: CalendarDate, opened: Int = -100, phase: Phase = .traject, edit: (inout CaseFile) -> Void = { _ in }) throws -> CaseSummary {
        var f = CaseFile(id: UUID())
        f.opening = CaseOpening(code: CaseCode(year: 2026, randomBits: UInt32.random(in: 0..<1_000_000)), openedOn: today.adding(days: opened))
        f.phase = CasePhase(phase: phase, since: today.adding(days: opened))
        f.coordination = CaseCoordination(coordinator: me, backup: UUID(), region: "haaglanden", municipality: "den-haag")
        f.identity = ClientIdentity(givenNames: "Test", familyName: "Persoon", aliases: [], birthDate: .exact(born), gender: "vrouw")
        f.exploitation = CaseExploitation(forms: ["seksuele-uitbuiting"])
        f.comensha = ComenshaRegistration(status: "gemeld", date: today.adding(days: opened))
        f.notes[UUID()] = TimelineNote(on: today.adding(days: -3), author: me, text: "contact", kind: "contact")
        edit(&f)
        return try CaseSummary(f)
    }

    @Test func proposesMinorsWithSignalsNewMinorsAndOpenActions() throws {
        let minorQuiet = try Self.summary(born: CalendarDate(year: 2011, month: 1, day: 1)!)
        let minorSignal = try Self.summary(born: CalendarDate(year: 2011, month: 1, day: 1)!) { $0.coordination?.backup = nil }
        let minorNew = try Self.summary(born: CalendarDate(year: 2012, month: 6, day: 1)!, opened: -10, phase: .signaal)
        let adult = try Self.summary(born: CalendarDate(year: 1990, month: 1, day: 1)!) { $0.coordination?.backup = nil }
        let adultWithActions = try Self.summary(born: CalendarDate(year: 1990, month: 1, day: 1)!)
        let closedMinor = try Self.summary(born: CalendarDate(year: 2011, month: 1, day: 1)!, opened: -5, phase: .afgesloten)

        let last = UUID(), next = UUID(), item = UUID(), action = UUID(), trendAction = UUID()
        let book = MeetingBook(
            meetings: [(last, MeetingRecord(table: "casusoverleg-18-", date: Self.today.adding(days: -40), status: "gehouden")),
                       (next, MeetingRecord(table: "casusoverleg-18-", date: Self.today.adding(days: 16)))],
            items: [(item, AgendaItemRecord(meeting: last, order: 1, caseID: adultWithActions.id, title: nil, question: "?", broughtBy: "shop"))],
            actions: [(action, MeetingActionRecord(meeting: last, agendaItem: item, what: "x", organisation: "fier", due: Self.today.adding(days: -2))),
                      (trendAction, MeetingActionRecord(meeting: last, agendaItem: nil, what: "y", organisation: "cjg", due: nil))])
        let p = AgendaProposal.build(summaries: [minorQuiet, minorSignal, minorNew, adult, adultWithActions, closedMinor], book: book,
                                     meeting: next, today: Self.today)
        #expect(p.candidates.map(\.caseID) == [adultWithActions.id, minorSignal.id, minorNew.id])
        #expect(p.candidates[0].reasons == [.openMeetingActions(1)])
        #expect(p.candidates[1].reasons == [.attention([.noBackup])])
        #expect(p.candidates[2].reasons.contains(.newMinor(Self.today.adding(days: -10))))
        #expect(p.candidates[2].age == 14 && p.candidates[2].forms == ["seksuele-uitbuiting"])
        // Follow-ups head the agenda: the dated (overdue) one first.
        #expect(p.followUps.map(\.actionID) == [action, trendAction])
        #expect(p.followUps[0].daysLate == 2 && p.followUps[0].caseID == adultWithActions.id && p.followUps[1].caseID == nil)
        // A case already on the target agenda is not proposed again.
        var withItem = book
        withItem.items.append((UUID(), AgendaItemRecord(meeting: next, order: 1, caseID: minorSignal.id, title: nil, question: "?", broughtBy: "cjg")))
        #expect(!AgendaProposal.build(summaries: [minorSignal], book: withItem, meeting: next, today: Self.today).candidates.contains { $0.caseID == minorSignal.id })
    }

    @Test func overdueMeetingActionsPerCase() {
        let c1 = UUID(), c2 = UUID(), m = UUID(), i1 = UUID(), i2 = UUID(), i3 = UUID()
        let items = [(id: i1, value: AgendaItemRecord(meeting: m, order: 1, caseID: c1, title: nil, question: "?", broughtBy: "shop")),
                     (id: i2, value: AgendaItemRecord(meeting: m, order: 2, caseID: c2, title: nil, question: "?", broughtBy: "shop")),
                     (id: i3, value: AgendaItemRecord(meeting: m, order: 3, caseID: nil, title: "t", question: "?", broughtBy: "shop"))]
        let actions = [(id: UUID(), value: MeetingActionRecord(meeting: m, agendaItem: i1, what: "a", organisation: "fier", due: Self.today.adding(days: -3))),
                       (id: UUID(), value: MeetingActionRecord(meeting: m, agendaItem: i1, what: "b", organisation: "fier", due: Self.today.adding(days: -9))),
                       (id: UUID(), value: MeetingActionRecord(meeting: m, agendaItem: i2, what: "c", organisation: "fier", due: Self.today)),
                       (id: UUID(), value: MeetingActionRecord(meeting: m, agendaItem: i2, what: "d", organisation: "fier", due: Self.today.adding(days: -30), status: "gedaan")),
                       (id: UUID(), value: MeetingActionRecord(meeting: m, agendaItem: i3, what: "e", organisation: "fier", due: Self.today.adding(days: -30)))]
        #expect(MeetingActionSignal.overdueMeetingActions(actions: actions, items: items, on: Self.today) == [c1: 9])
    }
}
