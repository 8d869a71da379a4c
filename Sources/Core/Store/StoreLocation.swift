import Foundation

/// Where a store lives: one directory holding the SQLite file, its WAL, and the lock.
public struct StoreLocation: Sendable, Equatable {
    public let directory: URL

    public init(directory: URL) { self.directory = directory.standardizedFileURL }
    public init(path: String) { self.init(directory: URL(fileURLWithPath: (path as NSString).expandingTildeInPath)) }

    public var databaseURL: URL { directory.appendingPathComponent("schakel.sqlite") }
    public var lockURL: URL { directory.appendingPathComponent("schakel.lock") }
    /// Sealed audit records from reading processes that could not take the write lock.
    public var auditInboxURL: URL { directory.appendingPathComponent("audit-inbox") }
    public var exists: Bool { FileManager.default.fileExists(atPath: databaseURL.path) }

    /// `--store PATH`, else `SCHAKEL_STORE`, else `$XDG_DATA_HOME/schakel`, else `~/.local/share/schakel`.
    public static func resolve(explicit: String?, environment: [String: String] = ProcessInfo.processInfo.environment,
                               demo: Bool = false) -> StoreLocation {
        if let explicit, !explicit.isEmpty { return StoreLocation(path: explicit) }
        if !demo, let env = environment["SCHAKEL_STORE"], !env.isEmpty { return StoreLocation(path: env) }
        let name = demo ? "schakel-demo" : "schakel"
        if let xdg = environment["XDG_DATA_HOME"], !xdg.isEmpty {
            return StoreLocation(directory: URL(fileURLWithPath: xdg).appendingPathComponent(name))
        }
        let home = environment["HOME"] ?? NSHomeDirectory()
        return StoreLocation(directory: URL(fileURLWithPath: home).appendingPathComponent(".local/share/\(name)"))
    }
}
