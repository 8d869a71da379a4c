import Foundation

/// What the buddy side may know of a client: only what the match needs. It is built from
/// the request alone (the case's coordinator chose the call name and the note for the buddy
/// when asking), never from the case file, so the maatjescoördinator, who may not read case
/// files, can show and send it. It is exactly what an export to the buddy organisation holds.
public struct BuddySummary: Equatable, Sendable {
    public struct Line: Equatable, Sendable {
        /// The field path for the disclosure register.
        public let path: String
        public let label: String
        public let value: String
    }

    public let caseCode: String
    public let lines: [Line]
    public let today: CalendarDate

    /// - Parameters:
    ///   - contact: who the buddy organisation contacts: the coordinator's function and organisation, never a name.
    public init(caseCode: String, request: MatchRequestRecord, contact: String?, today: CalendarDate) {
        let ref = ReferenceData.shared
        var out: [Line] = []
        func add(_ path: String, _ key: String, _ value: String?) {
            guard let value, !value.isEmpty else { return }
            out.append(Line(path: path, label: L10n.t(key), value: value))
        }
        add("case.opening.code", "field.code", caseCode)
        add("match-request.main.maatjeType", "field.maatjeType", ref.label("maatjeTypes", request.maatjeType))
        add("match-request.main.callName", "buddySummary.callName", request.callName)
        add("match-request.main.clientBirthYear", "field.age", request.clientBirthYear.map { L10n.t("buddySummary.about", today.year - $0) })
        add("match-request.main.language", "field.language", request.language.map(ref.languageName))
        add("match-request.main.municipality", "field.municipality", request.municipality.map(ref.municipalityName))
        add("match-request.main.dayParts", "field.dayParts", request.dayParts.flatMap { $0.isEmpty ? nil : DayPartSet(labels: $0).labels.joined(separator: ", ") })
        add("match-request.main.buddyNote", "buddySummary.note", request.buddyNote)
        add("case.coordination.coordinator", "field.contact", contact)
        self.caseCode = caseCode
        self.lines = out
        self.today = today
    }

    public var fieldPaths: [String] { lines.map(\.path) }

    /// The text shown on screen and written to the file (Markdown).
    public func markdown(recipient: String) -> String {
        var out = ["# " + L10n.t("buddySummary.title", caseCode), "",
                   L10n.t("buddySummary.meta", CareLabels.organisation(recipient), today.dutch), ""]
        for l in lines { out.append("- **\(l.label)**: \(l.value.replacingOccurrences(of: "\n", with: " "))") }
        out += ["", L10n.t("buddySummary.footer")]
        return out.joined(separator: "\n") + "\n"
    }
}

extension StoreTransaction {
    /// Records that the buddy-facing summary went to the buddy organisation (purpose
    /// `maatjeskoppeling`), before the file is written.
    @discardableResult
    public func recordBuddySummary(_ caseID: UUID, summary: BuddySummary, recipient: String, legalBasis: String, on day: CalendarDate) throws -> UUID {
        try recordDisclosure(caseID, recipient: recipient, purpose: "maatjeskoppeling", legalBasis: legalBasis, fields: summary.fieldPaths, on: day)
    }
}
