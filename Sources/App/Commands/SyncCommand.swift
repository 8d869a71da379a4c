import ArgumentParser
import Foundation
import Core
#if canImport(Glibc)
import Glibc
#endif

/// `schakel sync --folder DIR [--watch]`: bundles through a shared folder (see `SharedFolder`).
struct SyncCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "sync", abstract: L10n.t("help.sync.abstract"), discussion: L10n.t("help.sync.discussion"))
    }
    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp(L10n.t("help.sync.folder"), valueName: "map")) var folder: String
    @Flag(help: ArgumentHelp(L10n.t("help.sync.watch"))) var watch = false
    @Option(help: ArgumentHelp(L10n.t("help.sync.interval"), valueName: "seconden")) var interval: Int = 10

    nonisolated(unsafe) static var stop = false

    func validate() throws {
        guard (1...3600).contains(interval) else { throw ValidationError(L10n.t("sync.error.interval")) }
    }

    func run() throws {
        try guarded {
            let root = URL(fileURLWithPath: (folder as NSString).expandingTildeInPath)
            let store = try options.open(.write)
            defer { store.close() }
            if !watch {
                Self.print(try store.syncFolder(root), quietToo: true)
                return
            }
            // Until Ctrl-C or SIGTERM: one round, then wait. The write lock is held throughout,
            // so the TUI cannot open this store meanwhile (it can sync the folder itself).
            signal(SIGINT) { _ in SyncCommand.stop = true }
            signal(SIGTERM) { _ in SyncCommand.stop = true }
            Output.progress(L10n.t("sync.watching", root.path, interval))
            while !Self.stop {
                do { Self.print(try store.syncFolder(root), quietToo: false) } catch {
                    Output.error(SchakelError.from(error).message)
                }
                var waited = 0
                while waited < interval * 10 && !Self.stop { usleep(100_000); waited += 1 }
            }
            Output.progress(L10n.t("sync.stopped"))
        }
    }

    static func print(_ r: FolderSyncReport, quietToo: Bool) {
        if r.isQuiet { if quietToo { Output.line(L10n.t("sync.quiet")) }; return }
        for i in r.received { Output.line(BundleCommand.describe(i, file: L10n.t("sync.inbox"))) }
        for (device, b) in r.sent.sorted(by: { $0.key.uuidString < $1.key.uuidString }) {
            Output.line(L10n.t("sync.sent", String(device.uuidString.prefix(8)), b.events, b.withheld))
        }
        for code in r.signals { Output.line(L10n.t("sync.signal", code)) }
        for f in r.failures { Output.error("\(f.file): \(f.message)") }
    }
}
