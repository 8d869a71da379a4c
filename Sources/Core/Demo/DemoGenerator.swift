import Foundation

/// Builds the demo store: about three years of regio Haaglanden per unit of scale
/// (DOMAIN.md §6), ending on the clock's today so deadlines and worklists look live.
/// Deterministic for a given seed, scale and day. Every later feature adds its data here.
public struct DemoGenerator {
    public let scale: Int
    public let seed: UInt64
    public let today: CalendarDate
    public static let passphrase = "demo"
    public static let casesPerYear = 145
    public static let years = 3

    public init(scale: Int, seed: UInt64, today: CalendarDate) {
        self.scale = max(1, scale); self.seed = seed; self.today = today
    }

    public struct Result: Sendable {
        public var cases = 0
        public var coordinators = 0
        public var meetings = 0
        public var maatjes = 0
        public var matches = 0
        public var signals = 0
        public var events = 0
    }

    struct Colleague { let id: UUID; let record: UserRecord }

    /// Creates the store (passphrase `demo`) and fills it.
    public func create(at location: StoreLocation, kdf: ScryptParameters, clock: Clock, progress: ((Int, Int) -> Void)? = nil) throws -> (Store, Result) {
        var rng = SeededRandom(seed: seed)
        let owner = NameFixtures.shared.person(gender: "vrouw", using: &rng, origin: NameFixtures.shared.origins.first { $0.id == "nl" })
        let store = try Store.create(at: location, passphrase: Self.passphrase,
                                     options: .init(role: .zorgcoordinator, userName: "\(owner.given) \(owner.family)",
                                                    function: "Zorgcoördinator mensenhandel", organisation: "shop", kdf: kdf, isDemo: true),
                                     clock: clock)
        let result = try populate(store, rng: &rng, progress: progress)
        return (store, result)
    }

    func populate(_ store: Store, rng: inout SeededRandom, progress: ((Int, Int) -> Void)?) throws -> Result {
        var result = Result()
        let region = ReferenceData.shared.region("haaglanden")!
        let refs = ReferenceData.shared

        // Colleagues: coordinators (the owner is one), a chair, a buddy coordinator.
        var coordinators: [UUID] = [store.userID]
        try store.write { tx in
            for i in 0..<(4 * scale - 1) {
                let p = NameFixtures.shared.person(gender: rng.chance(0.7) ? "vrouw" : "man", using: &rng)
                let id = rng.uuid()
                try tx.put(UserRecord(name: "\(p.given) \(p.family)", role: .zorgcoordinator, function: "Zorgcoördinator mensenhandel",
                                      organisation: i % 3 == 0 ? "shop" : "shop"), entity: id)
                coordinators.append(id)
            }
            for (role, function, org) in [(Role.voorzitter, "Voorzitter casusoverleg 18-", "shop"),
                                          (Role.maatjescoordinator, "Maatjescoördinator", "stek")] {
                let p = NameFixtures.shared.person(gender: "vrouw", using: &rng)
                try tx.put(UserRecord(name: "\(p.given) \(p.family)", role: role, function: function, organisation: org), entity: rng.uuid())
            }
            for org in region.organisations {
                try tx.put(OrganisationRecord(referenceID: org.id, name: org.name, orgKind: org.kind, region: region.id, tables: org.tables), entity: rng.uuid())
                let p = NameFixtures.shared.person(gender: rng.chance(0.6) ? "vrouw" : "man", using: &rng)
                try tx.put(ContactRecord(organisation: org.id, name: "\(p.given) \(p.family)", function: "aandachtsfunctionaris",
                                         phone: "070 \(Int.random(in: 100...999, using: &rng)) \(Int.random(in: 1000...9999, using: &rng))"),
                           entity: rng.uuid())
            }
        }
        result.coordinators = coordinators.count

        // Cases, in batches so that --scale 100 stays fast and memory flat.
        let total = Self.casesPerYear * Self.years * scale
        var minors: [(UUID, CalendarDate)] = []
        var openCases: [(UUID, String)] = []
        var done = 0
        let batch = 250
        while done < total {
            let n = min(batch, total - done)
            try store.write { tx in
                for i in 0..<n {
                    let c = try makeCase(tx, index: done + i, total: total, coordinators: coordinators, region: region, rng: &rng)
                    if c.minor { minors.append((c.id, c.opened)) }
                    if c.active { openCases.append((c.id, c.municipality)) }
                }
            }
            done += n
            progress?(done, total)
        }
        result.cases = total

        result.meetings = try makeMeetings(store, minors: minors, region: region, rng: &rng)
        let m = try makeMaatjes(store, openCases: openCases, region: region, rng: &rng)
        result.maatjes = m.maatjes
        result.matches = m.matches
        result.signals = try makeIntakeData(store, coordinators: coordinators, region: region, rng: &rng)
        try makeAbsence(store, coordinators: coordinators, rng: &rng)
        try makeSyncData(store, coordinators: coordinators)
        try makeRetentionData(store, coordinators: coordinators, region: region)
        result.cases = try store.caseCount()
        result.events = try store.eventCount()
        _ = refs
        return result
    }

