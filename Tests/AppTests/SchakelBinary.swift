import Foundation

/// Runs the real `schakel` executable, as a user or script would.
struct SchakelBinary {
    static let url: URL = {
        if let env = ProcessInfo.processInfo.environment["SCHAKEL_BIN"] { return URL(fileURLWithPath: env) }
        // The test runner lives in the same build folder as the executable.
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var dir = runner.deletingLastPathComponent()
        while dir.path != "/" {
            let candidate = dir.appendingPathComponent("schakel")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
            dir = dir.deletingLastPathComponent()
        }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent(".build/debug/schakel")
    }()

    struct Result { let status: Int32; let stdout: String; let stderr: String }

    static let baseEnvironment: [String: String] = {
        var env = ProcessInfo.processInfo.environment
        for k in ["SCHAKEL_PASSPHRASE", "SCHAKEL_NEW_PASSPHRASE", "SCHAKEL_STORE", "SCHAKEL_LANG", "SCHAKEL_TODAY", "SWIFT_BACKTRACE"] { env[k] = nil }
        env["SCHAKEL_TODAY"] = "2026-11-22"
        return env
    }()

    @discardableResult
    static func run(_ args: [String], passphrase: String? = nil, stdin: String? = nil, env extra: [String: String] = [:],
                    executable: URL = url) throws -> Result {
        let p = Process()
        p.executableURL = executable
        p.arguments = args
        var env = baseEnvironment
        if let passphrase { env["SCHAKEL_PASSPHRASE"] = passphrase }
        for (k, v) in extra { env[k] = v }
        p.environment = env
        return try collect(p, stdin: stdin)
    }

    /// Runs a prepared process to its end with `stdin` as input, collecting both outputs.
    static func collect(_ p: Process, stdin: String?) throws -> Result {
        let out = Pipe(), err = Pipe(), input = Pipe()
        p.standardOutput = out
        p.standardError = err
        p.standardInput = input
        try p.run()
        if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
        try input.fileHandleForWriting.close()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    static func tempDir() -> URL {
        FileManager.default.temporaryDirectory.appendingPathComponent("schakel-e2e-\(UUID().uuidString)")
    }
}
