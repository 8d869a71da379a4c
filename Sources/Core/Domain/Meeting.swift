import Foundation

/// One session of a table such as the casusoverleg 18- (every 8 weeks).
public struct MeetingRecord: FieldGroup {
    public static let kind = EntityKind.meeting
    public static let group = "main"
    public var table: String        // table id in regions.json, e.g. casusoverleg-18-
    public var date: CalendarDate
    public var location: String?
    public var status: String       // gepland, gehouden, geannuleerd
    /// The series (`MeetingSeriesRecord`) this meeting belongs to; nil for a one-off meeting.
    public var series: UUID?
    /// The date the series rule gave this meeting, set when it was moved (or cancelled).
    public var originalDate: CalendarDate?
    /// Start time "HH:mm" when it differs from the series' time (a moved meeting).
    public var startTime: String?
    /// The day the previous meeting's minutes were approved at this meeting.
    public var previousMinutesApprovedOn: CalendarDate?

    public init(table: String, date: CalendarDate, location: String? = nil, status: String = "gepland", series: UUID? = nil,
                originalDate: CalendarDate? = nil, startTime: String? = nil, previousMinutesApprovedOn: CalendarDate? = nil) {
        self.table = table; self.date = date; self.location = location; self.status = status
        self.series = series; self.originalDate = originalDate; self.startTime = startTime
        self.previousMinutesApprovedOn = previousMinutesApprovedOn
    }

    public static let statuses = ["gepland", "gehouden", "geannuleerd"]

    public static let fields: [String: FieldClass] = [
        "table": .operational, "date": .operational, "location": .operational, "status": .operational,
        "series": .operational, "originalDate": .operational, "startTime": .operational, "previousMinutesApprovedOn": .operational,
    ]
    public static let example = MeetingRecord(table: "casusoverleg-18-", date: CalendarDate(year: 2026, month: 5, day: 14)!, location: "Den Haag",
                                              series: .zero, originalDate: CalendarDate(year: 2026, month: 5, day: 12)!, startTime: "14:00",
                                              previousMinutesApprovedOn: CalendarDate(year: 2026, month: 5, day: 14)!)
}

/// A case (by code) or a trend/theme on a meeting's agenda.
public struct AgendaItemRecord: FieldGroup {
    public static let kind = EntityKind.agendaItem
    public static let group = "main"
    public var meeting: UUID
    public var order: Int
    public var caseID: UUID?
    public var title: String?        // for trend and theme items
    public var question: String      // the question to the table
    public var broughtBy: String     // organisation id
    public var minutes: Int          // time box
    /// casus, trend, thema, opvolging (nil: casus when there is a case, else trend).
    public var kind: String?
    /// Organisations that may receive identifying details of this case item (a sharing
    /// decision recorded in the case's disclosure register); nil/empty: de-identified only.
    public var sharedWith: [String]?
    /// The case field paths (`FieldCatalog`) that decision covers.
    public var sharedFields: [String]?
    /// The legal basis (`legalBases`) of that decision.
    public var legalBasis: String?

    public init(meeting: UUID, order: Int, caseID: UUID?, title: String?, question: String, broughtBy: String, minutes: Int = 15,
                kind: String? = nil, sharedWith: [String]? = nil, sharedFields: [String]? = nil, legalBasis: String? = nil) {
        self.meeting = meeting; self.order = order; self.caseID = caseID; self.title = title
        self.question = question; self.broughtBy = broughtBy; self.minutes = minutes
        self.kind = kind; self.sharedWith = sharedWith; self.sharedFields = sharedFields; self.legalBasis = legalBasis
    }

    public static let kinds = ["casus", "trend", "thema", "opvolging"]
    /// The item's kind, also for records written before kinds existed.
    public var itemKind: String { kind ?? (caseID != nil ? "casus" : "trend") }
    /// True when identifying details of the case may be shared (an explicit, recorded decision).
    public var sharesIdentifyingDetails: Bool { !(sharedWith ?? []).isEmpty }

    public static let fields: [String: FieldClass] = [
        "meeting": .operational, "order": .operational, "caseID": .operational, "title": .specialCategory,
        "question": .specialCategory, "broughtBy": .operational, "minutes": .operational,
        "kind": .operational, "sharedWith": .operational, "sharedFields": .operational, "legalBasis": .operational,
    ]
    public static let example = AgendaItemRecord(meeting: .zero, order: 1, caseID: nil, title: "Trend: online werving",
                                                 question: "Wat zien jullie op scholen?", broughtBy: "cjg", kind: "trend",
                                                 sharedWith: ["fier"], sharedFields: ["client.identity.name"], legalBasis: "convenant")
}

public struct AttendanceRecord: FieldGroup {
    public static let kind = EntityKind.attendance
    public static let group = "main"
    public var meeting: UUID
    public var organisation: String
    public var present: Bool
    public var names: [String]

    public init(meeting: UUID, organisation: String, present: Bool, names: [String] = []) {
        self.meeting = meeting; self.organisation = organisation; self.present = present; self.names = names
    }

    public static let fields: [String: FieldClass] = ["meeting": .operational, "organisation": .operational, "present": .operational, "names": .identifying]
    public static let example = AttendanceRecord(meeting: .zero, organisation: "fier", present: true, names: ["L. Visser"])
}

public struct MinutesRecord: FieldGroup {
    public static let kind = EntityKind.minutes
    public static let group = "main"
    public var meeting: UUID
    public var agendaItem: UUID?
    public var text: String
    public var approved: Bool

    public init(meeting: UUID, agendaItem: UUID?, text: String, approved: Bool = false) {
        self.meeting = meeting; self.agendaItem = agendaItem; self.text = text; self.approved = approved
    }

    public static let fields: [String: FieldClass] = ["meeting": .operational, "agendaItem": .operational, "text": .specialCategory, "approved": .operational]
    public static let example = MinutesRecord(meeting: .zero, agendaItem: nil, text: "Advies: traumabehandeling starten.")
}

public struct MeetingActionRecord: FieldGroup {
    public static let kind = EntityKind.meetingAction
    public static let group = "main"
    public var meeting: UUID
    public var agendaItem: UUID?
    public var what: String
    public var organisation: String
    public var due: CalendarDate?
    public var status: String        // open, gedaan, vervallen
    /// The day it was finished (gedaan or vervallen).
    public var doneOn: CalendarDate?

    public init(meeting: UUID, agendaItem: UUID?, what: String, organisation: String, due: CalendarDate?, status: String = "open", doneOn: CalendarDate? = nil) {
        self.meeting = meeting; self.agendaItem = agendaItem; self.what = what; self.organisation = organisation; self.due = due; self.status = status
        self.doneOn = doneOn
    }

    public static let statuses = ["open", "gedaan", "vervallen"]
    public var isOpen: Bool { status == "open" }

    public static let fields: [String: FieldClass] = [
        "meeting": .operational, "agendaItem": .operational, "what": .specialCategory,
        "organisation": .operational, "due": .operational, "status": .operational, "doneOn": .operational,
    ]
    public static let example = MeetingActionRecord(meeting: .zero, agendaItem: nil, what: "Jeugdbescherming inschakelen", organisation: "jeugdbescherming-west",
                                                    due: CalendarDate(year: 2026, month: 6, day: 1)!, doneOn: CalendarDate(year: 2026, month: 5, day: 28)!)
}
