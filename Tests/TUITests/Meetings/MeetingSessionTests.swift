import Foundation
import Testing
@testable import Core
@testable import TUI

extension ShellSuite {
    /// The casusoverleg through the keyboard: the agenda, a whole meeting in meeting mode,
    /// the follower window, on stores of their own (the shared demo workspace stays untouched).
    @Suite struct MeetingSessions {
        static let clientNames = [("Zqxmila", "Zqxnowak"), ("Zqxamira", "Zqxhaddad")]
        static let typedSentinel = "Zqxtyped"
        static let attendeeSentinel = "Zqxattendee"

        struct Setup {
            let workspace: Workspace
            let meeting: UUID
            let previous: UUID
            let cases: [UUID]
            let items: [UUID]
        }

        /// A chair's store: two minors on today's agenda plus a trend, the previous meeting
        /// held eight weeks ago with minutes waiting for approval.
        static func chairStore() throws -> Setup {
            let today = ShellFixture.today
            let store = try Store.create(at: StoreLocation(directory: ShellFixture.temporaryDirectory("meeting")), passphrase: "demo",
                                         options: .init(role: .voorzitter, userName: "Zqxchair Voorzitter", function: "Voorzitter casusoverleg",
                                                        organisation: "fier", kdf: .testOnlyCheap, isDemo: true),
                                         clock: FixedClock(today.date))
            var cases: [UUID] = [], items: [UUID] = []
            var meeting = UUID(), previous = UUID()
            try store.write { tx in
                var rng = SeededRandom(seed: 61)
                for (n, (given, family)) in clientNames.enumerated() {
                    let new = NewCase(identity: ClientIdentity(givenNames: given, familyName: family, aliases: [],
                                                               birthDate: .exact(CalendarDate(year: 2010 + n, month: 3, day: 4)!), gender: "vrouw"),
                                      referral: CaseReferral(referrerType: "politie-avim", receivedOn: today.adding(days: -30)),
                                      coordinator: store.userID, region: "haaglanden", municipality: "den-haag",
                                      openedOn: today.adding(days: -30), phase: .intake)
                    cases.append(try tx.openCase(new, rng: &rng).id)
                }
                let series = try tx.createMeetingSeries(table: "casusoverleg-18-", start: today.adding(days: -56), startTime: "14:00",
                                                        durationMinutes: 90, location: "Den Haag")
                let planned = try tx.scheduleMeetings(series: series, through: today.adding(days: 60))
                let book = try tx.meetingBook()
                previous = planned.first { book.meeting($0)?.date == today.adding(days: -56) }!
                meeting = planned.first { book.meeting($0)?.date == today }!
                _ = try tx.writeMinutes(meeting: previous, item: nil, text: "Vorig overleg: afspraken gemaakt.")
                items.append(try tx.addAgendaItem(meeting: meeting, caseID: cases[0], question: "Hoe houden we \(clientNames[0].0) veilig na school?",
                                                  broughtBy: "fier", minutes: 15))
                items.append(try tx.addAgendaItem(meeting: meeting, caseID: cases[1], question: "Wie neemt de regie over de opvang?",
                                                  broughtBy: "jeugdbescherming-west-cit", minutes: 20))
                items.append(try tx.addAgendaItem(meeting: meeting, kind: "trend", title: "Werving via sociale media",
                                                  question: "Wat zien jullie hiervan?", broughtBy: "politie-den-haag-avim", minutes: 10))
            }
            return Setup(workspace: try Workspace(store: store), meeting: meeting, previous: previous, cases: cases, items: items)
        }

        static func agenda(_ h: Harness) -> AgendaFlow? {
            if case .flow(let f)? = h.shell.overlay { return f as? AgendaFlow }
            return nil
        }

        static func meetingMode(_ h: Harness) -> MeetingMode? { agenda(h)?.subflow as? MeetingMode }

        /// Opens today's meeting's agenda from the pane.
        static func openAgenda(_ h: Harness, _ s: Setup) {
            h.press("2")
            h.meetings.grid.table.select(id: s.meeting.uuidString)
            h.press("enter")
        }

