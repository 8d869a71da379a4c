import Foundation
import PropertyBased
import Testing
@testable import Core

/// Random instances, small value domains on purpose: many buddies fit many requests, so
/// requests compete for places and priorities and scores tie often.
enum MatchingGen {
    typealias F = MatchingFixtures
    static let places = ["den-haag", "delft", "apeldoorn"]   // two in one region, one elsewhere
    static let languages = ["en", "ar", "ti"]

    struct Instance: Sendable, CustomStringConvertible {
        let requests: [BuddyRequest]
        let buddies: [BuddyCandidate]
        var description: String {
            let rs = requests.enumerated().map { i, r in
                "R\(i)[\(r.maatjeType.prefix(1)) \(r.urgency.rawValue) \(r.waitingSince.iso) lang=\(r.language ?? "-")\(r.languageHard ? "!" : "") "
                    + "gender=\(r.buddyGender ?? "-")\(r.buddyGenderHard ? "!" : "") place=\(r.municipality ?? "-")\(r.municipalityHard ? "!" : "") "
                    + "parts=\(r.dayParts.map { String($0.mask) } ?? "any") born=\(r.clientBirthYear.map(String.init) ?? "-")]"
            }
            let bs = buddies.enumerated().map { j, b in
                "B\(j)[\(b.maatjeType.prefix(1)) \(b.status) cap=\(b.capacity) load=\(b.activeLoad) langs=\(b.languages) \(b.gender) "
                    + "\(b.municipality) parts=\(b.dayParts.mask) vog=\(b.vogDate?.iso ?? "-") born=\(b.birthYear.map(String.init) ?? "-")]"
            }
            return (rs + bs).joined(separator: "\n")
        }
    }

    static let buddySpec = zip(Gen.int(in: 0...3), Gen.int(in: 0...9), Gen.int(in: 1...3), Gen.int(in: 0...2), Gen.int(in: 0...7),
                               Gen.int(in: 0...1), Gen.int(in: 0...2), Gen.int(in: 1...63), Gen.int(in: 0...9), Gen.int(in: 0...3))

    static let requestSpec = zip(zip(Gen.int(in: 0...3), Gen.int(in: 0...3), Gen.bool, Gen.int(in: 0...2), Gen.bool, Gen.int(in: 0...3),
                                     Gen.bool(0.3), Gen.int(in: 0...2), Gen.int(in: 0...3), Gen.int(in: 0...63)),
                                 Gen.int(in: 0...3))

    static func buddy(_ j: Int, _ s: (Int, Int, Int, Int, Int, Int, Int, Int, Int, Int)) -> BuddyCandidate {
        let (type, status, capacity, load, langs, gender, place, parts, vog, born) = s
        return BuddyCandidate(
            id: F.id(j), maatjeType: type == 0 ? "juridisch" : "sociaal", status: status == 0 ? "pauze" : status == 1 ? "gestopt" : "actief",
            languages: ["nl"] + languages.enumerated().compactMap { langs & (1 << $0.offset) != 0 ? $0.element : nil },
            gender: gender == 0 ? "vrouw" : "man", birthYear: born == 0 ? nil : 1960 + 10 * born, municipality: places[place],
            dayParts: DayPartSet(mask: UInt32(parts)), capacity: capacity, activeLoad: min(load, capacity),
            vogDate: vog == 0 ? nil : vog == 1 ? F.today.adding(years: -4) : F.today.adding(days: -30 * vog))
    }

    static func request(_ i: Int, _ s: ((Int, Int, Bool, Int, Bool, Int, Bool, Int, Int, Int), Int)) -> BuddyRequest {
        let ((type, language, languageHard, gender, genderHard, place, placeHard, urgency, waiting, parts), born) = s
        return BuddyRequest(
            id: F.id(i, kind: 0xA0), caseID: F.id(i, kind: 0xC0), maatjeType: type == 0 ? "juridisch" : "sociaal",
            language: language == 0 ? nil : languages[language - 1], languageHard: languageHard,
            buddyGender: gender == 0 ? nil : gender == 1 ? "vrouw" : "man", buddyGenderHard: genderHard,
            municipality: place == 0 ? nil : places[place - 1], municipalityHard: placeHard,
            urgency: RequestUrgency.allCases[urgency], waitingSince: F.today.adding(days: -7 * waiting),
            dayParts: parts == 0 ? nil : DayPartSet(mask: UInt32(parts)), clientBirthYear: born == 0 ? nil : 1965 + 10 * born)
    }

