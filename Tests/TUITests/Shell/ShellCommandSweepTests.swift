import Foundation
import Testing
@testable import Core
@testable import TUI

extension ShellSuite {
    /// Runs every registered command once, drawing after each.
    @Suite struct CommandSweep {
        static func nonEmpty(_ lines: [String]) -> Bool { lines.contains { !$0.trimmingCharacters(in: .whitespaces).isEmpty } }

        /// Each command from a fresh shell, focused on the command's pane, in every
        /// overlay-free state; then the screen must still be a screen.
        @Test func everyCommandFromAFreshShell() {
            let ids = Harness().shell.registry.commands.map(\.id)
            #expect(ids.count >= 40)
            #expect(Set(ids).count == ids.count)
            for id in ids where id != "app.lock" {
                for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
                    let h = Harness(size: size)
                    let command = h.shell.registry.command(id)!
                    if case .pane(let p) = command.scope { h.shell.focus(p) }
                    // Inzicht's commands belong to one of its views (anonymising to the retention worklist,
                    // search to the logs): open the first view that has the command.
                    if case .pane(.inzicht) = command.scope, let insight = h.shell.panes[.inzicht] as? InsightPane {
                        for _ in insight.views where !command.isAvailable(h.shell) { insight.cycleView() }
                    }
                    #expect(h.shell.run(commandID: id), "\(id) was not available")
                    h.shell.draw()
                    #expect(Self.nonEmpty(h.lines), "\(id) left an empty screen")
                    if id == "app.quit" { #expect(h.shell.quitRequested) } else { #expect(!h.shell.quitRequested) }
                    // Whatever it opened, Esc (and Enter, for search and filter) gets back.
                    h.press("esc esc")
                    #expect(Self.nonEmpty(h.lines))
                }
            }
        }

        /// All of them in one sequence on one shell, in every pane, until quit ends it.
        @Test func everyCommandInSequence() {
            let h = Harness(size: Size(width: 120, height: 40), privacy: true)
            let scanner = NameScanner.forFixture
            h.eachCommandInEveryPane { c in
                #expect(Self.nonEmpty(h.lines), "\(c.id) left an empty screen")
                if h.shell.privacy { #expect(scanner.leaks(in: h.lines).isEmpty, "\(c.id): \(scanner.leaks(in: h.lines).prefix(2))") }
            }
            #expect(h.shell.run(commandID: "app.quit"))
            #expect(h.shell.quitRequested)
        }

        /// Every command from the palette: its title typed, Enter runs it.
        @Test func everyCommandFromThePalette() {
            let titles = Harness().shell.registry.inScope(.caseload).filter { !["app.lock", "app.quit"].contains($0.id) }
            for c in titles {
                let h = Harness()
                h.press(":")
                h.type(c.title)
                let first = h.shell.paletteMatches(c.title).first
                #expect(first != nil, "palette finds nothing for '\(c.title)'")
                h.press("enter")
                #expect(Self.nonEmpty(h.lines))
            }
        }

        /// The lock command (own store: locking closes it) leads to the unlock screen.
        @Test func lockLeadsToTheUnlockScreen() throws {
            let (ws, _) = try ShellFixture.makeOwnStore()
            let h = Harness(install: ws)
            #expect(h.contains(ShellFixture.sentinelGiven))
            #expect(h.shell.run(commandID: "app.lock"))
            #expect(h.shell.isLocked && h.shell.workspace == nil)
            h.shell.draw()
            #expect(h.contains("Wachtwoordzin:"))
            #expect(!h.text.lowercased().contains("zqx"))
            // Locked: only the global commands remain, and those needing a store are unavailable.
            #expect(h.shell.registry.commands.allSatisfy { $0.scope == .global })
            #expect(!h.shell.run(commandID: "pane.next"))
            for c in h.shell.registry.commands where c.isAvailable(h.shell) {
                if c.id == "app.quit" { continue }
                h.shell.run(commandID: c.id)
                h.shell.draw()
                #expect(Self.nonEmpty(h.lines), "\(c.id) while locked")
                #expect(!h.text.lowercased().contains("zqx"))
                h.shell.overlay = nil
            }
        }
    }
}
