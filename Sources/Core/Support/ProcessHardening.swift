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
