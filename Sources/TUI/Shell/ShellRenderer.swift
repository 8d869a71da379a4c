import Foundation
import Core

/// Drawing the frame: header, tabs, panes in their layout, footer, toasts, overlays.
extension Shell {
    static let headerHeight = 2 // header line + tab line
    static let footerHeight = 1

    func render(into buffer: inout CellBuffer) {
        let full = Rect(x: 0, y: 0, width: buffer.width, height: buffer.height)
        buffer.fill(full, style: theme[.text])
        let size = Size(width: buffer.width, height: buffer.height)
        if TooSmallScreen.isTooSmall(size) {
            TooSmallScreen(language: L10n.language == .en ? .en : .nl).render(into: &buffer, theme: theme)
            return
        }
        if isLocked { renderUnlock(into: &buffer, area: full); return }
        renderHeader(into: &buffer, area: full.row(0))
        renderTabs(into: &buffer, area: full.row(1))
        for pane in visiblePanes { renderPane(pane, into: &buffer) }
        renderFooter(into: &buffer, area: full.row(full.height - 1))
        // A full-screen flow (a meeting) would hide the toast row: draw toasts over it then.
        var fullScreen = false
        if case .flow(let flow)? = overlay { fullScreen = flow.fullScreen }
        if !fullScreen { renderToast(into: &buffer, area: full) }
        if let overlay { renderOverlay(overlay, into: &buffer, area: full) }
        if fullScreen { renderToast(into: &buffer, area: full) }
    }

    func renderToast(into buffer: inout CellBuffer, area full: Rect) {
        guard var toast = toasts.current(at: now()) else { return }
        // A message may carry a name (an error from below): privacy masks it like free text.
        if privacy, let ws = workspace { toast.message = ws.masker.apply(toast.message) }
        // The toast widget takes at most half the area it is given: give it the whole row.
        toast.render(into: &buffer, area: Rect(x: 1, y: full.height - 2, width: full.width - 2, height: 1), theme: theme)
    }

    /// Where a flow draws (inside its border): most of the screen, the header stays visible.
    var flowArea: Rect {
        let below = Rect(x: 0, y: 1, width: screenSize.width, height: max(0, screenSize.height - 1))
        // A meeting on the projector takes the whole screen: nothing of the panes shows at its edges.
        if case .flow(let flow)? = overlay, flow.fullScreen { return below.inset(1) }
        return below.inset(top: 1, left: 3, bottom: 1, right: 3)
    }

    var bodyArea: Rect {
        Rect(x: 0, y: Self.headerHeight, width: screenSize.width, height: max(0, screenSize.height - Self.headerHeight - Self.footerHeight))
    }

    /// The outer rectangle of a visible pane (border included in multi-pane layouts).
    func frameArea(_ pane: PaneID) -> Rect {
        let body = bodyArea
        let visible = visiblePanes
        guard let index = visible.firstIndex(of: pane) else { return Rect(x: 0, y: 0, width: 0, height: 0) }
        switch visible.count {
        case 1: return body
        case 2: return body.columns(weights: [1, 1])[index]
        default:
            let rows = body.rows(weights: [1, 1])
            return rows[index / 2].columns(weights: [1, 1])[index % 2]
        }
    }

    /// Where a pane draws its content.
    func paneArea(_ pane: PaneID) -> Rect {
        let frame = frameArea(pane)
        return visiblePanes.count == 1 ? frame.inset(left: 1, right: 1) : frame.inset(1)
    }

    func renderPane(_ id: PaneID, into buffer: inout CellBuffer) {
        guard let pane = panes[id] else { return }
        let isFocused = id == focused
        if visiblePanes.count > 1 {
            Border.draw(frameArea(id), into: &buffer, style: theme[isFocused ? .focusBorder : .border],
                        title: "\(id.number) \(id.title)" + (isFocused ? " ●" : ""), unicode: theme.usesUnicodeGlyphs)
        }
        pane.render(into: &buffer, area: paneArea(id), theme: theme, focused: isFocused,
                    style: PaneStyle(privacy: privacy, spacious: presentation))
    }

    func renderHeader(into buffer: inout CellBuffer, area: Rect) {
        buffer.fill(area, style: theme[.header])
        let ws = workspace!
        // Right side first (badges and status), so the left text is clipped to what remains.
        var badges: [(String, ThemeRole)] = []
        if options.isDemo { badges.append((" DEMO ", .badgeDemo)) }
        if privacy { badges.append((" " + L10n.t("badge.privacy") + " ", .badgePrivacy)) }
        if presentation { badges.append((" " + L10n.t("badge.presentation") + " ", .badgePrivacy)) }
        var status = " \(ws.today.dutch) · \(L10n.t("header.unlocked")) · \(ws.syncHeaderText) "
        // Conflicts and news make the sync part longer: when the badges and a little of the left
        // text would not fit, it shortens to what needs attention, then "ontgrendeld" goes.
        if ws.conflictCount > 0 || !ws.syncNews.isEmpty {
            let badgeWidth = badges.reduce(0) { $0 + TextWidth.width(of: $1.0) + 1 }
            for shorter in [" \(ws.today.dutch) · \(L10n.t("header.unlocked")) · \(ws.syncHeaderCompactText) ",
                            " \(ws.today.dutch) · \(ws.syncHeaderCompactText) "] where TextWidth.width(of: status) + badgeWidth + 10 > area.width {
                status = shorter
            }
        }
        var x = area.maxX - TextWidth.width(of: status)
        buffer.put(text: status, at: Point(x: max(area.x, x), y: area.y), maxWidth: area.width, style: theme[.header])
        for (text, role) in badges.reversed() {
            x -= TextWidth.width(of: text) + 1
            buffer.put(text: text, at: Point(x: max(area.x, x), y: area.y), maxWidth: area.width, style: theme[role])
        }
        let left = "Schakel · \(options.storeLabel) · " + ws.userLabel(ws.me, privacy: privacy)
        buffer.put(text: left, at: Point(x: area.x, y: area.y), maxWidth: max(0, x - area.x - 1), style: theme[.header])
    }

