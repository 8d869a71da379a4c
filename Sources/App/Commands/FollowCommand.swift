import ArgumentParser
import Foundation
import Core

/// `schakel follow`: the follower window for the projector during a casusoverleg. It
/// shows only the item the chair's meeting mode is on, de-identified.
struct FollowCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "follow", abstract: L10n.t("help.follow.abstract"), discussion: L10n.t("help.follow.discussion"))
    }

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp(L10n.t("help.open.theme"), valueName: "licht|hoog-contrast"))
    var theme: String?

    func run() throws {
        try guarded {
            try OpenUI.run(options: options, flags: .init(theme: theme, privacy: true, follower: true))
        }
    }
}
