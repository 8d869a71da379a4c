import Foundation
import Core

// Before anything personal is in memory: no core dumps, private file modes.
ProcessHardening.apply()
umask(0o077)
L10n.language = AppEnvironment.language(arguments: CommandLine.arguments, environment: ProcessInfo.processInfo.environment)
SchakelCommand.main()
