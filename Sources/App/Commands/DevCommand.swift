import ArgumentParser
import Foundation
import Core

/// Test harnesses that exercise the real store through the real binary. Hidden from help.
struct DevCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "dev", abstract: "Test harnesses (hidden).", shouldDisplay: false,
                             subcommands: [StressWriteCommand.self, AgeEncryptCommand.self, HardeningStateCommand.self, CrashCommand.self])
    }
}

/// Writes numbered notes to one case, one durable transaction each, and prints `ack N`
/// after each commit. The crash-safety test kills it with SIGKILL at random moments and
/// then checks that every acknowledged note is there and `schakel check` passes.
struct StressWriteCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "stress-write") }

    @OptionGroup var options: StoreOptions
    @Argument var code: String
    @Option var count: Int = 1000
    @Option var start: Int = 1

    func run() throws {
        try guarded {
            let (store, id, _) = try options.openCase(code, mode: .write, capability: .writeCases)
            defer { store.close() }
            let day = CalendarDate(store.clock.now())
            for i in start..<(start + count) {
                try store.write { tx in _ = try tx.addNote(id, text: "stress \(i)", on: day) }
                print("ack \(i)")
                fflush(stdout)
            }
        }
    }
}

/// Our age writer on a file, for `make bench` (hyperfine against `age -r` on the same
/// bytes). No fsync, like `age`, so the two do the same work.
struct AgeEncryptCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "age-encrypt") }

    @Option var to: String
    @Option(name: .customLong("in")) var input: String
    @Option var out: String

    func run() throws {
        try guarded {
            let recipient = try AgeX25519Recipient(string: to)
            if out == "-" {
                // To standard output: the benchmark sends both tools to /dev/null, so the disk's
                // noise does not decide the comparison.
                guard let source = FileHandle(forReadingAtPath: input) else { throw SchakelError(.io, L10n.t("error.io")) }
                try AgeEncryptor.encrypt(from: source, to: FileHandle.standardOutput, recipients: [recipient])
            } else {
                try AgeEncryptor.encrypt(input: URL(fileURLWithPath: input), output: URL(fileURLWithPath: out), to: [recipient], durable: false)
            }
        }
    }
}

/// Prints the process protections as the running binary has them (`ProcessHardening`), for
/// the test that checks them in the real program rather than in the test runner.
struct HardeningStateCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "hardening") }

    func run() throws {
        print("core-dumps=\(ProcessHardening.coreDumpsDisabled ? "off" : "on")")
        print("dumpable=\(ProcessHardening.isDumpable ? "yes" : "no")")
        print("crash-reports=\(ProcessHardening.crashReportsSilenced ? "silenced" : "backtracer")")
    }
}

/// Crashes with a synthetic name in the registers, for the test that a crash prints no
/// registers or memory (`ProcessHardening.silenceCrashReports`).
struct CrashCommand: ParsableCommand {
    static var configuration: CommandConfiguration { CommandConfiguration(commandName: "crash") }
    @Argument var text: String

    func run() throws {
        let values = [text]
        // Out of range on purpose: a runtime trap while the text is live.
        print(values[text.utf8.count])
    }
}
