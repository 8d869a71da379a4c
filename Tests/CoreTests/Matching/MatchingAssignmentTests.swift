import Foundation
import Testing
@testable import Core

/// Ranking one request, and the whole waiting list, on hand-built examples.
@Suite struct MatchingRankingTests {
    typealias F = MatchingFixtures
    let engine = F.engine

    @Test func ranksByScoreThenId() {
        let r = F.request(1, language: "ar", gender: "man")
        let buddies = [
            F.buddy(4, languages: ["nl"], gender: "vrouw"),
            F.buddy(3, languages: ["nl", "ar"], gender: "man"),
            F.buddy(2, languages: ["nl"], gender: "vrouw"),   // same score as 4: the lower id first
            F.buddy(1, languages: ["nl", "ar"], gender: "vrouw"),
            F.buddy(5, type: "juridisch"),
            F.buddy(6, status: "pauze", vog: nil),
        ]
        let ranking = engine.rankCandidates(for: r, among: buddies, includeIneligible: true)
        #expect(ranking.eligible.map(\.buddy) == [F.id(3), F.id(1), F.id(2), F.id(4)])
        #expect(ranking.eligible.map(\.score) == [100 - 5 + 2, 100 - 20 - 5 + 2, 100 - 50 - 5 + 2, 100 - 50 - 5 + 2])
        #expect(ranking.eligibleCount == 4)
        // The closest miss first: one failed constraint before two.
        #expect(ranking.ineligible.map(\.buddy) == [F.id(5), F.id(6)])
        #expect(ranking.ineligible[1].failed == CriterionSet([.status, .screening]))
        #expect(ranking.ineligible[1].whyNot.map(\.reason) == [.buddyInactive(status: "pauze"), .vogMissing])

        let top = engine.rankCandidates(for: r, among: buddies, limit: 2)
        #expect(top.eligible.map(\.buddy) == [F.id(3), F.id(1)] && top.eligibleCount == 4 && top.ineligible.isEmpty)
        // Input order does not matter.
        #expect(engine.rankCandidates(for: r, among: buddies.reversed(), includeIneligible: true) == ranking)
    }

    @Test func loadBalancePrefersTheLessBusyBuddy() {
        let r = F.request(1)
        let ranking = engine.rankCandidates(for: r, among: [F.buddy(1, capacity: 3, load: 2), F.buddy(2, capacity: 2, load: 0)])
        #expect(ranking.eligible.map(\.buddy) == [F.id(2), F.id(1)])
    }
}

@Suite struct MatchingAssignmentTests {
    typealias F = MatchingFixtures
    let engine = F.engine

    /// Greedy gives the more urgent client the better buddy, who was the only one the other
    /// client could have: one client left waiting. The optimum matches both.
    @Test func optimalMatchesMoreThanGreedy() {
        let urgent = F.request(1, language: "ar", urgency: .hoog)
        let other = F.request(2, language: "ar", languageHard: true)
        let speaksArabic = F.buddy(1, languages: ["nl", "ar"]), dutchOnly = F.buddy(2)
        let greedy = engine.greedyAssignment(requests: [urgent, other], buddies: [speaksArabic, dutchOnly])
        #expect(greedy.lines.map(\.buddy) == [speaksArabic.id])
        #expect(greedy.unmatched.map(\.reason) == [.placesTaken(eligibleBuddies: 1)])
        let optimal = engine.proposeAssignment(requests: [urgent, other], buddies: [speaksArabic, dutchOnly])
        #expect(optimal.method == .optimal)
        #expect(optimal.lines.map(\.request) == [urgent.id, other.id])
        #expect(optimal.lines.map(\.buddy) == [dutchOnly.id, speaksArabic.id])
        #expect(optimal.unmatched.isEmpty)
    }

    @Test func urgencyThenWaitingTimeThenQuality() {
        let buddy = F.buddy(1, languages: ["nl", "ar"])
        // Urgency beats a better fit.
        let urgent = F.request(1, urgency: .hoog, waitingDays: 1)
        let betterFit = F.request(2, language: "ar", urgency: .normaal, waitingDays: 300)
        #expect(engine.proposeAssignment(requests: [betterFit, urgent], buddies: [buddy]).lines.map(\.request) == [urgent.id])
        // Same urgency: the longest waiting.
        let longest = F.request(3, waitingDays: 90)
        #expect(engine.proposeAssignment(requests: [betterFit.with(waitingDays: 60), longest], buddies: [buddy]).lines.map(\.request) == [longest.id])
        // Same priority: the better fit.
        let plain = F.request(4, language: "fr", waitingDays: 300)
        let proposal = engine.proposeAssignment(requests: [plain, betterFit], buddies: [buddy])
        #expect(proposal.lines.map(\.request) == [betterFit.id])
        #expect(proposal.unmatched.map(\.request) == [plain.id])
    }

