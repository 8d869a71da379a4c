import Foundation

// Case-level groups the caseload issue adds: safety, the 18+ transition plan, waiting for
// onward care. Each is its own group, so sharing can leave out exactly that.

/// A safety plan, and whether the client's address must stay secret ("geheim adres"):
/// then the address never leaves the store (exports, bundles) and privacy mode never shows it.
public struct CaseSafety: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "safety"
    public var plan: String?
    public var secretAddress: Bool
    public var reviewedOn: CalendarDate?

    public init(plan: String? = nil, secretAddress: Bool = false, reviewedOn: CalendarDate? = nil) {
        self.plan = plan; self.secretAddress = secretAddress; self.reviewedOn = reviewedOn
    }

    public static let fields: [String: FieldClass] = ["plan": .specialCategory, "secretAddress": .operational, "reviewedOn": .operational]
    public static let example = CaseSafety(plan: "Geen contact met oude telefoon; noodnummer bij de opvang.", secretAddress: true,
                                           reviewedOn: CalendarDate(year: 2026, month: 4, day: 2)!)
}

/// The handover plan for a minor turning 18 (DOMAIN.md §2 step 10): care "loopt vast" at 18.
public struct TransitionPlan: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "transition"
    public var status: String                 // vocabulary `transitionPlanStatuses`
    public var receivingOrganisation: String?
    public var agreedOn: CalendarDate?
    public var plan: String?

    public init(status: String, receivingOrganisation: String? = nil, agreedOn: CalendarDate? = nil, plan: String? = nil) {
        self.status = status; self.receivingOrganisation = receivingOrganisation; self.agreedOn = agreedOn; self.plan = plan
    }

    /// Only an agreed plan counts: one "in preparation" still needs the coordinator.
    public var isAgreed: Bool { status == "vastgesteld" }

    public static let fields: [String: FieldClass] = [
        "status": .operational, "receivingOrganisation": .operational, "agreedOn": .operational, "plan": .specialCategory,
    ]
    public static let example = TransitionPlan(status: "vastgesteld", receivingOrganisation: "shop", agreedOn: CalendarDate(year: 2026, month: 6, day: 1)!,
                                               plan: "SHOP Jeugd houdt de jongere tot 21 jaar; woontraining vanaf september.")
}

/// The case waits for onward care (a place, a treatment): how long shows where care silts up.
public struct OnwardCare: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "onward-care"
    public var need: String                   // vocabulary `shelterTypes`
    public var since: CalendarDate
    public var resolvedOn: CalendarDate?

    public init(need: String, since: CalendarDate, resolvedOn: CalendarDate? = nil) {
        self.need = need; self.since = since; self.resolvedOn = resolvedOn
    }

    public var isWaiting: Bool { resolvedOn == nil }

    public static let fields: [String: FieldClass] = ["need": .operational, "since": .operational, "resolvedOn": .operational]
    public static let example = OnwardCare(need: "omm", since: CalendarDate(year: 2026, month: 5, day: 4)!)
}

/// An attachment (B8 statement, IND letter, referral letter). The bytes live sealed in the
/// `document_blob` table under the case key; this group says what it is.
public struct CaseDocument: FieldGroup {
    public static let kind = EntityKind.document
    public static let group = "main"
    public var title: String
    public var documentType: String           // vocabulary `documentTypes`
    public var fileName: String
    public var byteCount: Int
    public var addedOn: CalendarDate
    public var blob: UUID
    /// SHA-256 of the content, hex: proves on opening that the stored bytes are the added ones.
    public var digest: String

    public init(title: String, documentType: String, fileName: String, byteCount: Int, addedOn: CalendarDate, blob: UUID, digest: String) {
        self.title = title; self.documentType = documentType; self.fileName = fileName; self.byteCount = byteCount
        self.addedOn = addedOn; self.blob = blob; self.digest = digest
    }

    public static let maxBytes = 25 * 1024 * 1024

    public static let fields: [String: FieldClass] = [
        "title": .specialCategory, "documentType": .specialCategory, "fileName": .identifying, "byteCount": .operational,
        "addedOn": .operational, "blob": .operational, "digest": .operational,
    ]
    public static let example = CaseDocument(title: "Ondersteunende verklaring politie", documentType: "b8-verklaring", fileName: "verklaring.pdf",
                                             byteCount: 120_000, addedOn: CalendarDate(year: 2026, month: 5, day: 21)!, blob: .zero, digest: "00")
}

/// A coordinator's absence: their active cases go to each case's backup from `from` to
/// `until` (inclusive), with a handover note per case; handing back writes a return note.
public struct Absence: FieldGroup {
    public static let kind = EntityKind.absence
    public static let group = "main"
    public var coordinator: UUID
    public var from: CalendarDate
    public var until: CalendarDate
    /// The cases handed over at the start (each with its backup at that moment).
    public var cases: [UUID]
    public var handedBackOn: CalendarDate?

    public init(coordinator: UUID, from: CalendarDate, until: CalendarDate, cases: [UUID], handedBackOn: CalendarDate? = nil) {
        self.coordinator = coordinator; self.from = from; self.until = until; self.cases = cases; self.handedBackOn = handedBackOn
    }

    /// Whether the backups hold the cases on a day.
    public func isCovering(on day: CalendarDate) -> Bool { handedBackOn == nil && from <= day && day <= until }

    public static let fields: [String: FieldClass] = [
        "coordinator": .operational, "from": .operational, "until": .operational, "cases": .operational, "handedBackOn": .operational,
    ]
    public static let example = Absence(coordinator: .zero, from: CalendarDate(year: 2026, month: 7, day: 6)!,
                                        until: CalendarDate(year: 2026, month: 7, day: 24)!, cases: [])
}
