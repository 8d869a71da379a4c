import ArgumentParser
import Foundation
import Core

struct MeetingCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "meeting", abstract: L10n.t("help.meeting.abstract"),
                             subcommands: [MeetingListCommand.self, MeetingAgendaCommand.self, MeetingMinutesCommand.self,
                                           MeetingCalendarCommand.self])
    }
}

/// The default table of the meeting commands.
private let defaultTable = "casusoverleg-18-"

/// Checks a table id against the reference data (regions.json).
private func checkTable(_ id: String) throws -> String {
    guard ReferenceData.shared.table(id) != nil else { throw SchakelError(.validation, L10n.t("meeting.error.unknownTable")) }
    return id
}

struct MeetingListCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: L10n.t("help.meetingList.abstract"),
                             discussion: L10n.t("help.meetingList.discussion"))
    }

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp(L10n.t("help.meetingList.table"), valueName: "tafel"))
    var table: String?

    @Flag(help: ArgumentHelp(L10n.t("help.meetingList.all")))
    var all = false

    func run() throws {
        try guarded {
            let tableID = try table.map(checkTable)
            let store = try options.open(.read)
            defer { store.close() }
            try store.role.require(.readCaseList)
            let book = try store.meetingBook()
            let from = CalendarDate(store.clock.now()).adding(days: -56)
            let meetings = book.meetings
                .filter { tableID == nil || $0.value.table == tableID }
                .filter { all || $0.value.date >= from }
                .sorted { ($0.value.date, $0.value.table, $0.id.uuidString) < ($1.value.date, $1.value.table, $1.id.uuidString) }
            Output.demoBanner(store)
            let ref = ReferenceData.shared
            // Counts only: the list never shows case codes, names or agenda text.
            let rows: [[String]] = meetings.map { m in
                let items = book.agenda(m.id)
                var status = L10n.t("meeting.\(m.value.status)")
                if let original = m.value.originalDate, original != m.value.date {
                    status = L10n.t("meetingList.moved", status, original.dutch)
                }
                return [m.value.date.dutch, MeetingCommandSupport.startTime(m.value, book).description, ref.tableName(m.value.table), status,
                        "\(items.filter { $0.value.caseID != nil }.count)", "\(items.filter { $0.value.caseID == nil }.count)"]
            }
            if rows.isEmpty {
                Output.line(L10n.t("meetings.empty"))
            } else {
                Output.table([L10n.t("col.date"), L10n.t("col.time"), L10n.t("col.table"), L10n.t("col.status"),
                              L10n.t("col.caseItems"), L10n.t("col.otherItems")], rows)
            }
            Output.line(L10n.t("meetingList.count", rows.count))
        }
    }
}

/// The options agenda and minutes share: which meeting, which version, where to.
struct MeetingExportOptions: ParsableArguments {
    @Option(help: ArgumentHelp(L10n.t("help.meetingExport.date"), valueName: "dd-mm-jjjj"))
    var date: String?

    @Option(help: ArgumentHelp(L10n.t("help.meetingExport.table"), valueName: "tafel"))
    var table: String = defaultTable

    @Option(name: .customLong("for"), help: ArgumentHelp(L10n.t("help.meetingExport.for"), valueName: "deelnemers|dossier"))
    var audience: String?

    @Option(help: ArgumentHelp(L10n.t("help.export.out"), valueName: "bestand"))
    var out: String?
}

enum MeetingCommandSupport {
    enum Document { case agenda, minutes }

    /// `--for`: no default, the user chooses the version every time.
    static func version(_ audience: String?) throws -> MeetingExport.Version {
        guard let audience else { throw SchakelError(.validation, L10n.t("error.meetingForRequired")) }
        switch audience {
        case "deelnemers": return .deidentified
        case "dossier": return .full
        default: throw SchakelError(.validation, L10n.t("error.meetingBadFor"))
        }
    }

    /// The meeting of a table on a day; a moved meeting is pointed to by its original date.
    static func meeting(_ book: MeetingBook, table: String, on day: CalendarDate) throws -> (id: UUID, value: MeetingRecord) {
        let all = book.meetings(table: table)
        let onDay = all.filter { $0.value.date == day }
        // A cancelled meeting and a meeting in its place can share a day: the one that takes place wins.
        if let m = onDay.first(where: { !$0.value.isCancelled }) ?? onDay.first { return m }
        let name = ReferenceData.shared.tableName(table)
        if let moved = all.first(where: { $0.value.originalDate == day && $0.value.date != day }) {
            throw SchakelError(.notFound, L10n.t("error.meetingMoved", name, day.dutch, moved.value.date.dutch))
        }
        throw SchakelError(.notFound, L10n.t("error.meetingNotOnDate", name, day.dutch))
    }

