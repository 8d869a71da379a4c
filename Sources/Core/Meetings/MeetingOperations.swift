import Foundation

/// The meeting's writes (issue 6): series and meetings, the agenda, attendance, minutes,
/// actions and the sharing decision per case item. Each validates, then records events in
/// the caller's transaction. Messages are Dutch (L10n) and never echo what was typed.
extension StoreTransaction {
    public static let meetingTimeBox = 1...120
    public static let meetingDuration = 15...480
    public static let meetingInterval = 1...52
    static let meetingQuestionMax = 2000
    static let meetingTitleMax = 200
    static let meetingMinutesMax = 10_000
    static let meetingActionMax = 500
    static let meetingLocationMax = 120

    // MARK: series and meetings

    /// Sets up a table's series. The interval comes from the reference data unless given.
    @discardableResult
    public func createMeetingSeries(table: String, start: CalendarDate, startTime: String = "14:00", durationMinutes: Int = 120,
                                    intervalWeeks: Int? = nil, until: CalendarDate? = nil, location: String? = nil) throws -> UUID {
        guard let t = ReferenceData.shared.table(table) else { throw SchakelError(.validation, L10n.t("meeting.error.unknownTable")) }
        let interval = intervalWeeks ?? t.intervalWeeks
        guard Self.meetingInterval.contains(interval) else {
            throw SchakelError(.validation, L10n.t("meeting.error.interval", Self.meetingInterval.lowerBound, Self.meetingInterval.upperBound))
        }
        let time = try Self.meetingTime(startTime)
        try Self.checkDuration(durationMinutes)
        if let until, until < start { throw SchakelError(.validation, L10n.t("validation.endBeforeStart")) }
        let id = UUID()
        try put(MeetingSeriesRecord(table: table, start: start, intervalWeeks: interval, startTime: time.description,
                                    durationMinutes: durationMinutes, until: until, location: try Self.meetingLocation(location)), entity: id)
        return id
    }

    /// Ends a series after a day (meetings planned after it are cancelled).
    public func endMeetingSeries(_ seriesID: UUID, after last: CalendarDate) throws {
        let book = try meetingBook()
        guard var s = book.seriesRecord(seriesID) else { throw SchakelError(.notFound, L10n.t("meeting.error.seriesNotFound")) }
        guard last >= s.start else { throw SchakelError(.validation, L10n.t("validation.endBeforeStart")) }
        s.until = last
        try put(s, entity: seriesID)
        for m in book.meetings where m.value.series == seriesID && m.value.status == "gepland" && m.value.ruleDate > last {
            var v = m.value; v.status = "geannuleerd"; v.originalDate = v.ruleDate
            try put(v, entity: m.id)
        }
    }

    /// Creates the series' meetings from the rule through a day (dates that already have
    /// a meeting, moved or cancelled included, are left alone). Returns the new ids.
    @discardableResult
    public func scheduleMeetings(series seriesID: UUID, through: CalendarDate) throws -> [UUID] {
        let book = try meetingBook()
        guard let series = book.meetingSeries(seriesID) else { throw SchakelError(.notFound, L10n.t("meeting.error.seriesNotFound")) }
        guard series.record.start.days(until: through) <= 366 * 5 else {
            throw SchakelError(.validation, L10n.t("meeting.error.horizon"))
        }
        let taken = Set(series.meetings.map(\.value.ruleDate))
        var out: [UUID] = []
        for day in series.ruleDates(through: through) where !taken.contains(day) {
            let id = UUID()
            try put(MeetingRecord(table: series.record.table, date: day, location: series.record.location,
                                  status: day < today ? "gehouden" : "gepland", series: seriesID), entity: id)
            out.append(id)
        }
        return out
    }