    static func instance(requests: ClosedRange<Int>, buddies: ClosedRange<Int>) -> Generator<Instance, some Sequence> {
        zip(requestSpec.array(of: requests), buddySpec.array(of: buddies)).map { rs, bs in
            Instance(requests: rs.enumerated().map { request($0.offset, $0.element) },
                     buddies: bs.enumerated().map { buddy($0.offset, $0.element) })
        }
    }
}

@Suite struct MatchingPropertyTests {
    typealias F = MatchingFixtures
    typealias Instance = MatchingGen.Instance

    /// Lines break no hard constraint (checked from first principles, not by the engine),
    /// no buddy gets more clients than free places, every request is listed exactly once.
    func checkValid(_ p: MatchProposal, _ inst: Instance, policy: MatchingPolicy) {
        let requests = Dictionary(uniqueKeysWithValues: inst.requests.map { ($0.id, $0) })
        let buddies = Dictionary(uniqueKeysWithValues: inst.buddies.map { ($0.id, $0) })
        var perBuddy: [UUID: Int] = [:]
        for line in p.lines {
            guard let r = requests[line.request], let b = buddies[line.buddy] else { Issue.record("unknown id in \(line)"); continue }
            #expect(F.violations(r, b, policy: policy).isEmpty, "\(F.violations(r, b, policy: policy))")
            #expect(line.criteria.allSatisfy { $0.passed })
            #expect(line.score == line.criteria.reduce(0) { $0 + $1.points } && line.score <= line.maxScore)
            perBuddy[b.id, default: 0] += 1
        }
        for (id, count) in perBuddy { #expect(count <= (buddies[id]?.freePlaces ?? 0)) }
        let listed: [UUID] = p.lines.map(\.request) + p.unmatched.map(\.request)
        let listedIDs: [String] = listed.map(\.uuidString).sorted()
        let allIDs: [String] = inst.requests.map(\.id.uuidString).sorted()
        #expect(listedIDs == allIDs)
        // Listed in priority order.
        let priorities = p.lines.map(\.priority)
        #expect(zip(priorities, priorities.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test func hardConstraintsAreNeverViolated() async {
        await propertyCheck(count: 150, input: MatchingGen.instance(requests: 1...12, buddies: 1...8), Gen.bool) { inst, regional in
            let policy = MatchingPolicy(today: F.today, hardLocationScope: regional ? .region : .municipality)
            let engine = MatchingEngine(policy: policy)
            checkValid(engine.proposeAssignment(requests: inst.requests, buddies: inst.buddies), inst, policy: policy)
            checkValid(engine.greedyAssignment(requests: inst.requests, buddies: inst.buddies), inst, policy: policy)
            // The ranking agrees with the first-principles check for every pair, both ways.
            for r in inst.requests {
                let ranking = engine.rankCandidates(for: r, among: inst.buddies, includeIneligible: true)
                let eligible = Set(inst.buddies.filter { F.violations(r, $0, policy: policy).isEmpty }.map(\.id))
                #expect(Set(ranking.eligible.map(\.buddy)) == eligible)
                #expect(ranking.eligible.count + ranking.ineligible.count == inst.buddies.count)
                #expect(ranking.ineligible.allSatisfy { !$0.whyNot.isEmpty && $0.failed.count == $0.whyNot.count })
                let scores = ranking.eligible.map(\.score)
                #expect(zip(scores, scores.dropFirst()).allSatisfy { $0 >= $1 })
            }
        }
    }

    @Test func optimalIsNeverWorseThanGreedy() async {
        await propertyCheck(count: 200, input: MatchingGen.instance(requests: 1...25, buddies: 1...10)) { inst in
            let optimal = F.engine.proposeAssignment(requests: inst.requests, buddies: inst.buddies)
            let greedy = F.engine.greedyAssignment(requests: inst.requests, buddies: inst.buddies)
            #expect(F.objective(optimal) >= F.objective(greedy), "optimal \(F.objective(optimal)) greedy \(F.objective(greedy))")
        }
    }

    @Test func optimalEqualsBruteForceOnSmallInstances() async {
        await propertyCheck(count: 300, input: MatchingGen.instance(requests: 1...6, buddies: 1...4)) { inst in
            let optimal = F.engine.proposeAssignment(requests: inst.requests, buddies: inst.buddies)
            let best = BruteForce(engine: F.engine, inst: inst).best()
            #expect(F.objective(optimal) == best, "optimal \(F.objective(optimal)) brute force \(best)")
        }
    }

    /// Level 1 on larger instances, against a plain augmenting-path maximum matching.
    @Test func matchesAsManyAsAMaximumMatching() async {
        await propertyCheck(count: 60, input: MatchingGen.instance(requests: 10...40, buddies: 3...15)) { inst in
            let optimal = F.engine.proposeAssignment(requests: inst.requests, buddies: inst.buddies)
            #expect(optimal.lines.count == BruteForce(engine: F.engine, inst: inst).maximumMatching())
        }
    }
}

/// Every assignment of a small instance, and the best by the lexicographic objective.
struct BruteForce {
    let engine: MatchingEngine
    let inst: MatchingGen.Instance

