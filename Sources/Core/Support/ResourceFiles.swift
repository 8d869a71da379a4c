import Foundation

/// Reads the data files shipped in Core's resource bundle (reference data, strings, fixtures).
public enum ResourceFiles {
    /// Where an installed program keeps them, relative to the directory of its executable:
    /// `/usr/bin/schakel` reads `/usr/share/schakel/resources` (the Debian package, docs/DIST.md).
    /// SwiftPM looks for its bundle only next to the executable or in the build directory,
    /// and Debian allows no directories in /usr/bin.
    public static let installedRelativePath = "../share/schakel/resources"

    /// The directory holding `strings/`, `reference/` and `fixtures/`: the installed copy when
    /// there is one next to the executable, otherwise SwiftPM's bundle (a development or test
    /// build; `Bundle.module` stops the program with a clear message when that is missing too).
    static let root: URL = {
        if let installed = installedRoot(executablePath: ExecutableLocation.path) { return installed }
        // The bundle is a plain directory next to the executable; on Linux `resourceURL`
        // already points inside it, so build the path from `bundleURL`.
        return Bundle.module.bundleURL.appendingPathComponent("Resources")
    }()

    /// The installed resources directory for an executable at `executablePath`, if it holds the strings.
    public static func installedRoot(executablePath: String) -> URL? {
        let dir = URL(fileURLWithPath: executablePath).deletingLastPathComponent()
            .appendingPathComponent(installedRelativePath).standardizedFileURL
        let marker = dir.appendingPathComponent("strings/nl.json")
        return FileManager.default.fileExists(atPath: marker.path) ? dir : nil
    }

    public static func url(_ relativePath: String) -> URL? {
        let url = root.appendingPathComponent(relativePath)
        return FileManager.default.fileExists(atPath: url.path) ? url : nil
    }

    public static func data(_ relativePath: String) -> Data? {
        url(relativePath).flatMap { try? Data(contentsOf: $0) }
    }

    public static func json<T: Decodable>(_ type: T.Type, _ relativePath: String) -> T? {
        guard let data = data(relativePath) else { return nil }
        do { return try JSONDecoder().decode(T.self, from: data) } catch {
            // A broken shipped data file is a build defect; fail loudly in development.
            assertionFailure("resource \(relativePath): \(error)")
            return nil
        }
    }
}

/// The running program's own file, symlinks resolved. `CommandLine.arguments[0]` is only the
/// name typed (`schakel` when found through PATH), so anything located next to the executable
/// (installed themes and strings) starts from here.
public enum ExecutableLocation {
    public static let path: String = {
        #if os(Linux)
        if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return target }
        #endif
        if let p = Bundle.main.executablePath { return (p as NSString).resolvingSymlinksInPath }
        return (CommandLine.arguments[0] as NSString).resolvingSymlinksInPath
    }()
}
