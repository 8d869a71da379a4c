import Foundation
import Testing
@testable import Core
@testable import TUI

extension ShellSuite {
    /// The caseload issue through the keyboard: the worklist, the case detail and its forms,
    /// absence, on stores of their own (the shared demo workspace stays untouched).
    @Suite struct CaseloadSessions {
        /// A small store: me, a colleague as backup, two cases of mine.
        static func smallStore() throws -> (Workspace, [UUID], UUID) {
            let today = ShellFixture.today
            let store = try Store.create(at: StoreLocation(directory: ShellFixture.temporaryDirectory("caseload")), passphrase: "demo",
                                         options: .init(role: .zorgcoordinator, userName: "Zqxme Coördinator", function: "Zorgcoördinator mensenhandel",
                                                        organisation: "shop", kdf: .testOnlyCheap, isDemo: true),
                                         clock: FixedClock(today.date))
            let colleague = UUID()
            var ids: [UUID] = []
            try store.write { tx in
                try tx.put(UserRecord(name: "Noor Achtervang", role: .zorgcoordinator, function: "Zorgcoördinator mensenhandel", organisation: "shop"), entity: colleague)
                var rng = SeededRandom(seed: 9)
                for (given, family) in [("Łucja", "Wiśniewska"), ("Amina", "Haddad")] {
                    let new = NewCase(identity: ClientIdentity(givenNames: given, familyName: family, aliases: [],
                                                               birthDate: .exact(CalendarDate(year: 1998, month: 2, day: 3)!), gender: "vrouw"),
                                      referral: CaseReferral(referrerType: "politie-avim", receivedOn: today.adding(days: -40)),
                                      coordinator: store.userID, backup: colleague, region: "haaglanden", municipality: "den-haag",
                                      openedOn: today.adding(days: -40), phase: .intake)
                    ids.append(try tx.openCase(new, rng: &rng).id)
                }
            }
            return (try Workspace(store: store), ids, colleague)
        }

        func detail(_ h: Harness) -> CaseDetail? {
            if case .flow(let f)? = h.shell.overlay { return f as? CaseDetail }
            return nil
        }

