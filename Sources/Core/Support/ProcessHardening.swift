import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Process-level protections that must hold before any personal data is in memory.
public enum ProcessHardening {
    /// Disables core dumps: a dump would hold decrypted names and keys.
    public static func apply() {
        var limit = rlimit(rlim_cur: 0, rlim_max: 0)
        _ = setrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
    }

    public static var coreDumpsDisabled: Bool {
        var limit = rlimit()
        getrlimit(Int32(RLIMIT_CORE.rawValue), &limit)
        return limit.rlim_cur == 0
    }
}
