import Foundation

/// Receives each criterion of a pair as it is judged. The reason is an autoclosure so the
/// scoring pass (thousands of pairs) never builds explanation values it throws away.
protocol PairSink {
    mutating func record(_ criterion: MatchCriterion, hard: Bool, passed: Bool, points: Int, maxPoints: Int,
                         reason: @autoclosure () -> MatchReason)
}

/// Just the outcome: failed hard criteria and points, no allocations.
struct PairScore: PairSink {
    var failed = CriterionSet()
    /// Points of every soft criterion except load balance (that one depends on the place taken).
    var pairPoints = 0
    var loadPoints = 0
    var score: Int { pairPoints + loadPoints }
    var eligible: Bool { failed.isEmpty }

    mutating func record(_ criterion: MatchCriterion, hard: Bool, passed: Bool, points: Int, maxPoints: Int,
                         reason: @autoclosure () -> MatchReason) {
        if !passed { failed.insert(criterion) }
        if criterion == .capacity { loadPoints = points } else { pairPoints += points }
    }
}

/// The full explanation, one result per criterion.
struct PairExplanation: PairSink {
    var results: [CriterionResult] = []
    mutating func record(_ criterion: MatchCriterion, hard: Bool, passed: Bool, points: Int, maxPoints: Int,
                         reason: @autoclosure () -> MatchReason) {
        results.append(CriterionResult(criterion: criterion, requirement: hard ? .hard : .soft, passed: passed,
                                       points: points, maxPoints: maxPoints, reason: reason()))
    }
}

/// The one place that decides whether a buddy may take a request (hard constraints) and
/// how well they fit (soft points). Ranking, the optimal assignment and the greedy
/// baseline all ask it, so they can never disagree about a constraint.
struct PairEvaluator: Sendable {
    let weights: MatchWeights
    let vogCutoff: CalendarDate
    let vogValidYears: Int
    let scope: LocationScope

    init(policy: MatchingPolicy) {
        weights = policy.weights; vogCutoff = policy.vogCutoff; vogValidYears = policy.vogValidYears; scope = policy.hardLocationScope
    }

    /// Load-balance points for taking a place when `used` of `capacity` are taken:
    /// full for an empty buddy, falling as places fill. Never rises with `used`, which the
    /// assignment relies on (its places are taken in order, cheapest first).
    func loadPoints(capacity: Int, used: Int) -> Int {
        guard capacity > 0, used < capacity else { return 0 }
        return weights.loadBalance * (capacity - max(0, used)) / capacity
    }

    /// True when nothing about the request can make this buddy eligible (inactive, no VOG,
    /// no place, no day parts): the assignment leaves such buddies out before pairing.
    func unavailable(_ b: BuddyCandidate) -> Bool {
        b.status != "actief" || !b.hasAvailability || b.freePlaces == 0 || b.dayParts.isEmpty
            || (b.vogDate.map { $0 < vogCutoff } ?? true)
    }

    func score(_ r: BuddyRequest, _ b: BuddyCandidate, used: Int) -> PairScore {
        var s = PairScore()
        evaluate(r, b, used: used, into: &s)
        return s
    }

    func explain(_ r: BuddyRequest, _ b: BuddyCandidate, used: Int) -> [CriterionResult] {
        var s = PairExplanation()
        s.results.reserveCapacity(MatchCriterion.allCases.count)
        evaluate(r, b, used: used, into: &s)
        return s.results
    }

