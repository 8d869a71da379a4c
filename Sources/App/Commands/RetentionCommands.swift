import ArgumentParser
import Foundation
import Core

/// `schakel retention`: the worklist of closed cases past their retention period, the
/// periods themselves, and anonymising a case (erasing it while the figures keep counting it).
struct RetentionCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "retention", abstract: L10n.t("help.retention.abstract"),
                             subcommands: [RetentionListCommand.self, RetentionSetCommand.self, RetentionAnonymiseCommand.self],
                             defaultSubcommand: RetentionListCommand.self)
    }
}

struct RetentionListCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: L10n.t("help.retentionList.abstract"))
    }
    @OptionGroup var options: StoreOptions

    func run() throws {
        try options.withStore(.read) { store in
            try store.role.require(.readCaseList)
            let policy = try store.retentionPolicy()
            Output.demoBanner(store)
            Output.line(L10n.t("retention.policy", policy.minorYears, policy.adultYears))
            let items = Store.retentionWorklist(try store.summaries(), policy: policy, today: CalendarDate(store.clock.now()))
            guard !items.isEmpty else { Output.line(L10n.t("retention.none")); return }
            Output.table(["code", "closed", "due", "track"].map { L10n.t("retention.column.\($0)") },
                         items.map { [$0.code.description, $0.closedOn.dutch, $0.dueOn.dutch, $0.minor ? "18-" : "18+"] })
            Output.line(L10n.t("retention.count", items.count))
        }
    }
}

struct RetentionSetCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "set", abstract: L10n.t("help.retentionSet.abstract"))
    }
    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp(L10n.t("help.retentionSet.minor"), valueName: "jaren")) var minor: Int?
    @Option(help: ArgumentHelp(L10n.t("help.retentionSet.adult"), valueName: "jaren")) var adult: Int?

    func run() throws {
        try options.withStore(.write) { store in
            var policy = try store.retentionPolicy()
            guard minor != nil || adult != nil else { throw SchakelError(.validation, L10n.t("error.retentionNothing")) }
            if let minor { policy.minorYears = minor }
            if let adult { policy.adultYears = adult }
            try store.setRetentionPolicy(policy)
            Output.line(L10n.t("retention.policy", policy.minorYears, policy.adultYears))
        }
    }
}

struct RetentionAnonymiseCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "anonymise", abstract: L10n.t("help.retentionAnonymise.abstract"),
                             discussion: L10n.t("help.retentionAnonymise.discussion"))
    }
    @OptionGroup var target: IrreversibleCaseAction

    func run() throws {
        try target.run(prompt: "retention.anonymisePrompt", done: "retention.anonymised") { store, id in try store.anonymiseCase(id) }
    }
}
