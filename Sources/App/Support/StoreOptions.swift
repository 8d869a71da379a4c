import ArgumentParser
import Foundation
import Core

/// Options every store command shares.
struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(L10n.t("help.store"), valueName: "pad"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp(L10n.t("help.passphraseFile"), valueName: "bestand"))
    var passphraseFile: String?

    @Option(name: .long, help: ArgumentHelp(L10n.t("help.lang"), valueName: "nl|en"))
    var lang: String?

    func validate() throws {
        if let lang, Language(rawValue: lang) == nil { throw ValidationError(L10n.t("error.badLanguage")) }
    }

    var location: StoreLocation { StoreLocation.resolve(explicit: store) }

    /// Unlocks the store. Reading commands pass `.read` so they work while the TUI holds the lock.
    func open(_ mode: Store.Mode) throws -> Store {
        let location = self.location
        guard location.exists else { throw SchakelError(.storeMissing, L10n.t("error.storeMissing", location.directory.path)) }
        if mode == .write && StoreLock.isHeld(at: location.lockURL) {
            throw SchakelError(.storeLocked, L10n.t("error.storeLocked"))
        }
        let passphrase = try PassphraseReader(file: passphraseFile).read(prompt: L10n.t("prompt.passphrase"))
        return try Store.open(at: location, passphrase: passphrase, mode: mode, clock: try AppEnvironment.clock())
    }
}

/// Runs a command body and turns a `SchakelError` into one readable line and exit code 1.
func guarded(_ body: () throws -> Void) throws {
    do {
        try body()
    } catch let e as ExitCode {
        throw e
    } catch {
        let e = SchakelError.from(error)
        Output.error(e.message)
        throw ExitCode(e.kind == .storeLocked ? 3 : e.kind == .wrongPassphrase ? 4 : 1)
    }
}
