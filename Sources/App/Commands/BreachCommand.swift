import ArgumentParser
import Foundation
import Core

/// `schakel datalek DEVICE`: what a lost or stolen laptop held, for the register of data
/// breaches and the notification to the Autoriteit Persoonsgegevens (docs/SECURITY.md,
/// "Lost laptop"). Codes only; the making of the report is in the audit log.
struct BreachCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "datalek", abstract: L10n.t("help.breach.abstract"), discussion: L10n.t("help.breach.discussion"))
    }

    @OptionGroup var options: StoreOptions

    @Argument(help: ArgumentHelp(L10n.t("help.breach.device"), valueName: "apparaat"))
    var device: String

    @Option(help: ArgumentHelp(L10n.t("help.breach.discovered"), valueName: "jjjj-mm-dd uu:mm"))
    var discovered: String?

    @Option(help: ArgumentHelp(L10n.t("help.export.out"), valueName: "bestand.md"))
    var out: String?

    func run() throws {
        try options.withStore(.write) { store in
            let now = store.clock.now()
            var when = now
            if let discovered {
                guard let t = BreachReport.parseTime(discovered), t <= now.addingTimeInterval(60),
                      t >= now.addingTimeInterval(-5 * 365 * 86400) else {
                    throw SchakelError(.validation, L10n.t("breach.error.discovered"))
                }
                when = t
            }
            let report = try store.breachReport(device: try store.breachDevice(device), discovered: when)
            try Output.deliver(report.markdown, to: out, written: "breach.written")
            if report.revokedAt == nil && report.deviceName != nil {
                Output.error(L10n.t("breach.line.notRevoked", String(report.device.uuidString.prefix(8))))
            }
        }
    }
}
