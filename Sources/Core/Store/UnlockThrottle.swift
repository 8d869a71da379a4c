import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Slows passphrase guessing through the program, across processes.
///
/// Every command-line call is a new process, so an in-memory counter would do nothing: the
/// number of wrong passphrases in a row and the time of the last one live in a small file in
/// the store directory (`unlock-failures`, owner-only, two numbers, no personal data). Before
/// a passphrase is checked, the attempt waits until `delay(afterFailures:)` has passed since
/// the last failure (1, 2, 4 ... 30 s); a correct passphrase empties the file.
///
/// Attempts hold an exclusive `flock` on the file while they wait and check, so guesses from
/// parallel processes queue behind each other instead of running side by side.
///
/// This does nothing against someone who copies the store (or deletes the file): an offline
/// guesser never runs this code. That attacker is held back by scrypt and the passphrase
/// rules (see docs/TERMINAL-SAFETY.md, "Offline guessing").
public struct UnlockThrottle {
    public static let fileName = "unlock-failures"
    /// The longest wait between two attempts.
    public static let maximumDelay: TimeInterval = 30

    /// What an attempt does when it must still wait.
    public enum Policy {
        /// Sleep until the wait is over (the command line); the closure is told how long first.
        case wait((TimeInterval) -> Void)
        /// Refuse at once with a `.throttled` error saying how long (the full-screen UI, which
        /// must not block; it shows the wait on the lock screen).
        case refuse
    }

    public let url: URL
    let now: () -> Date
    let sleep: (TimeInterval) -> Void

    public init(location: StoreLocation, now: @escaping () -> Date = Date.init,
                sleep: @escaping (TimeInterval) -> Void = { Thread.sleep(forTimeInterval: $0) }) {
        self.url = location.directory.appendingPathComponent(Self.fileName)
        self.now = now
        self.sleep = sleep
    }

    /// Wait before the attempt that follows `failures` wrong passphrases in a row.
    public static func delay(afterFailures failures: Int) -> TimeInterval {
        guard failures > 0 else { return 0 }
        return min(maximumDelay, Double(1 << min(failures - 1, 10)))
    }

    /// Failures in a row and the time of the last one, as recorded in the file.
    public struct State: Equatable, Sendable {
        public var failures: Int
        public var last: Date
    }

    /// The recorded state (nil when there is no file or it cannot be read).
    public func state() -> State? {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return nil }
        return Self.parse(text)
    }

    static func parse(_ text: String) -> State? {
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "\n" })
        guard parts.count >= 2, let n = Int(parts[0]), n >= 0, let t = Double(parts[1]), t.isFinite else { return nil }
        return State(failures: n, last: Date(timeIntervalSince1970: t))
    }

    /// Seconds still to wait before the next attempt is checked (0 when none).
    public func remaining() -> TimeInterval { remaining(state()) }

    func remaining(_ state: State?) -> TimeInterval {
        guard let state, state.failures > 0 else { return 0 }
        let delay = Self.delay(afterFailures: state.failures)
        // A clock set back must not turn the wait into hours: never more than the delay itself.
        return max(0, min(delay, state.last.timeIntervalSince(now()) + delay))
    }

    /// Runs `check` (the passphrase check) as one throttled attempt. A `.wrongPassphrase`
    /// error counts as a failure; success clears the record; other errors change nothing.
    /// When the store directory cannot be written (read-only media) there is nothing to
    /// record in, and the attempt runs unthrottled.
    public func attempt<T>(_ policy: Policy, _ check: () throws -> T) throws -> T {
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return try check() }
        defer { flock(fd, LOCK_UN); close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            if errno != EINTR { return try check() }
        }
        let state = read(fd)
        let wait = remaining(state)
        if wait > 0 {
            switch policy {
            case .refuse:
                let seconds = Int(wait.rounded(.up))
                throw SchakelError(.throttled, L10n.t("unlock.wait", seconds), retryAfter: seconds)
            case .wait(let announce):
                announce(wait)
                sleep(wait)
            }
        }
        do {
            let value = try check()
            // Emptied, not removed: another process may already be waiting on this file's lock.
            if state != nil { ftruncate(fd, 0) }
            return value
        } catch let e as SchakelError where e.kind == .wrongPassphrase {
            let failures = min((state?.failures ?? 0) + 1, 1_000_000)
            write(fd, State(failures: failures, last: now()))
            throw e
        }
    }

    private func read(_ fd: Int32) -> State? {
        var bytes = [UInt8](repeating: 0, count: 64)
        let n = pread(fd, &bytes, bytes.count, 0)
        guard n > 0 else { return nil }
        return Self.parse(String(decoding: bytes[0..<n], as: UTF8.self))
    }

    private func write(_ fd: Int32, _ state: State) {
        let text = "\(state.failures) \(Int(state.last.timeIntervalSince1970))\n"
        ftruncate(fd, 0)
        _ = lseek(fd, 0, SEEK_SET)
        _ = writeAll(fd, Data(text.utf8))
        fsync(fd)
    }
}