    /// `used`: places of the buddy taken before this request (its current load when ranking,
    /// plus earlier lines of the same proposal when assigning).
    @inline(__always)
    func evaluate<S: PairSink>(_ r: BuddyRequest, _ b: BuddyCandidate, used: Int, into s: inout S) {
        let w = weights

        let sameType = r.maatjeType == b.maatjeType
        s.record(.type, hard: true, passed: sameType, points: 0, maxPoints: 0,
                 reason: sameType ? .typeMatches(b.maatjeType) : .typeDiffers(requested: r.maatjeType, buddy: b.maatjeType))

        let active = b.status == "actief"
        s.record(.status, hard: true, passed: active, points: 0, maxPoints: 0, reason: active ? .buddyActive : .buddyInactive(status: b.status))

        if !b.hasAvailability {
            s.record(.capacity, hard: true, passed: false, points: 0, maxPoints: w.loadBalance, reason: .noAvailabilityRecord)
        } else {
            let free = b.capacity - used
            s.record(.capacity, hard: true, passed: free > 0, points: loadPoints(capacity: b.capacity, used: used), maxPoints: w.loadBalance,
                     reason: free > 0 ? .freePlaces(free: free, capacity: b.capacity) : .full(load: used, capacity: b.capacity))
        }

        if let vog = b.vogDate {
            let valid = vog >= vogCutoff
            s.record(.screening, hard: true, passed: valid, points: 0, maxPoints: 0,
                     reason: valid ? .vogValid(until: vog.adding(years: vogValidYears)) : .vogExpired(on: vog.adding(years: vogValidYears)))
        } else {
            s.record(.screening, hard: true, passed: false, points: 0, maxPoints: 0, reason: .vogMissing)
        }

        if b.dayParts.isEmpty {
            s.record(.availability, hard: true, passed: false, points: 0, maxPoints: w.availability, reason: .buddyHasNoDayParts)
        } else if let wanted = r.dayParts {
            let common = wanted.intersection(b.dayParts)
            s.record(.availability, hard: true, passed: !common.isEmpty, points: w.availability * min(common.count, 3) / 3, maxPoints: w.availability,
                     reason: common.isEmpty ? .noCommonDayParts : .commonDayParts(common.labels))
        } else {
            s.record(.availability, hard: true, passed: true, points: w.availability, maxPoints: w.availability, reason: .clientAnyTime)
        }

        if let language = r.language {
            let speaks = b.languages.contains(language)
            s.record(.language, hard: r.languageHard, passed: speaks || !r.languageHard, points: speaks ? w.language : 0, maxPoints: w.language,
                     reason: speaks ? .speaksLanguage(language) : .lacksLanguage(language))
        } else {
            s.record(.language, hard: false, passed: true, points: w.language, maxPoints: w.language, reason: .noLanguageWish)
        }

        if let gender = r.buddyGender {
            let same = b.gender == gender
            s.record(.gender, hard: r.buddyGenderHard, passed: same || !r.buddyGenderHard, points: same ? w.gender : 0, maxPoints: w.gender,
                     reason: same ? .genderAsWished(gender) : .genderNotAsWished(wished: gender, buddy: b.gender))
        } else {
            s.record(.gender, hard: false, passed: true, points: w.gender, maxPoints: w.gender, reason: .noGenderWish)
        }

        if let place = r.municipality {
            if b.municipality == place {
                s.record(.location, hard: r.municipalityHard, passed: true, points: w.sameMunicipality, maxPoints: w.sameMunicipality,
                         reason: .sameMunicipality(place))
            } else if let region = r.region, region == b.region {
                s.record(.location, hard: r.municipalityHard, passed: !r.municipalityHard || scope == .region, points: w.sameRegion,
                         maxPoints: w.sameMunicipality, reason: .sameRegion(region: region, buddyMunicipality: b.municipality))
            } else {
                s.record(.location, hard: r.municipalityHard, passed: !r.municipalityHard, points: 0, maxPoints: w.sameMunicipality,
                         reason: .otherPlace(wished: place, buddyMunicipality: b.municipality))
            }
        } else {
            s.record(.location, hard: false, passed: true, points: w.sameMunicipality, maxPoints: w.sameMunicipality, reason: .noLocationWish)
        }

        if let a = r.clientBirthYear, let c = b.birthYear {
            let difference = abs(a - c)
            s.record(.age, hard: false, passed: true, points: w.ageCloseness * max(0, 30 - difference) / 30, maxPoints: w.ageCloseness,
                     reason: .ageDifference(years: difference))
        } else {
            // Unknown is neither rewarded nor punished: half, so a known close age still ranks higher.
            s.record(.age, hard: false, passed: true, points: w.ageCloseness / 2, maxPoints: w.ageCloseness, reason: .ageUnknown)
        }
    }
}
