import Foundation
import GRDB

/// The maatjes register's write operations (issue 7): buddies, requests, proposing a match
/// and its lifecycle. Each validates, then records events; the matching itself stays pure
/// (`MatchingEngine`), and a proposed match is checked against its hard constraints again
/// when it is written, so nothing breaks them, whatever the caller did.
extension StoreTransaction {
    // MARK: buddies

    /// Adds or edits a buddy (three field groups, one transaction). Returns the buddy's id.
    @discardableResult
    public func saveMaatje(id: UUID = UUID(), profile: MaatjeProfile, availability: MaatjeAvailability, screening: MaatjeScreening) throws -> UUID {
        var p = profile
        p.name = try Validation.line(p.name, field: "name", required: true, max: 120)
        p.maatjeType = try Validation.vocabulary(p.maatjeType, "maatjeTypes", field: "maatjeType")
        guard MaatjeProfile.statuses.contains(p.status) else { throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.maatjeStatus"))) }
        guard ReferenceData.shared.regions.contains(where: { $0.organisations.contains { $0.id == p.organisation } }) else {
            throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.organisation")))
        }
        guard ReferenceData.shared.regions.contains(where: { $0.municipalities.contains { $0.id == p.municipality } }) else {
            throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.municipality")))
        }
        _ = try Validation.vocabulary(p.gender, "genders", field: "gender")
        p.languages = try MatchValidation.languages(p.languages)
        if let y = p.birthYear, !(1900...(today.year - 16)).contains(y) { throw SchakelError(.validation, L10n.t("maatjes.validation.birthYear", today.year - 16)) }
        if let n = p.notes { p.notes = try Validation.text(n, field: "notes", max: 4000).nilIfBlank }
        var a = availability
        let unknown = DayPartSet.unknown(a.dayParts)
        guard unknown.isEmpty else { throw SchakelError(.validation, L10n.t("maatjes.validation.dayParts", unknown.joined(separator: ", "))) }
        a.dayParts = DayPartSet(labels: a.dayParts).labels
        guard (0...10).contains(a.capacity) else { throw SchakelError(.validation, L10n.t("maatjes.validation.capacity")) }
        var s = screening
        if let v = s.vogDate, v > today { throw SchakelError(.validation, L10n.t("maatjes.validation.vogFuture")) }
        s.trainings = try Validation.list(s.trainings.map { try Validation.line($0, field: "trainings", max: 120) }.filter { !$0.isEmpty }, field: "trainings")
        try put(p, entity: id)
        try put(a, entity: id)
        try put(s, entity: id)
        return id
    }

    // MARK: requests

    /// A case asks for a buddy. One waiting request per type per case.
    @discardableResult
    public func createMatchRequest(_ caseID: UUID, _ record: MatchRequestRecord, id: UUID = UUID()) throws -> UUID {
        let r = try validatedRequest(record)
        let file = try currentCase(caseID)
        if file.matchRequests.contains(where: { $0.key != id && $0.value.status == "wachtend" && $0.value.maatjeType == r.maatjeType }) {
            throw SchakelError(.validation, L10n.t("maatjes.validation.requestExists", ReferenceData.shared.label("maatjeTypes", r.maatjeType)))
        }
        try put(r, entity: id, caseID: caseID)
        return id
    }

    /// Withdraws a waiting request (the client no longer wants a buddy). Open proposals for it are stopped.
    public func withdrawMatchRequest(_ caseID: UUID, request id: UUID, on day: CalendarDate) throws {
        guard var r = try currentCase(caseID).matchRequests[id] else { throw SchakelError(.notFound, L10n.t("maatjes.error.requestNotFound")) }
        r.status = "ingetrokken"
        try put(r, entity: id, caseID: caseID)
        for (mid, var m) in try matchRecords() where m.request == id && MatchLifecycle.open.contains(m.status) {
            m.status = "gestopt"; m.endedOn = day
            try put(m, entity: mid)
        }
    }

    func validatedRequest(_ record: MatchRequestRecord) throws -> MatchRequestRecord {
        var r = record
        r.maatjeType = try Validation.vocabulary(r.maatjeType, "maatjeTypes", field: "maatjeType")
        guard MatchRequestRecord.urgencies.contains(r.urgency) else { throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.urgency"))) }
        guard MatchRequestRecord.statuses.contains(r.status) else { throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.status"))) }
        if let l = r.language?.nilIfBlank { r.language = try MatchValidation.languages([l]).first } else { r.language = nil; r.languageHard = false }
        if let g = r.buddyGender?.nilIfBlank { r.buddyGender = try Validation.vocabulary(g, "genders", field: "buddyGender") } else { r.buddyGender = nil; r.buddyGenderHard = false }
        if let m = r.municipality?.nilIfBlank {
            guard ReferenceData.shared.regions.contains(where: { $0.municipalities.contains { $0.id == m } }) else {
                throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.municipality")))
            }
        } else { r.municipality = nil; r.municipalityHard = false }
        if let parts = r.dayParts {
            let unknown = DayPartSet.unknown(parts)
            guard unknown.isEmpty else { throw SchakelError(.validation, L10n.t("maatjes.validation.dayParts", unknown.joined(separator: ", "))) }
            r.dayParts = parts.isEmpty ? nil : DayPartSet(labels: parts).labels
        }
        if r.waitingSince > today { throw SchakelError(.validation, L10n.t("validation.futureDate")) }
        if let n = r.callName { r.callName = try Validation.line(n, field: "callName", max: 60).nilIfBlank }
        if let y = r.clientBirthYear, !(1900...today.year).contains(y) { throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.clientBirthYear"))) }
        if let n = r.buddyNote { r.buddyNote = try Validation.text(n, field: "buddyNote", max: 1000).nilIfBlank }
        return r
    }

    // MARK: matches

    func matchRecords() throws -> [(id: UUID, value: MatchRecord)] {
        try store.recordsInTransaction(MatchRecord.self, db: db)
    }

    /// Proposes a buddy for a waiting request: a `MatchRecord` in status `voorgesteld`. Refused
    /// when the pair breaks a hard constraint (the reasons are in the message) or the request
    /// already has an open match.
    @discardableResult
    public func proposeMatch(request requestID: UUID, caseID: UUID, maatje: UUID, policy: MatchingPolicy, on day: CalendarDate) throws -> UUID {
        guard let record = try currentCase(caseID).matchRequests[requestID] else { throw SchakelError(.notFound, L10n.t("maatjes.error.requestNotFound")) }
        guard record.status == "wachtend" else { throw SchakelError(.validation, L10n.t("maatjes.error.requestNotWaiting")) }
        let matches = try matchRecords()
        if matches.contains(where: { $0.value.request == requestID && policy.loadStatuses.contains($0.value.status) }) {
            throw SchakelError(.validation, L10n.t("maatjes.error.alreadyProposed"))
        }
        let profiles = try store.recordsInTransaction(MaatjeProfile.self, db: db)
        guard let profile = profiles.first(where: { $0.id == maatje }) else { throw SchakelError(.notFound, L10n.t("maatjes.error.buddyNotFound")) }
        let availability = try store.recordsInTransaction(MaatjeAvailability.self, db: db).first { $0.id == maatje }?.value
        let screening = try store.recordsInTransaction(MaatjeScreening.self, db: db).first { $0.id == maatje }?.value
        let load = BuddyCandidate.activeLoads(matches.map(\.value), policy: policy)[maatje, default: 0]
        let buddy = BuddyCandidate(id: maatje, profile: profile.value, availability: availability, screening: screening, activeLoad: load)
        let request = BuddyRequest(id: requestID, caseID: caseID, record: record, clientBirthYear: record.clientBirthYear)
        let failed = MatchingEngine(policy: policy).explain(request, buddy).filter { !$0.passed }
        guard failed.isEmpty else {
            throw SchakelError(.validation, L10n.t("maatjes.error.hardConstraint", failed.map { $0.reason.text() }.joined(separator: "; ")))
        }
        let id = UUID()
        try put(MatchRecord(request: requestID, caseID: caseID, maatje: maatje, status: "voorgesteld", since: day, proposedOn: day), entity: id)
        return id
    }

    /// Moves a match one step on (voorgesteld → kennismaking → actief → afgerond; gestopt from
    /// any open step), with the day of the step and, at the end, a short evaluation. Going
    /// active marks the request `gekoppeld`; stopping puts the request back on the waiting list.
    public func advanceMatch(_ id: UUID, to status: String, on day: CalendarDate, evaluation: String? = nil) throws {
        guard var m = try matchRecords().first(where: { $0.id == id })?.value else { throw SchakelError(.notFound, L10n.t("maatjes.error.matchNotFound")) }
        guard MatchLifecycle.allowed(from: m.status).contains(status) else {
            throw SchakelError(.validation, L10n.t("maatjes.error.transition", L10n.t("match.status.\(m.status)"), L10n.t("match.status.\(status)")))
        }
        if day > today { throw SchakelError(.validation, L10n.t("validation.futureDate")) }
        let previous = [m.proposedOn, m.introductionOn, m.activeOn, m.since].compactMap { $0 }.max() ?? m.since
        if day < previous { throw SchakelError(.validation, L10n.t("maatjes.error.beforePrevious", previous.dutch)) }
        if let e = evaluation { m.evaluation = try Validation.text(e, field: "evaluation", max: 2000).nilIfBlank }
        if MatchLifecycle.closed.contains(status) && m.evaluation == nil {
            throw SchakelError(.validation, L10n.t("maatjes.validation.evaluation"))
        }
        m.status = status
        m.since = day
        switch status {
        case "kennismaking": m.introductionOn = day
        case "actief": m.activeOn = day
        default: m.endedOn = day
        }
        try put(m, entity: id)
        let file = try currentCase(m.caseID)
        if var r = file.matchRequests[m.request] {
            let newStatus: String? = status == "actief" ? "gekoppeld" : (status == "gestopt" && r.status != "ingetrokken" ? "wachtend" : nil)
            if let newStatus, newStatus != r.status { r.status = newStatus; try put(r, entity: m.request, caseID: m.caseID) }
        }
    }

    /// A check-in with buddy and client of an open match: the day and a short note.
    public func recordCheckIn(_ id: UUID, on day: CalendarDate, note: String?) throws {
        guard var m = try matchRecords().first(where: { $0.id == id })?.value else { throw SchakelError(.notFound, L10n.t("maatjes.error.matchNotFound")) }
        guard MatchLifecycle.open.contains(m.status) else { throw SchakelError(.validation, L10n.t("maatjes.error.closed")) }
        if day > today { throw SchakelError(.validation, L10n.t("validation.futureDate")) }
        m.lastCheckIn = day
        m.checkInNote = try note.map { try Validation.text($0, field: "checkInNote", max: 1000) }?.nilIfBlank
        try put(m, entity: id)
    }
}

/// The steps of a match and the follow-up it needs.
public enum MatchLifecycle {
    public static let open: Set<String> = ["voorgesteld", "kennismaking", "actief"]
    public static let closed: Set<String> = ["afgerond", "gestopt"]

    public static func allowed(from status: String) -> [String] {
        switch status {
        case "voorgesteld": return ["kennismaking", "gestopt"]
        case "kennismaking": return ["actief", "gestopt"]
        case "actief": return ["afgerond", "gestopt"]
        default: return []
        }
    }

    /// Days after a step when the coordinator should look again: plan the introduction
    /// within 14 days of proposing, decide within 21 days of meeting, check in every 42
    /// days while active.
    public struct Intervals: Equatable, Sendable {
        public var proposed = 14, introduction = 21, active = 42
        public init(proposed: Int = 14, introduction: Int = 21, active: Int = 42) {
            self.proposed = proposed; self.introduction = introduction; self.active = active
        }
    }

    /// When the next check-in is due, or nil for a closed match.
    public static func checkInDue(_ m: MatchRecord, intervals: Intervals = Intervals()) -> CalendarDate? {
        let last = m.lastCheckIn
        switch m.status {
        case "voorgesteld": return max(m.proposedOn ?? m.since, last ?? m.since).adding(days: intervals.proposed)
        case "kennismaking": return max(m.introductionOn ?? m.since, last ?? m.since).adding(days: intervals.introduction)
        case "actief": return max(m.activeOn ?? m.since, last ?? m.since).adding(days: intervals.active)
        default: return nil
        }
    }

    public static func isCheckInDue(_ m: MatchRecord, on day: CalendarDate, intervals: Intervals = Intervals()) -> Bool {
        checkInDue(m, intervals: intervals).map { $0 <= day } ?? false
    }
}

enum MatchValidation {
    /// Language codes or names (Dutch or English) → codes from the reference data.
    static func languages(_ values: [String]) throws -> [String] {
        let ref = ReferenceData.shared.languages
        var out: [String] = []
        for raw in values {
            let v = raw.trimmingCharacters(in: .whitespaces).lowercased()
            guard !v.isEmpty else { continue }
            guard let l = ref.first(where: { $0.code.lowercased() == v || $0.nl.lowercased() == v || $0.en.lowercased() == v }) else {
                throw SchakelError(.validation, L10n.t("maatjes.validation.language", raw))
            }
            if !out.contains(l.code) { out.append(l.code) }
        }
        return out
    }
}

extension Store {
    /// Every buddy request of every case, without opening the case files: only the
    /// `match-request` entities are decrypted. This is what the maatjes pane shows a
    /// maatjescoördinator, who may not read case files.
    public func matchRequests() throws -> [(caseID: UUID, id: UUID, record: MatchRequestRecord)] {
        try pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT s.entity_id, s.case_id, e.id, e.payload FROM entity_state s JOIN event e ON e.id = s.event_id
                WHERE s.entity_kind = ? AND s.field_group = ? AND s.removed = 0
                """, arguments: [MatchRequestRecord.kind.rawValue, MatchRequestRecord.group]).compactMap { row -> (UUID, UUID, MatchRequestRecord)? in
                guard let caseData: Data = row["case_id"], let caseID = UUID(data: caseData), let sealer = try caseSealer(caseID, db: db) else { return nil }
                let v = try decodeEvent(id: row["id"], kind: MatchRequestRecord.kind.rawValue, group: MatchRequestRecord.group, payload: row["payload"], sealer: sealer)
                guard let r = v as? MatchRequestRecord else { return nil }
                return (caseID, UUID(data: row["entity_id"])!, r)
            }
        }
    }
}

extension String {
    var nilIfBlank: String? { trimmingCharacters(in: .whitespacesAndNewlines).isEmpty ? nil : self }
}
