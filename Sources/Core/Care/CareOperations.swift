import Foundation

/// The coordinator's everyday writes on a case: contact, actions, placements, the care
/// network. Each validates, then records events in the caller's transaction.
extension StoreTransaction {
    /// Logs a note of a kind (`noteKinds`): "contact" resets the no-contact signal.
    @discardableResult
    public func logNote(_ caseID: UUID, kind: String, text: String, on day: CalendarDate) throws -> UUID {
        _ = try Validation.vocabulary(kind, "noteKinds", field: "noteKind")
        guard day <= today else { throw SchakelError(.validation, L10n.t("validation.futureDate")) }
        let file = try currentCase(caseID)
        if let opened = file.opening?.openedOn, day < opened.adding(days: -366) {
            // Notes may describe what happened before the case was opened, but not years before.
            throw SchakelError(.validation, L10n.t("validation.noteBeforeCase", opened.dutch))
        }
        let id = UUID()
        try put(TimelineNote(on: day, author: author, text: try Validation.text(text, field: "note", required: true), kind: kind), entity: id, caseID: caseID)
        return id
    }

    /// Marks an action done (or lapsed) on a day.
    public func finishAction(_ caseID: UUID, actionID: UUID, status: String = "gedaan", on day: CalendarDate) throws {
        let file = try currentCase(caseID)
        guard var action = file.actions[actionID] else { throw SchakelError(.notFound, L10n.t("error.itemNotFound")) }
        guard status != "open" else { throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.status"))) }
        action.status = status
        action.doneOn = day
        try addItem(caseID, action, id: actionID)
    }

    /// Records an attempt to find a place. An accepted one starts the placement (ending the
    /// current one) and ends the wait for onward care; a rejected one starts that wait.
    @discardableResult
    public func recordPlacementAttempt(_ caseID: UUID, _ attempt: PlacementAttempt) throws -> UUID {
        let file = try currentCase(caseID)
        guard attempt.on <= today else { throw SchakelError(.validation, L10n.t("validation.futureDate")) }
        let id = try addItem(caseID, attempt)
        if attempt.accepted {
            for (pid, p) in file.placements where p.until == nil && p.from <= attempt.on {
                var ended = p; ended.until = attempt.on
                try addItem(caseID, ended, id: pid)
            }
            try addItem(caseID, Placement(shelterType: attempt.shelterType, organisation: attempt.organisation, from: attempt.on))
            if var wait = file.onwardCare, wait.isWaiting {
                wait.resolvedOn = attempt.on
                try update(caseID, wait)
            }
        } else if file.onwardCare?.isWaiting != true {
            try update(caseID, OnwardCare(need: attempt.shelterType, since: attempt.on))
        }
        return id
    }

    /// Validation of the groups the caseload issue added (called from `validated`).
    static func validatedCare<G: FieldGroup>(_ value: G, today: CalendarDate?) throws -> G? {
        // Dates that record something that happened cannot lie in the future.
        func past(_ d: CalendarDate?) throws {
            if let d, let today, d > today { throw SchakelError(.validation, L10n.t("validation.futureDate")) }
        }
        switch value {
        case var v as CaseSafety:
            try past(v.reviewedOn)
            v.plan = try v.plan.map { try Validation.text($0, field: "safetyPlan", max: 5000) }.flatMap { $0.isEmpty ? nil : $0 }
            return (v as! G)
        case var v as TransitionPlan:
            try past(v.agreedOn)
            _ = try Validation.vocabulary(v.status, "transitionPlanStatuses", field: "status")
            v.receivingOrganisation = try v.receivingOrganisation.map { try Validation.line($0, field: "organisation", max: 120) }.flatMap { $0.isEmpty ? nil : $0 }
            v.plan = try v.plan.map { try Validation.text($0, field: "transitionPlan", max: 5000) }.flatMap { $0.isEmpty ? nil : $0 }
            if v.isAgreed && v.agreedOn == nil { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.agreedOn"))) }
            return (v as! G)
        case let v as OnwardCare:
            try past(v.since); try past(v.resolvedOn)
            _ = try Validation.vocabulary(v.need, "shelterTypes", field: "need")
            if let r = v.resolvedOn, r < v.since { throw SchakelError(.validation, L10n.t("validation.endBeforeStart")) }
            return value
        case var v as TimelineNote:
            if let k = v.kind { _ = try Validation.vocabulary(k, "noteKinds", field: "noteKind") }
            v.text = try Validation.text(v.text, field: "note", required: true)
            return (v as! G)
        case var v as Placement:
            try past(v.from); try past(v.until)
            _ = try Validation.vocabulary(v.shelterType, "shelterTypes", field: "shelterType")
            v.organisation = try Validation.line(v.organisation, field: "organisation", required: true, max: 120)
            if let u = v.until, u < v.from { throw SchakelError(.validation, L10n.t("validation.endBeforeStart")) }
            return (v as! G)
        case var v as CaseAction:
            try past(v.doneOn)
            v.title = try Validation.line(v.title, field: "title", required: true)
            v.owner = try Validation.line(v.owner, field: "owner", required: true, max: 120)
            guard CaseAction.statuses.contains(v.status) else { throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.status"))) }
            return (v as! G)
        case let v as Consent:
            try past(v.givenOn); try past(v.withdrawnOn)
            if let w = v.withdrawnOn, w < v.givenOn { throw SchakelError(.validation, L10n.t("validation.endBeforeStart")) }
            _ = try Validation.vocabulary(v.purpose, "sharingPurposes", field: "purpose")
            _ = try Validation.vocabulary(v.legalBasis, "legalBases", field: "legalBasis")
            return value
        case let v as Absence:
            guard v.until >= v.from else { throw SchakelError(.validation, L10n.t("validation.endBeforeStart")) }
            guard v.from.days(until: v.until) <= 366 else { throw SchakelError(.validation, L10n.t("absence.tooLong")) }
            return value
        default:
            return nil
        }
    }
}
