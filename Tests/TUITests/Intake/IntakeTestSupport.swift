import Foundation
import Testing
@testable import Core
@testable import TUI

/// A small store of its own for the intake tests: flows write to the store, so these tests
/// never touch the shared demo workspace. Everything in it is deterministic (fixed clock,
/// seeded case codes), so screens of it can be golden files.
final class IntakeWorld {
    static let today = ShellFixture.today
    static let passphrase = "demo"
    static let userName = "Zqxintake Tester"

    let location: StoreLocation
    let workspace: Workspace
    /// An earlier case (in traject) of Łucja Wiśniewska, born 04-03-1999.
    let existing: UUID
    /// Another Polish woman with a look-alike name and another birth date.
    let lookalike: UUID
    /// A signal about an adult, with everything the signal form can hold.
    let adult: UUID
    /// A referral (aanmelding) about a girl of about 16 (birth year estimated: ~2010), sexual exploitation suspected.
    let minor: UUID
    /// A vague signal: no name, only a description.
    let vague: UUID
    /// Casusoverleg 18- meetings: held, cancelled (earlier than the next), next planned, later planned.
    let heldMeeting: UUID, cancelledMeeting: UUID, nextMeeting: UUID, laterMeeting: UUID
    /// A planned meeting of another table, earlier than the next casusoverleg 18-.
    let otherTableMeeting: UUID

    var store: Store { workspace.store }

    init() throws {
        let today = Self.today
        location = StoreLocation(directory: ShellFixture.temporaryDirectory("intake"))
        let store = try Store.create(at: location, passphrase: Self.passphrase,
                                     options: .init(role: .zorgcoordinator, userName: Self.userName, function: "Zorgcoördinator mensenhandel",
                                                    organisation: "shop", kdf: .testOnlyCheap, isDemo: true),
                                     clock: FixedClock(today.date))
        let me = store.userID
        var ids: [UUID] = []
        var meetings: [UUID] = []
        try store.write { tx in
            var rng = SeededRandom(seed: 20261122)
            func open(_ identity: ClientIdentity, origin: ClientOrigin? = nil, contact: ClientContact? = nil, referrer: String,
                      forms: [String], sectors: [String] = [], indicators: [String] = [], seen: String? = nil,
                      municipality: String = "den-haag", daysAgo: Int, phase: Phase, urgency: String) throws -> UUID {
                let day = today.adding(days: -daysAgo)
                return try tx.openCase(NewCase(identity: identity, origin: origin, contact: contact,
                                               referral: CaseReferral(referrerType: referrer, receivedOn: day),
                                               exploitation: CaseExploitation(forms: forms, sectors: sectors, indicators: indicators, description: seen),
                                               coordinator: me, region: "haaglanden", municipality: municipality, openedOn: day,
                                               phase: phase, urgency: urgency), rng: &rng).id
            }
            ids.append(try open(ClientIdentity(givenNames: "Łucja", familyName: "Wiśniewska", birthDate: .exact(CalendarDate(year: 1999, month: 3, day: 4)!),
                                               gender: "vrouw"),
                                origin: ClientOrigin(nationalities: ["PL"], languages: ["pl"]), referrer: "nla", forms: ["arbeidsuitbuiting"],
                                daysAgo: 400, phase: .traject, urgency: "normaal"))
            ids.append(try open(ClientIdentity(givenNames: "Lucyna", familyName: "Wiśniewski", birthDate: .exact(CalendarDate(year: 1971, month: 8, day: 30)!),
                                               gender: "vrouw"),
                                origin: ClientOrigin(nationalities: ["PL"]), referrer: "politie-avim", forms: ["arbeidsuitbuiting"],
                                daysAgo: 300, phase: .traject, urgency: "normaal"))
            ids.append(try open(ClientIdentity(givenNames: "Amina", familyName: "El Idrissi", birthDate: .exact(CalendarDate(year: 1994, month: 7, day: 12)!),
                                               gender: "vrouw"),
                                origin: ClientOrigin(nationalities: ["MA"], languages: ["ar"], interpreterNeeded: true),
                                contact: ClientContact(phone: "0612345678"), referrer: "nla", forms: ["arbeidsuitbuiting"], sectors: ["schoonmaak"],
                                indicators: ["geen-eigen-id-documenten", "extreem-lange-werkdagen"],
                                seen: "Werkt zeven dagen per week in een schoonmaakbedrijf, woont boven de zaak.",
                                daysAgo: 3, phase: .signaal, urgency: "hoog"))
            ids.append(try open(ClientIdentity(givenNames: "Ana", familyName: "Popescu", birthDate: .estimatedYear(2010), gender: "vrouw"),
                                origin: ClientOrigin(nationalities: ["RO"]), referrer: "school", forms: ["seksuele-uitbuiting"],
                                indicators: ["oudere-vriend"], seen: "Wordt na school opgehaald door een oudere man met een auto.",
                                municipality: "delft", daysAgo: 1, phase: .aanmelding, urgency: "normaal"))
            ids.append(try open(ClientIdentity(givenNames: "", familyName: "", gender: "man",
                                               personDescription: "Jongen van ongeveer vijftien, fietst 's avonds voor een dealer."),
                                referrer: "anoniem", forms: ["criminele-uitbuiting"], daysAgo: 6, phase: .signaal, urgency: "laag"))
            for (table, days, status) in [("casusoverleg-18-", -21, "gehouden"), ("casusoverleg-18-", 2, "geannuleerd"),
                                          ("casusoverleg-18-", 9, "gepland"), ("casusoverleg-18-", 37, "gepland"), ("zorgnetwerk", 1, "gepland")] {
                let id = rng.uuid()
                try tx.put(MeetingRecord(table: table, date: today.adding(days: days), location: "Den Haag", status: status), entity: id)
                meetings.append(id)
            }
        }
        (existing, lookalike, adult, minor, vague) = (ids[0], ids[1], ids[2], ids[3], ids[4])
        (heldMeeting, cancelledMeeting, nextMeeting, laterMeeting, otherTableMeeting) = (meetings[0], meetings[1], meetings[2], meetings[3], meetings[4])
        workspace = try Workspace(store: store)
    }

