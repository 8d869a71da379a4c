import Foundation

/// Points for the soft criteria of a match. Integers, so scores are exact and the
/// optimal assignment can build its lexicographic objective from them without rounding.
public struct MatchWeights: Equatable, Sendable {
    /// The client's language wish is met (or there is none).
    public var language: Int
    /// The wished gender of the buddy is met (or there is none).
    public var gender: Int
    /// Buddy lives in the wished municipality (or there is no wish).
    public var sameMunicipality: Int
    /// Buddy lives elsewhere in the wished municipality's region.
    public var sameRegion: Int
    /// Day parts both can meet: full points from three shared day parts (or a client who can any time).
    public var availability: Int
    /// Spread the work: full points for a buddy with no clients yet, less as places fill.
    public var loadBalance: Int
    /// Closeness in age (full at the same age, none from 30 years apart; half when unknown).
    public var ageCloseness: Int

    /// Each weight is kept within 0…1000: a negative weight would turn a wish into an
    /// aversion, and the bound keeps the assignment's integer objective far from overflow.
    public init(language: Int = 30, gender: Int = 20, sameMunicipality: Int = 20, sameRegion: Int = 10,
                availability: Int = 10, loadBalance: Int = 15, ageCloseness: Int = 5) {
        func clamp(_ v: Int) -> Int { min(max(v, 0), 1000) }
        self.language = clamp(language); self.gender = clamp(gender)
        self.sameMunicipality = clamp(sameMunicipality); self.sameRegion = min(clamp(sameRegion), clamp(sameMunicipality))
        self.availability = clamp(availability); self.loadBalance = clamp(loadBalance); self.ageCloseness = clamp(ageCloseness)
    }

    /// The highest score a pair can reach: the bound the optimal assignment needs.
    public var maximum: Int { language + gender + sameMunicipality + availability + loadBalance + ageCloseness }
}

/// What a hard municipality wish requires.
public enum LocationScope: String, Sendable, CaseIterable {
    /// The buddy lives in the wished municipality.
    case municipality
    /// The buddy lives in the wished municipality or elsewhere in its region.
    case region
}

/// The rules matching works by. `today` is injected: matching never reads the clock.
public struct MatchingPolicy: Equatable, Sendable {
    public var today: CalendarDate
    /// A VOG (certificate of conduct) counts for this many years after its date.
    public var vogValidYears: Int
    public var weights: MatchWeights
    /// What a request's `municipalityHard` demands.
    public var hardLocationScope: LocationScope
    /// Matches in these statuses take up a buddy's place (as the maatjes pane counts load).
    public var loadStatuses: Set<String>

    public init(today: CalendarDate, vogValidYears: Int = 3, weights: MatchWeights = MatchWeights(),
                hardLocationScope: LocationScope = .municipality,
                loadStatuses: Set<String> = ["voorgesteld", "kennismaking", "actief"]) {
        self.today = today; self.vogValidYears = max(0, vogValidYears); self.weights = weights
        self.hardLocationScope = hardLocationScope; self.loadStatuses = loadStatuses
    }

    /// A VOG dated before this day has expired.
    public var vogCutoff: CalendarDate { today.adding(years: -vogValidYears) }
}
