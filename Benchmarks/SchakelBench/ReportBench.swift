import Foundation
import Core

// Issue 9's target: a full quarterly report (every breakdown, small counts suppressed) over
// every case (43k at demo scale 100) in under 200 ms, from the summaries the program holds
// in memory after unlock (decrypting them is its own row in section 5).
func reportBenchmarks(store: Store, summaries: [CaseSummary], today: CalendarDate) throws -> [(what: String, value: String, target: String)] {
    var records: [ReportRecord] = []
    var report: AggregateReport?
    var times: [Double] = []
    let periods = ReportPeriod.recent(.quarter, today: today)
    for _ in 0..<10 {
        times.append(try seconds {
            records = summaries.map(ReportRecord.init)
            report = ReportBuilder(periods: periods).build(records, anonymous: try store.anonymousCounts())
        })
    }
    let tables = report.map { $0.tables.count + $0.withheld.count } ?? 0
    var yearly: [Double] = []
    let years = ReportPeriod.recent(.year, today: today)
    for _ in 0..<5 { yearly.append(seconds { _ = ReportBuilder(periods: years).build(records) }) }
    return [
        ("Full quarterly report, \(tables) tables over \(records.count) cases, suppressed (median of 10)", ms(median(times)), "< 200 ms"),
        ("Full report by year, 5 years (median of 5)", ms(median(yearly)), "–"),
    ]
}
