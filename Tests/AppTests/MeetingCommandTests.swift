import Foundation
import Testing
import Core

/// `schakel meeting ...` against the demo store, end to end. Serialized: the tests start
/// processes and share one demo store.
@Suite(.serialized) struct MeetingCommandTests {
    static let demoDir: URL = {
        let dir = SchakelBinary.tempDir()
        _ = try? SchakelBinary.run(["demo", "--store", dir.path, "--test-only-cheap-kdf"])
        return dir
    }()

    /// What the tests need from the store, read in-process once: a held meeting with case
    /// items on its agenda, and the names of those cases' clients.
    struct Fixture {
        let meetingDate: CalendarDate
        let codes: [String]
        let clientNames: [String]
        let allCodes: [String]
        /// The demo's moved meeting: (the date the rule gave it, the date it took place).
        let moved: (from: CalendarDate, to: CalendarDate)?
    }

    static let fixture: Fixture? = {
        guard let store = try? Store.open(at: StoreLocation(path: demoDir.path), passphrase: "demo", mode: .read) else { return nil }
        defer { store.close() }
        guard let book = try? store.meetingBook(), let summaries = try? store.summaries() else { return nil }
        let byID = Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, $0) })
        guard let meeting = book.meetings(table: "casusoverleg-18-").last(where: { m in
            m.value.isHeld && book.agenda(m.id).contains { $0.value.caseID != nil }
        }) else { return nil }
        let onAgenda = book.agenda(meeting.id).compactMap { $0.value.caseID.flatMap { byID[$0] } }
        return Fixture(meetingDate: meeting.value.date, codes: onAgenda.map(\.code.description),
                       clientNames: onAgenda.flatMap { [$0.givenNames, $0.familyName] }.filter { $0.count >= 4 },
                       allCodes: summaries.map(\.code.description),
                       moved: book.meetings.compactMap { m in m.value.originalDate.flatMap { $0 != m.value.date ? ($0, m.value.date) : nil } }.first)
    }()

    static let casePattern = try! NSRegularExpression(pattern: "MH-[0-9]{4}-[0-9A-Z]{5}")

    static func hasCaseCode(_ text: String) -> Bool {
        casePattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    static func run(_ args: [String]) throws -> SchakelBinary.Result {
        try SchakelBinary.run(["meeting"] + args + ["--store", demoDir.path], passphrase: "demo")
    }

    static func tempFile(_ name: String) -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("schakel-meeting-\(UUID().uuidString)-\(name)")
    }

    @Test func listShowsMeetingsWithoutCaseCodes() throws {
        let f = try #require(Self.fixture)
        let recent = try Self.run(["list"])
        #expect(recent.status == 0, "\(recent.stderr)")
        #expect(recent.stdout.hasPrefix("DEMO"))
        #expect(recent.stdout.contains("gehouden"))
        #expect(recent.stdout.contains("14:00"))
        #expect(!Self.hasCaseCode(recent.stdout))
        let all = try Self.run(["list", "--all", "--table", "casusoverleg-18-"])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains(f.meetingDate.dutch))
        #expect(all.stdout.contains("verplaatst van"))      // the demo's moved meeting
        #expect(all.stdout.contains("geannuleerd"))
        #expect(!Self.hasCaseCode(all.stdout))
        #expect(!f.clientNames.contains { all.stdout.contains($0) })
        // By default only the last eight weeks and later: fewer lines than --all.
        #expect(recent.stdout.split(separator: "\n").count < all.stdout.split(separator: "\n").count)
        let unknown = try Self.run(["list", "--table", "geen-tafel"])
        #expect(unknown.status == 1)
        #expect(unknown.stderr.contains("Onbekende tafel"))
    }

    @Test func agendaForParticipantsIsDeidentifiedAndNeverOverwritten() throws {
        let f = try #require(Self.fixture)
        let file = Self.tempFile("agenda.md")
        defer { try? FileManager.default.removeItem(at: file) }
        let first = try Self.run(["agenda", "--date", f.meetingDate.dutch, "--for", "deelnemers", "--out", file.path])
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.isEmpty)
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        let written = try Data(contentsOf: file)
        let text = String(decoding: written, as: UTF8.self)
        #expect(text.hasPrefix("# Agenda"))
        #expect(f.codes.contains { text.contains($0) })
        #expect(!f.clientNames.contains { text.contains($0) })

        let again = try Self.run(["agenda", "--date", f.meetingDate.dutch, "--for", "deelnemers", "--out", file.path])
        #expect(again.status == 1)
        #expect(again.stderr.contains("Bestaat al"))
        #expect(try Data(contentsOf: file) == written)
    }

    @Test func fullVersionsCarryNamesAndParticipantMinutesAreMasked() throws {
        let f = try #require(Self.fixture)
        let full = try Self.run(["agenda", "--date", f.meetingDate.dutch, "--for", "dossier"])
        #expect(full.status == 0, "\(full.stderr)")
        #expect(f.clientNames.contains { full.stdout.contains($0) })
        let minutes = try Self.run(["minutes", "--date", f.meetingDate.dutch, "--for", "deelnemers"])
        #expect(minutes.status == 0, "\(minutes.stderr)")
        #expect(minutes.stdout.hasPrefix("# Notulen"))
        #expect(!f.clientNames.contains { minutes.stdout.contains($0) })
        let fullMinutes = try Self.run(["minutes", "--date", f.meetingDate.dutch, "--for", "dossier", "--lang", "en"])
        #expect(fullMinutes.status == 0, "\(fullMinutes.stderr)")
        #expect(fullMinutes.stdout.hasPrefix("# Minutes"))
    }

    @Test func exportsRefuseMissingVersionBadDatesAndDaysWithoutAMeeting() throws {
        let f = try #require(Self.fixture)
        let noVersion = try Self.run(["agenda", "--date", f.meetingDate.dutch])
        #expect(noVersion.status != 0)
        #expect(noVersion.stderr.contains("--for"))
        #expect(noVersion.stdout.isEmpty)
        let badVersion = try Self.run(["minutes", "--date", f.meetingDate.dutch, "--for", "iedereen"])
        #expect(badVersion.status != 0)
        #expect(badVersion.stderr.contains("deelnemers"))
        let badDate = try Self.run(["agenda", "--date", "31-02-2026", "--for", "deelnemers"])
        #expect(badDate.status == 1)
        #expect(badDate.stderr.contains("geen geldige datum"))
        #expect(badDate.stdout.isEmpty)
        let noMeeting = try Self.run(["agenda", "--date", f.meetingDate.adding(days: 1).dutch, "--for", "deelnemers"])
        #expect(noMeeting.status == 1)
        #expect(noMeeting.stderr.contains("geen overleg"))
        #expect(noMeeting.stdout.isEmpty)
        let moved = try #require(f.moved)
        let oldDate = try Self.run(["agenda", "--date", moved.from.dutch, "--for", "deelnemers"])
        #expect(oldDate.status == 1)
        #expect(oldDate.stderr.contains("verplaatst naar \(moved.to.dutch)"))
    }

    @Test func calendarIsICalendarWithoutCaseData() throws {
        let f = try #require(Self.fixture)
        let r = try Self.run(["calendar"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.hasPrefix("BEGIN:VCALENDAR\r\n"))
        #expect(r.stdout.hasSuffix("END:VCALENDAR\r\n"))
        #expect(r.stdout.contains("RRULE:FREQ=WEEKLY;INTERVAL=8"))
        #expect(r.stdout.contains("RECURRENCE-ID"))          // the moved meeting
        #expect(!Self.hasCaseCode(r.stdout))
        #expect(!f.clientNames.contains { r.stdout.contains($0) })

        let file = Self.tempFile("overleg.ics")
        defer { try? FileManager.default.removeItem(at: file) }
        let toFile = try Self.run(["calendar", "--out", file.path, "--through", "31-12-2027"])
        #expect(toFile.status == 0, "\(toFile.stderr)")
        #expect(try String(contentsOf: file, encoding: .utf8).hasPrefix("BEGIN:VCALENDAR"))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.posixPermissions] as? Int)
        #expect(mode == 0o600)
        // The demo plans only the casusoverleg 18-: the zorgnetwerk table has no series.
        let noSeries = try Self.run(["calendar", "--table", "zorgnetwerk"])
        #expect(noSeries.status == 1)
        #expect(noSeries.stderr.contains("geen overlegreeks"))
        let badThrough = try Self.run(["calendar", "--through", "volgend jaar"])
        #expect(badThrough.status == 1)
        #expect(badThrough.stderr.contains("geen geldige datum"))
    }

    /// The beheerder may see that meetings exist, not who is discussed.
    @Test func fullVersionNeedsARoleThatReadsCases() throws {
        let dir = SchakelBinary.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let passphrase = "een lange goede wachtzin"
        #expect(try SchakelBinary.run(["init", "--store", dir.path, "--test-only-cheap-kdf", "--role", "beheerder"], passphrase: passphrase).status == 0)
        let full = try SchakelBinary.run(["meeting", "agenda", "--date", "13-10-2026", "--for", "dossier", "--store", dir.path], passphrase: passphrase)
        #expect(full.status == 1)
        #expect(full.stderr.contains("Dat kan niet met de rol"))
        let deidentified = try SchakelBinary.run(["meeting", "agenda", "--date", "13-10-2026", "--for", "deelnemers", "--store", dir.path], passphrase: passphrase)
        #expect(deidentified.status == 1)
        #expect(!deidentified.stderr.contains("Dat kan niet met de rol"))
        #expect(deidentified.stderr.contains("geen overleg"))
    }
}
