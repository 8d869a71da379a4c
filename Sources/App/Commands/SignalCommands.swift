import ArgumentParser
import Foundation
import Core

/// `schakel signal template|import`: signals from outside Schakel, as files encrypted with
/// any age tool to this store's key (issue 8).
struct SignalCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "signal", abstract: L10n.t("help.signal.abstract"), discussion: L10n.t("help.signal.discussion"),
                             subcommands: [SignalTemplateCommand.self, SignalImportCommand.self])
    }
}

struct SignalTemplateCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "template", abstract: L10n.t("help.signalTemplate.abstract"))
    }
    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp(L10n.t("help.export.out"), valueName: "bestand")) var out: String?

    func run() throws {
        try options.withStore(.write) { store in
            try Output.deliver(OutsideSignal.template(recipient: try store.agreementIdentity().recipient.string), to: out,
                               written: "outside.templateWritten")
        }
    }
}

struct SignalImportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "import", abstract: L10n.t("help.signalImport.abstract"), discussion: L10n.t("help.signalImport.discussion"))
    }
    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp(L10n.t("help.signalImport.files"), valueName: "bestand")) var files: [String]

    func run() throws {
        try options.withStore(.write) { store in
            try store.role.require(.writeCases)
            try Output.eachFile(files) { path in
                let data = try ExplicitExport.read(try ExplicitExport.resolve(path), maxBytes: 1_048_576)
                let result = try store.importOutsideSignal(data)
                var line = L10n.t("outside.imported", URL(fileURLWithPath: path).lastPathComponent, result.code.description)
                if !result.possibleDuplicates.isEmpty {
                    line += " " + L10n.t("outside.possibleDuplicates", result.possibleDuplicates.map(\.description).joined(separator: ", "))
                }
                Output.progress(line)
            }
        }
    }
}
