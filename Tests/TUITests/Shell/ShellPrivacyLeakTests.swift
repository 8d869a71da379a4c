import Foundation
import Testing
@testable import Core
@testable import TUI

/// The names privacy mode must never show, and a scanner for rendered screens.
struct NameScanner {
    /// Folded name tokens (4+ letters) that must never appear on a privacy screen.
    let tokens: Set<String>
    /// Name tokens that are also ordinary words (UI strings, reference data, demo texts):
    /// they may appear legitimately, so they are not checked.
    let skipped: [String]

    static func words(_ text: String) -> [String] {
        var out: [String] = [], current = ""
        for c in text {
            if c.isLetter || c.isNumber { current.append(c) } else if !current.isEmpty { out.append(current); current = "" }
        }
        if !current.isEmpty { out.append(current) }
        return out
    }

    static func fold(_ s: String) -> String { NameMasker.fold(s) }

    /// Every word of the non-personal text the app can show.
    static let vocabulary: Set<String> = {
        var texts: [String] = []
        let resources = ShellFixture.repoRoot.appendingPathComponent("Sources/Core/Resources")
        for file in ["strings/nl.json", "strings/en.json", "reference/countries.json", "reference/languages.json",
                     "reference/regions.json", "reference/vocabularies.json"] {
            if let s = try? String(contentsOf: resources.appendingPathComponent(file), encoding: .utf8) { texts.append(s) }
        }
        texts += DemoTexts.notes + DemoTexts.actions + DemoTexts.roles + DemoTexts.agreements + DemoTexts.goals
        texts += DemoTexts.questions + DemoTexts.minutes
        texts += DemoTexts.trends.map(\.1)
        texts += FingerprintWords.list   // device fingerprints: fixed nouns, some of them also names ("roos")
        texts += ThemeLoader(directory: ShellFixture.themesDirectory).availableThemes()
        return Set(texts.flatMap(words).map(fold))
    }()

    init(names: [String]) {
        var t = Set<String>(), skip = Set<String>()
        for name in names {
            for w in Self.words(name) {
                let f = Self.fold(w)
                guard f.count >= 4 else { continue }
                if Self.vocabulary.contains(f) { skip.insert(f) } else { t.insert(f) }
            }
        }
        tokens = t
        skipped = skip.sorted()
    }

    /// Every person's name the workspace knows (clients, aliases, maatjes, users,
    /// organisation contacts, meeting attendees, care-network contacts of active cases,
    /// referral contacts) plus the sentinels.
    static let forFixture: NameScanner = {
        let ws = ShellFixture.shared.workspace
        var names = ws.summaries.flatMap { [$0.givenNames, $0.familyName] + $0.aliases }
        names += ws.maatjes.map(\.profile.name) + ws.users.values.map(\.name)
        names += ((try? ws.store.records(ContactRecord.self)) ?? []).map(\.value.name)
        names += ((try? ws.store.records(AttendanceRecord.self)) ?? []).flatMap(\.value.names)
        for s in ws.summaries where s.phase.isActive {
            guard let file = try? ws.store.caseFile(s.id) else { continue }
            names += file.careNetwork.values.compactMap(\.contactName)
            names += [file.referral?.contactName].compactMap { $0 }
        }
        names += ShellFixture.sentinels
        return NameScanner(names: names)
    }()

    /// Names found on the screen: whole words, words cut off by "…", and the sentinel stem anywhere.
    func leaks(in lines: [String]) -> [String] {
        var found: [String] = []
        for line in lines {
            if line.lowercased().contains("zqxsent") { found.append("sentinel in: \(line)") }
            let ws = Self.words(line)
            for w in ws where tokens.contains(Self.fold(w)) { found.append("\(w) in: \(line)") }
            // A name clipped with an ellipsis still leaks its first letters.
            for part in line.components(separatedBy: "…").dropLast() {
                guard let last = Self.words(part).last, part.hasSuffix(last), last.count >= 5 else { continue }
                let f = Self.fold(last)
                if !Self.vocabulary.contains(where: { $0.hasPrefix(f) }), tokens.contains(where: { $0.hasPrefix(f) }) {
                    found.append("\(last)… in: \(line)")
                }
            }
        }
        return found
    }
}

extension ShellSuite {
    @Suite struct PrivacyLeak {
        let scanner = NameScanner.forFixture
        static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]

        func assertNoLeak(_ h: Harness, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let leaks = scanner.leaks(in: h.lines)
            #expect(leaks.isEmpty, "\(what): \(leaks.prefix(5).joined(separator: " | "))", sourceLocation: sourceLocation)
        }

