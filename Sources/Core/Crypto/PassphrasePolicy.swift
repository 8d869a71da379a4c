import Foundation

/// Rules a new passphrase must meet. Length is what resists offline guessing
/// of a copied store; composition rules only make people write it down.
public enum PassphrasePolicy {
    public static let minimumLength = 12
    public static let maximumLength = 1024

    public static func validate(_ passphrase: String) throws {
        let count = passphrase.count
        guard count >= minimumLength else {
            throw SchakelError(.weakPassphrase, L10n.t("error.passphraseTooShort", minimumLength))
        }
        guard count <= maximumLength else {
            throw SchakelError(.weakPassphrase, L10n.t("error.passphraseTooLong", maximumLength))
        }
        guard Set(passphrase).count >= 4 else {
            throw SchakelError(.weakPassphrase, L10n.t("error.passphraseRepetitive"))
        }
    }
}