    /// Priority is never traded for quality: leaving the urgent client (who fits only Y, and
    /// poorly) out would let two normal clients both have a perfect fit, but the urgent one goes first.
    @Test func priorityOverQuality() {
        let urgent = F.request(1, urgency: .hoog, dayParts: ["ma-avond"])
        let n1 = F.request(2, language: "ar", gender: "man", waitingDays: 100)
        let n2 = F.request(3, language: "ar", languageHard: true, waitingDays: 50)
        let x = F.buddy(1, languages: ["nl", "ar"], gender: "man", dayParts: ["wo-avond"])
        let y = F.buddy(2, languages: ["nl", "ar"], gender: "man", dayParts: ["ma-avond", "wo-avond"])
        let p = engine.proposeAssignment(requests: [n2, n1, urgent], buddies: [x, y])
        #expect(p.lines.map(\.request) == [urgent.id, n1.id])
        #expect(p.lines.map(\.buddy) == [y.id, x.id])
        #expect(p.unmatched.map(\.request) == [n2.id])
    }

    @Test func capacityAndLoadAcrossLines() {
        let buddy = F.buddy(1, capacity: 3, load: 1)
        let requests = (1...4).map { F.request($0, waitingDays: 10 * $0) }
        let p = engine.proposeAssignment(requests: requests, buddies: [buddy])
        // Two free places: the two longest waiting.
        #expect(p.lines.map(\.request) == [F.request(4).id, F.request(3).id])
        // The second place earns fewer load points (1 of 3 free after the first: 5 instead of 10).
        #expect(p.lines.map { $0.criteria.first { $0.criterion == .capacity }?.points } == [10, 5])
        #expect(p.lines[0].score - p.lines[1].score == 5)
        #expect(p.unmatched.map(\.reason) == [.placesTaken(eligibleBuddies: 1), .placesTaken(eligibleBuddies: 1)])
    }

    @Test func unmatchedSaysWhatBlocks() {
        let r = F.request(1, type: "juridisch", language: "ti", languageHard: true)
        let buddies = [F.buddy(1, type: "juridisch"), F.buddy(2, type: "juridisch", capacity: 1, load: 1, vog: nil), F.buddy(3)]
        let p = engine.proposeAssignment(requests: [r], buddies: buddies)
        #expect(p.unmatched.map(\.reason) == [.noEligibleBuddy(blocking: [.init(criterion: .capacity, buddies: 1), .init(criterion: .screening, buddies: 1),
                                                                          .init(criterion: .language, buddies: 2)])])
        #expect(p.unmatched[0].reason.text(.nl) == "geen geschikt maatje; afgewezen op: Plek (1), VOG (1), Taal (2)")
        let noType = engine.proposeAssignment(requests: [F.request(2, type: "juridisch")], buddies: [F.buddy(3)])
        #expect(noType.unmatched.map(\.reason) == [.noEligibleBuddy(blocking: [.init(criterion: .type, buddies: 1)])])
        #expect(engine.proposeAssignment(requests: [r], buddies: []).unmatched.count == 1)
        #expect(engine.proposeAssignment(requests: [], buddies: buddies).lines.isEmpty)
    }

    @Test func typesAreSolvedApartAndInputOrderDoesNotMatter() {
        let requests = [F.request(1, type: "juridisch", urgency: .hoog), F.request(2), F.request(3, type: "juridisch"), F.request(4, language: "ar")]
        let buddies = [F.buddy(1, type: "juridisch", capacity: 2), F.buddy(2, languages: ["ar"]), F.buddy(3, capacity: 2)]
        let p = engine.proposeAssignment(requests: requests, buddies: buddies)
        #expect(p.lines.count == 4)
        for line in p.lines {
            let r = requests.first { $0.id == line.request }, b = buddies.first { $0.id == line.buddy }
            #expect(r?.maatjeType == b?.maatjeType)
        }
        #expect(engine.proposeAssignment(requests: requests.reversed(), buddies: buddies.reversed()) == p)
        #expect(p.lines.first?.request == requests[0].id)   // priority order
        #expect(p.today == F.today)
    }

    @Test func priorityOrdersUrgencyThenWaiting() {
        let a = RequestPriority(urgency: .hoog, waitingSince: F.today)
        let b = RequestPriority(urgency: .normaal, waitingSince: F.today.adding(days: -400))
        let c = RequestPriority(urgency: .normaal, waitingSince: F.today.adding(days: -10))
        #expect(a > b && b > c)
        #expect(RequestUrgency(stored: "onzin") == .normaal)
    }

    @Test func gainsKeepTheLevelsApart() {
        let ps = [RequestPriority(urgency: .hoog, waitingSince: F.today), RequestPriority(urgency: .normaal, waitingSince: F.today),
                  RequestPriority(urgency: .normaal, waitingSince: F.today), RequestPriority(urgency: .laag, waitingSince: F.today)]
        let gains = engine.gains(priorities: ps) ?? []
        let w = ps.count * engine.maxScore + 1
        #expect(gains == [3 * w, 2 * w, 2 * w, w])
    }
}

extension BuddyRequest {
    func with(waitingDays: Int) -> BuddyRequest {
        var r = self
        r.waitingSince = MatchingFixtures.today.adding(days: -waitingDays)
        return r
    }
}