        @Test func theScannerKnowsTheNamesAndReportsTheSkippedOnes() {
            #expect(scanner.tokens.contains("zqxsentgiven") && scanner.tokens.contains("zqxsentalias"))
            #expect(scanner.tokens.count > 300)
            // Name tokens that are also ordinary words or place names are not checked.
            print("privacy-leak scanner: \(scanner.tokens.count) name tokens; skipped as ordinary words: \(scanner.skipped)")
        }

        /// Without privacy the same scanner finds the sentinel: the test can fail.
        @Test func withPrivacyOffTheSentinelIsVisible() {
            let h = Harness()
            #expect(h.contains(ShellFixture.sentinelGiven))
            #expect(!scanner.leaks(in: h.lines).isEmpty)
            h.shell.openCase(ShellFixture.shared.sentinelID)
            h.shell.draw()
            #expect(h.contains(ShellFixture.sentinelAlias))
        }

        @Test func everyPaneScrolledToTheEnd() {
            for size in Self.sizes {
                let h = Harness(size: size, privacy: true)
                for pane in PaneID.allCases {
                    h.press("\(pane.number)")
                    assertNoLeak(h, "\(pane) at \(size)")
                    if pane == .inzicht {
                        // Every view: figures, team (coordinators by function), retention, the disclosure register.
                        h.eachInsightView { view in
                            assertNoLeak(h, "inzicht \(view) at \(size)")
                            h.press("G")
                            assertNoLeak(h, "inzicht \(view) at the end, \(size)")
                        }
                        continue
                    }
                    var previous = -1
                    while h.grid(pane).table.selectedIndex != previous {
                        previous = h.grid(pane).table.selectedIndex ?? -1
                        h.press("pgdn")
                        assertNoLeak(h, "\(pane) at \(size), row \(previous)")
                    }
                    #expect(h.grid(pane).table.selectedIndex == h.grid(pane).visibleCount - 1)
                    if pane == .caseload {
                        for _ in 0..<2 {
                            h.press("v G")
                            assertNoLeak(h, "caseload \(h.caseload.view) at \(size)")
                        }
                    }
                }
            }
        }

        @Test func helpAndPaletteWithQueries() {
            let h = Harness(size: Size(width: 80, height: 24), privacy: true)
            h.press("?")
            for _ in 0..<20 { assertNoLeak(h, "help"); h.press("pgdn") }
            h.press("esc :")
            assertNoLeak(h, "palette")
            for query in ["pri", ShellFixture.sentinelGiven, ShellFixture.shared.otherClientName, "zoek"] {
                h.press("esc :")
                h.type(query)
                assertNoLeak(h, "palette '\(query)'")
            }
            h.press("esc")
        }

        @Test func caseDetailOfEveryCaseInTheTeamViewAndOfTheSentinel() {
            let h = Harness(size: Size(width: 80, height: 24), privacy: true)
            h.press("3 v v")
            #expect(h.caseload.view == .team)
            let ids = h.caseload.grid.table.rows.map(\.id)
            #expect(ids.count > 50)
            var opened = 0
            for id in ids {
                h.caseload.grid.table.select(id: id)
                h.press("enter")
                guard case .flow(let flow)? = h.shell.overlay, flow is CaseDetail else { Issue.record("no detail for \(id)"); continue }
                opened += 1
                // Every tab, and the first line of each opened (a note's whole text, a history).
                for tab in DetailTab.allCases {
                    assertNoLeak(h, "detail \(id) \(tab)")
                    h.press("pgdn")
                    assertNoLeak(h, "detail \(id) \(tab) scrolled")
                    h.press("g enter")
                    assertNoLeak(h, "detail \(id) \(tab) opened line")
                    h.press("esc h")
                    assertNoLeak(h, "detail \(id) \(tab) history")
                    h.press("esc right")
                    _ = tab
                }
                h.press("esc")
            }
            #expect(opened == ids.count)
            // The sentinel case: its note names another client and the alias; both are masked.
            h.shell.openCase(ShellFixture.shared.sentinelID)
            h.shell.draw()
            guard case .flow(let flow)? = h.shell.overlay, flow is CaseDetail else { Issue.record("no sentinel detail"); return }
            #expect(flow.title.hasPrefix(ShellFixture.shared.sentinelCode))
            // Name particles are not names: "Den Haag" stays readable.
            #expect(h.contains("Den Haag"))
            assertNoLeak(h, "sentinel detail")
            h.press("right")
            #expect(h.contains("Gesprek met ▒▒▒ ▒▒▒ over ▒▒▒"))
            for size in Self.sizes {
                h.backend.resize(to: size)
                h.drain()
                for _ in 0..<4 { assertNoLeak(h, "sentinel detail at \(size)"); h.press("pgdn") }
            }
        }

