import Foundation
import Core

// Issue 7's matching targets on synthetic data (seeded, so every run sees the same
// instance): ranking one request among 5,000 buddies, and the optimal assignment of
// 1,000 waiting requests to 500 buddies. Called from main.swift; returns table rows.

func matchingBenchmarks(today: CalendarDate) -> [(what: String, value: String, target: String)] {
    let engine = MatchingEngine(policy: MatchingPolicy(today: today))
    var rng = SeededRandom(seed: 7)
    var rows: [(what: String, value: String, target: String)] = []

    // 1. Ranked candidates for one request among 5,000 buddies (median of 21 runs).
    let many = (0..<5000).map { _ in MatchingBenchData.buddy(today: today, rng: &rng) }
    let request = BuddyRequest(id: rng.uuid(), caseID: rng.uuid(), maatjeType: "sociaal", language: "ar", buddyGender: "vrouw",
                               municipality: "den-haag", urgency: .hoog, waitingSince: today.adding(days: -40),
                               dayParts: DayPartSet(labels: ["ma-avond", "di-avond", "wo-middag", "do-avond", "za-ochtend", "za-middag"]),
                               clientBirthYear: today.year - 24)
    var eligible = 0
    var rankTimes: [Double] = []
    for _ in 0..<21 {
        rankTimes.append(matchingSeconds { eligible = engine.rankCandidates(for: request, among: many).eligible.count })
    }
    rows.append(("Ranked candidates for one request among 5,000 buddies (\(eligible) eligible, explained; median of 21)",
                 matchingMillis(matchingMedian(rankTimes)), "< 10 ms"))

    // 2. Optimal assignment of 1,000 requests to 500 buddies (median of 5 runs).
    let buddies = (0..<500).map { _ in MatchingBenchData.buddy(today: today, rng: &rng) }
    let requests = (0..<1000).map { _ in MatchingBenchData.request(today: today, rng: &rng) }
    var proposal: MatchProposal?
    var assignTimes: [Double] = []
    for _ in 0..<5 {
        assignTimes.append(matchingSeconds { proposal = engine.proposeAssignment(requests: requests, buddies: buddies) })
    }
    let places = buddies.reduce(0) { $0 + max(0, $1.capacity - $1.activeLoad) }
    rows.append(("Optimal assignment of 1,000 requests to 500 buddies (\(places) free places; median of 5)",
                 matchingMillis(matchingMedian(assignTimes)), "< 1 s"))
    let greedy = engine.greedyAssignment(requests: requests, buddies: buddies)
    rows.append(("Matched by the optimal / greedy assignment (same instance)",
                 "\(proposal?.lines.count ?? 0) / \(greedy.lines.count)", "optimal ≥ greedy"))
    return rows
}

/// Synthetic buddies and requests, shaped like the demo data (DemoGenerator): no names.
enum MatchingBenchData {
    static let places: [(String, Int)] = [("den-haag", 60), ("zoetermeer", 8), ("delft", 8), ("westland", 4), ("rijswijk", 4),
                                          ("leidschendam-voorburg", 4), ("apeldoorn", 4), ("doetinchem", 4), ("zutphen", 4)]
    static let languages = ["en", "ar", "fr", "pl", "ro", "bg", "es", "ti", "uk", "tr"]

    static func dayParts(_ count: ClosedRange<Int>, rng: inout SeededRandom) -> DayPartSet {
        DayPartSet(labels: Array(DayPartSet.allLabels.shuffled(using: &rng).prefix(Int.random(in: count, using: &rng))))
    }

    static func buddy(today: CalendarDate, rng: inout SeededRandom) -> BuddyCandidate {
        let capacity = rng.weighted([(1, 50), (2, 35), (3, 15)])
        var languages = ["nl"]
        for _ in 0..<Int.random(in: 0...2, using: &rng) { languages.append(rng.pick(Self.languages)) }
        return BuddyCandidate(id: rng.uuid(), maatjeType: rng.chance(0.45) ? "juridisch" : "sociaal",
                              status: rng.weighted([("actief", 85), ("pauze", 10), ("gestopt", 5)]),
                              languages: languages, gender: rng.chance(0.7) ? "vrouw" : "man",
                              birthYear: rng.chance(0.9) ? today.year - Int.random(in: 21...70, using: &rng) : nil,
                              municipality: rng.weighted(places), dayParts: dayParts(2...8, rng: &rng), capacity: capacity,
                              activeLoad: rng.chance(0.3) ? Int.random(in: 0...capacity, using: &rng) : 0,
                              vogDate: rng.chance(0.95) ? today.adding(days: -Int.random(in: 10...1300, using: &rng)) : nil)
    }

    static func request(today: CalendarDate, rng: inout SeededRandom) -> BuddyRequest {
        let language: String? = rng.chance(0.35) ? rng.pick(languages) : nil
        let gender: String? = rng.chance(0.3) ? (rng.chance(0.8) ? "vrouw" : "man") : nil
        let place: String? = rng.chance(0.4) ? rng.weighted(places) : nil
        return BuddyRequest(id: rng.uuid(), caseID: rng.uuid(), maatjeType: rng.chance(0.45) ? "juridisch" : "sociaal",
                            language: language, languageHard: rng.chance(0.3), buddyGender: gender, buddyGenderHard: rng.chance(0.3),
                            municipality: place, municipalityHard: rng.chance(0.15),
                            urgency: rng.weighted([(RequestUrgency.laag, 25), (.normaal, 55), (.hoog, 20)]),
                            waitingSince: today.adding(days: -Int.random(in: 0...365, using: &rng)),
                            dayParts: rng.chance(0.6) ? dayParts(3...10, rng: &rng) : nil,
                            clientBirthYear: rng.chance(0.8) ? today.year - Int.random(in: 15...50, using: &rng) : nil)
    }
}

private func matchingSeconds(_ body: () -> Void) -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

private func matchingMedian(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

/// "3.21 ms", without String(format:).
private func matchingMillis(_ seconds: Double) -> String {
    let hundredths = Int((seconds * 100_000).rounded())
    let fraction = hundredths % 100
    return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction) ms"
}
