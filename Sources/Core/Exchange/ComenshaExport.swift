import Foundation

/// The CoMensha registration data set (DOMAIN.md §2 step 4): no name, no birth date, no
/// free text. Sent on behalf of the coordinator, it names their organisation and function,
/// never their person (coordinator safety, DOMAIN.md §5). Each exported case gets a
/// disclosure record: who received which fields, for what, on which legal basis.
public struct ComenshaExport {
    public enum Selection: String, CaseIterable, Sendable { case toReport = "te-melden", reported = "gemeld", all = "alle" }

    public static let columns = ["casuscode", "datum_aanmelding", "datum_melding", "nationaliteit", "gender", "leeftijdscategorie",
                                 "uitbuitingsvormen", "sectoren", "binnenlands_grensoverschrijdend", "melder_type", "meldende_instantie",
                                 "regio", "grondslag"]
    /// The fields that leave the store, for the disclosure record.
    public static let disclosedFields = ["case.opening.code", "case.opening.openedOn", "case.comensha.date", "client.origin.nationalities",
                                         "client.identity.gender", "age-band", "case.exploitation.forms", "case.exploitation.sectors",
                                         "case.exploitation.crossBorder", "case.referral.referrerType", "case.coordination.region",
                                         "case.comensha.legalBasis"]

    public let store: Store
    public init(store: Store) { self.store = store }

    public struct Result { public var rows: [[String]]; public var caseIDs: [UUID] }

    /// `withMyName`: the coordinator explicitly chooses to be named (off by default).
    public func build(selection: Selection, from: CalendarDate?, to: CalendarDate?, withMyName: Bool = false) throws -> Result {
        let me = try store.user(store.userID)
        let org = me.map { ReferenceData.shared.organisation($0.organisation)?.name ?? $0.organisation } ?? ""
        let reporter = [org, me?.function ?? "", withMyName ? me?.name ?? "" : ""].filter { !$0.isEmpty }.joined(separator: ", ")
        var rows = [Self.columns]
        var ids: [UUID] = []
        var files: [(CaseSummary, CaseFile)] = []
        for s in try store.summaries() {
            // Registration follows intake (DOMAIN.md §2 steps 1-4): signals are not reported.
            if s.phase == .signaal || s.phase == .aanmelding { continue }
            if let from, s.openedOn < from { continue }
            if let to, s.openedOn > to { continue }
            let status = s.comenshaStatus ?? "te-melden"
            switch selection {
            case .toReport where status != "te-melden": continue
            case .reported where status == "te-melden": continue
            default: break
            }
            files.append((s, try store.caseFile(s.id)))
        }
        // One person reported twice (linked as the same person) is one registration: the earliest case.
        var groupsSeen = Set<UUID>()
        for (s, file) in files.sorted(by: { ($0.0.openedOn, $0.0.code) < ($1.0.openedOn, $1.0.code) }) {
            let samePerson = file.groupLinks.values.filter { $0.groupKind == "zelfde-persoon" }.map(\.groupID)
            if samePerson.contains(where: { groupsSeen.contains($0) }) { continue }
            groupsSeen.formUnion(samePerson)
            let age = file.identity?.birthDate?.age(on: s.openedOn)
            rows.append([
                s.code.description, s.openedOn.iso, file.comensha?.date?.iso ?? "",
                s.nationalities.joined(separator: "|"), s.gender, AgeBand(age: age).rawValue,
                s.forms.joined(separator: "|"), (file.exploitation?.sectors ?? []).joined(separator: "|"),
                file.exploitation?.crossBorder.map { $0 ? "grensoverschrijdend" : "binnenlands" } ?? "onbekend",
                file.referral?.referrerType ?? "", reporter, s.region, Self.legalBasis(file),
            ])
            ids.append(s.id)
        }
        return Result(rows: rows, caseIDs: ids)
    }

    /// The same basis in the file and in the disclosure register; a missing one is visible as such.
    static func legalBasis(_ file: CaseFile) -> String { file.comensha?.legalBasis ?? "niet-vastgelegd" }

    /// Records the disclosure for every exported case, and optionally marks them reported.
    public func record(_ result: Result, markReported: Bool, on day: CalendarDate) throws {
        try store.write { tx in
            for id in result.caseIDs {
                let file = try tx.currentCase(id)
                try tx.addItem(id, Disclosure(on: day, recipient: "comensha", purpose: "comensha-registratie",
                                              legalBasis: Self.legalBasis(file), fields: Self.disclosedFields))
                if markReported, (file.comensha?.status ?? "te-melden") == "te-melden" {
                    try tx.update(id, ComenshaRegistration(status: "gemeld", date: day, legalBasis: file.comensha?.legalBasis))
                }
            }
            tx.audit("export-comensha", detail: "\(result.caseIDs.count)")
        }
    }
}
