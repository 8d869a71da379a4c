import Foundation
import Testing
@testable import Core
@testable import TUI

extension ShellSuite {
    /// The maatjes issue through the keyboard on a store of its own: a request from a case,
    /// ranked candidates with explanations, a proposal, kennismaking and actief, checked in
    /// the store. Plus the pane's views as golden screens on the shared demo workspace.
    @Suite struct MaatjesSessions {
        static let today = ShellFixture.today

        /// A coordinator's store: one case (Arabic-speaking client) and two social buddies, one
        /// speaking Arabic.
        static func smallStore() throws -> (Workspace, UUID, arabic: UUID, other: UUID) {
            let store = try Store.create(at: StoreLocation(directory: ShellFixture.temporaryDirectory("maatjes")), passphrase: "demo",
                                         options: .init(role: .zorgcoordinator, userName: "Zqxme Coördinator", function: "Zorgcoördinator mensenhandel",
                                                        organisation: "shop", kdf: .testOnlyCheap, isDemo: true),
                                         clock: FixedClock(today.date))
            var rng = SeededRandom(seed: 11)
            let caseID = try store.write { tx in
                try tx.openCase(NewCase(identity: ClientIdentity(givenNames: "Amina", familyName: "Haddad", aliases: [],
                                                                 birthDate: .exact(CalendarDate(year: 1998, month: 2, day: 3)!), gender: "vrouw"),
                                        origin: ClientOrigin(nationalities: ["SY"], languages: ["ar"]),
                                        referral: CaseReferral(referrerType: "politie-avim", receivedOn: today.adding(days: -40)),
                                        coordinator: store.userID, backup: nil, region: "haaglanden", municipality: "den-haag",
                                        openedOn: today.adding(days: -40), phase: .intake), rng: &rng).id
            }
            func buddy(_ name: String, _ languages: [String]) throws -> UUID {
                try store.write { tx in
                    try tx.saveMaatje(profile: MaatjeProfile(name: name, maatjeType: "sociaal", organisation: "stek", languages: languages, gender: "vrouw",
                                                             birthYear: 1985, municipality: "den-haag"),
                                      availability: MaatjeAvailability(dayParts: ["ma-avond", "za-ochtend"], capacity: 2),
                                      screening: MaatjeScreening(vogDate: today.adding(days: -200), trainings: []))
                }
            }
            let arabic = try buddy("Fatima El Amrani", ["nl", "ar"])
            let other = try buddy("Sanne de Vries", ["nl"])
            return (try Workspace(store: store), caseID, arabic, other)
        }

        func flow<T>(_ h: Harness, _ type: T.Type) -> T? {
            if case .flow(let f)? = h.shell.overlay { return f as? T }
            return nil
        }

