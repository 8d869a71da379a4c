import Foundation
import Crypto

/// A signal from outside Schakel: an aandachtsfunctionaris (or any professional without
/// Schakel) fills in a plain-text form, encrypts it with any age tool to the coordinator's
/// published key, and sends the file. Importing it opens a case in phase signaal, marked
/// `extern-bestand`, in the coordinator's intake inbox. Only encrypted files are accepted:
/// a plaintext signal should never have travelled.
public struct OutsideSignal: Equatable, Sendable {
    public static let header = "Schakel-signaal 1"
    public static let via = "extern-bestand"
    static let maxBytes = 64 * 1024

    public var identity: ClientIdentity
    public var nationalities: [String]
    public var phone: String?
    public var referral: CaseReferral
    public var exploitation: CaseExploitation
    public var urgency: String

    /// The form to fill in, with how to encrypt it to `recipient`.
    public static func template(recipient: String) -> String {
        """
        \(header)
        # Signaal mensenhandel voor de zorgcoördinator. Vul in wat u weet; laat de rest leeg.
        # Regels met # worden overgeslagen. Een veld loopt door op regels die met spaties beginnen.
        # Versleutel het ingevulde bestand en stuur alleen het versleutelde bestand:
        #   age -r \(recipient) -o signaal.age signaal.txt
        # Verwijder daarna signaal.txt.
        #
        # melder: veilig-thuis, cjg, politie-avim, kmar, nla, school, hulpverlening, opvang,
        #         gemeente, nidos-coa, ngo, zelfmelder, anoniem, overig
        # geslacht: vrouw, man, transgender, anders, onbekend
        # vormen: seksuele-uitbuiting, arbeidsuitbuiting, criminele-uitbuiting,
        #         orgaanverwijdering, ernstige-benadeling, onbekend (meer dan één: komma's)
        # geboortedatum: dd-mm-jjjj, of ~jjjj als alleen het jaar geschat is
        # urgentie: laag, normaal, hoog, acuut
        melder: gemeente
        organisatie:
        contactpersoon:
        telefoon-melder:
        vertrouwelijk: nee
        voornamen:
        achternaam:
        aliassen:
        geboortedatum:
        geslacht: onbekend
        nationaliteit:
        telefoon:
        beschrijving-persoon:
        vormen: onbekend
        urgentie: normaal
        wat-is-gezien:

        """
    }

    static let keys = ["melder", "organisatie", "contactpersoon", "telefoon-melder", "vertrouwelijk", "voornamen", "achternaam",
                       "aliassen", "geboortedatum", "geslacht", "nationaliteit", "telefoon", "beschrijving-persoon", "vormen",
                       "urgentie", "wat-is-gezien"]

    /// Reads a filled-in form. Errors name the line (never its content).
    public static func parse(_ text: String, receivedOn today: CalendarDate, digest: String) throws -> OutsideSignal {
        guard text.utf8.count <= maxBytes else { throw SchakelError(.validation, L10n.t("outside.error.tooLong")) }
        let lines = text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard lines.first?.trimmingCharacters(in: .whitespaces) == header else { throw SchakelError(.validation, L10n.t("outside.error.header")) }
        var fields: [String: String] = [:]
        var current: String?
        for (n, raw) in lines.enumerated().dropFirst() {
            let lineNo = n + 1
            if raw.trimmingCharacters(in: .whitespaces).hasPrefix("#") { continue }
            if raw.isEmpty { current = nil; continue }
            if raw.first == " " || raw.first == "\t", let key = current {
                fields[key, default: ""] += (fields[key, default: ""].isEmpty ? "" : "\n") + raw.trimmingCharacters(in: .whitespaces)
                continue
            }
            guard let colon = raw.firstIndex(of: ":") else { throw SchakelError(.validation, L10n.t("outside.error.line", lineNo)) }
            let key = raw[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            guard keys.contains(key), fields[key] == nil else { throw SchakelError(.validation, L10n.t("outside.error.line", lineNo)) }
            fields[key] = raw[raw.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            current = key
        }
        func value(_ key: String) -> String { fields[key] ?? "" }
        func line(_ key: String, max: Int = 200) throws -> String { try Validation.line(value(key), field: key, max: max) }
        func choice(_ key: String, _ vocabulary: String, default fallback: String) throws -> String {
            let v = value(key)
            if v.isEmpty { return fallback }
            guard let id = vocabularyID(v, vocabulary) else { throw SchakelError(.validation, L10n.t("outside.error.unknownValue", key)) }
            return id
        }
        let referrer = try choice("melder", "referrerTypes", default: "overig")
        let confidential = ["ja", "yes", "j"].contains(value("vertrouwelijk").lowercased())
        let aliases = try line("aliassen").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        var birth: BirthDate?
        if !value("geboortedatum").isEmpty {
            guard let b = BirthDate(parsing: value("geboortedatum")), b.isPlausible(on: today) else {
                throw SchakelError(.validation, L10n.t("outside.error.unknownValue", "geboortedatum"))
            }
            birth = b
        }
        var nationalities: [String] = []
        for part in value("nationaliteit").split(whereSeparator: { ",;/".contains($0) }).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            let folded = NameMasker.fold(part)
            guard let c = ReferenceData.shared.countries.first(where: { $0.code == part.uppercased() || NameMasker.fold($0.nl) == folded || NameMasker.fold($0.en) == folded })
            else { throw SchakelError(.validation, L10n.t("outside.error.unknownValue", "nationaliteit")) }
            nationalities.append(c.code)
        }
        var forms: [String] = []
        for part in value("vormen").split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            guard let id = vocabularyID(part, "exploitationForms") else { throw SchakelError(.validation, L10n.t("outside.error.unknownValue", "vormen")) }
            forms.append(id)
        }
        let urgency = value("urgentie").isEmpty ? "normaal" : value("urgentie").lowercased()
        guard CaseOpening.urgencies.contains(urgency) else { throw SchakelError(.validation, L10n.t("outside.error.unknownValue", "urgentie")) }
        let identity = ClientIdentity(givenNames: try line("voornamen"), familyName: try line("achternaam"), aliases: aliases, birthDate: birth,
                                      gender: try choice("geslacht", "genders", default: "onbekend"),
                                      personDescription: try Validation.text(value("beschrijving-persoon"), field: "personDescription", max: 500).nilIfEmpty)
        if identity.givenNames.isEmpty && identity.familyName.isEmpty && aliases.isEmpty && (identity.personDescription ?? "").isEmpty {
            throw SchakelError(.validation, L10n.t("validation.describePerson"))
        }
        let referral = CaseReferral(referrerType: referrer, organisation: try line("organisatie").nilIfEmpty, contactName: try line("contactpersoon").nilIfEmpty,
                                    contactPhone: try line("telefoon-melder", max: 40).nilIfEmpty, confidential: confidential, receivedOn: today,
                                    receivedVia: via, externalDigest: digest)
        return OutsideSignal(identity: identity, nationalities: nationalities, phone: try line("telefoon", max: 40).nilIfEmpty, referral: referral,
                             exploitation: CaseExploitation(forms: forms, indicators: [],
                                                            description: try Validation.text(value("wat-is-gezien"), field: "description").nilIfEmpty),
                             urgency: urgency)
    }

