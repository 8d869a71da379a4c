import Foundation
import Core

/// `schakel` without a subcommand: the full-screen interface.
enum OpenUI {
    static func run(options: StoreOptions) throws {
        let location = options.location
        guard location.exists else {
            throw SchakelError(.storeMissing, L10n.t("error.storeMissingHint", location.directory.path))
        }
        throw SchakelError(.notAllowed, L10n.t("ui.notYet"))
    }
}
