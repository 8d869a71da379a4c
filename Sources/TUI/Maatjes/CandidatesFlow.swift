import Foundation
import Core

/// Matching for one request: the eligible buddies ranked, and per criterion why (not).
/// `i` also lists the buddies that break a hard constraint, with the reason; those cannot
/// be proposed. Enter proposes the selected buddy (after a confirmation); nothing else writes.
/// Read-only apart from that, so it stays open in privacy mode (buddies by reference).
public final class CandidatesFlow: Flow {
    let workspace: Workspace
    let requestID: UUID
    let caseID: UUID
    let record: MatchRequestRecord
    let request: BuddyRequest
    let ranking: CandidateRanking
    let engine: MatchingEngine
    let buddies: [UUID: BuddyCandidate]
    var showIneligible = false
    var selected = 0
    var confirm: ConfirmDialog?
    enum Pending { case propose(UUID), withdraw }
    var pending: Pending?
    var status: (String, Bool)?
    var privacy = false

    public init(workspace: Workspace, requestID: UUID) throws {
        guard let r = workspace.matchRequest(requestID) else { throw SchakelError(.notFound, L10n.t("maatjes.error.requestNotFound")) }
        self.workspace = workspace
        self.requestID = requestID
        caseID = r.caseID
        record = r.record
        request = BuddyRequest(id: requestID, caseID: r.caseID, record: r.record, clientBirthYear: r.record.clientBirthYear)
        engine = MatchingEngine(policy: workspace.matchingPolicy)
        let all = workspace.buddyCandidates
        buddies = Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) })
        ranking = engine.rankCandidates(for: request, among: all, includeIneligible: true)
    }

    public var title: String { L10n.t("candidates.title", workspace.caseCode(caseID)) }
    public var hint: String { L10n.t("candidates.hint") }
    public var availableInPrivacy: Bool { true }
    public var isTyping: Bool { false }
    public func suspend() -> String? { nil }

    var shown: [CandidateEvaluation] { showIneligible ? ranking.eligible + ranking.ineligible : ranking.eligible }
    var current: CandidateEvaluation? { shown.indices.contains(selected) ? shown[selected] : nil }

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        if var c = confirm {
            switch c.handle(event, area: area) {
            case .action(.confirm):
                confirm = nil
                return perform()
            case .action(.cancel): confirm = nil; pending = nil
            default: confirm = c
            }
            return .stay
        }
        guard case .key(let key) = event else { return .stay }
        switch key {
        case KeyEvent(.escape), .char("q"): return .close(message: nil)
        case KeyEvent(.down), .char("j"): selected = min(max(0, shown.count - 1), selected + 1)
        case KeyEvent(.up), .char("k"): selected = max(0, selected - 1)
        case KeyEvent(.pageDown): selected = min(max(0, shown.count - 1), selected + 10)
        case KeyEvent(.pageUp): selected = max(0, selected - 10)
        case .char("i"):
            showIneligible.toggle()
            selected = min(selected, max(0, shown.count - 1))
        case KeyEvent(.enter), .char("v"):
            guard let c = current else { break }
            guard c.isEligible else {
                status = (L10n.t("candidates.notEligible", c.whyNot.map { $0.reason.text() }.joined(separator: "; ")), true)
                break
            }
            pending = .propose(c.buddy)
            confirm = ConfirmDialog(title: L10n.t("candidates.confirmTitle"),
                                    message: L10n.t("candidates.confirmMessage", workspace.maatjeLabel(c.buddy, privacy: privacy), workspace.caseCode(caseID)),
                                    confirmLabel: L10n.t("dialog.yes"), cancelLabel: L10n.t("dialog.no"))
        case .char("x"):
            pending = .withdraw
            confirm = ConfirmDialog(title: L10n.t("candidates.withdrawTitle"), message: L10n.t("candidates.withdrawMessage", workspace.caseCode(caseID)),
                                    confirmLabel: L10n.t("dialog.yes"), cancelLabel: L10n.t("dialog.no"), isDestructive: true)
        default: break
        }
        return .stay
    }

    func perform() -> FlowOutcome {
        let ws = workspace
        defer { pending = nil }
        do {
            switch pending {
            case .propose(let buddy)?:
                try ws.store.write { tx in
                    _ = try tx.proposeMatch(request: requestID, caseID: caseID, maatje: buddy, policy: ws.matchingPolicy, on: ws.today)
                }
                return .done(message: L10n.t("candidates.proposed", ws.caseCode(caseID), ws.maatjeLabel(buddy, privacy: privacy)))
            case .withdraw?:
                try ws.store.write { tx in try tx.withdrawMatchRequest(caseID, request: requestID, on: ws.today) }
                return .done(message: L10n.t("candidates.withdrawn", ws.caseCode(caseID)))
            case nil: return .stay
            }
        } catch {
            status = (SchakelError.from(error).message, true)
            return .stay
        }
    }

    /// "Juridisch maatje · urgentie hoog · wacht 34 dagen sinds 19-10-2026"
    static func requestLine(_ ws: Workspace, _ r: MatchRequestRecord, privacy: Bool) -> String {
        let days = r.waitingSince.days(until: ws.today)
        var parts = [ReferenceData.shared.label("maatjeTypes", r.maatjeType), L10n.t("candidates.urgency", L10n.t("urgency.\(r.urgency)")),
                     L10n.t("candidates.waiting", days, r.waitingSince.dutch)]
        if !privacy, let n = r.callName { parts.insert(n, at: 0) }
        return parts.joined(separator: " · ")
    }

    static func wishLine(_ r: MatchRequestRecord) -> String {
        let parts = r.dayParts.flatMap { $0.isEmpty ? nil : DayPartSet(labels: $0).labels.joined(separator: ", ") } ?? L10n.t("candidates.anyTime")
        return L10n.t("candidates.wishes", MaatjesPane.wishes(r), parts)
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        self.privacy = privacy
        buffer.fill(area, style: theme[.text])
        buffer.put(text: Self.requestLine(workspace, record, privacy: privacy), in: area.row(0), style: theme[.header])
        buffer.put(text: Self.wishLine(record), in: area.row(1), style: theme[.text])
        let counts = L10n.t("candidates.counts", ranking.eligibleCount, ranking.ineligible.count)
        buffer.put(text: counts, in: area.row(2), style: theme[.muted])
        // Upper part: the list; lower part: the explanation of the selected buddy.
        let explainRows = MatchCriterion.allCases.count + 1
        let listTop = 3
        let listHeight = max(1, area.height - listTop - explainRows - 3)
        let items = shown
        if items.isEmpty {
            buffer.put(text: L10n.t("candidates.none"), in: area.row(listTop), style: theme[.warning])
        }
        let first = max(0, min(selected - listHeight + 1, items.count - listHeight))
        for row in 0..<listHeight {
            let i = first + row
            guard items.indices.contains(i) else { break }
            let c = items[i]
            let buddy = buddies[c.buddy]
            let place = buddy.map { ReferenceData.shared.municipalityName($0.municipality) } ?? ""
            let load = buddy.map { "\($0.activeLoad)/\($0.capacity)" } ?? ""
            let mark = c.isEligible ? String(format: "%3d/%d", c.score, c.maxScore) : "  ✗   "
            var text = "\(mark)  \(workspace.maatjeLabel(c.buddy, privacy: privacy))  · \(L10n.t("candidates.load", load)) · \(place)"
            if !c.isEligible { text += " · " + c.whyNot.map { $0.criterion.title() }.joined(separator: ", ") }
            let style = i == selected ? theme[.selection] : (c.isEligible ? theme[.text] : theme[.muted])
            buffer.put(text: (i == selected ? "▸ " : "  ") + text, in: area.row(listTop + row), style: style)
        }
        let explainTop = listTop + listHeight
        if let c = current {
            buffer.put(text: L10n.t("candidates.why", workspace.maatjeLabel(c.buddy, privacy: privacy)), in: area.row(explainTop), style: theme[.header])
            for (n, r) in c.criteria.enumerated() where explainTop + 1 + n < area.height - 2 {
                let glyph = !r.passed ? "✗ " : (r.requirement == .hard ? "✓ " : (r.points == r.maxPoints ? "+ " : "· "))
                buffer.put(text: glyph + r.text(), in: area.row(explainTop + 1 + n), style: !r.passed ? theme[.danger] : theme[.text])
            }
        }
        if let status { buffer.put(text: status.0, in: area.row(area.height - 2), style: status.1 ? theme[.error] : theme[.ok]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
        confirm?.render(into: &buffer, area: area, theme: theme)
    }
}
