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
    /// Runs a command's work with the store open (and closed after), errors reported as
    /// `guarded` reports them: what nearly every command does.
    func withStore(_ mode: Store.Mode, _ body: (Store) throws -> Void) throws {
        try guarded {
            let store = try open(mode)
            defer { store.close() }
            try body(store)
        }
    }

    func open(_ mode: Store.Mode) throws -> Store {
        let location = self.location
        guard location.exists else { throw SchakelError(.storeMissing, L10n.t("error.storeMissing", location.directory.path)) }
        if mode == .write && StoreLock.isHeld(at: location.lockURL) {
            throw SchakelError(.storeLocked, L10n.t("error.storeLocked"))
        }
        let passphrase = try PassphraseReader(file: passphraseFile).read(prompt: L10n.t("prompt.passphrase"))
        // After wrong passphrases (in any process) the check waits a growing time: say so, not a silent hang.
        let throttle = UnlockThrottle.Policy.wait { Output.progress(L10n.t("unlock.waitCommand", Int($0.rounded(.up)))) }
        return try Store.open(at: location, passphrase: passphrase, mode: mode, clock: try AppEnvironment.clock(), throttle: throttle)
    }
}

extension StoreOptions {
    /// Unlocks the store, checks the role may do `capability`, and finds the case by code.
    /// The caller closes the store.
    func openCase(_ codeText: String, mode: Store.Mode, capability: Capability) throws -> (store: Store, id: UUID, code: CaseCode) {
        guard let code = CaseCode(codeText) else { throw SchakelError(.validation, L10n.t("error.badCode")) }
        let store = try open(mode)
        do {
            try store.role.require(capability)
            guard let id = try store.caseID(code: code) else { throw SchakelError(.notFound, L10n.t("error.caseNotFound")) }
            return (store, id, code)
        } catch {
            store.close()
            throw error
        }
    }
}

extension ScryptParameters {
    /// A new store's scrypt cost: calibrated on this machine (said on stderr), or the cheap
    /// test-only setting behind the hidden flag.
    static func forNewStore(testOnlyCheap: Bool) -> ScryptParameters {
        if testOnlyCheap { return .testOnlyCheap }
        Output.progress(L10n.t("init.calibrating"))
        return .calibrated()
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
