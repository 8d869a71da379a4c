import Foundation
import Testing
@testable import Core
@testable import TUI

/// Scripted key sessions through the event loop (`step`) on the in-memory backend.
extension ShellSuite {
    @Suite struct KeySessions {
        @Test func switchingPanesWithNumbersTabAndBackTab() {
            let h = Harness()
            #expect(h.shell.focused == .caseload)
            for pane in PaneID.allCases {
                h.press("\(pane.number)")
                #expect(h.shell.focused == pane)
                #expect(h.lines[1].contains("[\(pane.number) \(pane.title)]"))
            }
            h.press("1 tab")
            #expect(h.shell.focused == .casusoverleg)
            h.press("tab tab tab")
            #expect(h.shell.focused == .inzicht)
            h.press("tab")
            #expect(h.shell.focused == .intake)
            h.press("backtab")
            #expect(h.shell.focused == .inzicht)
            h.press("backtab backtab backtab")
            #expect(h.shell.focused == .casusoverleg)
            #expect(h.contains("Casusoverleg") || h.lines[2].lowercased().contains("overleg"))
        }

        @Test func searchForACaseCodeSelectsThatRow() {
            let h = Harness()
            let rows = h.caseload.grid.table.rows
            #expect(rows.count > 12)
            let target = rows[11]
            let code = target.cells[0].text
            #expect(h.caseload.grid.table.selectedRow?.id == rows[0].id)
            h.press("/")
            h.type(code)
            #expect(h.contains("Zoek: \(code)"))
            h.press("enter")
            #expect(h.caseload.grid.table.selectedRow?.id == target.id)
            #expect(!h.shell.panes[.caseload]!.isEditing)
            // The selected row is on screen, in the selection style.
            let y = h.lines.firstIndex { $0.contains(code) }
            #expect(y != nil)
            if let y { #expect(h.backend.styleMask()[y].contains("R")) }
            // n finds nothing further for a unique code: the selection stays.
            h.press("n")
            #expect(h.caseload.grid.table.selectedRow?.id == target.id)
        }

        @Test func filterNarrowsTheRowsAndStaysVisibleUntilEsc() {
            let h = Harness(size: Size(width: 120, height: 40))
            h.press("3 v v")
            let total = h.caseload.grid.visibleCount
            h.press("f")
            h.type("traject")
            h.press("enter")
            let narrowed = h.caseload.grid.visibleCount
            #expect(narrowed > 0 && narrowed < total)
            #expect(h.caseload.grid.table.rows.allSatisfy { $0.cells.contains { $0.text.contains("traject") } })
            #expect(h.lines[h.lines.count - 2].contains("Filter: traject (\(narrowed) van \(total)) · Esc wist"))
            #expect(h.contains("\(narrowed) casussen"))
            // Moving around keeps the filter line.
            h.press("j j G")
            #expect(h.contains("Filter: traject"))
            h.press("esc")
            #expect(h.caseload.grid.visibleCount == total)
            #expect(!h.contains("Filter:"))
        }

        @Test func sortAndReverseSort() {
            let h = Harness(size: Size(width: 120, height: 40))
            h.press("3 v v s")
            let sort = h.caseload.grid.table.sort
            #expect(sort?.column == 0 && sort?.ascending == true)
            // Text sorts in natural order (digits by value): MH-2025-8KDCF before MH-2025-40QJ9.
            let codes = h.caseload.grid.table.rows.map { $0.cells[0].text }
            #expect(codes.first!.hasPrefix("MH-2025") && codes.last!.hasPrefix("MH-2026"))
            #expect(h.lines[3].contains("CODE▲"))
            h.press("S")
            #expect(h.caseload.grid.table.sort?.ascending == false)
            #expect(h.caseload.grid.table.rows.map { $0.cells[0].text } == codes.reversed())
            #expect(h.lines[3].contains("CODE▼"))
            h.press("s")
            #expect(h.caseload.grid.table.sort?.column == 1)
        }

        /// `s` cycles through the columns on screen only: at 80 columns the low-priority ones
        /// are collapsed, and sorting by an invisible column would look like nothing happened.
        @Test func sortCyclesOnlyThroughVisibleColumns() {
            let h = Harness(size: Size(width: 80, height: 24))
            let table = h.caseload.grid.table
            let visible = TableLayout.place(table.columns, width: h.shell.paneArea(.caseload).width).map(\.column)
            #expect(visible.count < table.columns.count)
            var sorted: [Int] = []
            for _ in 0..<visible.count {
                h.press("s")
                sorted.append(h.caseload.grid.table.sort!.column)
                // The arrow always shows; a header too narrow for title and arrow is shortened.
                #expect(h.lines[3].contains("▲"), "\(h.lines[3])")
            }
            #expect(sorted == visible)
            h.press("s")
            #expect(h.caseload.grid.table.sort?.column == visible[0])
            h.press("S")
            #expect(h.lines[3].contains("CODE▼"))
        }

        @Test func enterOpensTheCaseDetailAndEscClosesIt() {
            let h = Harness()
            let code = h.caseload.grid.table.selectedRow!.cells[0].text
            h.press("enter")
            guard case .flow(let flow)? = h.shell.overlay, flow is CaseDetail else { Issue.record("no case detail"); return }
            #expect(flow.title.hasPrefix(code))
            #expect(h.contains(code))
            #expect(h.contains("[Overzicht]"))
            h.press("j j k pgdn right left")
            #expect(h.shell.overlay != nil)
            h.press("esc")
            #expect(h.shell.overlay == nil)
            #expect(!h.contains("[Overzicht]"))
        }

        @Test func paletteTypingPresenteerTurnsOnPresentationMode() {
            let h = Harness(theme: "standaard", tier: .c256)
            h.press(":")
            #expect(h.contains("Geen opdracht") == false)
            h.type("presenteer")
            #expect(h.shell.paletteMatches("presenteer").first?.id == "presentation.toggle")
            #expect(h.contains("presenteer (projector)"))
            h.press("enter")
            #expect(h.shell.overlay == nil)
            #expect(h.shell.presentation)
            #expect(h.shell.privacy)
            #expect(h.shell.zoomed)
            #expect(h.shell.theme.id == "licht")
            #expect(h.shell.themeName == "standaard")
            #expect(h.contains("PRESENTATIE") && h.contains("PRIVACY"))
            #expect(!h.contains(ShellFixture.sentinelGiven))
            // F5 again leaves presentation mode and restores the theme (privacy stays on).
            h.press("f5")
            #expect(!h.shell.presentation && h.shell.theme.id == "standaard" && h.shell.privacy)
            // A query without matches says so.
            h.press(":")
            h.type("xqxqxq")
            #expect(h.contains("Geen opdracht gevonden."))
            h.press("enter")
            #expect(h.shell.overlay == nil)
        }

        @Test func helpListsEveryRegisteredCommandTitle() {
            for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
                let h = Harness(size: size)
                h.press("?")
                var seen = h.text
                for _ in 0..<90 { h.press("j"); seen += "\n" + h.text }
                for c in h.shell.registry.commands {
                    #expect(seen.contains(c.title), "help at \(size) lacks \(c.id): \(c.title)")
                    #expect(seen.contains(c.keyLabel), "help at \(size) lacks the key of \(c.id): \(c.keyLabel)")
                }
                h.press("esc")
                #expect(h.shell.overlay == nil)
                h.press("f1")
                #expect(h.shell.overlay != nil)
                h.press("?")
                #expect(h.shell.overlay == nil)
            }
        }

