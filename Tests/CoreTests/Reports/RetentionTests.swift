import Foundation
import Testing
import GRDB
@testable import Core

/// Retention periods, the worklist, and anonymising: the case is gone from the store
/// files, the figures still count it.
@Suite(.serialized) struct RetentionTests {
    static let today = TestStore.today

    func closedCase(_ store: Store, given: String, birth: CalendarDate, opened: CalendarDate, closed: CalendarDate) throws -> UUID {
        var new = TestStore.newCase(store, given: given, birth: .exact(birth), opened: opened)
        new.phase = .intake
        return try store.write { tx in
            let id = try tx.openCase(new).id
            try tx.changePhase(id, to: .traject, on: opened.adding(days: 10), reason: "plaatsing-gerealiseerd")
            try tx.changePhase(id, to: .afgesloten, on: closed, reason: "doelen-bereikt")
            return id
        }
    }

    @Test func worklistHoldsClosedCasesPastTheirPeriodByTrack() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        // An adult closed 6 years ago (past 5), a minor at the signal closed 6 years ago (not past 20),
        // an adult closed 4 years ago (not past 5).
        let adultOld = try closedCase(store, given: "Ona", birth: CalendarDate(year: 1980, month: 1, day: 1)!,
                                      opened: Self.today.adding(years: -7), closed: Self.today.adding(years: -6))
        _ = try closedCase(store, given: "Ilse", birth: Self.today.adding(years: -22),
                           opened: Self.today.adding(years: -7), closed: Self.today.adding(years: -6))
        _ = try closedCase(store, given: "Mira", birth: CalendarDate(year: 1980, month: 1, day: 1)!,
                           opened: Self.today.adding(years: -5), closed: Self.today.adding(years: -4))
        var items = Store.retentionWorklist(try store.summaries(), policy: try store.retentionPolicy(), today: Self.today)
        #expect(items.map(\.caseID) == [adultOld])
        #expect(items.first?.dueOn == Self.today.adding(years: -1))
        // A shorter period for minors brings the second case in.
        items = Store.retentionWorklist(try store.summaries(), policy: RetentionPolicy(minorYears: 5, adultYears: 5), today: Self.today)
        #expect(items.count == 2 && items.contains { $0.minor })
    }

    @Test func policyIsValidatedAuditedAndOnlyForTheBeheerder() throws {
        let store = try TestStore.make(role: .beheerder)
        defer { TestStore.remove(store) }
        #expect(try store.retentionPolicy() == .standard)
        try store.setRetentionPolicy(RetentionPolicy(minorYears: 21, adultYears: 7))
        #expect(try store.retentionPolicy() == RetentionPolicy(minorYears: 21, adultYears: 7))
        #expect(throws: SchakelError.self) { try store.setRetentionPolicy(RetentionPolicy(minorYears: 0, adultYears: 7)) }
        #expect(try store.auditEntries().contains { $0.action == "retention-policy-changed" })
        let coordinator = try TestStore.make()
        defer { TestStore.remove(coordinator) }
        #expect(throws: SchakelError.self) { try coordinator.setRetentionPolicy(.standard) }
    }

    @Test func anonymisingErasesTheCaseButTheFiguresKeepCountingIt() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let sentinel = "Zqxwvanon"
        let id = try closedCase(store, given: sentinel, birth: CalendarDate(year: 1980, month: 1, day: 1)!,
                                opened: CalendarDate(year: 2019, month: 3, day: 14)!, closed: CalendarDate(year: 2020, month: 2, day: 3)!)
        let periods = ReportPeriod.range(from: CalendarDate(year: 2019, month: 1, day: 1)!, to: CalendarDate(year: 2020, month: 12, day: 31)!, .year)
        let builder = ReportBuilder(periods: periods)
        let before = builder.build(try store.summaries().map(ReportRecord.init))
        try store.anonymiseCase(id)
        #expect(try store.summaries().isEmpty)
        // Every breakdown still counts it, from counters that are not linked to each other (months only).
        let counts = try store.anonymousCounts()
        #expect(counts.contains(AnonymousCount(dimension: .closureReason, month: CalendarDate(year: 2020, month: 2, day: 1)!, category: "doelen-bereikt", count: 1)))
        #expect(Set(counts.map(\.dimension)).count > 5 && counts.allSatisfy { $0.count == 1 && $0.month.day == 1 })
        #expect(builder.build([], anonymous: counts).tables.map(\.table) == before.tables.map(\.table))
        // A second anonymised case of the same month and category adds to the same counter.
        let second = try closedCase(store, given: "Tweede", birth: CalendarDate(year: 1981, month: 1, day: 1)!,
                                    opened: CalendarDate(year: 2019, month: 3, day: 20)!, closed: CalendarDate(year: 2020, month: 2, day: 9)!)
        try store.anonymiseCase(second)
        #expect(try store.anonymousCounts().first { $0.dimension == .closureReason }?.count == 2)
        #expect(try store.auditEntries().contains { $0.action == "case-anonymised" })
        let location = store.location
        store.close()
        for file in try FileManager.default.contentsOfDirectory(at: location.directory, includingPropertiesForKeys: nil) {
            guard let data = try? Data(contentsOf: file) else { continue }
            #expect(data.range(of: Data(sentinel.utf8)) == nil, "\(file.lastPathComponent)")
        }
        try? FileManager.default.removeItem(at: location.directory)
    }

    @Test func onlyAClosedCaseIsAnonymisedAndAHandEditedPolicyIsIgnored() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        var new = TestStore.newCase(store)
        new.phase = .intake
        let open = try store.write { tx in try tx.openCase(new).id }
        #expect(throws: SchakelError.self) { try store.anonymiseCase(open) }
        #expect(try store.summaries().count == 1)
        // A value outside 1-100 years written into the file by hand counts as not set.
        try store.write { tx in try tx.db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('retention', ?)", arguments: [Data("minor=0;adult=9223372036854775807".utf8)]) }
        #expect(try store.retentionPolicy() == .standard)
    }

    @Test func aBackupKeepsTheAnonymisedFiguresAndThePeriods() throws {
        let store = try TestStore.make(role: .zorgcoordinator)
        defer { TestStore.remove(store) }
        let id = try closedCase(store, given: "Nel", birth: CalendarDate(year: 1980, month: 1, day: 1)!,
                                opened: CalendarDate(year: 2019, month: 3, day: 14)!, closed: CalendarDate(year: 2020, month: 2, day: 3)!)
        try store.anonymiseCase(id)
        try store.write { tx in try tx.db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('retention', ?)", arguments: [Data("minor=18;adult=3".utf8)]) }
        let dir = TestStore.directory()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("backup.schakel")
        _ = try store.exportBackup(out: file, passphrase: "backup passphrase long", workFactor: 10)
        let (restored, _) = try Store.restore(from: file, backupPassphrase: "backup passphrase long", at: StoreLocation(directory: dir.appendingPathComponent("new")),
                                              passphrase: TestStore.passphrase, kdf: .testOnlyCheap, clock: FixedClock(Self.today.date))
        defer { restored.close() }
        let kept = try store.anonymousCounts(), back = try restored.anonymousCounts()
        #expect(Set(back) == Set(kept) && !kept.isEmpty)
        #expect(try restored.retentionPolicy() == RetentionPolicy(minorYears: 18, adultYears: 3))
    }

    @Test func summaryCarriesWhatTheFiguresNeed() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let id = try closedCase(store, given: "Ada", birth: CalendarDate(year: 1990, month: 1, day: 1)!,
                                opened: Self.today.adding(days: -100), closed: Self.today.adding(days: -2))
        let s = try #require(try store.summaries().first { $0.id == id })
        #expect(s.closureReason == "doelen-bereikt" && s.signalOn == Self.today.adding(days: -100))
        // The binary form keeps them.
        #expect(try CaseSummary(encoded: s.encoded) == s)
        let counts = AnonymousCount.of(ReportRecord(s))
        #expect(try counts.map { try AnonymousCount(encoded: $0.encoded) } == counts)
    }
}
