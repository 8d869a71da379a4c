import ArgumentParser
import Foundation
import Core

struct ExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "export", abstract: L10n.t("help.export.abstract"), subcommands: [ExportComenshaCommand.self])
    }
}

struct ExportComenshaCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "comensha", abstract: L10n.t("help.exportComensha.abstract"),
                             discussion: L10n.t("help.exportComensha.discussion"))
    }

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp(L10n.t("help.exportComensha.status"), valueName: "te-melden|gemeld|alle"))
    var status: String = ComenshaExport.Selection.toReport.rawValue

    @Option(help: ArgumentHelp(L10n.t("help.export.from"), valueName: "dd-mm-jjjj"))
    var from: String?

    @Option(help: ArgumentHelp(L10n.t("help.export.to"), valueName: "dd-mm-jjjj"))
    var to: String?

    @Option(help: ArgumentHelp(L10n.t("help.export.out"), valueName: "bestand"))
    var out: String?

    @Flag(help: ArgumentHelp(L10n.t("help.export.semicolon")))
    var semicolon = false

    @Flag(help: ArgumentHelp(L10n.t("help.export.bom")))
    var bom = false

    @Flag(help: ArgumentHelp(L10n.t("help.exportComensha.markReported")))
    var markReported = false

    @Flag(help: ArgumentHelp(L10n.t("help.exportComensha.withMyName")))
    var withMyName = false

    func run() throws {
        try guarded {
            guard let selection = ComenshaExport.Selection(rawValue: status) else { throw SchakelError(.validation, L10n.t("error.badStatus")) }
            let fromDate = try from.map { try Validation.date($0, field: "date") }
            let toDate = try to.map { try Validation.date($0, field: "date") }
            let store = try options.open(.write)
            defer { store.close() }
            try store.role.require(.writeCases)
            let export = ComenshaExport(store: store)
            let result = try export.build(selection: selection, from: fromDate, to: toDate, withMyName: withMyName)
            let data = CSV.write(result.rows, options: .init(separator: semicolon ? ";" : ",", byteOrderMark: bom))
            // Record the disclosure before the data leaves: a record without a file is safer than the reverse.
            try ExportFile.checkFree(out)
            try export.record(result, markReported: markReported, on: CalendarDate(store.clock.now()))
            try ExportFile.write(data, to: out)
            Output.progress(L10n.t("exportComensha.done", result.caseIDs.count) + (store.isDemo ? " (DEMO)" : ""))
        }
    }
}

/// Exports go to a file created with owner-only permissions, or to standard output.
enum ExportFile {
    static func checkFree(_ path: String?) throws {
        if let path, FileManager.default.fileExists(atPath: path) { throw SchakelError(.storeExists, L10n.t("error.fileExists")) }
    }

    static func write(_ data: Data, to path: String?) throws {
        guard let path else { try Output.fileFormat(data); return }
        let url = URL(fileURLWithPath: path)
        guard !FileManager.default.fileExists(atPath: url.path) else { throw SchakelError(.storeExists, L10n.t("error.fileExists")) }
        guard FileManager.default.createFile(atPath: url.path, contents: data, attributes: [.posixPermissions: 0o600]) else {
            throw SchakelError(.io, L10n.t("error.io"))
        }
    }
}

struct ImportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "import", abstract: L10n.t("help.import.abstract"), subcommands: [ImportCaseloadCommand.self])
    }
}

struct ImportCaseloadCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "caseload", abstract: L10n.t("help.importCaseload.abstract"),
                             discussion: L10n.t("help.importCaseload.discussion", CaseloadImport.Field.allCases.map(\.rawValue).joined(separator: ", ")))
    }

    @OptionGroup var options: StoreOptions

    @Argument(help: ArgumentHelp(L10n.t("help.importCaseload.file"), valueName: "bestand.csv"))
    var file: String

    @Option(name: .customLong("map"), help: ArgumentHelp(L10n.t("help.importCaseload.map"), valueName: "kolom=veld"))
    var mappings: [String] = []

    @Flag(help: ArgumentHelp(L10n.t("help.importCaseload.dryRun")))
    var dryRun = false

    @Option(help: ArgumentHelp(L10n.t("help.importCaseload.region"), valueName: "regio"))
    var region: String = "haaglanden"

    @Flag(help: ArgumentHelp(L10n.t("help.importCaseload.allowDuplicates")))
    var allowDuplicates = false

    func run() throws {
        try guarded {
            var overrides: [String: CaseloadImport.Field] = [:]
            for m in mappings {
                let parts = m.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                guard parts.count == 2, let field = CaseloadImport.Field(rawValue: parts[1]) else {
                    throw SchakelError(.validation, L10n.t("error.badMapping"))
                }
                overrides[parts[0]] = field
            }
            guard ReferenceData.shared.region(region) != nil else { throw SchakelError(.validation, L10n.t("error.badRegion")) }
            let attributes = try? FileManager.default.attributesOfItem(atPath: file)
            guard let size = attributes?[.size] as? Int, let data = FileManager.default.contents(atPath: file) else {
                throw SchakelError(.io, L10n.t("error.fileUnreadable"))
            }
            guard size <= 50 * 1024 * 1024 else { throw SchakelError(.validation, L10n.t("error.fileTooLarge")) }
            let store = try options.open(dryRun ? .read : .write)
            defer { store.close() }
            try store.role.require(.writeCases)
            let importer = CaseloadImport(coordinator: store.userID, region: region, today: CalendarDate(store.clock.now()))
            let plan = try importer.plan(data, overrides: overrides, existing: try store.summaries(), allowDuplicates: allowDuplicates)
            Output.line(L10n.t("import.mapping", plan.mapping.sorted { $0.key < $1.key }.map { "\($0.value.rawValue)" }.joined(separator: ", ")))
            if !plan.ignoredColumns.isEmpty { Output.line(L10n.t("import.ignored", plan.ignoredColumns.joined(separator: ", "))) }
            for r in plan.rejected { Output.line(L10n.t("import.rejectedRow", r.line, r.reasons.joined(separator: "; "))) }
            if dryRun {
                Output.line(L10n.t("import.dryRunSummary", plan.accepted.count, plan.rejected.count))
            } else {
                let codes = try importer.apply(plan, to: store)
                Output.line(L10n.t("import.doneSummary", codes.count, plan.rejected.count))
            }
        }
    }
}
