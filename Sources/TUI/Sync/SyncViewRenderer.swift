import Foundation
import Core

/// Draws the sync view: heading, summary line, the device table with the selected device's
/// fingerprint under it, then "Nieuw sinds de laatste uitwisseling", status and key hints.
struct SyncViewRenderer {
    let view: SyncView
    let theme: Theme

    var workspace: Workspace { view.workspace }

    func render(into buffer: inout CellBuffer, area: Rect) {
        buffer.fill(area, style: theme[.text])
        let trusted = view.lines.filter { !$0.revoked }.count
        let revoked = view.lines.count - trusted
        var heading = L10n.t("sync.view.heading", trusted)
        if revoked > 0 { heading += " · " + L10n.t("sync.view.revokedCount", revoked) }
        buffer.put(text: heading, in: area.row(0), style: theme[.header])
        buffer.put(text: summaryLine(), in: area.row(1), style: theme[view.conflictCount > 0 ? .warning : .muted])

        var y = 3
        let th = view.tableHeight(area)
        view.table.render(into: &buffer, area: Rect(x: area.x, y: area.y + y, width: area.width, height: th), theme: theme)
        y += th
        if let line = view.selectedLine {
            // Two lines of five words (read out by phone), whole rows in one style.
            let words = view.fingerprint(line.peer).split(separator: " ").map(String.init)
            let label = L10n.t("peers.fingerprint") + ": "
            let indent = String(repeating: " ", count: TextWidth.width(of: label))
            let device = L10n.t("sync.deviceShort", view.deviceID(line.peer))
            let texts = ["  " + label + words.prefix(5).joined(separator: " "),
                         "  " + indent + words.dropFirst(5).joined(separator: " ") + "   (" + device + ")"]
            for t in texts {
                buffer.fill(area.row(y), style: theme[.muted])
                buffer.put(text: t, in: area.row(y), style: theme[.muted])
                y += 1
            }
        }
        y += 1
        renderNews(into: &buffer, area: Rect(x: area.x, y: area.y + y, width: area.width, height: max(0, area.height - y - 2)))
        if let status = view.status {
            let text = view.privacy ? workspace.masker.apply(status.text) : status.text
            buffer.put(text: text, in: area.row(area.height - 2), style: status.isError ? theme[.error] : theme[.ok])
        }
        buffer.put(text: view.hint, in: area.row(area.height - 1), style: theme[.keyHint])
    }

    /// Conflicts, bundles held back, the shared folder (and its interval).
    func summaryLine() -> String {
        var parts = [SyncLabels.count("sync.conflicts", view.conflictCount)]
        if view.held > 0 { parts.append(L10n.t("sync.view.held", view.held)) }
        if let folder = view.config.syncFolder {
            let every = view.config.syncIntervalSeconds > 0 ? " · " + L10n.t("sync.view.every", view.config.syncIntervalSeconds) : ""
            parts.append(L10n.t("sync.view.folder", folder) + every)
        } else {
            parts.append(L10n.t("sync.view.noFolder"))
        }
        return parts.joined(separator: " · ")
    }

    /// The cases imports changed, by code, with the field groups that changed.
    func renderNews(into buffer: inout CellBuffer, area: Rect) {
        guard area.height > 0 else { return }
        let news = view.news
        guard !news.isEmpty else {
            buffer.put(text: L10n.t("sync.news.empty"), in: area.row(0), style: theme[.muted])
            return
        }
        let since = news.since.map { " · " + L10n.t("sync.news.since", SyncLabels.stamp($0)) } ?? ""
        buffer.put(text: L10n.t("sync.news.heading") + since + " · " + SyncLabels.count("sync.news.cases", news.cases.count),
                   in: area.row(0), style: theme[.tableHeader])
        let entries = news.cases.map { (code: workspace.caseCode($0.key), groups: $0.value) }.sorted { $0.code < $1.code }
        let room = area.height - 1
        for (i, e) in entries.enumerated() {
            guard i + 1 < area.height else { break }
            if i == room - 1 && entries.count > room {
                buffer.put(text: "  " + L10n.t("sync.news.more", entries.count - i), in: area.row(i + 1), style: theme[.muted])
                break
            }
            let groups = e.groups.map(SyncLabels.group).sorted().joined(separator: ", ")
            buffer.put(text: "  " + e.code.padding(toLength: max(14, e.code.count), withPad: " ", startingAt: 0) + " " + groups,
                       in: area.row(i + 1), style: theme[.text])
        }
    }
}
