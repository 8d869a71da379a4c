import Foundation
import GRDB

extension SchakelError {
    /// Turns any error into one a coordinator can read, without personal data:
    /// database errors by their kind (disk full, read-only, corrupt), never their SQL.
    public static func from(_ error: Error) -> SchakelError {
        if let e = error as? SchakelError { return e }
        if let e = error as? DatabaseError {
            switch e.resultCode {
            case .SQLITE_FULL: return SchakelError(.io, L10n.t("error.diskFull"))
            case .SQLITE_READONLY, .SQLITE_PERM, .SQLITE_CANTOPEN: return SchakelError(.io, L10n.t("error.readOnlyStore"))
            case .SQLITE_CORRUPT, .SQLITE_NOTADB: return SchakelError(.storeCorrupt, L10n.t("error.storeCorrupt"))
            case .SQLITE_BUSY, .SQLITE_LOCKED: return SchakelError(.storeLocked, L10n.t("error.storeLocked"))
            case .SQLITE_IOERR: return SchakelError(.io, L10n.t("error.io"))
            default: return SchakelError(.io, L10n.t("error.database", e.resultCode.rawValue))
            }
        }
        if let e = error as? CocoaError, e.code == .fileWriteOutOfSpace { return SchakelError(.io, L10n.t("error.diskFull")) }
        return SchakelError(.io, L10n.t("error.unexpected", String(describing: type(of: error))))
    }
}
