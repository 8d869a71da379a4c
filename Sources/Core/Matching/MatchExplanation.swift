import Foundation

/// The criteria a request and a buddy are compared on, in the order they are shown.
public enum MatchCriterion: String, Sendable, CaseIterable {
    case type, status, capacity, screening, availability, language, gender, location, age

    var bit: UInt16 { 1 << UInt16(Self.allCases.firstIndex(of: self) ?? 0) }

    public func title(_ language: Language? = nil) -> String {
        switch self {
        case .type: return L10n.t("match.criterion.type", language: language)
        case .status: return L10n.t("match.criterion.status", language: language)
        case .capacity: return L10n.t("match.criterion.capacity", language: language)
        case .screening: return L10n.t("match.criterion.screening", language: language)
        case .availability: return L10n.t("match.criterion.availability", language: language)
        case .language: return L10n.t("match.criterion.language", language: language)
        case .gender: return L10n.t("match.criterion.gender", language: language)
        case .location: return L10n.t("match.criterion.location", language: language)
        case .age: return L10n.t("match.criterion.age", language: language)
        }
    }
}

/// A set of criteria as a bit mask (the failed hard constraints of a pair), allocation-free.
public struct CriterionSet: Hashable, Sendable, Sequence {
    public private(set) var mask: UInt16
    public init() { mask = 0 }
    public init(_ criteria: [MatchCriterion]) { mask = criteria.reduce(0) { $0 | $1.bit } }
    public var isEmpty: Bool { mask == 0 }
    public var count: Int { mask.nonzeroBitCount }
    public func contains(_ c: MatchCriterion) -> Bool { mask & c.bit != 0 }
    public mutating func insert(_ c: MatchCriterion) { mask |= c.bit }
    public func removing(_ c: MatchCriterion) -> CriterionSet { var s = self; s.mask &= ~c.bit; return s }
    public func makeIterator() -> IndexingIterator<[MatchCriterion]> { MatchCriterion.allCases.filter { contains($0) }.makeIterator() }
}

/// Why a criterion passed, failed or scored what it did: the explanation shown per criterion.
public enum MatchReason: Hashable, Sendable {
    case typeMatches(String)
    case typeDiffers(requested: String, buddy: String)
    case buddyActive
    case buddyInactive(status: String)
    case noAvailabilityRecord
    case freePlaces(free: Int, capacity: Int)
    case full(load: Int, capacity: Int)
    case vogValid(until: CalendarDate)
    case vogExpired(on: CalendarDate)
    case vogMissing
    case clientAnyTime
    case commonDayParts([String])
    case noCommonDayParts
    case buddyHasNoDayParts
    case noLanguageWish
    case speaksLanguage(String)
    case lacksLanguage(String)
    case noGenderWish
    case genderAsWished(String)
    case genderNotAsWished(wished: String, buddy: String)
    case noLocationWish
    case sameMunicipality(String)
    case sameRegion(region: String, buddyMunicipality: String)
    case otherPlace(wished: String, buddyMunicipality: String)
    case ageDifference(years: Int)
    case ageUnknown

