import Foundation
@testable import Core

/// Synthetic buddies and requests for the matching tests (no personal data).
enum MatchingFixtures {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!
    static let policy = MatchingPolicy(today: today)
    static let engine = MatchingEngine(policy: policy)

    /// A readable, ordered id: number n in the last bytes (buddy 1 < buddy 2 by id).
    static func id(_ n: Int, kind: UInt8 = 0xB0) -> UUID {
        UUID(uuid: (kind, 0, 0, 0, 0, 0, 0x40, 0, 0x80, 0, 0, 0, 0, 0, UInt8((n >> 8) & 0xFF), UInt8(n & 0xFF)))
    }

    static func buddy(_ n: Int, type: String = "sociaal", status: String = "actief", languages: [String] = ["nl"], gender: String = "vrouw",
                      birthYear: Int? = 1990, municipality: String = "den-haag", dayParts: [String] = ["ma-avond", "wo-avond"],
                      capacity: Int = 1, load: Int = 0, vog: CalendarDate? = today.adding(days: -100), hasAvailability: Bool = true) -> BuddyCandidate {
        BuddyCandidate(id: id(n), maatjeType: type, status: status, languages: languages, gender: gender, birthYear: birthYear,
                       municipality: municipality, hasAvailability: hasAvailability, dayParts: DayPartSet(labels: dayParts),
                       capacity: capacity, activeLoad: load, vogDate: vog)
    }

    static func request(_ n: Int, type: String = "sociaal", language: String? = nil, languageHard: Bool = false,
                        gender: String? = nil, genderHard: Bool = false, municipality: String? = nil, municipalityHard: Bool = false,
                        urgency: RequestUrgency = .normaal, waitingDays: Int = 30, dayParts: [String]? = nil, birthYear: Int? = nil) -> BuddyRequest {
        BuddyRequest(id: id(n, kind: 0xA0), caseID: id(n, kind: 0xC0), maatjeType: type, language: language, languageHard: languageHard,
                     buddyGender: gender, buddyGenderHard: genderHard, municipality: municipality, municipalityHard: municipalityHard,
                     urgency: urgency, waitingSince: today.adding(days: -waitingDays), dayParts: dayParts.map { DayPartSet(labels: $0) },
                     clientBirthYear: birthYear)
    }

    /// The lexicographic objective of a proposal, written out independently of the engine's
    /// weights: (matched count, matched priorities high to low, total score).
    struct Objective: Comparable, CustomStringConvertible {
        let matched: Int
        let priorities: [RequestPriority]
        let score: Int

        static func < (a: Objective, b: Objective) -> Bool {
            if a.matched != b.matched { return a.matched < b.matched }
            for (x, y) in zip(a.priorities, b.priorities) where x != y { return x < y }
            return a.score < b.score
        }
        static func == (a: Objective, b: Objective) -> Bool { !(a < b) && !(b < a) }
        var description: String { "(\(matched), \(priorities.map { "\($0.urgency.rawValue)/\($0.waitingSince.iso)" }), \(score))" }
    }

    static func objective(_ p: MatchProposal) -> Objective {
        Objective(matched: p.lines.count, priorities: p.lines.map(\.priority).sorted(by: >), score: p.totalScore)
    }

    /// Hard constraints from first principles (not through the engine), for the property tests.
    static func violations(_ r: BuddyRequest, _ b: BuddyCandidate, policy: MatchingPolicy) -> [String] {
        var v: [String] = []
        if r.maatjeType != b.maatjeType { v.append("type") }
        if b.status != "actief" { v.append("status") }
        if !b.hasAvailability || b.capacity <= b.activeLoad { v.append("capacity") }
        if let vog = b.vogDate { if vog < policy.today.adding(years: -policy.vogValidYears) { v.append("vog expired") } } else { v.append("no vog") }
        let clientParts = Set((r.dayParts ?? DayPartSet.all).labels)
        if clientParts.isDisjoint(with: b.dayParts.labels) { v.append("day parts") }
        if r.languageHard, let l = r.language, !b.languages.contains(l) { v.append("language") }
        if r.buddyGenderHard, let g = r.buddyGender, b.gender != g { v.append("gender") }
        if r.municipalityHard, let m = r.municipality {
            switch policy.hardLocationScope {
            case .municipality: if b.municipality != m { v.append("municipality") }
            case .region:
                if b.municipality != m && (MunicipalityRegions.region(of: m) == nil || MunicipalityRegions.region(of: m) != b.region) { v.append("region") }
            }
        }
        return v
    }
}
