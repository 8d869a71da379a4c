import Foundation
import Testing
@testable import Core

@Suite(.serialized) struct DemoTests {
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    func make(seed: UInt64) throws -> (Store, DemoGenerator.Result) {
        try DemoGenerator(scale: 1, seed: seed, today: Self.today)
            .create(at: StoreLocation(directory: TestStore.directory()), kdf: .testOnlyCheap, clock: FixedClock(Self.today.date))
    }

    @Test func scaleOneLooksLikeThreeYearsOfHaaglanden() throws {
        let (store, result) = try make(seed: 1)
        defer { TestStore.remove(store) }
        #expect(store.isDemo)
        // Three years of 145 cases, plus the intake demo: fresh signals, a relinked person, a child.
        #expect((440...460).contains(result.cases))
        #expect(result.signals >= 8)
        #expect((3...4).contains(result.coordinators))
        #expect(result.maatjes >= 50)
        #expect((18...22).contains(result.meetings))
        let all = try store.summaries()
        #expect(all.count == result.cases)
        #expect(all.filter { $0.phase == .signaal || $0.phase == .aanmelding }.count >= 8)
        #expect(try store.drafts().count == 1)
        let women = all.filter { $0.gender == "vrouw" }.count
        #expect((200...290).contains(women))
        let minorsAtOpening = all.filter { ($0.birthDate?.age(on: $0.openedOn) ?? 99) < 18 }.count
        #expect((15...60).contains(minorsAtOpening))
        #expect(all.contains { $0.phase == .afgesloten } && all.contains { $0.phase == .traject } && all.contains { $0.phase == .bedenktijd })
        #expect(Set(all.flatMap(\.nationalities)).count >= 15)
        let hague = all.filter { $0.municipality == "den-haag" }.count
        #expect(Double(hague) / Double(all.count) > 0.8)
        // Names carry real-world scripts and diacritics.
        let names = all.map(\.displayName).joined()
        #expect(names.unicodeScalars.contains { $0.value > 0x17F })
        // Bedenktijd never exceeds three months, and every active case has a backup.
        for s in all where s.phase.isActive { #expect(s.backup != nil) }
        #expect(try store.check().ok)
        #expect(try store.records(MeetingRecord.self).count == result.meetings)
        #expect(try store.records(MaatjeProfile.self).count == result.maatjes)
    }

    /// An export to a team lead reads the sharing facts of many cases at once: the same files
    /// as reading them case by case, on a store with withdrawn consents and secret addresses.
    @Test func sharingFactsInBulkAreThoseOfEachCase() throws {
        let (store, _) = try make(seed: 3)
        defer { TestStore.remove(store) }
        let ids = Set(try store.summaries().map(\.id))
        // The demo has no withdrawn consent: one case gets one.
        try store.write { tx in
            _ = try tx.put(Consent(purpose: "p", legalBasis: "l", givenOn: Self.today, withdrawnOn: Self.today), entity: UUID(), caseID: ids.first!)
        }
        try store.pool.read { db in
            let bulk = try PeerSelection.sharingFacts(of: ids, store: store, db: db)
            #expect(bulk.count == ids.count)
            var withdrawn = 0, secret = 0
            for id in ids {
                let one = try PeerSelection.sharingFacts(id, store: store, db: db)
                #expect(bulk[id] == one)
                if SharingPolicy.consentWithdrawn(one) { withdrawn += 1 }
                if !SharingGuard.blockedPaths(one).isEmpty { secret += 1 }
            }
            #expect(withdrawn > 0 && secret > 0)
        }
    }

    @Test func sameSeedSameData() throws {
        let (a, _) = try make(seed: 9)
        defer { TestStore.remove(a) }
        let (b, _) = try make(seed: 9)
        defer { TestStore.remove(b) }
        let sa = try a.summaries().map { "\($0.code) \($0.displayName) \($0.phase) \($0.openedOn)" }
        let sb = try b.summaries().map { "\($0.code) \($0.displayName) \($0.phase) \($0.openedOn)" }
        #expect(sa == sb)
        let (c, _) = try make(seed: 10)
        defer { TestStore.remove(c) }
        #expect(try c.summaries().map { "\($0.code)" } != sa.map { String($0.prefix(13)) })
    }
}
