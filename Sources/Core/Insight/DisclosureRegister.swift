import Foundation
import GRDB

/// What an audit entry `case-shared` says: one case's data went in a bundle to a peer. The
/// export writes one per case whose payloads it carried (`exportBundle`); the disclosure
/// register reads them back. Audit entries are local and tamper-evident, and unlike a
/// `Disclosure` field group they do not travel, so exporting never creates events to send.
///
/// Format (version 1): `v1|` followed by a JSON object with exactly the keys of this struct
/// (sorted keys, no other text). A detail with another prefix, unknown or missing keys, or
/// values that fail the checks in `init?(detail:)` is not read (nil): the register then shows
/// the entry as unreadable rather than guessing.
public struct BundleShareDetail: Codable, Equatable, Sendable {
    public static let action = "case-shared"
    public static let prefix = "v1|"
    /// Sharing with a peer device is part of the coordination of the client's care.
    public static let purposeID = "zorgcoordinatie"
    /// The basis recorded when the peer's sharing policy names none (today `SharingPolicy` has
    /// no such field, so always): the team's devices carry the one task of zorgcoördinatie,
    /// a public task of the municipality the coordinators work for (AVG art. 6(1)(e)).
    public static let defaultLegalBasis = "publieke-taak"

    /// The peer's colleague, as its contact card names them.
    public var recipientName: String
    public var recipientDevice: UUID
    public var purpose: String
    public var legalBasis: String
    /// Field groups (`kind.group`) whose values went, sorted.
    public var groups: [String]

    public init(recipientName: String, recipientDevice: UUID, purpose: String = Self.purposeID,
                legalBasis: String = Self.defaultLegalBasis, groups: [String]) {
        self.recipientName = recipientName; self.recipientDevice = recipientDevice; self.purpose = purpose
        self.legalBasis = legalBasis; self.groups = Array(Set(groups)).sorted()
    }

    private enum CodingKeys: String, CodingKey, CaseIterable { case recipientName, recipientDevice, purpose, legalBasis, groups }

    public var encoded: String {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        // Encoding five strings cannot fail.
        let json = (try? e.encode(self)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return Self.prefix + json
    }

    /// Reads a stored detail back; nil for anything that is not exactly a version-1 detail.
    public init?(detail: String) {
        guard detail.hasPrefix(Self.prefix), detail.utf8.count <= 64 * 1024 else { return nil }
        let json = Data(detail.dropFirst(Self.prefix.count).utf8)
        guard let object = try? JSONSerialization.jsonObject(with: json) as? [String: Any],
              Set(object.keys) == Set(CodingKeys.allCases.map(\.rawValue)),
              let value = try? JSONDecoder().decode(BundleShareDetail.self, from: json) else { return nil }
        let ref = ReferenceData.shared
        guard !value.recipientName.isEmpty, value.recipientName.count <= 200,
              !value.recipientName.unicodeScalars.contains(where: Validation.isForbidden),
              ref.entries("sharingPurposes").contains(where: { $0.id == value.purpose }),
              ref.entries("legalBases").contains(where: { $0.id == value.legalBasis }),
              value.groups.count <= 200, value.groups.allSatisfy({ $0.count <= 80 && !$0.unicodeScalars.contains(where: Validation.isForbidden) })
        else { return nil }
        self = value
    }

    /// "Naam (apparaat 1a2b3c4d) · Zorgcoördinatie · Publieke taak · 7 veldgroepen"
    public var readable: String {
        let ref = ReferenceData.shared
        return L10n.t("register.bundleRecipient", recipientName, String(recipientDevice.uuidString.prefix(8)))
            + " · " + ref.label("sharingPurposes", purpose) + " · " + ref.label("legalBases", legalBasis)
            + " · " + L10n.t("register.groupCount", groups.count)
    }
}

/// One act of sharing a client's data.
public struct DisclosureRecord: Equatable, Sendable {
    public enum Source: String, Sendable {
        /// A `Disclosure` field group on the case (casusoverleg, CoMensha, referral, buddy summary, inzage).
        case register
        /// An audit entry `case-shared`: the case went in a bundle to a peer.
        case bundle
    }

