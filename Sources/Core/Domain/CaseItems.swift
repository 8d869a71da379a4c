import Foundation

// Things a case collects over time. Each is its own entity with one field group, so
// adding a note is one small event and sharing can leave out exactly that note.

public struct TimelineNote: FieldGroup {
    public static let kind = EntityKind.note
    public static let group = "main"
    public var on: CalendarDate
    public var author: UUID
    public var text: String
    /// Vocabulary `noteKinds` (contact, overleg, notitie, overdracht); nil in notes written
    /// before kinds existed, which count as contact.
    public var kind: String?

    public init(on: CalendarDate, author: UUID, text: String, kind: String? = nil) {
        self.on = on; self.author = author; self.text = text; self.kind = kind
    }

    public static let contactKind = "contact"
    public static let handoverKind = "overdracht"
    public static let fields: [String: FieldClass] = ["on": .operational, "author": .operational, "text": .specialCategory, "kind": .operational]
    public static let example = TimelineNote(on: CalendarDate(year: 2026, month: 3, day: 2)!, author: .zero, text: "Eerste gesprek met tolk.", kind: "contact")
}

public struct CaseAction: FieldGroup {
    public static let kind = EntityKind.action
    public static let group = "main"
    public var title: String
    public var owner: String      // a user id, or an organisation id from the care network
    public var due: CalendarDate?
    public var status: String     // open, gedaan, vervallen
    public var doneOn: CalendarDate?

    public init(title: String, owner: String, due: CalendarDate?, status: String = "open", doneOn: CalendarDate? = nil) {
        self.title = title; self.owner = owner; self.due = due; self.status = status; self.doneOn = doneOn
    }

    public var isOpen: Bool { status == "open" }
    public static let statuses = ["open", "gedaan", "vervallen"]
    public static let fields: [String: FieldClass] = ["title": .specialCategory, "owner": .operational, "due": .operational, "status": .operational,
                                                      "doneOn": .operational]
    public static let example = CaseAction(title: "Huisarts regelen", owner: "ggd-haaglanden", due: CalendarDate(year: 2026, month: 3, day: 15)!)
}

/// Where the client stays. The place is identifying: it tells where to find the person.
public struct Placement: FieldGroup {
    public static let kind = EntityKind.placement
    public static let group = "main"
    public var shelterType: String   // vocabulary `shelterTypes`
    public var organisation: String
    public var from: CalendarDate
    public var until: CalendarDate?

    public init(shelterType: String, organisation: String, from: CalendarDate, until: CalendarDate? = nil) {
        self.shelterType = shelterType; self.organisation = organisation; self.from = from; self.until = until
    }

    public static let fields: [String: FieldClass] = [
        "shelterType": .operational, "organisation": .identifying, "from": .operational, "until": .operational,
    ]
    public static let example = Placement(shelterType: "cosm", organisation: "shop", from: CalendarDate(year: 2026, month: 3, day: 3)!)
}

/// Every attempt to find a place, accepted or not: rejections make the shortage visible.
public struct PlacementAttempt: FieldGroup {
    public static let kind = EntityKind.placementAttempt
    public static let group = "main"
    public var on: CalendarDate
    public var shelterType: String
    public var organisation: String
    public var accepted: Bool
    public var rejectionReason: String?   // vocabulary `placementRejectionReasons`
    public var note: String?

    public init(on: CalendarDate, shelterType: String, organisation: String, accepted: Bool, rejectionReason: String? = nil, note: String? = nil) {
        self.on = on; self.shelterType = shelterType; self.organisation = organisation
        self.accepted = accepted; self.rejectionReason = rejectionReason; self.note = note
    }

    public static let fields: [String: FieldClass] = [
        "on": .operational, "shelterType": .operational, "organisation": .operational,
        "accepted": .operational, "rejectionReason": .operational, "note": .specialCategory,
    ]
    public static let example = PlacementAttempt(on: CalendarDate(year: 2026, month: 3, day: 2)!, shelterType: "omm",
                                                 organisation: "palmhuis", accepted: false, rejectionReason: "geen-plek")
}

