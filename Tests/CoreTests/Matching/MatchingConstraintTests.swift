import Foundation
import Testing
@testable import Core

/// One hand-built example per hard constraint, with the explanation it gives.
@Suite struct MatchingConstraintTests {
    typealias F = MatchingFixtures
    let engine = F.engine

    func result(_ r: BuddyRequest, _ b: BuddyCandidate, _ c: MatchCriterion, engine: MatchingEngine = F.engine) -> CriterionResult? {
        engine.explain(r, b).first { $0.criterion == c }
    }

    @Test func aFittingPairPassesEveryCriterion() {
        let r = F.request(1), b = F.buddy(1)
        let criteria = engine.explain(r, b)
        #expect(criteria.map(\.criterion) == MatchCriterion.allCases)
        #expect(criteria.allSatisfy { $0.passed })
        let ranking = engine.rankCandidates(for: r, among: [b])
        #expect(ranking.eligible.map(\.buddy) == [b.id])
        #expect(ranking.eligible.first?.score == criteria.reduce(0) { $0 + $1.points })
    }

    @Test func typeMustMatch() {
        let r = F.request(1, type: "juridisch"), b = F.buddy(1, type: "sociaal")
        #expect(result(r, b, .type) == CriterionResult(criterion: .type, requirement: .hard, passed: false, points: 0, maxPoints: 0,
                                                       reason: .typeDiffers(requested: "juridisch", buddy: "sociaal")))
        #expect(engine.rankCandidates(for: r, among: [b]).eligible.isEmpty)
    }

    @Test func buddyMustBeActive() {
        for status in ["pauze", "gestopt"] {
            let r = F.request(1), b = F.buddy(1, status: status)
            #expect(result(r, b, .status)?.reason == .buddyInactive(status: status))
            #expect(result(r, b, .status)?.passed == false)
        }
    }

    @Test func aPlaceMustBeFree() {
        let r = F.request(1)
        let full = F.buddy(1, capacity: 2, load: 2)
        #expect(result(r, full, .capacity)?.reason == .full(load: 2, capacity: 2))
        #expect(result(r, full, .capacity)?.passed == false)
        let none = F.buddy(2, hasAvailability: false)
        #expect(result(r, none, .capacity)?.reason == .noAvailabilityRecord)
        let free = F.buddy(3, capacity: 3, load: 1)
        #expect(result(r, free, .capacity)?.reason == .freePlaces(free: 2, capacity: 3))
        // Load balance: 2 of 3 places free earns 2/3 of the 15 points.
        #expect(result(r, free, .capacity)?.points == 10)
    }

    @Test func vogMustBeValid() {
        let r = F.request(1)
        let cutoff = F.today.adding(years: -3)
        #expect(result(r, F.buddy(1, vog: cutoff), .screening)?.reason == .vogValid(until: F.today))
        let expired = F.buddy(2, vog: cutoff.adding(days: -1))
        #expect(result(r, expired, .screening)?.reason == .vogExpired(on: F.today.adding(days: -1)))
        #expect(result(r, expired, .screening)?.passed == false)
        #expect(result(r, F.buddy(3, vog: nil), .screening)?.reason == .vogMissing)
        // The validity period is policy.
        let lenient = MatchingEngine(policy: MatchingPolicy(today: F.today, vogValidYears: 5))
        #expect(result(r, expired, .screening, engine: lenient)?.passed == true)
    }

    @Test func availabilityMustOverlap() {
        let b = F.buddy(1, dayParts: ["ma-avond", "wo-avond"])
        let none = F.request(1, dayParts: ["di-ochtend"])
        #expect(result(none, b, .availability)?.reason == .noCommonDayParts)
        #expect(result(none, b, .availability)?.passed == false)
        let one = F.request(2, dayParts: ["wo-avond", "za-middag"])
        #expect(result(one, b, .availability)?.reason == .commonDayParts(["wo-avond"]))
        #expect(result(one, b, .availability)?.points == 3)   // one shared day part of the three that earn all 10
        let anyTime = F.request(3)
        #expect(result(anyTime, b, .availability)?.reason == .clientAnyTime)
        #expect(result(anyTime, F.buddy(2, dayParts: []), .availability)?.reason == .buddyHasNoDayParts)
        #expect(result(anyTime, F.buddy(2, dayParts: []), .availability)?.passed == false)
    }

    @Test func hardLanguageIsRequiredSoftLanguageScores() {
        let b = F.buddy(1, languages: ["nl", "en"])
        let hard = F.request(1, language: "ar", languageHard: true)
        #expect(result(hard, b, .language) == CriterionResult(criterion: .language, requirement: .hard, passed: false, points: 0, maxPoints: 30,
                                                              reason: .lacksLanguage("ar")))
        let soft = F.request(2, language: "ar")
        #expect(result(soft, b, .language)?.passed == true)
        #expect(result(soft, b, .language)?.points == 0)
        #expect(result(F.request(3, language: "EN", languageHard: true), b, .language)?.reason == .speaksLanguage("en"))
        #expect(result(F.request(4), b, .language)?.reason == .noLanguageWish)
    }

    @Test func hardGenderIsRequired() {
        let b = F.buddy(1, gender: "man")
        let hard = F.request(1, gender: "vrouw", genderHard: true)
        #expect(result(hard, b, .gender)?.reason == .genderNotAsWished(wished: "vrouw", buddy: "man"))
        #expect(result(hard, b, .gender)?.passed == false)
        #expect(result(F.request(2, gender: "vrouw"), b, .gender)?.passed == true)
        #expect(result(F.request(3, gender: "man", genderHard: true), b, .gender)?.points == 20)
    }

    @Test func hardMunicipalityByScope() {
        let delft = F.buddy(1, municipality: "delft"), apeldoorn = F.buddy(2, municipality: "apeldoorn")
        let hard = F.request(1, municipality: "den-haag", municipalityHard: true)
        #expect(result(hard, delft, .location)?.reason == .sameRegion(region: "haaglanden", buddyMunicipality: "delft"))
        #expect(result(hard, delft, .location)?.passed == false)
        #expect(result(hard, apeldoorn, .location)?.reason == .otherPlace(wished: "den-haag", buddyMunicipality: "apeldoorn"))
        let regional = MatchingEngine(policy: MatchingPolicy(today: F.today, hardLocationScope: .region))
        #expect(result(hard, delft, .location, engine: regional)?.passed == true)
        #expect(result(hard, delft, .location, engine: regional)?.points == 10)
        #expect(result(hard, apeldoorn, .location, engine: regional)?.passed == false)
        #expect(result(hard, F.buddy(3), .location)?.reason == .sameMunicipality("den-haag"))
        // A soft wish never excludes.
        #expect(result(F.request(2, municipality: "den-haag"), apeldoorn, .location)?.passed == true)
    }

    @Test func ageClosenessScoresOnlyWhenKnown() {
        let b = F.buddy(1, birthYear: 1990)
        #expect(result(F.request(1, birthYear: 2000), b, .age)?.reason == .ageDifference(years: 10))
        #expect(result(F.request(1, birthYear: 2000), b, .age)?.points == 3)   // 5 · 20/30
        #expect(result(F.request(2), b, .age)?.reason == .ageUnknown)
    }

    @Test func explanationsReadInDutchAndEnglish() {
        let r = F.request(1, language: "ar", languageHard: true), b = F.buddy(1, languages: ["nl", "ar"])
        let language = result(r, b, .language)
        #expect(language?.text(.nl) == "Taal (eis): spreekt Arabisch (30/30 punten)")
        #expect(language?.text(.en) == "Language (must): speaks Arabic (30/30 points)")
        let vog = result(r, F.buddy(2, vog: CalendarDate(year: 2020, month: 1, day: 1)), .screening)
        #expect(vog?.text(.nl) == "VOG (eis): verlopen op 01-01-2023")
        // Every reason has a catalog entry in both languages (no raw keys shown).
        let reasons: [MatchReason] = [
            .typeMatches("sociaal"), .typeDiffers(requested: "juridisch", buddy: "sociaal"), .buddyActive, .buddyInactive(status: "pauze"),
            .noAvailabilityRecord, .freePlaces(free: 1, capacity: 2), .full(load: 2, capacity: 2), .vogValid(until: F.today),
            .vogExpired(on: F.today), .vogMissing, .clientAnyTime, .commonDayParts(["ma-avond"]), .noCommonDayParts, .buddyHasNoDayParts,
            .noLanguageWish, .speaksLanguage("en"), .lacksLanguage("en"), .noGenderWish, .genderAsWished("vrouw"),
            .genderNotAsWished(wished: "vrouw", buddy: "man"), .noLocationWish, .sameMunicipality("delft"),
            .sameRegion(region: "haaglanden", buddyMunicipality: "delft"), .otherPlace(wished: "delft", buddyMunicipality: "apeldoorn"),
            .ageDifference(years: 3), .ageUnknown,
        ]
        for reason in reasons {
            for lang in Language.allCases {
                let text = reason.text(lang)
                #expect(!text.contains("match.") && !text.contains("{"), "\(reason) \(lang): \(text)")
            }
        }
        #expect(MatchReason.buddyInactive(status: "pauze").text(.nl) == "niet actief (pauze)")
        #expect(MatchReason.sameRegion(region: "haaglanden", buddyMunicipality: "delft").text(.nl) == "zelfde regio (Regio Haaglanden): woont in Delft")
        for c in MatchCriterion.allCases { for lang in Language.allCases { #expect(!c.title(lang).contains("match.")) } }
    }

    /// The request and buddy models carry no nationality or origin: matching cannot use them.
    @Test func noNationalityInTheModels() {
        let forbidden = ["nationality", "nationalities", "origin", "country", "countryOfBirth", "ethnicity"]
        for labels in [Mirror(reflecting: F.request(1)).children.compactMap(\.label),
                       Mirror(reflecting: F.buddy(1)).children.compactMap(\.label),
                       Mirror(reflecting: MatchRequestRecord.example).children.compactMap(\.label)] {
            for label in labels { #expect(!forbidden.contains { label.lowercased().contains($0.lowercased()) }, "\(label)") }
        }
    }
}

/// The stored models and how the engine's inputs are built from them.
@Suite struct MatchingInputTests {
    typealias F = MatchingFixtures

    @Test func oldRequestsWithoutDayPartsStillDecode() throws {
        let old = #"{"buddyGenderHard":false,"language":"en","languageHard":true,"maatjeType":"juridisch","municipalityHard":false,"status":"wachtend","urgency":"hoog","waitingSince":"2026-04-01"}"#
        let record = try JSONDecoder().decode(MatchRequestRecord.self, from: Data(old.utf8))
        #expect(record.dayParts == nil && record.urgency == "hoog" && record.language == "en")
        // A request without day parts is written as before (no new key).
        let encoded = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        #expect(!encoded.contains("dayParts"))
        var withParts = record
        withParts.dayParts = ["ma-avond"]
        #expect(try JSONDecoder().decode(MatchRequestRecord.self, from: JSONEncoder().encode(withParts)) == withParts)
        #expect(MatchRequestRecord.fields["dayParts"] == .operational)
    }

    @Test func requestFromRecord() {
        let record = MatchRequestRecord(maatjeType: "sociaal", language: "AR", languageHard: true, buddyGender: "", buddyGenderHard: true,
                                        municipality: "delft", urgency: "acuut", waitingSince: F.today, dayParts: [])
        let r = BuddyRequest(id: F.id(1), caseID: F.id(2), record: record)
        #expect(r.language == "ar" && r.languageHard)
        #expect(r.buddyGender == nil && !r.buddyGenderHard)   // an empty wish is no wish
        #expect(r.region == "haaglanden" && r.urgency == .hoog)
        #expect(r.dayParts == nil)   // empty = any time
        let parts = BuddyRequest(id: F.id(1), caseID: F.id(2), record: MatchRequestRecord(maatjeType: "sociaal", waitingSince: F.today, dayParts: ["ma-avond", "xx"]))
        #expect(parts.dayParts?.labels == ["ma-avond"])
        #expect(DayPartSet.unknown(["ma-avond", "xx"]) == ["xx"])
    }

    @Test func buddiesFromRecordsWithLoad() {
        let a = F.id(1), b = F.id(2)
        let profiles = [(id: a, value: MaatjeProfile.example), (id: b, value: MaatjeProfile.example)]
        let matches = [MatchRecord(request: F.id(9), caseID: F.id(8), maatje: a, status: "actief", since: F.today),
                       MatchRecord(request: F.id(7), caseID: F.id(6), maatje: a, status: "afgerond", since: F.today),
                       MatchRecord(request: F.id(5), caseID: F.id(4), maatje: a, status: "voorgesteld", since: F.today)]
        let buddies = BuddyCandidate.all(profiles: profiles, availability: [a: MaatjeAvailability.example], screening: [a: MaatjeScreening.example],
                                         matches: matches, policy: F.policy)
        #expect(buddies[0].activeLoad == 2 && buddies[0].capacity == 2 && buddies[0].freePlaces == 0)
        #expect(buddies[0].region == "haaglanden" && buddies[0].dayParts.labels == ["ma-avond", "za-ochtend"])
        #expect(!buddies[1].hasAvailability && buddies[1].capacity == 0 && buddies[1].vogDate == nil)
    }

    @Test func waitingListLeavesOutAnsweredAndWithdrawnRequests() {
        let waiting = F.id(1), answered = F.id(2), withdrawn = F.id(3), ended = F.id(4)
        let record = MatchRequestRecord(maatjeType: "sociaal", waitingSince: F.today)
        var gone = record; gone.status = "ingetrokken"
        let requests = [(caseID: F.id(10), requests: [waiting: record, answered: record, withdrawn: gone, ended: record])]
        let matches = [MatchRecord(request: answered, caseID: F.id(10), maatje: F.id(20), status: "kennismaking", since: F.today),
                       MatchRecord(request: ended, caseID: F.id(10), maatje: F.id(21), status: "gestopt", since: F.today)]
        let list = BuddyRequest.waitingList(requests, matches: matches, policy: F.policy)
        #expect(Set(list.map(\.id)) == [waiting, ended])
    }
}
