import Foundation

/// How and when the case was opened. The code is fixed at opening.
public struct CaseOpening: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "opening"
    public var code: CaseCode
    public var openedOn: CalendarDate
    public var urgency: String // laag, normaal, hoog, acuut

    public init(code: CaseCode, openedOn: CalendarDate, urgency: String = "normaal") {
        self.code = code; self.openedOn = openedOn; self.urgency = urgency
    }

    public static let urgencies = ["laag", "normaal", "hoog", "acuut"]
    public static let fields: [String: FieldClass] = ["code": .operational, "openedOn": .operational, "urgency": .operational]
    public static let example = CaseOpening(code: CaseCode("MH-2026-7KQ30") ?? CaseCode(year: 2026, randomBits: 1234),
                                            openedOn: CalendarDate(year: 2026, month: 3, day: 1)!, urgency: "hoog")
}

public struct CasePhase: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "phase"
    public var phase: Phase
    public var since: CalendarDate
    public var reason: String?     // vocabulary `phaseChangeReasons` or `closureReasons`
    public var note: String?

    public init(phase: Phase, since: CalendarDate, reason: String? = nil, note: String? = nil) {
        self.phase = phase; self.since = since; self.reason = reason; self.note = note
    }

    public static let fields: [String: FieldClass] = [
        "phase": .operational, "since": .operational, "reason": .operational, "note": .specialCategory,
    ]
    public static let example = CasePhase(phase: .traject, since: CalendarDate(year: 2026, month: 5, day: 1)!, reason: "intake-afgerond")
}

public struct CaseExploitation: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "exploitation"
    public var forms: [String]       // vocabulary `exploitationForms`
    public var sectors: [String]     // vocabulary `sectors`
    public var indicators: [String]  // vocabulary `indicators`
    public var crossBorder: Bool?
    public var description: String?

    public init(forms: [String] = [], sectors: [String] = [], indicators: [String] = [], crossBorder: Bool? = nil, description: String? = nil) {
        self.forms = forms; self.sectors = sectors; self.indicators = indicators
        self.crossBorder = crossBorder; self.description = description
    }

    public static let fields: [String: FieldClass] = [
        "forms": .specialCategory, "sectors": .specialCategory, "indicators": .specialCategory,
        "crossBorder": .specialCategory, "description": .specialCategory,
    ]
    public static let example = CaseExploitation(forms: ["arbeidsuitbuiting"], sectors: ["schoonmaak"], indicators: [],
                                                 crossBorder: true, description: "Werkt zeven dagen per week zonder loon.")
}

/// Who reported. The reporter may need to stay confidential (DOMAIN.md §2 step 2).
public struct CaseReferral: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "referral"
    public var referrerType: String  // vocabulary `referrerTypes`
    public var organisation: String?
    public var contactName: String?
    public var contactPhone: String?
    public var confidential: Bool
    public var receivedOn: CalendarDate
    /// How it reached Schakel when not typed in here: `extern-bestand` (an encrypted signal
    /// file from an aandachtsfunctionaris, issue 8).
    public var receivedVia: String?
    /// For a signal file: a digest of its content, so the same file is never imported twice.
    public var externalDigest: String?

    public init(referrerType: String, organisation: String? = nil, contactName: String? = nil, contactPhone: String? = nil,
                confidential: Bool = false, receivedOn: CalendarDate, receivedVia: String? = nil, externalDigest: String? = nil) {
        self.referrerType = referrerType; self.organisation = organisation; self.contactName = contactName
        self.contactPhone = contactPhone; self.confidential = confidential; self.receivedOn = receivedOn
        self.receivedVia = receivedVia; self.externalDigest = externalDigest
    }

    public static let fields: [String: FieldClass] = [
        "referrerType": .operational, "organisation": .operational, "contactName": .identifying,
        "contactPhone": .identifying, "confidential": .operational, "receivedOn": .operational,
        "receivedVia": .operational, "externalDigest": .operational,
    ]
    public static let example = CaseReferral(referrerType: "politie-avim", organisation: "politie-den-haag", contactName: "J. Jansen",
                                             contactPhone: "070 000 0000", confidential: true, receivedOn: CalendarDate(year: 2026, month: 2, day: 27)!)
}

