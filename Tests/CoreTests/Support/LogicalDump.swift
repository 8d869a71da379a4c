import Foundation
import GRDB

/// Every row of every table, as text: "nothing changed" means this is equal, whatever
/// SQLite did to its files (a checkpoint moves WAL pages into the main file on close).
enum LogicalDump {
    static func of(_ databaseURL: URL) throws -> [String] {
        let q = try DatabaseQueue(path: databaseURL.path)
        defer { try? q.close() }
        return try q.read { db in
            var out: [String] = []
            for table in try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name") {
                out.append("# \(table)")
                out += try Row.fetchAll(db, sql: "SELECT * FROM \"\(table)\"").map { $0.description }.sorted()
            }
            return out
        }
    }
}
