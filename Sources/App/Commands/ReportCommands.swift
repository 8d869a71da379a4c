import ArgumentParser
import Foundation
import Core

/// `schakel report`: the anonymous figures (aard en omvang), and `report team`.
struct ReportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "report", abstract: L10n.t("help.report.abstract"),
                             subcommands: [ReportFiguresCommand.self, ReportTeamCommand.self], defaultSubcommand: ReportFiguresCommand.self)
    }
}

/// The period length, and the period and output options the insight commands share.
struct ReportOptions: ParsableArguments {
    @Option(name: .customLong("per"), help: ArgumentHelp(L10n.t("help.report.per"), valueName: "maand|kwartaal|jaar"))
    var per: String = ReportGranularity.quarter.rawValue

    @OptionGroup var output: InsightOutputOptions

    /// Checked before the store is opened (no passphrase asked for a typo).
    func validate() throws -> (ReportGranularity, InsightFormat) {
        guard let granularity = ReportGranularity(rawValue: per) else { throw SchakelError(.validation, L10n.t("error.reportPer")) }
        _ = try output.period()
        return (granularity, try output.parsedFormat())
    }

    /// The periods from `--from`/`--to`, or the most recent ones up to today.
    /// Dates become whole periods: said on stderr when the user gave dates, so that a figure
    /// for "15-02 to 20-05" is not read as covering only those days.
    func sayPeriods(_ periods: [ReportPeriod]) {
        guard output.from != nil || output.to != nil, let first = periods.first, let last = periods.last else { return }
        Output.progress(L10n.t("report.periodsUsed", first.firstDay.dutch, last.lastDay.dutch, first.label, last.label))
    }

    func periods(_ granularity: ReportGranularity, today: CalendarDate) throws -> [ReportPeriod] {
        let (from, to) = try output.period()
        guard from != nil || to != nil else { return ReportPeriod.recent(granularity, today: today) }
        // Nothing is counted after today: a later end would only add empty periods.
        let end = min(to ?? today, today)
        let start = from ?? ReportPeriod.recent(granularity, today: end).first!.firstDay
        guard start <= end else { throw SchakelError(.validation, L10n.t("error.reportRange")) }
        let periods = ReportPeriod.range(from: start, to: end, granularity)
        guard periods.count <= 120 else { throw SchakelError(.validation, L10n.t("error.reportTooManyPeriods", 120)) }
        return periods
    }
}

