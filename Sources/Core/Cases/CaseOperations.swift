import Foundation
import GRDB

/// The domain's write operations. Each validates its input, then records events.
/// They run inside a `StoreTransaction`, so a batch of them commits atomically.
extension StoreTransaction {
    /// The case as it stands inside this transaction.
    public func currentCase(_ caseID: UUID) throws -> CaseFile {
        guard try Bool.fetchOne(db, sql: "SELECT 1 FROM case_index WHERE case_id = ?", arguments: [caseID.data]) == true
                || newCaseKeys[caseID] != nil else {
            throw SchakelError(.notFound, L10n.t("error.caseNotFound"))
        }
        return try caseSnapshot(caseID)
    }

    /// Opens a case with a fresh, unique case code.
    @discardableResult
    public func openCase<G: RandomNumberGenerator>(_ new: NewCase, rng: inout G) throws -> (id: UUID, code: CaseCode) {
        let identity = try Self.validated(new.identity, today: today)
        let referral = try Self.validated(new.referral)
        _ = try Validation.line(new.region, field: "region", required: true, max: 64)
        _ = try Validation.line(new.municipality, field: "municipality", required: true, max: 64)
        guard CaseOpening.urgencies.contains(new.urgency) else { throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.urgency"))) }
        let code = try freshCode(year: new.openedOn.year, rng: &rng)
        let id = UUID()
        try put(CaseOpening(code: code, openedOn: new.openedOn, urgency: new.urgency), entity: id, caseID: id)
        try put(CasePhase(phase: new.phase, since: new.openedOn), entity: id, caseID: id)
        try put(CaseCoordination(coordinator: new.coordinator, backup: new.backup, region: new.region, municipality: new.municipality), entity: id, caseID: id)
        try put(identity, entity: id, caseID: id)
        try put(referral, entity: id, caseID: id)
        if let o = new.origin { try put(try Self.validated(o), entity: id, caseID: id) }
        if let c = new.contact { try put(try Self.validated(c), entity: id, caseID: id) }
        if let s = new.status { try put(try Self.validated(s), entity: id, caseID: id) }
        if let e = new.exploitation { try put(try Self.validated(e), entity: id, caseID: id) }
        try put(ComenshaRegistration(status: "te-melden"), entity: id, caseID: id)
        return (id, code)
    }

    public func openCase(_ new: NewCase) throws -> (id: UUID, code: CaseCode) {
        var rng = SystemRandomNumberGenerator()
        return try openCase(new, rng: &rng)
    }

    /// Moves a case to another phase, if the workflow allows it. Closing and reopening need a reason.
    public func changePhase(_ caseID: UUID, to phase: Phase, on day: CalendarDate, reason: String? = nil, note: String? = nil) throws {
        let file = try currentCase(caseID)
        guard let current = file.phase else { throw SchakelError(.notFound, L10n.t("error.caseNotFound")) }
        guard current.phase.canMove(to: phase) else {
            throw SchakelError(.validation, L10n.t("validation.phaseTransition", current.phase.label, phase.label))
        }
        if current.phase.needsReason(to: phase) && (reason ?? "").isEmpty {
            throw SchakelError(.validation, L10n.t("validation.reasonRequired"))
        }
        if let reason {
            let vocabulary = phase == .afgesloten ? "closureReasons" : "phaseChangeReasons"
            _ = try Validation.vocabulary(reason, vocabulary, field: "reason")
        }
        guard day >= current.since else { throw SchakelError(.validation, L10n.t("validation.dateBeforePhase")) }
        try put(CasePhase(phase: phase, since: day, reason: reason, note: try note.map { try Validation.text($0, field: "note") }),
                entity: caseID, caseID: caseID)
    }

    /// Adds a note to the case timeline.
    @discardableResult
    public func addNote(_ caseID: UUID, text: String, on day: CalendarDate) throws -> UUID {
        _ = try currentCase(caseID)
        let id = UUID()
        try put(TimelineNote(on: day, author: author, text: try Validation.text(text, field: "note", required: true)), entity: id, caseID: caseID)
        return id
    }

    /// Sets the reflection period; it may last at most three months (DOMAIN.md §2 step 5).
    public func setBedenktijd(_ caseID: UUID, start: CalendarDate, end: CalendarDate) throws {
        guard end >= start else { throw SchakelError(.validation, L10n.t("validation.endBeforeStart")) }
        guard end <= start.adding(months: 3) else { throw SchakelError(.validation, L10n.t("validation.bedenktijdTooLong")) }
        _ = try currentCase(caseID)
        try put(Bedenktijd(start: start, end: end), entity: caseID, caseID: caseID)
    }

    /// Any other case-level group, validated.
    public func update<G: FieldGroup>(_ caseID: UUID, _ value: G) throws {
        _ = try currentCase(caseID)
        try put(try Self.validated(value, today: today), entity: caseID, caseID: caseID)
    }

    /// A child item of a case (action, placement, care-network entry, consent, ...).
    @discardableResult
    public func addItem<G: FieldGroup>(_ caseID: UUID, _ value: G, id: UUID = UUID()) throws -> UUID {
        _ = try currentCase(caseID)
        try put(try Self.validated(value, today: today), entity: id, caseID: caseID)
        return id
    }

    // MARK: validation of groups

    static func validated<G: FieldGroup>(_ value: G, today: CalendarDate? = nil) throws -> G {
        if let v = try validatedCare(value, today: today) { return v }
        switch value {
        case var v as ClientIdentity:
            if let b = v.birthDate, let today, !b.isPlausible(on: today) {
                throw SchakelError(.validation, L10n.t("validation.birthDateImplausible"))
            }
            v.givenNames = try Validation.line(v.givenNames, field: "givenNames", max: 100)
            v.familyName = try Validation.line(v.familyName, field: "familyName", max: 100)
            v.aliases = try Validation.list(v.aliases, field: "aliases", max: 20)
            _ = try Validation.vocabulary(v.gender, "genders", field: "gender")
            v.personDescription = try v.personDescription.map { try Validation.text($0, field: "personDescription", max: 500) }.flatMap { $0.isEmpty ? nil : $0 }
            if v.givenNames.isEmpty && v.familyName.isEmpty && v.aliases.isEmpty && v.personDescription == nil {
                throw SchakelError(.validation, L10n.t("validation.describePerson"))
            }
            return v as! G
        case var v as ClientOrigin:
            v.nationalities = try Validation.list(v.nationalities, field: "nationalities", max: 5).map { $0.uppercased() }
            for n in v.nationalities where !ReferenceData.shared.countries.contains(where: { $0.code == n }) {
                throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.nationalities")))
            }
            v.languages = try Validation.list(v.languages, field: "languages", max: 10).map { $0.lowercased() }
            return v as! G
        case var v as ClientContact:
            v.phone = try v.phone.map { try Validation.line($0, field: "phone", max: 40) }
            v.address = try v.address.map { try Validation.line($0, field: "address", max: 200) }
            return v as! G
        case let v as ClientStatus:
            _ = try Validation.vocabulary(v.residenceStatus, "residenceStatuses", field: "residenceStatus")
            return v as! G
        case var v as CaseReferral:
            _ = try Validation.vocabulary(v.referrerType, "referrerTypes", field: "referrerType")
            v.organisation = try v.organisation.map { try Validation.line($0, field: "organisation", max: 120) }
            v.contactName = try v.contactName.map { try Validation.line($0, field: "contactName", max: 120) }
            v.contactPhone = try v.contactPhone.map { try Validation.line($0, field: "phone", max: 40) }
            return v as! G
        case var v as CaseExploitation:
            for f in v.forms { _ = try Validation.vocabulary(f, "exploitationForms", field: "forms") }
            for s in v.sectors { _ = try Validation.vocabulary(s, "sectors", field: "sectors") }
            for i in v.indicators { _ = try Validation.vocabulary(i, "indicators", field: "indicators") }
            v.description = try v.description.map { try Validation.text($0, field: "description") }
            return v as! G
        case let v as Bedenktijd:
            guard v.end >= v.start, v.end <= v.start.adding(months: 3) else {
                throw SchakelError(.validation, L10n.t("validation.bedenktijdTooLong"))
            }
            return value
        case var v as PlacementAttempt:
            if let r = v.rejectionReason { _ = try Validation.vocabulary(r, "placementRejectionReasons", field: "rejectionReason") }
            if !v.accepted && v.rejectionReason == nil { throw SchakelError(.validation, L10n.t("validation.rejectionReasonRequired")) }
            v.note = try v.note.map { try Validation.text($0, field: "note") }
            return v as! G
        case var v as CareNetworkEntry:
            v.contactName = try v.contactName.map { try Validation.line($0, field: "contactName", max: 120) }
            v.role = try Validation.line(v.role, field: "role", required: true, max: 120)
            v.agreement = try v.agreement.map { try Validation.text($0, field: "agreement", max: 2000) }
            return v as! G
        case let v as ComenshaRegistration:
            _ = try Validation.vocabulary(v.status, "comenshaStatuses", field: "status")
            if let b = v.legalBasis { _ = try Validation.vocabulary(b, "legalBases", field: "legalBasis") }
            return value
        case var v as ClientGoals:
            v.goals = try Validation.text(v.goals, field: "goals")
            _ = try Validation.vocabulary(v.preferredTerm, "preferredTerms", field: "preferredTerm")
            return v as! G
        default:
            return value
        }
    }

    private func freshCode<G: RandomNumberGenerator>(year: Int, rng: inout G) throws -> CaseCode {
        for _ in 0..<64 {
            let code = CaseCode.random(year: year, using: &rng)
            if try Bool.fetchOne(db, sql: "SELECT 1 FROM case_index WHERE code = ?", arguments: [code.description]) != true,
               !pendingCodes.contains(code) {
                pendingCodes.insert(code)
                return code
            }
        }
        throw SchakelError(.validation, L10n.t("error.codeSpaceExhausted"))
    }
}
