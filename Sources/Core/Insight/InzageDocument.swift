import Foundation
import GRDB

/// AVG art. 15 (right of access): everything held on one client, as one readable Markdown
/// document. Every field group's current values with their labels, the case's items, the
/// history of changes (who changed which part when, from the event log) and the disclosures.
///
/// Left out, and said so in the document: other clients' data (group links show their kind
/// only); the reporter's identity when the referral is confidential (DOMAIN §2 step 2) and the
/// note of the feedback to that reporter; a secret address (`SharingGuard`: it never leaves,
/// also not in a file for the client); the attachments' bytes; technical fields (ids,
/// digests). Colleagues are named by function and organisation, not by name (DOMAIN §5,
/// coordinator safety), also as recipients of a bundle.
public struct InzageDocument: Sendable {
    public static let recipient = "betrokkene"
    public static let purpose = "inzage"
    public static let legalBasis = "avg-art-15"

    public let caseID: UUID
    public let code: String
    public let markdown: String
    /// The field paths (`kind.group.field`) whose values the document holds, sorted: the
    /// disclosure recorded when it is handed out names these.
    public let fields: [String]
}

extension Store {
    /// Builds the document for one case (coordinators and chairs: `Capability.readCases`).
    /// Writing it to a file is the caller's; `recordInzage` records that it was handed out.
    public func inzageDocument(_ caseID: UUID) throws -> InzageDocument {
        try role.require(.readCases)
        let file = try caseFile(caseID)
        let users = try records(UserRecord.self)
        let byID = Dictionary(users.map { ($0.id, $0.value) }, uniquingKeysWith: { a, _ in a })
        let history = try pool.read { db in
            try Row.fetchAll(db, sql: "SELECT hlc, author, entity_kind, field_group, op FROM event WHERE case_id = ? ORDER BY hlc, device_id",
                             arguments: [caseID.data])
        }
        let disclosures = try self.disclosures(DisclosureFilter(caseID: caseID), scope: nil)
        var builder = InzageBuilder(file: file, users: byID, today: CalendarDate(clock.now()))
        let author = byID[userID]
        return builder.build(history: history.map { row in
            (HLC(packed: UInt64(bitPattern: row["hlc"] as Int64)).date, UUID(data: row["author"]) ?? .zero,
             "\(row["entity_kind"] as String).\(row["field_group"] as String)", (row["op"] as Int) == Int(EventEnvelope.Operation.remove.rawValue))
        }, disclosures: disclosures, preparedBy: author, demo: isDemo)
    }

    /// Records that the document was handed to the client: a `Disclosure` on the case
    /// (recipient `betrokkene`, purpose `inzage`, basis AVG art. 15, the fields it holds) and
    /// an audit entry `inzage-exported`. Call before writing the file (a record without a
    /// file is safer than the reverse).
    public func recordInzage(_ document: InzageDocument) throws {
        try role.require(.writeCases)
        try write { tx in
            // Not `recordDisclosure`: its purpose and basis come from the vocabularies the forms
            // offer, and "inzage" / "AVG art. 15" must not become choices there. The secret
            // address is never among the fields (the document leaves it out).
            guard SharingGuard.blockedPaths(try tx.currentCase(document.caseID)).isDisjoint(with: document.fields) else {
                throw SchakelError(.notAllowed, L10n.t("referral.blocked"))
            }
            try tx.addItem(document.caseID, Disclosure(on: tx.today, recipient: InzageDocument.recipient, purpose: InzageDocument.purpose,
                                                       legalBasis: InzageDocument.legalBasis, fields: document.fields))
            tx.audit("inzage-exported", caseID: document.caseID, detail: "\(document.fields.count)")
        }
    }
}

private struct InzageBuilder {
    let file: CaseFile
    let users: [UUID: UserRecord]
    let today: CalendarDate
    var lines: [String] = []
    var paths = Set<String>()

    init(file: CaseFile, users: [UUID: UserRecord], today: CalendarDate) {
        self.file = file; self.users = users; self.today = today
    }

    /// A colleague by function and organisation (never by name).
    func colleague(_ id: UUID) -> String {
        guard let u = users[id] else { return L10n.t("inzage.unknownColleague") }
        return "\(u.function) (\(CareLabels.organisation(u.organisation)))"
    }

