import Foundation
import Core

/// Writes what the Inzicht pane shows to a file the user names: the anonymous figures
/// (suppressed, as on screen) or the team figures, as CSV (comma, or semicolon for Dutch
/// spreadsheets, optionally with a BOM) or Markdown. Exclusive create, owner-only.
final class ReportExportFlow: FormOnlyFlow {
    enum Kind { case figures(AggregateReport), team(TeamFigures?), audit([AuditRow], AuditView?), disclosures([DisclosureRecord]) }

    let editor: ItemEditor

    init(workspace ws: Workspace, kind: Kind, privacy: Bool) throws {
        let formats = [L10n.t("insight.export.csvNL"), L10n.t("insight.export.csv"), L10n.t("insight.export.markdown")]
        let suggested: String
        let kindKey: String
        switch kind {
        case .figures: kindKey = "figures"
        case .team: kindKey = "team"
        case .audit: kindKey = "audit"
        case .disclosures: kindKey = "disclosures"
        }
        switch kind {
        case .figures(let r): suggested = "~/schakel-cijfers-\(r.periods.first?.label ?? "")-\(r.periods.last?.label ?? "")"
        case .team: suggested = "~/schakel-team-\(ws.today.iso)"
        case .audit: suggested = "~/schakel-audit-\(ws.today.iso)"
        case .disclosures: suggested = "~/schakel-verstrekkingen-\(ws.today.iso)"
        }
        editor = ItemEditor(title: L10n.t("insight.export.title.\(kindKey)"), fields: [
            FormField(id: "format", label: L10n.t("field.format"), kind: .choice(formats), isRequired: true),
            FormField(id: "bom", label: L10n.t("field.bom"), kind: .choice([L10n.t("dialog.no"), L10n.t("dialog.yes")]), isRequired: true),
            FormField(id: "path", label: L10n.t("field.path"), kind: .text(maxLength: 1000), isRequired: true),
        ], values: ["format": .choice(0), "bom": .choice(0), "path": .text(suggested + ".csv")], confirmsDiscard: false) { v in
            let format = FormCodec.choice(v, "format") ?? 0
            var path = FormCodec.text(v, "path")
            if format == 2, path.hasSuffix(".csv") { path = String(path.dropLast(4)) + ".md" }
            let url = try ExplicitExport.resolve(path)
            try ExplicitExport.requireAbsent(url)
            let options = CSV.Options(separator: format == 0 ? ";" : ",", byteOrderMark: FormCodec.choice(v, "bom") == 1)
            let data: Data
            var kindName = "figures"
            switch kind {
            case .figures(let report):
                data = format == 2 ? Data(report.markdown().utf8) : report.csv(options: options)
            case .team(let figures):
                kindName = "team"
                // Names as on screen: in privacy mode, by function.
                let rows = figures?.textRows { ws.userLabel($0, privacy: privacy) } ?? []
                data = format == 2 ? Data(MarkdownTable.render(rows).utf8) : CSV.write(rows, options: options)
            case .audit(var rows, let view):
                kindName = "audit"
                // As on screen: in privacy mode names are masked in the file too.
                if privacy { rows = rows.map { var r = $0; r.userName = ws.userLabel(r.userID, privacy: true); r.detail = ws.masker.apply(r.detail); return r } }
                let shown = AuditView(rows: rows, total: view?.total ?? rows.count,
                                      chain: view?.chain ?? AuditChainStatus(entries: rows.count, firstBroken: nil, headValid: true))
                data = format == 2 ? Data(AuditQuery.markdown(shown, filterText: "").utf8) : AuditQuery.csv(rows, options: options)
            case .disclosures(var records):
                kindName = "disclosures"
                if privacy { records = records.map { var r = $0; r.recipientLabel = ws.masker.apply(r.recipientLabel); return r } }
                data = format == 2 ? Data(DisclosureRegister.markdown(records, filterText: "").utf8) : DisclosureRegister.csv(records, options: options)
            }
            try ws.store.recordAudit(AuditEntry(at: ws.store.clock.now(), user: ws.store.userID, action: "report-exported",
                                                caseID: nil, detail: "\(kindName) \(["csv-nl", "csv", "md"][format])"))
            try ExplicitExport.write(data, to: url)
            return L10n.t("detail.done.exported", url.path)
        }
    }
}
