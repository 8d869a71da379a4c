import Foundation

/// The UI language. Dutch is the users' language and the default; English with `--lang en`.
public enum Language: String, CaseIterable, Sendable {
    case nl, en
}

/// String catalog lookup. Catalogs are data files (Resources/strings/*.json) so a
/// translator never touches Swift. Placeholders are `{0}`, `{1}`, ...
public enum L10n {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var _language: Language = .nl
    nonisolated(unsafe) private static var catalogs: [Language: [String: String]] = [:]

    public static var language: Language {
        get { lock.lock(); defer { lock.unlock() }; return _language }
        set { lock.lock(); _language = newValue; lock.unlock() }
    }

    public static func catalog(_ language: Language) -> [String: String] {
        lock.lock(); defer { lock.unlock() }
        if let c = catalogs[language] { return c }
        let c = ResourceFiles.json([String: String].self, "strings/\(language.rawValue).json") ?? [:]
        catalogs[language] = c
        return c
    }

    public static func t(_ key: String, _ args: Any..., language: Language? = nil) -> String {
        format(key, args, language: language ?? self.language)
    }

    static func format(_ key: String, _ args: [Any], language: Language) -> String {
        var text = catalog(language)[key] ?? catalog(.en)[key] ?? key
        for (i, arg) in args.enumerated() {
            text = text.replacingOccurrences(of: "{\(i)}", with: "\(arg)")
        }
        return text
    }
}
