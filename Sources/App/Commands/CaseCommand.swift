import ArgumentParser
import Foundation
import Core

struct CaseCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "case", abstract: L10n.t("help.case.abstract"),
                             subcommands: [CaseListCommand.self, CaseShowCommand.self, CaseNoteCommand.self, CaseComenshaCommand.self,
                                           CaseEraseCommand.self, CaseTransferCommand.self])
    }
}

struct CaseListCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: L10n.t("help.caseList.abstract"), discussion: L10n.t("help.caseList.discussion"))
    }

    @OptionGroup var options: StoreOptions

    @Flag(help: ArgumentHelp(L10n.t("help.caseList.all")))
    var all = false

    @Flag(help: ArgumentHelp(L10n.t("help.caseList.backup")))
    var backup = false

    @Option(help: ArgumentHelp(L10n.t("help.caseList.phase"), valueName: Phase.allCases.map(\.rawValue).joined(separator: "|")))
    var phase: String?

    @Flag(help: ArgumentHelp(L10n.t("help.caseList.worklist")))
    var worklist = false

    @Flag(help: ArgumentHelp(L10n.t("help.names")))
    var names = false

    func run() throws {
        try options.withStore(.read) { store in
            try store.role.require(.readCaseList)
            if worklist { try printWorklist(store); return }
            var filterPhase: Phase?
            if let phase {
                guard let p = Phase(rawValue: phase) else { throw SchakelError(.validation, L10n.t("error.badPhase")) }
                filterPhase = p
            }
            let today = CalendarDate(store.clock.now())
            var list = try store.summaries(coordinator: all ? nil : store.userID, includeBackup: backup)
            if let filterPhase { list = list.filter { $0.phase == filterPhase } }
            // Active cases first, newest first: the order a coordinator scans.
            list.sort { ($0.phase.isActive ? 0 : 1, $1.openedOn, $0.code) < ($1.phase.isActive ? 0 : 1, $0.openedOn, $1.code) }
            Output.demoBanner(store)
            let ref = ReferenceData.shared
            var header = [L10n.t("col.code"), L10n.t("col.phase"), L10n.t("col.track"), L10n.t("col.age"), L10n.t("col.forms"),
                          L10n.t("col.municipality"), L10n.t("col.opened")]
            if names { header.insert(L10n.t("col.name"), at: 1) }
            let rows: [[String]] = list.map { s in
                var age = s.age(on: today).map(String.init) ?? "?"
                if s.birthDate?.isEstimated == true { age = "~" + age }
                var row = [s.code.description, s.phase.label, s.track(on: today).rawValue, age,
                           s.forms.map { ref.label("exploitationForms", $0) }.joined(separator: ", "),
                           ref.municipalityName(s.municipality), s.openedOn.dutch]
                if names { row.insert(s.displayName, at: 1) }
                return row
            }
            try finish(store, header: header, rows: rows)
        }
    }
}

extension CaseListCommand {
    /// The attention worklist of the cases this list selects, most urgent first (default
    /// thresholds; the TUI reads the config file's).
    func printWorklist(_ store: Store) throws {
        let today = CalendarDate(store.clock.now())
        let list = try store.summaries(coordinator: all ? nil : store.userID, includeBackup: backup)
        let byID = Dictionary(uniqueKeysWithValues: list.map { ($0.id, $0) })
        let late = MeetingActionSignal.overdueMeetingActions(book: try store.meetingBook(), on: today)
        let entries = Worklist.entries(list, on: today, meetingActions: late)
        Output.demoBanner(store)
        var header = [L10n.t("col.code"), L10n.t("col.phase"), L10n.t("col.attention")]
        if names { header.insert(L10n.t("col.name"), at: 1) }
        let rows: [[String]] = entries.compactMap { e in
            guard let s = byID[e.caseID] else { return nil }
            var row = [s.code.description, s.phase.label, e.items.map(\.text).joined(separator: ", ")]
            if names { row.insert(s.displayName, at: 1) }
            return row
        }
        try finish(store, header: header, rows: rows)
    }

