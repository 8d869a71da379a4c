import Foundation
@testable import Core

/// Temporary stores for tests: cheap scrypt (the explicit test-only setting), a fixed clock.
enum TestStore {
    static let passphrase = "correct horse battery staple"
    static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    static func directory() -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-test-\(UUID().uuidString)")
        return dir
    }

    static func make(role: Role = .zorgcoordinator, clock: FixedClock = FixedClock(today.date)) throws -> Store {
        try Store.create(at: StoreLocation(directory: directory()), passphrase: passphrase,
                         options: .init(role: role, userName: "Test Coördinator", function: "Zorgcoördinator mensenhandel",
                                        organisation: "shop", kdf: .testOnlyCheap), clock: clock)
    }

    static func newCase(_ store: Store, given: String = "Ewa", family: String = "Kowalczyk", birth: BirthDate? = .exact(CalendarDate(year: 1999, month: 5, day: 4)!),
                        opened: CalendarDate = today) -> NewCase {
        NewCase(identity: ClientIdentity(givenNames: given, familyName: family, aliases: [], birthDate: birth, gender: "vrouw"),
                origin: ClientOrigin(nationalities: ["PL"], languages: ["pl"]),
                referral: CaseReferral(referrerType: "politie-avim", receivedOn: opened),
                coordinator: store.userID, backup: nil, region: "haaglanden", municipality: "den-haag", openedOn: opened)
    }

    static func remove(_ store: Store) {
        store.close()
        try? FileManager.default.removeItem(at: store.location.directory)
    }
}

import GRDB

extension TestStore {
    /// Edits a closed store's file directly, as someone with the file but not the passphrase would.
    static func editFile(_ location: StoreLocation, _ body: (Database) throws -> Void) throws {
        let db = try DatabaseQueue(path: location.databaseURL.path)
        try db.write(body)
        try db.close()
    }

    static func editFile(_ location: StoreLocation, sql: String) throws {
        try editFile(location) { try $0.execute(sql: sql) }
    }
}