    struct MadeCase { let id: UUID; let opened: CalendarDate; let minor: Bool; let active: Bool; let municipality: String }

    // swiftlint:disable:next function_body_length
    func makeCase(_ tx: StoreTransaction, index: Int, total: Int, coordinators: [UUID], region: ReferenceData.Region,
                  rng: inout SeededRandom) throws -> MadeCase {
        let span = Self.years * 365
        // Spread openings over the period, slightly more recent cases (growing awareness).
        let offset = Int(Double(span) * pow(Double.random(in: 0..<1, using: &rng), 0.9))
        let opened = today.adding(days: -offset)
        let gender = rng.weighted([("vrouw", 81), ("man", 63), ("transgender", 1)])
        let person = NameFixtures.shared.person(gender: gender, using: &rng)
        let ageBand = rng.weighted([(0, 8), (1, 23), (2, 30), (3, 39)])
        let age: Int = [Int.random(in: 13...17, using: &rng), Int.random(in: 18...22, using: &rng),
                        Int.random(in: 23...29, using: &rng), Int.random(in: 30...58, using: &rng)][ageBand]
        let birthYear = opened.year - age
        let birth: BirthDate = rng.chance(person.origin.id == "nl" ? 0.97 : 0.8)
            ? .exact(CalendarDate(year: birthYear, month: Int.random(in: 1...12, using: &rng), day: Int.random(in: 1...28, using: &rng))!)
            : .estimatedYear(birthYear)
        let minor = birth.age(on: opened) < 18
        let eu = ["NL", "PL", "RO", "BG", "HU", "SK", "CZ", "DE", "DK", "PT"].contains(person.origin.nationality)
        let residence: String = person.origin.nationality == "NL" ? "nederlands"
            : eu ? "eu-burger"
            : rng.weighted([("geen-rechtmatig-verblijf", 45), ("asielprocedure", 25), ("rechtmatig-verblijf", 15), ("onbekend", 15)])
        let form: String = minor
            ? rng.weighted([("seksuele-uitbuiting", 70), ("criminele-uitbuiting", 25), ("arbeidsuitbuiting", 5)])
            : rng.weighted([("seksuele-uitbuiting", 48), ("arbeidsuitbuiting", 38), ("criminele-uitbuiting", 4),
                            ("ernstige-benadeling", 6), ("onbekend", 4)])
        let sectors: [String] = form == "arbeidsuitbuiting"
            ? [rng.pick(["schoonmaak", "glastuinbouw", "horeca", "distributie-massaproductie", "bouw", "logistiek-transport", "huishoudelijk-personeel", "vleesverwerking"])]
            : form == "seksuele-uitbuiting" && !minor ? ["prostitutie-seksbranche"] : []
        let indicatorPool = ReferenceData.shared.entries("indicators").filter { $0.form == form || $0.form == "algemeen" }.map(\.id)
        let indicators = Array(Set((0..<Int.random(in: 1...4, using: &rng)).map { _ in rng.pick(indicatorPool) })).sorted()
        let municipality = rng.weighted(region.municipalities.map { ($0.id, $0.weight) })
        let coordIndex = index % coordinators.count
        let coordinator = coordinators[coordIndex]
        let backup = coordinators[(coordIndex + 1) % coordinators.count]
        let referrer = minor
            ? rng.weighted([("veilig-thuis", 20), ("cjg", 15), ("politie-avim", 25), ("school", 15), ("nidos-coa", 15), ("hulpverlening", 10)])
            : rng.weighted([("politie-avim", 30), ("nla", 12), ("kmar", 6), ("hulpverlening", 15), ("opvang", 10), ("ngo", 8),
                            ("zelfmelder", 8), ("gemeente", 6), ("anoniem", 5)])

        var new = NewCase(
            identity: ClientIdentity(givenNames: person.given, familyName: person.family,
                                     aliases: rng.chance(0.12) ? [NameFixtures.shared.person(gender: gender, using: &rng, origin: person.origin).given] : [],
                                     birthDate: birth, gender: gender),
            origin: ClientOrigin(nationalities: [person.origin.nationality], languages: person.origin.languages.prefix(2).map { $0 },
                                 interpreterNeeded: person.origin.id != "nl" && rng.chance(0.6)),
            contact: rng.chance(0.6) ? ClientContact(phone: "06 \(Int.random(in: 10_000_000...99_999_999, using: &rng))") : nil,
            status: ClientStatus(residenceStatus: residence, dublin: residence == "asielprocedure" && rng.chance(0.2), lvb: rng.chance(0.08)),
            referral: CaseReferral(referrerType: referrer, organisation: referrer == "politie-avim" ? "politie-den-haag-avim" : nil,
                                   confidential: rng.chance(0.15), receivedOn: opened),
            exploitation: CaseExploitation(forms: [form], sectors: sectors, indicators: indicators, crossBorder: !eu || rng.chance(0.3)),
            coordinator: coordinator, backup: backup, region: region.id, municipality: municipality, openedOn: opened,
            phase: .signaal, urgency: minor && form == "seksuele-uitbuiting" ? "acuut" : rng.weighted([("normaal", 70), ("hoog", 25), ("laag", 5)]))
        if person.origin.id == "nl" { new.origin?.interpreterNeeded = false }
        let (id, _) = try tx.openCase(new, rng: &rng)

        // Walk the case through its phases up to today.
        var day = opened
        var phase = Phase.signaal
        func step(_ next: Phase, after days: Int, reason: String? = nil) throws -> Bool {
            let target = day.adding(days: days)
            guard target <= today else { return false }
            try tx.changePhase(id, to: next, on: target, reason: reason)
            day = target; phase = next
            return true
        }
        var active = true
        let earlyClose = rng.chance(0.1)
        if try step(.aanmelding, after: Int.random(in: 0...5, using: &rng)),
           try step(.intake, after: Int.random(in: 1...14, using: &rng), reason: "intake-afgerond") {
            if earlyClose {
                _ = try step(.afgesloten, after: Int.random(in: 7...60, using: &rng), reason: rng.pick(["geen-mensenhandel", "contact-verloren", "client-wil-geen-hulp"]))
            } else {
                if residence == "geen-rechtmatig-verblijf" && !minor {
                    let start = day.adding(days: Int.random(in: 1...7, using: &rng))
                    if start <= today {
                        try tx.setBedenktijd(id, start: start, end: start.adding(months: 3))
                        _ = try step(.bedenktijd, after: day.days(until: start))
                        if day.adding(days: 80) <= today {
                            try tx.update(id, B8Record(status: rng.weighted([("aangevraagd", 40), ("verleend", 45), ("afgewezen", 15)]),
                                                       since: day.adding(days: 75), statementBy: rng.pick(["politie", "kmar", "arts"])))
                        }
                        _ = try step(.traject, after: Int.random(in: 60...90, using: &rng), reason: "plaatsing-gerealiseerd")
                    }
                } else {
                    _ = try step(.traject, after: Int.random(in: 7...30, using: &rng), reason: "plaatsing-gerealiseerd")
                }
                if phase == .traject {
                    if try step(.nazorg, after: Int.random(in: 150...420, using: &rng), reason: "situatie-gestabiliseerd") {
                        _ = try step(.afgesloten, after: Int.random(in: 60...200, using: &rng),
                                     reason: rng.weighted([("doelen-bereikt", 50), ("verhuisd-andere-regio", 15), ("contact-verloren", 15),
                                                           ("terug-naar-land-herkomst", 10), ("overgedragen", 10)]))
                    }
                }
            }
        }
        active = phase != .afgesloten

        // What a coordinator records along the way.
        let comensha = opened.adding(days: Int.random(in: 3...40, using: &rng))
        if comensha <= today && phase != .signaal {
            try tx.update(id, ComenshaRegistration(status: rng.chance(0.7) ? "teruggekoppeld" : "gemeld", date: comensha,
                                                   legalBasis: rng.chance(0.6) ? "wettelijke-plicht" : "toestemming"))
        }
        if rng.chance(0.3) { try tx.update(id, Aangifte(filed: true, date: opened.adding(days: Int.random(in: 0...60, using: &rng)).clamped(to: today))) }
        if rng.chance(0.5) {
            try tx.update(id, ClientGoals(goals: rng.pick(DemoTexts.goals), preferredTerm: rng.chance(0.3) ? "overlever" : "slachtoffer"))
        }
        let span2 = max(1, opened.days(until: min(today, day.adding(days: 30))))
        for _ in 0..<Int.random(in: 2...7, using: &rng) {
            try tx.logNote(id, kind: rng.weighted([("contact", 70), ("overleg", 20), ("notitie", 10)]), text: rng.pick(DemoTexts.notes),
                           on: opened.adding(days: Int.random(in: 0...span2, using: &rng)).clamped(to: today))
        }
        // Most active cases have recent contact; some have silted up (the no-contact signal).
        if active && phase != .signaal && rng.chance(0.8) {
            for _ in 0..<Int.random(in: 1...3, using: &rng) {
                let back = Int.random(in: 0...min(35, max(0, opened.days(until: today))), using: &rng)
                try tx.logNote(id, kind: "contact", text: rng.pick(DemoTexts.recentContacts), on: today.adding(days: -back))
            }
        }
        for _ in 0..<Int.random(in: 1...3, using: &rng) {
            let due = opened.adding(days: Int.random(in: 7...max(8, span2 + 30), using: &rng))
            let status = !active || due < today.adding(days: -20) ? (rng.chance(0.9) ? "gedaan" : "vervallen") : "open"
            try tx.addItem(id, CaseAction(title: rng.pick(DemoTexts.actions), owner: rng.pick(region.organisations).id, due: due, status: status,
                                          doneOn: status == "open" ? nil : due.clamped(to: today)))
        }
        // Some active cases wait for onward care: rejections, no place yet (DOMAIN.md §2 step 6).
        let waiting = active && (phase == .intake || phase == .traject || phase == .bedenktijd) && rng.chance(0.12)
        if waiting {
            let need = minor ? "jeugdzorg-open" : rng.pick(["omm", "maatschappelijke-opvang", "vrouwenopvang", "perspektief"])
            for n in 0..<Int.random(in: 1...3, using: &rng) {
                try tx.recordPlacementAttempt(id, PlacementAttempt(on: day.adding(days: n * 4).clamped(to: today), shelterType: need,
                                                                   organisation: rng.pick(region.organisations).id, accepted: false,
                                                                   rejectionReason: rng.pick(["geen-plek", "verslaving", "ernstige-psychiatrie", "lvb", "agressie"])))
            }
        }
        if active && phase != .signaal && rng.chance(0.25) {
            let secret = rng.chance(0.3)
            if secret {
                try tx.update(id, ClientContact(phone: nil, address: "\(rng.pick(DemoTexts.streets)) \(Int.random(in: 1...180, using: &rng)), Den Haag"))
            }
            try tx.update(id, CaseSafety(plan: rng.pick(DemoTexts.safetyPlans), secretAddress: secret,
                                         reviewedOn: today.adding(days: -Int.random(in: 0...90, using: &rng)).clamped(to: today).max(opened)))
        }
        if minor, active, let turns = birth.eighteenthBirthday as CalendarDate?, turns > today, turns <= today.adding(months: 9), rng.chance(0.5) {
            let agreed = rng.chance(0.5)
            try tx.update(id, TransitionPlan(status: agreed ? "vastgesteld" : "in-voorbereiding", receivingOrganisation: "shop",
                                             agreedOn: agreed ? today.adding(days: -Int.random(in: 1...40, using: &rng)).max(opened) : nil,
                                             plan: rng.pick(DemoTexts.transitionPlans)))
        }
        if active && phase != .signaal && rng.chance(0.08) {
            let d = rng.pick(DemoTexts.documents)
            try tx.addDocument(id, title: d.title, documentType: d.type, fileName: d.file, data: Data(d.text.utf8), on: day.clamped(to: today))
        }
        if !waiting && phase != .signaal && phase != .aanmelding {
            let shelter = minor ? rng.pick(["jeugdzorg-open", "beschermde-opvang-nidos", "jeugdzorg-gesloten"])
                : residence == "geen-rechtmatig-verblijf" ? "cosm" : rng.pick(["shop-24-uursopvang", "vrouwenopvang", "maatschappelijke-opvang", "perspektief", "omm"])
            for _ in 0..<rng.weighted([(0, 50), (1, 30), (2, 15), (4, 5)]) {
                try tx.addItem(id, PlacementAttempt(on: opened.adding(days: Int.random(in: 1...20, using: &rng)).clamped(to: today),
                                                    shelterType: rng.pick(["omm", "maatschappelijke-opvang", "vrouwenopvang", "jeugdzorg-open"]),
                                                    organisation: rng.pick(region.organisations).id, accepted: false,
                                                    rejectionReason: rng.pick(ReferenceData.shared.entries("placementRejectionReasons")).id))
            }
            let from = opened.adding(days: Int.random(in: 2...25, using: &rng)).clamped(to: today)
            try tx.addItem(id, PlacementAttempt(on: from, shelterType: shelter, organisation: "shop", accepted: true))
            try tx.addItem(id, Placement(shelterType: shelter, organisation: "shop", from: from, until: active ? nil : day.max(from)))
            for org in Array(region.organisations.shuffled(using: &rng).prefix(Int.random(in: 1...4, using: &rng))) {
                let contact = NameFixtures.shared.person(gender: rng.chance(0.6) ? "vrouw" : "man", using: &rng, origin: NameFixtures.shared.origins.first)
                try tx.addItem(id, CareNetworkEntry(organisation: org.id, contactName: "\(contact.given.prefix(1)). \(contact.family)",
                                                    role: rng.pick(DemoTexts.roles), agreement: rng.pick(DemoTexts.agreements), active: active))
            }
            try tx.addItem(id, Consent(purpose: "zorgcoordinatie", legalBasis: "toestemming", givenOn: day.clamped(to: today)))
            if minor { try tx.addItem(id, Consent(purpose: "casusoverleg", legalBasis: "convenant", givenOn: day.clamped(to: today))) }
        }
        return MadeCase(id: id, opened: opened, minor: minor, active: active, municipality: municipality)
    }

