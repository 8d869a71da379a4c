import Foundation

/// A volunteer buddy. Volunteers are people too: their names and contact are identifying.
public struct MaatjeProfile: FieldGroup {
    public static let kind = EntityKind.maatje
    public static let group = "profile"
    public var name: String
    public var maatjeType: String      // juridisch / sociaal
    public var organisation: String
    public var languages: [String]
    public var gender: String
    public var birthYear: Int?
    public var municipality: String
    public var status: String          // actief, pauze, gestopt
    public var notes: String?

    public init(name: String, maatjeType: String, organisation: String, languages: [String], gender: String, birthYear: Int?,
                municipality: String, status: String = "actief", notes: String? = nil) {
        self.name = name; self.maatjeType = maatjeType; self.organisation = organisation; self.languages = languages
        self.gender = gender; self.birthYear = birthYear; self.municipality = municipality; self.status = status; self.notes = notes
    }

    public static let statuses = ["actief", "pauze", "gestopt"]
    public static let fields: [String: FieldClass] = [
        "name": .identifying, "maatjeType": .operational, "organisation": .operational, "languages": .operational,
        "gender": .operational, "birthYear": .identifying, "municipality": .operational, "status": .operational, "notes": .specialCategory,
    ]
    public static let example = MaatjeProfile(name: "Fatima El Amrani", maatjeType: "sociaal", organisation: "stek", languages: ["nl", "ar"],
                                              gender: "vrouw", birthYear: 1984, municipality: "den-haag")
}

/// When a buddy can meet and how many clients they can take.
public struct MaatjeAvailability: FieldGroup {
    public static let kind = EntityKind.maatje
    public static let group = "availability"
    /// Day parts as "ma-ochtend", "di-middag", "wo-avond", ...
    public var dayParts: [String]
    public var capacity: Int

    public init(dayParts: [String], capacity: Int) { self.dayParts = dayParts; self.capacity = capacity }

    public static let fields: [String: FieldClass] = ["dayParts": .operational, "capacity": .operational]
    public static let example = MaatjeAvailability(dayParts: ["ma-avond", "za-ochtend"], capacity: 2)
}

/// Screening: a VOG (certificate of conduct) and training.
public struct MaatjeScreening: FieldGroup {
    public static let kind = EntityKind.maatje
    public static let group = "screening"
    public var vogDate: CalendarDate?
    public var trainings: [String]

    public init(vogDate: CalendarDate?, trainings: [String]) { self.vogDate = vogDate; self.trainings = trainings }

    public static let fields: [String: FieldClass] = ["vogDate": .operational, "trainings": .operational]
    public static let example = MaatjeScreening(vogDate: CalendarDate(year: 2025, month: 9, day: 1)!, trainings: ["basistraining mensenhandel"])
}

/// A case asks for a buddy. Each preference can be hard (must) or soft (nice to have).
public struct MatchRequestRecord: FieldGroup {
    public static let kind = EntityKind.matchRequest
    public static let group = "main"
    public var maatjeType: String
    public var language: String?
    public var languageHard: Bool
    public var buddyGender: String?
    public var buddyGenderHard: Bool
    public var municipality: String?
    public var municipalityHard: Bool
    public var urgency: String        // laag, normaal, hoog
    public var waitingSince: CalendarDate
    public var status: String         // wachtend, gekoppeld, ingetrokken
    /// When the client can meet ("ma-avond", ...), as the buddy's availability. Optional so
    /// requests stored before it existed still decode; nil or empty means any time.
    public var dayParts: [String]?
    /// The name the buddy may use for the client (chosen by the case's coordinator; nil = not shared).
    /// The only piece of the client's identity the buddy side ever sees.
    public var callName: String?
    /// For age closeness in matching and the age in the buddy-facing summary.
    public var clientBirthYear: Int?
    /// What the buddy needs to know, written for the buddy (no story, no names).
    public var buddyNote: String?

