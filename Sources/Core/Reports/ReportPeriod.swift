import Foundation

/// How finely a report cuts time.
public enum ReportGranularity: String, CaseIterable, Sendable {
    case month = "maand", quarter = "kwartaal", year = "jaar"

    public var label: String { L10n.t("report.granularity.\(rawValue)") }
    /// How many periods a report shows when the user names no range.
    public var defaultCount: Int {
        switch self { case .month: return 12; case .quarter: return 4; case .year: return 5 }
    }
}

/// One month, quarter or year. Ordered, so that a range of periods is a closed interval.
public struct ReportPeriod: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let granularity: ReportGranularity
    /// Months since year 0 of the period's first month.
    public let firstMonth: Int

    public init(_ day: CalendarDate, _ granularity: ReportGranularity) {
        self.granularity = granularity
        let m = day.year * 12 + (day.month - 1)
        switch granularity {
        case .month: firstMonth = m
        case .quarter: firstMonth = m - (day.month - 1) % 3
        case .year: firstMonth = day.year * 12
        }
    }

    private init(granularity: ReportGranularity, firstMonth: Int) { self.granularity = granularity; self.firstMonth = firstMonth }

    public var year: Int { firstMonth / 12 }
    public var months: Int {
        switch granularity { case .month: return 1; case .quarter: return 3; case .year: return 12 }
    }
    public var next: ReportPeriod { ReportPeriod(granularity: granularity, firstMonth: firstMonth + months) }
    public var previous: ReportPeriod { ReportPeriod(granularity: granularity, firstMonth: firstMonth - months) }
    public var firstDay: CalendarDate { CalendarDate(year: year, month: firstMonth % 12 + 1, day: 1)! }
    public var lastDay: CalendarDate { next.firstDay.adding(days: -1) }

    /// `2026-03`, `2026-K1` (en: `2026-Q1`), `2026`: sortable and short enough for a column.
    public var label: String {
        switch granularity {
        case .month: return String(format: "%04d-%02d", year, firstMonth % 12 + 1)
        case .quarter: return "\(year)-\(L10n.t("report.quarterLetter"))\(firstMonth % 12 / 3 + 1)"
        case .year: return String(year)
        }
    }
    public var description: String { label }

    public static func < (a: ReportPeriod, b: ReportPeriod) -> Bool { a.firstMonth < b.firstMonth }

    /// Every period from the one holding `from` to the one holding `to`, inclusive.
    public static func range(from: CalendarDate, to: CalendarDate, _ granularity: ReportGranularity) -> [ReportPeriod] {
        var p = ReportPeriod(from, granularity)
        let last = ReportPeriod(to, granularity)
        var out: [ReportPeriod] = []
        while p <= last { out.append(p); p = p.next }
        return out
    }

    /// The default window: the last `defaultCount` periods up to and including today's.
    public static func recent(_ granularity: ReportGranularity, today: CalendarDate) -> [ReportPeriod] {
        var p = ReportPeriod(today, granularity)
        var out = [p]
        while out.count < granularity.defaultCount { p = p.previous; out.insert(p, at: 0) }
        return out
    }
}
