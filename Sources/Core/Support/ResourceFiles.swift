import Foundation

/// Reads the data files shipped in Core's resource bundle (reference data, strings, fixtures).
public enum ResourceFiles {
    public static func url(_ relativePath: String) -> URL? {
        // The bundle is a plain directory next to the executable; on Linux `resourceURL`
        // already points inside it, so build the path from `bundleURL`.
        let url = Bundle.module.bundleURL.appendingPathComponent("Resources").appendingPathComponent(relativePath)
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
