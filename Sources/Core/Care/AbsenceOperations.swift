import Foundation
import GRDB

/// Afwezigheid: a coordinator's active cases go to their backups for a period, each with a
/// handover note, and come back with a return note. The case's coordinator field does not
/// change (no churn in the log, nothing to undo): who holds a case on a day is derived
/// (`CaseHolder`). Sync (#8) shares each case with its backup's device by default.
extension StoreTransaction {
    @discardableResult
    public func startAbsence(coordinator: UUID, from: CalendarDate, until: CalendarDate,
                             userName: @escaping (UUID) -> String) throws -> (id: UUID, cases: Int) {
        guard until >= from else { throw SchakelError(.validation, L10n.t("validation.endBeforeStart")) }
        guard until >= today else { throw SchakelError(.validation, L10n.t("absence.inPast")) }
        let all = try Self.absencesIn(db, store: store).map(\.value).filter { $0.handedBackOn == nil }
        // Overlapping periods of the same coordinator: one absence at a time.
        guard !all.contains(where: { $0.coordinator == coordinator && $0.from <= until && from <= $0.until }) else {
            throw SchakelError(.validation, L10n.t("absence.overlaps"))
        }
        let summaries = try store.summaries(db: db, coordinator: coordinator).filter { $0.phase.isActive && $0.coordinator == coordinator }
        let missing = summaries.filter { $0.backup == nil || $0.backup == coordinator }.map(\.code.description).sorted()
        guard missing.isEmpty else {
            throw SchakelError(.validation, L10n.t("absence.noBackup", missing.prefix(8).joined(separator: ", ") + (missing.count > 8 ? " …" : "")))
        }
        // A backup who is away in the same period cannot take over: name those cases too.
        let awayBackups = Set(all.filter { $0.from <= until && from <= $0.until }.map(\.coordinator))
        let uncovered = summaries.filter { $0.backup.map(awayBackups.contains) ?? false }.map(\.code.description).sorted()
        guard uncovered.isEmpty else {
            throw SchakelError(.validation, L10n.t("absence.backupAway", uncovered.prefix(8).joined(separator: ", ") + (uncovered.count > 8 ? " …" : "")))
        }
        for s in summaries {
            let file = try currentCase(s.id)
            let text = HandoverSummary(file: file, today: today, userName: userName).text(from: from, until: until, backup: s.backup!)
            try put(TimelineNote(on: today, author: author, text: text, kind: TimelineNote.handoverKind), entity: UUID(), caseID: s.id)
        }
        let id = UUID()
        let absence = Absence(coordinator: coordinator, from: from, until: until, cases: summaries.map(\.id))
        _ = try Self.validatedCare(absence, today: today)
        try put(absence, entity: id)
        audit("absence-started", detail: "\(summaries.count)")
        return (id, summaries.count)
    }

    /// Hands the cases back (early, or after the period): a return note on each case.
    public func endAbsence(_ id: UUID, userName: @escaping (UUID) -> String) throws {
        guard var absence = try Self.absencesIn(db, store: store).first(where: { $0.id == id })?.value else {
            throw SchakelError(.notFound, L10n.t("error.itemNotFound"))
        }
        guard absence.handedBackOn == nil else { throw SchakelError(.validation, L10n.t("absence.alreadyEnded")) }
        for caseID in absence.cases {
            guard let file = try? currentCase(caseID), file.phase != nil else { continue } // erased since
            let text = HandoverSummary(file: file, today: today, userName: userName).returnText(absence: absence, backup: file.coordination?.backup)
            try put(TimelineNote(on: today, author: author, text: text, kind: TimelineNote.handoverKind), entity: UUID(), caseID: caseID)
        }
        absence.handedBackOn = today
        try put(absence, entity: id)
        audit("absence-ended", detail: "\(absence.cases.count)")
    }

    static func absencesIn(_ db: Database, store: Store) throws -> [(id: UUID, value: Absence)] {
        try store.recordsInTransaction(Absence.self, db: db)
    }
}

/// Who holds a case on a day: its coordinator, or the backup while an absence covers it.
public struct CaseHolder {
    private var coveredBy: [UUID: UUID] = [:]   // case → backup holding it
    public let absences: [(id: UUID, value: Absence)]

    public init(absences: [(id: UUID, value: Absence)], summaries: [UUID: CaseSummary], on day: CalendarDate) {
        self.absences = absences
        for (_, a) in absences where a.isCovering(on: day) {
            for c in a.cases { if let b = summaries[c]?.backup, summaries[c]?.coordinator == a.coordinator { coveredBy[c] = b } }
        }
    }

    /// The user who holds the case today.
    public func holder(_ s: CaseSummary) -> UUID { coveredBy[s.id] ?? s.coordinator }
    /// True while a backup holds the case for an absent coordinator.
    public func isCovered(_ s: CaseSummary) -> Bool { coveredBy[s.id] != nil }
    public func isCoveredCase(_ id: UUID) -> Bool { coveredBy[id] != nil }
    /// The running (not yet handed back) absence of a coordinator, if any.
    public func openAbsence(of coordinator: UUID) -> (id: UUID, value: Absence)? {
        absences.first { $0.value.coordinator == coordinator && $0.value.handedBackOn == nil }
    }
}
