import Foundation
import Core

/// The follower window (`schakel follow`), for the projector's screen: it shows only the
/// item the chair's meeting mode is on, de-identified, and follows the chair through the
/// sealed beacon next to the store. It takes no input but `q` (quit). It says it is there,
/// so the chair's own window may show the full detail.
public final class FollowerFlow: Flow {
    let workspace: Workspace
    var beacon: MeetingBeacon?
    var view: MeetingView?
    var viewRevision: (UUID, Int)?
    /// Injectable for tests.
    var now: () -> Date = { Date() }

    public init(workspace: Workspace) {
        self.workspace = workspace
        _ = tick()
    }

    public var title: String { L10n.t("follower.title") }
    public var hint: String { L10n.t("follower.hint") }
    public var availableInPrivacy: Bool { true }
    public var isTyping: Bool { false }
    /// While the chair's meeting runs, the projector is not interrupted by auto-lock.
    public var holdsAutoLock: Bool { beacon != nil }
    public var fullScreen: Bool { true }

    public func suspend() -> String? {
        workspace.store.removeMeetingFollower()
        return nil
    }

    /// Set when this window cannot say it is there (the chair then keeps its safe view).
    var markFailed = false

    public func tick() -> Bool {
        do { try workspace.store.markMeetingFollower(); markFailed = false } catch { markFailed = true }
        var next = workspace.store.readMeetingBeacon()
        if let b = next, b.isStale(at: now()) { next = nil }
        beacon = next
        guard let b = next else { view = nil; viewRevision = nil; return true }
        if viewRevision.map({ $0 != (b.meeting, b.revision) }) ?? true {
            let newMeeting = viewRevision?.0 != b.meeting
            var next = try? MeetingView(workspace: workspace, meetingID: b.meeting)
            // Cases, names and contacts added since this window was unlocked: read them, so
            // the masking knows every name (once per meeting, or when the agenda names a case it lacks).
            if newMeeting || (next?.agenda.contains { $0.value.caseID.map { workspace.byID[$0] == nil } ?? false } ?? false) {
                try? workspace.reload()
                next = try? MeetingView(workspace: workspace, meetingID: b.meeting)
            }
            view = next
            viewRevision = next == nil ? nil : (b.meeting, b.revision)
        }
        return true
    }

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        guard case .key(let key) = event else { return .stay }
        switch key {
        case .char("q"), KeyEvent(.escape):
            workspace.store.removeMeetingFollower()
            return .close(message: nil)
        default: return .stay
        }
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        buffer.fill(area, style: theme[.text])
        guard let b = beacon, let view else {
            let middle = area.y + area.height / 2 - 1
            if markFailed { buffer.put(text: L10n.t("follower.cannotSignal"), in: area.row(area.height - 1), style: theme[.error]) }
            buffer.put(text: L10n.t("follower.waiting"), in: Rect(x: area.x, y: middle, width: area.width, height: 1), style: theme[.header], alignment: .center)
            buffer.put(text: L10n.t("follower.waitingHelp"), in: Rect(x: area.x, y: middle + 2, width: area.width, height: 1), style: theme[.muted], alignment: .center)
            return
        }
        // The item by its id: the agenda this window read may differ in order from the chair's for a moment.
        let position: Int
        switch b.phase {
        case .opening: position = 0
        case .closing: position = view.agenda.count + 1
        case .item: position = b.item.flatMap { id in view.agenda.firstIndex { $0.id == id } }.map { $0 + 1 } ?? -1
        }
        guard position >= 0 else {
            buffer.put(text: L10n.t("follower.waiting"), in: area.row(area.height / 2), style: theme[.header], alignment: .center)
            return
        }
        let card = MeetingCard(view: view, position: position, elapsed: b.elapsed(at: now()), running: b.running)
        MeetingCard.topLine(left: "\(view.tableName) · \(view.record.date.dutch)", right: card.positionText, into: &buffer, row: area.row(0), theme: theme)
        let margin = area.width >= 90 ? 6 : 2
        let cardArea = Rect(x: area.x + margin, y: area.y + 3, width: max(1, area.width - 2 * margin), height: max(1, area.height - 4))
        _ = MeetingCard.draw(card.publicLines(), into: &buffer, area: cardArea, theme: theme)
    }
}
