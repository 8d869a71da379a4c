import Foundation
import Core

/// Who is in the room: the table's organisations, each present or not, with the names of
/// the people who came. `Space` records an organisation present or absent at once; `Enter`
/// edits the names (comma-separated). What may be shared depends on this list.
final class AttendanceFlow: Flow {
    let workspace: Workspace
    let meetingID: UUID
    var view: MeetingView
    var selected = 0
    var names: LineEditor?
    var status: (String, Bool)?
    var changed = false
    /// False on a projected meeting screen: names typed there would be on the wall. Asked
    /// each time (the projector may be pointed at this window while the list is open).
    let namesAllowed: () -> Bool
    /// As last drawn: names are neither shown nor typed in privacy mode.
    var privacy = false
    var namesVisible: Bool { namesAllowed() && !privacy }

    init(workspace: Workspace, view: MeetingView, namesAllowed: @escaping () -> Bool = { true }) {
        self.workspace = workspace
        self.namesAllowed = namesAllowed
        self.meetingID = view.id
        self.view = view
    }

    var title: String { L10n.t("attendance.title", view.record.date.dutch) }
    var hint: String { L10n.t(names == nil ? "attendance.hint" : "attendance.namesHint") }
    var isTyping: Bool { names != nil }
    var hasUnsavedInput: Bool { names != nil }
    func suspend() -> String? { nil }

    var members: [ReferenceData.Organisation] { view.members }

    func record(_ org: String) -> AttendanceRecord? { view.book.attendance(meetingID).first { $0.value.organisation == org }?.value }

    func save(_ org: String, present: Bool, names: [String]) {
        do {
            try workspace.store.write { tx in _ = try tx.recordAttendance(meeting: meetingID, organisation: org, present: present, names: names) }
            view = try MeetingView(workspace: workspace, meetingID: meetingID)
            changed = true
            status = (L10n.t(present ? "attendance.present" : "attendance.absent", MeetingView.organisationName(org)), false)
        } catch { status = (SchakelError.from(error).message, true) }
    }

    func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        guard case .key(let key) = event else { return .stay }
        let list = members
        guard list.indices.contains(selected) || list.isEmpty else { selected = 0; return .stay }
        if names != nil && !namesVisible { names = nil }
        if var editor = names {
            switch key {
            case KeyEvent(.escape): names = nil
            case KeyEvent(.enter):
                let org = list[selected].id
                let typed = editor.text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                names = nil
                save(org, present: true, names: typed)
            default: _ = editor.handle(key); names = editor
            }
            return .stay
        }
        status = nil
        switch key {
        case KeyEvent(.escape), .char("q"):
            let n = view.present.count
            return changed ? .done(message: L10n.t("attendance.saved", n)) : .close(message: nil)
        case KeyEvent(.down), .char("j"): selected = min(max(0, list.count - 1), selected + 1)
        case KeyEvent(.up), .char("k"): selected = max(0, selected - 1)
        case .char(" "), .char("x"):
            guard !list.isEmpty else { break }
            let org = list[selected].id
            let current = record(org)
            save(org, present: !(current?.present ?? false), names: current?.names ?? [])
        case KeyEvent(.enter):
            guard !list.isEmpty else { break }
            guard namesVisible else { status = (L10n.t(namesAllowed() ? "agenda.privacyReadOnly" : "attendance.namesHidden"), true); break }
            names = LineEditor((record(list[selected].id)?.names ?? []).joined(separator: ", "), maxLength: 600)
        default: break
        }
        return .stay
    }

    func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        self.privacy = privacy
        if !namesVisible { names = nil }
        buffer.fill(area, style: theme[.text])
        let list = members
        buffer.put(text: L10n.t("attendance.summary", view.present.count, list.count), in: area.row(0), style: theme[.header])
        buffer.put(text: L10n.t("attendance.explain"), in: area.row(1), style: theme[.muted])
        let top = 3, height = max(1, area.height - top - 3)
        let first = max(0, min(selected - height + 1, list.count - height))
        for row in 0..<height {
            let i = first + row
            guard list.indices.contains(i) else { break }
            let org = list[i]
            let r = record(org.id)
            let mark = r?.present == true ? "[✓]" : "[ ]"
            var text = "\(mark) \(org.name)"
            if let n = r?.names, !n.isEmpty { text += " · " + (!namesVisible ? L10n.t("attendance.peopleCount", n.count) : n.joined(separator: ", ")) }
            let rect = area.row(top + row)
            if i == selected, let editor = names {
                let label = "▸ \(mark) \(org.name): "
                let w = buffer.put(text: label, at: Point(x: rect.x, y: rect.y), maxWidth: rect.width, style: theme[.selection])
                editor.render(into: &buffer, area: Rect(x: rect.x + w, y: rect.y, width: max(0, rect.width - w), height: 1), style: theme[.inputFocus], focused: true)
            } else {
                buffer.put(text: (i == selected ? "▸ " : "  ") + text, in: rect, style: i == selected ? theme[.selection] : theme[r?.present == true ? .ok : .text])
            }
        }
        if let status { buffer.put(text: status.0, in: area.row(area.height - 2), style: status.1 ? theme[.error] : theme[.ok]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
    }
}
