import Foundation
import Core

/// Process-wide settings read before parsing: the UI language and the clock.
enum AppEnvironment {
    /// `--lang en` / `--lang=en` anywhere on the line, else `SCHAKEL_LANG`, else Dutch.
    /// Read before parsing so that help texts are already in the right language.
    static func language(arguments: [String], environment: [String: String]) -> Language {
        for (i, a) in arguments.enumerated() {
            if a == "--lang", i + 1 < arguments.count, let l = Language(rawValue: arguments[i + 1]) { return l }
            if a.hasPrefix("--lang="), let l = Language(rawValue: String(a.dropFirst(7))) { return l }
        }
        return environment["SCHAKEL_LANG"].flatMap(Language.init(rawValue:)) ?? .nl
    }

    /// `SCHAKEL_TODAY=2026-11-22` pins the date (for reproducible demos and tests).
    static func clock(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Clock {
        guard let fixed = environment["SCHAKEL_TODAY"], !fixed.isEmpty else { return SystemClock() }
        guard let day = CalendarDate(parsing: fixed) else {
            throw SchakelError(.validation, L10n.t("error.badToday"))
        }
        return FixedClock(day.date)
    }
}
