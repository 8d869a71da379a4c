import Foundation
import GRDB

/// Summaries are derived data: when their format grows, a writing process re-seals every
/// case's summary from its current state, in one transaction. No events are written (the
/// facts did not change), and an audit entry records that it happened.
extension Store {
    func rebuildSummariesIfNeeded() throws {
        let stored = try pool.read { db in
            try Data.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'summaryVersion'")?.first ?? 1
        }
        guard stored < CaseSummary.version else { return }
        try write { tx in
            let ids = try Data.fetchAll(tx.db, sql: "SELECT case_id FROM case_index").compactMap(UUID.init(data:))
            for id in ids {
                guard let sealer = try caseSealer(id, db: tx.db) else { continue }
                let summary = try CaseSummary(loadCaseFile(id, db: tx.db, sealer: sealer))
                try tx.db.execute(sql: "UPDATE case_index SET summary = ? WHERE case_id = ?",
                                  arguments: [sealer.seal(summary.encoded, context: "summary/\(id.uuidString)"), id.data])
            }
            try tx.db.execute(sql: "INSERT OR REPLACE INTO meta(key, value) VALUES ('summaryVersion', ?)", arguments: [Data([CaseSummary.version])])
            tx.audit("summaries-rebuilt", detail: "\(stored)->\(CaseSummary.version)")
        }
    }
}
