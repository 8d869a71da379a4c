import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Process-level protections that must hold before any personal data is in memory.
public enum ProcessHardening {
    /// Disables core dumps (a dump would hold decrypted names and keys) and marks the process
    /// not dumpable: then other processes of the same user cannot attach a debugger or read
    /// its memory through /proc, which is how an unlocked store's keys would be lifted by
    /// ordinary malware running as the user. (Root still can; see docs/SECURITY.md.)
    public static func apply() {
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
        _ = prctl?(setDumpable, 0, 0, 0, 0)
        silenceCrashReports()
    }

    /// Signals on which the Swift runtime's backtracer reports a crash.
    public static let crashSignals: [Int32] = [SIGSEGV, SIGABRT, SIGBUS, SIGILL, SIGFPE, SIGTRAP, SIGQUIT]

    /// The Swift runtime's backtracer prints the crashed thread's registers and the bytes they
    /// point to, to the terminal (and so to its scrollback or a redirected file). Swift keeps
    /// strings of up to 15 bytes inside registers, so a client's name can be among them (seen:
    /// `r14 0x61776f4b20617745` is "Ewa Kowa"). A crash therefore takes the default action:
    /// the runtime's one-line message (file and line, never values), then the process ends.
    /// A developer who sets `SWIFT_BACKTRACE` (on a demo store) keeps the backtracer.
    static func silenceCrashReports() {
        guard getenv("SWIFT_BACKTRACE") == nil else { return }
        for signal in crashSignals {
            var action = sigaction()
            action.__sigaction_handler.sa_handler = nil   // SIG_DFL
            sigemptyset(&action.sa_mask)
            _ = sigaction(signal, &action, nil)
        }
    }

    /// Whether a crash signal still has a handler (the backtracer's), for the test.
    public static var crashReportsSilenced: Bool {
        crashSignals.allSatisfy { signal in
            var current = sigaction()
            _ = sigaction(signal, nil, &current)
            return current.__sigaction_handler.sa_handler == nil
        }
    }

    public static var coreDumpsDisabled: Bool {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
        return limit.rlim_cur == 0
    }

    public static var isDumpable: Bool { (prctl?(getDumpable, 0, 0, 0, 0) ?? 1) != 0 }

    // <sys/prctl.h> is not in Swift's Glibc module, and `syscall` is variadic: the libc
    // function is looked up by name instead. PR_GET_DUMPABLE = 3, PR_SET_DUMPABLE = 4.
    private typealias Prctl = @convention(c) (Int32, UInt, UInt, UInt, UInt) -> Int32
    private static let getDumpable: Int32 = 3, setDumpable: Int32 = 4
    private static let prctl: Prctl? = dlsym(UnsafeMutableRawPointer(bitPattern: 0), "prctl").map { unsafeBitCast($0, to: Prctl.self) }
}
