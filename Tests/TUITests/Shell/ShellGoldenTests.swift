import Foundation
import Testing
@testable import Core
@testable import TUI

/// Golden screens: text (trailing spaces trimmed) then the style mask, one file per screen
/// in Tests/TUITests/Golden/. `SCHAKEL_UPDATE_GOLDEN=1 swift test ...` rewrites them.
enum Golden {
    static var updating: Bool { ProcessInfo.processInfo.environment["SCHAKEL_UPDATE_GOLDEN"] == "1" }

    static func render(_ backend: MemoryBackend) -> String {
        backend.lines.map(trimmedRight).joined(separator: "\n") + "\n---- style mask ----\n"
            + backend.styleMask().joined(separator: "\n") + "\n"
    }

    static func check(_ name: String, _ backend: MemoryBackend, sourceLocation: SourceLocation = #_sourceLocation) {
        let url = ShellFixture.goldenDirectory.appendingPathComponent(name + ".golden")
        let actual = render(backend)
        if updating {
            try? FileManager.default.createDirectory(at: ShellFixture.goldenDirectory, withIntermediateDirectories: true)
            try! actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOf: url, encoding: .utf8) else {
            Issue.record("missing golden file \(url.lastPathComponent); run with SCHAKEL_UPDATE_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        guard expected != actual else { return }
        let e = expected.components(separatedBy: "\n"), a = actual.components(separatedBy: "\n")
        let line = zip(e, a).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(e.count, a.count)
        Issue.record("""
            golden \(name) differs at line \(line + 1):
              expected: \(line < e.count ? e[line] : "<end>")
              actual:   \(line < a.count ? a[line] : "<end>")
            """, sourceLocation: sourceLocation)
    }
}

extension ShellSuite {
    @Suite struct GoldenScreens {
        static let sizes = [Size(width: 80, height: 24), Size(width: 120, height: 40)]
        static let themes: [(String, ColorTier)] = [("mono", .mono), ("standaard", .c256)]

        static func tag(_ size: Size, _ theme: String) -> String { "\(size.width)x\(size.height)-\(theme)" }

        @Test(arguments: PaneID.allCases)
        func everyPaneAtBothSizesInBothThemesWithAndWithoutPrivacy(pane: PaneID) {
            for size in Self.sizes {
                for (theme, tier) in Self.themes {
                    for privacy in [false, true] {
                        let h = Harness(size: size, theme: theme, tier: tier, privacy: privacy)
                        h.shell.focus(pane)
                        h.shell.draw()
                        Golden.check("pane-\(pane.rawValue)-\(Self.tag(size, theme))-privacy-\(privacy ? "on" : "off")", h.backend)
                    }
                }
            }
        }

        /// Inzicht's team and retention views, and the figures by month (a trend of 12 bars).
        @Test func insightViews() {
            for size in Self.sizes {
                let h = Harness(size: size)
                h.press("5")
                h.press("p p")   // kwartaal → jaar → maand
                Golden.check("insight-figures-month-\(Self.tag(size, "standaard"))", h.backend)
                h.press("right right")
                Golden.check("insight-figures-age-\(Self.tag(size, "standaard"))", h.backend)
                h.press("v")
                Golden.check("insight-team-\(Self.tag(size, "standaard"))", h.backend)
                h.press("v")
                Golden.check("insight-retention-\(Self.tag(size, "standaard"))", h.backend)
                h.press("a")
                Golden.check("insight-anonymise-confirm-\(Self.tag(size, "standaard"))", h.backend)
                h.press("esc")
            }
        }

        @Test func unlockScreen() {
            for size in Self.sizes {
                for (theme, tier) in Self.themes {
                    let h = Harness(size: size, theme: theme, tier: tier, install: nil)
                    h.type("geheim")
                    Golden.check("unlock-\(Self.tag(size, theme))", h.backend)
                }
            }
            // After a wrong passphrase: the error under the field.
            let h = Harness(install: nil)
            h.type("fout")
            h.press("enter")
            Golden.check("unlock-wrong-80x24-mono", h.backend)
        }

        @Test func helpOverlay() {
            for size in Self.sizes {
                for (theme, tier) in Self.themes {
                    let h = Harness(size: size, theme: theme, tier: tier)
                    h.press("?")
                    Golden.check("help-\(Self.tag(size, theme))", h.backend)
                }
            }
        }

        @Test func palette() {
            for (theme, tier) in Self.themes {
                let h = Harness(theme: theme, tier: tier)
                h.press(":")
                Golden.check("palette-empty-80x24-\(theme)", h.backend)
                h.type("pri")
                Golden.check("palette-pri-80x24-\(theme)", h.backend)
            }
            let h = Harness(size: Size(width: 120, height: 40), theme: "standaard", tier: .c256)
            h.press(":")
            Golden.check("palette-empty-120x40-standaard", h.backend)
        }

        @Test func terminalTooSmall() {
            for (theme, tier) in Self.themes {
                let h = Harness(size: Size(width: 79, height: 24), theme: theme, tier: tier)
                Golden.check("too-small-79x24-\(theme)", h.backend)
            }
        }

        @Test func presentationMode() {
            for size in Self.sizes {
                let h = Harness(size: size, theme: "standaard", tier: .c256)
                h.press("f5")
                h.clock.advance(.seconds(10)) // let the toast expire: the golden shows the steady screen
                h.shell.draw()
                Golden.check("presentation-caseload-\(size.width)x\(size.height)-c256", h.backend)
            }
        }

        @Test func layouts() {
            for size in Self.sizes {
                let h = Harness(size: size)
                h.press("L")
                h.clock.advance(.seconds(10))
                h.shell.draw()
                Golden.check("layout-naast-\(Self.tag(size, "mono"))", h.backend)
                h.press("L")
                h.clock.advance(.seconds(10))
                h.shell.draw()
                Golden.check("layout-raster-\(Self.tag(size, "mono"))", h.backend)
            }
        }

        @Test func searchEchoFilterLineAndAgenda() {
            for privacy in [false, true] {
                let tag = "80x24-mono-privacy-\(privacy ? "on" : "off")"
                let h = Harness(privacy: privacy)
                h.press("/")
                h.type("Zqxsent")
                Golden.check("caseload-search-\(tag)", h.backend)
                h.press("enter f")
                h.type("traject")
                h.press("enter")
                Golden.check("caseload-filter-\(tag)", h.backend)
                h.press("esc 2 enter")
                Golden.check("agenda-next-meeting-\(tag)", h.backend)
            }
        }

        @Test func caseDetailOfTheSentinelCase() {
            for privacy in [false, true] {
                let h = Harness(size: Size(width: 120, height: 40), privacy: privacy)
                h.shell.openCase(ShellFixture.shared.sentinelID)
                h.shell.draw()
                Golden.check("detail-sentinel-120x40-mono-privacy-\(privacy ? "on" : "off")", h.backend)
            }
        }
    }
}