    func tabRanges() -> [(PaneID, Range<Int>)] {
        var x = 1
        return availablePanes.map { p in
            let w = TextWidth.width(of: " \(p.number) \(p.title) ")
            defer { x += w + 1 }
            return (p, x..<(x + w))
        }
    }

    func renderTabs(into buffer: inout CellBuffer, area: Rect) {
        buffer.fill(area, style: theme[.footer])
        let layoutText = (zoomed ? L10n.t("layout.zoomed") : layout.label) + " "
        buffer.put(text: layoutText, in: area, style: theme[.footer], alignment: .right)
        for (pane, range) in tabRanges() {
            let selected = pane == focused
            buffer.put(text: (selected ? "[" : " ") + "\(pane.number) \(pane.title)" + (selected ? "]" : " "),
                       at: Point(x: range.lowerBound, y: area.y), maxWidth: max(0, area.maxX - range.lowerBound),
                       style: selected ? theme[.selection] : theme[.footer])
        }
    }

    /// Key hints generated from the registry for the focused pane.
    func footerHints() -> [(String, String)] {
        let pane = panes[focused]
        if pane?.isEditing == true { return [("Enter", L10n.t("hint.confirm")), ("Esc", L10n.t("hint.cancel"))] }
        let cmds = registry.inScope(focused).filter { $0.inFooter && $0.isAvailable(self) }
        let paneFirst = cmds.filter { $0.scope != .global } + cmds.filter { $0.scope == .global }
        let last = availablePanes.map(\.number).max() ?? 4
        return [("1-\(last)", L10n.t("hint.panes"))] + paneFirst.map { ($0.keyLabel, $0.title) }
    }

    func renderFooter(into buffer: inout CellBuffer, area: Rect) {
        buffer.fill(area, style: theme[.footer])
        var x = area.x + 1
        for (key, title) in footerHints() {
            let w = TextWidth.width(of: key) + 1 + TextWidth.width(of: title) + 2
            guard x + w <= area.maxX else { break }
            x += buffer.put(text: key, at: Point(x: x, y: area.y), maxWidth: area.maxX - x, style: theme[.keyHint])
            x += buffer.put(text: " " + title + "  ", at: Point(x: x, y: area.y), maxWidth: area.maxX - x, style: theme[.footer])
        }
    }

    func renderUnlock(into buffer: inout CellBuffer, area: Rect) {
        let box = area.centered(Size(width: min(64, area.width - 4), height: 11))
        buffer.fill(box, style: theme[.dialog])
        let inner = Border.draw(box, into: &buffer, style: theme[.border], title: "Schakel", unicode: theme.usesUnicodeGlyphs).inset(left: 2, right: 2)
        var y = inner.y + 1
        if options.isDemo {
            buffer.put(text: " DEMO ", at: Point(x: inner.x, y: y), maxWidth: inner.width, style: theme[.badgeDemo])
            y += 1
        }
        buffer.put(text: L10n.t("unlock.store", options.storeLabel), in: inner.row(y - inner.y), style: theme[.dialog])
        y += 2
        let label = L10n.t("unlock.passphrase") + " "
        let lw = buffer.put(text: label, at: Point(x: inner.x, y: y), maxWidth: inner.width, style: theme[.dialog])
        let masked = String(repeating: "•", count: unlockEditor.text.count)
        buffer.put(text: masked + "▏", in: Rect(x: inner.x + lw, y: y, width: max(0, inner.width - lw), height: 1), style: theme[.inputFocus])
        y += 2
        if let unlockMessage {
            for (i, line) in TextWrap.lines(unlockMessage, width: max(1, inner.width)).prefix(2).enumerated() {
                buffer.put(text: line, in: Rect(x: inner.x, y: y + i, width: inner.width, height: 1), style: theme[.error])
            }
        }
        buffer.put(text: L10n.t("unlock.hint"), in: Rect(x: inner.x, y: inner.maxY - 1, width: inner.width, height: 1), style: theme[.muted])
    }