        /// Starts meeting mode with a clock that stands still (timers in goldens).
        static func startMeeting(_ h: Harness, clock: inout Date) {
            h.press("M")
            let start = Date(timeIntervalSince1970: 1_795_000_000)
            clock = start
            meetingMode(h)?.now = { start }
        }

        var sentinels: [String] { Self.clientNames.flatMap { [$0.0, $0.1] } + [Self.typedSentinel, Self.attendeeSentinel, "Zqxchair"] }

        func assertNoLeak(_ h: Harness, _ context: String, sourceLocation: SourceLocation = #_sourceLocation) {
            for s in sentinels where h.text.localizedCaseInsensitiveContains(s) {
                Issue.record("\(s) on the projected screen (\(context)):\n\(h.text)", sourceLocation: sourceLocation)
            }
        }

        // MARK: the whole meeting

        @Test func scriptedWholeMeetingIsStored() throws {
            let s = try Self.chairStore()
            defer { s.workspace.close() }
            let h = Harness(size: Size(width: 100, height: 30), install: s.workspace)
            Self.openAgenda(h, s)
            #expect(Self.agenda(h) != nil)
            #expect(h.contains("AGENDA · 3 punten") && h.contains("45 van 90 min gepland"))
            // At 80 columns the hint line is cut: `?` lists every key.
            h.press("?")
            #expect(h.contains("M vergadermodus") && h.contains("X annuleren"))
            h.press("space")
            #expect(!h.contains("X annuleren"))

            // Attendance: two organisations present, one with a name.
            h.press("o")
            #expect(h.contains("Aanwezig: 0 van"))
            h.press("space j space enter")
            h.type(Self.attendeeSentinel + " de Vries")
            h.press("enter esc")
            #expect(h.contains("aanwezig 2 van"))

            // Meeting mode: presentation and privacy switch on, the opening shows first.
            var frozen = Date()
            Self.startMeeting(h, clock: &frozen)
            #expect(h.shell.presentation && h.shell.privacy)
            #expect(h.contains("Opening") && h.contains("Aanwezig: 2 van"))
            #expect(h.contains("Notulen van \(ShellFixture.today.adding(days: -56).dutch): ter goedkeuring"))
            h.press("g")
            #expect(h.contains("goedgekeurd"))

            // Item 1: minutes typed line by line, hidden on the projected screen; an action.
            h.press("n")
            #expect(h.contains("Punt 1 van 3"))
            let mode = try #require(Self.meetingMode(h))
            mode.now = { frozen.addingTimeInterval(65) }
            h.shell.draw()
            #expect(h.contains("01:05 / 15:00"))
            h.press("m")
            h.type("Advies: veiligheidsplan met school, \(Self.typedSentinel) belt")
            #expect(h.contains("verborgen (") && !h.contains(Self.typedSentinel))
            h.press("enter")
            h.type("Besluit: terug op de agenda in januari")
            h.press("enter esc")
            #expect(h.contains("Notulen: 2 regel(s)"))
            h.press("a")
            h.type("Veiligheidsplan afstemmen")
            h.press("enter enter enter")
            #expect(h.contains("Actiepunt vastgelegd (Fier)"))

            // Item 2 and 3 walked, then the closing; the timer pauses and resumes.
            h.press("n t")
            #expect(h.contains("(gepauzeerd)"))
            h.press("t n")
            #expect(h.contains("Punt 3 van 3"))
            h.press("n")
            #expect(h.contains("Rondvraag en sluiting") && h.contains("1 actiepunten vastgelegd"))

            // Ending records the meeting as held and locks the screen.
            h.press("q tab enter")
            #expect(h.shell.isLocked)
            #expect(h.contains("Het overleg is afgesloten"))
            #expect(!h.shell.presentation && !h.shell.privacy, "presentation and privacy as before the meeting")
            #expect(h.shell.messageAfterUnlock?.contains("als gehouden vastgelegd") == true, "how it ended is said after unlocking")
            #expect(!FileManager.default.fileExists(atPath: s.workspace.store.location.meetingBeaconURL.path))

            // The lock closed the store: read what was stored as a fresh process would.
            let reopened = try Store.open(at: s.workspace.store.location, passphrase: "demo", mode: .read, clock: FixedClock(ShellFixture.today.date))
            defer { reopened.close() }
            let book = try reopened.meetingBook()
            #expect(book.meeting(s.meeting)?.status == "gehouden")
            #expect(book.meeting(s.meeting)?.previousMinutesApprovedOn == ShellFixture.today)
            #expect(book.minutes(s.previous).allSatisfy { $0.value.approved })
            #expect(book.minutes(s.meeting, item: s.items[0])?.value.text
                    == "Advies: veiligheidsplan met school, \(Self.typedSentinel) belt\nBesluit: terug op de agenda in januari")
            let actions = book.actions(s.meeting)
            #expect(actions.count == 1 && actions[0].value.what == "Veiligheidsplan afstemmen" && actions[0].value.organisation == "fier")
            #expect(actions[0].value.agendaItem == s.items[0] && actions[0].value.due == ShellFixture.today.adding(days: 28))
            #expect(book.present(s.meeting).count == 2)
            #expect(book.attendance(s.meeting).contains { $0.value.names == ["\(Self.attendeeSentinel) de Vries"] })
        }

