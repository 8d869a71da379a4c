import Foundation
import ArgumentParser
import Core

// Before anything personal is in memory: no core dumps, private file modes.
ProcessHardening.apply()
umask(0o077)
L10n.language = AppEnvironment.language(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)

// As `SchakelCommand.main()`, except that the parser's messages pass the terminal sanitiser:
// they echo what was typed ("unknown option '…'"), which can hold escape sequences.
do {
    var command = try SchakelCommand.parseAsRoot()
    try command.run()
} catch {
    let code = SchakelCommand.exitCode(for: error)
    let message = SchakelCommand.fullMessage(for: error)
    if !message.isEmpty {
        if code == .success {
            // Help, version and the parser's JSON dump (`--experimental-dump-help`, which
            // `make dist` turns into the man page): the program's own text, however long.
            print(Sanitize.forTerminal(message, unbounded: true))
        } else {
            FileHandle.standardError.write(Data((Sanitize.forTerminal(message) + "\n").utf8))
        }
    }
    exit(code.rawValue)
}
