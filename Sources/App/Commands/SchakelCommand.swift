import ArgumentParser
import Foundation
import Core

struct SchakelCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "schakel",
            abstract: L10n.t("help.schakel.abstract"),
            discussion: L10n.t("help.schakel.discussion"),
            version: SchakelVersion.current,
            subcommands: [OpenCommand.self, InitCommand.self, PasswdCommand.self, CaseCommand.self, CheckCommand.self,
                          ExportCommand.self, MeetingCommand.self, FollowCommand.self, PeerCommand.self, KeyCommand.self, SignalCommand.self, BundleCommand.self, SyncCommand.self,
                          BackupCommand.self, RestoreCommand.self, ConflictCommand.self, ImportCommand.self, ReportCommand.self, RetentionCommand.self,
                          AuditCommand.self, DisclosuresCommand.self, InzageCommand.self, BreachCommand.self, DemoCommand.self, DevCommand.self],
            // `schakel` alone (or with only --store) opens the full-screen interface.
            defaultSubcommand: OpenCommand.self
        )
    }

    // Read before parsing (see main.swift); declared here so `schakel --lang en --help` parses.
    @Option(name: .long, help: ArgumentHelp(L10n.t("help.lang"), valueName: "nl|en"))
    var lang: String?
}

struct OpenCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "open", abstract: L10n.t("help.open.abstract"))
    }

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp(L10n.t("help.open.theme"), valueName: "standaard|licht|hoog-contrast|mono"))
    var theme: String?

    @Flag(help: ArgumentHelp(L10n.t("help.open.noColor")))
    var noColor = false

    @Flag(help: ArgumentHelp(L10n.t("help.open.privacy")))
    var privacy = false

    func run() throws {
        try guarded {
            try OpenUI.run(options: options, flags: .init(theme: theme, noColor: noColor, privacy: privacy))
        }
    }
}
