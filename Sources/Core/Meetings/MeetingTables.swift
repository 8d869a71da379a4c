import Foundation

/// The tables (casusoverleg 18-, zorgnetwerk, ...) and their member organisations, as the
/// reference data (regions.json) describes them.
extension ReferenceData {
    public func table(_ id: String) -> Table? {
        for r in regions { if let t = r.tables.first(where: { $0.id == id }) { return t } }
        return nil
    }

    /// The region a table belongs to.
    public func regionOfTable(_ id: String) -> Region? {
        regions.first { $0.tables.contains { $0.id == id } }
    }

    /// Member organisations of a table, in the reference data's order.
    public func members(of table: String) -> [Organisation] {
        regions.flatMap(\.organisations).filter { $0.tables.contains(table) }
    }

    /// The table's name in the UI language.
    public func tableName(_ id: String, _ lang: Language = L10n.language) -> String {
        guard let t = table(id) else { return id }
        return lang == .en ? t.en : t.nl
    }
}
