import Foundation
import Core

// Shared by TUITests (Tests/TUITests/Shell/HostileStore.swift) and AppTests (a symbolic
// link to it): public Core API only.

/// Hostile text (escape sequences, C0/C1 controls, bidi controls, zero-width characters,
/// combining floods, wide characters, very long text) in every text field, typed by a user
/// and arriving from a peer's bundle: every screen stays harmless.
enum HostileCorpus {
    /// One sample of each trick. Parts that Core refuses from a user (C0/C1, bidi) still
    /// arrive from a malicious peer, whose events are not re-validated.
    static let escapes = [
        "\u{1B}[31mROOD\u{1B}[0m",                       // colour
        "\u{1B}[2J\u{1B}[H\u{1B}[10;10H",               // clear screen, cursor moves
        "\u{1B}]0;TITEL\u{07}", "\u{1B}]2;TITEL\u{1B}\\", // window title (OSC 0/2)
        "\u{1B}]52;c;Z2VoZWlt\u{07}",                    // clipboard write (OSC 52)
        "\u{1B}]8;;https://example.invalid\u{1B}\\link\u{1B}]8;;\u{1B}\\", // hyperlink (OSC 8)
        "\u{1B}P+q544e\u{1B}\\",                        // DCS
        "\u{9B}31m", "\u{90}dcs\u{9C}", "\u{9D}0;c1\u{9C}", // C1 CSI, DCS, OSC, ST
        "a\u{08}\u{08}b\rc\u{7F}\u{00}\u{07}",          // backspace, CR, DEL, NUL, BEL
        "\u{202E}trevo\u{202C} \u{202A}\u{202B}\u{202D}", // bidi overrides
        "\u{2066}iso\u{2069}\u{2067}\u{2068}",          // bidi isolates
    ].joined(separator: " ")
    /// What a user may type (Core keeps it): zero-width, combining floods, wide characters.
    static let typeable = [
        "nul\u{200B}breed\u{200C}\u{200D}\u{FEFF}\u{2060}",
        "Z" + String(repeating: "\u{0301}\u{0316}\u{0337}", count: 30) + "algo",
        "漢字テスト", "👩‍👩‍👧 🇳🇱 ✋🏽",
    ].joined(separator: " ")
    static let outside = escapes + " " + typeable
    static let longWord = String(repeating: "Woordzonderspatie", count: 300)
    /// 10k+ characters with a 5,100-character word (free text from a peer).
    static let longText = String(repeating: "heel lange tekst ", count: 300) + longWord + " " + outside
    /// Within Core's limits for free text (typed by a user).
    static let longTyped = String(repeating: "heel lange tekst ", count: 300) + longWord + " " + typeable

