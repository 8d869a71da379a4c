import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writing data where the user explicitly said (an exported document, a referral summary):
/// never over an existing file, owner-only (0600), flushed to disk before reporting success.
public enum ExplicitExport {
    /// `~` at the start means the home folder.
    public static func resolve(_ path: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws -> URL {
        var p = path.trimmingCharacters(in: .whitespaces)
        guard !p.isEmpty else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.path"))) }
        guard !p.unicodeScalars.contains(where: Validation.isForbidden) else {
            throw SchakelError(.validation, L10n.t("validation.controlCharacters", L10n.t("field.path")))
        }
        if p == "~" || p.hasPrefix("~/") { p = (environment["HOME"] ?? NSHomeDirectory()) + p.dropFirst() }
        return URL(fileURLWithPath: p).standardizedFileURL
    }

    /// Fails early (before anything is recorded) when the target exists.
    public static func requireAbsent(_ url: URL) throws {
        var st = stat()
        if lstat(url.path, &st) == 0 { throw SchakelError(.io, L10n.t("export.exists", url.path)) }
    }

    public static func write(_ data: Data, to url: URL) throws {
        let fd = open(url.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard fd >= 0 else {
            throw SchakelError(.io, L10n.t(errno == EEXIST ? "export.exists" : "export.cannotWrite", url.path))
        }
        let ok = writeAll(fd, data) && fsync(fd) == 0
        close(fd)
        if !ok {
            unlink(url.path)
            throw SchakelError(.io, L10n.t("export.cannotWrite", url.path))
        }
    }

    /// Reads a file the user names to import (a document), refusing absurd sizes before reading.
    public static func read(_ url: URL, maxBytes: Int) throws -> Data {
        let attributes = try? FileManager.default.attributesOfItem(atPath: url.path)
        guard let size = attributes?[.size] as? Int, (attributes?[.type] as? FileAttributeType) == .typeRegular else {
            throw SchakelError(.notFound, L10n.t("export.cannotRead", url.path))
        }
        guard size <= maxBytes else { throw SchakelError(.validation, L10n.t("document.tooLarge", maxBytes / 1_048_576)) }
        guard let data = FileManager.default.contents(atPath: url.path) else { throw SchakelError(.io, L10n.t("export.cannotRead", url.path)) }
        return data
    }
}
