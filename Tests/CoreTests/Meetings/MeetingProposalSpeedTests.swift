import Foundation
import Testing
@testable import Core

/// A quick guard on the proposal's speed with 43k synthetic summaries (the benchmark
/// measures it on the demo store; debug builds are slower, so the bound here is loose).
struct MeetingProposalSpeedTests {
    @Test func proposalOver43kSummaries() throws {
        let today = CalendarDate(year: 2026, month: 11, day: 22)!
        var rng = SeededRandom(seed: 43)
        let template = try MeetingAgendaProposalTests.summary(born: CalendarDate(year: 1990, month: 1, day: 1)!)
        let summaries: [CaseSummary] = (0..<43_000).map { i in
            var s = template
            s.id = rng.uuid()
            s.code = CaseCode(year: 2026, randomBits: UInt32(i))
            let age = Int.random(in: 13...58, using: &rng)
            s.birthDate = .exact(today.adding(days: -Int.random(in: 0...364, using: &rng), years: -age))
            s.openedOn = today.adding(days: -Int.random(in: 0...1000, using: &rng))
            if rng.chance(0.3) { s.backup = nil }
            return s
        }
        let start = Date()
        let p = AgendaProposal.build(summaries: summaries, book: MeetingBook(), meeting: nil, today: today)
        let elapsed = Date().timeIntervalSince(start)
        #expect(!p.candidates.isEmpty)
        #expect(elapsed < TestTiming.allowance(1.0), "\(elapsed) s")
        print("agenda proposal over 43k summaries (debug build): \(Int(elapsed * 1000)) ms")
    }
}
