import Foundation
import Core
#if canImport(Glibc)
import Glibc
#endif

/// Where a passphrase comes from: a file (`--passphrase-file`), `SCHAKEL_PASSPHRASE`, or
/// the terminal with echo off. Never from a plain command-line argument: shell history
/// and the process list would keep it.
struct PassphraseReader {
    var file: String?
    var environment: [String: String] = ProcessInfo.processInfo.environment
    /// Which passphrase a new one is asked for: the store's, or a backup's.
    enum Prompts { case store, backup }
    var prompts: Prompts = .store

    func read(prompt: String) throws -> String {
        if let file {
            guard let data = FileManager.default.contents(atPath: file), let text = String(data: data, encoding: .utf8) else {
                throw SchakelError(.io, L10n.t("error.passphraseFile"))
            }
            // First line; a file saved on Windows ends its lines in CR LF.
            var line = String(text.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
            if line.hasSuffix("\r") { line.removeLast() }
            return line
        }
        if let env = environment["SCHAKEL_PASSPHRASE"] { return env }
        guard isatty(STDIN_FILENO) == 1 || FileManager.default.isReadableFile(atPath: "/dev/tty") else {
            throw SchakelError(.validation, L10n.t("error.noPassphrase"))
        }
        guard let raw = getpass(prompt) else { throw SchakelError(.validation, L10n.t("error.noPassphrase")) }
        return String(cString: raw)
    }

    /// For a new passphrase: asked twice at the terminal.
    func readNew() throws -> String {
        // Typed at a terminal: the one moment to say what makes a passphrase strong (SECURITY.md).
        if file == nil && environment["SCHAKEL_PASSPHRASE"] == nil { Output.progress(L10n.t("passphrase.advice")) }
        let first = try read(prompt: L10n.t(prompts == .store ? "prompt.newPassphrase" : "prompt.newBackupPassphrase"))
        if file == nil && environment["SCHAKEL_PASSPHRASE"] == nil {
            let second = try read(prompt: L10n.t(prompts == .store ? "prompt.repeatPassphrase" : "prompt.repeatBackupPassphrase"))
            guard first == second else { throw SchakelError(.validation, L10n.t("error.passphraseMismatch")) }
        }
        return first
    }
}
