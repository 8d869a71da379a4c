import ArgumentParser
import Foundation
import Core

struct DemoCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "demo", abstract: L10n.t("help.demo.abstract"), discussion: L10n.t("help.demo.discussion"))
    }

    @Option(help: ArgumentHelp(L10n.t("help.demo.store"), valueName: "pad"))
    var store: String?

    @Option(help: ArgumentHelp(L10n.t("help.demo.scale")))
    var scale: Int = 1

    @Option(help: ArgumentHelp(L10n.t("help.demo.seed")))
    var seed: UInt64 = 1

    @Flag(help: ArgumentHelp(L10n.t("help.demo.replace")))
    var replace = false

    @Option(name: .long, help: ArgumentHelp(L10n.t("help.lang"), valueName: "nl|en"))
    var lang: String?

    @Flag(help: .hidden)
    var testOnlyCheapKdf = false

    func run() throws {
        try guarded {
            guard (1...1000).contains(scale) else { throw SchakelError(.validation, L10n.t("error.badScale")) }
            let location = StoreLocation.resolve(explicit: store, demo: true)
            if location.exists {
                guard replace else { throw SchakelError(.storeExists, L10n.t("error.demoExists", location.directory.path)) }
                try DemoStore.remove(at: location)
            }
            let clock = try AppEnvironment.clock()
            let start = Date()
            let (created, result) = try DemoGenerator(scale: scale, seed: seed, today: CalendarDate(clock.now()))
                .create(at: location, kdf: testOnlyCheapKdf ? .testOnlyCheap : .calibrated(), clock: clock) { done, total in
                    if total >= 2000 && done % 5000 < 250 || done == total && total >= 2000 {
                        Output.progress(L10n.t("demo.progress", done, total))
                    }
                }
            created.close()
            Output.line(L10n.t("demo.banner"))
            Output.line(L10n.t("demo.done", location.directory.path, result.cases, result.coordinators, result.meetings, result.maatjes,
                               result.matches, result.events, String(format: "%.1f", Date().timeIntervalSince(start))))
        }
    }
}

/// Replacing a demo store must never be able to delete a real one.
enum DemoStore {
    static func remove(at location: StoreLocation) throws {
        guard Store.isVerifiedDemoStore(at: location) else { throw SchakelError(.notAllowed, L10n.t("error.notDemo")) }
        guard !StoreLock.isHeld(at: location.lockURL) else { throw SchakelError(.storeLocked, L10n.t("error.storeLocked")) }
        try FileManager.default.removeItem(at: location.directory)
    }
}
