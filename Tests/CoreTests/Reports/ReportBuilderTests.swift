import Foundation
import Testing
@testable import Core

/// The anonymous figures against counts worked out by hand.
@Suite struct ReportBuilderTests {
    static func d(_ y: Int, _ m: Int, _ day: Int) -> CalendarDate { CalendarDate(year: y, month: m, day: day)! }

    static func record(_ signal: CalendarDate, forms: [String] = ["arbeidsuitbuiting"], gender: String = "vrouw", band: AgeBand = .adult,
                       nationality: String? = "PL", closed: CalendarDate? = nil, reason: String? = nil,
                       attempts: [CaseSummary.AttemptDigest] = [], placed: CalendarDate? = nil) -> ReportRecord {
        ReportRecord(signalOn: signal, forms: forms, gender: gender, ageBand: band, nationality: nationality, referrerType: "politie-avim",
                     region: "haaglanden", municipality: "den-haag", phase: closed == nil ? .traject : .afgesloten, closedOn: closed,
                     closureReason: reason, placementAttempts: attempts, firstPlacementOn: placed,
                     daysToPlacement: placed.map { signal.days(until: $0) }, onwardCareEnd: nil, onwardCareWaitDays: nil)
    }

    /// Q1 and Q2 of 2026. By hand: Q1 has 7 labour, 2 sexual, 1 with two forms; Q2 has 6 labour and 1 unknown;
    /// one record in 2025 and one in Q3 fall outside the window.
    static var records: [ReportRecord] {
        var r: [ReportRecord] = []
        for i in 0..<7 { r.append(record(d(2026, 1 + i % 3, 3 + i))) }
        r.append(record(d(2026, 2, 1), forms: ["seksuele-uitbuiting"]))
        r.append(record(d(2026, 3, 31), forms: ["seksuele-uitbuiting"]))
        r.append(record(d(2026, 3, 15), forms: ["seksuele-uitbuiting", "arbeidsuitbuiting"]))
        for i in 0..<6 { r.append(record(d(2026, 4 + i % 3, 10), band: i < 2 ? .minor : .older)) }
        r.append(record(d(2026, 6, 30), forms: []))
        r.append(record(d(2025, 12, 31)))
        r.append(record(d(2026, 7, 1)))
        return r
    }

    let periods = ReportPeriod.range(from: d(2026, 1, 1), to: d(2026, 6, 30), .quarter)

    @Test func periodsAndLabels() {
        #expect(periods.map(\.label) == ["2026-K1", "2026-K2"])
        #expect(ReportPeriod(Self.d(2026, 11, 22), .quarter).firstDay == Self.d(2026, 10, 1))
        #expect(ReportPeriod(Self.d(2026, 11, 22), .quarter).lastDay == Self.d(2026, 12, 31))
        #expect(ReportPeriod.recent(.month, today: Self.d(2026, 2, 10)).map(\.label).first == "2025-03")
        #expect(ReportPeriod.range(from: Self.d(2024, 5, 1), to: Self.d(2026, 1, 1), .year).map(\.label) == ["2024", "2025", "2026"])
    }

    @Test func countsByFormMatchTheHandCount() {
        let t = ReportBuilder(periods: periods).table(.exploitationForm, Self.records)
        let rows = Dictionary(uniqueKeysWithValues: zip(t.rows, t.counts))
        #expect(rows[ReportDimension.exploitationForm.label("arbeidsuitbuiting")] == [7, 6])
        #expect(rows[ReportDimension.exploitationForm.label("seksuele-uitbuiting")] == [2, 0])
        #expect(rows[L10n.t("report.category.severalForms")] == [1, 0])
        #expect(rows[L10n.t("report.category.unknown")] == [0, 1])
        #expect(t.columnTotals == [10, 7])
        // Vocabulary order, then "several", then unknown last.
        #expect(t.rows.last == L10n.t("report.category.unknown"))
    }

    @Test func suppressedAsShownAndExported() {
        let s = ReportBuilder(periods: periods, dimensions: [.ageBand]).build(Self.records).tables[0]
        // Age bands: Q1 ten adults (23-29); Q2 two minors and four 30+, one 23-29.
        let labels = s.table.rows
        #expect(labels == ["0-17", "23-29", "30+"])
        #expect(s.table.counts == [[0, 2], [10, 1], [0, 4]])
        // 2, 1 and 4 are below 5; no small count can be recovered from what is shown.
        #expect(s.text(s.cells[0][1]) == "<5")
        // 10 shares a row with the 1: it is hidden (x) so that the 1 cannot be worked out; zeros stay.
        #expect(s.text(s.cells[1][0]) == "x")
        #expect(s.text(s.cells[0][0]) == "0")
        for (r, row) in s.cells.enumerated() {
            let hidden = (row + [s.rowTotals[r]]).filter(\.isSuppressed).count
            #expect(hidden == 0 || hidden >= 2, "row \(r)")
        }
    }

