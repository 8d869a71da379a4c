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

/// The period and output options both reports share.
struct ReportOptions: ParsableArguments {
    @Option(name: .customLong("per"), help: ArgumentHelp(L10n.t("help.report.per"), valueName: "maand|kwartaal|jaar"))
    var per: String = ReportGranularity.quarter.rawValue

    @Option(help: ArgumentHelp(L10n.t("help.report.from"), valueName: "dd-mm-jjjj"))
    var from: String?

    @Option(help: ArgumentHelp(L10n.t("help.report.to"), valueName: "dd-mm-jjjj"))
    var to: String?

    @Option(help: ArgumentHelp(L10n.t("help.report.format"), valueName: "tabel|csv|csv-nl|md"))
    var format: String = "tabel"

    @Flag(help: ArgumentHelp(L10n.t("help.export.bom")))
    var bom = false

    @Option(help: ArgumentHelp(L10n.t("help.export.out"), valueName: "bestand"))
    var out: String?

    func periods(today: CalendarDate) throws -> [ReportPeriod] {
        guard let granularity = ReportGranularity(rawValue: per) else { throw SchakelError(.validation, L10n.t("error.reportPer")) }
        let fromDate = try from.map { try Validation.date($0, field: "date") }
        let toDate = try to.map { try Validation.date($0, field: "date") }
        switch (fromDate, toDate) {
        case (nil, nil): return ReportPeriod.recent(granularity, today: today)
        case let (f, t):
            let end = t ?? today
            let start = f ?? ReportPeriod.recent(granularity, today: end).first!.firstDay
            guard start <= end else { throw SchakelError(.validation, L10n.t("error.reportRange")) }
            let periods = ReportPeriod.range(from: start, to: end, granularity)
            guard periods.count <= 120 else { throw SchakelError(.validation, L10n.t("error.reportTooManyPeriods", 120)) }
            return periods
        }
    }

    func checkFormat() throws {
        guard ["tabel", "table", "csv", "csv-nl", "md"].contains(format) else { throw SchakelError(.validation, L10n.t("error.reportFormat")) }
    }

    func csvOptions() -> CSV.Options { CSV.Options(separator: format == "csv-nl" ? ";" : ",", byteOrderMark: bom) }
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
            try report.checkFormat()
            let dimensions = try by.map(Self.dimensions) ?? ReportDimension.allCases
            guard (2...100).contains(threshold) else { throw SchakelError(.validation, L10n.t("error.reportThreshold")) }
            guard (1...50).contains(top) else { throw SchakelError(.validation, L10n.t("error.reportTop")) }
            try ExportFile.checkFree(report.out)
            try options.withStore(.read) { store in
                try store.role.require(.reports)
                let periods = try report.periods(today: CalendarDate(store.clock.now()))
                let records = try store.reportRecords(summaries: try store.summaries())
                let result = ReportBuilder(periods: periods, dimensions: dimensions, threshold: threshold, topNationalities: top).build(records)
                try ReportOutput.write(result.tables, report: report)
                for title in result.withheld { Output.progress(L10n.t("report.withheld", title)) }
                if report.out != nil { try store.recordAudit(AuditEntry(at: store.clock.now(), user: store.userID, action: "report-exported",
                                                                         caseID: nil, detail: "\(report.format) \(periods.first!.label)..\(periods.last!.label)")) }
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
            try report.checkFormat()
            try ExportFile.checkFree(report.out)
            try options.withStore(.read) { store in
                try store.role.require(.reports)
                let today = CalendarDate(store.clock.now())
                let periods = try report.periods(today: today)
                let summaries = try store.summaries()
                let holder = CaseHolder(absences: try store.records(Absence.self), summaries: Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, $0) }), on: today)
                let figures = TeamFigures.compute(summaries, holder: holder, today: today, window: periods.first!.firstDay...periods.last!.lastDay)
                var names: [UUID: String] = [:]
                for r in figures.rows { names[r.user] = try store.user(r.user)?.name ?? L10n.t("report.team.unknownUser") }
                let rows = figures.textRows { names[$0] ?? "" }
                switch report.format {
                case "csv", "csv-nl": try ExportFile.write(CSV.write(rows, options: report.csvOptions()), to: report.out)
                case "md": try ExportFile.write(Data(MarkdownTable.render(rows).utf8), to: report.out)
                default: try ExportFile.write(Data(PlainTable.render(rows).utf8), to: report.out)
                }
            }
        }
    }
}

/// Where a figures report goes: the terminal (aligned), CSV or Markdown.
enum ReportOutput {
    static func write(_ tables: [SuppressedTable], report: ReportOptions) throws {
        let labels = ReportTableExport.Labels.localized()
        switch report.format {
        case "csv", "csv-nl": try ExportFile.write(ReportTableExport.csv(tables, options: report.csvOptions(), labels: labels), to: report.out)
        case "md": try ExportFile.write(Data(ReportTableExport.markdown(tables, labels: labels).utf8), to: report.out)
        default:
            var text = ""
            for t in tables {
                text += "\(t.table.title)\n"
                var rows = [[t.table.rowHeading] + t.table.columns + [labels.total]]
                for (i, label) in t.table.rows.enumerated() { rows.append([label] + t.cells[i].map(t.text) + [t.text(t.rowTotals[i])]) }
                rows.append([labels.total] + t.columnTotals.map(t.text) + [t.text(t.grandTotal)])
                text += PlainTable.render(rows, rightAlignedFrom: 1) + "\n"
            }
            text += "\(labels.legendSmall(tables.first?.threshold ?? SmallCellSuppression.defaultThreshold))\n\(labels.legendHidden)\n"
            try ExportFile.write(Data(text.utf8), to: report.out)
        }
    }
}

/// Columns padded to their widest cell; numbers right-aligned.
enum PlainTable {
    static func render(_ rows: [[String]], rightAlignedFrom: Int = 1) -> String {
        let clean = rows.map { $0.map(Sanitize.forTerminal) }
        let widths = (0..<(clean.map(\.count).max() ?? 0)).map { c in clean.map { c < $0.count ? $0[c].count : 0 }.max() ?? 0 }
        return clean.map { row in
            row.enumerated().map { c, cell in
                let pad = String(repeating: " ", count: widths[c] - cell.count)
                return c >= rightAlignedFrom ? pad + cell : cell + pad
            }.joined(separator: "  ").replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }
}