    /// Unlocking reopens this store from disk (after a lock closed it).
    var unlocker: Shell.Unlocker {
        let location = location
        return { passphrase in
            try Workspace(store: Store.open(at: location, passphrase: passphrase, clock: FixedClock(IntakeWorld.today.date)))
        }
    }

    func harness(size: Size = Size(width: 120, height: 40), theme: String = "standaard", tier: ColorTier = .c256, privacy: Bool = false,
                 autoLock: Duration = .seconds(300)) -> Harness {
        let h = Harness(size: size, theme: theme, tier: tier, privacy: privacy, autoLock: autoLock, install: workspace, unlocker: unlocker)
        h.press("1")
        return h
    }

    func code(_ id: UUID) throws -> String { try store.caseFile(id).code!.description }
}

/// Driving flows through the keyboard, field by field (the form's own keys: Tab/BackTab to
/// move, ←/→ to choose, Space to toggle, Ctrl-U to clear a text field).
extension Harness {
    var flow: Flow? { if case .flow(let f)? = shell.overlay { return f }; return nil }
    var signalFlow: SignalFlow? { flow as? SignalFlow }
    var intakeFlow: IntakeFlow? { flow as? IntakeFlow }
    var feedbackFlow: FeedbackFlow? { flow as? FeedbackFlow }

    var form: Form? {
        if let f = signalFlow { return f.form }
        if let f = intakeFlow, case .step(let s) = f.stage { return f.forms[s] }
        return feedbackFlow?.form
    }

    var intakeStep: Int? { if let f = intakeFlow, case .step(let s) = f.stage { return s }; return nil }

    func keys(_ key: String, _ count: Int) {
        if count > 0 { press(Array(repeating: key, count: count).joined(separator: " ")) }
    }

    /// Moves the focus to a field with Tab / BackTab.
    func focus(_ id: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let form, let target = form.fields.firstIndex(where: { $0.id == id }) else {
            Issue.record("no field \(id) in the open form", sourceLocation: sourceLocation); return
        }
        let delta = target - form.focusIndex
        keys(delta > 0 ? "tab" : "backtab", abs(delta))
        #expect(self.form?.focusIndex == target, "focus on \(id)", sourceLocation: sourceLocation)
    }

    /// Clears a text field and types into it.
    func fill(_ id: String, _ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        focus(id, sourceLocation: sourceLocation)
        press("ctrl-u")
        type(text)
    }

    /// Chooses an option of a choice field with → (from "—", the first → picks option 0).
    func choose(_ id: String, _ index: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        focus(id, sourceLocation: sourceLocation)
        guard let form, let field = form.fields.first(where: { $0.id == id }), case .choice(let options) = field.kind else {
            Issue.record("\(id) is not a choice field", sourceLocation: sourceLocation); return
        }
        var current: Int?
        if case .choice(let i)? = form.values[id] { current = i }
        keys("right", current.map { (index - $0 + options.count) % options.count } ?? index + 1)
        #expect(self.form?.values[id] == .choice(index), "\(id) chosen", sourceLocation: sourceLocation)
    }

    /// Chooses an option by its label.
    func choose(_ id: String, label: String, sourceLocation: SourceLocation = #_sourceLocation) {
        guard let field = form?.fields.first(where: { $0.id == id }), case .choice(let options) = field.kind,
              let index = options.firstIndex(of: label) else {
            Issue.record("no option \(label) for \(id)", sourceLocation: sourceLocation); return
        }
        choose(id, index, sourceLocation: sourceLocation)
    }

    /// Toggles options of a multi-choice field with ← → and Space.
    func toggle(_ id: String, labels: [String], sourceLocation: SourceLocation = #_sourceLocation) {
        focus(id, sourceLocation: sourceLocation)
        guard let field = form?.fields.first(where: { $0.id == id }), case .multiChoice(let options) = field.kind else {
            Issue.record("\(id) is not a multi-choice field", sourceLocation: sourceLocation); return
        }
        for label in labels {
            guard let index = options.firstIndex(of: label) else { Issue.record("no option \(label) for \(id)", sourceLocation: sourceLocation); continue }
            keys("left", options.count)
            keys("right", index)
            press("space")
        }
    }

    /// Selects a case in the focused pane by searching for its code.
    func select(code: String) {
        press("/")
        type(code)
        press("enter")
    }

    /// The screen line showing a form field (its label), to check what is next to it.
    func line(of label: String) -> String? { lines.first { $0.contains(label) } }
}

func vocabLabel(_ vocabulary: String, _ id: String) -> String { ReferenceData.shared.label(vocabulary, id) }

extension Harness {
    /// Every toast posted and not yet expired (the clock only moves when a test moves it),
    /// oldest first; the screen shows the oldest.
    var toasts: [String] { shell.toasts.pending.map(\.message) }
}
