import Foundation
import Core

/// F8: the devices this store exchanges bundles with (last received, last sent, pending
/// outgoing, revoked), a summary line (conflicts, bundles held back, the shared folder), and
/// what imports changed since the user last looked. `c` opens the conflicts, `s` syncs the
/// shared folder now, `i` imports a bundle file, `e` exports one for the selected peer, `g`
/// marks the news as seen. Stays open, masked, in privacy mode.
public final class SyncView: Flow, FlowHost {
    struct PeerLine {
        let peer: Peer
        let state: PeerSyncState?
        let pending: Int
        let revoked: Bool
    }

    let workspace: Workspace
    let config: ShellConfig
    var lines: [PeerLine] = []
    var table: Table
    var news = SyncNews()
    var conflictCount = 0
    var held = 0
    var subflow: Flow?
    var editor: ItemEditor?
    var status: (text: String, isError: Bool)?
    /// Something was written (a sync, an import, a resolved conflict): the panes reload on close.
    var changed = false
    var privacy = false
    var showKeys = false
    /// How a peer's fingerprint and device id show (tests fix them: keys are fresh per run).
    var fingerprint: (Peer) -> String = { $0.card.fingerprint }
    var deviceID: (Peer) -> String = { SyncLabels.shortID($0.deviceID) }

    public init(workspace: Workspace, config: ShellConfig) throws {
        self.workspace = workspace
        self.config = config
        table = Table(columns: [], emptyText: L10n.t("peers.none"))
        try refresh()
        changed = false
    }

    public var title: String { subflow?.title ?? L10n.t("sync.view.title") }
    public var hint: String { subflow?.hint ?? (editor == nil ? L10n.t("sync.view.hint") : "") }
    public var availableInPrivacy: Bool { true }
    public var isTyping: Bool { editor != nil || (subflow?.isTyping ?? false) }
    public var hasUnsavedInput: Bool { (editor?.isDirty ?? false) || (subflow?.hasUnsavedInput ?? false) }
    public func suspend() -> String? { subflow?.suspend() }

    func refresh() throws {
        let store = workspace.store
        let revoked = try store.revokedDevices()
        lines = try workspace.peers.map { p in
            PeerLine(peer: p, state: try store.peerSyncState(p.deviceID),
                     pending: p.isRevoked ? 0 : try store.pendingOutgoing(p.deviceID), revoked: p.isRevoked || revoked.contains(p.deviceID))
        }
        // Trusted devices first, then by name.
        lines.sort { ($0.revoked ? 1 : 0, $0.peer.card.name) < ($1.revoked ? 1 : 0, $1.peer.card.name) }
        try workspace.reloadSyncState()
        news = workspace.syncNews
        conflictCount = workspace.conflictCount
        held = store.heldBundleCount()
        rebuildTable()
        changed = true
    }

    func rebuildTable() {
        table.columns = [
            TableColumn(id: "name", title: L10n.t("sync.col.device"), width: .flexible(min: 12, weight: 2)),
            TableColumn(id: "org", title: L10n.t("sync.col.organisation"), width: .flexible(min: 10, weight: 2), priority: 2),
            TableColumn(id: "in", title: L10n.t("sync.col.lastIn"), width: .fixed(16), priority: 1),
            TableColumn(id: "out", title: L10n.t("sync.col.lastOut"), width: .fixed(16), priority: 1),
            TableColumn(id: "pending", title: L10n.t("sync.col.pending"), width: .fixed(8), priority: 0, alignment: .right),
            TableColumn(id: "state", title: L10n.t("sync.col.state"), width: .fixed(11), priority: 0),
        ]
        table.setRows(lines.map { l in
            TableRow(id: l.peer.deviceID.uuidString, cells: [
                TableCell((l.revoked ? "✗ " : "") + SyncLabels.peerName(l.peer, privacy: privacy)),
                TableCell(privacy ? "" : l.peer.card.organisation),
                TableCell(SyncLabels.stamp(l.state?.lastIn)),
                TableCell(SyncLabels.stamp(l.state?.lastOut)),
                TableCell(l.revoked ? "–" : "\(l.pending)", sortKey: .number(Double(l.pending))),
                TableCell(l.revoked ? L10n.t("sync.revoked") : L10n.t("peer.trusted"), role: l.revoked ? .warning : nil),
            ])
        })
    }

