import ArgumentParser
import Foundation
import Core

/// `schakel bundle export|import|status`: exchanging data with peers by files (issue 8).
struct BundleCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "bundle", abstract: L10n.t("help.bundle.abstract"), discussion: L10n.t("help.bundle.discussion"),
                             subcommands: [BundleExportCommand.self, BundleImportCommand.self, BundleStatusCommand.self])
    }

    /// One line per import, without personal data (counts and codes only).
    static func describe(_ r: ImportReport, file: String) -> String {
        switch r.outcome {
        case .alreadyImported: return L10n.t("bundle.import.already", file)
        case .heldBack(let reason): return L10n.t("bundle.import.held", file, reason)
        case .applied:
            var line = L10n.t("bundle.import.done", file, r.newEvents, r.cases.count)
            if r.filled > 0 { line += " " + L10n.t("bundle.import.filled", r.filled) }
            if r.conflicts > 0 { line += " " + L10n.t("bundle.import.conflicts", r.conflicts) }
            if r.erasures > 0 { line += " " + L10n.t("bundle.import.erasures", r.erasures) }
            if r.revocations > 0 { line += " " + L10n.t("bundle.import.revocations", r.revocations) }
            return line
        }
    }
}

struct BundleExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "export", abstract: L10n.t("help.bundleExport.abstract"), discussion: L10n.t("help.bundleExport.discussion"))
    }
    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp(L10n.t("help.bundleExport.to"), valueName: "apparaat")) var to: String
    @Option(help: ArgumentHelp(L10n.t("help.export.out"), valueName: "bestand")) var out: String?

    func run() throws {
        try options.withStore(.write) { store in
            let peer = try PeerCommand.resolve(to, in: store)
            let url: URL
            if let out { url = try ExplicitExport.resolve(out) } else {
                let stamp = CalendarDate(store.clock.now()).iso.replacingOccurrences(of: "-", with: "")
                url = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
                    .appendingPathComponent("schakel-\(SharedFolder.shortID(store.deviceID))-naar-\(SharedFolder.shortID(peer.deviceID))-\(stamp)-\(UUID().uuidString.prefix(4).lowercased()).schakel")
            }
            let r = try store.exportBundle(to: peer.deviceID, out: url)
            Output.line(L10n.t("bundle.export.done", r.events, r.withheld, r.cases, r.blobs, url.path))
        }
    }
}

struct BundleImportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "import", abstract: L10n.t("help.bundleImport.abstract"), discussion: L10n.t("help.bundleImport.discussion"))
    }
    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp(L10n.t("help.bundleImport.files"), valueName: "bestand")) var files: [String]

    func run() throws {
        try options.withStore(.write) { store in
            for r in try store.retryHeldBundles() { Output.line(BundleCommand.describe(r, file: "sync-wacht")) }
            try Output.eachFile(files) { file in
                Output.line(BundleCommand.describe(try store.importBundle(try ExplicitExport.resolve(file)), file: file))
            }
        }
    }
}

/// The sync state in text: peers, last exchange, pending, conflicts, held bundles.
struct BundleStatusCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "status", abstract: L10n.t("help.bundleStatus.abstract"))
    }
    @OptionGroup var options: StoreOptions

    func run() throws {
        try options.withStore(.read) { store in
            let revoked = try store.revokedDevices()
            var rows: [[String]] = []
            for p in try store.peers() {
                let s = try store.peerSyncState(p.deviceID)
                let isRevoked = p.isRevoked || revoked.contains(p.deviceID)
                rows.append([String(p.deviceID.uuidString.prefix(8)), p.card.name, p.card.organisation,
                             s?.lastIn.map(Self.stamp) ?? "—", s?.lastOut.map(Self.stamp) ?? "—",
                             isRevoked ? L10n.t("bundle.status.revoked") : String(try store.pendingOutgoing(p.deviceID))])
            }
            Output.table([L10n.t("col.device"), L10n.t("col.name"), L10n.t("col.organisation"),
                          L10n.t("bundle.status.lastIn"), L10n.t("bundle.status.lastOut"), L10n.t("bundle.status.pending")], rows)
            Output.line()
            Output.line(L10n.t("bundle.status.summary", try store.conflictCount(), store.heldBundleCount(), try store.syncNews().cases.count))
        }
    }

    static func stamp(_ d: Date) -> String {
        let f = DateFormatter()
        f.dateFormat = "dd-MM-yyyy HH:mm"
        f.timeZone = .current
        return f.string(from: d)
    }
}

/// `schakel conflict list`: which cases and field groups are in conflict (values only in the TUI).
struct ConflictCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "conflict", abstract: L10n.t("help.conflict.abstract"), subcommands: [ConflictListCommand.self])
    }
}

struct ConflictListCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: L10n.t("help.conflictList.abstract"))
    }
    @OptionGroup var options: StoreOptions

    func run() throws {
        try options.withStore(.read) { store in
            let rows = try store.conflicts().map { c in
                [c.code ?? "—", L10n.t("group.\(c.groupKey)") == "group.\(c.groupKey)" ? c.groupKey : L10n.t("group.\(c.groupKey)"),
                 L10n.t(c.kind == .value ? "conflict.kind.value" : "conflict.kind.closure"), String(c.values.count)]
            }
            if rows.isEmpty { Output.line(L10n.t("conflict.none")); return }
            Output.table([L10n.t("conflict.col.case"), L10n.t("conflict.col.group"), L10n.t("conflict.col.kind"), L10n.t("conflict.col.values")], rows)
        }
    }
}
