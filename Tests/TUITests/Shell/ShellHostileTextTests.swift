import Foundation
import Testing
@testable import Core
@testable import TUI

/// The checks on a presented screen (the store comes from `HostileCorpus`).
enum HostileScreen {
    /// Scalars that must never reach the terminal, whatever the sanitiser does (a separate list).
    static func forbidden(_ s: Unicode.Scalar, inEmoji: Bool) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        case 0x200B, 0x200C, 0x2060, 0xFEFF: return true
        case 0x200D: return !inEmoji
        default: return false
        }
    }

    /// What is wrong with a presented screen: forbidden scalars, combining floods, cells
    /// whose width disagrees with their character, boxes whose edges text broke through.
    static func problems(_ screen: CellBuffer) -> [String] {
        var found: [String] = []
        for y in 0..<screen.height {
            var columns = 0
            for x in 0..<screen.width {
                let cell = screen[x, y]
                if cell.isContinuation {   // counted with its wide character, which must be just left of it
                    if x == 0 || screen[x - 1, y].width != 2 { found.append("orphan continuation at \(x),\(y)") }
                    continue
                }
                if cell.width == 2 && !screen[x + 1, y].isContinuation { found.append("wide cell without its half at \(x),\(y)") }
                let scalars = Array(cell.character.unicodeScalars)
                let emoji = scalars.first?.properties.isEmoji == true && scalars.count > 1
                if let bad = scalars.first(where: { forbidden($0, inEmoji: emoji) }) {
                    found.append(String(format: "U+%04X at %d,%d", bad.value, x, y))
                }
                let marks = scalars.filter { [.nonspacingMark, .enclosingMark, .spacingMark].contains($0.properties.generalCategory) }.count
                if marks > TerminalSanitizer.Options.singleLine.maxCombiningMarks + 1 { found.append("\(marks) combining marks at \(x),\(y)") }
                let w = TextWidth.width(of: cell.character)
                if Int(cell.width) != max(1, w) && !(cell.character == " ") { found.append("width \(cell.width)≠\(w) at \(x),\(y)") }
                columns += Int(cell.width)
            }
            if columns != screen.width { found.append("row \(y) is \(columns) columns wide") }
        }
        found += brokenBoxes(screen)
        return found
    }

    /// Every box drawn with ┌ ┐ └ ┘ must keep its side edges on every row in between.
    static func brokenBoxes(_ screen: CellBuffer) -> [String] {
        var found: [String] = []
        let vertical: Set<Character> = ["│", "├", "┤", "┼", "║"]
        for y in 0..<screen.height {
            for x in 0..<screen.width where screen[x, y].character == "┌" {
                guard let right = (x + 1..<screen.width).first(where: { screen[$0, y].character == "┐" }),
                      (x + 1..<right).allSatisfy({ "─┬".contains(screen[$0, y].character) || screen[$0, y].character != "┌" }),
                      let bottom = (y + 1..<screen.height).first(where: { screen[x, $0].character == "└" }),
                      screen[right, bottom].character == "┘" else { continue }
                // A box with another box's corner inside lies under an overlay: only the top one counts.
                let occluded = (y...bottom).contains { row in (x...right).contains { col in
                    (row != y && row != bottom || col != x && col != right) && "┌┐└┘".contains(screen[col, row].character) } }
                if occluded { continue }
                for row in y + 1..<bottom where !vertical.contains(screen[x, row].character) || !vertical.contains(screen[right, row].character) {
                    found.append("box \(x),\(y)-\(right),\(bottom) broken on row \(row): \(screen.line(row))")
                }
            }
        }
        return found
    }

}

extension ShellSuite {
    @Suite struct HostileText {
        typealias T = HostileCorpus
        typealias S = HostileScreen
        static let workspace: Workspace = {
            do { return try Workspace(store: T.shared.store) } catch { fatalError("hostile workspace: \(error)") }
        }()

        func check(_ h: Harness, _ what: String, sourceLocation: SourceLocation = #_sourceLocation) {
            let problems = S.problems(h.backend.screen)
            #expect(problems.isEmpty, "\(what): \(problems.prefix(4).joined(separator: " | "))", sourceLocation: sourceLocation)
        }

        func harness(_ size: Size) -> Harness {
            Harness(size: size, theme: "standaard", tier: .c256, install: Self.workspace)
        }

        /// The checker finds what it is there to find: a buffer with raw text fails it.
        @Test func theCheckerCatchesRawText() {
            var raw = CellBuffer(width: 20, height: 3)
            raw.set(Cell("\u{1B}"), x: 0, y: 0)
            raw.set(Cell("\u{202E}"), x: 1, y: 0)
            raw.set(Cell("\u{200B}"), x: 2, y: 0)
            #expect(S.problems(raw).count >= 3)
            var clean = CellBuffer(width: 400, height: 3)
            clean.put(text: T.outside, at: Point(x: 0, y: 0))
            clean.put(text: T.longText, at: Point(x: 0, y: 1))
            #expect(S.problems(clean).isEmpty, "\(S.problems(clean))")
            // Shown, not hidden: escapes as ␛, the rest as U+FFFD.
            #expect(clean.line(0).contains("␛") && clean.line(0).contains("\u{FFFD}"))
        }

