import Foundation
import Core

/// The big picture of where a meeting stands, for the projector: the opening (who is
/// there, the agenda), one item (code, age, forms, the question, who brings it in, the
/// timer) or the closing. The de-identified part is the same for the chair's projected
/// window and the follower window; `privateLines` adds what only the chair may see.
struct MeetingCard {
    let view: MeetingView
    /// 0: opening; 1...count: an item; count+1: closing (as in the beacon).
    let position: Int
    let elapsed: Int
    let running: Bool

    enum Line { case blank, title(String), label(String), text(String), muted(String), timer(elapsed: Int, box: Int, running: Bool) }

    var items: [(id: UUID, value: AgendaItemRecord)] { view.agenda }
    var item: AgendaItemRecord? { items.indices.contains(position - 1) ? items[position - 1].value : nil }

    /// What everyone in the room may see.
    func publicLines() -> [Line] {
        if position <= 0 {
            var out: [Line] = [.title(L10n.t("meetingCard.opening")), .blank,
                               .text(L10n.t("meetingCard.present", view.present.count, view.members.count))]
            if let previous = view.book.previousHeld(before: view.id) {
                out.append(.text(view.record.previousMinutesApprovedOn != nil ? L10n.t("meetingCard.previousApproved", previous.value.date.dutch)
                                                                             : L10n.t("meetingCard.previousToApprove", previous.value.date.dutch)))
            }
            // The follow-up heads the meeting: each open action of an earlier meeting, masked.
            let follow = view.followUps
            if !follow.isEmpty {
                out += [.blank, .label(L10n.t("meetingCard.followUps", follow.count))]
                for a in follow.prefix(8) {
                    let code = view.book.caseID(of: a.value).map { view.workspace.caseCode($0) }
                    out.append(.text("· " + [code, view.actionLine(a.value, masked: true)].compactMap { $0 }.joined(separator: " · ")))
                }
                if follow.count > 8 { out.append(.muted(L10n.t("meetingCard.more", follow.count - 8))) }
            }
            out += [.blank, .label(L10n.t("meetingCard.agenda"))]
            for (n, i) in items.enumerated() {
                out.append(.text("\(n + 1). \(view.kindLabel(i.value)) · \(view.deidentifiedHeading(i.value)) · \(i.value.minutes) min"))
            }
            return out
        }
        guard let item else {
            let actions = view.book.actions(view.id).count
            return [.title(L10n.t("meetingCard.closing")), .blank, .text(L10n.t("meetingCard.closingActions", actions)),
                    .text(L10n.t("meetingCard.nextMeeting", nextMeetingText))]
        }
        var out: [Line] = [.label(view.kindLabel(item).uppercased()), .title(view.deidentifiedHeading(item)), .blank,
                           .label(L10n.t("meetingCard.question")), .text(view.deidentifiedQuestion(item)), .blank,
                           .muted(L10n.t("meeting.broughtBy") + ": " + MeetingView.organisationName(item.broughtBy)), .blank,
                           .timer(elapsed: elapsed, box: item.minutes * 60, running: running)]
        if item.caseID != nil, view.actions(item: items[position - 1].id).isEmpty == false {
            out.append(.muted(L10n.t("meetingCard.actionCount", view.actions(item: items[position - 1].id).count)))
        }
        return out
    }

    var nextMeetingText: String {
        view.book.meetings(table: view.record.table).first { $0.value.date > view.record.date && $0.value.status == "gepland" }?.value.date.dutch ?? "–"
    }

    /// "Punt 2 van 6"
    var positionText: String {
        position <= 0 ? L10n.t("meetingCard.openingShort") : (item == nil ? L10n.t("meetingCard.closingShort") : L10n.t("meetingCard.position", position, items.count))
    }

    /// Where the meeting is (right) and what it is (left, cut first when the row is short).
    static func topLine(left: String, right: String, into buffer: inout CellBuffer, row: Rect, theme: Theme) {
        buffer.fill(row, style: theme[.header])
        let rightWidth = TextWidth.width(of: right) + 2
        buffer.put(text: right, at: Point(x: max(row.x, row.maxX - rightWidth), y: row.y), maxWidth: rightWidth, style: theme[.header])
        buffer.put(text: left, at: Point(x: row.x, y: row.y), maxWidth: max(0, row.width - rightWidth - 1), style: theme[.header])
    }

    static func clock(_ seconds: Int) -> String {
        let s = abs(seconds)
        return (seconds < 0 ? "-" : "") + String(format: "%02d:%02d", s / 60, s % 60)
    }

    /// Draws lines from the top of `area`, wrapped, with generous spacing when `spacious`.
    static func draw(_ lines: [Line], into buffer: inout CellBuffer, area: Rect, theme: Theme) -> Int {
        var y = area.y
        let width = area.width
        func put(_ text: String, _ role: ThemeRole) {
            for l in TextWrap.lines(text, width: max(1, width)) {
                guard y < area.maxY else { return }
                buffer.put(text: l, in: Rect(x: area.x, y: y, width: width, height: 1), style: theme[role])
                y += 1
            }
        }
        for line in lines {
            guard y < area.maxY else { break }
            switch line {
            case .blank: y += 1
            case .title(let t): put(t, .header)
            case .label(let t): put(t, .muted)
            case .text(let t): put(t, .text)
            case .muted(let t): put(t, .muted)
            case .timer(let elapsed, let box, let running):
                let over = elapsed > box
                let text = "⏱ " + clock(elapsed) + " / " + clock(box) + (over ? "  " + L10n.t("meetingCard.overTime", clock(elapsed - box)) : "")
                    + (running ? "" : "  " + L10n.t("meetingCard.paused"))
                let w = buffer.put(text: text + "  ", at: Point(x: area.x, y: y), maxWidth: width, style: theme[over ? .warning : .text])
                let barWidth = max(0, min(30, width - w))
                if barWidth > 4 {
                    let filled = box > 0 ? min(barWidth, elapsed * barWidth / box) : barWidth
                    buffer.put(text: String(repeating: "█", count: filled), at: Point(x: area.x + w, y: y), maxWidth: filled, style: theme[over ? .warning : .chartBar])
                    buffer.put(text: String(repeating: "░", count: barWidth - filled), at: Point(x: area.x + w + filled, y: y), maxWidth: barWidth - filled, style: theme[.muted])
                }
                y += 1
            }
        }
        return y - area.y
    }
}