    /// The casusoverleg 18- every 8 weeks over the period, with its 16 organisations.
    func makeMeetings(_ store: Store, minors: [(UUID, CalendarDate)], region: ReferenceData.Region, rng: inout SeededRandom) throws -> Int {
        let members = region.organisations.filter { $0.tables.contains("casusoverleg-18-") }
        var date = today.adding(days: -Self.years * 365)
        // Meetings are on Tuesdays.
        while Calendar.schakel.component(.weekday, from: date.date) != 3 { date = date.adding(days: 1) }
        var count = 0
        // The series record and its one moved and one cancelled meeting use their own random
        // numbers, so the rest of the demo stays as it was.
        var seriesRNG = SeededRandom(seed: 0x5E21E5)
        let seriesID = seriesRNG.uuid()
        try store.write { tx in
            try tx.put(MeetingSeriesRecord(table: "casusoverleg-18-", start: date, intervalWeeks: 8, startTime: "14:00", durationMinutes: 120,
                                           location: "Den Haag"), entity: seriesID)
            while date <= today.adding(days: 56) {
                let meetingID = rng.uuid()
                let held = date < today
                // About half a year ago one meeting moved to the Thursday of the same week.
                let moved = date <= today.adding(days: -180) && date > today.adding(days: -236)
                try tx.put(MeetingRecord(table: "casusoverleg-18-", date: moved ? date.adding(days: 2) : date, location: "Den Haag",
                                         status: held ? "gehouden" : "gepland", series: seriesID, originalDate: moved ? date : nil),
                           entity: meetingID)
                let candidates = minors.filter { $0.1 <= date && $0.1 > date.adding(days: -120) }
                for (order, c) in candidates.prefix(6).enumerated() {
                    let itemID = rng.uuid()
                    try tx.put(AgendaItemRecord(meeting: meetingID, order: order + 1, caseID: c.0, title: nil, question: rng.pick(DemoTexts.questions),
                                                broughtBy: rng.pick(members).id), entity: itemID)
                    if held {
                        try tx.put(MinutesRecord(meeting: meetingID, agendaItem: itemID, text: rng.pick(DemoTexts.minutes), approved: true), entity: rng.uuid())
                        try tx.put(MeetingActionRecord(meeting: meetingID, agendaItem: itemID, what: rng.pick(DemoTexts.actions),
                                                       organisation: rng.pick(members).id, due: date.adding(days: 28),
                                                       status: date.adding(days: 56) < today ? "gedaan" : "open"), entity: rng.uuid())
                    }
                }
                let trend = rng.pick(DemoTexts.trends)
                try tx.put(AgendaItemRecord(meeting: meetingID, order: 99, caseID: nil, title: trend.1,
                                            question: "Wat zien jullie hiervan?", broughtBy: rng.pick(members).id, minutes: 20, kind: trend.0), entity: rng.uuid())
                if held {
                    for org in members {
                        let present = rng.chance(0.85)
                        let p = NameFixtures.shared.person(gender: rng.chance(0.6) ? "vrouw" : "man", using: &rng)
                        try tx.put(AttendanceRecord(meeting: meetingID, organisation: org.id, present: present,
                                                    names: present ? ["\(p.given.prefix(1)). \(p.family)"] : []), entity: rng.uuid())
                    }
                }
                count += 1
                date = date.adding(days: 56)
            }
            // The meeting after the next one is cancelled (a holiday).
            try tx.put(MeetingRecord(table: "casusoverleg-18-", date: date, location: "Den Haag", status: "geannuleerd",
                                     series: seriesID, originalDate: date), entity: seriesRNG.uuid())
            count += 1
        }
        return count
    }