        @Test func scriptedSessionFromRequestToActiveMatch() throws {
            let (ws, caseID, arabic, other) = try Self.smallStore()
            defer { ws.close() }
            let h = Harness(size: Size(width: 120, height: 40), install: ws)
            let code = ws.caseCode(caseID)

            // 1. The case's coordinator asks for a social buddy; the language (suggested from
            //    the case: Arabic) becomes a requirement.
            h.shell.startFlow { try MatchRequestFlow(workspace: $0, caseID: caseID) }
            h.drain()
            #expect(flow(h, MatchRequestFlow.self) != nil)
            #expect(h.contains("Maatje aanvragen voor \(code)"))
            #expect(h.contains("Arabisch"))
            // The call name is shared only when typed (it is empty by default).
            h.press("right tab tab right tab tab tab tab tab tab tab tab")
            h.type("Amina")
            h.press("enter")
            #expect(h.shell.overlay == nil)
            let requests = try ws.store.matchRequests()
            #expect(requests.count == 1)
            let request = try #require(requests.first)
            #expect(request.record.maatjeType == "sociaal" && request.record.language == "ar" && request.record.languageHard)
            #expect(request.record.callName == "Amina" && request.record.clientBirthYear == 1998)

            // 2. The waiting list shows it; Enter ranks the candidates with reasons.
            h.shell.focus(.maatjes)
            h.press("v")
            #expect(h.contains("Wachtlijst · 1"))
            #expect(h.contains(code))
            h.press("enter")
            #expect(flow(h, CandidatesFlow.self) != nil)
            #expect(h.contains("1 geschikt · 1 niet geschikt"))
            #expect(h.contains("Fatima El Amrani"))
            #expect(h.contains("spreekt Arabisch"))
            #expect(!h.contains("Sanne de Vries"))
            Golden.check("maatjes-candidates-120x40-mono-privacy-off", h.backend)
            // i shows the ineligible buddy and why; it cannot be proposed.
            h.press("i down")
            #expect(h.contains("Sanne de Vries"))
            #expect(h.contains("spreekt geen Arabisch"))
            h.press("enter")
            #expect(h.contains("Kan niet"))
            #expect(try ws.store.records(MatchRecord.self).isEmpty)

            // 3. Propose the eligible one (after a confirmation).
            h.press("up enter")
            #expect(h.contains("Koppeling voorstellen"))
            h.press("j")
            #expect(h.shell.overlay == nil)
            var matches = try ws.store.records(MatchRecord.self)
            #expect(matches.count == 1 && matches[0].value.maatje == arabic && matches[0].value.status == "voorgesteld" && matches[0].value.proposedOn == Self.today)
            #expect(matches[0].value.maatje != other)
            #expect(h.contains("Wachtlijst · 0"))

            // 4. Matches view: kennismaking, then actief, each with today's date.
            h.press("v")
            #expect(h.contains("Koppelingen · 1"))
            h.press("enter")
            #expect(flow(h, MatchFlow.self) != nil)
            #expect(h.contains("Roepnaam: Amina"))
            #expect(!h.contains("Haddad"))
            h.press("n")
            #expect(h.contains("Koppeling: kennismaking"))
            h.press("enter")
            h.press("enter n enter")
            matches = try ws.store.records(MatchRecord.self)
            let m = matches[0].value
            #expect(m.status == "actief" && m.introductionOn == Self.today && m.activeOn == Self.today)
            #expect(try ws.store.caseFile(caseID).matchRequests[request.id]?.status == "gekoppeld")
            #expect(h.contains("actief"))
            #expect(h.contains(Self.today.adding(days: 42).dutch))

            // A match flow with a step form open is freed when it goes (the form's action held
            // the flow, which holds the form: found by LeakSanitizer).
            weak var gone: MatchFlow?
            do {
                let f = try MatchFlow(workspace: ws, matchID: matches[0].id)
                _ = f.handle(.key(.char("n")), area: Rect(x: 0, y: 0, width: 100, height: 30))
                #expect(f.editor != nil)
                gone = f
            }
            #expect(gone == nil)
        }

        /// A running match whose buddy's VOG expired, or who paused or stopped, says so in its row.
        @Test func runningMatchesFlagBuddiesWithoutValidScreeningOrWhoStopped() {
            let ws = ShellFixture.shared.workspace
            let rows = Dictionary(uniqueKeysWithValues: MaatjesPane.matchRows(ws, privacy: true).map { ($0.id, $0.cells[3].text) })
            var flagged = 0
            for (id, m) in ws.matchRecords {
                let buddy = ws.maatje(m.maatje)
                let expired = buddy?.screening?.vogDate.map { $0.adding(years: 3) <= ws.today } ?? true
                let problem = MatchLifecycle.open.contains(m.status) && buddy != nil && (expired || buddy?.profile.status != "actief")
                #expect((rows[id.uuidString]?.contains(" · ! ") ?? false) == problem, "\(m.status) \(String(describing: buddy?.profile.status))")
                if problem { flagged += 1 }
            }
            #expect(flagged > 0, "the demo has running matches with an expired VOG or a stopped buddy")
        }

