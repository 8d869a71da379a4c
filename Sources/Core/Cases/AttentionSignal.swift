import Foundation

/// Why a case needs the coordinator's attention today. Each signal has a word and a glyph,
/// so state is never shown by colour alone. Most urgent first (the order of the cases).
public enum AttentionSignal: String, CaseIterable, Sendable, Comparable {
    case bedenktijdEnded, actionOverdue, meetingActionOverdue, bedenktijdEnding, b8Pending, turns18, onwardCareWaiting,
         noContact, comenshaMissing, noBackup

    public var glyph: String {
        switch self {
        case .bedenktijdEnded, .actionOverdue, .meetingActionOverdue: return "!"
        case .bedenktijdEnding, .turns18, .b8Pending, .onwardCareWaiting: return "⧗"
        case .noContact, .comenshaMissing, .noBackup: return "?"
        }
    }

    /// Something is already late (shown as danger, not only by colour: the glyph is `!`).
    public var isOverdue: Bool { glyph == "!" }

    public var label: String { L10n.t("attention.\(rawValue)") }

    public static func < (a: AttentionSignal, b: AttentionSignal) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public var rank: Int { Self.allCases.firstIndex(of: self)! }

    /// The signals of one case on a day, most urgent first.
    public static func signals(for s: CaseSummary, on today: CalendarDate, thresholds: AttentionThresholds = AttentionThresholds(),
                               meetingActionDays: Int? = nil) -> [AttentionSignal] {
        items(for: s, on: today, thresholds: thresholds, meetingActionDays: meetingActionDays).map(\.signal)
    }

    /// The signals with how many days each is late (positive) or has left (negative, for deadlines ahead).
    /// `meetingActionDays`: how late the case's oldest open casusoverleg action is (from
    /// `MeetingActionSignal`), if one is overdue.
    public static func items(for s: CaseSummary, on today: CalendarDate, thresholds t: AttentionThresholds = AttentionThresholds(),
                             meetingActionDays: Int? = nil) -> [AttentionItem] {
        guard s.phase.isActive else { return [] }
        var out: [AttentionItem] = []
        if let end = s.bedenktijdEnd, s.phase == .bedenktijd {
            let left = today.days(until: end)
            if left < 0 { out.append(AttentionItem(.bedenktijdEnded, days: -left)) }
            else if left <= t.bedenktijdDays { out.append(AttentionItem(.bedenktijdEnding, days: -left)) }
        }
        if let due = s.nextDue, due < today { out.append(AttentionItem(.actionOverdue, days: due.days(until: today))) }
        if let late = meetingActionDays, late > 0 { out.append(AttentionItem(.meetingActionOverdue, days: late)) }
        if s.b8Status == "aangevraagd" {
            out.append(AttentionItem(.b8Pending, days: s.b8Since.map { $0.days(until: today) } ?? 0))
        }
        if let birth = s.birthDate, !s.transitionAgreed, (s.age(on: today) ?? 99) < 18 {
            let eighteen = birth.eighteenthBirthday
            if eighteen >= today && eighteen <= today.adding(months: t.turns18Months) {
                out.append(AttentionItem(.turns18, days: -today.days(until: eighteen)))
            }
        }
        if let since = s.onwardCareSince, since.days(until: today) >= t.onwardCareDays {
            out.append(AttentionItem(.onwardCareWaiting, days: since.days(until: today)))
        }
        let contact = s.lastContact ?? s.openedOn
        if contact.days(until: today) >= t.noContactDays {
            out.append(AttentionItem(.noContact, days: contact.days(until: today)))
        }
        if s.comenshaStatus == "te-melden", s.phase != .signaal, s.openedOn.days(until: today) >= t.comenshaDays {
            out.append(AttentionItem(.comenshaMissing, days: s.openedOn.days(until: today)))
        }
        if s.backup == nil { out.append(AttentionItem(.noBackup, days: 0)) }
        return out.sorted { $0.signal < $1.signal }
    }
}

/// One signal on one case: `days` late (positive) or left before a deadline (negative).
public struct AttentionItem: Equatable, Sendable {
    public var signal: AttentionSignal
    public var days: Int
    public init(_ signal: AttentionSignal, days: Int) { self.signal = signal; self.days = days }

    /// "bedenktijd eindigt (over 5 d)", "actie te laat (12 d)".
    public var text: String {
        if days < 0 { return "\(signal.glyph) \(signal.label) (\(L10n.t("attention.inDays", -days)))" }
        if days > 0 { return "\(signal.glyph) \(signal.label) (\(L10n.t("attention.days", days)))" }
        return "\(signal.glyph) \(signal.label)"
    }
}

/// The configurable thresholds of the worklist (config file keys `aandacht.*`).
public struct AttentionThresholds: Equatable, Sendable {
    public var bedenktijdDays = 14
    public var turns18Months = 6
    public var noContactDays = 21
    public var onwardCareDays = 14
    public var comenshaDays = 14

    public init() {}

    /// Config keys (Dutch, with English aliases) and the range each accepts.
    public static let settings: [(keys: [String], range: ClosedRange<Int>, path: WritableKeyPath<AttentionThresholds, Int>)] = [
        (["aandacht.bedenktijd-dagen", "attention.bedenktijd-days"], 1...90, \.bedenktijdDays),
        (["aandacht.18-maanden", "attention.turns-18-months"], 1...24, \.turns18Months),
        (["aandacht.geen-contact-dagen", "attention.no-contact-days"], 1...365, \.noContactDays),
        (["aandacht.vervolgzorg-dagen", "attention.onward-care-days"], 1...365, \.onwardCareDays),
        (["aandacht.comensha-dagen", "attention.comensha-days"], 1...365, \.comenshaDays),
    ]

    /// Sets a value from a config line; false if the key is not a threshold, throws if the value is out of range.
    public mutating func set(key: String, value: String) throws -> Bool {
        guard let s = Self.settings.first(where: { $0.keys.contains(key) }) else { return false }
        guard let n = Int(value), s.range.contains(n) else {
            throw SchakelError(.validation, L10n.t("validation.range", s.range.lowerBound, s.range.upperBound))
        }
        self[keyPath: s.path] = n
        return true
    }
}
