import Foundation
import Core

/// The sync operations the TUI starts (folder sync, import of a bundle file, export for one
/// peer) and the one-line summaries they report. Summaries hold counts only: never a case
/// code, a colleague's name or a file name, since they show as toasts on any screen.
enum SyncActions {
    /// The configured shared folder, resolved (`~` expanded); nil when not configured.
    static func folder(_ config: ShellConfig) -> URL? {
        guard let raw = config.syncFolder else { return nil }
        return try? ExplicitExport.resolve(raw)
    }

    static func syncFolder(_ store: Store, config: ShellConfig) throws -> FolderSyncReport {
        guard let url = folder(config) else { throw SchakelError(.validation, L10n.t("sync.error.noFolderConfigured")) }
        return try store.syncFolder(url)
    }

    /// "Gedeelde map: 2 bundels ontvangen (14 gegevens), 1 verzonden, 1 conflict".
    static func summary(_ r: FolderSyncReport) -> String {
        if r.isQuiet { return L10n.t("sync.folder.quiet") }
        var parts: [String] = []
        let applied = r.received.filter { $0.outcome == .applied }
        let held = r.received.filter { if case .heldBack = $0.outcome { return true } else { return false } }.count
        if !applied.isEmpty {
            parts.append(L10n.t("sync.folder.received", SyncLabels.count("sync.bundles", applied.count), applied.reduce(0) { $0 + $1.newEvents }))
        }
        if held > 0 { parts.append(L10n.t("sync.folder.held", held)) }
        if !r.sent.isEmpty { parts.append(L10n.t("sync.folder.sent", r.sent.count)) }
        if !r.signals.isEmpty { parts.append(L10n.t("sync.folder.signals", r.signals.count)) }
        let conflicts = r.received.reduce(0) { $0 + $1.conflicts }
        if conflicts > 0 { parts.append(SyncLabels.count("sync.conflicts", conflicts)) }
        if !r.failures.isEmpty { parts.append(L10n.t("sync.folder.failures", r.failures.count)) }
        if parts.isEmpty { return L10n.t("sync.folder.quiet") }
        return L10n.t("sync.folder.summary", parts.joined(separator: ", "))
    }

    static func summary(_ r: ImportReport) -> String {
        switch r.outcome {
        case .alreadyImported: return L10n.t("sync.import.already")
        case .heldBack(let reason): return L10n.t("sync.import.held", reason)
        case .applied:
            var text = L10n.t("sync.import.applied", r.newEvents, r.cases.count)
            if r.conflicts > 0 { text += ", " + SyncLabels.count("sync.conflicts", r.conflicts) }
            return text
        }
    }

    static func summary(_ r: BundleReport) -> String {
        L10n.t("sync.export.done", r.events, r.cases) + (r.withheld > 0 ? " " + L10n.t("sync.export.withheld", r.withheld) : "")
    }

    /// Where `e` suggests writing a bundle: the peer's outbox in the shared folder (a new
    /// file name, as folder sync would write it), else the home folder.
    static func suggestedExportPath(store: Store, peer: UUID, config: ShellConfig) -> String {
        let name = String(format: "%013lld", Int64(store.clock.now().timeIntervalSince1970 * 1000)) + "-" + SyncLabels.shortID(UUID())
        if let root = folder(config) {
            return SharedFolder(root).outbox(from: store.deviceID, to: peer).appendingPathComponent("\(name).\(SyncLabels.bundleExtension)").path
        }
        return "~/bundel-\(SyncLabels.shortID(peer)).\(SyncLabels.bundleExtension)"
    }

    /// Exports for one peer to a path the user confirmed: never over an existing file; the
    /// outbox folder is made (owner only) when it is the shared folder's.
    static func export(store: Store, peer: UUID, path: String) throws -> BundleReport {
        let url = try ExplicitExport.resolve(path)
        guard url.pathExtension == SyncLabels.bundleExtension else {
            throw SchakelError(.validation, L10n.t("sync.error.extension", SyncLabels.bundleExtension))
        }
        try ExplicitExport.requireAbsent(url)
        let dir = url.deletingLastPathComponent()
        if !FileManager.default.fileExists(atPath: dir.path) {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        }
        return try store.exportBundle(to: peer, out: url)
    }

    static func importBundle(store: Store, path: String) throws -> ImportReport {
        let url = try ExplicitExport.resolve(path)
        guard FileManager.default.fileExists(atPath: url.path) else { throw SchakelError(.notFound, L10n.t("sync.error.noFile", url.path)) }
        return try store.importBundle(url)
    }
}