    /// A meeting outside a series (or the series' meeting on a rule date).
    @discardableResult
    public func createMeeting(table: String, date: CalendarDate, location: String? = nil, series seriesID: UUID? = nil) throws -> UUID {
        guard ReferenceData.shared.table(table) != nil else { throw SchakelError(.validation, L10n.t("meeting.error.unknownTable")) }
        let book = try meetingBook()
        if let seriesID {
            guard let s = book.meetingSeries(seriesID), s.record.table == table else { throw SchakelError(.notFound, L10n.t("meeting.error.seriesNotFound")) }
            guard s.isRuleDate(date) else { throw SchakelError(.validation, L10n.t("meeting.error.notRuleDate")) }
            guard !s.meetings.contains(where: { $0.value.ruleDate == date }) else { throw SchakelError(.validation, L10n.t("meeting.error.dateTaken")) }
        }
        let id = UUID()
        try put(MeetingRecord(table: table, date: date, location: try Self.meetingLocation(location)
                                ?? seriesID.flatMap { book.seriesRecord($0)?.location },
                              status: "gepland", series: seriesID), entity: id)
        return id
    }

    /// Moves a planned meeting to another day (and time). The date the rule gave it is kept,
    /// so the calendar export shows it as a changed occurrence, not a new meeting.
    public func moveMeeting(_ meetingID: UUID, to date: CalendarDate, startTime: String? = nil, location: String? = nil) throws {
        let book = try meetingBook()
        guard var m = book.meeting(meetingID) else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        guard m.status == "gepland" else { throw SchakelError(.validation, L10n.t("meeting.error.notPlanned")) }
        guard date >= today else { throw SchakelError(.validation, L10n.t("meeting.error.moveToPast")) }
        if let seriesID = m.series, let s = book.meetingSeries(seriesID) {
            let clash = s.meetings.contains { $0.id != meetingID && !$0.value.isCancelled && $0.value.date == date }
            guard !clash else { throw SchakelError(.validation, L10n.t("meeting.error.dateTaken")) }
        }
        if let t = startTime {
            let time = try Self.meetingTime(t)
            let seriesTime = m.series.flatMap { book.seriesRecord($0) }.flatMap { TimeOfDay(parsing: $0.startTime) }
            m.startTime = time == seriesTime ? nil : time.description
        }
        if let location { m.location = try Self.meetingLocation(location) }
        if m.series != nil {
            m.originalDate = m.ruleDate
            if m.originalDate == date { m.originalDate = nil }
        }
        m.date = date
        try put(m, entity: meetingID)
    }

    /// Cancels a planned meeting (its agenda stays, for moving the items to another meeting).
    public func cancelMeeting(_ meetingID: UUID) throws {
        guard var m = try meetingBook().meeting(meetingID) else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        guard m.status == "gepland" else { throw SchakelError(.validation, L10n.t("meeting.error.notPlanned")) }
        m.status = "geannuleerd"
        if m.series != nil { m.originalDate = m.ruleDate }
        try put(m, entity: meetingID)
    }

    /// Marks a meeting as held (on or after its day).
    public func markMeetingHeld(_ meetingID: UUID) throws {
        guard var m = try meetingBook().meeting(meetingID) else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        guard m.status == "gepland" else { throw SchakelError(.validation, L10n.t("meeting.error.notPlanned")) }
        guard m.date <= today else { throw SchakelError(.validation, L10n.t("meeting.error.heldInFuture")) }
        m.status = "gehouden"
        try put(m, entity: meetingID)
    }

    // MARK: agenda