    public var on: CalendarDate
    public var caseID: UUID
    /// The case code, or `AuditQuery.erasedMarker` / `unknownMarker`.
    public var caseCode: String
    /// As recorded: an organisation id, `betrokkene`, or for a bundle the colleague's name.
    public var recipient: String
    /// The recipient in words (organisation name; a bundle's colleague with their device).
    public var recipientLabel: String
    public var purpose: String
    public var legalBasis: String
    /// Field paths (`client.identity.name`) or, for bundles, field groups (`client.identity`).
    public var fields: [String]
    public var source: Source
    /// A `case-shared` entry whose detail could not be read: listed, never dropped.
    public var unreadable: Bool = false
}

/// Which disclosures to list: cases (nil = every case the caller may see), and a period
/// (calendar days, inclusive).
public struct DisclosureFilter: Equatable, Sendable {
    public var caseID: UUID?
    public var from: CalendarDate?
    public var to: CalendarDate?

    public init(caseID: UUID? = nil, from: CalendarDate? = nil, to: CalendarDate? = nil) {
        self.caseID = caseID; self.from = from; self.to = to
    }

    func contains(_ day: CalendarDate) -> Bool {
        if let from, day < from { return false }
        if let to, day > to { return false }
        return true
    }
}

/// The disclosure register (DOMAIN §5: recipient, purpose, legal basis, fields, when) and
/// its exports. Backups (`schakel backup`) are not disclosures: they hold the store's own
/// data for its owner, encrypted to their passphrase, and go to no one else.
public enum DisclosureRegister {
    /// Column titles, in the order of `cells`.
    public static var header: [String] {
        [L10n.t("col.date"), L10n.t("col.code"), L10n.t("col.recipient"), L10n.t("col.purpose"), L10n.t("col.legalBasis"),
         L10n.t("col.fields"), L10n.t("col.source")]
    }

    public static func cells(_ r: DisclosureRecord) -> [String] {
        if r.unreadable {
            return [r.on.iso, r.caseCode, L10n.t("audit.unreadableDetail"), "", "", "", L10n.t("register.source.\(r.source.rawValue)")]
        }
        return [r.on.iso, r.caseCode, r.recipientLabel, InsightLabels.purpose(r.purpose), InsightLabels.legalBasis(r.legalBasis),
                r.fields.map(InsightLabels.pathLabel).joined(separator: ", "), L10n.t("register.source.\(r.source.rawValue)")]
    }

    public static func csv(_ records: [DisclosureRecord], options: CSV.Options = CSV.Options()) -> Data {
        CSV.write([header] + records.map(cells), options: options)
    }

    public static func markdown(_ records: [DisclosureRecord], filterText: String) -> String {
        var lines = ["# " + L10n.t("register.title"), ""]
        if !filterText.isEmpty { lines += [filterText, ""] }
        lines += [L10n.t("register.count", records.count), ""]
        lines += MarkdownTable.lines(header, records.map(cells))
        lines += ["", L10n.t("register.backupsNote")]
        return lines.joined(separator: "\n") + "\n"
    }
}

extension Store {
    /// The cases whose disclosures this user may see: nil = all (the beheerder, who audits);
    /// a coordinator or chair: the cases they coordinate or back up; others: refused.
    public func disclosureScope() throws -> Set<UUID>? {
        if role.may(.audit) { return nil }
        try role.require(.readCases)
        return try pool.read { db in
            Set(try Data.fetchAll(db, sql: "SELECT case_id FROM case_index WHERE coordinator = ? OR backup = ?",
                                  arguments: [userID.data, userID.data]).compactMap(UUID.init(data:)))
        }
    }

    /// Every act of sharing the caller may see (`disclosureScope`), oldest first: the cases'
    /// `Disclosure` field groups, and the `case-shared` audit entries of bundle exports.
    public func disclosureRegister(_ filter: DisclosureFilter = DisclosureFilter()) throws -> [DisclosureRecord] {
        let scope = try disclosureScope()
        return try disclosures(filter, scope: scope)
    }