        @Test func agendaOfEveryMeeting() {
            let h = Harness(size: Size(width: 120, height: 40), privacy: true)
            h.press("2")
            let ids = h.meetings.grid.table.rows.map(\.id)
            #expect(ids.count >= 18)
            for id in ids {
                h.meetings.grid.table.select(id: id)
                h.press("enter")
                guard case .flow(let flow)? = h.shell.overlay, let agenda = flow as? AgendaFlow else { Issue.record("no agenda for \(id)"); continue }
                // Every line of the agenda, with the selected item's question and details below it.
                for _ in 0..<(agenda.rows.count + 1) { assertNoLeak(h, "agenda \(id)"); h.press("j") }
                h.press("esc")
            }
        }

        @Test func toastsAndSearchAndFilterEcho() {
            let h = Harness(size: Size(width: 80, height: 24), privacy: true)
            // Toasts of the commands that post one, while they show.
            for script in ["L", "L", "L", "ctrl-r", "T", "T", "T", "T"] {
                h.press(script)
                #expect(h.shell.toasts.current(at: h.clock.instant) != nil)
                assertNoLeak(h, "toast after \(script)")
            }
            // A message that carries a name (an error from below, say) is masked too.
            for (message, kind) in [("Kon \(ShellFixture.sentinelGiven) \(ShellFixture.shared.otherClientName) niet opslaan", Toast.Kind.error),
                                    ("Opnieuw: \(ShellFixture.sentinelAlias)", .warning)] {
                h.shell.toasts = ToastQueue()
                h.shell.post(message, kind: kind)
                h.shell.draw()
                #expect(h.contains("▒▒▒"))
                assertNoLeak(h, "toast with names")
            }
            h.shell.toasts = ToastQueue()
            // The search and filter echo after typing a sentinel name.
            for pane in PaneID.allCases {
                h.press("\(pane.number)")
                // Inzicht searches in its logs: the disclosure register.
                if let insight = h.shell.panes[pane] as? InsightPane { while !insight.view.isLog { h.press("v") } }
                h.press("/")
                h.type(ShellFixture.sentinelGiven)
                #expect(h.contains("Zoek: ••••"))
                assertNoLeak(h, "search echo in \(pane)")
                h.press("enter f")
                h.type(ShellFixture.sentinelFamily)
                assertNoLeak(h, "filter echo in \(pane)")
                h.press("enter")
                #expect(h.contains("Filter: ••••"))
                assertNoLeak(h, "filter line in \(pane)")
                h.press("esc")
            }
        }

        @Test func everyLayoutAndZoomAtBothSizes() {
            for size in Self.sizes {
                let h = Harness(size: size, privacy: true)
                for pane in PaneID.allCases {
                    h.press("\(pane.number)")
                    for _ in LayoutName.allCases {
                        h.press("L")
                        assertNoLeak(h, "\(h.shell.layout) \(pane) at \(size)")
                        h.press("z")
                        assertNoLeak(h, "\(h.shell.layout) zoomed \(pane) at \(size)")
                        h.press("z")
                    }
                }
                h.press("f5")
                assertNoLeak(h, "presentation at \(size)")
            }
        }

        /// A whole note or a field history shown unmasked goes away when privacy mode turns on.
        @Test func turningPrivacyOnClearsAShownNoteAndHistory() {
            let h = Harness(size: Size(width: 120, height: 40))
            h.shell.openCase(ShellFixture.shared.sentinelID)
            h.press("right")
            h.press("G enter")
            #expect(h.contains(ShellFixture.sentinelAlias))
            h.press("P")
            assertNoLeak(h, "note shown, then P")
            h.press("P left h")
            #expect(h.contains("Historie"))
            h.press("P")
            assertNoLeak(h, "history shown, then P")
            h.press("esc")
        }

        /// Turning privacy on with a case open masks the detail at once: names never stay on screen.
        @Test func turningPrivacyOnMasksAnOpenDetail() {
            let h = Harness(size: Size(width: 80, height: 24))
            h.shell.openCase(ShellFixture.shared.sentinelID)
            h.shell.draw()
            #expect(h.contains(ShellFixture.sentinelGiven))
            h.press("P")
            #expect(h.shell.privacy && h.shell.overlay != nil)
            assertNoLeak(h, "after P in detail")
            h.press("right")
            assertNoLeak(h, "after P in detail, timeline")
            h.press("esc 3 P P")
            #expect(h.shell.privacy)
            assertNoLeak(h, "after P P")
        }
    }
}
