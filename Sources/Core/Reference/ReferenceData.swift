import Foundation

/// Vocabularies, regions and organisations, read from Resources/reference/*.json.
/// Data, not code: a region can be added without a release of Swift code.
public final class ReferenceData: @unchecked Sendable {
    public struct Entry: Codable, Sendable, Equatable {
        public let id: String
        public let nl: String
        public let en: String
        public let form: String?
        public let strength: String?
        public func label(_ lang: Language = L10n.language) -> String { lang == .en ? en : nl }
    }

    public struct Municipality: Codable, Sendable { public let id: String; public let name: String; public let weight: Int }
    public struct Organisation: Codable, Sendable {
        public let id: String; public let name: String; public let kind: String; public let tables: [String]
    }
    public struct Table: Codable, Sendable { public let id: String; public let nl: String; public let en: String; public let intervalWeeks: Int }
    public struct Region: Codable, Sendable {
        public let id: String; public let nl: String; public let en: String
        public let municipalities: [Municipality]; public let organisations: [Organisation]; public let tables: [Table]
    }
    public struct Country: Codable, Sendable { public let code: String; public let nl: String; public let en: String }
    public struct LanguageEntry: Codable, Sendable { public let code: String; public let nl: String; public let en: String }

    public let vocabularies: [String: [Entry]]
    public let regions: [Region]
    public let countries: [Country]
    public let languages: [LanguageEntry]

    public static let shared = ReferenceData()

    init() {
        vocabularies = ResourceFiles.json([String: [Entry]].self, "reference/vocabularies.json") ?? [:]
        struct Regions: Codable { let regions: [Region] }
        struct Countries: Codable { let countries: [Country] }
        struct Languages: Codable { let languages: [LanguageEntry] }
        regions = ResourceFiles.json(Regions.self, "reference/regions.json")?.regions ?? []
        countries = ResourceFiles.json(Countries.self, "reference/countries.json")?.countries ?? []
        languages = ResourceFiles.json(Languages.self, "reference/languages.json")?.languages ?? []
    }

    public func entries(_ vocabulary: String) -> [Entry] { vocabularies[vocabulary] ?? [] }
    public func contains(_ vocabulary: String, _ id: String) -> Bool { entries(vocabulary).contains { $0.id == id } }
    public func label(_ vocabulary: String, _ id: String) -> String {
        entries(vocabulary).first { $0.id == id }?.label() ?? id
    }
    public func region(_ id: String) -> Region? { regions.first { $0.id == id } }
    public func organisation(_ id: String) -> Organisation? {
        for r in regions { if let o = r.organisations.first(where: { $0.id == id }) { return o } }
        return nil
    }
    public func municipalityName(_ id: String) -> String {
        for r in regions { if let m = r.municipalities.first(where: { $0.id == id }) { return m.name } }
        return id
    }
    public func languageName(_ code: String) -> String {
        guard let l = languages.first(where: { $0.code == code }) else { return code }
        return L10n.language == .en ? l.en : l.nl
    }
    public func countryName(_ code: String) -> String {
        guard let c = countries.first(where: { $0.code == code }) else { return code }
        return L10n.language == .en ? c.en : c.nl
    }
}