    var selectedLine: PeerLine? {
        guard let id = table.selectedID else { return nil }
        return lines.first { $0.peer.deviceID.uuidString == id }
    }

    /// Runs a sync action; the message (counts only) shows in the status line.
    func perform(_ body: () throws -> String) {
        do {
            let message = try body()
            try? refresh()
            status = (message, false)
        } catch {
            try? refresh()
            status = (SchakelError.from(error).message, true)
        }
    }

    // MARK: input

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        let hadSubflow = subflow != nil
        if handleNested(event, area: area) {
            // The conflicts view resolves in place: its count shows here when it closes.
            if hadSubflow && subflow == nil { try? refresh() }
            return .stay
        }
        guard case .key(let key) = event else { return .stay }
        if showKeys { showKeys = false; return .stay }
        status = nil
        switch key {
        case KeyEvent(.escape), .char("q"):
            return changed ? .done(message: L10n.t("sync.view.closed")) : .close(message: nil)
        case .char("?"): showKeys = true
        case .char("c"): subflow = ConflictsView(workspace: workspace)
        case .char("s"): perform { SyncActions.summary(try SyncActions.syncFolder(workspace.store, config: config)) }
        case .char("g"):
            guard !news.isEmpty else { status = (L10n.t("sync.news.none"), false); break }
            perform { try workspace.store.clearSyncNews(); return L10n.t("sync.news.cleared") }
        case .char("i"): editor = importEditor()
        case .char("e"):
            guard let line = selectedLine else { status = (L10n.t("peers.none"), true); break }
            guard !line.revoked else { status = (L10n.t("bundle.error.peerRevoked"), true); break }
            editor = exportEditor(line.peer)
        default:
            _ = table.handle(event, area: Rect(x: 0, y: 0, width: area.width, height: tableHeight(area)))
        }
        return .stay
    }

    func importEditor() -> ItemEditor {
        ItemEditor(title: L10n.t("sync.import.title"), fields: [
            FormField(id: "path", label: L10n.t("field.path"), kind: .text(maxLength: 1000), isRequired: true),
        ]) { [unowned self] v in
            SyncActions.summary(try SyncActions.importBundle(store: workspace.store, path: FormCodec.text(v, "path")))
        }
    }

    func exportEditor(_ peer: Peer) -> ItemEditor {
        let path = SyncActions.suggestedExportPath(store: workspace.store, peer: peer.deviceID, config: config)
        return ItemEditor(title: L10n.t("sync.export.title", SyncLabels.peerName(peer, privacy: privacy)), fields: [
            FormField(id: "path", label: L10n.t("field.path"), kind: .text(maxLength: 1000), isRequired: true),
        ], values: ["path": .text(path)]) { [unowned self] v in
            SyncActions.summary(try SyncActions.export(store: workspace.store, peer: peer.deviceID, path: FormCodec.text(v, "path")))
        }
    }

    /// Rows the device table takes (header included): at most half the area.
    func tableHeight(_ area: Rect) -> Int { min(max(2, lines.count + 1), max(2, (area.height - 8) / 2)) }

    // MARK: drawing

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        if privacy != self.privacy { self.privacy = privacy; rebuildTable() }
        if let subflow { subflow.render(into: &buffer, area: area, theme: theme, privacy: privacy); return }
        if let editor { editor.render(into: &buffer, area: area, theme: theme); return }
        SyncViewRenderer(view: self, theme: theme).render(into: &buffer, area: area)
        if showKeys { KeyListPanel.render(hint: L10n.t("sync.view.hint"), title: L10n.t("ui.keys"), into: &buffer, area: area, theme: theme) }
    }
}