/// Primary coordinator, backup (achtervang) and the responsible region.
public struct CaseCoordination: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "coordination"
    public var coordinator: UUID
    public var backup: UUID?
    public var region: String
    public var municipality: String

    public init(coordinator: UUID, backup: UUID?, region: String, municipality: String) {
        self.coordinator = coordinator; self.backup = backup; self.region = region; self.municipality = municipality
    }

    public static let fields: [String: FieldClass] = [
        "coordinator": .operational, "backup": .operational, "region": .operational, "municipality": .operational,
    ]
    public static let example = CaseCoordination(coordinator: UUID(uuid: (1,0,0,0,0,0,0,0,0,0,0,0,0,0,0,1)), backup: nil,
                                                 region: "haaglanden", municipality: "den-haag")
}

/// The 18-/18+ track is derived from age; an override (e.g. SHOP Jeugd keeps young
/// people up to 21) needs a reason.
public struct CaseTrackOverride: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "track"
    public var track: Track?
    public var reason: String?

    public init(track: Track?, reason: String?) { self.track = track; self.reason = reason }

    public static let fields: [String: FieldClass] = ["track": .operational, "reason": .specialCategory]
    public static let example = CaseTrackOverride(track: .minor, reason: "Afwegingskader 16-23: ondersteuningsbehoefte")
}

public struct ComenshaRegistration: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "comensha"
    public var status: String        // vocabulary `comenshaStatuses`
    public var date: CalendarDate?
    public var legalBasis: String?   // vocabulary `legalBases`

    public init(status: String = "te-melden", date: CalendarDate? = nil, legalBasis: String? = nil) {
        self.status = status; self.date = date; self.legalBasis = legalBasis
    }

    public static let fields: [String: FieldClass] = ["status": .operational, "date": .operational, "legalBasis": .operational]
    public static let example = ComenshaRegistration(status: "gemeld", date: CalendarDate(year: 2026, month: 3, day: 4)!, legalBasis: "wettelijke-plicht")
}

/// The reflection period for people without lawful residence: at most 3 months.
public struct Bedenktijd: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "bedenktijd"
    public var start: CalendarDate
    public var end: CalendarDate

    public init(start: CalendarDate, end: CalendarDate) { self.start = start; self.end = end }

    public static let fields: [String: FieldClass] = ["start": .specialCategory, "end": .specialCategory]
    public static let example = Bedenktijd(start: CalendarDate(year: 2026, month: 3, day: 1)!, end: CalendarDate(year: 2026, month: 6, day: 1)!)
}

public struct B8Record: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "b8"
    public var status: String        // vocabulary `b8Statuses`
    public var since: CalendarDate?
    public var statementBy: String?  // police, KMar or a doctor: the supporting statement

    public init(status: String, since: CalendarDate? = nil, statementBy: String? = nil) {
        self.status = status; self.since = since; self.statementBy = statementBy
    }

    public static let fields: [String: FieldClass] = ["status": .specialCategory, "since": .specialCategory, "statementBy": .specialCategory]
    public static let example = B8Record(status: "aangevraagd", since: CalendarDate(year: 2026, month: 5, day: 20)!, statementBy: "politie")
}

/// A police report, recorded if the client files one. Never required.
public struct Aangifte: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "aangifte"
    public var filed: Bool
    public var date: CalendarDate?
    public var note: String?

    public init(filed: Bool, date: CalendarDate? = nil, note: String? = nil) { self.filed = filed; self.date = date; self.note = note }

    public static let fields: [String: FieldClass] = ["filed": .specialCategory, "date": .specialCategory, "note": .specialCategory]
    public static let example = Aangifte(filed: true, date: CalendarDate(year: 2026, month: 4, day: 2)!, note: nil)
}

/// The client's own goals, in their words, and how they want to be called.
public struct ClientGoals: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "goals"
    public var goals: String
    public var preferredTerm: String // slachtoffer / overlever

    public init(goals: String, preferredTerm: String = "slachtoffer") { self.goals = goals; self.preferredTerm = preferredTerm }

    public static let fields: [String: FieldClass] = ["goals": .specialCategory, "preferredTerm": .specialCategory]
    public static let example = ClientGoals(goals: "Een eigen kamer en Nederlands leren.", preferredTerm: "overlever")
}