        @Test func agendaEditingProposalSharingAndExport() throws {
            let s = try Self.chairStore()
            defer { s.workspace.close() }
            let h = Harness(size: Size(width: 100, height: 30), install: s.workspace)
            Self.openAgenda(h, s)
            // Reorder: the second case item moves up.
            h.press("j K")
            let firstItem = try s.workspace.store.meetingBook().agenda(s.meeting).first?.id
            #expect(firstItem == s.items[1])
            // A trend item by form; a wrong time box is refused and keeps the form.
            h.press("t tab")
            h.type("Nieuwe werkwijze politie")
            h.press("tab")
            h.type("Wat betekent dit voor de tafel?")
            h.press("tab tab backspace backspace")
            h.type("500")
            h.press("enter")
            #expect(h.contains("tussen 1 en 120 minuten"))
            for _ in 0..<3 { h.press("backspace") }
            h.type("5")
            h.press("enter")
            #expect(h.contains("Agendapunt toegevoegd") && h.contains("AGENDA · 4 punten"))
            // Sharing needs someone present first.
            h.press("k k k k k")
            h.press("s")
            #expect(h.contains("Leg eerst de aanwezigheid vast"))
            try s.workspace.store.write { tx in _ = try tx.recordAttendance(meeting: s.meeting, organisation: "fier", present: true) }
            h.press("esc")
            Self.openAgenda(h, s)
            h.press("s")
            #expect(h.contains("Herleidbare gegevens delen"))
            h.press("space tab space tab space enter")
            #expect(h.contains("Besluit vastgelegd in het verstrekkingenregister (1 organisaties)"))
            #expect(h.contains("gedeeld met Fier"))
            let file = try s.workspace.store.caseFile(s.cases[1])
            #expect(file.disclosures.values.contains { $0.recipient == "fier" && $0.purpose == "casusoverleg" })
            // Export the participants' agenda: written once, never over an existing file.
            let folder = ShellFixture.temporaryDirectory("meeting-export")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let out = folder.appendingPathComponent("agenda.md")
            h.press("x tab")
            for _ in 0..<40 { h.press("backspace") }
            h.type(out.path)
            h.press("enter")
            #expect(h.contains("Geschreven:") && FileManager.default.fileExists(atPath: out.path))
            let text = try String(contentsOf: out, encoding: .utf8)
            #expect(text.contains(s.workspace.caseCode(s.cases[0])))
            for n in sentinels { #expect(!text.contains(n), "\(n) in the participants' agenda") }
            h.press("x tab")
            for _ in 0..<40 { h.press("backspace") }
            h.type(out.path)
            h.press("enter")
            #expect(h.contains("Bestaat al; kies een andere naam"))
        }

        @Test func proposalAddsCandidatesOneByOne() throws {
            let s = try Self.chairStore()
            defer { s.workspace.close() }
            // A third minor, new since the last meeting, is not on the agenda yet.
            try s.workspace.store.write { tx in
                var rng = SeededRandom(seed: 62)
                let new = NewCase(identity: ClientIdentity(givenNames: "Zqxnew", familyName: "Zqxminor", aliases: [],
                                                           birthDate: .exact(CalendarDate(year: 2012, month: 1, day: 1)!), gender: "vrouw"),
                                  referral: CaseReferral(referrerType: "politie-avim", receivedOn: ShellFixture.today.adding(days: -3)),
                                  coordinator: s.workspace.me, region: "haaglanden", municipality: "den-haag",
                                  openedOn: ShellFixture.today.adding(days: -3), phase: .intake)
                _ = try tx.openCase(new, rng: &rng)
            }
            try s.workspace.reload()
            let h = Harness(size: Size(width: 100, height: 30), install: s.workspace)
            Self.openAgenda(h, s)
            h.press("v")
            #expect(h.contains("Agendavoorstel") && h.contains("nieuwe minderjarige sinds"))
            h.press("enter")
            #expect(h.contains("[✓]"))
            h.press("enter")   // nothing more to take: stays put, says so
            h.press("esc")
            #expect(h.contains("AGENDA · 4 punten"))
        }

        @Test func privacyModeMakesTheAgendaReadOnly() throws {
            let s = try Self.chairStore()
            defer { s.workspace.close() }
            let h = Harness(size: Size(width: 100, height: 30), privacy: true, install: s.workspace)
            Self.openAgenda(h, s)
            assertNoLeak(h, "agenda in privacy mode")
            for key in ["a", "t", "e", "d", "o", "s", "x"] {
                h.press(key)
                #expect(h.contains("alleen te lezen"), "\(key) in privacy mode")
            }
            let before = try s.workspace.store.meetingBook().agenda(s.meeting).count
            h.press("d")
            let after = try s.workspace.store.meetingBook().agenda(s.meeting).count
            #expect(after == before)
        }

        // MARK: privacy in the room

        @Test func projectedMeetingModeShowsNoNamesAndNothingTyped() throws {
            for size in [Size(width: 100, height: 30), Size(width: 80, height: 24)] {
                // A store each: ending the meeting records it as held.
                let s = try Self.chairStore()
                defer { s.workspace.close() }
                try s.workspace.store.write { tx in
                    _ = try tx.recordAttendance(meeting: s.meeting, organisation: "fier", present: true, names: ["\(Self.attendeeSentinel) Jansen"])
                }
                try s.workspace.reload()
                let h = Harness(size: size, install: s.workspace)
                Self.openAgenda(h, s)
                var frozen = Date()
                Self.startMeeting(h, clock: &frozen)
                assertNoLeak(h, "opening at \(size)")
                for step in 0..<4 {
                    h.press("m")
                    h.type("\(Self.typedSentinel) \(Self.clientNames[0].0) notulen")
                    assertNoLeak(h, "typing minutes, step \(step) at \(size)")
                    h.press("enter esc a")
                    h.type("\(Self.typedSentinel) actie")
                    assertNoLeak(h, "typing an action, step \(step) at \(size)")
                    h.press("esc")
                    if case .action? = Self.meetingMode(h)?.typing { h.press("j") }   // discard
                    h.press("o")
                    assertNoLeak(h, "attendance, step \(step) at \(size)")
                    h.press("enter")
                    #expect(h.contains("Namen typen kan niet"))
                    h.press("esc")
                    h.press("i")
                    assertNoLeak(h, "case detail refused, step \(step) at \(size)")
                    h.press("n")
                    assertNoLeak(h, "item \(step) at \(size)")
                }
                // Turning privacy off is refused while the meeting runs.
                h.press("P")
                #expect(h.shell.privacy)
                h.press("q tab enter")
            }
        }

        @Test func followerShowsTheChairsItemDeidentifiedAndFollows() throws {
            let s = try Self.chairStore()
            defer { s.workspace.close() }
            let chair = Harness(size: Size(width: 100, height: 30), install: s.workspace)
            Self.openAgenda(chair, s)
            // The follower: a second shell on the same store, in follower mode.
            let backend = MemoryBackend(size: Size(width: 100, height: 30))
            let follower = Shell(backend: backend, options: Shell.Options(themes: ThemeLoader(directory: ShellFixture.themesDirectory), themeName: "licht",
                                                                           tier: .mono, storeLabel: "volgvenster", isDemo: true, config: ShellConfig()),
                                 unlocker: { _ in s.workspace })
            var options = follower.options
            options.follower = true
            follower.options = options
            follower.install(s.workspace)
            follower.draw()
            #expect(backend.lines.joined().contains("Wachten op de voorzitter"))
            #expect(follower.presentation && follower.privacy)

            var frozen = Date()
            Self.startMeeting(chair, clock: &frozen)
            if case .flow(let f)? = follower.overlay, let flow = f as? FollowerFlow { flow.now = { frozen } }
            chair.press("b")
            #expect(chair.contains("Beamer: volgvenster"), "the follower said it is there")
            chair.press("n")
            follower.tick(); follower.draw()
            var screen = backend.lines.joined(separator: "\n")
            #expect(screen.contains("Punt 1 van 3") && screen.contains(s.workspace.caseCode(s.cases[0])))
            // The question names the client: masked on the follower, in full on the chair's private screen.
            #expect(screen.contains("Hoe houden we ▒▒▒ veilig na school?"))
            #expect(chair.contains("ALLEEN VOOR DE VOORZITTER") && chair.contains(Self.clientNames[0].1))
            chair.press("m")
            chair.type("\(Self.typedSentinel) notulen")
            chair.press("enter esc")
            #expect(chair.contains("\(Self.typedSentinel) notulen"))
            chair.press("n")
            follower.tick(); follower.draw()
            screen = backend.lines.joined(separator: "\n")
            #expect(screen.contains("Punt 2 van 3") && screen.contains(s.workspace.caseCode(s.cases[1])))
            for n in sentinels { #expect(!screen.contains(n), "\(n) on the follower") }
            // Back on the projector: the chair's window hides the private part again.
            chair.press("b")
            #expect(!chair.contains("ALLEEN VOOR DE VOORZITTER"))
            assertNoLeak(chair, "chair back on the projector")
            // The follower goes away: the chair falls back to the safe view by itself.
            chair.press("b")
            s.workspace.store.removeMeetingFollower()
            _ = Self.meetingMode(chair)?.tick()
            chair.shell.draw()
            #expect(chair.contains("Het volgvenster is weg"))
            assertNoLeak(chair, "follower gone")
            chair.press("q tab enter")
            follower.tick(); follower.draw()
            #expect(backend.lines.joined().contains("Wachten op de voorzitter"))
        }

        @Test func safeViewClosesWhatIsPrivateAndEndingNeedsADeliberateChoice() throws {
            let s = try Self.chairStore()
            defer { s.workspace.close() }
            let h = Harness(size: Size(width: 100, height: 30), install: s.workspace)
            Self.openAgenda(h, s)
            var frozen = Date()
            Self.startMeeting(h, clock: &frozen)
            // A follower says it is there; the chair opens the case file of item 1.
            try s.workspace.store.markMeetingFollower()
            h.press("n b i")
            #expect(Self.meetingMode(h)?.caseDetail != nil && h.contains(Self.clientNames[0].1))
            // The follower goes away: the case file closes with the private view.
            s.workspace.store.removeMeetingFollower()
            _ = Self.meetingMode(h)?.tick()
            h.shell.draw()
            #expect(Self.meetingMode(h)?.caseDetail == nil)
            assertNoLeak(h, "after the follower went away")
            // What the chair showed on the projector was for that item only.
            h.press("T")
            #expect(Self.meetingMode(h)?.showTyped == true)
            h.press("n")
            #expect(Self.meetingMode(h)?.showTyped == false)
            // Esc does not end the meeting, nor does a letter typed out of habit in the question.
            h.press("esc")
            #expect(Self.meetingMode(h)?.confirmEnd == nil)
            h.press("q a e j y")
            #expect(Self.meetingMode(h) != nil && !h.shell.isLocked)
            h.press("esc")
            // Turning privacy off is refused, and the refusal is seen over the full-screen meeting.
            for _ in 0..<10 { h.clock.advance(.seconds(5)); h.shell.draw() }   // earlier toasts have gone, one by one
            h.press("P")
            #expect(h.shell.privacy && h.contains("blijft de privacymodus aan"))
            // Ended by mistake: today's meeting can be picked up again.
            h.press("q tab enter")
            #expect(h.shell.isLocked)
            let again = try Workspace(store: try Store.open(at: s.workspace.store.location, passphrase: "demo", clock: FixedClock(ShellFixture.today.date)))
            defer { again.close() }
            h.shell.install(again)
            Self.openAgenda(h, s)
            h.press("M")
            #expect(Self.meetingMode(h) != nil, "a meeting held today can be resumed")
            h.press("q tab enter")
        }

        @Test func beaconIsSealedAndForgeriesAreIgnored() throws {
            let s = try Self.chairStore()
            defer { s.workspace.close() }
            let beacon = MeetingBeacon(meeting: s.meeting, phase: .item, item: s.items[0], position: 1, count: 3, elapsed: 12, running: true,
                                       writtenAt: Date(), revision: 0)
            try s.workspace.store.writeMeetingBeacon(beacon)
            let mode = try FileManager.default.attributesOfItem(atPath: s.workspace.store.location.meetingBeaconURL.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let raw = try Data(contentsOf: s.workspace.store.location.meetingBeaconURL)
            #expect(raw.range(of: Data(s.meeting.uuidString.utf8)) == nil, "ids are sealed")
            #expect(s.workspace.store.readMeetingBeacon() == beacon)
            // A plain JSON beacon (someone steering the projector) is not taken.
            try JSONEncoder().encode(beacon).write(to: s.workspace.store.location.meetingBeaconURL)
            #expect(s.workspace.store.readMeetingBeacon() == nil)
        }

        @Test func autoLockWaitsForALongPauseDuringAMeeting() throws {
            let s = try Self.chairStore()
            defer { s.workspace.close() }
            let h = Harness(size: Size(width: 100, height: 30), autoLock: .seconds(300), install: s.workspace)
            Self.openAgenda(h, s)
            var frozen = Date()
            Self.startMeeting(h, clock: &frozen)
            h.clock.advance(.seconds(20 * 60))
            h.shell.step(timeout: .zero)
            #expect(!h.shell.isLocked, "twenty quiet minutes in a meeting do not lock")
            h.clock.advance(.seconds(11 * 60))
            h.shell.step(timeout: .zero)
            #expect(h.shell.isLocked, "a pause over half an hour does")
            #expect(!FileManager.default.fileExists(atPath: s.workspace.store.location.meetingBeaconURL.path))
        }

        // MARK: goldens

        @Test(arguments: ["licht", "hoog-contrast"])
        func goldenAgendaAndMeetingMode(theme: String) throws {
            for size in [Size(width: 100, height: 30), Size(width: 80, height: 24)] {
                let s = try Self.chairStore()
                defer { s.workspace.close() }
                let tag = "\(size.width)x\(size.height)-\(theme)"
                let h = Harness(size: size, theme: theme, tier: .c256, install: s.workspace)
                Self.openAgenda(h, s)
                h.press("j j")
                Golden.check("meeting-agenda-\(tag)", h.backend)
                var frozen = Date()
                Self.startMeeting(h, clock: &frozen)
                Golden.check("meeting-mode-opening-\(tag)", h.backend)
                h.press("n")
                Self.meetingMode(h)?.now = { frozen.addingTimeInterval(17 * 60) }
                h.shell.draw()
                Golden.check("meeting-mode-item-\(tag)", h.backend)
                h.press("m")
                h.type("Advies: zorg afstemmen")
                Golden.check("meeting-mode-typing-hidden-\(tag)", h.backend)
                h.press("esc q a")
            }
        }
    }
}