    /// Adds an item at the end of the agenda (follow-up items first, see `AgendaProposal`).
    /// A case item names the case; a trend or theme item needs a title.
    @discardableResult
    public func addAgendaItem(meeting meetingID: UUID, caseID: UUID? = nil, kind: String? = nil, title: String? = nil, question: String,
                              broughtBy: String, minutes: Int = 15) throws -> UUID {
        let book = try meetingBook()
        guard let m = book.meeting(meetingID) else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        guard m.status == "gepland" else { throw SchakelError(.validation, L10n.t("meeting.error.notPlanned")) }
        let kind = kind ?? (caseID != nil ? "casus" : "trend")
        guard AgendaItemRecord.kinds.contains(kind) else { throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.agendaKind"))) }
        let item = AgendaItemRecord(meeting: meetingID, order: (book.agenda(meetingID).map(\.value.order).filter { $0 < 99 }.max() ?? 0) + 1,
                                    caseID: caseID, title: title, question: question, broughtBy: broughtBy, minutes: minutes, kind: kind)
        let valid = try validatedItem(item, book: book, itemID: nil)
        let id = UUID()
        try put(valid, entity: id)
        return id
    }

    /// Changes an item's question, title, who brings it in or its time box.
    public func editAgendaItem(_ itemID: UUID, title: String? = nil, question: String? = nil, broughtBy: String? = nil, minutes: Int? = nil) throws {
        let book = try meetingBook()
        guard var item = book.item(itemID) else { throw SchakelError(.notFound, L10n.t("meeting.error.itemNotFound")) }
        guard book.meeting(item.meeting)?.status == "gepland" else { throw SchakelError(.validation, L10n.t("meeting.error.notPlanned")) }
        if let title { item.title = title }
        if let question { item.question = question }
        if let broughtBy { item.broughtBy = broughtBy }
        if let minutes { item.minutes = minutes }
        try put(try validatedItem(item, book: book, itemID: itemID), entity: itemID)
    }

    /// Puts the agenda in a new order: `order` lists every item of the meeting once.
    public func reorderAgenda(meeting meetingID: UUID, order: [UUID]) throws {
        let book = try meetingBook()
        guard let m = book.meeting(meetingID) else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        guard m.status == "gepland" else { throw SchakelError(.validation, L10n.t("meeting.error.notPlanned")) }
        let current = book.agenda(meetingID)
        guard order.count == current.count, Set(order) == Set(current.map(\.id)) else {
            throw SchakelError(.validation, L10n.t("meeting.error.reorderMismatch"))
        }
        let byID = Dictionary(uniqueKeysWithValues: current.map { ($0.id, $0.value) })
        for (i, id) in order.enumerated() where byID[id]!.order != i + 1 {
            var v = byID[id]!; v.order = i + 1
            try put(v, entity: id)
        }
    }

    /// Removes an item from a planned meeting's agenda (not once it has minutes or actions).
    public func removeAgendaItem(_ itemID: UUID) throws {
        let book = try meetingBook()
        guard let item = book.item(itemID) else { throw SchakelError(.notFound, L10n.t("meeting.error.itemNotFound")) }
        guard book.meeting(item.meeting)?.status == "gepland" else { throw SchakelError(.validation, L10n.t("meeting.error.notPlanned")) }
        guard !book.minutes.contains(where: { $0.value.agendaItem == itemID }), !book.actions.contains(where: { $0.value.agendaItem == itemID }) else {
            throw SchakelError(.validation, L10n.t("meeting.error.itemHasMinutes"))
        }
        try removeRecord(kind: .agendaItem, entity: itemID)
    }

    func validatedItem(_ raw: AgendaItemRecord, book: MeetingBook, itemID: UUID?) throws -> AgendaItemRecord {
        var item = raw
        guard Self.meetingTimeBox.contains(item.minutes) else {
            throw SchakelError(.validation, L10n.t("meeting.error.timeBox", Self.meetingTimeBox.lowerBound, Self.meetingTimeBox.upperBound))
        }
        item.question = try Validation.text(item.question, field: "question", required: true, max: Self.meetingQuestionMax)
        item.title = try item.title.map { try Validation.line($0, field: "agendaTitle", max: Self.meetingTitleMax) }.flatMap { $0.isEmpty ? nil : $0 }
        guard ReferenceData.shared.organisation(item.broughtBy) != nil else {
            throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("meeting.broughtBy")))
        }
        if let caseID = item.caseID {
            _ = try currentCase(caseID)
            let dup = book.agenda(item.meeting).contains { $0.id != itemID && $0.value.caseID == caseID }
            guard !dup else { throw SchakelError(.validation, L10n.t("meeting.error.caseAlreadyOnAgenda")) }
        } else {
            guard item.itemKind != "casus" else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.code"))) }
            guard item.title != nil else { throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.agendaTitle"))) }
        }
        return item
    }

    // MARK: attendance and minutes

