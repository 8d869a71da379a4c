import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A folder in memory (tmpfs), readable only by the owner, for handing a decrypted document
/// to a viewer: `$XDG_RUNTIME_DIR/schakel-<uid>-<pid>-<random>` or the same under `/dev/shm`.
/// Refuses any folder that is not memory-backed, so a plaintext copy never reaches a disk.
public struct RuntimeFolder {
    public let url: URL

    static let memoryFileSystems: Set<String> = ["tmpfs", "ramfs"]

    public static func make(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> RuntimeFolder {
        var bases: [String] = []
        if let r = environment["XDG_RUNTIME_DIR"], !r.isEmpty { bases.append(r) }
        bases.append("/dev/shm")
        for base in bases where isMemoryBacked(base) {
            // One folder per opened document: closing one viewer never takes another's file.
            let dir = URL(fileURLWithPath: base).appendingPathComponent("schakel-\(getuid())-\(getpid())-\(UUID().uuidString.prefix(8))")
            guard mkdir(dir.path, 0o700) == 0 else { continue }
            return RuntimeFolder(url: dir)
        }
        throw SchakelError(.notAllowed, L10n.t("document.noMemoryFolder"))
    }

    /// The file system type of the mount that holds `path`, from /proc/self/mounts (Glibc
    /// does not export statfs to Swift): the longest mount point that prefixes the real path.
    public static func isMemoryBacked(_ path: String) -> Bool {
        guard let real = realpath(path, nil) else { return false }
        let resolved = String(cString: real)
        free(real)
        guard let mounts = try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8) else { return false }
        var best: (length: Int, type: String)?
        for line in mounts.split(separator: "\n") {
            let parts = line.split(separator: " ")
            guard parts.count >= 3 else { continue }
            let point = parts[1].replacingOccurrences(of: "\\040", with: " ")
            let matches = point == "/" || resolved == point || resolved.hasPrefix(point + "/")
            if matches, point.count >= (best?.length ?? -1) { best = (point.count, String(parts[2])) }
        }
        return best.map { memoryFileSystems.contains($0.type) } ?? false
    }

    /// Writes a file only the owner can read (0600), created exclusively.
    public func write(_ data: Data, name: String) throws -> URL {
        // Only the base name, without path separators or control characters.
        let safe = String(name.split(separator: "/").last ?? "document").unicodeScalars.filter { !Validation.isForbidden($0) }
            .map(String.init).joined()
        let target = url.appendingPathComponent(safe.isEmpty || safe.hasPrefix(".") ? "document" + safe : safe)
        let fd = open(target.path, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw SchakelError(.io, L10n.t("document.writeFailed")) }
        defer { close(fd) }
        guard writeAll(fd, data) else { throw SchakelError(.io, L10n.t("document.writeFailed")) }
        return target
    }

    /// Removes the folder and everything in it (overwriting is pointless on tmpfs: the pages are freed).
    public func remove() {
        Self.untrack(url)
        try? FileManager.default.removeItem(at: url)
    }

    // Folders with a decrypted file in them, as C strings, so that a signal handler (the
    // terminal window closed: SIGHUP) can remove them with async-signal-safe calls only.
    private static let slots = 16
    nonisolated(unsafe) private static let folders = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slots)
    nonisolated(unsafe) private static let files = UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>.allocate(capacity: slots)
    private static let trackLock = NSLock()
    nonisolated(unsafe) private static var initialised = false

    static func track(_ folder: URL, file: URL) {
        trackLock.lock(); defer { trackLock.unlock() }
        if !initialised { folders.initialize(repeating: nil, count: slots); files.initialize(repeating: nil, count: slots); initialised = true }
        for i in 0..<slots where folders[i] == nil {
            files[i] = strdup(file.path)
            folders[i] = strdup(folder.path)
            return
        }
    }

    static func untrack(_ folder: URL) {
        trackLock.lock(); defer { trackLock.unlock() }
        guard initialised else { return }
        for i in 0..<slots {
            if let f = folders[i], String(cString: f) == folder.path {
                folders[i] = nil
                free(f)
                if let file = files[i] { files[i] = nil; free(file) }
            }
        }
    }

    /// Async-signal-safe: unlink and rmdir on paths prepared beforehand.
    public static func removeTrackedNow() {
        guard initialised else { return }
        for i in 0..<slots {
            if let file = files[i] { unlink(file) }
            if let folder = folders[i] { rmdir(folder) }
        }
    }

    /// Leftovers of an earlier run that crashed (same user, process gone).
    public static func removeStale(environment: [String: String] = ProcessInfo.processInfo.environment) {
        var bases: [String] = ["/dev/shm"]
        if let r = environment["XDG_RUNTIME_DIR"], !r.isEmpty { bases.append(r) }
        let prefix = "schakel-\(getuid())-"
        for base in bases {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? [] where name.hasPrefix(prefix) {
                guard let pid = Int32(name.dropFirst(prefix.count).prefix { $0 != "-" }), pid != getpid(), kill(pid, 0) != 0 else { continue }
                try? FileManager.default.removeItem(atPath: base + "/" + name)
            }
        }
    }
}
