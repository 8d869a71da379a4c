import Foundation
import Core

// Issue 6's target: building the agenda proposal for the next casusoverleg 18- from every
// case summary (43k at demo scale 100) in under 100 ms. Called from main.swift with the
// decrypted summaries; returns table rows. The meeting records are synthetic (seeded):
// 20 earlier meetings with 6 case items and 6 actions each, a third of them still open.

func meetingBenchmarks(summaries: [CaseSummary], today: CalendarDate) -> [(what: String, value: String, target: String)] {
    var rng = SeededRandom(seed: 6)
    var book = MeetingBook()
    var date = today.adding(days: -20 * 56)
    let orgs = ReferenceData.shared.members(of: "casusoverleg-18-").map(\.id)
    let active = summaries.filter { $0.phase.isActive }
    for _ in 0..<20 {
        let meeting = rng.uuid()
        book.meetings.append((meeting, MeetingRecord(table: "casusoverleg-18-", date: date, status: "gehouden")))
        for order in 1...6 where !active.isEmpty {
            let item = rng.uuid()
            book.items.append((item, AgendaItemRecord(meeting: meeting, order: order, caseID: active[Int.random(in: 0..<active.count, using: &rng)].id,
                                                      title: nil, question: "?", broughtBy: orgs.isEmpty ? "shop" : rng.pick(orgs))))
            book.actions.append((rng.uuid(), MeetingActionRecord(meeting: meeting, agendaItem: item, what: "actie", organisation: orgs.isEmpty ? "shop" : rng.pick(orgs),
                                                                  due: date.adding(days: 28), status: rng.chance(0.33) ? "open" : "gedaan")))
        }
        date = date.adding(days: 56)
    }
    let next = rng.uuid()
    book.meetings.append((next, MeetingRecord(table: "casusoverleg-18-", date: date)))

    var times: [Double] = []
    var proposal: AgendaProposal?
    for _ in 0..<20 {
        let start = DispatchTime.now().uptimeNanoseconds
        proposal = AgendaProposal.build(summaries: summaries, book: book, meeting: next, today: today)
        times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    times.sort()
    let median = times[times.count / 2]
    var signalTimes: [Double] = []
    for _ in 0..<20 {
        let start = DispatchTime.now().uptimeNanoseconds
        _ = MeetingActionSignal.overdueMeetingActions(book: book, on: today)
        signalTimes.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
    }
    signalTimes.sort()
    return [
        ("Agenda proposal for the next casusoverleg over \(summaries.count) cases (\(proposal?.candidates.count ?? 0) candidates, "
            + "\(proposal?.followUps.count ?? 0) open actions; median of 20)", String(format: "%.2f ms", median * 1000), "< 100 ms"),
        ("Overdue meeting actions per case (worklist input; median of 20)", String(format: "%.3f ms", signalTimes[signalTimes.count / 2] * 1000), "–"),
    ]
}