    var feasible: [[Int]] {
        inst.requests.map { r in inst.buddies.indices.filter { engine.evaluator.score(r, inst.buddies[$0], used: inst.buddies[$0].activeLoad).eligible } }
    }

    func best() -> MatchingFixtures.Objective {
        let feasible = self.feasible
        var choice = [Int](repeating: -1, count: inst.requests.count)
        var taken = [Int](repeating: 0, count: inst.buddies.count)
        var best: MatchingFixtures.Objective?
        func visit(_ i: Int) {
            if i == inst.requests.count {
                let o = objective(choice)
                if best.map({ o > $0 }) ?? true { best = o }
                return
            }
            choice[i] = -1
            visit(i + 1)
            for j in feasible[i] where taken[j] < inst.buddies[j].freePlaces {
                taken[j] += 1; choice[i] = j
                visit(i + 1)
                taken[j] -= 1; choice[i] = -1
            }
        }
        visit(0)
        return best ?? MatchingFixtures.Objective(matched: 0, priorities: [], score: 0)
    }

    /// Total score: each pair's points, and each buddy's load points for the places it fills, in order.
    func objective(_ choice: [Int]) -> MatchingFixtures.Objective {
        var score = 0, count = [Int](repeating: 0, count: inst.buddies.count)
        var priorities: [RequestPriority] = []
        for (i, j) in choice.enumerated() where j >= 0 {
            let b = inst.buddies[j]
            score += engine.evaluator.score(inst.requests[i], b, used: b.activeLoad).pairPoints
            score += engine.evaluator.loadPoints(capacity: b.capacity, used: b.activeLoad + count[j])
            count[j] += 1
            priorities.append(inst.requests[i].priority)
        }
        return .init(matched: priorities.count, priorities: priorities.sorted(by: >), score: score)
    }

    /// Kuhn's augmenting paths over the buddies' free places.
    func maximumMatching() -> Int {
        let feasible = self.feasible
        var holders = inst.buddies.map { _ in [Int]() }
        func augment(_ i: Int, _ seen: inout Set<Int>) -> Bool {
            for j in feasible[i] where !seen.contains(j) {
                seen.insert(j)
                if holders[j].count < inst.buddies[j].freePlaces { holders[j].append(i); return true }
                for (k, other) in holders[j].enumerated() where augment(other, &seen) { holders[j][k] = i; return true }
            }
            return false
        }
        var matched = 0
        for i in inst.requests.indices {
            var seen = Set<Int>()
            if augment(i, &seen) { matched += 1 }
        }
        return matched
    }
}