    /// Records whether an organisation is present (and who), replacing an earlier record.
    @discardableResult
    public func recordAttendance(meeting meetingID: UUID, organisation: String, present: Bool, names: [String] = []) throws -> UUID {
        let book = try meetingBook()
        guard let m = book.meeting(meetingID) else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        guard !m.isCancelled else { throw SchakelError(.validation, L10n.t("meeting.error.cancelled")) }
        guard ReferenceData.shared.organisation(organisation) != nil else {
            throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.organisation")))
        }
        let names = try Validation.list(names, field: "attendees", max: 10).map { try Validation.line($0, field: "attendees", max: 120) }
        let id = book.attendance(meetingID).first { $0.value.organisation == organisation }?.id ?? UUID()
        try put(AttendanceRecord(meeting: meetingID, organisation: organisation, present: present, names: present ? names : []), entity: id)
        return id
    }

    /// Approves the minutes of the previous held meeting of the same table, at the start of
    /// this one. Returns the previous meeting's id.
    @discardableResult
    public func approvePreviousMinutes(meeting meetingID: UUID) throws -> UUID {
        let book = try meetingBook()
        guard var m = book.meeting(meetingID) else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        guard !m.isCancelled else { throw SchakelError(.validation, L10n.t("meeting.error.cancelled")) }
        guard let previous = book.previousHeld(before: meetingID) else { throw SchakelError(.validation, L10n.t("meeting.error.noPreviousMeeting")) }
        for entry in book.minutes(previous.id) where !entry.value.approved {
            var v = entry.value; v.approved = true
            try put(v, entity: entry.id)
        }
        m.previousMinutesApprovedOn = today
        try put(m, entity: meetingID)
        return previous.id
    }

    /// Writes (or rewrites) the minutes of an item, or of the meeting in general (item nil).
    @discardableResult
    public func writeMinutes(meeting meetingID: UUID, item itemID: UUID?, text: String) throws -> UUID {
        let book = try meetingBook()
        guard let m = book.meeting(meetingID) else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        guard !m.isCancelled else { throw SchakelError(.validation, L10n.t("meeting.error.cancelled")) }
        if let itemID { guard book.item(itemID)?.meeting == meetingID else { throw SchakelError(.notFound, L10n.t("meeting.error.itemNotFound")) } }
        let existing = book.minutes(meetingID, item: itemID)
        if existing?.value.approved == true { throw SchakelError(.validation, L10n.t("meeting.error.minutesApproved")) }
        let text = try Validation.text(text, field: "minutesText", required: true, max: Self.meetingMinutesMax)
        let id = existing?.id ?? UUID()
        try put(MinutesRecord(meeting: meetingID, agendaItem: itemID, text: text), entity: id)
        return id
    }

    // MARK: actions

    @discardableResult
    public func addMeetingAction(meeting meetingID: UUID, item itemID: UUID?, what: String, organisation: String, due: CalendarDate?) throws -> UUID {
        let book = try meetingBook()
        guard let m = book.meeting(meetingID) else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        guard !m.isCancelled else { throw SchakelError(.validation, L10n.t("meeting.error.cancelled")) }
        if let itemID { guard book.item(itemID)?.meeting == meetingID else { throw SchakelError(.notFound, L10n.t("meeting.error.itemNotFound")) } }
        let what = try Validation.line(what, field: "what", required: true, max: Self.meetingActionMax)
        guard ReferenceData.shared.organisation(organisation) != nil else {
            throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.organisation")))
        }
        if let due, due < m.date { throw SchakelError(.validation, L10n.t("meeting.error.dueBeforeMeeting")) }
        let id = UUID()
        try put(MeetingActionRecord(meeting: meetingID, agendaItem: itemID, what: what, organisation: organisation, due: due), entity: id)
        return id
    }