        @Test func scriptedSessionLogContactNetworkRejectedPlacementAndAbsence() throws {
            let (ws, ids, colleague) = try Self.smallStore()
            defer { ws.close() }
            let h = Harness(size: Size(width: 120, height: 40), install: ws)
            h.shell.focus(.caseload)
            h.shell.draw()
            #expect(h.contains("Mijn casussen · 2 casussen"))
            h.shell.openCase(ids[0])
            h.drain()
            #expect(detail(h) != nil)
            #expect(h.contains("[Overzicht]"))

            // Actions with and without a date sort without trouble.
            try ws.store.write { tx in
                try tx.addItem(ids[0], CaseAction(title: "Zonder datum", owner: "shop", due: nil))
                try tx.addItem(ids[0], CaseAction(title: "Met datum", owner: "shop", due: ShellFixture.today.adding(days: 3)))
                try tx.addItem(ids[0], CaseAction(title: "Ook zonder", owner: "shop", due: nil))
            }
            try detail(h)?.refresh()
            h.press("right right right")
            #expect(h.contains("Met datum") && h.contains("Zonder datum"))
            h.press("left left left")

            // 1. Log a contact: c, the kind defaults to contact and the date to today.
            h.press("c tab tab")
            h.type("Gebeld; afspraak bij de huisarts gemaakt.")
            h.press("enter")
            #expect(h.contains("Vastgelegd: Contact met cliënt."))
            var file = try ws.store.caseFile(ids[0])
            #expect(file.notes.values.contains { $0.kind == "contact" && $0.on == ShellFixture.today && $0.text.hasPrefix("Gebeld") })

            // A mistaken Esc on a filled-in form asks first; "n" keeps the form and its text.
            h.press("c tab tab")
            h.type("Nog niet bewaren")
            h.press("esc")
            #expect(h.contains("Wijzigingen weggooien?"))
            h.press("n")
            #expect(h.contains("Nog niet bewaren"))
            h.press("esc j")
            #expect(!h.contains("Nog niet bewaren"))
            #expect(h.contains("[Overzicht]"))

            // 2. Add a care-network member: tab Netwerk, a, choose the organisation, role, agreement.
            h.press("right right")
            #expect(h.contains("[Netwerk]"))
            h.press("a right tab")
            h.type("Huisarts")
            h.press("tab tab tab")
            h.type("Eerste onderzoek binnen een week")
            h.press("enter")
            file = try ws.store.caseFile(ids[0])
            let entry = try #require(file.careNetwork.values.first)
            #expect(entry.role == "Huisarts" && entry.agreement == "Eerste onderzoek binnen een week" && entry.active)
            #expect(h.contains("Huisarts"))

            // 3. Record a rejected placement: tab Plaatsingen, a; rejected is the default outcome.
            h.press("right right")
            #expect(h.contains("[Plaatsingen]"))
            h.press("a tab right right right tab right tab tab right")
            h.press("enter")
            file = try ws.store.caseFile(ids[0])
            let attempt = try #require(file.placementAttempts.values.first)
            #expect(!attempt.accepted && attempt.rejectionReason != nil)
            #expect(file.onwardCare?.isWaiting == true)
            #expect(h.contains("Afwijzing door"))

            // The history of the wait shows who recorded it.
            h.press("g h")
            #expect(h.contains("Historie: Vervolgzorg"))
            #expect(h.contains("Zqxme Coördinator"))
            h.press("esc esc")
            #expect(h.shell.overlay == nil)   // closed; the workspace was reloaded
            #expect(ws.byID[ids[0]]?.onwardCareSince == attempt.on)

            // 4. Hand over for an absence: A opens the form (no absence running), Enter starts it.
            h.press("A")
            #expect(h.contains("Nieuwe afwezigheid"))
            h.press("tab tab")
            h.type("06-12-2026")
            h.press("enter")
            // First it says what will happen; Enter again does it.
            #expect(h.contains("2 actieve casussen van Zqxme Coördinator gaan van"))
            #expect(ws.holder.holder(ws.byID[ids[0]]!) != colleague)
            h.press("enter")
            // Toasts show one at a time: the detail's "bijgewerkt" first.
            h.clock.advance(.seconds(30)); h.drain()
            #expect(h.contains("2 casussen van Zqxme Coördinator overgedragen"))
            #expect(ws.holder.holder(ws.byID[ids[0]]!) == colleague)
            #expect(h.contains("Mijn casussen · 0 casussen"))
            let handover = try ws.store.caseFile(ids[1]).notes.values.filter { $0.kind == "overdracht" }
            #expect(handover.count == 1 && handover[0].text.contains("Noor Achtervang"))

            // And back: A lists the running absence; Enter, then j(a).
            h.press("A enter j")
            h.clock.advance(.seconds(30)); h.drain()
            #expect(h.contains("2 casussen teruggegeven"))
            #expect(h.contains("Mijn casussen · 2 casussen"))
            #expect(try ws.store.check().ok)
        }

        /// Enter on a placement records its end; an end before the start is refused and the form stays.
        @Test func placementEndIsRecordedAndAnEndBeforeTheStartRefused() throws {
            let (ws, ids, _) = try Self.smallStore()
            defer { ws.close() }
            let start = ShellFixture.today.adding(days: -10)
            try ws.store.write { tx in
                try tx.recordPlacementAttempt(ids[0], PlacementAttempt(on: start, shelterType: "omm", organisation: "shop", accepted: true))
            }
            let h = Harness(size: Size(width: 120, height: 40), install: ws)
            h.shell.openCase(ids[0])
            h.press("right right right right")
            #expect(h.contains("[Plaatsingen]"))
            let placementRow = try #require(detail(h)?.rows.firstIndex { if case .placement = $0.target { return true } else { return false } })
            detail(h)?.selected[.plaatsingen] = placementRow
            h.press("enter tab")
            h.type(start.adding(days: -1).dutch)
            h.press("enter")
            #expect(h.contains(L10n.t("validation.endBeforeStart")))
            #expect(try ws.store.caseFile(ids[0]).placements.values.first?.until == nil)
            for _ in 0..<10 { h.press("backspace") }
            h.type(ShellFixture.today.dutch)
            h.press("enter")
            #expect(h.contains(L10n.t("detail.done.saved")))
            #expect(try ws.store.caseFile(ids[0]).placements.values.first?.until == ShellFixture.today)
        }

