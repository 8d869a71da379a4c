import Foundation

/// The breach report as Markdown, for the privacy officer (FG) and the register of data
/// breaches: what went, how far, and the steps still open. Codes only, never names.
extension BreachReport {
    /// Local time as the coordinators read it (the organisation is Dutch).
    static let timeFormat: DateFormatter = {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        f.dateFormat = "yyyy-MM-dd HH:mm"
        return f
    }()

    public static func time(_ date: Date) -> String { timeFormat.string(from: date) }

    /// "2026-11-23 09:30" or "2026-11-23T09:30" (local time); a date alone means its start.
    public static func parseTime(_ text: String) -> Date? {
        let t = text.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "T", with: " ")
        if let d = timeFormat.date(from: t) { return d }
        if let day = CalendarDate(parsing: t) { return timeFormat.date(from: day.iso + " 00:00") }
        return nil
    }

    public var deviceLabel: String {
        let short = String(device.uuidString.prefix(8))
        if let deviceName { return L10n.t("breach.device.peer", deviceName, short) }
        return L10n.t(isPredecessor ? "breach.device.predecessor" : "breach.device.other", short)
    }

    public var markdown: String {
        var lines = ["# " + L10n.t("breach.title"), ""]
        lines.append("- " + L10n.t("breach.line.device", deviceLabel))
        if let revokedAt {
            lines.append("- " + L10n.t("breach.line.revoked", Self.time(revokedAt)))
        } else if deviceName != nil {
            lines.append("- **" + L10n.t("breach.line.notRevoked", String(device.uuidString.prefix(8))) + "**")
        }
        lines.append("- " + L10n.t("breach.line.discovered", Self.time(discovered), Self.time(notifyBefore)))
        lines.append("- " + L10n.t("breach.line.lastExchange", lastExchange.map(Self.time) ?? L10n.t("breach.never")))
        lines += ["", "## " + L10n.t("breach.scope"), ""]
        let unknownMinor = cases.filter { $0.minor == nil }.count
        lines.append("- " + L10n.t("breach.line.cases", cases.count, minors))
        if unknownMinor > 0 { lines.append("- " + L10n.t("breach.line.minorUnknown", unknownMinor)) }
        lines.append("- " + L10n.t(specialCategories ? "breach.line.special" : "breach.line.noSpecial"))
        let whole = cases.filter(\.wholeCase).count
        lines.append("- " + L10n.t("breach.line.whole", whole))
        var groupCounts: [String: Int] = [:]
        for c in cases where !c.wholeCase { for g in c.groups { groupCounts[g, default: 0] += 1 } }
        if !groupCounts.isEmpty {
            lines.append("- " + L10n.t("breach.line.groups"))
            for (g, n) in groupCounts.sorted(by: { ($1.value, $0.key) < ($0.value, $1.key) }) {
                lines.append("  - " + InsightLabels.groupLabel(g) + ": \(n)" + (Self.isSpecial(g) ? " (" + L10n.t("breach.special") + ")" : ""))
            }
        }
        lines += ["", "## " + L10n.t("breach.protection"), "", L10n.t("breach.protectionText"), ""]
        lines += ["## " + L10n.t("breach.cases"), ""]
        if cases.isEmpty {
            lines.append(L10n.t("breach.noCases"))
        } else {
            let header = [L10n.t("col.code"), "18-", L10n.t("breach.col.how"), L10n.t("col.fields"), L10n.t("breach.col.first"), L10n.t("breach.col.last")]
            lines += MarkdownTable.lines(header, cases.map { c in
                [c.code, c.minor.map { $0 ? L10n.t("word.yes") : L10n.t("word.no") } ?? "?",
                 c.reasons.sorted().map { L10n.t("breach.reason.\($0.rawValue)") }.joined(separator: ", "),
                 c.wholeCase ? L10n.t("breach.wholeCase") : c.groups.map(InsightLabels.groupLabel).joined(separator: ", "),
                 c.first?.iso ?? "", c.last?.iso ?? ""]
            })
        }
        lines += ["", "## " + L10n.t("breach.steps"), ""]
        lines.append("- [" + (revokedAt != nil ? "x" : " ") + "] " + L10n.t("breach.step.revoke", String(device.uuidString.prefix(8))))
        for key in ["breach.step.spread", "breach.step.folder", "breach.step.replace", "breach.step.officer", "breach.step.clients", "breach.step.police"] {
            lines.append("- [ ] " + L10n.t(key))
        }
        lines += ["", L10n.t("breach.footer")]
        return lines.joined(separator: "\n") + "\n"
    }
}
