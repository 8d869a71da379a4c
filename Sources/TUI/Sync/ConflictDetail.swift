import Foundation
import Core

/// One conflict: the competing values side by side (stacked when the screen is narrow), each
/// with the device, the colleague, the moment and its fields. ←/→ or a number chooses, Enter
/// asks and keeps the chosen value (`Store.resolveConflict`). Values come from other devices:
/// every text is sanitised and made single-line; in privacy mode colleagues show by function
/// or organisation and client data is hidden (read-only, like the masked case detail).
final class ConflictDetail: Flow {
    let workspace: Workspace
    let conflict: SyncConflict
    var chosen = 0
    var confirm: ConfirmDialog?
    var status: (text: String, isError: Bool)?
    var privacy = false
    /// Gives the resolving store call a seam for tests of failures.
    var resolve: (SyncConflict, Data) throws -> Void

    init(workspace: Workspace, conflict: SyncConflict) {
        self.workspace = workspace
        self.conflict = conflict
        resolve = { try workspace.store.resolveConflict($0, keeping: $1) }
    }

    var title: String {
        let code = conflict.caseID == nil ? "—" : (conflict.code ?? workspace.caseCode(conflict.caseID))
        return L10n.t("conflict.title", code, SyncLabels.group(conflict.groupKey))
    }
    var hint: String { L10n.t("conflict.hint") }
    var availableInPrivacy: Bool { true }
    var isTyping: Bool { false }
    func suspend() -> String? { nil }