    /// Adds `suffix` to every string of a group's free-text and identifying fields (not its
    /// codes, vocabulary keys and dates), keeping whatever still decodes.
    static func poisoned<G: FieldGroup>(_ value: G, _ suffix: String, long: String) -> G {
        let encoder = JSONEncoder(), decoder = JSONDecoder()
        guard let data = try? encoder.encode(value),
              var object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return value }
        for (key, field) in G.fields where field != .operational || ["title", "text", "notes", "note", "description", "name"].contains(key) {
            let before = object[key]
            switch before {
            case let s as String: object[key] = field == .specialCategory ? s + " " + long : s + " " + suffix
            case let list as [String]: object[key] = list.map { $0 + " " + suffix } + [suffix]
            default: continue
            }
            let candidate = try? JSONSerialization.data(withJSONObject: object)
            if candidate.flatMap({ try? decoder.decode(G.self, from: $0) }) == nil { object[key] = before }
        }
        guard let out = try? JSONSerialization.data(withJSONObject: object), let v = try? decoder.decode(G.self, from: out) else { return value }
        return v
    }

    /// Rewrites every record of a store-wide group with poisoned text (as a peer's events would).
    static func poisonAll<G: FieldGroup>(_ type: G.Type, in store: Store) throws {
        guard !G.kind.belongsToCase, G.kind != .syncKnowledge else { return }
        let records = try store.records(G.self)
        guard !records.isEmpty else { return }
        try store.write { tx in
            for r in records { try tx.put(poisoned(r.value, outside, long: longText), entity: r.id) }
        }
    }

    struct Fixture {
        /// The store under attack (a demo store, passphrase "demo").
        let store: Store
        /// The case a user filled with what may be typed.
        let typedCase: UUID
        /// The case a peer's bundle filled with everything.
        let peerCase: UUID
        let peer: Store
    }

    static let shared: Fixture = {
        do { return try make() } catch { fatalError("hostile fixture: \(error)") }
    }()

    static func make() throws -> Fixture {
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        let clock = FixedClock(today.date.addingTimeInterval(9 * 3600))
        let (a, _) = try DemoGenerator(scale: 1, seed: 3, today: today)
            .create(at: StoreLocation(directory: temporaryDirectory("hostile")), kdf: .testOnlyCheap, clock: clock)
        // 1. A user types what Core lets through, in every case group.
        var rng = SeededRandom(seed: 99)
        let typed = try a.write { tx -> UUID in
            let (id, _) = try tx.openCase(NewCase(
                identity: ClientIdentity(givenNames: "Zqxhostile " + typeable, familyName: String(typeable.prefix(60)),
                                         aliases: [typeable, String(longWord.prefix(150))],
                                         birthDate: .exact(CalendarDate(year: 2009, month: 1, day: 2)!), gender: "vrouw",
                                         personDescription: typeable),
                referral: CaseReferral(referrerType: "politie-avim", contactName: typeable, receivedOn: today),
                exploitation: CaseExploitation(forms: ["arbeidsuitbuiting"], sectors: [], indicators: [], crossBorder: false),
                coordinator: a.userID, backup: nil, region: "haaglanden", municipality: "den-haag",
                openedOn: today, phase: .signaal, urgency: "acuut"), rng: &rng)
            try tx.changePhase(id, to: .aanmelding, on: today, reason: nil, note: longTyped)
            try tx.addNote(id, text: longTyped, on: today)
            try tx.addNote(id, text: typeable + "\n\t" + typeable, on: today)
            try tx.addItem(id, CaseAction(title: typeable, owner: a.userID.uuidString, due: today.adding(days: -2), status: "open"))
            return id
        }
        // 2. A peer whose program was changed: its events carry everything, unvalidated.
        let b = try Store.create(at: StoreLocation(directory: temporaryDirectory("hostile-peer")), passphrase: "demo",
                                 options: .init(role: .zorgcoordinator, userName: "Zqxpeer " + typeable, function: "Zorgcoördinator",
                                                organisation: "fier", kdf: .testOnlyCheap, isDemo: true), clock: clock)
        for (x, y) in [(a, b), (b, a)] {
            let card = try y.contactCard()
            try x.addPeer(card, confirmedFingerprint: card.fingerprint)
        }
        try b.write { tx in
            if let me = try b.user(b.userID) { try tx.put(poisoned(me, outside, long: longText), entity: b.userID) }
        }
        try send(b, a)
        let peerCase = try a.write { tx in
            try tx.openCase(NewCase(identity: ClientIdentity(givenNames: "Zqxpeercase", familyName: "Voorbeeld", aliases: [],
                                                             birthDate: .exact(CalendarDate(year: 1999, month: 5, day: 4)!), gender: "vrouw"),
                                    referral: CaseReferral(referrerType: "politie-avim", receivedOn: today),
                                    coordinator: a.userID, backup: b.userID, region: "haaglanden", municipality: "den-haag",
                                    openedOn: today, phase: .intake), rng: &rng).id
        }
        try send(a, b)
        clock.advance(by: 600)
        // Both change the name at once (a conflict whose values are hostile), and the peer
        // fills every case group of the shared case.
        try a.write { tx in
            try tx.update(peerCase, ClientIdentity(givenNames: "Zqxpeercase " + typeable, familyName: "Voorbeeld", aliases: [],
                                                   birthDate: .exact(CalendarDate(year: 1999, month: 5, day: 4)!), gender: "vrouw"))
        }
        clock.advance(by: 60)
        try b.write { tx in
            for type in FieldCatalog.groups { try putExample(type, tx: tx, caseID: peerCase) }
            try tx.put(TimelineNote(on: today, author: b.userID, text: longText), entity: UUID(), caseID: peerCase)
        }
        clock.advance(by: 600)
        try send(a, b)
        clock.advance(by: 60)
        try send(b, a)
        // The same events applied to this store as an import applies them (in this fixture the
        // sending store's sharing policy withholds most of the peer's case events from the
        // bundle; a modified peer program would not).
        try a.write { tx in
            for type in FieldCatalog.groups { try putExample(type, tx: tx, caseID: peerCase) }
            try tx.put(TimelineNote(on: today, author: b.userID, text: longText), entity: UUID(), caseID: peerCase)
        }
        // 3. Everything outside cases (users, organisations, contacts, maatjes, meetings ...).
        for type in FieldCatalog.groups { try poisonAll(type, in: a) }
        return Fixture(store: a, typedCase: typed, peerCase: peerCase, peer: b)
    }

    /// All stores of this test process live under one folder, removed when the process exits.
    static let temporaryRoot: URL = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-hostile-\(UUID().uuidString)")
        atexit { try? FileManager.default.removeItem(at: HostileCorpus.temporaryRoot) }
        return root
    }()

    static func temporaryDirectory(_ label: String) -> URL {
        temporaryRoot.appendingPathComponent("\(label)-\(UUID().uuidString)")
    }

    static func send(_ from: Store, _ to: Store) throws {
        let url = temporaryDirectory("bundle").appendingPathExtension("schakel")
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try from.exportBundle(to: to.deviceID, out: url)
        let report = try to.importBundle(url)
        // Held back would mean the hostile events never reached the store under test.
        guard report.outcome == .applied else { throw HeldBack(outcome: "\(report.outcome)") }
    }

    struct HeldBack: Error { let outcome: String }

    static func putExample<G: FieldGroup>(_ type: G.Type, tx: StoreTransaction, caseID: UUID) throws {
        guard G.kind.belongsToCase, G.kind != .groupLink, G.kind != .matchRequest, G.kind != .document,
              G.kind != .consent else { return }   // consent decides what travels: not text
        let entity = (G.kind == .client || G.kind == .case) ? caseID : UUID()
        var value = poisoned(G.example, outside, long: longText)
        if let identity = value as? ClientIdentity {
            var v = identity
            v.givenNames = "Zqxpeercase " + outside
            value = v as! G
        }
        try tx.put(value, entity: entity, caseID: caseID)
    }
}

