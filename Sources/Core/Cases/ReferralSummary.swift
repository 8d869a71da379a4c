import Foundation

/// A minimal summary of a case for a provider asked to take the client (a placement
/// request): the coordinator picks field by field; nothing else leaves. Writing it records
/// a disclosure with exactly the chosen fields.
public struct ReferralSummary {
    public struct Field: Equatable, Sendable {
        public let path: String
        public let label: String
        public let value: String
        /// Identifying or special-category: shown with a mark when choosing.
        public let sensitive: Bool
    }

    public let file: CaseFile
    public let today: CalendarDate

    public init(file: CaseFile, today: CalendarDate) { self.file = file; self.today = today }

    /// Fields the case has a value for, in a sensible order, least identifying first.
    /// Blocked fields (a secret address) are never offered.
    public var availableFields: [Field] {
        let ref = ReferenceData.shared
        var out: [Field] = []
        func add(_ path: String, _ key: String, _ value: String?, sensitive: Bool = false) {
            guard let value, !value.isEmpty, SharingGuard.mayLeave(path, of: file) else { return }
            out.append(Field(path: path, label: L10n.t(key), value: value, sensitive: sensitive))
        }
        add("case.opening.code", "field.code", file.code?.description)
        add("client.identity.age", "field.age", file.age(on: today).map { "\($0)" + (file.identity?.birthDate?.isEstimated == true ? " (geschat)" : "") })
        add("client.identity.gender", "field.gender", file.identity.map { ref.label("genders", $0.gender) })
        add("client.origin.languages", "field.languages", file.origin.map { $0.languages.map(ref.languageName).joined(separator: ", ") })
        add("client.origin.interpreterNeeded", "field.interpreter", file.origin.map { L10n.t($0.interpreterNeeded ? "ui.yes" : "ui.no") })
        add("client.status.residenceStatus", "field.residenceStatus", file.status.map { ref.label("residenceStatuses", $0.residenceStatus) }, sensitive: true)
        add("case.exploitation.forms", "field.forms", file.exploitation.map { $0.forms.map { ref.label("exploitationForms", $0) }.joined(separator: ", ") }, sensitive: true)
        add("case.needs.levels", "field.needs", file.needs.map { n in
            n.levels.sorted { $0.key < $1.key }.map { "\(ref.label("needDomains", $0.key)): \(ref.label("needLevels", $0.value))" }.joined(separator: "; ")
        }, sensitive: true)
        let rejections = file.placementAttempts.values.filter { !$0.accepted }.compactMap(\.rejectionReason)
        add("placement-attempt.main.rejectionReason", "field.earlierRejections",
            rejections.isEmpty ? nil : Set(rejections).sorted().map { ref.label("placementRejectionReasons", $0) }.joined(separator: ", "))
        add("case.goals.goals", "field.goals", file.goals?.goals, sensitive: true)
        add("case.safety.plan", "field.safetyPlan", file.safety?.plan, sensitive: true)
        add("client.identity.name", "field.name", file.identity?.fullName, sensitive: true)
        add("client.identity.birthDate", "field.birthDate", file.identity?.birthDate.map(\.display), sensitive: true)
        add("client.contact.phone", "field.phone", file.contact?.phone, sensitive: true)
        add(SharingGuard.addressPath, "field.address", file.contact?.address, sensitive: true)
        return out
    }

    /// The Markdown text for the chosen fields.
    public func markdown(fields chosen: [Field], recipient: String, purpose: String) -> String {
        var lines = ["# " + L10n.t("referral.title", file.code?.description ?? ""), "",
                     L10n.t("referral.meta", CareLabels.organisation(recipient), ReferenceData.shared.label("sharingPurposes", purpose), today.dutch), ""]
        for f in chosen { lines.append("- **\(f.label)**: \(f.value.replacingOccurrences(of: "\n", with: " "))") }
        lines += ["", L10n.t("referral.footer")]
        return lines.joined(separator: "\n") + "\n"
    }
}

extension StoreTransaction {
    /// Records that the chosen fields went to a recipient (for the disclosure register).
    @discardableResult
    public func recordDisclosure(_ caseID: UUID, recipient: String, purpose: String, legalBasis: String, fields: [String], on day: CalendarDate) throws -> UUID {
        let file = try currentCase(caseID)
        _ = try Validation.vocabulary(purpose, "sharingPurposes", field: "purpose")
        _ = try Validation.vocabulary(legalBasis, "legalBases", field: "legalBasis")
        _ = try Validation.line(recipient, field: "recipient", required: true, max: 120)
        guard !fields.isEmpty else { throw SchakelError(.validation, L10n.t("referral.noFields")) }
        let blocked = SharingGuard.blockedPaths(file)
        guard blocked.isDisjoint(with: fields) else { throw SchakelError(.notAllowed, L10n.t("referral.blocked")) }
        return try addItem(caseID, Disclosure(on: day, recipient: recipient, purpose: purpose, legalBasis: legalBasis, fields: fields))
    }
}