    func renderOverlay(_ overlay: Overlay, into buffer: inout CellBuffer, area: Rect) {
        switch overlay {
        case .help(let scroll):
            var lines: [(String, String, Bool)] = []
            var scopes: [CommandScope] = [.global]
            if !isLocked { scopes.append(.pane(focused)) }
            scopes += PaneID.allCases.filter { $0 != focused }.map { .pane($0) }
            for scope in scopes {
                let cmds = registry.commands.filter { $0.scope == scope }
                guard !cmds.isEmpty else { continue }
                let heading: String
                switch scope { case .global: heading = L10n.t("help.global"); case .pane(let p): heading = p.title }
                lines.append((heading, "", true))
                for c in cmds { lines.append((c.keyLabel, c.title + (c.isAvailable(self) ? "" : " (" + L10n.t("help.unavailable") + ")"), false)) }
                lines.append(("", "", false))
            }
            let box = area.inset(top: 2, left: 4, bottom: 2, right: 4)
            buffer.fill(box, style: theme[.dialog])
            let inner = Border.draw(box, into: &buffer, style: theme[.focusBorder], title: L10n.t("help.title"), unicode: theme.usesUnicodeGlyphs).inset(left: 1, right: 1)
            let start = min(scroll, max(0, lines.count - inner.height))
            // Keep the stored offset in range, so `k` scrolls back at once after `j` past the end.
            if start != scroll { self.overlay = .help(scroll: start) }
            for (i, line) in lines.dropFirst(start).prefix(inner.height).enumerated() {
                let row = inner.row(i)
                if line.2 { buffer.put(text: line.0, in: row, style: theme[.tableHeader]); continue }
                buffer.put(text: line.0, in: Rect(x: row.x, y: row.y, width: 18, height: 1), style: theme[.keyHint])
                buffer.put(text: line.1, in: Rect(x: row.x + 19, y: row.y, width: max(0, row.width - 19), height: 1), style: theme[.dialog])
            }
        case .palette(let editor, let selected):
            let matches = paletteMatches(editor.text)
            let box = Rect(x: area.x + max(2, area.width / 6), y: area.y + 3, width: area.width - 2 * max(2, area.width / 6), height: min(area.height - 6, 16))
            buffer.fill(box, style: theme[.dialog])
            let inner = Border.draw(box, into: &buffer, style: theme[.focusBorder], title: L10n.t("palette.title"), unicode: theme.usesUnicodeGlyphs).inset(left: 1, right: 1)
            buffer.put(text: ": ", in: inner.row(0), style: theme[.inputFocus])
            let echoArea = Rect(x: inner.x + 2, y: inner.y, width: inner.width - 2, height: 1)
            if privacy, let masked = workspace.map({ $0.masker.apply(editor.text) }), masked != editor.text {
                // A name typed here is still a name: privacy masks it in the echo.
                buffer.put(text: masked + "▏", in: echoArea, style: theme[.inputFocus])
            } else {
                editor.render(into: &buffer, area: echoArea, style: theme[.inputFocus], focused: true)
            }
            if matches.isEmpty { buffer.put(text: L10n.t("palette.none"), in: inner.row(2), style: theme[.muted]) }
            for (i, c) in matches.prefix(max(0, inner.height - 2)).enumerated() {
                let row = inner.row(i + 2)
                let style = i == selected ? theme[.selection] : theme[.dialog]
                buffer.fill(row, style: style)
                buffer.put(text: c.title, in: Rect(x: row.x + 1, y: row.y, width: max(0, row.width - 20), height: 1), style: style)
                buffer.put(text: c.keyLabel, in: Rect(x: row.maxX - 18, y: row.y, width: 18, height: 1), style: i == selected ? style : theme[.keyHint], alignment: .right)
            }
        case .flow(let flow):
            let box = flowArea.inset(-1)
            buffer.fill(box, style: theme[.dialog])
            Border.draw(box, into: &buffer, style: theme[.focusBorder], title: flow.title, unicode: theme.usesUnicodeGlyphs)
            flow.render(into: &buffer, area: flowArea, theme: theme, privacy: privacy)
        case .detail(let title, let lines, let scroll):
            let box = area.inset(top: 2, left: 3, bottom: 2, right: 3)
            buffer.fill(box, style: theme[.dialog])
            let inner = Border.draw(box, into: &buffer, style: theme[.focusBorder], title: title, unicode: theme.usesUnicodeGlyphs).inset(left: 1, right: 1)
            // Wrapping keeps each line's indentation (fields under their section, lines under an agenda item).
            let wrapped = lines.flatMap { line -> [String] in
                let indent = String(line.prefix { $0 == " " }.prefix(max(0, inner.width / 2)))
                let body = String(line.dropFirst(indent.count))
                return body.isEmpty ? [""] : TextWrap.lines(body, width: max(1, inner.width - indent.count)).map { indent + $0 }
            }
            for (i, line) in wrapped.dropFirst(min(scroll, max(0, wrapped.count - 1))).prefix(inner.height - 1).enumerated() {
                buffer.put(text: line, in: inner.row(i), style: theme[.dialog])
            }
            buffer.put(text: L10n.t("detail.hint"), in: inner.row(inner.height - 1), style: theme[.muted])
        }
    }
}