        @Test func zoomAndLayoutsShowOneTwoAndFourPanes() {
            let h = Harness(size: Size(width: 120, height: 40))
            func corners() -> Int { h.lines.map { $0.filter { $0 == "┌" }.count }.reduce(0, +) }
            #expect(h.shell.layout == .single && h.shell.visiblePanes == [.caseload] && corners() == 0)
            h.press("L")
            #expect(h.shell.layout == .sideBySide && h.shell.visiblePanes == [.caseload, .maatjes] && corners() == 2)
            #expect(h.contains("3 Caseload ●"))
            h.press("z")
            #expect(h.shell.zoomed && h.shell.visiblePanes == [.caseload] && corners() == 0)
            #expect(h.lines[1].contains("ingezoomd"))
            h.press("z L")
            // The grid holds the four working panes; Inzicht takes the whole width when focused.
            #expect(h.shell.layout == .grid && h.shell.visiblePanes == [.intake, .casusoverleg, .caseload, .maatjes] && corners() == 4)
            h.press("1")
            #expect(h.contains("1 Intake ●"))
            h.press("z")
            #expect(h.shell.visiblePanes == [.intake] && corners() == 0)
            h.press("z L")
            #expect(h.shell.layout == .single && corners() == 0)
            // At 80×24 the grid still fits four framed panes.
            h.backend.resize(to: Size(width: 80, height: 24))
            h.press("L L")
            #expect(h.shell.layout == .grid && corners() == 4)
        }

        @Test func privacyToggleHidesTheNameColumn() {
            let h = Harness()
            #expect(h.lines[3].contains("NAAM"))
            #expect(h.contains(ShellFixture.sentinelGiven))
            h.press("P")
            #expect(h.shell.privacy)
            #expect(!h.lines[3].contains("NAAM"))
            #expect(!h.contains(ShellFixture.sentinelGiven))
            #expect(h.contains("PRIVACY"))
            #expect(h.contains(ShellFixture.shared.sentinelCode))
            h.press("P")
            #expect(!h.shell.privacy && h.contains(ShellFixture.sentinelGiven))
        }

