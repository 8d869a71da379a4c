#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Puts the terminal back into a usable state on every way out: normal exit (atexit),
/// termination signals (SIGINT, SIGTERM, SIGHUP, SIGQUIT) and crashes (SIGSEGV, SIGABRT,
/// SIGBUS, SIGILL, SIGFPE, SIGTRAP). Without this a crash would leave the user in raw mode
/// on the alternate screen, with names from the last frame still visible.
///
/// Only async-signal-safe calls run in the handler: `tcsetattr` with the terminal modes
/// saved before full-screen mode, and one `write` of a precomputed byte sequence (leave
/// the alternate screen, show the cursor, reset attributes, mouse reporting off). After
/// restoring, the signal is re-raised: termination signals with their default action,
/// crashes with the handler installed before ours (e.g. the Swift runtime's backtracer),
/// so exit statuses, crash reports and core dumps stay as the user expects.
public enum TerminalRestorer {
    public static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]
    public static let fatalSignals: [Int32] = [SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP]

    private static let capacity = 512
    // Fixed storage allocated once: the handler must not allocate or take locks.
    nonisolated(unsafe) private static let bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: capacity)
    nonisolated(unsafe) private static let savedModes = UnsafeMutablePointer<termios>.allocate(capacity: 1)
    nonisolated(unsafe) private static var byteCount = 0
    nonisolated(unsafe) private static var fd: Int32 = -1
    nonisolated(unsafe) private static var hasSavedModes = false
    nonisolated(unsafe) private static var armed: sig_atomic_t = 0
    nonisolated(unsafe) private static var handlersInstalled = false
    private static let maxSignal = 65
    nonisolated(unsafe) private static let previousActions =
        UnsafeMutablePointer<sigaction>.allocate(capacity: maxSignal)

    /// Whether a restore is pending (armed and not yet run).
    public static var isArmed: Bool { armed != 0 }

    /// Remember how to restore the terminal on `fd`. `modes` are the terminal modes to
    /// restore (captured before entering raw mode); nil when `fd` is not a terminal.
    /// Installs the signal handlers and the atexit hook on first use.
    public static func arm(fd: Int32, restoreSequence: [UInt8], modes: termios?) {
        armed = 0
        let count = min(restoreSequence.count, capacity)
        for i in 0..<count { bytes[i] = restoreSequence[i] }
        byteCount = count
        self.fd = fd
        if let modes { savedModes.pointee = modes; hasSavedModes = true } else { hasSavedModes = false }
        installHandlersOnce()
        armed = 1
    }

    /// The terminal was restored the normal way (e.g. `endwin`): nothing left to do.
    public static func disarm() { armed = 0 }

    /// Restore now if armed; runs at most once per `arm`. Async-signal-safe.
    /// Extra async-signal-safe cleanup on every way out (removing decrypted documents).
    nonisolated(unsafe) public static var onExit: (@convention(c) () -> Void)?

    public static func restoreNow() {
        onExit?()
        guard armed != 0 else { return }
        armed = 0
        if hasSavedModes { _ = tcsetattr(fd, TCSANOW, savedModes) }
        var written = 0
        while written < byteCount {
            let n = write(fd, bytes + written, byteCount - written)
            if n <= 0 { break }
            written += n
        }
    }

    private static func installHandlersOnce() {
        guard !handlersInstalled else { return }
        handlersInstalled = true
        for signal in terminationSignals + fatalSignals { install(signal) }
        atexit { TerminalRestorer.restoreNow() }
    }

    static func isTermination(_ signal: Int32) -> Bool {
        signal == SIGINT || signal == SIGTERM || signal == SIGHUP || signal == SIGQUIT
    }

    private static func install(_ signalNumber: Int32) {
        guard signalNumber > 0, signalNumber < maxSignal else { return }
        var action = sigaction()
        action.__sigaction_handler.sa_handler = { received in
            // The handler can interrupt any code between a failing call and its read of
            // errno; the write, tcsetattr, sigaction and raise below must not change it
            // for that code (ThreadSanitizer: "signal handler spoils errno").
            let savedErrno = errno
            defer { errno = savedErrno }
            TerminalRestorer.restoreNow()
            // Termination signals get the default action (exit status 128+n; ncurses'
            // own handler would exit(1) instead). Crashes go back to the previous
            // handler, e.g. the Swift runtime's backtracer. The signal is blocked while
            // we run, so the re-raised one is delivered as soon as we return.
            if received > 0, received < TerminalRestorer.maxSignal {
                if TerminalRestorer.isTermination(received) {
                    var fallback = sigaction()
                    fallback.__sigaction_handler.sa_handler = nil   // SIG_DFL
                    sigemptyset(&fallback.sa_mask)
                    _ = sigaction(received, &fallback, nil)
                } else {
                    _ = sigaction(received, TerminalRestorer.previousActions + Int(received), nil)
                }
            }
            _ = raise(received)
        }
        sigemptyset(&action.sa_mask)
        action.sa_flags = 0
        _ = sigaction(signalNumber, &action, previousActions + Int(signalNumber))
    }
}