        @Test func buddyFormValidatesAndAMistakenEscLosesNothing() throws {
            let (ws, _, _, _) = try Self.smallStore()
            defer { ws.close() }
            let h = Harness(size: Size(width: 120, height: 40), install: ws)
            h.shell.focus(.maatjes)
            h.press("a")
            #expect(flow(h, BuddyFlow.self) != nil)
            h.type("Zqxnieuw Maatje")
            h.press("esc")
            #expect(h.text.lowercased().contains("weggooien") || h.text.lowercased().contains("verwerpen"))
            h.press("n")
            #expect(h.contains("Zqxnieuw Maatje"))
            // An unknown language is refused with a message; the form keeps what was typed.
            h.press("tab tab tab")
            h.press("ctrl-u")
            h.type("klingon")
            h.press("enter")
            #expect(h.contains("Onbekende taal"))
            #expect(h.contains("Zqxnieuw Maatje"))
            #expect(ws.maatjes.count == 2)
        }

        @Test func privacyModeOnlyShowsProposalAndAllViewsByReference() throws {
            let (ws, caseID, arabic, other) = try Self.smallStore()
            defer { ws.close() }
            try ws.store.write { tx in
                _ = try tx.createMatchRequest(caseID, MatchRequestRecord(maatjeType: "sociaal", waitingSince: Self.today, callName: "Amina"))
            }
            try ws.reload()
            let h = Harness(size: Size(width: 120, height: 40), privacy: true, install: ws)
            h.shell.focus(.maatjes)
            h.shell.draw()
            for _ in 0..<3 {
                #expect(!h.contains("Fatima") && !h.contains("Amina") && !h.contains("Haddad"))
                h.press("v")
            }
            // The whole waiting list: a proposal, accepted line by line.
            h.press("t")
            #expect(flow(h, ProposalFlow.self) != nil)
            #expect(h.contains("Voorstel: 1 koppelingen · 0 zonder maatje · 0 geaccepteerd"))
            let proposed = try #require(flow(h, ProposalFlow.self)?.proposal.lines.first?.buddy)
            #expect([arabic, other].contains(proposed))
            #expect(h.contains(String(proposed.uuidString.prefix(8))))
            #expect(!h.contains("Fatima") && !h.contains("Sanne") && !h.contains("Amina"))
            #expect(try ws.store.records(MatchRecord.self).isEmpty, "nothing is applied before a line is accepted")
            h.press("enter")
            #expect(try ws.store.records(MatchRecord.self).count == 1)
            #expect(h.contains("1 geaccepteerd"))
            // Forms are not available in privacy mode.
            h.press("esc")
            h.press("a")
            #expect(h.shell.overlay == nil)
        }

        @Test(arguments: [MaatjesPane.View.requests, .matches])
        func viewsAtBothSizesInBothThemesWithAndWithoutPrivacy(view: MaatjesPane.View) {
            for size in GoldenScreens.sizes {
                for (theme, tier) in GoldenScreens.themes {
                    for privacy in [false, true] {
                        let h = Harness(size: size, theme: theme, tier: tier, privacy: privacy)
                        h.shell.focus(.maatjes)
                        (h.shell.panes[.maatjes] as! MaatjesPane).setView(view)
                        h.shell.draw()
                        Golden.check("maatjes-\(view.rawValue)-\(GoldenScreens.tag(size, theme))-privacy-\(privacy ? "on" : "off")", h.backend)
                        if privacy {
                            let ws = ShellFixture.shared.workspace
                            let names = ws.maatjes.map(\.profile.name) + ws.matchRequests.compactMap(\.record.callName).filter { $0.count > 3 }
                            let leaked = names.filter { n in h.lines.contains { $0.contains(n) } }
                            #expect(leaked.isEmpty, "privacy leak in \(view): \(leaked)")
                        }
                        (h.shell.panes[.maatjes] as! MaatjesPane).setView(.buddies)
                    }
                }
            }
        }

        @Test func candidatesOfTheDemoWaitingListAsGoldenScreens() throws {
            for privacy in [false, true] {
                let h = Harness(size: Size(width: 120, height: 40), privacy: privacy)
                h.shell.focus(.maatjes)
                (h.shell.panes[.maatjes] as! MaatjesPane).setView(.requests)
                h.shell.draw()
                h.press("enter")
                #expect(flow(h, CandidatesFlow.self) != nil)
                Golden.check("maatjes-demo-candidates-120x40-mono-privacy-\(privacy ? "on" : "off")", h.backend)
                h.press("esc")
                (h.shell.panes[.maatjes] as! MaatjesPane).setView(.buddies)
            }
        }
    }
}
