import Foundation

/// A date of birth: exact, or only an estimated year (many clients have no papers).
/// An estimate stays marked as one everywhere it is shown.
public enum BirthDate: Codable, Equatable, Sendable {
    case exact(CalendarDate)
    case estimatedYear(Int)

    public func age(on day: CalendarDate) -> Int {
        switch self {
        case .exact(let d): return d.years(until: day)
        case .estimatedYear(let y): return day.year - y
        }
    }

    /// The year of birth, exact or estimated.
    public var year: Int {
        switch self {
        case .exact(let d): return d.year
        case .estimatedYear(let y): return y
        }
    }

    /// Born between 1900 and `today`: anything else is a typing error.
    public func isPlausible(on today: CalendarDate) -> Bool {
        switch self {
        case .exact(let d): return d.year >= 1900 && d <= today
        case .estimatedYear(let y): return y >= 1900 && y <= today.year
        }
    }

    public var isEstimated: Bool { if case .estimatedYear = self { return true } else { return false } }

    /// The day the client turns 18 (1 January of that year for an estimate: the earliest
    /// date, so warnings come early rather than late).
    public var eighteenthBirthday: CalendarDate {
        switch self {
        case .exact(let d): return d.adding(years: 18)
        case .estimatedYear(let y): return CalendarDate(year: min(2200, max(1900, y + 18)), month: 1, day: 1)!
        }
    }

    public var display: String {
        switch self {
        case .exact(let d): return d.dutch
        case .estimatedYear(let y): return "~\(y)"
        }
    }

    /// `12-03-2009`, `2009-03-12`, or `~2009` / `2009?` for an estimated year.
    public init?(parsing text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        if t.hasPrefix("~") || t.hasSuffix("?") {
            let digits = t.trimmingCharacters(in: CharacterSet(charactersIn: "~? "))
            guard digits.count == 4, let y = Int(digits), (1900...2200).contains(y) else { return nil }
            self = .estimatedYear(y)
        } else if let d = CalendarDate(parsing: t) {
            self = .exact(d)
        } else {
            return nil
        }
    }
}
