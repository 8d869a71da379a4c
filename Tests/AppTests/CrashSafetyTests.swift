import Foundation
import Testing
import Core

/// One writer at a time, and `kill -9` in the middle of writing loses no acknowledged write.
@Suite(.serialized) struct CrashSafetyTests {
    /// Its own demo store: the writers here must not collide with other suites' commands.
    static let demoDir: URL = {
        let dir = SchakelBinary.tempDir()
        _ = try? SchakelBinary.run(["demo", "--store", dir.path, "--test-only-cheap-kdf"])
        return dir
    }()

    /// Starts `schakel dev stress-write` and returns the process and a reader of its acks.
    final class Writer {
        let process = Process()
        let out = Pipe()
        private(set) var acked: [Int] = []
        private var buffer = ""

        init(store: String, code: String, start: Int) throws {
            process.executableURL = SchakelBinary.url
            process.arguments = ["dev", "stress-write", code, "--store", store, "--start", "\(start)", "--count", "100000"]
            var env = SchakelBinary.baseEnvironment
            env["SCHAKEL_PASSPHRASE"] = "demo"
            process.environment = env
            process.standardOutput = out
            process.standardError = FileHandle.nullDevice
            try process.run()
        }

        /// Reads acknowledgements until at least `count` have arrived.
        func waitForAcks(_ count: Int) {
            while acked.count < count {
                let data = out.fileHandleForReading.availableData
                if data.isEmpty { return }
                buffer += String(decoding: data, as: UTF8.self)
                while let nl = buffer.firstIndex(of: "\n") {
                    let line = buffer[..<nl]
                    buffer.removeSubrange(...nl)
                    if line.hasPrefix("ack "), let n = Int(line.dropFirst(4)) { acked.append(n) }
                }
            }
        }

        func kill9() {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
            // Whatever was acknowledged before the kill still counts: drain the pipe.
            let rest = out.fileHandleForReading.readDataToEndOfFile()
            buffer += String(decoding: rest, as: UTF8.self)
            for line in buffer.split(separator: "\n") where line.hasPrefix("ack ") {
                if let n = Int(line.dropFirst(4)) { acked.append(n) }
            }
        }
    }

    @Test func secondWriterRefusedWhileReadersWork() throws {
        let dir = Self.demoDir.path
        let code = try firstCode(dir)
        let writer = try Writer(store: dir, code: code, start: 1_000_000)
        writer.waitForAcks(3)
        let refused = try SchakelBinary.run(["case", "note", code, "--store", dir], passphrase: "demo", stdin: "tweede schrijver")
        #expect(refused.status == 3)
        #expect(refused.stderr.contains("in gebruik"))
        let reading = try SchakelBinary.run(["case", "list", "--all", "--store", dir], passphrase: "demo")
        #expect(reading.status == 0, "\(reading.stderr)")
        writer.kill9()
    }

    @Test func killDuringWritesLosesNoAcknowledgedWrite() throws {
        let dir = Self.demoDir.path
        let code = try firstCode(dir)
        var acknowledged: [Int] = []
        var next = 1
        for round in 0..<4 {
            let writer = try Writer(store: dir, code: code, start: next)
            writer.waitForAcks(5 + round * 7)
            usleep(useconds_t.random(in: 0...30_000))
            writer.kill9()
            acknowledged += writer.acked
            next = (writer.acked.max() ?? next) + 1000
        }
        #expect(acknowledged.count >= 20)
        let check = try SchakelBinary.run(["check", "--store", dir], passphrase: "demo")
        #expect(check.status == 0, "\(check.stdout)\(check.stderr)")
        let store = try Store.open(at: StoreLocation(path: dir), passphrase: "demo", mode: .read)
        defer { store.close() }
        let caseCode = try #require(CaseCode(code))
        let id = try #require(try store.caseID(code: caseCode))
        let texts = Set(try store.caseFile(id).notes.values.map(\.text))
        for n in acknowledged { #expect(texts.contains("stress \(n)"), "ack \(n) lost") }
    }

    func firstCode(_ dir: String) throws -> String {
        let list = try SchakelBinary.run(["case", "list", "--all", "--store", dir], passphrase: "demo")
        let codes = list.stdout.split(separator: "\n").compactMap { CaseCode(String($0.prefix(13))) }
        return try #require(codes.first).description
    }
}
