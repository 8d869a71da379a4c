import Foundation

/// A day without a time or zone (birth dates, deadlines). Stored as "yyyy-MM-dd".
public struct CalendarDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    // Four bytes, not three Ints: a case summary holds a dozen dates and 43k summaries are in
    // memory while the program is unlocked.
    private let y: Int16
    private let m: UInt8
    private let d: UInt8
    public var year: Int { Int(y) }
    public var month: Int { Int(m) }
    public var day: Int { Int(d) }

    public init?(year: Int, month: Int, day: Int) {
        guard (1900...2200).contains(year), (1...12).contains(month),
              (1...CalendarDate.daysIn(month: month, year: year)).contains(day) else { return nil }
        y = Int16(year); m = UInt8(month); d = UInt8(day)
    }

    /// Parses ISO `2026-03-01` and Dutch `01-03-2026` / `1-3-2026`.
    public init?(parsing text: String) {
        // Fast path for the stored form `yyyy-mm-dd` (43k summaries hold several dates each).
        let utf8 = text.utf8
        if utf8.count == 10 {
            var digits = 0, fields = (0, 0, 0), ok = true
            utf8.withContiguousStorageIfAvailable { b in
                guard b[4] == 0x2D, b[7] == 0x2D else { ok = false; return }
                for (i, c) in b.enumerated() where i != 4 && i != 7 {
                    guard c >= 0x30, c <= 0x39 else { ok = false; return }
                    let d = Int(c - 0x30)
                    if i < 4 { fields.0 = fields.0 * 10 + d } else if i < 7 { fields.1 = fields.1 * 10 + d } else { fields.2 = fields.2 * 10 + d }
                    digits += 1
                }
            }
            if ok && digits == 8 { self.init(year: fields.0, month: fields.1, day: fields.2); return }
        }
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) }) else { return nil }
        let nums = parts.compactMap { Int($0) }
        guard nums.count == 3 else { return nil }
        if parts[0].count == 4 {
            self.init(year: nums[0], month: nums[1], day: nums[2])
        } else if parts[2].count == 4 {
            self.init(year: nums[2], month: nums[1], day: nums[0])
        } else { return nil }
    }

    public init(_ date: Date, calendar: Calendar = .schakel) {
        let c = calendar.dateComponents([.year, .month, .day], from: date)
        self.init(unchecked: Int(Int16(clamping: c.year!)), c.month!, c.day!)
    }

    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    // Hand-rolled padding: `String(format:)` is slow on Linux and dates are formatted in bulk.
    public var iso: String { Self.pad(year, 4) + "-" + Self.pad(month, 2) + "-" + Self.pad(day, 2) }
    /// Dutch display form, dd-mm-jjjj.
    public var dutch: String { Self.pad(day, 2) + "-" + Self.pad(month, 2) + "-" + Self.pad(year, 4) }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
    public var description: String { iso }

    public var date: Date {
        Calendar.schakel.date(from: DateComponents(year: year, month: month, day: day, hour: 12))!
    }

    /// Calendar arithmetic without Foundation's Calendar (which costs microseconds per call,
    /// and worklists do it for every case): months and years first, the day clamped to the
    /// month's length as Calendar does (31 January + 1 month = 28/29 February), then days.
    public func adding(days: Int = 0, months: Int = 0, years: Int = 0) -> CalendarDate {
        var y = year + years
        var m = month + months
        y += Int((Double(m - 1) / 12).rounded(.down))
        m = ((m - 1) % 12 + 12) % 12 + 1
        y = Swift.min(2200, Swift.max(1900, y))
        let d = Swift.min(day, Self.daysIn(month: m, year: y))
        let shifted = CalendarDate(unchecked: y, m, d)
        return days == 0 ? shifted : CalendarDate(dayNumber: shifted.dayNumber + days)
    }

    public func days(until other: CalendarDate) -> Int { other.dayNumber - dayNumber }

    private init(unchecked y: Int, _ m: Int, _ d: Int) { self.y = Int16(clamping: y); self.m = UInt8(clamping: m); self.d = UInt8(clamping: d) }

    /// Days since 1970-01-01 (proleptic Gregorian; H. Hinnant's days_from_civil).
    public var dayNumber: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date of a day number, clamped to the supported years 1900-2200.
    public init(dayNumber n: Int) {
        let z = Swift.min(Swift.max(n, -25_567), 84_370) + 719_468   // 1900-01-01 ... 2200-12-31
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// Whole years from `self` to `other` (age on a date).
    public func years(until other: CalendarDate) -> Int {
        var y = other.year - year
        if (other.month, other.day) < (month, day) { y -= 1 }
        return y
    }

    public static func < (a: CalendarDate, b: CalendarDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let d = CalendarDate(parsing: s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad date"))
        }
        self = d
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(iso)
    }
}

extension Calendar {
    /// Gregorian in Europe/Amsterdam: the users' calendar, whatever the machine says.
    public static let schakel: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "Europe/Amsterdam") ?? .gmt
        return c
    }()
}

extension CalendarDate {
    /// Strictly `dd-mm-jjjj` (leading zeros optional), the form field's format.
    public init?(dutch text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count <= 2, parts[1].count <= 2, parts[2].count == 4 else { return nil }
        self.init(parsing: text)
    }

    public var dutchText: String { dutch }
    public var isoText: String { iso }
}
