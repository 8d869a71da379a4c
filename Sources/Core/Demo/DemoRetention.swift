import Foundation

/// Demo data for the Inzicht pane (issue 9): cases closed long enough ago to be past their
/// retention period, and recent cases whose wait for onward care ended with a placement.
/// Own random stream, so that adding these left every earlier demo record as it was.
extension DemoGenerator {
    func makeRetentionData(_ store: Store, coordinators: [UUID], region: ReferenceData.Region) throws {
        var rng = SeededRandom(seed: seed &+ 0x1551_0009)
        func newCase(opened: CalendarDate, age: Int, coordinator: UUID, rng: inout SeededRandom) -> NewCase {
            let gender = rng.weighted([("vrouw", 81), ("man", 63)])
            let person = NameFixtures.shared.person(gender: gender, using: &rng)
            let birth = BirthDate.exact(CalendarDate(year: opened.year - age, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))!)
            return NewCase(identity: ClientIdentity(givenNames: person.given, familyName: person.family, birthDate: birth, gender: gender),
                           origin: ClientOrigin(nationalities: [person.origin.nationality], languages: Array(person.origin.languages.prefix(1))),
                           referral: CaseReferral(referrerType: rng.pick(["politie-avim", "hulpverlening", "opvang", "ngo"]), receivedOn: opened),
                           exploitation: CaseExploitation(forms: [rng.weighted([("seksuele-uitbuiting", 5), ("arbeidsuitbuiting", 4), ("criminele-uitbuiting", 1)])]),
                           coordinator: coordinator, backup: coordinators[(coordinators.firstIndex(of: coordinator)! + 1) % coordinators.count],
                           region: region.id, municipality: rng.weighted(region.municipalities.map { ($0.id, $0.weight) }), openedOn: opened)
        }
        try store.write { tx in
            // Closed five to eight years ago: past the adults' standard period of five years.
            for i in 0..<(3 * scale) {
                let opened = today.adding(days: -(6 * 365 + Int.random(in: 0...700, using: &rng)))
                let (id, _) = try tx.openCase(newCase(opened: opened, age: Int.random(in: 24...50, using: &rng),
                                                      coordinator: coordinators[i % coordinators.count], rng: &rng), rng: &rng)
                try tx.changePhase(id, to: .intake, on: opened.adding(days: 7), reason: "intake-afgerond")
                try tx.changePhase(id, to: .traject, on: opened.adding(days: 30), reason: "plaatsing-gerealiseerd")
                try tx.changePhase(id, to: .afgesloten, on: opened.adding(days: Int.random(in: 200...400, using: &rng)),
                                   reason: rng.weighted([("doelen-bereikt", 5), ("contact-verloren", 2), ("verhuisd-andere-regio", 1)]))
            }
            // A wait for onward care that ended this year: rejections, then a place.
            for i in 0..<(4 * scale) {
                let opened = today.adding(days: -Int.random(in: 120...300, using: &rng))
                let (id, _) = try tx.openCase(newCase(opened: opened, age: Int.random(in: 19...45, using: &rng),
                                                      coordinator: coordinators[i % coordinators.count], rng: &rng), rng: &rng)
                try tx.changePhase(id, to: .intake, on: opened.adding(days: 5), reason: "intake-afgerond")
                let need = rng.pick(["omm", "maatschappelijke-opvang", "vrouwenopvang"])
                var day = opened.adding(days: 10)
                for _ in 0..<Int.random(in: 1...3, using: &rng) {
                    try tx.recordPlacementAttempt(id, PlacementAttempt(on: day, shelterType: need, organisation: rng.pick(region.organisations).id,
                                                                       accepted: false, rejectionReason: rng.pick(["geen-plek", "verslaving", "lvb"])))
                    day = day.adding(days: Int.random(in: 5...30, using: &rng))
                }
                try tx.recordPlacementAttempt(id, PlacementAttempt(on: day, shelterType: need, organisation: rng.pick(region.organisations).id, accepted: true))
                try tx.changePhase(id, to: .traject, on: day, reason: "plaatsing-gerealiseerd")
            }
        }
    }
}