    mutating func heading(_ key: String, level: Int = 2) {
        lines += ["", String(repeating: "#", count: level) + " " + L10n.t(key), ""]
    }

    mutating func build(history: [(at: Date, author: UUID, group: String, removed: Bool)], disclosures: [DisclosureRecord],
                        preparedBy: UserRecord?, demo: Bool) -> InzageDocument {
        let code = file.code?.description ?? "?"
        lines = ["# " + L10n.t("inzage.title", code), "",
                 L10n.t("inzage.intro"), "",
                 L10n.t("inzage.prepared", today.dutch, preparedBy.map { "\($0.function) (\(CareLabels.organisation($0.organisation)))" } ?? "—")]
        if demo { lines.insert(contentsOf: ["> " + L10n.t("demo.banner"), ""], at: 0) }

        let confidential = file.referral?.confidential == true
        let blocked = SharingGuard.blockedPaths(file)

        heading("inzage.data")
        let singles: [(any FieldGroup)?] = [file.identity, file.origin, file.contact, file.status, file.opening, file.phase, file.coordination,
                                            file.exploitation, file.referral, file.trackOverride, file.comensha, file.bedenktijd, file.b8,
                                            file.aangifte, file.goals, file.needs, file.feedback, file.safety, file.transition, file.onwardCare]
        for value in singles.compactMap({ $0 }) {
            var skip: Set<String> = ["externalDigest"]
            if value is CaseReferral && confidential { skip.formUnion(["organisation", "contactName", "contactPhone"]) }
            if value is ReporterFeedback && confidential { skip.insert("note") }
            let key = type(of: value).key
            for path in blocked where path.hasPrefix(key + ".") { skip.insert(String(path.dropFirst(key.count + 1))) }
            lines += ["", "### " + InsightLabels.groupLabel(key), ""]
            lines += rendered(value, skip: skip).map { "- " + $0 }
        }
        if confidential { lines += ["", L10n.t("inzage.reporterConfidential")] }
        if !blocked.isEmpty { lines += ["", L10n.t("inzage.secretAddress")] }

        heading("inzage.notes")
        if file.notes.isEmpty { lines.append(L10n.t("inzage.none")) }
        for (_, n) in file.sortedNotes {
            paths.formUnion(["note.main.on", "note.main.kind", "note.main.author", "note.main.text"])
            lines.append("- \(n.on.dutch) · \(L10n.t("timeline.\(n.kind ?? TimelineNote.contactKind)")) · \(colleague(n.author))")
            lines.append("  " + n.text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\n  "))
        }

        items("inzage.actions", file.actions.values.sorted { ($0.due ?? .distantFuture, $0.title) < ($1.due ?? .distantFuture, $1.title) })
        items("inzage.placements", file.placements.values.sorted { $0.from < $1.from })
        items("inzage.attempts", file.placementAttempts.values.sorted { $0.on < $1.on })
        items("inzage.careNetwork", file.careNetwork.values.sorted { $0.organisation < $1.organisation }, skip: ["contactPhone"])
        items("inzage.consents", file.consents.values.sorted { $0.givenOn < $1.givenOn })
        items("inzage.documents", file.documents.values.sorted { ($0.addedOn, $0.title) < ($1.addedOn, $1.title) },
              only: ["title", "documentType", "addedOn"])
        if !file.documents.isEmpty { lines += ["", L10n.t("inzage.documentsNote")] }
        items("inzage.groupLinks", file.groupLinks.values.sorted { $0.groupKind < $1.groupKind }, only: ["groupKind"])
        if !file.groupLinks.isEmpty { lines += ["", L10n.t("inzage.groupLinksNote")] }
        items("inzage.matchRequests", file.matchRequests.values.sorted { $0.waitingSince < $1.waitingSince })

        heading("inzage.disclosures")
        if disclosures.isEmpty { lines.append(L10n.t("inzage.none")) }
        for d in disclosures {
            if d.unreadable { lines.append("- \(d.on.dutch) · \(L10n.t("audit.unreadableDetail"))"); continue }
            let recipient = d.source == .bundle ? L10n.t("inzage.colleagueDevice") : d.recipientLabel
            lines.append("- \(d.on.dutch) · \(L10n.t("inzage.to")) \(recipient) · \(InsightLabels.purpose(d.purpose)) · "
                         + "\(InsightLabels.legalBasis(d.legalBasis)) · \(d.fields.map(InsightLabels.pathLabel).joined(separator: ", "))")
        }

        heading("inzage.history")
        lines.append(L10n.t("inzage.historyIntro"))
        lines.append("")
        for h in history {
            let what = InsightLabels.groupLabel(h.group)
            lines.append("- \(AuditQuery.timestamp(h.at)) · \(colleague(h.author)) · "
                         + L10n.t(h.removed ? "inzage.removed" : "inzage.changed", what))
        }

        heading("inzage.notIncluded")
        lines.append(L10n.t("inzage.notIncludedText"))
        return InzageDocument(caseID: file.id, code: code, markdown: lines.joined(separator: "\n") + "\n", fields: paths.sorted())
    }

    mutating func items<G: FieldGroup>(_ title: String, _ values: [G], skip: Set<String> = [], only: Set<String>? = nil) {
        heading(title)
        if values.isEmpty { lines.append(L10n.t("inzage.none")); return }
        for (i, v) in values.enumerated() {
            let fields = rendered(v, skip: skip, only: only)
            lines.append("- \(i + 1).")
            lines += fields.map { "  - " + $0 }
        }
    }

    /// Each field with a value as `**label**: value`, in the group's declaration order.
    mutating func rendered(_ value: any FieldGroup, skip: Set<String> = [], only: Set<String>? = nil) -> [String] {
        let type = type(of: value)
        var out: [String] = []
        for child in Mirror(reflecting: value).children {
            guard let name = child.label, !skip.contains(name), only?.contains(name) ?? true else { continue }
            guard let text = describe(child.value, name: name, group: value), !text.isEmpty else { continue }
            paths.insert("\(type.key).\(name)")
            out.append("**\(InsightLabels.fieldLabel(name))**: " + text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\n", with: "\n    "))
        }
        return out
    }

    func describe(_ value: Any, name: String, group: any FieldGroup) -> String? {
        let m = Mirror(reflecting: value)
        if m.displayStyle == .optional {
            guard let inner = m.children.first else { return nil }
            return describe(inner.value, name: name, group: group)
        }
        let ref = ReferenceData.shared
        switch value {
        case let d as CalendarDate: return d.dutch
        case let b as Bool: return L10n.t(b ? "ui.yes" : "ui.no")
        case let u as UUID: return colleague(u)
        case let p as Phase: return p.label
        case let b as BirthDate: return b.display
        case let c as CaseCode: return c.description
        case let t as Track: return t.rawValue
        case let d as [String: String]:
            return d.sorted { $0.key < $1.key }.map { "\(ref.label("needDomains", $0.key)): \(ref.label("needLevels", $0.value))" }.joined(separator: "; ")
        case let a as [String]:
            if a.isEmpty { return nil }
            if name == "nationalities" { return a.map(ref.countryName).joined(separator: ", ") }
            if name == "languages" { return a.map(ref.languageName).joined(separator: ", ") }
            return a.map { codeLike($0, group: group) ? readable($0) : $0 }.joined(separator: ", ")
        case let s as String:
            if name == "owner" { return CareLabels.owner(s, userName: colleague) }
            if name == "urgency" { let k = "urgency.\(s)", t = L10n.t(k); return t == k ? s : t }
            if name == "status" && group is CaseAction { return CaseAction.statusLabel(s) }
            if name == "municipality" { return ref.municipalityName(s) }
            if name == "region" { return ref.region(s).map { L10n.language == .en ? $0.en : $0.nl } ?? s }
            return codeLike(s, group: group) ? readable(s) : s
        default: return "\(value)"
        }
    }

    /// A value that is an id (vocabulary, organisation) rather than text someone typed: one word,
    /// and never a name or contact detail (whatever their spelling, those are shown as stored).
    func codeLike(_ s: String, group: any FieldGroup) -> Bool {
        !(group is ClientIdentity || group is ClientContact) && !s.isEmpty && !s.contains(where: \.isWhitespace)
    }

    /// Vocabulary and organisation ids as words.
    func readable(_ s: String) -> String {
        let ref = ReferenceData.shared
        if let org = ref.organisation(s) { return org.name }
        for entries in ref.vocabularies.values { if let e = entries.first(where: { $0.id == s }) { return e.label() } }
        return s
    }
}