        @Test func worklistViewAndThresholdsFromConfig() throws {
            let (ws, ids, _) = try Self.smallStore()
            defer { ws.close() }
            try ws.store.write { tx in
                try tx.logNote(ids[0], kind: "contact", text: "x", on: ShellFixture.today.adding(days: -25))
                try tx.logNote(ids[1], kind: "contact", text: "x", on: ShellFixture.today.adding(days: -2))
                try tx.addItem(ids[1], CaseAction(title: "Bellen", owner: "shop", due: ShellFixture.today.adding(days: -1)))
            }
            try ws.reload()
            let h = Harness(size: Size(width: 120, height: 40), install: ws)
            h.shell.focus(.caseload)
            h.press("w")
            #expect(h.contains("Werklijst · Mijn casussen · 2 casussen"))
            let rows = h.caseload.grid.table.rows.map(\.id)
            #expect(rows == [ids[1].uuidString, ids[0].uuidString])   // overdue action before no contact
            #expect(h.contains("! actie te laat (1 d)"))
            // With a higher no-contact threshold from the config only the overdue action remains.
            let config = ShellConfig.parse("aandacht.geen-contact-dagen = 30\naandacht.comensha-dagen = 60")
            #expect(config.problems.isEmpty)
            let h2 = Harness(size: Size(width: 120, height: 40), config: config, install: ws)
            h2.shell.focus(.caseload)
            h2.press("w")
            #expect(h2.contains("Werklijst · Mijn casussen · 1 casussen"))
            #expect(ShellConfig.parse("aandacht.geen-contact-dagen = nooit").problems.count == 1)
        }

        @Test func privacyModeShowsTheDetailMaskedAndRefusesForms() throws {
            let h = Harness(size: Size(width: 120, height: 40), privacy: true)
            h.shell.openCase(ShellFixture.shared.sentinelID)
            h.drain()
            #expect(detail(h) != nil)
            for s in ShellFixture.sentinels { #expect(!h.text.contains(s), "\(s)") }
            h.press("c")
            #expect(h.contains("privacymodus"))
            #expect(detail(h)?.editor == nil)
            h.press("right")
            for s in ShellFixture.sentinels { #expect(!h.text.contains(s), "\(s)") }
            h.press("enter")
            for s in ShellFixture.sentinels { #expect(!h.text.contains(s), "\(s)") }
        }
    }

    @Suite struct CaseloadGoldens {
        @Test func worklistAndDetailTabs() {
            for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
                for (theme, tier) in [("mono", ColorTier.mono), ("standaard", ColorTier.c256)] {
                    for privacy in [false, true] {
                        let h = Harness(size: size, theme: theme, tier: tier, privacy: privacy)
                        h.shell.focus(.caseload)
                        h.press("w")
                        Golden.check("worklist-\(size.width)x\(size.height)-\(theme)-privacy-\(privacy ? "on" : "off")", h.backend)
                    }
                }
            }
            for privacy in [false, true] {
                let h = Harness(size: Size(width: 120, height: 40), privacy: privacy)
                h.shell.openCase(ShellFixture.shared.sentinelID)
                h.drain()
                for tab in DetailTab.allCases {
                    Golden.check("detail-\(tab.rawValue)-120x40-mono-privacy-\(privacy ? "on" : "off")", h.backend)
                    h.press("right")
                }
            }
            let h = Harness(size: Size(width: 80, height: 24))
            h.shell.openCase(ShellFixture.shared.sentinelID)
            h.drain()
            Golden.check("detail-overzicht-80x24-mono-privacy-off", h.backend)
            h.press("esc")
            h.shell.focus(.caseload)
            h.press("l")
            Golden.check("workload-80x24-mono", h.backend)
            let w = Harness(size: Size(width: 120, height: 40), theme: "standaard", tier: .c256)
            w.shell.focus(.caseload)
            w.press("l")
            Golden.check("workload-120x40-standaard", w.backend)
        }
    }
}
