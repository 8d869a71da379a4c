import ArgumentParser
import Foundation
import Core

struct CheckCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "check", abstract: L10n.t("help.check.abstract"), discussion: L10n.t("help.check.discussion"))
    }

    @OptionGroup var options: StoreOptions

    func run() throws {
        try options.withStore(.read) { store in
            let report = try store.check()
            Output.demoBanner(store)
            Output.line(L10n.t("check.summary", report.events, report.devices, report.cases, report.auditEntries))
            if report.ok {
                Output.line(L10n.t("check.ok"))
            } else {
                for p in report.problems { Output.error(p) }
                throw ExitCode(2)
            }
        }
    }
}
