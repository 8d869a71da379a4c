import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// The single-writer lock: an advisory `flock` on a file in the store directory, held
/// for as long as the writing process lives. The kernel drops it when the process dies,
/// so a crash never leaves a stale lock behind.
public final class StoreLock {
    private var fd: Int32

    public init(at url: URL) throws {
        fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        // A read-only folder or a full disk stops the lock file being made: say which.
        guard fd >= 0 else { throw SchakelError.fromErrno(errno) ?? SchakelError(.io, L10n.t("error.lockFile")) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            close(fd)
            fd = -1
            throw SchakelError(.storeLocked, L10n.t("error.storeLocked"))
        }
    }

    /// True when another process holds the lock right now.
    public static func isHeld(at url: URL) -> Bool {
        let fd = open(url.path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        if flock(fd, LOCK_EX | LOCK_NB) != 0 { return true }
        flock(fd, LOCK_UN)
        return false
    }

    public func release() {
        if fd >= 0 { flock(fd, LOCK_UN); close(fd); fd = -1 }
    }

    deinit { release() }
}