    func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        if var dialog = confirm {
            switch dialog.handle(event, area: area) {
            case .action(.confirm):
                confirm = nil
                do {
                    try resolve(conflict, conflict.values[chosen].eventID)
                    return .done(message: L10n.t("conflict.resolved", chosen + 1))
                } catch { status = (SchakelError.from(error).message, true) }
            case .action(.cancel): confirm = nil
            default: confirm = dialog
            }
            return .stay
        }
        guard case .key(let key) = event else { return .stay }
        status = nil
        let n = conflict.values.count
        switch key {
        case KeyEvent(.escape), .char("q"): return .close(message: nil)
        case KeyEvent(.left), .char("h"), KeyEvent(.backTab): chosen = (chosen + n - 1) % max(1, n)
        case KeyEvent(.right), .char("l"), KeyEvent(.tab): chosen = (chosen + 1) % max(1, n)
        case KeyEvent(.enter):
            guard !privacy else { status = (L10n.t("conflict.privacyReadOnly"), true); break }
            guard conflict.values.indices.contains(chosen) else { break }
            confirm = ConfirmDialog(title: L10n.t("conflict.confirmTitle"), message: confirmMessage(),
                                    confirmLabel: L10n.t("dialog.yes"), cancelLabel: L10n.t("dialog.no"))
        default:
            if case .character(let c) = key.key, key.modifiers.isEmpty, let d = c.wholeNumberValue, (1...n).contains(d) { chosen = d - 1 }
        }
        return .stay
    }

    func confirmMessage() -> String {
        let v = conflict.values[chosen]
        let who = SyncLabels.device(v.device, workspace: workspace, privacy: privacy)
        switch conflict.kind {
        case .value: return L10n.t("conflict.confirm.value", chosen + 1, who, SyncLabels.stamp(v.at))
        case .closure: return L10n.t(chosen == 0 ? "conflict.confirm.reclose" : "conflict.confirm.reopen", chosen + 1, who)
        }
    }

    // MARK: drawing

    struct Block {
        var lines: [(String, ThemeRole)]
    }

    /// One value's lines: heading, device, colleague, moment, then its fields.
    func block(_ index: Int, width: Int, theme: Theme) -> Block {
        let v = conflict.values[index]
        var heading = "[\(index + 1)]"
        if index == 0 { heading += " " + L10n.t(conflict.kind == .closure ? "conflict.value.closure" : "conflict.value.shown") }
        var lines: [(String, ThemeRole)] = [(heading, .tableHeader)]
        lines.append((L10n.t("conflict.device", SyncLabels.device(v.device, workspace: workspace, privacy: privacy)), .muted))
        lines.append((L10n.t("conflict.author", SyncLabels.author(v.author, device: v.device, workspace: workspace, privacy: privacy)), .muted))
        lines.append((L10n.t("conflict.at", SyncLabels.stamp(v.at)), .muted))
        if v.group != conflict.groupKey { lines.append((L10n.t("conflict.group", SyncLabels.group(v.group)), .muted)) }
        if v.removed {
            lines.append((L10n.t("conflict.removed"), .warning))
            return Block(lines: lines)
        }
        // Fields that differ from another value first, marked by a glyph (not colour alone).
        let differs = theme.usesUnicodeGlyphs ? "≠ " : "! "
        let marked = v.fields.map { f in
            (f, conflict.values.contains { o in o.eventID != v.eventID && o.group == v.group && o.fields.first { $0.name == f.name }?.value != f.value })
        }
        for (f, different) in marked.filter(\.1) + marked.filter({ !$0.1 }) {
            let shown = SyncLabels.field(f, group: v.group, workspace: workspace, privacy: privacy)
            let text = shown.label + ": " + (shown.value.isEmpty ? "—" : shown.value)
            for (i, l) in TextWrap.lines(text, width: max(1, width - 4)).enumerated() {
                lines.append(((i == 0 ? (different ? differs : "  ") : "    ") + l, different ? .warning : .text))
            }
        }
        return Block(lines: lines)
    }

    func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        self.privacy = privacy
        buffer.fill(area, style: theme[.text])
        buffer.put(text: SyncLabels.kind(conflict.kind) + " · " + L10n.t("conflict.values", conflict.values.count), in: area.row(0), style: theme[.header])
        var y = 1
        for l in TextWrap.lines(L10n.t(conflict.kind == .value ? "conflict.explain.value" : "conflict.explain.closure"), width: max(1, area.width)).prefix(2) {
            buffer.put(text: l, in: area.row(y), style: theme[.muted]); y += 1
        }
        y += 1
        let body = Rect(x: area.x, y: area.y + y, width: area.width, height: max(0, area.height - y - 2))
        let n = conflict.values.count
        let gap = 2
        let columnWidth = n > 0 ? (area.width - gap * (n - 1)) / n : area.width
        if n > 0 && n <= 3 && columnWidth >= 30 {
            renderSideBySide(into: &buffer, body: body, width: columnWidth, gap: gap, theme: theme)
        } else {
            renderStacked(into: &buffer, body: body, theme: theme)
        }
        if let status { buffer.put(text: privacy ? workspace.masker.apply(status.text) : status.text, in: area.row(area.height - 2),
                                   style: status.isError ? theme[.error] : theme[.ok]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
        confirm?.render(into: &buffer, area: area, theme: theme)
    }

    func renderSideBySide(into buffer: inout CellBuffer, body: Rect, width: Int, gap: Int, theme: Theme) {
        for i in conflict.values.indices {
            let x = body.x + i * (width + gap)
            let b = block(i, width: width - 2, theme: theme)
            for (row, line) in b.lines.prefix(body.height).enumerated() {
                drawLine(line, row: row, selected: i == chosen, in: Rect(x: x, y: body.y + row, width: width, height: 1), buffer: &buffer, theme: theme)
            }
        }
    }

    /// A value block's first line is its heading (highlighted when chosen); the rest are fields.
    private func drawLine(_ line: (String, ThemeRole), row: Int, selected: Bool, in rect: Rect, buffer: inout CellBuffer, theme: Theme) {
        if row == 0 {
            let style = selected ? theme[.selection] : theme[.tableHeader]
            buffer.fill(rect, style: style)
            buffer.put(text: (selected ? "▸ " : "  ") + line.0, in: rect, style: style)
        } else {
            buffer.put(text: line.0, in: rect, style: theme[line.1])
        }
    }

    /// Narrow screens: one value under the other; the chosen one is always on screen.
    func renderStacked(into buffer: inout CellBuffer, body: Rect, theme: Theme) {
        let blocks = conflict.values.indices.map { block($0, width: body.width - 2, theme: theme) }
        var start = 0
        let total = blocks.reduce(0) { $0 + $1.lines.count + 1 }
        if total > body.height { start = chosen }
        var y = 0
        for i in start..<blocks.count {
            for (row, line) in blocks[i].lines.enumerated() {
                guard y < body.height else { return }
                drawLine(line, row: row, selected: i == chosen, in: body.row(y), buffer: &buffer, theme: theme)
                y += 1
            }
            y += 1
        }
    }
}
