import Foundation

/// Why a case needs the coordinator's attention today. Each signal has a word and a glyph,
/// so state is never shown by colour alone. The caseload issue (#5) extends the set and
/// makes the thresholds configurable.
public enum AttentionSignal: String, CaseIterable, Sendable, Comparable {
    case bedenktijdEnded, bedenktijdEnding, actionOverdue, turns18, noBackup

    public var glyph: String {
        switch self {
        case .bedenktijdEnded, .actionOverdue: return "!"
        case .bedenktijdEnding, .turns18: return "⧗"
        case .noBackup: return "?"
        }
    }

    public var label: String { L10n.t("attention.\(rawValue)") }

    /// Most urgent first.
    public static func < (a: AttentionSignal, b: AttentionSignal) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }

    public static func signals(for s: CaseSummary, on today: CalendarDate) -> [AttentionSignal] {
        guard s.phase.isActive else { return [] }
        var out: [AttentionSignal] = []
        if let end = s.bedenktijdEnd, s.phase == .bedenktijd {
            if end < today { out.append(.bedenktijdEnded) } else if today.days(until: end) <= 14 { out.append(.bedenktijdEnding) }
        }
        if let due = s.nextDue, due < today { out.append(.actionOverdue) }
        if let birth = s.birthDate, s.track(on: today) == .minor || (s.age(on: today) ?? 99) < 18 {
            let eighteen = birth.eighteenthBirthday
            if eighteen >= today && today.days(until: eighteen) <= 183 { out.append(.turns18) }
        }
        if s.backup == nil { out.append(.noBackup) }
        return out
    }
}
