import Foundation

/// Imports the spreadsheet a coordinator keeps today (CSV), so nobody types a caseload in
/// again. Columns are mapped by header (Dutch and English names recognised, overridable);
/// a dry run reports what would be created and what is rejected, and why, without writing.
/// The real run writes every accepted row in one transaction, or nothing.
public struct CaseloadImport {
    public enum Field: String, CaseIterable, Sendable {
        case givenNames = "voornamen", familyName = "achternaam", fullName = "naam", aliases = "aliassen", birthDate = "geboortedatum"
        case gender, nationality = "nationaliteit", phone = "telefoon", municipality = "gemeente", phase = "fase"
        case forms = "uitbuitingsvorm", referrer = "melder", openedOn = "aanmelddatum", residence = "verblijfsstatus", urgency = "urgentie"

        /// Header spellings recognised without a mapping (compared folded, without spaces).
        var synonyms: [String] {
            switch self {
            case .givenNames: return ["voornaam", "voornamen", "roepnaam", "givenname", "givennames", "firstname"]
            case .familyName: return ["achternaam", "familienaam", "geslachtsnaam", "familyname", "lastname", "surname"]
            case .fullName: return ["naam", "name", "volledigenaam", "clientnaam"]
            case .aliases: return ["alias", "aliassen", "aliases", "bijnaam"]
            case .birthDate: return ["geboortedatum", "gebdatum", "geboren", "dateofbirth", "birthdate", "dob"]
            case .gender: return ["geslacht", "gender", "sekse"]
            case .nationality: return ["nationaliteit", "nationality", "land"]
            case .phone: return ["telefoon", "telefoonnummer", "tel", "phone", "mobiel"]
            case .municipality: return ["gemeente", "woonplaats", "municipality"]
            case .phase: return ["fase", "status", "phase"]
            case .forms: return ["uitbuitingsvorm", "vorm", "vormen", "uitbuiting", "form", "exploitation"]
            case .referrer: return ["melder", "verwijzer", "meldendeinstantie", "referrer"]
            case .openedOn: return ["aanmelddatum", "datumaanmelding", "datum", "geopend", "startdatum", "opened"]
            case .residence: return ["verblijfsstatus", "verblijf", "residencestatus"]
            case .urgency: return ["urgentie", "urgency", "prioriteit"]
            }
        }
    }

    public struct Row: Sendable { public let line: Int; public let newCase: NewCase; public let phase: Phase }
    public struct Rejection: Sendable, Equatable { public let line: Int; public let reasons: [String] }
    public struct Plan: Sendable {
        public var mapping: [Int: Field] = [:]
        public var ignoredColumns: [String] = []
        public var accepted: [Row] = []
        public var rejected: [Rejection] = []
    }

    public let coordinator: UUID
    public let region: String
    public let today: CalendarDate

    public init(coordinator: UUID, region: String = "haaglanden", today: CalendarDate) {
        self.coordinator = coordinator; self.region = region; self.today = today
    }

