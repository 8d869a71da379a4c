import Foundation

/// Needs per life domain, assessed from the first contact (DOMAIN.md §2 step 3).
public struct IntakeNeeds: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "needs"
    /// Domain id (vocabulary `needDomains`) → level: geen, laag, midden, hoog.
    public var levels: [String: String]
    public var notes: String?

    public init(levels: [String: String], notes: String? = nil) { self.levels = levels; self.notes = notes }

    public static let levelsAllowed = ["geen", "laag", "midden", "hoog"]
    public static let fields: [String: FieldClass] = ["levels": .specialCategory, "notes": .specialCategory]
    public static let example = IntakeNeeds(levels: ["veiligheid": "hoog", "medisch": "midden"], notes: "Slaapt slecht.")
}

/// What was done with a signal and when the reporter was told (DOMAIN.md §1: reporters
/// often never hear back). Carries the coordinator's function, not their name.
public struct ReporterFeedback: FieldGroup {
    public static let kind = EntityKind.case
    public static let group = "feedback"
    public var outcome: String        // vocabulary `feedbackOutcomes`
    public var toldOn: CalendarDate?
    public var note: String?

    public init(outcome: String, toldOn: CalendarDate?, note: String? = nil) { self.outcome = outcome; self.toldOn = toldOn; self.note = note }

    public static let fields: [String: FieldClass] = ["outcome": .operational, "toldOn": .operational, "note": .specialCategory]
    public static let example = ReporterFeedback(outcome: "intake-gestart", toldOn: CalendarDate(year: 2026, month: 3, day: 5)!)
}

/// A half-finished form, kept encrypted so nothing typed is lost when a form is left by
/// accident. Store-level (not yet a case, or not yet part of one); removed when done.
public struct IntakeDraft: FieldGroup {
    public static let kind = EntityKind.intakeDraft
    public static let group = "main"
    public var form: String           // which form: signaal, intake
    public var caseID: UUID?          // the case an intake draft belongs to
    public var step: Int
    public var values: [String: String]
    public var savedAt: Date

    public init(form: String, caseID: UUID?, step: Int, values: [String: String], savedAt: Date) {
        self.form = form; self.caseID = caseID; self.step = step; self.values = values; self.savedAt = savedAt
    }

    public static let fields: [String: FieldClass] = [
        "form": .operational, "caseID": .operational, "step": .operational, "values": .specialCategory, "savedAt": .operational,
    ]
    public static let example = IntakeDraft(form: "intake", caseID: nil, step: 2, values: ["givenNames": "Ewa"], savedAt: Date(timeIntervalSince1970: 0))
}
