import ArgumentParser
import Foundation
import Core

/// How `audit` and `verstrekkingen` print: an aligned table on the terminal, CSV (comma or
/// semicolon dialect) or Markdown.
enum InsightFormat: String, CaseIterable {
    case tabel, csv, csvNL = "csv-nl", md

    static func parse(_ text: String) throws -> InsightFormat {
        guard let f = InsightFormat(rawValue: text.lowercased()) else {
            throw SchakelError(.validation, L10n.t("insight.error.badFormat", text))
        }
        return f
    }

    static let valueName = allCases.map(\.rawValue).joined(separator: "|")
}

/// The options both lists share: period, format and where the output goes.
struct InsightOutputOptions: ParsableArguments {
    @Option(help: ArgumentHelp(L10n.t("help.insight.from"), valueName: "dd-mm-jjjj"))
    var from: String?

    @Option(help: ArgumentHelp(L10n.t("help.insight.to"), valueName: "dd-mm-jjjj"))
    var to: String?

    @Option(help: ArgumentHelp(L10n.t("help.insight.format"), valueName: InsightFormat.valueName))
    var format: String = InsightFormat.tabel.rawValue

    @Flag(help: ArgumentHelp(L10n.t("help.export.bom")))
    var bom = false

    @Option(help: ArgumentHelp(L10n.t("help.insight.out"), valueName: "bestand"))
    var out: String?

    /// The period, checked before the store is opened (no passphrase asked for a typo).
    func period() throws -> (from: CalendarDate?, to: CalendarDate?) {
        let f = try from.map { try Validation.date($0, field: "from") }
        let t = try to.map { try Validation.date($0, field: "until") }
        if let f, let t, f > t { throw SchakelError(.validation, L10n.t("insight.error.periodReversed", f.dutch, t.dutch)) }
        return (f, t)
    }

    func parsedFormat() throws -> InsightFormat {
        let f = try InsightFormat.parse(format)
        if out != nil && f == .tabel { throw SchakelError(.validation, L10n.t("insight.error.tableToFile")) }
        if bom && !(f == .csv || f == .csvNL) { throw SchakelError(.validation, L10n.t("insight.error.bomOnlyCSV")) }
        return f
    }

    /// Everything a list command checks before the store opens: period, format, `--case` code, target.
    func prepare(caseCode: String?) throws -> (from: CalendarDate?, to: CalendarDate?, format: InsightFormat, code: CaseCode?, target: URL?) {
        let (from, to) = try period()
        let format = try parsedFormat()
        let code = try caseCode.map { text -> CaseCode in
            guard let c = CaseCode(text) else { throw SchakelError(.validation, L10n.t("error.badCode")) }
            return c
        }
        return (from, to, format, code, try target())
    }

    /// The case a `--case` code names in this store.
    static func caseID(_ code: CaseCode?, in store: Store) throws -> UUID? {
        guard let code else { return nil }
        guard let id = try store.caseID(code: code) else { throw SchakelError(.notFound, L10n.t("error.caseNotFound")) }
        return id
    }

    /// Where the output goes: the resolved `--out`, checked to be free before anything is read.
    func target() throws -> URL? {
        guard let out else { return nil }
        let url = try ExplicitExport.resolve(out)
        try ExplicitExport.requireAbsent(url)
        return url
    }

    func csvOptions(_ f: InsightFormat) -> CSV.Options { CSV.Options(separator: f == .csvNL ? ";" : ",", byteOrderMark: bom) }

    /// Writes the produced bytes to the file (exclusive create, 0600, fsync) or the terminal
    /// (sanitised: nothing stored can reach the terminal as a control character).
    /// A file is an export: recorded in the audit log first (`action`, `detail` without personal data).
    func deliver(_ data: Data, to url: URL?, written: String, store: Store, action: String, detail: String) throws {
        if let url {
            try store.recordAudit(AuditEntry(at: store.clock.now(), user: store.userID, action: action, caseID: nil, detail: detail))
            try ExplicitExport.write(data, to: url)
            Output.progress(L10n.t(written, url.path))
            return
        }
        var text = String(decoding: data, as: UTF8.self)
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        for line in text.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
            Output.line(String(line))
        }
    }

    /// The filter in words, for the Markdown heading.
    func describe(_ parts: [String]) -> String {
        var all = parts
        let (f, t) = (try? period()) ?? (nil, nil)
        if f != nil || t != nil { all.append(L10n.t("insight.filter.period", f?.dutch ?? "…", t?.dutch ?? "…")) }
        return all.joined(separator: " · ")
    }
}

/// A table for the terminal: one line per row (a stored line break shows as ⏎).
private func printTable(_ header: [String], _ rows: [[String]]) {
    Output.table(header, rows.map { $0.map { $0.replacingOccurrences(of: "\r\n", with: " ⏎ ").replacingOccurrences(of: "\n", with: " ⏎ ")
        .replacingOccurrences(of: "\r", with: " ⏎ ").replacingOccurrences(of: "\t", with: " ") } })
}

