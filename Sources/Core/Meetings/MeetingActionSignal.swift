import Foundation

/// Overdue actions agreed at a meeting, per case: what makes them appear in the case
/// coordinator's attention worklist (issue 6 §6). An action is about a case through its
/// agenda item; actions of trend and theme items belong to no case and stay on the
/// meeting's follow-up list only.
public enum MeetingActionSignal {
    /// Case id → days the most overdue open action of that case is late (≥ 1).
    public static func overdueMeetingActions(actions: [(id: UUID, value: MeetingActionRecord)],
                                             items: [(id: UUID, value: AgendaItemRecord)],
                                             on today: CalendarDate) -> [UUID: Int] {
        var itemCase: [UUID: UUID] = [:]
        for i in items { if let c = i.value.caseID { itemCase[i.id] = c } }
        var out: [UUID: Int] = [:]
        for a in actions where a.value.isOpen {
            guard let due = a.value.due, due < today, let item = a.value.agendaItem, let caseID = itemCase[item] else { continue }
            out[caseID] = max(out[caseID] ?? 0, due.days(until: today))
        }
        return out
    }

    /// The same from a whole book.
    public static func overdueMeetingActions(book: MeetingBook, on today: CalendarDate) -> [UUID: Int] {
        overdueMeetingActions(actions: book.actions, items: book.items, on: today)
    }
}