        @Test func theFixtureHoldsTheHostileText() throws {
            let ws = Self.workspace
            let peerFile = try ws.store.caseFile(T.shared.peerCase)
            #expect(peerFile.notes.values.contains { $0.text.contains("\u{1B}]52;") && $0.text.count > 10_000 })
            #expect(try ws.store.summaries().contains { $0.givenNames.contains("\u{1B}") }, "a peer's raw escape reached the case list")
            #expect(ws.peers.contains { $0.card.name.contains("\u{200B}") })
            #expect(!ws.maatjes.isEmpty && ws.maatjes.allSatisfy { $0.profile.name.contains("\u{1B}") })
        }

        @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
        func everyPaneAndView(size: Size) {
            let h = harness(size)
            for pane in PaneID.allCases {
                h.press("\(pane.number)")
                check(h, "\(pane)")
                if pane == .inzicht {
                    h.eachInsightView { view in
                        check(h, "inzicht \(view)")
                        h.press("G"); check(h, "inzicht \(view) end")
                        h.press("enter"); check(h, "inzicht \(view) opened"); h.press("esc")
                    }
                    continue
                }
                for i in 0..<40 {
                    h.press("pgdn"); check(h, "\(pane) page \(i)")
                }
                h.press("g enter"); check(h, "\(pane) first row opened"); h.press("esc")
                if pane == .caseload {
                    for _ in 0..<3 { h.press("v"); check(h, "caseload \(h.caseload.view)") ; h.press("G"); check(h, "caseload \(h.caseload.view) end") }
                }
            }
            h.press("?"); for i in 0..<5 { check(h, "help \(i)"); h.press("pgdn") }
            h.press("esc :"); h.type(T.outside); check(h, "palette with hostile query")
            h.press("esc 3 /"); h.type(T.outside); check(h, "search with hostile query")
            h.press("esc esc")
        }

        @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
        func everyTabOfTheHostileCases(size: Size) {
            let h = harness(size)
            for id in [T.shared.typedCase, T.shared.peerCase] {
                h.shell.openCase(id)
                h.shell.draw()
                guard case .flow(let flow)? = h.shell.overlay, flow is CaseDetail else { Issue.record("no detail: \(h.text)"); continue }
                for tab in DetailTab.allCases {
                    check(h, "detail \(tab)")
                    for i in 0..<3 {
                        h.press("pgdn"); check(h, "detail \(tab) page \(i)")
                    }
                    h.press("g enter"); check(h, "detail \(tab) opened line")
                    h.press("pgdn"); check(h, "detail \(tab) opened line scrolled")
                    h.press("esc h"); check(h, "detail \(tab) history")
                    h.press("esc right")
                }
                h.press("esc")
            }
        }

        @Test(arguments: [Size(width: 80, height: 24), Size(width: 120, height: 40)])
        func syncViewAndConflicts(size: Size) {
            let h = harness(size)
            h.press("f8"); check(h, "sync view")
            #expect(h.text.contains("\u{FFFD}"), "the peer's zero-width characters are shown as a marker")
            for _ in 0..<4 { h.press("j"); check(h, "sync view, next peer") }
            h.press("c"); check(h, "conflicts")
            h.press("enter"); check(h, "conflict")
            h.press("l"); check(h, "conflict, second value")
            h.press("esc esc esc")
        }

        /// A config file is outside input too: its problems are shown as toasts that name the
        /// line's key and the unknown command.
        @Test func aHostileConfigFile() {
            let text = "key.\(T.outside) = x\n\(T.outside) = 1\nthema = \(T.escapes)\n\(T.longText)\n"
            let config = ShellConfig.parse(text)
            #expect(config.problems.count >= 2)
            for size in [Size(width: 80, height: 24), Size(width: 120, height: 40)] {
                let h = Harness(size: size, config: config)
                var shown = false
                for i in 0..<6 {
                    check(h, "config toast \(i)")
                    shown = shown || h.text.contains("␛") || h.text.contains("\u{FFFD}")
                    h.clock.advance(.seconds(10)); h.shell.draw()
                }
                #expect(shown, "the hostile key never reached the screen: the test shows nothing")
            }
        }

        /// Every command, in every pane, drawing after each (forms, dialogs, exports' dialogs).
        @Test func everyCommandInSequence() {
            let h = harness(Size(width: 100, height: 30))
            h.eachCommandInEveryPane { c in
                check(h, c.id)
                h.type(T.typeable); check(h, "\(c.id) typed into")
                h.press("tab"); check(h, "\(c.id) next field")
                // A form's discard question after typing: Esc once more.
                h.press("esc")
            }
        }
    }
}