    /// 55 buddies per unit of scale (juridisch via VluchtelingenWerk, sociaal via Stek) and their matches.
    func makeMaatjes(_ store: Store, openCases: [(UUID, String)], region: ReferenceData.Region, rng: inout SeededRandom) throws -> (maatjes: Int, matches: Int) {
        var maatjes: [(UUID, String, Int)] = []
        let count = 55 * scale
        try store.write { tx in
            for _ in 0..<count {
                let gender = rng.chance(0.7) ? "vrouw" : "man"
                let p = NameFixtures.shared.person(gender: gender, using: &rng)
                let type = rng.chance(0.4) ? "juridisch" : "sociaal"
                let id = rng.uuid()
                var langs = ["nl"]
                if p.origin.id != "nl" { langs.append(contentsOf: p.origin.languages.prefix(1)) }
                if rng.chance(0.6) { langs.append("en") }
                try tx.put(MaatjeProfile(name: "\(p.given) \(p.family)", maatjeType: type, organisation: type == "juridisch" ? "vluchtelingenwerk-zwn" : "stek",
                                         languages: Array(Set(langs)).sorted(), gender: gender, birthYear: today.year - Int.random(in: 21...70, using: &rng),
                                         municipality: rng.weighted(region.municipalities.map { ($0.id, $0.weight) }),
                                         status: rng.weighted([("actief", 80), ("pauze", 12), ("gestopt", 8)])), entity: id)
                let parts = ["ma", "di", "wo", "do", "vr", "za", "zo"].flatMap { d in ["ochtend", "middag", "avond"].map { "\(d)-\($0)" } }
                let capacity = rng.weighted([(1, 60), (2, 30), (3, 10)])
                try tx.put(MaatjeAvailability(dayParts: Array(parts.shuffled(using: &rng).prefix(Int.random(in: 2...6, using: &rng))).sorted(),
                                              capacity: capacity), entity: id)
                try tx.put(MaatjeScreening(vogDate: today.adding(days: -Int.random(in: 30...1300, using: &rng)),
                                           trainings: rng.chance(0.8) ? ["basistraining mensenhandel"] : []), entity: id)
                maatjes.append((id, type, capacity))
            }
        }
        var matches = 0
        var load: [UUID: Int] = [:]
        let wanting = openCases.filter { _ in rng.chance(0.35) }
        let parts = ["ma", "di", "wo", "do", "vr", "za", "zo"].flatMap { d in ["ochtend", "middag", "avond"].map { "\(d)-\($0)" } }
        for chunk in stride(from: 0, to: wanting.count, by: 250) {
            try store.write { tx in
                for (caseID, municipality) in wanting[chunk..<min(chunk + 250, wanting.count)] {
                    let type = rng.chance(0.45) ? "juridisch" : "sociaal"
                    let requestID = rng.uuid()
                    let candidates = maatjes.filter { $0.1 == type && load[$0.0, default: 0] < $0.2 }
                    let matched = !candidates.isEmpty && rng.chance(0.7)
                    let status = matched ? rng.weighted([("actief", 50), ("kennismaking", 15), ("voorgesteld", 10), ("afgerond", 15), ("gestopt", 10)]) : "wachtend"
                    // The match's steps, counted back from today: open ones look live, closed ones ended a while ago.
                    func back(_ d: CalendarDate, _ r: ClosedRange<Int>) -> CalendarDate { d.adding(days: -Int.random(in: r, using: &rng)) }
                    var proposed: CalendarDate?, intro: CalendarDate?, active: CalendarDate?, ended: CalendarDate?
                    switch status {
                    case "voorgesteld": proposed = back(today, 1...18)
                    case "kennismaking": intro = back(today, 2...30)
                    case "actief": active = back(today, 10...300)
                    case "afgerond", "gestopt":
                        ended = back(today, 5...200)
                        if status == "afgerond" || rng.chance(0.5) { active = back(ended!, 30...200) } else { intro = back(ended!, 5...30) }
                    default: break
                    }
                    if let a = active { intro = back(a, 7...21) }
                    if let i = intro { proposed = back(i, 5...15) }
                    let since = back(proposed ?? today, 5...120)
                    // What the coordinator shares with the buddy side: a call name, the birth year, a note.
                    let identity = try tx.currentCase(caseID).identity
                    let dayParts = rng.chance(0.6) ? Array(parts.shuffled(using: &rng).prefix(Int.random(in: 3...8, using: &rng))).sorted() : nil
                    let withdrawn = !matched && rng.chance(0.08)
                    try tx.addItem(caseID, MatchRequestRecord(maatjeType: type, language: rng.chance(0.3) ? "en" : nil, languageHard: rng.chance(0.3),
                                                              buddyGender: rng.chance(0.25) ? "vrouw" : nil, buddyGenderHard: rng.chance(0.5),
                                                              municipality: rng.chance(0.3) ? municipality : nil, urgency: rng.pick(["laag", "normaal", "hoog"]),
                                                              waitingSince: since,
                                                              status: withdrawn ? "ingetrokken" : (["actief", "afgerond"].contains(status) ? "gekoppeld" : "wachtend"),
                                                              dayParts: dayParts, callName: identity?.givenNames.split(separator: " ").first.map(String.init),
                                                              clientBirthYear: identity?.birthDate?.year,
                                                              buddyNote: rng.chance(0.7) ? rng.pick(DemoTexts.buddyNotes) : nil), id: requestID)
                    if matched, let proposed {
                        let m = rng.pick(candidates)
                        if MatchLifecycle.open.contains(status) { load[m.0, default: 0] += 1 }
                        // Most active matches had a check-in; some are due for one.
                        let checkIn = status == "actief" && rng.chance(0.7) ? active.map { max($0, back(today, 3...60)) } : nil
                        try tx.put(MatchRecord(request: requestID, caseID: caseID, maatje: m.0, status: status,
                                               since: ended ?? active ?? intro ?? proposed,
                                               evaluation: ended != nil ? (status == "afgerond" ? rng.pick(Array(DemoTexts.evaluations.prefix(2))) : rng.pick(Array(DemoTexts.evaluations.suffix(2)))) : nil,
                                               proposedOn: proposed, introductionOn: intro, activeOn: active, endedOn: ended,
                                               lastCheckIn: checkIn, checkInNote: checkIn != nil ? rng.pick(DemoTexts.checkIns) : nil), entity: rng.uuid())
                        matches += 1
                    }
                }
            }
        }
        return (maatjes.count, matches)
    }
}