    /// The explanation in the UI language (or `language`).
    public func text(_ language: Language? = nil) -> String {
        let lang = language ?? L10n.language
        let ref = ReferenceData.shared
        func date(_ d: CalendarDate) -> String { lang == .en ? d.iso : d.dutch }
        func languageName(_ code: String) -> String {
            guard let l = ref.languages.first(where: { $0.code == code }) else { return code }
            return lang == .en ? l.en : l.nl
        }
        func label(_ vocabulary: String, _ id: String) -> String {
            ref.entries(vocabulary).first { $0.id == id }?.label(lang) ?? id
        }
        func place(_ id: String) -> String { ref.municipalityName(id) }
        switch self {
        case .typeMatches(let t): return L10n.t("match.reason.typeMatches", label("maatjeTypes", t), language: lang)
        case .typeDiffers(let r, let b): return L10n.t("match.reason.typeDiffers", label("maatjeTypes", r), label("maatjeTypes", b), language: lang)
        case .buddyActive: return L10n.t("match.reason.buddyActive", language: lang)
        case .buddyInactive(let s):
            let status = MaatjeProfile.statuses.contains(s) ? L10n.t("maatje.\(s)", language: lang) : s
            return L10n.t("match.reason.buddyInactive", status, language: lang)
        case .noAvailabilityRecord: return L10n.t("match.reason.noAvailabilityRecord", language: lang)
        case .freePlaces(let f, let c): return L10n.t("match.reason.freePlaces", f, c, language: lang)
        case .full(let l, let c): return L10n.t("match.reason.full", l, c, language: lang)
        case .vogValid(let d): return L10n.t("match.reason.vogValid", date(d), language: lang)
        case .vogExpired(let d): return L10n.t("match.reason.vogExpired", date(d), language: lang)
        case .vogMissing: return L10n.t("match.reason.vogMissing", language: lang)
        case .clientAnyTime: return L10n.t("match.reason.clientAnyTime", language: lang)
        case .commonDayParts(let parts): return L10n.t("match.reason.commonDayParts", parts.joined(separator: ", "), language: lang)
        case .noCommonDayParts: return L10n.t("match.reason.noCommonDayParts", language: lang)
        case .buddyHasNoDayParts: return L10n.t("match.reason.buddyHasNoDayParts", language: lang)
        case .noLanguageWish: return L10n.t("match.reason.noLanguageWish", language: lang)
        case .speaksLanguage(let l): return L10n.t("match.reason.speaksLanguage", languageName(l), language: lang)
        case .lacksLanguage(let l): return L10n.t("match.reason.lacksLanguage", languageName(l), language: lang)
        case .noGenderWish: return L10n.t("match.reason.noGenderWish", language: lang)
        case .genderAsWished(let g): return L10n.t("match.reason.genderAsWished", label("genders", g), language: lang)
        case .genderNotAsWished(let w, let b): return L10n.t("match.reason.genderNotAsWished", label("genders", w), label("genders", b), language: lang)
        case .noLocationWish: return L10n.t("match.reason.noLocationWish", language: lang)
        case .sameMunicipality(let m): return L10n.t("match.reason.sameMunicipality", place(m), language: lang)
        case .sameRegion(let r, let m):
            let region = ref.region(r).map { lang == .en ? $0.en : $0.nl } ?? r
            return L10n.t("match.reason.sameRegion", region, place(m), language: lang)
        case .otherPlace(let w, let m): return L10n.t("match.reason.otherPlace", place(w), place(m), language: lang)
        case .ageDifference(let y): return L10n.t("match.reason.ageDifference", y, language: lang)
        case .ageUnknown: return L10n.t("match.reason.ageUnknown", language: lang)
        }
    }
}

/// One criterion of one pair: hard (must hold) or soft (scores points), and why.
public struct CriterionResult: Hashable, Sendable {
    public enum Requirement: String, Hashable, Sendable { case hard, soft }
    public let criterion: MatchCriterion
    public let requirement: Requirement
    /// Always true for a soft criterion: a soft one can only score fewer points.
    public let passed: Bool
    public let points: Int
    public let maxPoints: Int
    public let reason: MatchReason

    public init(criterion: MatchCriterion, requirement: Requirement, passed: Bool, points: Int, maxPoints: Int, reason: MatchReason) {
        self.criterion = criterion; self.requirement = requirement; self.passed = passed
        self.points = points; self.maxPoints = maxPoints; self.reason = reason
    }

    /// "Taal (eis): spreekt Arabisch" — the line the UI shows.
    public func text(_ language: Language? = nil) -> String {
        let lang = language ?? L10n.language
        let kind = requirement == .hard ? L10n.t("match.requirement.hard", language: lang) : L10n.t("match.requirement.soft", language: lang)
        let points = maxPoints > 0 ? " " + L10n.t("match.points", self.points, maxPoints, language: lang) : ""
        return "\(criterion.title(lang)) (\(kind)): \(reason.text(lang))\(points)"
    }
}