struct AuditCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "audit", abstract: L10n.t("help.audit.abstract"), discussion: L10n.t("help.audit.discussion"))
    }

    @OptionGroup var options: StoreOptions

    @Option(help: ArgumentHelp(L10n.t("help.audit.user"), valueName: "naam-of-id"))
    var user: String?

    @Option(name: .customLong("case"), help: ArgumentHelp(L10n.t("help.audit.case"), valueName: "code"))
    var caseCode: String?

    @Option(help: ArgumentHelp(L10n.t("help.audit.action"), valueName: "actie"))
    var action: String?

    @OptionGroup var output: InsightOutputOptions

    func run() throws {
        try guarded {
            let (from, to, format, code, target) = try output.prepare(caseCode: caseCode)
            // Opened for writing when no other Schakel has the store, so that the entries that
            // reading commands left in `audit-inbox/` are chained (and shown) first.
            let store = try options.open(StoreLock.isHeld(at: options.location.lockURL) ? .read : .write)
            defer { store.close() }
            try store.role.require(.audit)
            var filter = AuditFilter(from: from, to: to, action: action)
            if let user { filter.user = try store.resolveUser(user) }
            filter.caseID = try InsightOutputOptions.caseID(code, in: store)
            let view = try store.auditView(filter)
            switch format {
            case .tabel:
                Output.demoBanner(store)
                printTable(AuditQuery.header, view.rows.map(AuditQuery.cells))
                Output.line(L10n.t("audit.count", view.rows.count, view.total))
                Output.line(L10n.t("audit.chain", view.chain.text))
            case .csv, .csvNL:
                try output.deliver(AuditQuery.csv(view.rows, options: output.csvOptions(format)), to: target, written: "audit.written", store: store, action: "log-exported", detail: "audit \(format.rawValue)")
                if !view.chain.isIntact { Output.error(L10n.t("audit.chain", view.chain.text)) }
            case .md:
                var parts: [String] = []
                if let user { parts.append(L10n.t("insight.filter.user", user)) }
                if let code { parts.append(L10n.t("insight.filter.case", code.description)) }
                if let action { parts.append(L10n.t("insight.filter.action", action)) }
                var text = AuditQuery.markdown(view, filterText: output.describe(parts))
                if store.isDemo { text = "> " + L10n.t("demo.banner") + "\n\n" + text }
                try output.deliver(Data(text.utf8), to: target, written: "audit.written", store: store, action: "log-exported", detail: "audit \(format.rawValue)")
            }
            // A broken chain is a finding, also for scripts: exit code 2 after the output.
            if !view.chain.isIntact { throw ExitCode(2) }
        }
    }
}

struct DisclosuresCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "verstrekkingen", abstract: L10n.t("help.verstrekkingen.abstract"),
                             discussion: L10n.t("help.verstrekkingen.discussion"))
    }

    @OptionGroup var options: StoreOptions

    @Option(name: .customLong("case"), help: ArgumentHelp(L10n.t("help.verstrekkingen.case"), valueName: "code"))
    var caseCode: String?

    @OptionGroup var output: InsightOutputOptions

    func run() throws {
        try guarded {
            let (from, to, format, code, target) = try output.prepare(caseCode: caseCode)
            let store = try options.open(.read)
            defer { store.close() }
            _ = try store.disclosureScope()
            var filter = DisclosureFilter(from: from, to: to)
            filter.caseID = try InsightOutputOptions.caseID(code, in: store)
            let records = try store.disclosureRegister(filter)
            switch format {
            case .tabel:
                Output.demoBanner(store)
                // A bundle carries most groups of a case: on the screen their number, in files the list.
                printTable(DisclosureRegister.header, records.map { r in
                    var cells = DisclosureRegister.cells(r)
                    if r.source == .bundle && !r.unreadable { cells[5] = L10n.t("register.groupCount", r.fields.count) }
                    return cells
                })
                Output.line(L10n.t("register.count", records.count))
            case .csv, .csvNL:
                try output.deliver(DisclosureRegister.csv(records, options: output.csvOptions(format)), to: target, written: "register.written", store: store, action: "log-exported", detail: "verstrekkingen \(format.rawValue)")
            case .md:
                var text = DisclosureRegister.markdown(records, filterText: output.describe(code.map { [L10n.t("insight.filter.case", $0.description)] } ?? []))
                if store.isDemo { text = "> " + L10n.t("demo.banner") + "\n\n" + text }
                try output.deliver(Data(text.utf8), to: target, written: "register.written", store: store, action: "log-exported", detail: "verstrekkingen \(format.rawValue)")
            }
        }
    }
}

struct InzageCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "inzage", abstract: L10n.t("help.inzage.abstract"), discussion: L10n.t("help.inzage.discussion"))
    }

    @OptionGroup var options: StoreOptions

    @Argument(help: ArgumentHelp(L10n.t("help.code"), valueName: "code"))
    var code: String

    @Option(help: ArgumentHelp(L10n.t("help.inzage.out"), valueName: "bestand.md"))
    var out: String?

    func run() throws {
        try guarded {
            guard let out else { throw SchakelError(.validation, L10n.t("inzage.error.outRequired")) }
            let url = try ExplicitExport.resolve(out)
            try ExplicitExport.requireAbsent(url)
            let (store, id, _) = try options.openCase(code, mode: .write, capability: .writeCases)
            defer { store.close() }
            let document = try store.inzageDocument(id)
            // Recorded before the data leaves: a record without a file is safer than the reverse.
            try store.recordInzage(document)
            try ExplicitExport.write(Data(document.markdown.utf8), to: url)
            Output.progress(L10n.t("inzage.written", document.code, url.path))
            Output.progress(L10n.t("inzage.reviewHint"))
        }
    }
}