    /// Finishes an open action: gedaan or vervallen, on a day (not in the future).
    public func finishMeetingAction(_ actionID: UUID, status: String = "gedaan", on day: CalendarDate) throws {
        guard var a = try meetingBook().action(actionID) else { throw SchakelError(.notFound, L10n.t("meeting.error.actionNotFound")) }
        guard a.isOpen else { throw SchakelError(.validation, L10n.t("meeting.error.actionNotOpen")) }
        guard status == "gedaan" || status == "vervallen" else { throw SchakelError(.validation, L10n.t("validation.unknownValue", L10n.t("field.status"))) }
        guard day <= today else { throw SchakelError(.validation, L10n.t("validation.futureDate")) }
        a.status = status; a.doneOn = day
        try put(a, entity: actionID)
    }

    // MARK: sharing

    /// The de-identified view every participant gets of a case item: no decision needed.
    public static let meetingDefaultFields = ["case.opening.code", "client.identity.age", "case.exploitation.forms"]

    /// Decides that identifying details of a case item go to organisations in the room, on
    /// a legal basis: records a disclosure per organisation in the case's register (purpose
    /// casusoverleg), and the decision on the item. Only organisations recorded present may
    /// receive them; blocked fields (a secret address) never leave.
    public func recordItemSharing(item itemID: UUID, organisations: [String], legalBasis: String, fields: [String]) throws {
        let book = try meetingBook()
        guard var item = book.item(itemID) else { throw SchakelError(.notFound, L10n.t("meeting.error.itemNotFound")) }
        guard let caseID = item.caseID else { throw SchakelError(.validation, L10n.t("meeting.error.notCaseItem")) }
        guard let m = book.meeting(item.meeting), !m.isCancelled else { throw SchakelError(.validation, L10n.t("meeting.error.cancelled")) }
        _ = try Validation.vocabulary(legalBasis, "legalBases", field: "legalBasis")
        let orgs = Array(Set(organisations)).sorted()
        guard !orgs.isEmpty else { throw SchakelError(.validation, L10n.t("meeting.error.noRecipients")) }
        let present = book.present(item.meeting)
        for org in orgs where !present.contains(org) {
            throw SchakelError(.notAllowed, L10n.t("meeting.error.notPresent", CareLabels.organisation(org)))
        }
        let chosen = Array(Set(fields)).sorted()
        guard !chosen.isEmpty else { throw SchakelError(.validation, L10n.t("referral.noFields")) }
        for f in chosen where !Self.shareableMeetingField(f) {
            throw SchakelError(.validation, L10n.t("meeting.error.unknownField", f))
        }
        let all = Array(Set(chosen + Self.meetingDefaultFields)).sorted()
        for org in orgs {
            try recordDisclosure(caseID, recipient: org, purpose: "casusoverleg", legalBasis: legalBasis, fields: all, on: today)
        }
        item.sharedWith = Array(Set((item.sharedWith ?? []) + orgs)).sorted()
        item.sharedFields = Array(Set((item.sharedFields ?? []) + chosen)).sorted()
        item.legalBasis = legalBasis
        try put(item, entity: itemID)
    }

    /// A case field path the sharing decision may name: a classified field of a case or
    /// client group, or the derived full name and age (as the referral summary names them).
    static func shareableMeetingField(_ path: String) -> Bool {
        if path == "client.identity.age" || path == "client.identity.name" { return true }
        guard let kind = path.split(separator: ".").first.flatMap({ EntityKind(rawValue: String($0)) }), kind.belongsToCase,
              kind != .disclosure, kind != .document else { return false }
        return FieldCatalog.classification(of: path) != nil
    }

    // MARK: helpers

    static func meetingTime(_ text: String) throws -> TimeOfDay {
        guard let t = TimeOfDay(parsing: text) else { throw SchakelError(.validation, L10n.t("meeting.error.badTime")) }
        return t
    }

    static func checkDuration(_ minutes: Int) throws {
        guard meetingDuration.contains(minutes) else {
            throw SchakelError(.validation, L10n.t("meeting.error.duration", meetingDuration.lowerBound, meetingDuration.upperBound))
        }
    }

    static func meetingLocation(_ text: String?) throws -> String? {
        try text.map { try Validation.line($0, field: "location", max: meetingLocationMax) }.flatMap { $0.isEmpty ? nil : $0 }
    }
}
