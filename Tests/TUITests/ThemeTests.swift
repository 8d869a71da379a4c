import Foundation
import Testing
@testable import TUI

/// The themes directory of this checkout.
func checkoutThemesDirectory(file: String = #filePath) -> String {
    URL(fileURLWithPath: file).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Themes").path
}

@Suite struct ShippedThemeTests {
    let loader = ThemeLoader(directory: checkoutThemesDirectory())

    @Test func theFourThemesShip() {
        #expect(loader.availableThemes() == ["hoog-contrast", "licht", "mono", "standaard"])
    }

    @Test(arguments: ["standaard", "licht", "hoog-contrast", "mono"])
    func parsesAndDefinesEveryRoleForEveryTier(id: String) throws {
        let definition = try loader.load(id)
        #expect(!definition.description.isEmpty)
        for tier in ColorTier.allCases {
            for role in ThemeRole.allCases {
                #expect(definition.styles[tier]?[role] != nil, "\(id): \(role.rawValue).\(tier.rawValue)")
            }
            // Selection and header must stand out from text in every tier, also without colour.
            let theme = definition.resolved(for: tier)
            #expect(theme[.selection] != theme[.text])
            #expect(theme[.header] != theme[.text])
            #expect(theme[.danger] != theme[.text])
        }
    }

    @Test(arguments: ["standaard", "licht", "hoog-contrast", "mono"])
    func monoTierUsesNoColour(id: String) throws {
        let mono = try loader.load(id).resolved(for: .mono)
        for style in mono.styles.values {
            #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
        }
    }

    @Test func monoThemeHasNoColourInAnyTier() throws {
        let definition = try loader.load("mono")
        for tier in ColorTier.allCases {
            for style in definition.styles[tier]!.values {
                #expect(style.foreground == .terminalDefault && style.background == .terminalDefault)
            }
        }
    }

    /// Projector and high-contrast themes: text must meet WCAG AAA contrast (7:1).
    @Test(arguments: ["licht", "hoog-contrast"])
    func textContrastIsHigh(id: String) throws {
        let theme = try loader.load(id).resolved(for: .truecolor)
        for role in [ThemeRole.text, .header, .selection, .tableHeader] {
            guard case let .rgb(fr, fg, fb) = theme[role].foreground,
                  case let .rgb(br, bg, bb) = theme[role].background else {
                Issue.record("\(id) \(role.rawValue) needs explicit colours"); continue
            }
            let ratio = contrast((fr, fg, fb), (br, bg, bb))
            #expect(ratio >= 7, "\(id) \(role.rawValue): \(ratio)")
        }
        if id == "licht" {
            guard case let .rgb(r, g, b) = theme[.text].background else { return }
            #expect(Int(r) + Int(g) + Int(b) > 700, "licht must be light")
        }
    }

    @Test func noColorGivesTheMonoTierOfTheChosenTheme() throws {
        let tier = ColorTier.detect(environment: ["NO_COLOR": "1"], terminalColors: 256)
        let theme = try loader.theme(named: "hoog-contrast", tier: tier)
        #expect(theme.id == "hoog-contrast" && theme.tier == .mono)
        #expect(theme.styles.values.allSatisfy { $0.foreground == .terminalDefault && $0.background == .terminalDefault })
        #expect(theme[.text].attributes.contains(.bold))
        #expect(try loader.theme(named: nil, tier: .c256).id == "standaard")
        #expect(try loader.theme(named: "licht", tier: .c16)[.text].background == .indexed(7))
    }

    @Test func unknownAndEscapingIdsAreRejected() {
        #expect(throws: ThemeLoader.LoadError.notFound(id: "paars", available: loader.availableThemes())) {
            try loader.load("paars")
        }
        #expect(throws: ThemeLoader.LoadError.self) { try loader.load("../Themes/mono") }
    }

    func contrast(_ a: (UInt8, UInt8, UInt8), _ b: (UInt8, UInt8, UInt8)) -> Double {
        func channel(_ c: UInt8) -> Double {
            let v = Double(c) / 255
            return v <= 0.03928 ? v / 12.92 : pow((v + 0.055) / 1.055, 2.4)
        }
        func luminance(_ c: (UInt8, UInt8, UInt8)) -> Double {
            0.2126 * channel(c.0) + 0.7152 * channel(c.1) + 0.0722 * channel(c.2)
        }
        let l1 = luminance(a), l2 = luminance(b)
        return (max(l1, l2) + 0.05) / (min(l1, l2) + 0.05)
    }
}

@Suite struct ThemeParserTests {
    func error(_ text: String) -> ThemeParser.ParseError? {
        do { _ = try ThemeParser.parse(text, id: "t", requireComplete: false); return nil }
        catch let e as ThemeParser.ParseError { return e }
        catch { return nil }
    }

