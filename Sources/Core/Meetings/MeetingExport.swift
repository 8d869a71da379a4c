import Foundation

/// Agenda and minutes of one meeting as Markdown (issue 6 §7), in two versions:
///
/// - `.deidentified`, for the participants: per case item the case code, age, forms and the
///   question, whatever was decided about sharing (the file goes to everyone at the table).
///   Free text (questions, titles, minutes, actions) is included with every known person's
///   name masked (`NameMasker`); attendees are listed by organisation only.
/// - `.full`, for the case file: names and birth dates of the clients on the agenda, the
///   sharing decisions, the attendees' names, free text as written.
///
/// Deterministic: the same records give the same bytes.
public struct MeetingExport {
    public enum Version: String, Sendable, CaseIterable { case deidentified, full }

    /// What an export shows of a case on the agenda.
    public struct CaseInfo: Equatable, Sendable {
        public var code: CaseCode
        public var age: Int?
        public var forms: [String]
        /// Only in the full version.
        public var name: String
        public var birthDate: String?
        /// Name words to mask in free text (given names, family name, aliases).
        public var maskNames: [String]
        public init(code: CaseCode, age: Int?, forms: [String], name: String, birthDate: String?, maskNames: [String] = []) {
            self.code = code; self.age = age; self.forms = forms; self.name = name; self.birthDate = birthDate; self.maskNames = maskNames
        }
        public init(summary s: CaseSummary, on day: CalendarDate) {
            self.init(code: s.code, age: s.age(on: day), forms: s.forms, name: s.nameOrDescription, birthDate: s.birthDate?.display,
                      maskNames: [s.givenNames, s.familyName] + s.aliases)
        }
    }

    public let meetingID: UUID
    public let book: MeetingBook
    public let cases: [UUID: CaseInfo]
    /// Every person's name the store knows: masked in the de-identified version's free text.
    public let knownNames: [String]

    public init(meetingID: UUID, book: MeetingBook, cases: [UUID: CaseInfo], knownNames: [String]) {
        self.meetingID = meetingID; self.book = book; self.cases = cases; self.knownNames = knownNames
    }

    // MARK: agenda

