import Foundation

/// The anonymous figures for a range of periods: one table per dimension, each with
/// small counts suppressed (`SmallCellSuppression`) before anyone sees them.
public struct AggregateReport: Equatable, Sendable {
    public var periods: [ReportPeriod]
    public var threshold: Int
    public var tables: [SuppressedTable]
    /// Tables left out whole: so few cases that even with every small count hidden one
    /// could be worked out (`SuppressedTable.unprotectedSmallCells`). Their titles.
    public var withheld: [String] = []
}

extension AggregateReport {
    /// The tables as CSV, with a row per table left out (so whoever receives the file knows).
    public func csv(options: CSV.Options, labels: ReportTableExport.Labels = .localized()) -> Data {
        var data = ReportTableExport.csv(tables, options: options, labels: labels)
        if !withheld.isEmpty {
            let width = periods.count + 3
            data += CSV.write(withheld.map { [L10n.t("report.withheldFile"), $0] + Array(repeating: "", count: width - 2) },
                              options: CSV.Options(separator: options.separator, byteOrderMark: false))
        }
        return data
    }

    /// The tables as Markdown, with a line per table left out.
    public func markdown(labels: ReportTableExport.Labels = .localized()) -> String {
        var text = ReportTableExport.markdown(tables, labels: labels)
        for title in withheld { text += "\n> \(L10n.t("report.withheldFile")): \(title)\n" }
        return text
    }
}

public struct ReportBuilder: Sendable {
    public var periods: [ReportPeriod]
    public var dimensions: [ReportDimension]
    public var threshold: Int
    /// Nationalities beyond the most frequent `topNationalities` count as "overig".
    public var topNationalities: Int

    public init(periods: [ReportPeriod], dimensions: [ReportDimension] = ReportDimension.allCases,
                threshold: Int = SmallCellSuppression.defaultThreshold, topNationalities: Int = 5) {
        self.periods = periods; self.dimensions = dimensions; self.threshold = threshold; self.topNationalities = topNationalities
    }

    /// `anonymous`: what anonymised cases left (`Store.anonymousCounts`).
    public func build(_ records: [ReportRecord], anonymous: [AnonymousCount] = []) -> AggregateReport {
        var report = AggregateReport(periods: periods, threshold: threshold, tables: [])
        let raw = dimensions.map { table($0, records, anonymous: anonymous) }
        // Tables that count the same events (every signal of a period) share their totals row:
        // it is decided once, from the totals alone, so that every such table, in this report or
        // in another with other breakdowns, shows and hides the same totals.
        var totalsRows: [String: [ReportCell]] = [:]
        let suppressed = raw.indices.map { i -> SuppressedTable in
            let t = raw[i], margin = dimensions[i].margin
            if totalsRows[margin] == nil { totalsRows[margin] = SmallCellSuppression.totalsRow(t.columnTotals, threshold: threshold) }
            return SmallCellSuppression.apply(t, threshold: threshold, totalsRow: totalsRows[margin])
        }
        for s in suppressed {
            if s.unprotectedSmallCells.isEmpty { report.tables.append(s) } else { report.withheld.append(s.table.title) }
        }
        return report
    }

    /// The raw counts of one dimension (before suppression: never shown as such).
    public func table(_ dimension: ReportDimension, _ records: [ReportRecord], anonymous: [AnonymousCount] = []) -> ReportTable {
        guard let first = periods.first, let last = periods.last else {
            return ReportTable(id: dimension.rawValue, title: dimension.title, rowHeading: dimension.rowHeading, rows: [], columns: [], counts: [])
        }
        let start = first.firstMonth, end = last.firstMonth + last.months, width = first.months
        var counts: [String: [Int]] = [:]
        var events: [(CalendarDate, String)] = []
        events.reserveCapacity(4)
        for r in records {
            events.removeAll(keepingCapacity: true)
            dimension.events(r, into: &events)
            for (day, category) in events {
                let m = day.year * 12 + day.month - 1
                guard m >= start, m < end else { continue }
                counts[category, default: Array(repeating: 0, count: periods.count)][(m - start) / width] += 1
            }
        }
        for a in anonymous where a.dimension == dimension {
            let m = a.month.year * 12 + a.month.month - 1
            guard m >= start, m < end else { continue }
            counts[a.category, default: Array(repeating: 0, count: periods.count)][(m - start) / width] += a.count
        }
        if dimension == .nationality { counts = foldRareNationalities(counts) }
        var rows = dimension.orderedCategories(Set(counts.keys))
        if dimension == .nationality {
            // Most frequent first: the point of a top N.
            let special = [ReportDimension.other, ReportDimension.unknown]
            rows = rows.filter { !special.contains($0) }.sorted { (counts[$0]!.reduce(0, +), $1) > (counts[$1]!.reduce(0, +), $0) }
                + special.filter { counts[$0] != nil }
        }
        return ReportTable(id: dimension.rawValue, title: dimension.title, rowHeading: dimension.rowHeading,
                           rows: rows.map { Self.printable(dimension.label($0)) }, columns: periods.map(\.label), counts: rows.map { counts[$0]! })
    }

    /// A category id from a peer's data is shown as it is: without control characters or bidi overrides.
    static func printable(_ s: String) -> String {
        String(String.UnicodeScalarView(s.unicodeScalars.filter { !Validation.isForbidden($0) }).prefix(80))
    }

    /// The most frequent nationalities over the whole range keep a row; the rest add up to "overig".
    private func foldRareNationalities(_ counts: [String: [Int]]) -> [String: [Int]] {
        let ranked = counts.filter { $0.key != ReportDimension.unknown }
            .sorted { ($0.value.reduce(0, +), $1.key) > ($1.value.reduce(0, +), $0.key) }
        guard ranked.count > topNationalities else { return counts }
        var out: [String: [Int]] = [:]
        for (i, (key, row)) in ranked.enumerated() {
            if i < topNationalities { out[key] = row; continue }
            let other = out[ReportDimension.other] ?? Array(repeating: 0, count: row.count)
            out[ReportDimension.other] = zip(other, row).map(+)
        }
        if let unknown = counts[ReportDimension.unknown] { out[ReportDimension.unknown] = unknown }
        return out
    }
}