    @Test func parsesStyles() throws {
        let d = try ThemeParser.parse("""
            # comment
            name = Test
            header.truecolor = fg:#ff8000 bg:default bold underline
            header.256 = fg:208 bg:bright-blue
            header.16  =  fg:bright-red   reverse
            header.mono =
            """, id: "t", requireComplete: false)
        #expect(d.name == "Test")
        #expect(d.styles[.truecolor]?[.header] == Style(foreground: .rgb(255, 128, 0), attributes: [.bold, .underline]))
        #expect(d.styles[.c256]?[.header] == Style(foreground: .indexed(208), background: .indexed(12)))
        #expect(d.styles[.c16]?[.header] == Style(foreground: .indexed(9), attributes: .reverse))
        #expect(d.styles[.mono]?[.header] == Style.plain)
    }

    @Test(arguments: [
        ("name = x\nheadr.mono = bold", 2, "unknown role 'headr'"),
        ("header.24 = bold", 1, "unknown tier '24' (use truecolor, 256, 16 or mono)"),
        ("\n\nheader.mono bold", 3, "expected '<role>.<tier> = <style>'"),
        ("header = bold", 1, "expected '<role>.<tier>', got 'header'"),
        ("header.256 = fg:#ffffff", 1, "#rrggbb colours need the truecolor tier"),
        ("header.truecolor = fg:#fff", 1, "bad colour '#fff' (expected #rrggbb)"),
        ("header.16 = fg:200", 1, "colour 200 is out of range for tier 16 (0-15)"),
        ("header.mono = fg:red", 1, "the mono tier takes no colours, only attributes"),
        ("header.256 = fg:pink", 1, "unknown colour 'pink'"),
        ("header.256 = blink", 1, "unknown style item 'blink'"),
        ("ok.16 = bold\n# x\nok.16 = dim", 3, "'ok.16' already defined on line 1"),
    ] as [(String, Int, String)])
    func reportsErrorsWithLineNumbers(text: String, line: Int, message: String) {
        let e = error(text)
        #expect(e == ThemeParser.ParseError(line: line, message: message))
        #expect(e?.description == "line \(line): \(message)")
    }

    @Test func incompleteThemesAreRejected() {
        #expect(throws: ThemeParser.ParseError.self) { try ThemeParser.parse("text.mono = bold", id: "t") }
        do {
            _ = try ThemeParser.parse("text.mono = bold", id: "t")
        } catch let e as ThemeParser.ParseError {
            #expect(e.description.hasPrefix("\(ThemeRole.allCases.count * 4 - 1) definitions missing: "))
        } catch {}
    }

    @Test func invalidFileNamesTheThemeAndLine() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("themes-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "\ntext.mono = sparkle\n".write(to: dir.appendingPathComponent("kapot.theme"), atomically: true, encoding: .utf8)
        let loader = ThemeLoader(directory: dir.path)
        #expect(throws: ThemeLoader.LoadError.invalid(id: "kapot", message: "line 2: unknown style item 'sparkle'")) {
            try loader.load("kapot")
        }
    }
}

@Suite struct ThemeLocationTests {
    @Test func findsThemesFromANestedDirectoryOfTheCheckout() {
        let themes = checkoutThemesDirectory()
        let checkout = (themes as NSString).deletingLastPathComponent
        let nested = (checkout as NSString).appendingPathComponent("Sources/TUI/Theme")
        let found = ThemeLoader.locateDirectory(environment: [:], executablePath: "/nonexistent/bin/schakel",
                                                currentDirectory: nested)
        #expect(found.map { ($0 as NSString).standardizingPath } == (themes as NSString).standardizingPath)
    }

    /// The Debian package's layout: /usr/bin/schakel reads /usr/share/schakel/themes.
    @Test func installedThemesAreFoundNextToTheExecutable() throws {
        let tree = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-themes-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: tree) }
        let themes = tree.appendingPathComponent("usr/share/schakel/themes")
        try FileManager.default.createDirectory(at: themes, withIntermediateDirectories: true)
        try FileManager.default.createDirectory(at: tree.appendingPathComponent("usr/bin"), withIntermediateDirectories: true)
        let exe = tree.appendingPathComponent("usr/bin/schakel").path
        #expect(ThemeLoader.locateDirectory(environment: [:], executablePath: exe, currentDirectory: "/proc") == nil)
        try Data(contentsOf: URL(fileURLWithPath: checkoutThemesDirectory()).appendingPathComponent("standaard.theme"))
            .write(to: themes.appendingPathComponent("standaard.theme"))
        let found = try #require(ThemeLoader.locateDirectory(environment: [:], executablePath: exe, currentDirectory: "/proc"))
        #expect((found as NSString).standardizingPath == (themes.path as NSString).standardizingPath)
    }

    @Test func environmentOverrideWinsAndNothingIsInvented() {
        let themes = checkoutThemesDirectory()
        #expect(ThemeLoader.locateDirectory(environment: ["SCHAKEL_THEMES_DIR": themes],
                                            executablePath: "/x/y", currentDirectory: "/") == themes)
        #expect(ThemeLoader.locateDirectory(environment: [:], executablePath: "/nonexistent/bin/schakel",
                                            currentDirectory: "/proc") == nil)
    }
}