    @Test func rareNationalitiesFoldIntoOtherAndTheMostFrequentComeFirst() {
        var records: [ReportRecord] = []
        for (nat, n) in [("PL", 6), ("NG", 9), ("RO", 3), ("UG", 2), ("NL", 1)] {
            for i in 0..<n { records.append(Self.record(Self.d(2026, 2, 1 + i), nationality: nat)) }
        }
        records.append(Self.record(Self.d(2026, 2, 20), nationality: nil))
        let t = ReportBuilder(periods: periods, topNationalities: 2).table(.nationality, records)
        let ref = ReferenceData.shared
        #expect(t.rows == [ref.countryName("NG"), ref.countryName("PL"), L10n.t("report.category.other"), L10n.t("report.category.unknown")])
        #expect(t.counts.map { $0[0] } == [9, 6, 6, 1])
    }

    @Test func closuresAttemptsAndPlacementsCountWhenTheyHappened() {
        let attempts = [CaseSummary.AttemptDigest(on: Self.d(2026, 2, 1), accepted: false, rejectionReason: "geen-plek"),
                        CaseSummary.AttemptDigest(on: Self.d(2026, 4, 2), accepted: true, rejectionReason: nil)]
        let r = [Self.record(Self.d(2025, 11, 1), closed: Self.d(2026, 5, 1), reason: "doelen-bereikt", attempts: attempts, placed: Self.d(2026, 4, 2))]
        let b = ReportBuilder(periods: periods)
        #expect(b.table(.closureReason, r).counts == [[0, 1]])
        // One table: first placements by time since the signal (152 days: 91-180), then rejections by reason.
        let placements = b.table(.placementAttempts, r)
        #expect(placements.rows == [L10n.t("report.category.placedAfter", WaitBucket.halfYear.label),
                                    L10n.t("report.category.rejectedBecause", ReferenceData.shared.label("placementRejectionReasons", "geen-plek"))])
        #expect(placements.counts == [[0, 1], [1, 0]])
        // The signal itself was before the window: not a new signal here.
        #expect(b.table(.gender, r).rows.isEmpty)
    }

    /// Tables counting the same signals share their totals row: side by side they must hide the
    /// same totals, or one table's shown total would give away another's hidden one.
    @Test func tablesOfOneReportHideTheSameSharedTotals() {
        var rng = SeededRandom(seed: 9)
        let quarters = ReportPeriod.range(from: Self.d(2026, 1, 1), to: Self.d(2026, 12, 31), .quarter)
        for _ in 0..<40 {
            var records: [ReportRecord] = []
            for q in 0..<4 {
                // A quiet quarter now and then: its total is small.
                for _ in 0..<(rng.chance(0.3) ? Int.random(in: 1...4, using: &rng) : Int.random(in: 5...40, using: &rng)) {
                    records.append(Self.record(Self.d(2026, 1 + q * 3, Int.random(in: 1...28, using: &rng)),
                                               forms: [rng.pick(["arbeidsuitbuiting", "seksuele-uitbuiting", "criminele-uitbuiting"])],
                                               gender: rng.pick(["vrouw", "man"]), band: rng.pick(AgeBand.allCases),
                                               nationality: rng.pick(["PL", "NG", "RO", "NL"])))
                }
            }
            let report = ReportBuilder(periods: quarters, dimensions: [.exploitationForm, .gender, .ageBand, .nationality, .phase]).build(records)
            let totalsRows = report.tables.map { t in (t.columnTotals + [t.grandTotal]).map(\.isSuppressed) }
            #expect(Set(totalsRows).count <= 1, "the shared totals rows differ: \(totalsRows)")
            for t in report.tables { #expect(t.unprotectedSmallCells.isEmpty) }
        }
    }

    @Test func hostileCategoryFromAPeerIsShownWithoutControlCharacters() {
        let r = [Self.record(Self.d(2026, 1, 5), gender: "x\u{1B}[31mred\u{202E}")]
        let t = ReportBuilder(periods: periods).table(.gender, r)
        #expect(t.rows == ["x[31mred"])
    }
}
