import Foundation
import Testing
@testable import Core

/// The maatjes operations: buddies and requests validated, proposals never break a hard
/// constraint, the lifecycle with its dates and the request status, check-ins, the
/// buddy-facing summary and its disclosure, and old records still decoding.
@Suite struct MatchOperationTests {
    static let today = TestStore.today

    static func buddy(_ store: Store, name: String = "Zqxbuddy Een", type: String = "sociaal", languages: [String] = ["nl", "pl"],
                      dayParts: [String] = ["ma-avond", "wo-avond"], capacity: Int = 1, vog: CalendarDate? = today.adding(days: -100)) throws -> UUID {
        try store.write { tx in
            try tx.saveMaatje(profile: MaatjeProfile(name: name, maatjeType: type, organisation: "stek", languages: languages, gender: "vrouw",
                                                     birthYear: 1990, municipality: "den-haag"),
                              availability: MaatjeAvailability(dayParts: dayParts, capacity: capacity),
                              screening: MaatjeScreening(vogDate: vog, trainings: ["basistraining mensenhandel"]))
        }
    }

    static func setup() throws -> (Store, UUID, UUID) {
        let store = try TestStore.make()
        var rng = SeededRandom(seed: 3)
        let caseID = try store.write { tx in try tx.openCase(TestStore.newCase(store), rng: &rng).id }
        let request = try store.write { tx in
            try tx.createMatchRequest(caseID, MatchRequestRecord(maatjeType: "sociaal", language: "Pools", languageHard: true, waitingSince: today.adding(days: -20),
                                                                 dayParts: ["wo-avond", "ma-avond"], callName: "Ewa", clientBirthYear: 1999,
                                                                 buddyNote: "Wil de stad leren kennen."))
        }
        return (store, caseID, request)
    }