    /// Builds the plan. `overrides` maps a header as written in the file to a field.
    /// Rows that are likely the same person as a case in `existing` are rejected (with the
    /// code), unless `allowDuplicates`: importing the same file twice must not double a caseload.
    public func plan(_ data: Data, overrides: [String: Field] = [:], existing: [CaseSummary] = [], allowDuplicates: Bool = false) throws -> Plan {
        let table: [[String]]
        do { table = try CSV.parse(data) } catch let e as CSV.ParseError {
            throw SchakelError(.validation, L10n.t("import.csv.\(e.kind)", e.line))
        }
        guard let header = table.first else { throw SchakelError(.validation, L10n.t("import.empty")) }
        var plan = Plan()
        var index: DuplicateIndex?
        let foldedOverrides = Dictionary(overrides.map { (Self.key($0.key), $0.value) }, uniquingKeysWith: { a, _ in a })
        for (i, h) in header.enumerated() {
            let k = Self.key(h)
            if let f = foldedOverrides[k] ?? Field.allCases.first(where: { $0.synonyms.contains(k) }), !plan.mapping.values.contains(f) {
                plan.mapping[i] = f
            } else {
                plan.ignoredColumns.append(String(h.prefix(40)))
            }
        }
        let mapped = Set(plan.mapping.values)
        guard mapped.contains(.familyName) || mapped.contains(.fullName) || mapped.contains(.givenNames) || mapped.contains(.aliases) else {
            throw SchakelError(.validation, L10n.t("import.noNameColumn"))
        }
        for (offset, cells) in table.dropFirst().enumerated() {
            let line = offset + 2
            // Spreadsheets end with rows of empty cells; they are not cases.
            if cells.allSatisfy({ $0.trimmingCharacters(in: .whitespaces).isEmpty }) { continue }
            var values: [Field: String] = [:]
            for (i, f) in plan.mapping where i < cells.count { values[f] = cells[i].trimmingCharacters(in: .whitespaces) }
            switch row(values) {
            case .success(let r):
                if !allowDuplicates, let code = likelyDuplicate(of: r.0, index: &index, existing: existing) {
                    plan.rejected.append(Rejection(line: line, reasons: [L10n.t("import.duplicate", code.description)]))
                } else {
                    plan.accepted.append(Row(line: line, newCase: r.0, phase: r.1))
                }
            case .failure(let reasons): plan.rejected.append(Rejection(line: line, reasons: reasons.messages))
            }
        }
        return plan
    }

    struct Reasons: Error { var messages: [String] }

    func likelyDuplicate(of new: NewCase, index: inout DuplicateIndex?, existing: [CaseSummary]) -> CaseCode? {
        guard !existing.isEmpty else { return nil }
        let idx = index ?? DuplicateIndex(existing)
        index = idx
        let query = DuplicateQuery(givenNames: new.identity.givenNames, familyName: new.identity.familyName, aliases: new.identity.aliases,
                                   birthDate: new.identity.birthDate, nationalities: new.origin?.nationalities ?? [], phone: new.contact?.phone)
        guard let best = idx.candidates(for: query, limit: 1).first, best.isLikely else { return nil }
        return existing.first { $0.id == best.caseID }?.code
    }

    func row(_ v: [Field: String]) -> Result<(NewCase, Phase), Reasons> {
        var reasons: [String] = []
        func fail(_ field: String, _ key: String) { reasons.append(L10n.t("field.\(field)") + ": " + L10n.t(key)) }
        let ref = ReferenceData.shared

        var given = v[.givenNames] ?? "", family = v[.familyName] ?? ""
        if let full = v[.fullName], !full.isEmpty, given.isEmpty && family.isEmpty {
            let parts = full.split(separator: " ", maxSplits: 1).map(String.init)
            given = parts.first ?? ""; family = parts.count > 1 ? parts[1] : ""
        }
        let aliases = (v[.aliases] ?? "").split(whereSeparator: { ";|/".contains($0) }).map { $0.trimmingCharacters(in: .whitespaces) }
        var birth: BirthDate?
        if let b = v[.birthDate], !b.isEmpty { birth = BirthDate(parsing: b); if birth == nil { fail("birthDate", "import.badDate") } }
        let gender = Self.gender(v[.gender] ?? "")
        if gender == nil { fail("gender", "import.unknown") }
        var nationalities: [String] = []
        if let n = v[.nationality], !n.isEmpty {
            for part in n.split(whereSeparator: { ",;|/".contains($0) }).map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if let c = ref.countries.first(where: { $0.code == part.uppercased() || Self.key($0.nl) == Self.key(part) || Self.key($0.en) == Self.key(part) }) {
                    nationalities.append(c.code)
                } else { fail("nationalities", "import.unknown") }
            }
        }
        var municipality = "onbekend"
        if let m = v[.municipality], !m.isEmpty {
            if let found = ref.region(region)?.municipalities.first(where: { Self.key($0.name) == Self.key(m) || $0.id == m }) { municipality = found.id }
            else { fail("municipality", "import.unknown") }
        }
        var phase = Phase.signaal
        if let p = v[.phase], !p.isEmpty {
            if let found = Phase.allCases.first(where: { Self.key($0.rawValue) == Self.key(p) || Self.key(L10n.t("phase.\($0.rawValue)", language: .en)) == Self.key(p) }) { phase = found }
            else { fail("phase", "import.unknown") }
        }
        var forms: [String] = []
        if let f = v[.forms], !f.isEmpty {
            for part in f.split(whereSeparator: { ",;|/".contains($0) }).map({ $0.trimmingCharacters(in: .whitespaces) }) {
                if let id = Self.vocabularyID("exploitationForms", part) { forms.append(id) } else { fail("forms", "import.unknown") }
            }
        }
        var referrer = "overig"
        if let r = v[.referrer], !r.isEmpty { if let id = Self.vocabularyID("referrerTypes", r) { referrer = id } else { fail("referrerType", "import.unknown") } }
        var residence: String?
        if let r = v[.residence], !r.isEmpty { residence = Self.vocabularyID("residenceStatuses", r); if residence == nil { fail("residenceStatus", "import.unknown") } }
        var urgency = "normaal"
        if let u = v[.urgency], !u.isEmpty { if CaseOpening.urgencies.contains(u.lowercased()) { urgency = u.lowercased() } else { fail("urgency", "import.unknown") } }
        var opened = today
        if let o = v[.openedOn], !o.isEmpty {
            if let d = CalendarDate(parsing: o), d <= today { opened = d } else { fail("openedOn", "import.badDate") }
        }