    public func agenda(_ version: Version) throws -> String {
        guard let m = book.meeting(meetingID) else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        let text = TextFilter(version: version, masker: masker(version))
        var out = header(L10n.t("export.agenda.title", ReferenceData.shared.tableName(m.table)), m, version)
        var clock = startTime(m).minutesOfDay
        func slot(_ minutes: Int) -> String {
            defer { clock += minutes }
            return Self.hhmm(clock)
        }
        out += ["## " + L10n.t("export.opening"), ""]
        out.append("- \(slot(5)) " + L10n.t("export.openingItem"))
        if let previous = book.previousHeld(before: meetingID) {
            out.append("- \(slot(5)) " + L10n.t("export.approvePrevious", previous.value.date.dutch))
        }
        out.append("")
        let follow = book.openActions(before: meetingID)
        if !follow.isEmpty {
            out += ["## " + L10n.t("export.followUp") + " (\(slot(5)))", ""]
            for a in follow { out.append("- " + actionLine(a.value, text: text, version: version, today: m.date)) }
            out.append("")
        }
        out += ["## " + L10n.t("export.items"), ""]
        let agenda = book.agenda(meetingID)
        if agenda.isEmpty { out += [L10n.t("meetings.noAgenda"), ""] }
        for (n, entry) in agenda.enumerated() {
            out += itemBlock(n + 1, entry.id, entry.value, start: slot(entry.value.minutes), text: text, version: version)
        }
        out += ["## " + L10n.t("export.closing") + " (\(Self.hhmm(clock)))", ""]
        out.append(L10n.t(version == .full ? "export.footer.full" : "export.footer.deidentified"))
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: minutes

    public func minutes(_ version: Version) throws -> String {
        guard let m = book.meeting(meetingID) else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        let text = TextFilter(version: version, masker: masker(version))
        var out = header(L10n.t("export.minutes.title", ReferenceData.shared.tableName(m.table)), m, version)
        let attendance = book.attendance(meetingID)
        out += ["## " + L10n.t("export.present"), ""]
        let present = attendance.filter(\.value.present)
        if present.isEmpty { out.append("- " + L10n.t("export.none")) }
        for a in present {
            let names = version == .full && !a.value.names.isEmpty ? " (" + a.value.names.map(Self.inline).joined(separator: ", ") + ")" : ""
            out.append("- " + CareLabels.organisation(a.value.organisation) + names)
        }
        let absent = attendance.filter { !$0.value.present }
        if !absent.isEmpty {
            out += ["", "## " + L10n.t("export.absent"), ""]
            for a in absent { out.append("- " + CareLabels.organisation(a.value.organisation)) }
        }
        out.append("")
        if let previous = book.previousHeld(before: meetingID) {
            out += ["## " + L10n.t("export.previousMinutes"), ""]
            out.append(m.previousMinutesApprovedOn.map { L10n.t("export.previousApproved", previous.value.date.dutch, $0.dutch) }
                       ?? L10n.t("export.previousNotApproved", previous.value.date.dutch))
            out.append("")
        }
        if let general = book.minutes(meetingID, item: nil) {
            out += ["## " + L10n.t("export.general"), ""] + text.block(general.value.text) + [""]
        }
        out += ["## " + L10n.t("export.items"), ""]
        for (n, entry) in book.agenda(meetingID).enumerated() {
            out += itemBlock(n + 1, entry.id, entry.value, start: nil, text: text, version: version)
            if let minutes = book.minutes(meetingID, item: entry.id) {
                out += ["**" + L10n.t("export.report") + "**" + (minutes.value.approved ? "" : " (" + L10n.t("export.draft") + ")"), ""]
                out += text.block(minutes.value.text) + [""]
            }
            let actions = book.actions(meetingID).filter { $0.value.agendaItem == entry.id }
            if !actions.isEmpty {
                out += ["**" + L10n.t("export.actions") + "**", ""]
                for a in actions { out.append("- " + actionLine(a.value, text: text, version: version, today: m.date)) }
                out.append("")
            }
        }
        let loose = book.actions(meetingID).filter { $0.value.agendaItem == nil }
        if !loose.isEmpty {
            out += ["## " + L10n.t("export.actions"), ""]
            for a in loose { out.append("- " + actionLine(a.value, text: text, version: version, today: m.date)) }
            out.append("")
        }
        out.append(L10n.t(version == .full ? "export.footer.full" : "export.footer.deidentified"))
        return out.joined(separator: "\n") + "\n"
    }

    // MARK: parts

    func header(_ title: String, _ m: MeetingRecord, _ version: Version) -> [String] {
        let start = startTime(m)
        let end = start.minutesOfDay + duration(m)
        var lines = ["# " + title, "", "- **" + L10n.t("field.date") + "**: " + m.date.dutch + " " + start.description + "–" + Self.hhmm(end)]
        if let l = m.location { lines.append("- **" + L10n.t("field.location") + "**: " + Self.inline(l)) }
        if m.isCancelled { lines.append("- **" + L10n.t("field.status") + "**: " + L10n.t("meeting.geannuleerd")) }
        lines += ["", "_" + L10n.t(version == .full ? "export.version.full" : "export.version.deidentified") + "_", ""]
        return lines
    }

    func itemBlock(_ n: Int, _ id: UUID, _ item: AgendaItemRecord, start: String?, text: TextFilter, version: Version) -> [String] {
        let ref = ReferenceData.shared
        let time = start.map { "\($0) · " } ?? ""
        let box = " (" + L10n.t("export.minutesBox", item.minutes) + ")"
        var lines: [String]
        if let caseID = item.caseID {
            let info = cases[caseID]
            var head = info?.code.description ?? L10n.t("export.unknownCase")
            head += " · " + (info?.age.map { L10n.t("export.age", $0) } ?? L10n.t("export.ageUnknown"))
            let forms = info?.forms ?? []
            if !forms.isEmpty { head += " · " + forms.map { ref.label("exploitationForms", $0) }.joined(separator: ", ") }
            lines = ["### \(n). \(time)\(head)\(box)", ""]
            if version == .full, let info {
                lines.append("- **" + L10n.t("field.name") + "**: " + Self.inline(info.name.isEmpty ? "–" : info.name))
                if let b = info.birthDate { lines.append("- **" + L10n.t("field.birthDate") + "**: " + b) }
            }
        } else {
            let kind = L10n.t("agenda.kind.\(item.itemKind)")
            lines = ["### \(n). \(time)\(kind): \(text.line(item.title ?? ""))\(box)", ""]
        }
        lines.append("- **" + L10n.t("meeting.question") + "**: " + text.line(item.question))
        lines.append("- **" + L10n.t("meeting.broughtBy") + "**: " + CareLabels.organisation(item.broughtBy))
        if version == .full, item.caseID != nil {
            if let orgs = item.sharedWith, !orgs.isEmpty {
                lines.append("- **" + L10n.t("export.sharing") + "**: " + L10n.t("export.sharedWith",
                    orgs.map(CareLabels.organisation).joined(separator: ", "),
                    ref.label("legalBases", item.legalBasis ?? ""),
                    (item.sharedFields ?? []).joined(separator: ", ")))
            } else {
                lines.append("- **" + L10n.t("export.sharing") + "**: " + L10n.t("export.deidentifiedOnly"))
            }
        }
        lines.append("")
        return lines
    }

    func actionLine(_ a: MeetingActionRecord, text: TextFilter, version: Version, today: CalendarDate) -> String {
        var s = text.line(a.what) + " — " + CareLabels.organisation(a.organisation)
        if let due = a.due { s += " — " + L10n.t("field.due").lowercased() + " " + due.dutch }
        if let caseID = book.caseID(of: a), let info = cases[caseID] { s += " — " + info.code.description }
        if !a.isOpen { s += " — " + L10n.t("meetingAction.\(a.status)") }
        return s
    }

    func masker(_ version: Version) -> NameMasker? {
        guard version == .deidentified else { return nil }
        var names = knownNames
        names += cases.values.flatMap(\.maskNames)
        names += book.attendance.flatMap(\.value.names)
        return NameMasker(names: names)
    }

    func startTime(_ m: MeetingRecord) -> TimeOfDay {
        if let t = m.startTime.flatMap(TimeOfDay.init(parsing:)) { return t }
        if let s = m.series.flatMap({ book.seriesRecord($0) }), let t = TimeOfDay(parsing: s.startTime) { return t }
        return TimeOfDay(hour: 14, minute: 0)!
    }

    func duration(_ m: MeetingRecord) -> Int { m.series.flatMap { book.seriesRecord($0) }?.durationMinutes ?? 120 }

    static func hhmm(_ minutes: Int) -> String {
        let m = ((minutes % 1440) + 1440) % 1440
        return CalendarDate.pad(m / 60, 2) + ":" + CalendarDate.pad(m % 60, 2)
    }

    /// One line of Markdown: no line breaks, no raw HTML.
    static func inline(_ s: String) -> String {
        s.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
            .replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
    }

    /// Free text for a version: masked in the de-identified one.
    struct TextFilter {
        let version: Version
        let masker: NameMasker?
        func line(_ s: String) -> String { MeetingExport.inline(masker?.apply(s) ?? s) }
        func block(_ s: String) -> [String] {
            (masker?.apply(s) ?? s).replacingOccurrences(of: "\r", with: "").split(separator: "\n", omittingEmptySubsequences: false)
                .map { "> " + MeetingExport.inline(String($0)) }
        }
    }
}

extension Store {
    /// Names and birth dates leave the store with a full (dossier) export: one audit entry
    /// per case in the document, as if each case had been opened.
    public func recordFullMeetingExport(_ export: MeetingExport, document: String, meetingDate: CalendarDate) throws {
        for caseID in export.cases.keys.sorted(by: { $0.uuidString < $1.uuidString }) {
            try recordAudit(AuditEntry(at: clock.now(), user: userID, action: "meeting-export-full", caseID: caseID,
                                       detail: "\(document) \(meetingDate.iso)"))
        }
    }

    /// Everything the exports of one meeting need: the meeting records, the agenda's cases
    /// and every known name (for masking).
    public func meetingExport(meeting meetingID: UUID, on day: CalendarDate) throws -> MeetingExport {
        let book = try meetingBook()
        guard book.meeting(meetingID) != nil else { throw SchakelError(.notFound, L10n.t("meeting.error.notFound")) }
        var cases: [UUID: MeetingExport.CaseInfo] = [:]
        for item in book.agenda(meetingID) {
            guard let id = item.value.caseID, cases[id] == nil, let file = try? caseFile(id) else { continue }
            cases[id] = MeetingExport.CaseInfo(summary: try CaseSummary(file), on: day)
        }
        for a in book.openActions(before: meetingID) + book.actions(meetingID) {
            guard let id = book.caseID(of: a.value), cases[id] == nil, let file = try? caseFile(id) else { continue }
            cases[id] = MeetingExport.CaseInfo(summary: try CaseSummary(file), on: day)
        }
        return MeetingExport(meetingID: meetingID, book: book, cases: cases, knownNames: try knownPersonNames())
    }
}
