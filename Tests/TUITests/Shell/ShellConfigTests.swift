import Foundation
import Testing
@testable import Core
@testable import TUI

extension ShellSuite {
    @Suite struct Config {
        @Test func goodLinesAndDutchAliases() {
            L10n.language = .nl
            let c = ShellConfig.parse("""
                # Schakel
                theme = licht            # thema
                taal = en
                autovergrendeling = 10

                indeling = raster
                privacy = aan
                key.caseload.view = V, ctrl-v
                key.app.quit = ctrl-q
                """)
            #expect(c.problems.isEmpty)
            #expect(c.theme == "licht")
            #expect(c.language == .en)
            #expect(c.autoLockMinutes == 10)
            #expect(c.layout == .grid)
            #expect(c.privacy)
            #expect(c.keys["caseload.view"] == [.char("V"), .ctrl("v")])
            #expect(c.keys["app.quit"] == [.ctrl("q")])

            let english = ShellConfig.parse("thema = mono\nlanguage = nl\nautolock = 1\nlayout = side-by-side\nprivacy = off\n")
            #expect(english.problems.isEmpty)
            #expect(english.theme == "mono" && english.language == .nl && english.autoLockMinutes == 1)
            #expect(english.layout == .sideBySide && !english.privacy)
            #expect(ShellConfig.parse("").problems.isEmpty)
        }

        @Test func badLinesAreReportedWithTheirLineNumbersAndDefaultsStand() {
            L10n.language = .nl
            let c = ShellConfig.parse("""
                theme = licht
                zomaar een regel
                autolock = 999
                taal = fr
                indeling = diagonaal
                privacy = misschien
                kleur = rood
                key.caseload.view = ctrl-, V
                autolock = nul
                """)
            #expect(c.problems == [
                "Instellingen regel 2: verwacht 'sleutel = waarde'.",
                "Instellingen regel 3: ongeldige waarde voor autolock.",
                "Instellingen regel 4: ongeldige waarde voor taal.",
                "Instellingen regel 5: ongeldige waarde voor indeling.",
                "Instellingen regel 6: ongeldige waarde voor privacy.",
                "Instellingen regel 7: onbekende instelling kleur.",
                "Instellingen regel 8: onbekende toets.",
                "Instellingen regel 9: ongeldige waarde voor autolock.",
            ])
            #expect(c.theme == "licht")
            #expect(c.autoLockMinutes == 5 && c.language == nil && c.layout == .single && !c.privacy)
            // The good key on a line with a bad one still counts.
            #expect(c.keys["caseload.view"] == [.char("V")])
        }

        @Test func problemsShowAsToastsAndUnknownCommandsAreNamed() {
            let config = ShellConfig.parse("zomaar\nkey.bestaat.niet = x\n")
            #expect(config.problems.count == 1)
            let h = Harness(config: config)
            #expect(h.shell.toasts.pending.map(\.message).contains("Instellingen regel 1: verwacht 'sleutel = waarde'."))
            #expect(h.shell.toasts.pending.map(\.message).contains("Instellingen: onbekende opdracht bestaat.niet."))
            #expect(h.contains("Instellingen regel 1"))
        }

        /// A pane command rebound in the config is not "unknown": panes register their
        /// commands after the shell starts, but the config names them from the start.
        @Test func rebindingAPaneCommandIsNotReportedAsUnknown() {
            let h = Harness(config: ShellConfig.parse("key.caseload.view = V\nkey.casusoverleg.agenda = a\n"))
            let messages = h.shell.toasts.pending.map(\.message)
            #expect(messages.isEmpty, "\(messages)")
        }

        @Test func rebindingMovesACommandToANewKeyInKeysFooterAndHelp() {
            let h = Harness(size: Size(width: 120, height: 40), config: ShellConfig.parse("key.caseload.view = V\nkey.app.help = f1, h\n"))
            #expect(h.shell.registry.command("caseload.view")?.keys == [.char("V")])
            #expect(h.caseload.view == .mine)
            h.press("v")
            #expect(h.caseload.view == .mine)            // the old key does nothing now
            h.press("V")
            #expect(h.caseload.view == .backup)
            #expect(h.lines.last!.contains("V weergave"))
            #expect(!h.lines.last!.contains("v weergave"))
            #expect(h.shell.footerHints().contains { $0 == ("f1/h", "hulp") })
            h.press("?")
            #expect(h.shell.overlay == nil)              // ? is no longer help
            h.press("h")
            #expect(h.shell.overlay != nil)
            var seen = h.text
            for _ in 0..<30 { h.press("j"); seen += h.text }
            let helpLines = seen.components(separatedBy: "\n")
            #expect(helpLines.contains { $0.contains("V ") && $0.contains("weergave") })
            #expect(helpLines.contains { $0.contains("f1/h") && $0.contains("hulp") })
            // The palette shows the new key too.
            h.press("esc :")
            h.type("weergave")
            #expect(h.lines.contains { $0.contains("weergave") && $0.contains("V │") })
        }

        @Test func rebindingSurvivesLockAndUnlock() throws {
            let (ws, _) = try ShellFixture.makeOwnStore()
            let h = Harness(config: ShellConfig.parse("key.app.help = h\nkey.caseload.view = V\n"), install: ws)
            h.shell.lock()
            #expect(h.shell.registry.command("app.help")?.keys == [.char("h")])
            h.shell.install(ShellFixture.shared.workspace)
            #expect(h.shell.registry.command("caseload.view")?.keys == [.char("V")])
            #expect(h.shell.registry.command("app.help")?.keys == [.char("h")])
        }
    }
}