    /// An id or a label (Dutch or English, any case or accents) of a vocabulary.
    static func vocabularyID(_ text: String, _ vocabulary: String) -> String? {
        let folded = NameMasker.fold(text)
        return ReferenceData.shared.entries(vocabulary).first { $0.id == text.lowercased() || NameMasker.fold($0.nl) == folded || NameMasker.fold($0.en) == folded }?.id
    }
}

extension Store {
    /// Decrypts a signal file with this store's key, checks it was not imported before, and
    /// opens it as a signal for this coordinator. Returns the new case and the codes of
    /// cases that may be the same person (to link in the intake inbox, never merged).
    public func importOutsideSignal(_ file: Data) throws -> (id: UUID, code: CaseCode, possibleDuplicates: [CaseCode]) {
        var g = SystemRandomNumberGenerator()
        return try importOutsideSignal(file, rng: &g)
    }

    /// The same with a chosen source for the case code (the demo is reproducible).
    public func importOutsideSignal<G: RandomNumberGenerator>(_ file: Data, rng: inout G) throws -> (id: UUID, code: CaseCode, possibleDuplicates: [CaseCode]) {
        guard file.starts(with: Data("age-encryption.org/v1\n".utf8)) else {
            throw SchakelError(.validation, L10n.t("outside.error.notEncrypted"))
        }
        let plain = try AgeDecryptor.decrypt(file, identities: [try agreementIdentity()])
        guard let text = String(data: plain, encoding: .utf8) else { throw SchakelError(.validation, L10n.t("outside.error.header")) }
        let digest = SHA256.hash(data: plain).prefix(16).map { String(format: "%02x", $0) }.joined()
        let summaries = try self.summaries()
        if let earlier = summaries.first(where: { $0.externalDigest == digest }) {
            throw SchakelError(.validation, L10n.t("outside.error.alreadyImported", earlier.code.description))
        }
        let today = CalendarDate(clock.now())
        let signal = try OutsideSignal.parse(text, receivedOn: today, digest: digest)
        let index = DuplicateIndex(entries: summaries.map { ($0.id, DuplicateQuery($0)) })
        let query = DuplicateQuery(givenNames: signal.identity.givenNames, familyName: signal.identity.familyName, aliases: signal.identity.aliases,
                                   birthDate: signal.identity.birthDate, nationalities: signal.nationalities, phone: signal.phone)
        let byID = Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, $0.code) })
        let duplicates = index.candidates(for: query, limit: 5).filter { $0.score >= 0.35 || $0.isLikely }.compactMap { byID[$0.caseID] }
        let region = try records(UserRecord.self).first { $0.id == userID }.flatMap { me in
            ReferenceData.shared.regions.first { $0.organisations.contains { $0.id == me.value.organisation } }?.id
        } ?? "haaglanden"
        // Achtervang from the start, as for a signal typed in: the colleague who backs up most of my cases.
        let backup = summaries.filter { $0.coordinator == userID }.compactMap(\.backup)
            .reduce(into: [UUID: Int]()) { $0[$1, default: 0] += 1 }.max { ($0.value, $0.key.uuidString) < ($1.value, $1.key.uuidString) }?.key
        let new = NewCase(identity: signal.identity, origin: signal.nationalities.isEmpty ? nil : ClientOrigin(nationalities: signal.nationalities),
                          contact: signal.phone.map { ClientContact(phone: $0) }, referral: signal.referral, exploitation: signal.exploitation,
                          coordinator: userID, backup: backup, region: region, municipality: "onbekend", openedOn: today, phase: .signaal,
                          urgency: signal.urgency)
        let (id, code) = try write { tx in try tx.openCase(new, rng: &rng) }
        return (id, code, duplicates)
    }
}

private extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