    /// Prints the table and its count; names on the screen are an opening of every listed
    /// case, so they leave a trace in the audit log.
    func finish(_ store: Store, header: [String], rows: [[String]]) throws {
        Output.table(header, rows)
        Output.line(L10n.t("caseList.count", rows.count))
        if names {
            try store.recordAudit(AuditEntry(at: store.clock.now(), user: store.userID, action: "case-list-names", caseID: nil, detail: "\(rows.count)"))
        }
    }
}

struct CaseShowCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "show", abstract: L10n.t("help.caseShow.abstract"), discussion: L10n.t("help.caseShow.discussion"))
    }

    @OptionGroup var options: StoreOptions

    @Argument(help: ArgumentHelp(L10n.t("help.code"), valueName: "code"))
    var code: String

    @Flag(help: ArgumentHelp(L10n.t("help.names")))
    var names = false

    func run() throws {
        try guarded {
            let (store, id, _) = try options.openCase(code, mode: .read, capability: .readCases)
            defer { store.close() }
            let file = try store.caseFile(id)
            try store.recordCaseOpened(id)
            Output.demoBanner(store)
            for line in CaseReport(file: file, today: CalendarDate(store.clock.now()), showIdentifying: names,
                                   otherNames: names ? [] : try store.knownPersonNames(),
                                   userName: { (try? store.user($0))?.function }).lines {
                Output.line(line)
            }
        }
    }
}

struct CaseNoteCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "note", abstract: L10n.t("help.caseNote.abstract"), discussion: L10n.t("help.caseNote.discussion"))
    }

    @OptionGroup var options: StoreOptions

    @Argument(help: ArgumentHelp(L10n.t("help.code"), valueName: "code"))
    var code: String

    @Option(help: ArgumentHelp(L10n.t("help.caseNote.date"), valueName: "dd-mm-jjjj"))
    var date: String?

    func run() throws {
        try guarded {
            // The note comes from standard input, not an argument: shell history keeps arguments.
            let data = FileHandle.standardInput.readDataToEndOfFile()
            guard data.count <= 1 << 20, let text = String(data: data, encoding: .utf8) else {
                throw SchakelError(.validation, L10n.t("validation.tooLong", L10n.t("field.note"), Validation.maxTextLength))
            }
            let (store, id, code) = try options.openCase(code, mode: .write, capability: .writeCases)
            defer { store.close() }
            let day = try date.map { try Validation.date($0, field: "date") } ?? CalendarDate(store.clock.now())
            try store.write { tx in _ = try tx.addNote(id, text: text, on: day) }
            Output.line(L10n.t("caseNote.done", code.description))
        }
    }
}

/// The CoMensha registration status of one case: te-melden → gemeld → teruggekoppeld.
struct CaseComenshaCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "comensha", abstract: L10n.t("help.caseComensha.abstract"))
    }

    @OptionGroup var options: StoreOptions

    @Argument(help: ArgumentHelp(L10n.t("help.code"), valueName: "code"))
    var code: String

    @Option(help: ArgumentHelp(L10n.t("help.caseComensha.status"), valueName: "te-melden|gemeld|teruggekoppeld"))
    var status: String

    @Option(help: ArgumentHelp(L10n.t("help.caseComensha.date"), valueName: "dd-mm-jjjj"))
    var date: String?

    @Option(help: ArgumentHelp(L10n.t("help.caseComensha.basis"), valueName: "grondslag"))
    var basis: String?

    func run() throws {
        try guarded {
            _ = try Validation.vocabulary(status, "comenshaStatuses", field: "status")
            if let basis { _ = try Validation.vocabulary(basis, "legalBases", field: "legalBasis") }
            let day = try date.map { try Validation.date($0, field: "date") }
            let (store, id, code) = try options.openCase(code, mode: .write, capability: .writeCases)
            defer { store.close() }
            try store.write { tx in
                let current = try tx.currentCase(id).comensha
                let when = day ?? (status == "te-melden" ? nil : CalendarDate(store.clock.now()))
                try tx.update(id, ComenshaRegistration(status: status, date: when ?? current?.date, legalBasis: basis ?? current?.legalBasis))
            }
            Output.line(L10n.t("caseComensha.done", code.description, ReferenceData.shared.label("comenshaStatuses", status)))
        }
    }
}
