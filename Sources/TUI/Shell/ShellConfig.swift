import Foundation
import Core

/// `$XDG_CONFIG_HOME/schakel/config` (else `~/.config/schakel/config`): `key = value`
/// lines, `#` comments. Keys have Dutch aliases. Problems are reported with line numbers
/// and never stop the program: defaults stand in.
///
///     theme = licht            # thema: standaard, licht, hoog-contrast, mono
///     language = nl            # taal: nl, en
///     autolock = 5             # minutes of inactivity before locking (1-240)
///     layout = enkel           # indeling: enkel, naast, raster
///     privacy = aan            # start in privacy mode
///     key.pane.caseload = 3, ctrl-k
///     aandacht.geen-contact-dagen = 21   # worklist thresholds (see AttentionThresholds)
///     viewer = xdg-open                # program that shows opened documents
///     sync.map = ~/Sync/schakel        # sync.folder: the shared folder for bundles (F8, `s`)
///     sync.interval = 300              # seconds between automatic folder syncs (0 = off)
public struct ShellConfig: Equatable {
    public var thresholds = AttentionThresholds()
    public var viewer: [String] = ["xdg-open"]
    public var theme: String?
    public var language: Language?
    public var autoLockMinutes = 5
    /// During a meeting (meeting mode, a follower window) the screen locks only after a pause this long.
    public var meetingPauseMinutes = 30
    public var layout: LayoutName = .single
    public var privacy = false
    /// The shared folder for bundles, as written (`~` allowed); nil: not configured.
    public var syncFolder: String?
    /// Seconds between automatic folder syncs while the TUI runs; 0 = only on request.
    public var syncIntervalSeconds = 0
    public var keys: [String: [KeyEvent]] = [:]
    public var problems: [String] = []

    public init() {}

    public static func defaultURL(environment: [String: String] = ProcessInfo.processInfo.environment) -> URL {
        if let xdg = environment["XDG_CONFIG_HOME"], !xdg.isEmpty {
            return URL(fileURLWithPath: xdg).appendingPathComponent("schakel/config")
        }
        return URL(fileURLWithPath: environment["HOME"] ?? NSHomeDirectory()).appendingPathComponent(".config/schakel/config")
    }

    public static func load(from url: URL) -> ShellConfig {
        guard let data = FileManager.default.contents(atPath: url.path) else { return ShellConfig() }
        guard data.count <= 256 * 1024, let text = String(data: data, encoding: .utf8) else {
            var c = ShellConfig(); c.problems = [L10n.t("config.unreadable")]; return c
        }
        return parse(text)
    }

    public static func parse(_ text: String) -> ShellConfig {
        var c = ShellConfig()
        for (n, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)?
                .trimmingCharacters(in: .whitespaces) ?? ""
            if line.isEmpty { continue }
            let lineNo = n + 1
            guard let eq = line.firstIndex(of: "=") else { c.problems.append(L10n.t("config.noEquals", lineNo)); continue }
            let key = line[..<eq].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: eq)...].trimmingCharacters(in: .whitespaces)
            switch key {
            case "theme", "thema":
                c.theme = value
            case "language", "taal":
                if let l = Language(rawValue: value) { c.language = l } else { c.problems.append(L10n.t("config.badValue", lineNo, key)) }
            case "autolock", "autovergrendeling":
                if let m = Int(value), (1...240).contains(m) { c.autoLockMinutes = m } else { c.problems.append(L10n.t("config.badValue", lineNo, key)) }
            case "overleg.pauze", "meeting.pause":
                if let m = Int(value), (5...240).contains(m) { c.meetingPauseMinutes = m } else { c.problems.append(L10n.t("config.badValue", lineNo, key)) }
            case "layout", "indeling":
                if let l = LayoutName(configValue: value) { c.layout = l } else { c.problems.append(L10n.t("config.badValue", lineNo, key)) }
            case "privacy":
                switch value.lowercased() {
                case "aan", "on", "ja", "yes", "true": c.privacy = true
                case "uit", "off", "nee", "no", "false": c.privacy = false
                default: c.problems.append(L10n.t("config.badValue", lineNo, key))
                }
            case "sync.map", "sync.folder":
                if value.isEmpty || value.unicodeScalars.contains(where: Validation.isForbidden) {
                    c.problems.append(L10n.t("config.badValue", lineNo, key))
                } else { c.syncFolder = value }
            case "sync.interval":
                if let s = Int(value), s == 0 || (10...86_400).contains(s) { c.syncIntervalSeconds = s } else { c.problems.append(L10n.t("config.badValue", lineNo, key)) }
            case "viewer", "weergave":
                let parts = value.split(separator: " ").map(String.init)
                if parts.isEmpty { c.problems.append(L10n.t("config.badValue", lineNo, key)) } else { c.viewer = parts }
            default:
                if key.hasPrefix("key.") {
                    let id = String(key.dropFirst(4))
                    var keys: [KeyEvent] = []
                    for part in value.split(separator: ",") {
                        let notation = part.trimmingCharacters(in: .whitespaces)
                        if let k = KeyEvent(notation: notation) { keys.append(k) } else { c.problems.append(L10n.t("config.badKey", lineNo)) }
                    }
                    if !keys.isEmpty { c.keys[id] = keys }
                } else {
                    do {
                        if try !c.thresholds.set(key: key, value: value) { c.problems.append(L10n.t("config.unknownKey", lineNo, key)) }
                    } catch {
                        c.problems.append(L10n.t("config.badValue", lineNo, key))
                    }
                }
            }
        }
        return c
    }
}

/// Named layouts: one pane, two side by side, or all four in a grid.
public enum LayoutName: String, CaseIterable, Sendable {
    case single = "enkel", sideBySide = "naast", grid = "raster"

    init?(configValue: String) {
        switch configValue.lowercased() {
        case "enkel", "single": self = .single
        case "naast", "side-by-side": self = .sideBySide
        case "raster", "grid": self = .grid
        default: return nil
        }
    }

    public var next: LayoutName {
        let all = Self.allCases
        return all[(all.firstIndex(of: self)! + 1) % all.count]
    }

    public var label: String { L10n.t("layout.\(rawValue)") }
}
