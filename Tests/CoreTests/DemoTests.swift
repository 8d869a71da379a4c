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