        @Test func quitSetsQuitRequested() {
            let h = Harness()
            h.press("j")
            #expect(!h.shell.quitRequested)
            h.press("q")
            #expect(h.shell.quitRequested)
            let h2 = Harness()
            h2.press("ctrl-c")
            #expect(h2.shell.quitRequested)
            // While typing a search, q is a letter, not quit.
            let h3 = Harness()
            h3.press("/ q")
            #expect(!h3.shell.quitRequested)
        }

        @Test func mouseClickOnATabFocusesThatPane() {
            let h = Harness()
            for (pane, range) in h.shell.tabRanges() {
                h.backend.enqueue(.mouse(MouseEvent(.press(.left), at: Point(x: range.lowerBound + 1, y: 1))))
                h.drain()
                #expect(h.shell.focused == pane)
            }
            // A click on a row of the caseload selects it; the wheel scrolls.
            h.press("3")
            let rowY = h.lines.firstIndex { $0.contains(h.caseload.grid.table.rows[2].cells[0].text) }!
            h.backend.enqueue(.mouse(MouseEvent(.press(.left), at: Point(x: 5, y: rowY))))
            h.drain()
            #expect(h.caseload.grid.table.selectedIndex == 2)
            // In a side-by-side layout, a click in the other pane focuses it.
            h.press("L")
            let maatjesArea = h.shell.paneArea(.maatjes)
            h.backend.enqueue(.mouse(MouseEvent(.press(.left), at: Point(x: maatjesArea.x + 2, y: maatjesArea.y + 3))))
            h.drain()
            #expect(h.shell.focused == .maatjes)
        }

        @Test func resizeBelowTheMinimumAndBack() {
            let h = Harness()
            h.backend.resize(to: Size(width: 79, height: 24))
            h.drain()
            #expect(h.contains("Terminal te klein"))
            #expect(!h.contains(ShellFixture.sentinelGiven))
            h.backend.resize(to: Size(width: 100, height: 30))
            h.drain()
            #expect(h.contains(ShellFixture.sentinelGiven))
            #expect(h.backend.screen.size == Size(width: 100, height: 30))
        }

        @Test func theFooterShowsKeyHintsOfTheFocusedPane() {
            let h = Harness(size: Size(width: 120, height: 40))
            let footer = h.lines.last!
            #expect(footer.contains("1-5 panelen") || footer.contains("1-5"))
            #expect(footer.contains("/ zoek") && footer.contains("f filter") && footer.contains("v weergave"))
            h.press("2")
            #expect(h.lines.last!.contains("enter agenda"))
            #expect(!h.lines.last!.contains("weergave"))
            h.press("/")
            #expect(h.lines.last!.contains("Enter") && h.lines.last!.contains("Esc"))
        }
    }
}

extension ShellSuite.KeySessions {
    /// Scrolling the help past its end and back: one `k` moves the view up at once.
    @Test func helpScrollStopsAtTheEnd() {
        let h = Harness()
        h.press("?")
        for _ in 0..<100 { h.press("j") }
        let atEnd = h.lines
        h.press("j")
        #expect(h.lines == atEnd)
        h.press("k")
        #expect(h.lines != atEnd)
        h.press("pgup pgup pgup pgup pgup pgup pgup")
        #expect(h.lines[3].contains("Overal"))
    }
}

extension ShellSuite.KeySessions {
    /// The interface follows `L10n.language` (global: set here and restored).
    @Test func englishInterface() {
        defer { L10n.language = .nl }
        let h = Harness(size: Size(width: 79, height: 24), install: nil, language: .en)
        #expect(h.contains("Terminal too small"))
        h.backend.resize(to: Size(width: 80, height: 24))
        h.drain()
        #expect(h.contains("Passphrase:"))
        h.type(ShellFixture.passphrase)
        h.press("enter")
        #expect(!h.shell.isLocked)
        #expect(h.contains("My cases"))
        #expect(h.lines.last!.contains("1-5 panes") && h.lines.last!.contains("/ search"))
        h.press("P")
        #expect(h.contains("PRIVACY") && !h.contains(ShellFixture.sentinelGiven))
    }
}

extension ShellSuite.KeySessions {
    /// The case detail aligns values after their labels; the agenda shows the selected item's question.
    @Test func detailKeepsIndentation() {
        let h = Harness(size: Size(width: 80, height: 24))
        h.shell.openCase(ShellFixture.shared.sentinelID)
        h.shell.draw()
        #expect(h.lines.contains { $0.contains("▸ \(L10n.t("field.name"))                  \(ShellFixture.sentinelGiven)") })
        #expect(h.lines.contains { $0.contains("  \(L10n.t("field.aliases"))") && $0.contains(ShellFixture.sentinelAlias) })
        h.press("esc 2 enter")
        h.press("j j j j j j j")
        #expect(h.lines.contains { $0.contains("│\(L10n.t("meeting.question")): ") })
    }
}
