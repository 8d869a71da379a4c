import Foundation

/// Intake data for the demo (issue 4): fresh signals in the inbox (vague ones with only a
/// description, confidential reporters, an acute minor), a signal that is the same person
/// as an earlier case under another spelling (linked), a family, needs and reporter
/// feedback on cases past intake, and one intake left half-done as a draft.
extension DemoGenerator {
    func makeIntakeData(_ store: Store, coordinators: [UUID], region: ReferenceData.Region, rng: inout SeededRandom) throws -> Int {
        let summaries = try store.summaries()
        let mine = store.userID
        var signals = 0
        try store.write { tx in
            // Needs and feedback on cases that went through intake.
            for s in summaries where s.phase != .signaal && s.phase != .aanmelding {
                if rng.chance(0.7) {
                    var levels: [String: String] = [:]
                    for d in ["veiligheid", "medisch", "psychisch", "financieel", "juridisch"] {
                        levels[d] = rng.weighted([("geen", 20), ("laag", 30), ("midden", 30), ("hoog", 20)])
                    }
                    try tx.update(s.id, IntakeNeeds(levels: levels))
                }
                if rng.chance(0.6) {
                    try tx.update(s.id, ReporterFeedback(outcome: rng.weighted([("intake-gestart", 60), ("doorverwezen", 25), ("geen-vervolg", 15)]),
                                                         toldOn: s.openedOn.adding(days: Int.random(in: 3...30, using: &rng)).clamped(to: today)))
                }
            }
            // Fresh signals, some vague, waiting in the inbox.
            for i in 0..<(8 * scale) {
                let gender = rng.weighted([("vrouw", 60), ("man", 38), ("onbekend", 2)])
                let person = NameFixtures.shared.person(gender: gender, using: &rng)
                let vague = i % 4 == 1
                let minor = i % 8 == 3
                let day = today.adding(days: -Int.random(in: 0...13, using: &rng))
                let identity = vague
                    ? ClientIdentity(givenNames: "", familyName: "", gender: gender, personDescription: rng.pick(DemoTexts.descriptions))
                    : ClientIdentity(givenNames: person.given, familyName: person.family,
                                     birthDate: minor ? .estimatedYear(today.year - 16) : (rng.chance(0.5) ? .exact(CalendarDate(year: today.year - Int.random(in: 19...45, using: &rng), month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))!) : nil),
                                     gender: gender)
                let forms = minor ? ["seksuele-uitbuiting"] : [rng.pick(["seksuele-uitbuiting", "arbeidsuitbuiting", "criminele-uitbuiting", "onbekend"])]
                let indicators = ReferenceData.shared.entries("indicators").filter { $0.form == forms[0] || $0.form == "algemeen" }.map(\.id)
                let referrer = rng.pick(["veilig-thuis", "politie-avim", "school", "hulpverlening", "gemeente", "ngo", "anoniem"])
                let new = NewCase(identity: identity, origin: vague ? nil : ClientOrigin(nationalities: [person.origin.nationality]),
                                  referral: CaseReferral(referrerType: referrer, organisation: nil, confidential: i % 3 == 0, receivedOn: day),
                                  exploitation: CaseExploitation(forms: forms, indicators: Array(indicators.shuffled(using: &rng).prefix(2)).sorted(),
                                                                 description: rng.pick(DemoTexts.signals)),
                                  coordinator: i % 2 == 0 ? mine : coordinators[i % coordinators.count], backup: coordinators[(i + 1) % coordinators.count],
                                  region: region.id, municipality: "den-haag", openedOn: day, phase: i % 3 == 2 ? .aanmelding : .signaal,
                                  urgency: minor ? "acuut" : rng.weighted([("normaal", 60), ("hoog", 30), ("laag", 10)]))
                _ = try tx.openCase(new, rng: &rng)
                signals += 1
            }
            // The same person as an earlier case, reported again under another spelling: linked, not merged.
            if let earlier = summaries.first(where: { $0.phase.isActive && !$0.familyName.isEmpty && $0.birthDate != nil }) {
                let variant = NameMasker.fold(earlier.familyName).capitalized
                let again = NewCase(identity: ClientIdentity(givenNames: earlier.givenNames, familyName: variant, birthDate: earlier.birthDate, gender: earlier.gender),
                                    referral: CaseReferral(referrerType: "politie-avim", receivedOn: today.adding(days: -2)),
                                    coordinator: mine, backup: earlier.backup, region: region.id, municipality: earlier.municipality,
                                    openedOn: today.adding(days: -2), phase: .signaal)
                let (id, _) = try tx.openCase(again, rng: &rng)
                try tx.link(id, earlier.id, kind: "zelfde-persoon")
                signals += 1
            }
            // A mother and her child: two cases, one family link.
            let adults = summaries.filter { $0.gender == "vrouw" && $0.phase.isActive && ($0.age(on: today) ?? 0) >= 25 }
            if let mother = adults.first {
                let child = NewCase(identity: ClientIdentity(givenNames: NameFixtures.shared.person(gender: "man", using: &rng).given, familyName: mother.familyName,
                                                             birthDate: .exact(CalendarDate(year: today.year - 9, month: 5, day: 14)!), gender: "man"),
                                    referral: CaseReferral(referrerType: "hulpverlening", receivedOn: mother.openedOn),
                                    coordinator: mother.coordinator, backup: mother.backup, region: region.id, municipality: mother.municipality,
                                    openedOn: mother.openedOn, phase: .signaal)
                let (childID, _) = try tx.openCase(child, rng: &rng)
                try tx.link(childID, mother.id, kind: "gezin", label: nil)
            }
            // An intake left half-done: it resumes at step 3.
            if let waiting = summaries.first(where: { $0.phase == .aanmelding || $0.phase == .signaal }) {
                try tx.saveDraft(rng.uuid(), IntakeDraft(form: "intake", caseID: waiting.id, step: 2,
                                                         values: ["givenNames": waiting.givenNames, "familyName": waiting.familyName], savedAt: today.date))
            }
        }
        return signals
    }
}
