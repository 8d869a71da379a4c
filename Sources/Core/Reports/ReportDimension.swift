import Foundation

/// One way to count cases (issue 9): what is counted, when it counts, and under which
/// category. Signals count in the period their signal came in; closures when closed;
/// placement attempts when made; waits when they ended.
public enum ReportDimension: String, CaseIterable, Sendable {
    case exploitationForm = "uitbuitingsvorm"
    case gender
    case ageBand = "leeftijd"
    case nationality = "nationaliteit"
    case referrerType = "melder"
    case region = "regio"
    case municipality = "gemeente"
    case phase = "fase"
    case closureReason = "afsluitreden"
    /// First placements by time since the signal, and rejected attempts by reason, in one
    /// table: separate tables of accepted attempts, rejections and first placements would be
    /// linked (an accepted attempt is mostly a first placement) in ways suppression of one
    /// table cannot see.
    case placementAttempts = "plaatsingen"
    case onwardCareWait = "wachttijd-vervolgzorg"

    public var title: String { L10n.t("report.title.\(rawValue)") }

    /// Dimensions with the same margin count the same events per period: their totals rows
    /// are equal, so their suppression must agree (`ReportBuilder.build`).
    var margin: String {
        switch self {
        case .exploitationForm, .gender, .ageBand, .nationality, .referrerType, .region, .municipality, .phase: return "signals"
        default: return rawValue
        }
    }
    public var rowHeading: String { L10n.t("report.heading.\(rawValue)") }

    /// Categories a case counts under more than once would make totals lie; a case with
    /// several forms counts once, under "meerdere vormen".
    static let severalForms = "meerdere"
    static let unknown = "onbekend"
    static let other = "overig"
    static let placedPrefix = "geplaatst:"
    static let rejectedPrefix = "afgewezen:"

    /// The (day, category) pairs one record contributes.
    func events(_ r: ReportRecord, into out: inout [(CalendarDate, String)]) {
        switch self {
        case .exploitationForm:
            out.append((r.signalOn, r.forms.count > 1 ? Self.severalForms : r.forms.first ?? Self.unknown))
        case .gender: out.append((r.signalOn, r.gender.isEmpty ? Self.unknown : r.gender))
        case .ageBand: out.append((r.signalOn, r.ageBand.rawValue))
        case .nationality: out.append((r.signalOn, r.nationality ?? Self.unknown))
        case .referrerType: out.append((r.signalOn, r.referrerType ?? Self.unknown))
        case .region: out.append((r.signalOn, r.region))
        case .municipality: out.append((r.signalOn, r.municipality.isEmpty ? Self.unknown : r.municipality))
        case .phase: out.append((r.signalOn, r.phase.rawValue))
        case .closureReason:
            if let closed = r.closedOn { out.append((closed, r.closureReason ?? Self.unknown)) }
        case .placementAttempts:
            if let on = r.firstPlacementOn, let days = r.daysToPlacement { out.append((on, Self.placedPrefix + WaitBucket(days: days).rawValue)) }
            for a in r.placementAttempts where !a.accepted { out.append((a.on, Self.rejectedPrefix + (a.rejectionReason ?? Self.unknown))) }
        case .onwardCareWait:
            if let on = r.onwardCareEnd, let days = r.onwardCareWaitDays { out.append((on, WaitBucket(days: days).rawValue)) }
        }
    }

    /// The order of categories: a vocabulary's own order, then unknown; or by label.
    func orderedCategories(_ present: Set<String>) -> [String] {
        func vocabulary(_ name: String) -> [String] {
            let ids = ReferenceData.shared.entries(name).map(\.id)
            return ids.filter(present.contains) + present.subtracting(ids).sorted()
        }
        let known: [String]
        switch self {
        case .exploitationForm:
            let v = vocabulary("exploitationForms").filter { $0 != Self.severalForms && $0 != Self.unknown }
            known = v + [Self.severalForms].filter(present.contains)
        case .gender: known = vocabulary("genders").filter { $0 != Self.unknown }
        case .ageBand: known = AgeBand.allCases.map(\.rawValue).filter { present.contains($0) && $0 != Self.unknown }
        case .nationality: known = present.filter { $0 != Self.unknown && $0 != Self.other }.sorted { label($0) < label($1) } + [Self.other].filter(present.contains)
        case .referrerType: known = vocabulary("referrerTypes").filter { $0 != Self.unknown }
        case .region:
            let ids = ReferenceData.shared.regions.map(\.id)
            known = ids.filter(present.contains) + present.subtracting(ids).filter { $0 != Self.unknown }.sorted()
        case .municipality: known = present.filter { $0 != Self.unknown }.sorted { label($0) < label($1) }
        case .phase: known = Phase.allCases.map(\.rawValue).filter(present.contains)
        case .closureReason: known = vocabulary("closureReasons").filter { $0 != Self.unknown }
        case .placementAttempts:
            let placed = WaitBucket.allCases.map { Self.placedPrefix + $0.rawValue }
            let reasons = ReferenceData.shared.entries("placementRejectionReasons").map { Self.rejectedPrefix + $0.id } + [Self.rejectedPrefix + Self.unknown]
            known = (placed + reasons).filter(present.contains) + present.subtracting(placed + reasons).filter { $0 != Self.unknown }.sorted()
        case .onwardCareWait: known = WaitBucket.allCases.map(\.rawValue).filter(present.contains)
        }
        return known + [Self.unknown].filter(present.contains)
    }

    /// The label people read for a category id.
    public func label(_ id: String) -> String {
        if id == Self.unknown { return L10n.t("report.category.unknown") }
        if id == Self.other { return L10n.t("report.category.other") }
        let ref = ReferenceData.shared
        switch self {
        case .exploitationForm: return id == Self.severalForms ? L10n.t("report.category.severalForms") : ref.label("exploitationForms", id)
        case .gender: return ref.label("genders", id)
        case .ageBand: return id
        case .nationality: return ref.countryName(id)
        case .referrerType: return ref.label("referrerTypes", id)
        case .region: return ref.region(id).map { L10n.language == .en ? $0.en : $0.nl } ?? id
        case .municipality: return ref.municipalityName(id)
        case .phase: return Phase(rawValue: id)?.label ?? id
        case .closureReason: return ref.label("closureReasons", id)
        case .placementAttempts:
            if id.hasPrefix(Self.placedPrefix) {
                return L10n.t("report.category.placedAfter", WaitBucket(rawValue: String(id.dropFirst(Self.placedPrefix.count)))?.label ?? id)
            }
            guard id.hasPrefix(Self.rejectedPrefix) else { return id }
            let reason = String(id.dropFirst(Self.rejectedPrefix.count))
            return L10n.t("report.category.rejectedBecause", reason == Self.unknown ? L10n.t("report.category.unknown") : ref.label("placementRejectionReasons", reason))
        case .onwardCareWait: return WaitBucket(rawValue: id)?.label ?? id
        }
    }
}

/// How long someone waited, in bands wide enough to count.
public enum WaitBucket: String, CaseIterable, Sendable {
    case week = "0-7", month = "8-30", quarter = "31-90", halfYear = "91-180", longer = "181+"

    public init(days: Int) {
        switch days {
        case ..<8: self = .week
        case 8...30: self = .month
        case 31...90: self = .quarter
        case 91...180: self = .halfYear
        default: self = .longer
        }
    }

    public var label: String { L10n.t("report.days", rawValue) }
}
