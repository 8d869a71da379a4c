import Foundation
import Testing
import Core

/// Intake end to end through the real binary in tmux: register a signal for a person who
/// is already known under another spelling and link it, then register a vague signal about
/// a minor, run the intake, see the route and the acute flag, and put the case on the next
/// casusoverleg 18-. Checked afterwards in the store itself.
@Suite(.serialized, .enabled(if: TmuxSession.isAvailable, "tmux is not installed: `make test` installs it (apt-get install tmux)"))
struct TmuxIntakeTests {
    /// Its own demo store: these tests write.
    static let demoDir: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-tmux-intake-\(UUID().uuidString)")
        _ = try? SchakelBinary.run(["demo", "--store", dir.path, "--test-only-cheap-kdf"])
        atexit { try? FileManager.default.removeItem(at: TmuxIntakeTests.demoDir) }
        return dir
    }()

    static func start() throws -> TmuxSession {
        let cmd = ([SchakelBinary.url.path, "--store", demoDir.path]).map(TmuxSession.quote).joined(separator: " ")
        let s = try TmuxSession(command: cmd, directory: TmuxTests.repoRoot)
        try s.waitFor("the unlock screen") { $0.contains(TmuxTests.nl["unlock.passphrase"]!) }
        try s.type("demo")
        try s.keys("Enter")
        try s.waitFor("the caseload") { $0.contains(TmuxTests.nl["caseload.view.mine"]!) && $0.contains("MH-") }
        try s.keys("1")
        try s.waitFor("the inbox") { $0.contains(TmuxTests.heading("intake.title")) }
        return s
    }

    static func readStore() throws -> Store {
        try Store.open(at: StoreLocation(directory: demoDir), passphrase: "demo", mode: .read)
    }

    /// Tabs from the first field of the signal form to the field with `id`.
    static func tabs(to id: String) -> [String] {
        let order = ["referrerType", "referrerOrganisation", "referrerContact", "confidential", "seen", "forms", "indicators", "givenNames",
                     "familyName", "aliases", "personDescription", "birthDate", "gender", "nationalities", "phone", "urgency"]
        return Array(repeating: "Tab", count: order.firstIndex(of: id)!)
    }

    @Test func signalForAKnownPersonIsLinkedNotMerged() throws {
        let store = try Self.readStore()
        let known = try #require(try store.summaries().first {
            $0.phase.isActive && $0.familyName.count >= 5 && $0.givenNames.count >= 3 && $0.familyName.allSatisfy(\.isLetter)
                && $0.givenNames.allSatisfy(\.isLetter) && { if case .exact? = $0.birthDate { return true } else { return false } }($0)
        })
        store.close()
        guard case .exact(let born)? = known.birthDate else { return }
        let s = try Self.start()
        defer { s.kill() }
        try s.keys("a")
        try s.waitFor("the signal form") { $0.contains(TmuxTests.nl["signal.title"]!) }
        try s.keys("Right")  // a reporter type
        // Swapped name order, no diacritics, lower case: the way a name comes in by phone.
        try s.keys(contentsOf: Self.tabs(to: "givenNames"))
        try s.type(NameMasker.fold(known.familyName))
        try s.keys("Tab")
        try s.type(NameMasker.fold(known.givenNames))
        try s.keys(contentsOf: Array(repeating: "Tab", count: 4))
        try s.type(born.dutch)
        try s.keys("Enter")
        let offer = try s.waitFor("the duplicate offer") { $0.contains(known.code.description) }
        #expect(offer.contains(TmuxTests.nl["signal.newCase"]!))
        try s.keys("j")
        try s.keys("Enter")
        let done = try s.waitFor("the confirmation") { $0.contains(TmuxTests.heading("intake.title")) && !$0.contains(TmuxTests.nl["signal.title"]!) }
        #expect(!done.contains(TmuxTests.nl["signal.duplicatesIntro"]!))

        let after = try Self.readStore()
        defer { after.close() }
        let earlier = try after.caseFile(known.id)
        let newCase = try #require(try after.summaries().first { $0.id != known.id && $0.openedOn == CalendarDate(year: 2026, month: 11, day: 22)!
            && NameMasker.fold($0.givenNames) == NameMasker.fold(known.familyName) })
        let link = try #require(try after.caseFile(newCase.id).groupLinks.values.first { $0.groupKind == "zelfde-persoon" })
        #expect(earlier.groupLinks.values.contains { $0.groupID == link.groupID })
        // Nothing merged: the earlier case keeps its own name.
        #expect(earlier.identity?.familyName == known.familyName)
    }

    @Test func minorIsRoutedFlaggedAcuteAndPutOnTheCasusoverleg() throws {
        let s = try Self.start()
        defer { s.kill() }
        try s.keys("a")
        try s.waitFor("the signal form") { $0.contains(TmuxTests.nl["signal.title"]!) }
        try s.keys("Right")
        try s.keys(contentsOf: Self.tabs(to: "forms"))
        try s.keys("Space")  // the first form: seksuele uitbuiting
        try s.keys(contentsOf: Array(repeating: "Tab", count: 5))  // to the description
        try s.type("Meisje van een jaar of 15 bij de bushalte Zqxtmuxmarker")
        try s.keys("Tab")
        try s.type("~2011")
        try s.keys("Enter")
        let toastPrefix = String(TmuxTests.nl["signal.created"]!.prefix(while: { $0 != "{" }))
        let created = try s.waitFor("the confirmation with the new code") { $0.contains(toastPrefix) && !$0.contains(TmuxTests.nl["signal.title"]!) }
        let line = try #require(created.split(separator: "\n").first { $0.contains(toastPrefix) })
        let code = try #require(TmuxTests.codes(in: String(line)).first)
        try s.keys("/")
        try s.type(code)
        try s.keys("Enter")
        try s.keys("i")
        try s.waitFor("intake step 1") { $0.contains(TmuxTests.nl["intake.stepIntro.client"]!) }
        // A signal's municipality is not known yet; the intake asks for it (required).
        try s.keys("Enter")
        try s.waitFor("the message next to the municipality") { $0.contains("⚠ " + TmuxTests.nl["field.municipality"]!.prefix(0)) && $0.contains("verplicht") }
        try s.keys("Right")
        for _ in 0..<4 { try s.keys("Enter") }
        // Wait for the whole step: a capture can catch a frame that is still being drawn
        // (the suggestion already there, the acute flag below it not yet).
        let acute = "! " + String(TmuxTests.nl["intake.acute"]!.prefix(30))
        let route = try s.waitFor("the routing suggestion with the acute flag") { $0.contains(TmuxTests.nl["intake.routing"]!) && $0.contains(acute) }
        #expect(route.contains(TmuxTests.nl["route.jeugdzorg"]!))
        try s.keys("Right")  // residence status is required: the first option
        try s.keys("Enter")
        try s.keys("Enter")
        try s.waitFor("the casusoverleg offer") { $0.contains(String(TmuxTests.nl["intake.offerCasusoverleg"]!.prefix(30))) }
        try s.keys("j")
        try s.waitFor("back in the inbox, without the case") { $0.contains(TmuxTests.heading("intake.title")) && !$0.contains(code) }

        let store = try Self.readStore()
        defer { store.close() }
        let caseCode = try #require(CaseCode(code))
        let id = try #require(try store.caseID(code: caseCode))
        let file = try store.caseFile(id)
        #expect(file.phase?.phase == .intake)
        #expect(file.opening?.urgency == "acuut")
        #expect(file.identity?.birthDate == .estimatedYear(2011))
        #expect(try store.records(AgendaItemRecord.self).contains { $0.value.caseID == id })
        #expect(try store.drafts().allSatisfy { $0.draft.caseID != id })
    }
}

extension TmuxSession {
    func keys(contentsOf keys: [String]) throws {
        for k in keys { try self.keys(k) }
    }
}
