import Foundation
import Testing
@testable import Core
@testable import TUI

/// Two stores that know each other as peers and exchange bundles (after
/// `Tests/CoreTests/Sync/SyncTestSupport.swift`), with a case whose client's name both
/// changed at once: a value conflict, and news on A from B's bundle.
enum SyncTUITest {
    static let today = ShellFixture.today
    static let userA = "Zqxanna Zqxachterberg"
    static let userB = "Zqxbram Zqxbakker"
    static let client = (given: "Zqxewa", family: "Zqxkowalczyk")
    static let givenByA = "Zqxewelina"
    static let givenByB = "Zqxevita"
    static var sentinels: [String] { [userA, userB, client.given, client.family, givenByA, givenByB].flatMap { $0.split(separator: " ").map(String.init) } }

    struct Team {
        let a: Store
        let b: Store
        let clock: FixedClock
        let caseID: UUID
        let code: String
        func close() { a.close(); b.close() }
    }

    static func store(_ name: String, clock: FixedClock) throws -> Store {
        try Store.create(at: StoreLocation(directory: ShellFixture.temporaryDirectory("sync")), passphrase: "demo",
                         options: .init(role: .zorgcoordinator, userName: name, function: "Zorgcoördinator mensenhandel",
                                        organisation: "fier", kdf: .testOnlyCheap, isDemo: true),
                         clock: clock)
    }

    static func bundleURL() -> URL {
        ShellFixture.temporaryDirectory("bundle").appendingPathExtension("schakel")
    }

    @discardableResult
    static func send(_ from: Store, _ to: Store) throws -> ImportReport {
        let url = bundleURL()
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try from.exportBundle(to: to.deviceID, out: url)
        return try to.importBundle(url)
    }

    /// A opens a case with B as backup; both then rename the client (B a minute later, so B's
    /// value is the one shown); the bundles cross. Both stores hold the same conflict, and A
    /// has news from B.
    static func teamWithConflict() throws -> Team {
        let clock = FixedClock(today.date.addingTimeInterval(9 * 3600))
        let a = try store(userA, clock: clock), b = try store(userB, clock: clock)
        for (x, y) in [(a, b), (b, a)] {
            let card = try y.contactCard()
            try x.addPeer(card, confirmedFingerprint: card.fingerprint)
        }
        try send(b, a)   // A learns B's user
        var rng = SeededRandom(seed: 808)
        let opened = try a.write { tx in
            try tx.openCase(NewCase(identity: ClientIdentity(givenNames: client.given, familyName: client.family, aliases: [],
                                                             birthDate: .exact(CalendarDate(year: 1999, month: 5, day: 4)!), gender: "vrouw"),
                                    referral: CaseReferral(referrerType: "politie-avim", receivedOn: today),
                                    coordinator: a.userID, backup: b.userID, region: "haaglanden", municipality: "den-haag",
                                    openedOn: today, phase: .intake), rng: &rng)
        }
        try send(a, b)
        clock.advance(by: 600)
        try a.write { tx in
            try tx.update(opened.id, ClientIdentity(givenNames: givenByA, familyName: client.family, aliases: [],
                                                    birthDate: .exact(CalendarDate(year: 1999, month: 5, day: 4)!), gender: "vrouw"))
        }
        clock.advance(by: 60)
        try b.write { tx in
            try tx.update(opened.id, ClientIdentity(givenNames: givenByB, familyName: client.family, aliases: [],
                                                    birthDate: .exact(CalendarDate(year: 1999, month: 5, day: 4)!), gender: "vrouw"))
        }
        clock.advance(by: 600)
        try send(a, b)
        clock.advance(by: 60)
        try send(b, a)
        return Team(a: a, b: b, clock: clock, caseID: opened.id, code: opened.code.description)
    }

    static func syncView(_ h: Harness) -> SyncView? {
        if case .flow(let f)? = h.shell.overlay { return f as? SyncView }
        return nil
    }

    /// Fixes what changes from run to run (fresh keys) before a golden is taken.
    static func freeze(_ h: Harness) {
        syncView(h)?.fingerprint = { _ in "appel boom kaas deur fiets gras hoed jas kers lamp" }
        syncView(h)?.deviceID = { _ in "0000000b" }
        h.shell.draw()
    }
}