struct ReportFiguresCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "figures", abstract: L10n.t("help.reportFigures.abstract"),
                             discussion: L10n.t("help.reportFigures.discussion", ReportDimension.allCases.map(\.rawValue).joined(separator: ", ")))
    }

    @OptionGroup var options: StoreOptions
    @OptionGroup var report: ReportOptions

    @Option(help: ArgumentHelp(L10n.t("help.reportFigures.by"), valueName: "dimensie,..."))
    var by: String?

    @Option(help: ArgumentHelp(L10n.t("help.reportFigures.threshold"), valueName: "n"))
    var threshold: Int = SmallCellSuppression.defaultThreshold

    @Option(help: ArgumentHelp(L10n.t("help.reportFigures.top"), valueName: "n"))
    var top: Int = 5

    func run() throws {
        try guarded {
            let (granularity, format) = try report.validate()
            let dimensions = try by.map(Self.dimensions) ?? ReportDimension.allCases
            // The threshold can be raised, never lowered below the default: it protects people.
            guard (SmallCellSuppression.defaultThreshold...100).contains(threshold) else {
                throw SchakelError(.validation, L10n.t("error.reportThreshold", SmallCellSuppression.defaultThreshold))
            }
            guard (1...50).contains(top) else { throw SchakelError(.validation, L10n.t("error.reportTop")) }
            let target = try report.output.target()
            try options.withStore(.read) { store in
                try store.role.require(.reports)
                let periods = try report.periods(granularity, today: CalendarDate(store.clock.now()))
                report.sayPeriods(periods)
                let records = try store.summaries().map(ReportRecord.init)
                let result = ReportBuilder(periods: periods, dimensions: dimensions, threshold: threshold, topNationalities: top)
                    .build(records, anonymous: try store.anonymousCounts())
                let detail = "figures \(format.rawValue) \(periods.first!.label)..\(periods.last!.label)"
                let labels = ReportTableExport.Labels.localized()
                switch format {
                case .csv, .csvNL:
                    try report.output.deliver(result.csv(options: report.output.csvOptions(format), labels: labels), to: target, written: "report.written", store: store, action: "report-exported", detail: detail)
                case .md:
                    // Demo figures must never pass for real ones.
                    let text = (store.isDemo ? "> " + L10n.t("demo.banner") + "\n\n" : "") + result.markdown(labels: labels)
                    try report.output.deliver(Data(text.utf8), to: target, written: "report.written", store: store, action: "report-exported", detail: detail)
                case .tabel:
                    Output.demoBanner(store)
                    for t in result.tables {
                        Output.line(t.table.title)
                        let rows = t.table.rows.enumerated().map { i, label in [label] + t.cells[i].map(t.text) + [t.text(t.rowTotals[i])] }
                            + [[labels.total] + t.columnTotals.map(t.text) + [t.text(t.grandTotal)]]
                        Output.table([t.table.rowHeading] + t.table.columns + [labels.total], rows, rightAlignedFrom: 1)
                        Output.line()
                    }
                    Output.line(labels.legendSmall(threshold))
                    Output.line(labels.legendHidden)
                }
                for title in result.withheld { Output.progress(L10n.t("report.withheld", title)) }
            }
        }
    }

    static func dimensions(_ text: String) throws -> [ReportDimension] {
        try text.split(separator: ",").map { part in
            let name = part.trimmingCharacters(in: .whitespaces)
            guard let d = ReportDimension(rawValue: name) else {
                throw SchakelError(.validation, L10n.t("error.reportDimension", name, ReportDimension.allCases.map(\.rawValue).joined(separator: ", ")))
            }
            return d
        }
    }
}

struct ReportTeamCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "team", abstract: L10n.t("help.reportTeam.abstract"), discussion: L10n.t("help.reportTeam.discussion"))
    }

    @OptionGroup var options: StoreOptions
    @OptionGroup var report: ReportOptions

    func run() throws {
        try guarded {
            let (granularity, format) = try report.validate()
            let target = try report.output.target()
            try options.withStore(.read) { store in
                // Team figures carry facts about clients (minors, waiting days): for those who read cases.
                try store.role.require(.readCases)
                let today = CalendarDate(store.clock.now())
                let periods = try report.periods(granularity, today: today)
                report.sayPeriods(periods)
                let summaries = try store.summaries()
                let holder = CaseHolder(absences: try store.records(Absence.self), summaries: Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, $0) }), on: today)
                let figures = TeamFigures.compute(summaries, holder: holder, today: today, window: periods.first!.firstDay...periods.last!.lastDay)
                var names: [UUID: String] = [:]
                for r in figures.rows { names[r.user] = try store.user(r.user)?.name ?? L10n.t("report.team.unknownUser") }
                let rows = figures.textRows { names[$0] ?? "" }
                let detail = "team \(format.rawValue)"
                switch format {
                case .csv, .csvNL: try report.output.deliver(CSV.write(rows, options: report.output.csvOptions(format)), to: target, written: "report.written", store: store, action: "report-exported", detail: detail)
                case .md: try report.output.deliver(Data(((store.isDemo ? "> " + L10n.t("demo.banner") + "\n\n" : "") + MarkdownTable.render(rows)).utf8), to: target, written: "report.written", store: store, action: "report-exported", detail: detail)
                case .tabel:
                    Output.demoBanner(store)
                    Output.table(rows[0], Array(rows.dropFirst()), rightAlignedFrom: 1)
                }
            }
        }
    }
}
