import Foundation
import GRDB

/// The statistical remainder of anonymised cases (`Retention.anonymise`): sealed with the
/// store's record key under a random id, so that the row says nothing about which case it was.
/// Local to this store: it does not travel in bundles (the erasure does).
extension Store {
    public func anonymousRecords() throws -> [ReportRecord] {
        try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT id, record FROM anonymous_record").map { row in
                let id: Data = row["id"]
                return try ReportRecordCoding.decode(keys.records.open(row["record"], context: "anonymous/\(id.hex)"))
            }
        }
    }

    /// Every record the reports count: the cases held here and what anonymised cases left.
    public func reportRecords(summaries: [CaseSummary]) throws -> [ReportRecord] {
        summaries.map(ReportRecord.init) + (try anonymousRecords())
    }
}

extension StoreTransaction {
    func insertAnonymousRecord(_ record: ReportRecord) throws {
        let id = Data((0..<16).map { _ in UInt8.random(in: 0...255) })
        let sealed = store.keys.records.seal(ReportRecordCoding.encode(record.coarsened), context: "anonymous/\(id.hex)")
        try db.execute(sql: "INSERT INTO anonymous_record (id, record) VALUES (?, ?)", arguments: [id, sealed])
    }
}

/// The binary form of a `ReportRecord` (versioned; strict on reading).
enum ReportRecordCoding {
    static let version: UInt8 = 1

    static func encode(_ r: ReportRecord) -> Data {
        var w = ByteWriter()
        w.u8(version)
        w.string(r.signalOn.iso); w.strings(r.forms); w.string(r.gender); w.string(r.ageBand.rawValue)
        w.optionalString(r.nationality); w.optionalString(r.referrerType); w.string(r.region); w.string(r.municipality)
        w.string(r.phase.rawValue); w.optionalString(r.closedOn?.iso); w.optionalString(r.closureReason)
        w.varint(UInt64(r.placementAttempts.count))
        for a in r.placementAttempts { w.string(a.on.iso); w.u8(a.accepted ? 1 : 0); w.optionalString(a.rejectionReason) }
        w.optionalString(r.firstPlacementOn?.iso); w.optionalString(r.daysToPlacement.map(String.init))
        w.optionalString(r.onwardCareEnd?.iso); w.optionalString(r.onwardCareWaitDays.map(String.init))
        return w.data
    }

    static func decode(_ data: Data) throws -> ReportRecord {
        let bad = SchakelError(.integrity, L10n.t("error.decrypt"))
        var r = ByteReader(data)
        func date(_ s: String) throws -> CalendarDate { guard let d = CalendarDate(parsing: s) else { throw bad }; return d }
        func int(_ s: String?) throws -> Int? { try s.map { guard let i = Int($0), i >= 0 else { throw bad }; return i } }
        do {
            guard try r.u8() == version else { throw bad }
            let signal = try date(try r.string()); let forms = try r.strings(); let gender = try r.string()
            guard let band = AgeBand(rawValue: try r.string()) else { throw bad }
            let nationality = try r.optionalString(); let referrer = try r.optionalString()
            let region = try r.string(); let municipality = try r.string()
            guard let phase = Phase(rawValue: try r.string()) else { throw bad }
            let closed = try r.optionalString().map(date); let reason = try r.optionalString()
            let n = Int(try r.varint())
            guard n <= 10_000 else { throw bad }
            var attempts: [CaseSummary.AttemptDigest] = []
            for _ in 0..<n { attempts.append(.init(on: try date(try r.string()), accepted: try r.u8() == 1, rejectionReason: try r.optionalString())) }
            let placed = try r.optionalString().map(date); let days = try int(try r.optionalString())
            let careEnd = try r.optionalString().map(date); let wait = try int(try r.optionalString())
            return ReportRecord(signalOn: signal, forms: forms, gender: gender, ageBand: band, nationality: nationality, referrerType: referrer,
                                region: region, municipality: municipality, phase: phase, closedOn: closed, closureReason: reason,
                                placementAttempts: attempts, firstPlacementOn: placed, daysToPlacement: days,
                                onwardCareEnd: careEnd, onwardCareWaitDays: wait)
        } catch let e as SchakelError { throw e } catch { throw bad }
    }
}
