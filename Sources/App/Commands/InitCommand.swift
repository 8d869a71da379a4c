import ArgumentParser
import Foundation
import Core

struct InitCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "init", abstract: L10n.t("help.init.abstract"), discussion: L10n.t("help.init.discussion"))
    }

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp(L10n.t("help.init.role"), valueName: Role.allCases.map(\.rawValue).joined(separator: "|")))
    var role: String = Role.zorgcoordinator.rawValue

    @Option(help: ArgumentHelp(L10n.t("help.init.name")))
    var name: String = ""

    @Option(help: ArgumentHelp(L10n.t("help.init.function")))
    var function: String?

    @Option(help: ArgumentHelp(L10n.t("help.init.organisation")))
    var organisation: String = ""

    @Flag(help: .hidden)
    var testOnlyCheapKdf = false

    func run() throws {
        try guarded {
            guard let role = Role(rawValue: role) else { throw SchakelError(.validation, L10n.t("error.badRole")) }
            let name = try Validation.line(name, field: "name", max: 120)
            let function = try Validation.line(function ?? role.label, field: "function", max: 120)
            let organisation = try Validation.line(organisation, field: "organisation", max: 120)
            let location = options.location
            guard !location.exists else { throw SchakelError(.storeExists, L10n.t("error.storeExists", location.directory.path)) }
            let passphrase = try PassphraseReader(file: options.passphraseFile).readNew()
            try PassphrasePolicy.validate(passphrase)
            let kdf = ScryptParameters.forNewStore(testOnlyCheap: testOnlyCheapKdf)
            let store = try Store.create(at: location, passphrase: passphrase,
                                         options: .init(role: role, userName: name, function: function, organisation: organisation, kdf: kdf),
                                         clock: try AppEnvironment.clock())
            defer { store.close() }
            Output.line(L10n.t("init.done", location.directory.path, role.label))
        }
    }
}

struct PasswdCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "passwd", abstract: L10n.t("help.passwd.abstract"))
    }

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp(L10n.t("help.passwd.newFile"), valueName: "bestand"))
    var newPassphraseFile: String?

    func run() throws {
        try options.withStore(.write) { store in
            // The current passphrase may come from SCHAKEL_PASSPHRASE; the new one from
            // --new-passphrase-file, SCHAKEL_NEW_PASSPHRASE, or the terminal.
            var env = ProcessInfo.processInfo.environment
            env["SCHAKEL_PASSPHRASE"] = env["SCHAKEL_NEW_PASSPHRASE"]
            let new = try PassphraseReader(file: newPassphraseFile, environment: env).readNew()
            try store.changePassphrase(to: new)
            Output.line(L10n.t("passwd.done"))
        }
    }
}