    @Test func buddiesAreValidated() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        #expect(throws: SchakelError.self) { try Self.buddy(store, name: " ") }
        #expect(throws: SchakelError.self) { try Self.buddy(store, languages: ["klingon"]) }
        #expect(throws: SchakelError.self) { try Self.buddy(store, dayParts: ["maandag"]) }
        #expect(throws: SchakelError.self) { try Self.buddy(store, capacity: 11) }
        #expect(throws: SchakelError.self) { try Self.buddy(store, vog: Self.today.adding(days: 1)) }
        let id = try Self.buddy(store, languages: ["Engels", "nl"], dayParts: ["wo-avond", "ma-avond"])
        let profile = try store.records(MaatjeProfile.self).first { $0.id == id }!.value
        #expect(profile.languages == ["en", "nl"])
        #expect(try store.records(MaatjeAvailability.self).first { $0.id == id }!.value.dayParts == ["ma-avond", "wo-avond"])
    }

    @Test func requestsAreValidatedAndReadWithoutTheCaseFile() throws {
        let (store, caseID, request) = try Self.setup()
        defer { TestStore.remove(store) }
        let all = try store.matchRequests()
        #expect(all.count == 1 && all[0].caseID == caseID && all[0].id == request)
        #expect(all[0].record.language == "pl" && all[0].record.dayParts == ["ma-avond", "wo-avond"])
        // One waiting request per type per case.
        #expect(throws: SchakelError.self) {
            try store.write { tx in try tx.createMatchRequest(caseID, MatchRequestRecord(maatjeType: "sociaal", waitingSince: Self.today)) }
        }
        #expect(throws: SchakelError.self) {
            try store.write { tx in try tx.createMatchRequest(caseID, MatchRequestRecord(maatjeType: "juridisch", waitingSince: Self.today.adding(days: 1))) }
        }
    }

    @Test func aProposalBreakingAHardConstraintIsRefused() throws {
        let (store, caseID, request) = try Self.setup()
        defer { TestStore.remove(store) }
        let noPolish = try Self.buddy(store, name: "Zqxbuddy Twee", languages: ["nl"])
        let expired = try Self.buddy(store, name: "Zqxbuddy Drie", vog: Self.today.adding(years: -4))
        let policy = MatchingPolicy(today: Self.today)
        for b in [noPolish, expired] {
            #expect(throws: SchakelError.self) {
                try store.write { tx in try tx.proposeMatch(request: request, caseID: caseID, maatje: b, policy: policy, on: Self.today) }
            }
        }
        #expect(try store.records(MatchRecord.self).isEmpty)
    }

    @Test func lifecycleFromProposalToActiveAndStop() throws {
        let (store, caseID, request) = try Self.setup()
        defer { TestStore.remove(store) }
        let b = try Self.buddy(store)
        let policy = MatchingPolicy(today: Self.today)
        let d1 = Self.today.adding(days: -10), d2 = Self.today.adding(days: -5)
        let match = try store.write { tx in try tx.proposeMatch(request: request, caseID: caseID, maatje: b, policy: policy, on: d1) }
        // The buddy is full now and the request is answered.
        #expect(throws: SchakelError.self) {
            try store.write { tx in try tx.proposeMatch(request: request, caseID: caseID, maatje: b, policy: policy, on: d1) }
        }
        // Skipping a step or going back in time is refused.
        #expect(throws: SchakelError.self) { try store.write { tx in try tx.advanceMatch(match, to: "actief", on: d2) } }
        #expect(throws: SchakelError.self) { try store.write { tx in try tx.advanceMatch(match, to: "kennismaking", on: d1.adding(days: -1)) } }
        try store.write { tx in try tx.advanceMatch(match, to: "kennismaking", on: d2) }
        try store.write { tx in try tx.advanceMatch(match, to: "actief", on: Self.today) }
        var m = try store.records(MatchRecord.self).first { $0.id == match }!.value
        #expect(m.status == "actief" && m.proposedOn == d1 && m.introductionOn == d2 && m.activeOn == Self.today)
        #expect(try store.caseFile(caseID).matchRequests[request]?.status == "gekoppeld")
        #expect(MatchLifecycle.checkInDue(m) == Self.today.adding(days: 42))
        try store.write { tx in try tx.recordCheckIn(match, on: Self.today, note: "Gaat goed.") }
        // Stopping needs an evaluation and puts the request back on the waiting list.
        #expect(throws: SchakelError.self) { try store.write { tx in try tx.advanceMatch(match, to: "gestopt", on: Self.today) } }
        try store.write { tx in try tx.advanceMatch(match, to: "gestopt", on: Self.today, evaluation: "Geen klik.") }
        m = try store.records(MatchRecord.self).first { $0.id == match }!.value
        #expect(m.status == "gestopt" && m.endedOn == Self.today && m.evaluation == "Geen klik." && m.lastCheckIn == Self.today)
        #expect(MatchLifecycle.checkInDue(m) == nil)
        #expect(try store.caseFile(caseID).matchRequests[request]?.status == "wachtend")
        #expect(throws: SchakelError.self) { try store.write { tx in try tx.recordCheckIn(match, on: Self.today, note: nil) } }
    }

    @Test func checkInDueByStep() {
        let d = Self.today
        var m = MatchRecord(request: .zero, caseID: .zero, maatje: .zero, status: "voorgesteld", since: d, proposedOn: d)
        #expect(MatchLifecycle.checkInDue(m) == d.adding(days: 14))
        #expect(!MatchLifecycle.isCheckInDue(m, on: d.adding(days: 13)) && MatchLifecycle.isCheckInDue(m, on: d.adding(days: 14)))
        m.status = "kennismaking"; m.introductionOn = d
        #expect(MatchLifecycle.checkInDue(m) == d.adding(days: 21))
        m.status = "actief"; m.activeOn = d; m.lastCheckIn = d.adding(days: 10)
        #expect(MatchLifecycle.checkInDue(m) == d.adding(days: 52))
        m.status = "afgerond"
        #expect(MatchLifecycle.checkInDue(m) == nil)
    }

    @Test func buddySummaryHoldsOnlyTheRequestAndIsRecordedAsDisclosure() throws {
        let (store, caseID, request) = try Self.setup()
        defer { TestStore.remove(store) }
        let record = try store.matchRequests().first { $0.id == request }!.record
        let summary = BuddySummary(caseCode: "MH-2026-TEST1", request: record, contact: "Zorgcoördinator mensenhandel, SHOP", today: Self.today)
        let text = summary.markdown(recipient: "stek")
        #expect(text.contains("Ewa") && text.contains("Pools") && text.contains("Wil de stad leren kennen."))
        #expect(!text.contains("Kowalczyk") && !text.contains("1999"))
        try store.write { tx in _ = try tx.recordBuddySummary(caseID, summary: summary, recipient: "stek", legalBasis: "toestemming", on: Self.today) }
        let d = try store.caseFile(caseID).disclosures.values.first!
        #expect(d.recipient == "stek" && d.purpose == "maatjeskoppeling" && d.fields == summary.fieldPaths)
    }

    @Test func withdrawingStopsOpenProposals() throws {
        let (store, caseID, request) = try Self.setup()
        defer { TestStore.remove(store) }
        let b = try Self.buddy(store)
        let match = try store.write { tx in try tx.proposeMatch(request: request, caseID: caseID, maatje: b, policy: MatchingPolicy(today: Self.today), on: Self.today) }
        try store.write { tx in try tx.withdrawMatchRequest(caseID, request: request, on: Self.today) }
        #expect(try store.caseFile(caseID).matchRequests[request]?.status == "ingetrokken")
        #expect(try store.records(MatchRecord.self).first { $0.id == match }!.value.status == "gestopt")
    }

    @Test func recordsWithoutTheNewFieldsStillDecode() throws {
        let old = #"{"maatjeType":"sociaal","languageHard":false,"buddyGenderHard":false,"municipalityHard":false,"urgency":"normaal","waitingSince":"2026-04-01","status":"wachtend"}"#
        let r = try JSONDecoder().decode(MatchRequestRecord.self, from: Data(old.utf8))
        #expect(r.callName == nil && r.clientBirthYear == nil && r.buddyNote == nil)
        let oldMatch = #"{"request":"00000000-0000-0000-0000-000000000000","caseID":"00000000-0000-0000-0000-000000000000","maatje":"00000000-0000-0000-0000-000000000000","status":"actief","since":"2026-04-20"}"#
        let m = try JSONDecoder().decode(MatchRecord.self, from: Data(oldMatch.utf8))
        #expect(m.activeOn == nil && MatchLifecycle.checkInDue(m) == CalendarDate(year: 2026, month: 6, day: 1))
        for (name, fields) in [("request", MatchRequestRecord.fields), ("match", MatchRecord.fields)] {
            let encoded = try JSONSerialization.jsonObject(with: JSONEncoder().encode(name == "request" ? AnyEncodable(MatchRequestRecord.example) : AnyEncodable(MatchRecord.example))) as! [String: Any]
            #expect(Set(encoded.keys).isSubset(of: Set(fields.keys)), "\(name): every stored field is classified")
        }
    }
}

private struct AnyEncodable: Encodable {
    let value: any Encodable
    init(_ v: any Encodable) { value = v }
    func encode(to encoder: Encoder) throws { try value.encode(to: encoder) }
}