    static func startTime(_ m: MeetingRecord, _ book: MeetingBook) -> TimeOfDay {
        if let t = m.startTime.flatMap(TimeOfDay.init(parsing:)) { return t }
        if let s = m.series.flatMap({ book.seriesRecord($0) }), let t = TimeOfDay(parsing: s.startTime) { return t }
        return TimeOfDay(hour: 14, minute: 0)!
    }

    static func run(_ document: Document, _ options: StoreOptions, _ export: MeetingExportOptions) throws {
        let version = try version(export.audience)
        guard let dateText = export.date else { throw SchakelError(.validation, L10n.t("error.meetingDateRequired")) }
        let day = try Validation.date(dateText, field: "date")
        let table = try checkTable(export.table)
        let url = try export.out.map { try ExplicitExport.resolve($0) }
        if let url { try ExplicitExport.requireAbsent(url) }
        let store = try options.open(.read)
        defer { store.close() }
        let capability: Capability = version == .full ? .readCases : .readCaseList
        try store.role.require(capability)
        let meeting = try meeting(try store.meetingBook(), table: table, on: day)
        let source = try store.meetingExport(meeting: meeting.id, on: meeting.value.date)
        let text = document == .agenda ? try source.agenda(version) : try source.minutes(version)
        if version == .full {
            try store.recordFullMeetingExport(source, document: document == .agenda ? "agenda" : "minutes", meetingDate: meeting.value.date)
        }
        let demo = store.isDemo ? " (DEMO)" : ""
        guard let url else {
            Output.line(String(text.dropLast()))   // the export ends with a newline; Output.line adds it back
            if store.isDemo { Output.progress(L10n.t("demo.banner")) }
            return
        }
        try ExplicitExport.write(Data(text.utf8), to: url)
        let what = L10n.t(document == .agenda ? "meetingExport.agenda" : "meetingExport.minutes")
        let versionLabel = L10n.t(version == .full ? "meetingExport.forDossier" : "meetingExport.forDeelnemers")
        Output.progress(L10n.t("meetingExport.done", what, versionLabel, meeting.value.date.dutch, url.path) + demo)
    }
}

struct MeetingAgendaCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "agenda", abstract: L10n.t("help.meetingAgenda.abstract"),
                             discussion: L10n.t("help.meetingExport.discussion"))
    }

    @OptionGroup var options: StoreOptions
    @OptionGroup var export: MeetingExportOptions

    func run() throws {
        try guarded { try MeetingCommandSupport.run(.agenda, options, export) }
    }
}

struct MeetingMinutesCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "minutes", abstract: L10n.t("help.meetingMinutes.abstract"),
                             discussion: L10n.t("help.meetingExport.discussion"))
    }

    @OptionGroup var options: StoreOptions
    @OptionGroup var export: MeetingExportOptions

    func run() throws {
        try guarded { try MeetingCommandSupport.run(.minutes, options, export) }
    }
}

struct MeetingCalendarCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "calendar", abstract: L10n.t("help.meetingCalendar.abstract"),
                             discussion: L10n.t("help.meetingCalendar.discussion"))
    }

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp(L10n.t("help.meetingExport.table"), valueName: "tafel"))
    var table: String = defaultTable

    @Option(help: ArgumentHelp(L10n.t("help.export.out"), valueName: "bestand"))
    var out: String?

    @Option(help: ArgumentHelp(L10n.t("help.meetingCalendar.through"), valueName: "dd-mm-jjjj"))
    var through: String?

    func run() throws {
        try guarded {
            let tableID = try checkTable(table)
            let throughDate = try through.map { try Validation.date($0, field: "until") }
            let url = try out.map { try ExplicitExport.resolve($0) }
            if let url { try ExplicitExport.requireAbsent(url) }
            let store = try options.open(.read)
            defer { store.close() }
            try store.role.require(.readCaseList)
            let now = store.clock.now()
            let today = CalendarDate(now)
            let last = throughDate ?? today.adding(years: 1)
            guard last <= today.adding(years: 5) else { throw SchakelError(.validation, L10n.t("meeting.error.horizon")) }
            let book = try store.meetingBook()
            let series = book.series.filter { $0.value.table == tableID }.compactMap { book.meetingSeries($0.id) }
            guard !series.isEmpty else {
                throw SchakelError(.notFound, L10n.t("error.meetingNoSeries", ReferenceData.shared.tableName(tableID)))
            }
            // Only the meetings themselves (table, time, venue): no case codes or names, ever.
            let data = Data(ICalendarExport.calendar(series, stamp: now, through: last).utf8)
            guard let url else {
                try Output.fileFormat(data)
                if store.isDemo { Output.progress(L10n.t("demo.banner")) }
                return
            }
            try ExplicitExport.write(data, to: url)
            Output.progress(L10n.t("meetingCalendar.done", ReferenceData.shared.tableName(tableID), last.dutch, url.path)
                            + (store.isDemo ? " (DEMO)" : ""))
        }
    }
}
