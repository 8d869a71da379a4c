import Foundation
import GRDB
#if canImport(Glibc)
import Glibc
#endif

/// Reading commands also leave an audit trail, but they may run while another process
/// holds the write lock. They drop a sealed entry in `audit-inbox/`; the next writer
/// moves it into the hash-chained log (and removes the file only after the commit).
extension Store {
    /// Records that the user opened (looked at) a case.
    public func recordCaseOpened(_ caseID: UUID) throws {
        try recordAudit(AuditEntry(at: clock.now(), user: userID, action: "case-opened", caseID: caseID, detail: nil))
    }

    public func recordAudit(_ entry: AuditEntry) throws {
        if mode == .write {
            try write { tx in tx.audit(entry.action, caseID: entry.caseID, detail: entry.detail, at: entry.at, user: entry.user) }
            return
        }
        // Fail closed: what cannot be recorded is not shown. The reason (full disk, read-only
        // folder) is said, and a half-written entry is removed.
        func unrecorded(_ code: Int32) -> SchakelError {
            switch code {
            case ENOSPC, EDQUOT: return SchakelError(.io, L10n.t("error.auditDiskFull"))
            case EROFS, EACCES, EPERM: return SchakelError(.io, L10n.t("error.auditReadOnly"))
            default: return SchakelError(.io, L10n.t("error.io"))
            }
        }
        let dir = location.auditInboxURL
        do {
            try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw unrecorded(SchakelError.posixCode(error) ?? EIO)
        }
        let sealed = keys.inbox.seal(entry.encoded, context: "audit-inbox")
        let tmp = dir.appendingPathComponent(".\(UUID().uuidString).tmp")
        let final = dir.appendingPathComponent("\(UUID().uuidString).entry")
        let fd = Glibc.open(tmp.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw unrecorded(errno) }
        var failure: Int32 = 0
        let written = sealed.withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
        if written != sealed.count { failure = written < 0 ? errno : ENOSPC }
        if failure == 0 && fsync(fd) != 0 { failure = errno }
        Glibc.close(fd)
        if failure == 0 && rename(tmp.path, final.path) != 0 { failure = errno }
        if failure != 0 {
            unlink(tmp.path)
            throw unrecorded(failure)
        }
    }

    /// Moves pending inbox entries into the audit chain. Unreadable files are renamed
    /// `.rejected` and reported by `check`, never silently dropped.
    func ingestAuditInbox() throws {
        let dir = location.auditInboxURL
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: dir.path) else { return }
        let files = names.filter { $0.hasSuffix(".entry") }.map { dir.appendingPathComponent($0) }
        guard !files.isEmpty else { return }
        var entries: [(URL, AuditEntry)] = []
        for f in files {
            if let data = try? Data(contentsOf: f), let plain = try? keys.inbox.open(data, context: "audit-inbox"),
               let entry = try? AuditEntry(encoded: plain) {
                entries.append((f, entry))
            } else {
                try? FileManager.default.moveItem(at: f, to: f.appendingPathExtension("rejected"))
            }
        }
        entries.sort { $0.1.at < $1.1.at }
        try write { tx in
            for (_, e) in entries { tx.audit(e.action, caseID: e.caseID, detail: e.detail, at: e.at, user: e.user) }
        }
        for (f, _) in entries { try? FileManager.default.removeItem(at: f) }
    }

    /// The audit log, newest last.
    public func auditEntries() throws -> [AuditEntry] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT seq, entry FROM audit ORDER BY seq").map { row in
                let seq: Int64 = row["seq"]
                return try AuditEntry(encoded: keys.audit.open(row["entry"], context: "audit/\(seq)"))
            }
        }
    }
}
