import Foundation
import Testing
@testable import Core

/// Each worklist rule fires exactly when it should, on hand-built cases and a fixed day.
struct WorklistRuleTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!
    static let me = UUID()

    /// An active case in traject with recent contact, a backup and CoMensha done: no signals.
    static func quiet(_ edit: (inout CaseFile) -> Void = { _ in }) throws -> CaseSummary {
        var f = CaseFile(id: UUID())
        f.opening = CaseOpening(code: CaseCode(year: 2026, randomBits: UInt32.random(in: 0..<1_000_000)), openedOn: today.adding(days: -100))
        f.phase = CasePhase(phase: .traject, since: today.adding(days: -60))
        f.coordination = CaseCoordination(coordinator: me, backup: UUID(), region: "haaglanden", municipality: "den-haag")
        f.identity = ClientIdentity(givenNames: "Ewa", familyName: "Test", aliases: [], birthDate: .exact(CalendarDate(year: 1990, month: 1, day: 1)!), gender: "vrouw")
        f.comensha = ComenshaRegistration(status: "gemeld", date: today.adding(days: -90))
        f.notes[UUID()] = TimelineNote(on: today.adding(days: -3), author: me, text: "contact", kind: "contact")
        edit(&f)
        return try CaseSummary(f)
    }

    func signals(_ s: CaseSummary, _ t: AttentionThresholds = AttentionThresholds()) -> [AttentionSignal] {
        AttentionSignal.signals(for: s, on: Self.today, thresholds: t)
    }

    @Test func aQuietCaseHasNoSignals() throws {
        #expect(signals(try Self.quiet()) == [])
    }

    @Test func bedenktijdEndingWithin14DaysAndEnded() throws {
        func with(end: Int) throws -> [AttentionSignal] {
            try signals(Self.quiet { f in
                f.phase = CasePhase(phase: .bedenktijd, since: Self.today.adding(days: -60))
                f.bedenktijd = Bedenktijd(start: Self.today.adding(days: -60), end: Self.today.adding(days: end))
            })
        }
        #expect(try with(end: 15) == [])
        #expect(try with(end: 14) == [.bedenktijdEnding])
        #expect(try with(end: 0) == [.bedenktijdEnding])
        #expect(try with(end: -1) == [.bedenktijdEnded])
        // Only while the case is in bedenktijd.
        #expect(try signals(Self.quiet { f in f.bedenktijd = Bedenktijd(start: Self.today.adding(days: -100), end: Self.today.adding(days: -10)) }) == [])
    }

    @Test func b8DecisionPending() throws {
        #expect(try signals(Self.quiet { $0.b8 = B8Record(status: "aangevraagd", since: Self.today.adding(days: -5)) }) == [.b8Pending])
        #expect(try signals(Self.quiet { $0.b8 = B8Record(status: "verleend", since: Self.today.adding(days: -5)) }) == [])
    }

    @Test func turns18WithinSixMonthsWithoutAgreedPlan() throws {
        func born(_ d: CalendarDate, plan: String? = nil) throws -> [AttentionSignal] {
            try signals(Self.quiet { f in
                f.identity?.birthDate = .exact(d)
                if let plan { f.transition = TransitionPlan(status: plan, agreedOn: plan == "vastgesteld" ? Self.today : nil) }
            })
        }
        let inSixMonths = Self.today.adding(months: 6).adding(years: -18)
        #expect(try born(inSixMonths) == [.turns18])
        #expect(try born(inSixMonths.adding(days: 1)) == [])
        #expect(try born(Self.today.adding(days: 1).adding(years: -18)) == [.turns18])
        #expect(try born(Self.today.adding(years: -18)) == [])             // 18 today: adult
        #expect(try born(inSixMonths, plan: "in-voorbereiding") == [.turns18])
        #expect(try born(inSixMonths, plan: "vastgesteld") == [])
        var t = AttentionThresholds(); t.turns18Months = 3
        #expect(try signals(Self.quiet { $0.identity?.birthDate = .exact(inSixMonths) }, t) == [])
    }

    @Test func actionOverdue() throws {
        #expect(try signals(Self.quiet { $0.actions[UUID()] = CaseAction(title: "x", owner: "shop", due: Self.today.adding(days: -1)) }) == [.actionOverdue])
        #expect(try signals(Self.quiet { $0.actions[UUID()] = CaseAction(title: "x", owner: "shop", due: Self.today) }) == [])
        #expect(try signals(Self.quiet { $0.actions[UUID()] = CaseAction(title: "x", owner: "shop", due: Self.today.adding(days: -9), status: "gedaan") }) == [])
    }

    @Test func overdueCasusoverlegActionOfTheCase() throws {
        let s = try Self.quiet()
        #expect(AttentionSignal.signals(for: s, on: Self.today, meetingActionDays: 3) == [.meetingActionOverdue])
        #expect(AttentionSignal.signals(for: s, on: Self.today, meetingActionDays: nil) == [])
        let list = Worklist.entries([s], on: Self.today, meetingActions: [s.id: 3])
        #expect(list.first?.items == [AttentionItem(.meetingActionOverdue, days: 3)])
    }

    @Test func noContactForNDays() throws {
        func lastContact(_ days: Int, kind: String? = "contact") throws -> [AttentionSignal] {
            try signals(Self.quiet { f in
                f.notes = [UUID(): TimelineNote(on: Self.today.adding(days: -days), author: Self.me, text: "x", kind: kind)]
            })
        }
        #expect(try lastContact(20) == [])
        #expect(try lastContact(21) == [.noContact])
        // A note that is not a contact does not count; a note from before kinds existed does.
        #expect(try lastContact(1, kind: "notitie") == [.noContact])
        #expect(try lastContact(1, kind: nil) == [])
        var t = AttentionThresholds(); t.noContactDays = 30
        #expect(try signals(Self.quiet { $0.notes = [UUID(): TimelineNote(on: Self.today.adding(days: -25), author: Self.me, text: "x", kind: "contact")] }, t) == [])
    }

    @Test func waitingForOnwardCare() throws {
        #expect(try signals(Self.quiet { $0.onwardCare = OnwardCare(need: "omm", since: Self.today.adding(days: -14)) }) == [.onwardCareWaiting])
        #expect(try signals(Self.quiet { $0.onwardCare = OnwardCare(need: "omm", since: Self.today.adding(days: -13)) }) == [])
        #expect(try signals(Self.quiet { $0.onwardCare = OnwardCare(need: "omm", since: Self.today.adding(days: -40), resolvedOn: Self.today) }) == [])
    }

    @Test func comenshaMissingAfterNDays() throws {
        func opened(_ days: Int, status: String = "te-melden", phase: Phase = .intake) throws -> [AttentionSignal] {
            try signals(Self.quiet { f in
                f.opening?.openedOn = Self.today.adding(days: -days)
                f.phase = CasePhase(phase: phase, since: Self.today.adding(days: -days))
                f.comensha = ComenshaRegistration(status: status)
            })
        }
        #expect(try opened(13) == [])
        #expect(try opened(14) == [.comenshaMissing])
        #expect(try opened(30, status: "gemeld") == [])
        #expect(try opened(30, phase: .signaal) == [])   // a signal is not yet a presumed victim to report
    }

    @Test func noBackupAndClosedCases() throws {
        #expect(try signals(Self.quiet { $0.coordination?.backup = nil }) == [.noBackup])
        #expect(try signals(Self.quiet { f in
            f.coordination?.backup = nil
            f.phase = CasePhase(phase: .afgesloten, since: Self.today, reason: "doelen-bereikt")
        }) == [])
    }

    @Test func worklistIsSortedByUrgencyThenLateness() throws {
        let late3 = try Self.quiet { $0.actions[UUID()] = CaseAction(title: "x", owner: "shop", due: Self.today.adding(days: -3)) }
        let late9 = try Self.quiet { $0.actions[UUID()] = CaseAction(title: "x", owner: "shop", due: Self.today.adding(days: -9)) }
        let noBackup = try Self.quiet { $0.coordination?.backup = nil }
        let ended = try Self.quiet { f in
            f.phase = CasePhase(phase: .bedenktijd, since: Self.today.adding(days: -100))
            f.bedenktijd = Bedenktijd(start: Self.today.adding(days: -95), end: Self.today.adding(days: -2))
        }
        let quiet = try Self.quiet()
        let list = Worklist.entries([noBackup, late3, quiet, ended, late9], on: Self.today)
        #expect(list.map(\.caseID) == [ended.id, late9.id, late3.id, noBackup.id])
        #expect(list[1].items.first?.days == 9)
        #expect(list[1].items.first?.text.contains("9") == true)
    }

    @Test func thresholdsFromConfigLines() throws {
        var t = AttentionThresholds()
        #expect(try t.set(key: "aandacht.geen-contact-dagen", value: "30"))
        #expect(t.noContactDays == 30)
        #expect(try t.set(key: "attention.onward-care-days", value: "7"))
        #expect(t.onwardCareDays == 7)
        #expect(try !t.set(key: "thema", value: "licht"))
        #expect(throws: SchakelError.self) { try t.set(key: "aandacht.18-maanden", value: "999") }
        #expect(throws: SchakelError.self) { try t.set(key: "aandacht.comensha-dagen", value: "veertien") }
    }
}
