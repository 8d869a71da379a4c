import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

extension SchakelError {
    /// Turns any error into one a coordinator can read, without personal data:
    /// database errors by their kind (disk full, read-only, corrupt), never their SQL.
    public static func from(_ error: Error) -> SchakelError {
        if let e = error as? SchakelError { return e }
        if let e = error as? DatabaseError {
            // A full disk while the WAL index grows arrives as an I/O error, not SQLITE_FULL:
            // error.io names both likely causes.
            switch e.resultCode {
            case .SQLITE_FULL: return SchakelError(.io, L10n.t("error.diskFull"))
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: return SchakelError(.io, L10n.t("error.readOnlyStore"))
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: return SchakelError(.storeCorrupt, L10n.t("error.storeCorrupt"))
            case .SQLITE_BUSY, .SQLITE_LOCKED: return SchakelError(.storeLocked, L10n.t("error.storeLocked"))
            case .SQLITE_IOERR: return SchakelError(.io, L10n.t("error.io"))
            default: return SchakelError(.io, L10n.t("error.database", e.resultCode.rawValue))
            }
        }
        if let errno = posixCode(error), let e = fromErrno(errno) { return e }
        if let e = error as? CocoaError {
            switch e.code {
            case .fileWriteOutOfSpace: return SchakelError(.io, L10n.t("error.diskFull"))
            case .fileWriteNoPermission, .fileWriteVolumeReadOnly: return SchakelError(.io, L10n.t("error.readOnlyStore"))
            default: break
            }
        }
        return SchakelError(.io, L10n.t("error.unexpected", String(describing: type(of: error))))
    }

    /// The message for a failed system call on the store's files, by `errno`; nil when
    /// the cause is none of disk full, read-only or no permission.
    public static func fromErrno(_ code: Int32) -> SchakelError? {
        switch code {
        case ENOSPC, EDQUOT: return SchakelError(.io, L10n.t("error.diskFull"))
        case EROFS, EACCES, EPERM: return SchakelError(.io, L10n.t("error.readOnlyStore"))
        default: return nil
        }
    }

    /// The POSIX error behind a Foundation error (a CocoaError wraps it as its underlying
    /// error, or only says it by its own code).
    public static func posixCode(_ error: Error) -> Int32? {
        if let e = error as? POSIXError { return e.code.rawValue }
        let ns = error as NSError
        if ns.domain == NSPOSIXErrorDomain { return Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            return Int32(underlying.code)
        }
        if let e = error as? CocoaError {
            switch e.code {
            case .fileWriteOutOfSpace: return ENOSPC
            case .fileWriteVolumeReadOnly: return EROFS
            case .fileWriteNoPermission: return EACCES
            default: return nil
            }
        }
        return nil
    }
}
