import ArgumentParser
import Foundation
import Core

/// `schakel backup --out FILE`: everything in this store, encrypted to a passphrase (age scrypt).
struct BackupCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "backup", abstract: L10n.t("help.backup.abstract"), discussion: L10n.t("help.backup.discussion"))
    }
    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp(L10n.t("help.export.out"), valueName: "bestand")) var out: String
    @OptionGroup var backup: BackupPassphraseOptions

    func run() throws {
        try guarded {
            let url = try ExplicitExport.resolve(out)
            let store = try options.open(.read)
            defer { store.close() }
            let passphrase = try backup.reader.readNew()
            try PassphrasePolicy.validate(passphrase)
            Output.progress(L10n.t("backup.working"))
            let r = try store.exportBackup(out: url, passphrase: passphrase, workFactor: backup.testOnlyCheapKdf ? 10 : AgeScrypt.defaultWorkFactor)
            Output.line(L10n.t("backup.done", r.events, r.cases, r.blobs, url.path))
        }
    }
}

/// The backup's passphrase (`--backup-passphrase-file`, `SCHAKEL_BACKUP_PASSPHRASE`, or the
/// terminal) and the hidden cheap-KDF flag for tests: shared by `backup` and `restore`.
struct BackupPassphraseOptions: ParsableArguments {
    @Option(help: ArgumentHelp(L10n.t("help.backup.passphraseFile"), valueName: "bestand")) var backupPassphraseFile: String?
    @Flag(help: .hidden) var testOnlyCheapKdf = false

    var reader: PassphraseReader {
        var env: [String: String] = [:]
        if let p = ProcessInfo.processInfo.environment["SCHAKEL_BACKUP_PASSPHRASE"] { env["SCHAKEL_PASSPHRASE"] = p }
        return PassphraseReader(file: backupPassphraseFile, environment: env, prompts: .backup)
    }
}

/// `schakel restore FILE --store NEW`: a new store from a backup, with a new device id.
struct RestoreCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "restore", abstract: L10n.t("help.restore.abstract"), discussion: L10n.t("help.restore.discussion"))
    }
    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp(L10n.t("help.restore.file"), valueName: "bestand")) var file: String
    @OptionGroup var backup: BackupPassphraseOptions

    func run() throws {
        try guarded {
            let url = try ExplicitExport.resolve(file)
            let location = options.location
            guard !location.exists else { throw SchakelError(.storeExists, L10n.t("error.storeExists", location.directory.path)) }
            let backupPassphrase = try backup.reader.read(prompt: L10n.t("prompt.backupPassphrase"))
            let passphrase = try PassphraseReader(file: options.passphraseFile).readNew()
            try PassphrasePolicy.validate(passphrase)
            let kdf = ScryptParameters.forNewStore(testOnlyCheap: backup.testOnlyCheapKdf)
            let (store, r) = try Store.restore(from: url, backupPassphrase: backupPassphrase, at: location, passphrase: passphrase,
                                               kdf: kdf, clock: try AppEnvironment.clock())
            defer { store.close() }
            Output.line(L10n.t("restore.done", r.newEvents, r.cases.count, location.directory.path))
            Output.line(L10n.t("restore.newDevice", String(store.deviceID.uuidString.prefix(8))))
        }
    }
}