/// "Wie doet wat": one organisation or professional around the client, and what they agreed.
public struct CareNetworkEntry: FieldGroup {
    public static let kind = EntityKind.careNetwork
    public static let group = "main"
    public var organisation: String
    public var contactName: String?
    public var contactPhone: String?
    public var role: String
    public var agreement: String?
    public var active: Bool

    public init(organisation: String, contactName: String? = nil, contactPhone: String? = nil, role: String, agreement: String? = nil, active: Bool = true) {
        self.organisation = organisation; self.contactName = contactName; self.contactPhone = contactPhone
        self.role = role; self.agreement = agreement; self.active = active
    }

    public static let fields: [String: FieldClass] = [
        "organisation": .operational, "contactName": .identifying, "contactPhone": .identifying,
        "role": .operational, "agreement": .specialCategory, "active": .operational,
    ]
    public static let example = CareNetworkEntry(organisation: "ggd-haaglanden", contactName: "A. de Wit", role: "medisch",
                                                 agreement: "Eerste medisch onderzoek binnen een week")
}

/// Consent or another legal basis for one purpose (registration, sharing for a purpose).
public struct Consent: FieldGroup {
    public static let kind = EntityKind.consent
    public static let group = "main"
    public var purpose: String       // vocabulary `sharingPurposes`
    public var legalBasis: String    // vocabulary `legalBases`
    public var givenOn: CalendarDate
    public var withdrawnOn: CalendarDate?

    public init(purpose: String, legalBasis: String, givenOn: CalendarDate, withdrawnOn: CalendarDate? = nil) {
        self.purpose = purpose; self.legalBasis = legalBasis; self.givenOn = givenOn; self.withdrawnOn = withdrawnOn
    }

    public var isActive: Bool { withdrawnOn == nil }
    public static let fields: [String: FieldClass] = [
        "purpose": .operational, "legalBasis": .operational, "givenOn": .operational, "withdrawnOn": .operational,
    ]
    public static let example = Consent(purpose: "casusoverleg", legalBasis: "toestemming", givenOn: CalendarDate(year: 2026, month: 3, day: 2)!)
}

/// A record of sharing: who received which fields, for what, on which legal basis.
public struct Disclosure: FieldGroup {
    public static let kind = EntityKind.disclosure
    public static let group = "main"
    public var on: CalendarDate
    public var recipient: String
    public var purpose: String
    public var legalBasis: String
    public var fields: [String]

    public init(on: CalendarDate, recipient: String, purpose: String, legalBasis: String, fields: [String]) {
        self.on = on; self.recipient = recipient; self.purpose = purpose; self.legalBasis = legalBasis; self.fields = fields
    }

    public static let fields: [String: FieldClass] = [
        "on": .operational, "recipient": .operational, "purpose": .operational, "legalBasis": .operational, "fields": .operational,
    ]
    public static let example = Disclosure(on: CalendarDate(year: 2026, month: 4, day: 1)!, recipient: "casusoverleg-18-",
                                           purpose: "casusoverleg", legalBasis: "convenant", fields: ["case.opening.code"])
}

/// Cases that belong together: a family, the people found in one raid.
public struct GroupLink: FieldGroup {
    public static let kind = EntityKind.groupLink
    public static let group = "main"
    public var groupID: UUID
    public var groupKind: String     // vocabulary `groupKinds`
    public var label: String?

    public init(groupID: UUID, groupKind: String, label: String? = nil) { self.groupID = groupID; self.groupKind = groupKind; self.label = label }

    public static let fields: [String: FieldClass] = ["groupID": .operational, "groupKind": .operational, "label": .specialCategory]
    public static let example = GroupLink(groupID: .zero, groupKind: "gezin", label: "Moeder en twee kinderen")
}