    /// The register without the role check, for callers that checked already (inzage).
    func disclosures(_ filter: DisclosureFilter, scope: Set<UUID>?) throws -> [DisclosureRecord] {
        func visible(_ id: UUID) -> Bool {
            if let c = filter.caseID, c != id { return false }
            return scope?.contains(id) ?? true
        }
        var out: [DisclosureRecord] = []
        let codes = try pool.read { db -> [UUID: String] in
            let codes = try caseCodes(db)
            // Only the disclosure entities' current values are decrypted (the primary key
            // starts with the kind): a 43k-case store is not loaded case by case.
            var sql = """
                SELECT s.entity_id, s.case_id, e.id, e.payload FROM entity_state s JOIN event e ON e.id = s.event_id
                WHERE s.entity_kind = ? AND s.field_group = ? AND s.removed = 0
                """
            var args: StatementArguments = [Disclosure.kind.rawValue, Disclosure.group]
            if let c = filter.caseID { sql += " AND s.case_id = ?"; args += [c.data] }
            let cursor = try Row.fetchCursor(db, sql: sql, arguments: args)
            while let row = try cursor.next() {
                guard let caseID = (row["case_id"] as Data?).flatMap(UUID.init(data:)), visible(caseID),
                      let sealer = try caseSealer(caseID, db: db),
                      let d = try decodeEvent(id: row["id"], kind: Disclosure.kind.rawValue, group: Disclosure.group,
                                              payload: row["payload"], sealer: sealer) as? Disclosure,
                      filter.contains(d.on) else { continue }
                out.append(DisclosureRecord(on: d.on, caseID: caseID, caseCode: codes[caseID] ?? AuditQuery.unknownMarker, recipient: d.recipient,
                                            recipientLabel: InsightLabels.recipient(d.recipient), purpose: d.purpose, legalBasis: d.legalBasis,
                                            fields: d.fields, source: .register))
            }
            return codes
        }
        let erased = try pool.read { try erasedCases($0) }
        for e in try auditEntries() where e.action == BundleShareDetail.action {
            guard let caseID = e.caseID, visible(caseID) else { continue }
            let day = CalendarDate(e.at)
            guard filter.contains(day) else { continue }
            let code = codes[caseID] ?? (erased.contains(caseID) ? AuditQuery.erasedMarker : AuditQuery.unknownMarker)
            if let d = BundleShareDetail(detail: e.detail ?? "") {
                out.append(DisclosureRecord(on: day, caseID: caseID, caseCode: code, recipient: d.recipientName,
                                            recipientLabel: L10n.t("register.bundleRecipient", d.recipientName, String(d.recipientDevice.uuidString.prefix(8))),
                                            purpose: d.purpose, legalBasis: d.legalBasis, fields: d.groups, source: .bundle))
            } else {
                out.append(DisclosureRecord(on: day, caseID: caseID, caseCode: code, recipient: "", recipientLabel: "", purpose: "", legalBasis: "",
                                            fields: [], source: .bundle, unreadable: true))
            }
        }
        out.sort { ($0.on, $0.caseCode, $0.source.rawValue, $0.recipientLabel) < ($1.on, $1.caseCode, $1.source.rawValue, $1.recipientLabel) }
        return out
    }
}

/// Field paths, field groups and recipients in words (the TUI's `FieldLabels` in Core).
public enum InsightLabels {
    /// `client.identity` → the group's label; `client.identity.name` → the field's label.
    public static func pathLabel(_ path: String) -> String {
        if FieldCatalog.byKey[path] != nil { return groupLabel(path) }
        return fieldLabel(path.split(separator: ".").last.map(String.init) ?? path)
    }

    public static func groupLabel(_ key: String) -> String {
        let k = "group.\(key)"
        let t = L10n.t(k)
        return t == k ? key : t
    }

    public static func fieldLabel(_ name: String) -> String {
        let k = "field.\(name)"
        let t = L10n.t(k)
        return t == k ? name : t
    }

    /// A purpose from `sharingPurposes`, or one only the code records (`inzage`).
    public static func purpose(_ id: String) -> String { vocabularyLabel("sharingPurposes", id, fallbackKey: "register.purpose.\(id)") }

    /// A legal basis from `legalBases`, or one only the code records (`avg-art-15`).
    public static func legalBasis(_ id: String) -> String { vocabularyLabel("legalBases", id, fallbackKey: "register.basis.\(id)") }

    static func vocabularyLabel(_ vocabulary: String, _ id: String, fallbackKey: String) -> String {
        if let e = ReferenceData.shared.entries(vocabulary).first(where: { $0.id == id }) { return e.label() }
        let t = L10n.t(fallbackKey)
        return t == fallbackKey ? id : t
    }

    public static func recipient(_ id: String) -> String {
        if id == InzageDocument.recipient { return L10n.t("inzage.recipient") }
        return CareLabels.organisation(id)
    }
}