extension CalendarDate {
    func clamped(to max: CalendarDate) -> CalendarDate { self > max ? max : self }
    func max(_ other: CalendarDate) -> CalendarDate { self < other ? other : self }
}

extension DemoGenerator {
    /// One colleague is away (holiday): their cases are with the backups, with handover notes.
    func makeAbsence(_ store: Store, coordinators: [UUID], rng: inout SeededRandom) throws {
        guard coordinators.count > 2 else { return }
        let away = coordinators[2]
        let users = Dictionary(uniqueKeysWithValues: try store.records(UserRecord.self).map { ($0.id, $0.value.name) })
        // Every case needs a backup before its coordinator can go: assign the missing ones first.
        let missing = try store.summaries(coordinator: away).filter { $0.phase.isActive && $0.coordinator == away && $0.backup == nil }
        try store.write { tx in
            for s in missing {
                try tx.update(s.id, CaseCoordination(coordinator: away, backup: coordinators[1], region: s.region, municipality: s.municipality))
            }
        }
        try store.write { tx in
            try tx.startAbsence(coordinator: away, from: today.adding(days: -Int.random(in: 2...6, using: &rng)), until: today.adding(days: 10),
                                userName: { users[$0] ?? "?" })
        }
    }
}

extension DemoGenerator {
    /// Issue 8: the other coordinators' laptops as trusted peers (one revoked: a lost laptop),
    /// and one signal that came from outside as an age-encrypted file. Its own random
    /// source, so the other draws of the demo stay as they were. The peers' keys are fresh
    /// each time (like the store's own), only names and choices are seeded.
    func makeSyncData(_ store: Store, coordinators: [UUID]) throws {
        var rng = SeededRandom(seed: 0x5E7C)
        let users = Dictionary(uniqueKeysWithValues: try store.records(UserRecord.self).map { ($0.id, $0.value) })
        try makeColleagueExchange(store, colleague: coordinators[1], rng: &rng)
        for (n, id) in coordinators.dropFirst().prefix(3).enumerated() where n > 0 {
            guard let user = users[id] else { continue }
            let signer = DeviceSigner()
            var card = ContactCard(name: user.name, function: user.function, organisation: user.organisation, deviceID: rng.uuid(),
                                   agreementKey: AgeX25519Identity().recipient.rawRepresentation, signingKey: signer.publicKey, signature: Data())
            card.signature = signer.sign(card.signedBytes)
            try store.addPeer(card, confirmedFingerprint: card.fingerprint)
            if n == 2 { try store.revokePeer(card.deviceID) }
        }
        let p = NameFixtures.shared.person(gender: "vrouw", using: &rng)
        var text = OutsideSignal.template(recipient: try store.agreementIdentity().recipient.string)
        let values = ["melder": "gemeente", "organisatie": "Gemeente Zoetermeer", "voornamen": p.given, "achternaam": p.family,
                      "geboortedatum": "~\(CalendarDate(store.clock.now()).year - 16)", "vormen": "seksuele-uitbuiting", "urgentie": "hoog",
                      "wat-is-gezien": "Meisje van ongeveer 16 wordt 's avonds bij het station opgehaald door wisselende mannen."]
        text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
            guard let key = line.split(separator: ":").first.map(String.init), let v = values[key] else { return String(line) }
            return "\(key): \(v)"
        }.joined(separator: "\n")
        _ = try store.importOutsideSignal(try AgeEncryptor.encrypt(Data(text.utf8), to: [try store.agreementIdentity().recipient]), rng: &rng)
    }
}

