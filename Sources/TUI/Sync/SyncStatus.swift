import Foundation
import Core

/// The sync state where the user sees it without opening F8: the header's `sync: …` text and
/// the note after unlocking when imports brought something new.
extension Workspace {
    /// `sync: 2 apparaten · 1 conflict · nieuw`.
    public var syncHeaderText: String {
        let trusted = peers.filter { !$0.isRevoked }.count
        var text = trusted == 0 ? L10n.t("header.syncNone") : SyncLabels.count("header.syncPeers", trusted)
        if conflictCount > 0 { text += " · " + SyncLabels.count("sync.conflicts", conflictCount) }
        if !syncNews.isEmpty { text += " · " + L10n.t("header.syncNew") }
        return text
    }

    /// For a narrow header: only what needs attention (`sync: 1 conflict · nieuw`), else the full text.
    public var syncHeaderCompactText: String {
        var parts: [String] = []
        if conflictCount > 0 { parts.append(SyncLabels.count("sync.conflicts", conflictCount)) }
        if !syncNews.isEmpty { parts.append(L10n.t("header.syncNew")) }
        return parts.isEmpty ? syncHeaderText : "sync: " + parts.joined(separator: " · ")
    }

    /// "Sinds de laatste uitwisseling: 3 casussen gewijzigd, 1 conflict (F8)"; nil when nothing is new.
    public var syncNewsNote: String? {
        guard !syncNews.isEmpty else { return nil }
        return L10n.t("sync.news.note", SyncLabels.count("sync.news.changed", syncNews.cases.count), SyncLabels.count("sync.conflicts", conflictCount))
    }
}

extension Shell {
    /// F8: the sync view (stays open, masked, in privacy mode).
    func showSyncView() {
        startFlow(allowInPrivacy: true) { [options] ws in try SyncView(workspace: ws, config: options.config) }
    }
}
