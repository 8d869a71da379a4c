import Foundation

/// Reads theme files from one directory. There are no copies of the themes compiled into
/// the program: the files in `Themes/` are the only source, so they cannot diverge.
public struct ThemeLoader: Sendable {
    public let directory: String
    public static let fileExtension = "theme"
    public static let defaultThemeID = "standaard"

    public init(directory: String) { self.directory = directory }

    /// Theme ids (file names without extension), sorted.
    public func availableThemes() -> [String] {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return files.filter { $0.hasSuffix("." + Self.fileExtension) }
            .map { String($0.dropLast(Self.fileExtension.count + 1)) }
            .sorted()
    }

    public enum LoadError: Error, Equatable, CustomStringConvertible {
        case notFound(id: String, available: [String])
        case invalid(id: String, message: String)

        public var description: String {
            switch self {
            case let .notFound(id, available):
                return "theme '\(id)' not found (available: \(available.joined(separator: ", ")))"
            case let .invalid(id, message):
                return "theme '\(id)': \(message)"
            }
        }
    }

    public func load(_ id: String) throws -> ThemeDefinition {
        // Ids are plain names: no path separators, so `--theme ../x` cannot escape.
        guard !id.isEmpty, !id.contains("/"), !id.hasPrefix("."),
              let data = FileManager.default.contents(atPath: path(for: id)) else {
            throw LoadError.notFound(id: id, available: availableThemes())
        }
        do {
            return try ThemeParser.parse(String(decoding: data, as: UTF8.self), id: id)
        } catch let error as ThemeParser.ParseError {
            throw LoadError.invalid(id: id, message: error.description)
        }
    }

    /// Load the theme to draw with (default `standaard`) for the detected tier. With
    /// NO_COLOR, --no-color or a monochrome terminal the tier is `mono`, whose styles
    /// carry no colour in any theme (the parser rejects colours there), so the chosen
    /// theme keeps its own emphasis (e.g. bolder in `hoog-contrast`) without colour.
    public func theme(named id: String?, tier: ColorTier) throws -> Theme {
        try load(id ?? Self.defaultThemeID).resolved(for: tier)
    }

    public func path(for id: String) -> String {
        (directory as NSString).appendingPathComponent(id + "." + Self.fileExtension)
    }

    /// Find the themes directory: `$SCHAKEL_THEMES_DIR`, then `Themes/` in the current
    /// directory or any parent of it or of the executable (a checkout, where the binary
    /// sits in `.build/debug`), then `share/schakel/themes` next to an installed binary.
    public static func locateDirectory(environment: [String: String],
                                       executablePath: String,
                                       currentDirectory: String) -> String? {
        let fm = FileManager.default
        func isThemeDir(_ path: String) -> Bool {
            fm.fileExists(atPath: (path as NSString).appendingPathComponent(defaultThemeID + "." + fileExtension))
        }
        if let explicit = environment["SCHAKEL_THEMES_DIR"], isThemeDir(explicit) { return explicit }
        let executableDirectory = ((executablePath as NSString).resolvingSymlinksInPath as NSString)
            .deletingLastPathComponent
        for start in [currentDirectory, executableDirectory] {
            var dir = start
            for _ in 0..<8 {
                let candidate = (dir as NSString).appendingPathComponent("Themes")
                if isThemeDir(candidate) { return candidate }
                let parent = (dir as NSString).deletingLastPathComponent
                if parent == dir || parent.isEmpty { break }
                dir = parent
            }
        }
        let installed = (((executableDirectory as NSString).deletingLastPathComponent as NSString)
            .appendingPathComponent("share/schakel/themes"))
        return isThemeDir(installed) ? installed : nil
    }
}
