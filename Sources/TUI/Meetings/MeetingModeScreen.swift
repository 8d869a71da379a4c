import Foundation
import Core

/// Drawing meeting mode: the card in the middle, large and spacious; below it the chair's
/// strip (minutes, actions, where the projector points).
extension MeetingMode {
    var card: MeetingCard {
        MeetingCard(view: view, position: position + 1, elapsed: current.map { seconds($0.id) } ?? 0, running: runningSince != nil)
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        if let caseDetail { caseDetail.render(into: &buffer, area: area, theme: theme, privacy: !isPrivate); return }
        if case .sharing(let editor)? = typing, isPrivate { editor.render(into: &buffer, area: area, theme: theme); return }
        if let attendance { attendance.render(into: &buffer, area: area, theme: theme, privacy: !typedVisible); return }
        buffer.fill(area, style: theme[.text])
        let c = card
        // Top line: where the meeting stands, the projector's state on the right.
        let projector = isPrivate ? L10n.t("meetingMode.projector.follower") : L10n.t("meetingMode.projector.this")
        MeetingCard.topLine(left: "\(view.tableName) · \(view.heading)", right: c.positionText, into: &buffer, row: area.row(0), theme: theme)
        buffer.put(text: projector + (followerPresent ? "" : " · " + L10n.t("meetingMode.noFollowerShort")), in: area.row(1),
                   style: theme[isPrivate ? .ok : .muted])
        let strip = chairStrip(width: max(1, area.width - 4))
        let stripHeight = min(strip.count + 1, max(3, area.height / 3))
        // The card: indented and spaced for a room that reads from a distance.
        let margin = area.width >= 90 ? 6 : 2
        let cardArea = Rect(x: area.x + margin, y: area.y + 3, width: max(1, area.width - 2 * margin),
                            height: max(1, area.height - 3 - stripHeight - 2))
        // The chair's own lines come right under the item's heading, so a small screen cuts the timer, not them.
        var lines = c.publicLines()
        if isPrivate, lines.count >= 2 { lines.insert(contentsOf: privateLines(), at: 2) }
        _ = MeetingCard.draw(lines, into: &buffer, area: cardArea, theme: theme)
        let stripTop = area.maxY - stripHeight - 2
        buffer.fill(Rect(x: area.x, y: stripTop, width: area.width, height: 1), with: "─", style: theme[.border])
        for (i, l) in strip.prefix(stripHeight - 1).enumerated() {
            buffer.put(text: l.0, in: Rect(x: area.x + 1, y: stripTop + 1 + i, width: area.width - 2, height: 1), style: theme[l.1])
        }
        if case .minutes(let editor)? = typing, typedVisible {
            let row = Rect(x: area.x + 1, y: stripTop + 1, width: area.width - 2, height: 1)
            let label = L10n.t("meetingMode.minutesPrompt") + " "
            let w = buffer.put(text: label, at: Point(x: row.x, y: row.y), maxWidth: row.width, style: theme[.header])
            editor.render(into: &buffer, area: Rect(x: row.x + w, y: row.y, width: max(0, row.width - w), height: 1), style: theme[.inputFocus], focused: true)
        }
        if let status { buffer.put(text: status.text, in: area.row(area.height - 2), style: status.isError ? theme[.error] : theme[.ok]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
        if case .action(let editor)? = typing { renderActionForm(editor, into: &buffer, area: area, theme: theme) }
        confirmEnd?.render(into: &buffer, area: area, theme: theme)
        if showKeys { KeyListPanel.render(hint: L10n.t("meetingMode.hint"), title: L10n.t("ui.keys"), into: &buffer, area: area, theme: theme) }
    }

    /// Only on the chair's own window (the projector shows the follower): who the client is,
    /// the sharing decision, the minutes so far and the item's actions.
    func privateLines() -> [MeetingCard.Line] {
        guard let c = current, c.value.caseID != nil || c.value.question != view.deidentifiedQuestion(c.value) else { return [] }
        var out: [MeetingCard.Line] = [.label(L10n.t("meetingMode.chairOnly"))]
        if let client = view.clientLine(c.value) { out.append(.text(client)) }
        if c.value.caseID != nil { out.append(.muted(view.sharingLine(c.value))) }
        if c.value.question != view.deidentifiedQuestion(c.value) { out.append(.muted(L10n.t("meeting.question") + ": " + c.value.question)) }
        return out
    }

    /// The strip under the card: minutes and actions of the current item (hidden on a
    /// projected window unless the chair shows them).
    func chairStrip(width: Int) -> [(String, ThemeRole)] {
        var out: [(String, ThemeRole)] = []
        let minutes = view.minutesText(current?.id)
        let minuteLines = minutes.map { $0.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) } ?? []
        let actions = current.map { view.actions(item: $0.id) } ?? (position < 0 ? [] : view.book.actions(meetingID).filter { $0.value.agendaItem == nil })
        if case .minutes(let editor)? = typing {
            if typedVisible { out.append(("", .text)) }   // the editor is drawn on this row
            else { out.append((L10n.t("meetingMode.typingHidden", editor.text.count), .warning)) }
        }
        if typedVisible {
            out.append((L10n.t("meetingMode.minutesHeader", minuteLines.count), .muted))
            for l in minuteLines.suffix(4) { out.append(("  " + l, .text)) }
            out.append((L10n.t("meetingMode.actionsHeader", actions.count), .muted))
            for a in actions.suffix(3) { out.append(("  • " + view.actionLine(a.value, masked: false), .text)) }
        } else {
            out.append((L10n.t("meetingMode.hiddenSummary", minuteLines.count, actions.count), .muted))
        }
        return out
    }

    /// The action form: shown as typed only where the chair may see it; on a projected
    /// window its fields show only whether they are filled.
    func renderActionForm(_ editor: ItemEditor, into buffer: inout CellBuffer, area: Rect, theme: Theme) {
        let box = Rect(x: area.x + 2, y: area.y + 3, width: max(1, area.width - 4), height: max(1, min(area.height - 6, 12)))
        if typedVisible {
            editor.render(into: &buffer, area: box, theme: theme)
            return
        }
        buffer.fill(box, style: theme[.dialog])
        buffer.put(text: editor.title + " · " + L10n.t("meetingMode.formHidden"), in: box.row(0), style: theme[.header])
        for (i, f) in editor.form.fields.enumerated() where i + 2 < box.height {
            let filled: Bool
            switch editor.form.values[f.id] {
            case .text(let s)?: filled = !s.isEmpty
            case .date(let d)?: filled = d != nil
            case .choice(let c)?: filled = c != nil
            case .multiChoice(let m)?: filled = !m.isEmpty
            case nil: filled = false
            }
            let marker = i == editor.form.focusIndex ? "▸ " : "  "
            buffer.put(text: marker + f.label + ": " + (filled ? "••••" : "—"), in: box.row(i + 2), style: theme[i == editor.form.focusIndex ? .selection : .dialog])
        }
        if let error = editor.error { buffer.put(text: error, in: box.row(box.height - 1), style: theme[.error]) }
        // Its question is generic ("discard?"): it must be seen, or keys go to a dialog nobody sees.
        editor.confirmDiscard?.render(into: &buffer, area: area, theme: theme)
    }
}
