import Foundation

/// Synthetic name pools (Resources/fixtures/names.json) with real-world diacritics and scripts.
public struct NameFixtures: Sendable {
    public struct Origin: Codable, Sendable {
        public let id: String
        public let nationality: String
        public let languages: [String]
        public let weight: Int
        public let femaleGiven: [String]
        public let maleGiven: [String]
        public let family: [String]
        public let femaleFamily: [String]?
    }

    public let origins: [Origin]

    public static let shared: NameFixtures = {
        struct File: Codable { let origins: [Origin] }
        return NameFixtures(origins: ResourceFiles.json(File.self, "fixtures/names.json")?.origins ?? [])
    }()

    public struct Person: Sendable {
        public let given: String
        public let family: String
        public let origin: Origin
    }

    public func person(gender: String, using rng: inout SeededRandom, origin fixed: Origin? = nil) -> Person {
        let origin = fixed ?? rng.weighted(origins.map { ($0, $0.weight) })
        let female = gender == "vrouw" || (gender != "man" && rng.chance(0.5))
        let given = rng.pick(female ? origin.femaleGiven : origin.maleGiven)
        let index = Int.random(in: 0..<origin.family.count, using: &rng)
        let family = female ? (origin.femaleFamily?[index] ?? origin.family[index]) : origin.family[index]
        return Person(given: given, family: family, origin: origin)
    }
}