    public init(maatjeType: String, language: String? = nil, languageHard: Bool = false, buddyGender: String? = nil, buddyGenderHard: Bool = false,
                municipality: String? = nil, municipalityHard: Bool = false, urgency: String = "normaal", waitingSince: CalendarDate, status: String = "wachtend",
                dayParts: [String]? = nil, callName: String? = nil, clientBirthYear: Int? = nil, buddyNote: String? = nil) {
        self.maatjeType = maatjeType; self.language = language; self.languageHard = languageHard
        self.buddyGender = buddyGender; self.buddyGenderHard = buddyGenderHard; self.municipality = municipality
        self.municipalityHard = municipalityHard; self.urgency = urgency; self.waitingSince = waitingSince; self.status = status
        self.dayParts = dayParts; self.callName = callName; self.clientBirthYear = clientBirthYear; self.buddyNote = buddyNote
    }

    public static let statuses = ["wachtend", "gekoppeld", "ingetrokken"]
    public static let urgencies = ["laag", "normaal", "hoog"]

    public static let fields: [String: FieldClass] = [
        "maatjeType": .operational, "language": .operational, "languageHard": .operational, "buddyGender": .operational,
        "buddyGenderHard": .operational, "municipality": .operational, "municipalityHard": .operational,
        "urgency": .operational, "waitingSince": .operational, "status": .operational, "dayParts": .operational,
        "callName": .identifying, "clientBirthYear": .identifying, "buddyNote": .specialCategory,
    ]
    public static let example = MatchRequestRecord(maatjeType: "juridisch", language: "en", languageHard: true, waitingSince: CalendarDate(year: 2026, month: 4, day: 1)!,
                                                   dayParts: ["di-middag", "do-avond"])
}

public struct MatchRecord: FieldGroup {
    public static let kind = EntityKind.match
    public static let group = "main"
    public var request: UUID
    public var caseID: UUID
    public var maatje: UUID
    public var status: String          // voorgesteld, kennismaking, actief, afgerond, gestopt
    public var since: CalendarDate
    public var evaluation: String?
    /// The day of each lifecycle step (optional: matches stored before they existed have only `since`).
    public var proposedOn: CalendarDate?
    public var introductionOn: CalendarDate?
    public var activeOn: CalendarDate?
    public var endedOn: CalendarDate?
    /// The last check-in with buddy and client, and what came out of it (short).
    public var lastCheckIn: CalendarDate?
    public var checkInNote: String?

    public init(request: UUID, caseID: UUID, maatje: UUID, status: String, since: CalendarDate, evaluation: String? = nil,
                proposedOn: CalendarDate? = nil, introductionOn: CalendarDate? = nil, activeOn: CalendarDate? = nil, endedOn: CalendarDate? = nil,
                lastCheckIn: CalendarDate? = nil, checkInNote: String? = nil) {
        self.request = request; self.caseID = caseID; self.maatje = maatje; self.status = status; self.since = since; self.evaluation = evaluation
        self.proposedOn = proposedOn; self.introductionOn = introductionOn; self.activeOn = activeOn; self.endedOn = endedOn
        self.lastCheckIn = lastCheckIn; self.checkInNote = checkInNote
    }

    public static let statuses = ["voorgesteld", "kennismaking", "actief", "afgerond", "gestopt"]
    public static let fields: [String: FieldClass] = [
        "request": .operational, "caseID": .operational, "maatje": .operational, "status": .operational,
        "since": .operational, "evaluation": .specialCategory, "proposedOn": .operational, "introductionOn": .operational,
        "activeOn": .operational, "endedOn": .operational, "lastCheckIn": .operational, "checkInNote": .specialCategory,
    ]
    public static let example = MatchRecord(request: .zero, caseID: .zero, maatje: .zero, status: "actief", since: CalendarDate(year: 2026, month: 4, day: 20)!)
}
