import Foundation
import Core
import TUI

/// `schakel` without a subcommand: the full-screen interface on the store.
enum OpenUI {
    struct Flags {
        var theme: String?
        var noColor = false
        var privacy = false
        /// The follower window for the projector (`schakel follow`): reads the store, never writes.
        var follower = false
    }

    static func run(options: StoreOptions, flags: Flags) throws {
        let location = options.location
        guard location.exists else {
            throw SchakelError(.storeMissing, L10n.t("error.storeMissingHint", location.directory.path))
        }
        // Refuse before taking over the screen: a second window on the same store is an error
        // (a follower window only reads, next to the chair's).
        guard flags.follower || !StoreLock.isHeld(at: location.lockURL) else { throw SchakelError(.storeLocked, L10n.t("error.storeLocked")) }
        let env = ProcessInfo.processInfo.environment
        let config = ShellConfig.load(from: ShellConfig.defaultURL(environment: env))
        if let lang = config.language, options.lang == nil, env["SCHAKEL_LANG"] == nil { L10n.language = lang }
        let clock = try AppEnvironment.clock()
        let themesDir = ThemeLoader.locateDirectory(environment: env, executablePath: ExecutableLocation.path,
                                                    currentDirectory: FileManager.default.currentDirectoryPath)
        // Documents opened by a run that crashed: their memory-backed folders go now.
        RuntimeFolder.removeStale()
        let backend = NCursesBackend()
        var shellOptions = Shell.Options(
            themes: themesDir.map(ThemeLoader.init(directory:)), themeName: flags.theme ?? config.theme ?? ThemeLoader.defaultThemeID,
            tier: nil, noColor: flags.noColor, unicode: GlyphSupport.unicodeGlyphsUsable(environment: env),
            autoLock: .seconds(config.autoLockMinutes * 60), layout: config.layout,
            privacy: flags.privacy || config.privacy, storeLabel: location.directory.lastPathComponent,
            isDemo: Store.isDemoStore(at: location), config: config)
        if themesDir == nil { shellOptions.config.problems.append(L10n.t("ui.noThemes")) }
        shellOptions.follower = flags.follower
        if flags.follower { shellOptions.storeLabel = L10n.t("follower.label") }
        let shell = Shell(backend: backend, options: shellOptions) { passphrase in
            let store = try Store.open(at: location, passphrase: passphrase, mode: flags.follower ? .read : .write, clock: clock,
                                   throttle: .refuse)
            return try Workspace(store: store)
        }
        do {
            try shell.run()
        } catch let e as TerminalError {
            // ncurses' own words are English and technical: say what to do instead.
            throw SchakelError(.io, L10n.t("error.terminal", env["TERM"] ?? "", e.message))
        }
        shell.lock()
    }
}
