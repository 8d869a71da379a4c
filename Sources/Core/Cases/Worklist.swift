import Foundation

/// The attention worklist: every case with a signal, most urgent first. Computed in memory
/// from the decrypted summaries for a given day (the clock is the caller's).
public struct WorklistEntry: Equatable, Sendable {
    public var caseID: UUID
    public var items: [AttentionItem]

    /// Sort key: the most urgent signal, then how late it is.
    var urgency: (Int, Int) { (items.first?.signal.rank ?? 99, -(items.first?.days ?? 0)) }
}

public enum Worklist {
    /// `meetingActions`: case id → days the oldest open casusoverleg action is late.
    public static func entries(_ summaries: [CaseSummary], on today: CalendarDate, thresholds: AttentionThresholds = AttentionThresholds(),
                               meetingActions: [UUID: Int] = [:]) -> [WorklistEntry] {
        var out: [(entry: WorklistEntry, code: String)] = []
        out.reserveCapacity(summaries.count / 2)
        for s in summaries where s.phase.isActive {
            let items = AttentionSignal.items(for: s, on: today, thresholds: thresholds, meetingActionDays: meetingActions[s.id])
            if !items.isEmpty { out.append((WorklistEntry(caseID: s.id, items: items), s.code.description)) }
        }
        out.sort { a, b in
            let ua = a.entry.urgency, ub = b.entry.urgency
            if ua != ub { return ua < ub }
            return a.code < b.code
        }
        return out.map(\.entry)
    }
}
