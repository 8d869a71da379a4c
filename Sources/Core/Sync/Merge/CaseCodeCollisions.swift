import Foundation
import GRDB
import Crypto

/// Two devices can give different cases the same code (20 random bits per year). After an
/// import, the case with the higher id takes a code derived from its id: every store that sees
/// the collision writes the same value, so the change itself never becomes a conflict.
enum CaseCodeCollisions {
    static func resolve(_ cases: [UUID], in tx: StoreTransaction) throws {
        guard !cases.isEmpty else { return }
        let touched = Set(cases)
        var taken: [String: UUID] = [:]
        for row in try Row.fetchAll(tx.db, sql: "SELECT case_id, code FROM case_index") {
            guard let id = UUID(data: row["case_id"]), !touched.contains(id) else { continue }
            taken[row["code"]] = id
        }
        for id in cases.sorted(by: { $0.uuidString < $1.uuidString }) {
            guard let opening = try tx.caseSnapshot(id).opening else { continue }
            let code = opening.code.description
            guard let other = taken[code], other != id else { taken[code] = id; continue }
            // The lower id keeps the code; the other one is renamed.
            let renamed = other.uuidString < id.uuidString ? id : other
            let keep = renamed == id ? other : id
            guard var renamedOpening = try tx.caseSnapshot(renamed).opening else { continue }
            var attempt: UInt32 = 0
            var candidate = derived(renamed, year: renamedOpening.code.year, attempt: attempt)
            while taken[candidate.description] != nil || candidate == renamedOpening.code {
                attempt += 1
                candidate = derived(renamed, year: renamedOpening.code.year, attempt: attempt)
            }
            renamedOpening.code = candidate
            try tx.put(renamedOpening, entity: renamed, caseID: renamed)
            taken[code] = keep
            taken[candidate.description] = renamed
            tx.audit("case-code-collision", caseID: renamed)
        }
    }

    static func derived(_ id: UUID, year: Int, attempt: UInt32) -> CaseCode {
        var w = ByteWriter()
        w.string("schakel/case-code"); w.uuid(id); w.u64(UInt64(attempt))
        let digest = Array(SHA256.hash(data: w.data))
        let bits = UInt32(digest[0]) << 12 | UInt32(digest[1]) << 4 | UInt32(digest[2] >> 4)
        return CaseCode(year: year, randomBits: bits)
    }
}