extension DemoGenerator {
    /// A real exchange with one colleague's laptop: a second store (made for the moment in a
    /// temporary folder, then deleted) that received three cases, worked on them while this
    /// store did too, and sent its bundle back. So the demo has a last exchange, news since it,
    /// a conflict on a field both changed, and a case closed there while it was changed here.
    func makeColleagueExchange(_ store: Store, colleague: UUID, rng: inout SeededRandom) throws {
        // Three of the colleague's cases, with this store's user as backup: both hold them.
        let chosen = try store.summaries(coordinator: colleague).filter { $0.phase.isActive && $0.phase != .signaal }
            .sorted { $0.code < $1.code }.prefix(3)
        guard chosen.count == 3, let user = try store.user(colleague) else { return }
        try store.write { tx in
            for s in chosen where s.backup != store.userID {
                try tx.update(s.id, CaseCoordination(coordinator: colleague, backup: store.userID, region: s.region, municipality: s.municipality))
            }
        }
        let cases = chosen.map(\.id)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-demo-collega-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: dir) }
        var options = Store.Options(role: .zorgcoordinator, userName: user.name, function: user.function, organisation: user.organisation,
                                    kdf: .testOnlyCheap, isDemo: true)
        options.restoredUserID = colleague
        let laptop = try Store.create(at: StoreLocation(directory: dir.appendingPathComponent("store")), passphrase: Self.passphrase,
                                      options: options, clock: store.clock)
        defer { laptop.close() }
        // The laptop's own user record (the same value as this store's: no conflict) names its card.
        try laptop.write { tx in try tx.put(user, entity: colleague) }
        let mine = try store.contactCard(), theirs = try laptop.contactCard()
        try store.addPeer(theirs, confirmedFingerprint: theirs.fingerprint)
        try laptop.addPeer(mine, confirmedFingerprint: mine.fingerprint)
        // Only these three cases go to the laptop (the demo is one team's store in one place).
        try store.setSharingPolicy(SharingPolicy(byRole: false, extraCases: Set(cases)), for: theirs.deviceID)
        func carry(_ from: Store, _ to: Store) throws {
            let url = dir.appendingPathComponent("\(UUID().uuidString).schakel")
            _ = try from.exportBundle(to: to.deviceID, out: url)
            _ = try to.importBundle(url)
        }
        try carry(laptop, store)
        try carry(store, laptop)
        let today = CalendarDate(store.clock.now())
        let goals = DemoTexts.goals
        try store.write { tx in
            try tx.update(cases[0], ClientGoals(goals: goals[Int.random(in: 0..<goals.count, using: &rng)]))
            _ = try tx.addNote(cases[1], text: DemoTexts.notes[0], on: today)
        }
        try laptop.write { tx in
            try tx.update(cases[0], ClientGoals(goals: goals[(Int.random(in: 0..<goals.count, using: &rng) + 1) % goals.count] + " (besproken met cliënt)"))
            try tx.changePhase(cases[1], to: .afgesloten, on: today, reason: "doelen-bereikt")
            _ = try tx.addNote(cases[2], text: DemoTexts.notes[1], on: today)
        }
        try carry(laptop, store)
    }
}