        let new = NewCase(identity: ClientIdentity(givenNames: given, familyName: family, aliases: aliases, birthDate: birth, gender: gender ?? "onbekend"),
                          origin: nationalities.isEmpty ? nil : ClientOrigin(nationalities: nationalities),
                          contact: (v[.phone] ?? "").isEmpty ? nil : ClientContact(phone: v[.phone]),
                          status: residence.map { ClientStatus(residenceStatus: $0) },
                          referral: CaseReferral(referrerType: referrer, receivedOn: opened),
                          exploitation: forms.isEmpty ? nil : CaseExploitation(forms: forms),
                          coordinator: coordinator, backup: nil, region: region, municipality: municipality,
                          openedOn: opened, phase: .signaal, urgency: urgency)
        // The same validation as every other way in (lengths, control characters, vocabularies).
        do {
            _ = try StoreTransaction.validated(new.identity, today: today)
            if let o = new.origin { _ = try StoreTransaction.validated(o) }
            if let c = new.contact { _ = try StoreTransaction.validated(c) }
        } catch let e as SchakelError { reasons.append(e.message) } catch { reasons.append(L10n.t("import.unknown")) }
        return reasons.isEmpty ? .success((new, phase)) : .failure(Reasons(messages: reasons))
    }

    /// Writes every accepted row in one transaction. Imported history starts in the
    /// spreadsheet's phase; the phase change is noted as an import.
    @discardableResult
    public func apply(_ plan: Plan, to store: Store) throws -> [CaseCode] {
        try store.write { tx in
            var codes: [CaseCode] = []
            for row in plan.accepted {
                let (id, code) = try tx.openCase(row.newCase)
                if row.phase != .signaal {
                    try tx.put(CasePhase(phase: row.phase, since: row.newCase.openedOn, reason: row.phase == .afgesloten ? "overig" : nil,
                                         note: L10n.t("import.phaseNote")), entity: id, caseID: id)
                }
                codes.append(code)
            }
            tx.audit("import-caseload", detail: "\(codes.count)")
            return codes
        }
    }

    static func key(_ s: String) -> String {
        NameMasker.fold(s).filter { $0.isLetter || $0.isNumber }
    }

    static func vocabularyID(_ vocabulary: String, _ text: String) -> String? {
        let k = key(text)
        return ReferenceData.shared.entries(vocabulary).first { key($0.id) == k || key($0.nl) == k || key($0.en) == k }?.id
    }

    static func gender(_ text: String) -> String? {
        switch key(text) {
        case "": return "onbekend"
        case "v", "vrouw", "f", "female", "woman", "vrouwelijk": return "vrouw"
        case "m", "man", "male", "mannelijk": return "man"
        case "x", "anders", "other", "nonbinair": return "anders"
        case "t", "trans", "transgender": return "transgender"
        case "onbekend", "unknown", "o": return "onbekend"
        default: return nil
        }
    }
}
