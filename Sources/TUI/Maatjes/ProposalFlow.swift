import Foundation
import Core

/// Matching for the whole waiting list: the optimal assignment (most clients matched, the
/// most urgent and longest waiting first, then the best fit) as a proposal. Nothing is
/// applied silently: each line is accepted (`Enter`/`a`, a match in status voorgesteld) or
/// skipped (`x`) on its own; what is left simply stays on the waiting list.
public final class ProposalFlow: Flow {
    enum Decision { case accepted, skipped }

    let workspace: Workspace
    let proposal: MatchProposal
    var decisions: [UUID: Decision] = [:]
    var selected = 0
    var status: (String, Bool)?
    var privacy = false

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        let engine = MatchingEngine(policy: workspace.matchingPolicy)
        proposal = engine.proposeAssignment(requests: workspace.waitingRequests, buddies: workspace.buddyCandidates)
    }

    public var title: String { L10n.t("proposal.title", workspace.today.dutch) }
    public var hint: String { L10n.t("proposal.hint") }
    public var availableInPrivacy: Bool { true }
    public var isTyping: Bool { false }
    public func suspend() -> String? { nil }

    var accepted: Int { decisions.values.filter { $0 == .accepted }.count }
    /// Lines first, then the requests that got no buddy (shown with the reason, not selectable for accepting).
    var rowCount: Int { proposal.lines.count + proposal.unmatched.count }

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        guard case .key(let key) = event else { return .stay }
        switch key {
        case KeyEvent(.escape), .char("q"):
            return accepted > 0 ? .done(message: L10n.t("proposal.closed", accepted)) : .close(message: nil)
        case KeyEvent(.down), .char("j"): selected = min(max(0, rowCount - 1), selected + 1)
        case KeyEvent(.up), .char("k"): selected = max(0, selected - 1)
        case KeyEvent(.pageDown): selected = min(max(0, rowCount - 1), selected + 10)
        case KeyEvent(.pageUp): selected = max(0, selected - 10)
        case KeyEvent(.enter), .char("a"): accept()
        case .char("x"):
            guard proposal.lines.indices.contains(selected) else { break }
            let line = proposal.lines[selected]
            if decisions[line.request] == nil { decisions[line.request] = .skipped; status = (L10n.t("proposal.skippedLine"), false) }
            selected = min(max(0, rowCount - 1), selected + 1)
        default: break
        }
        return .stay
    }

    func accept() {
        guard proposal.lines.indices.contains(selected) else { return }
        let line = proposal.lines[selected]
        guard decisions[line.request] == nil else { status = (L10n.t("proposal.alreadyDecided"), true); return }
        let ws = workspace
        do {
            try ws.store.write { tx in
                _ = try tx.proposeMatch(request: line.request, caseID: line.caseID, maatje: line.buddy, policy: ws.matchingPolicy, on: ws.today)
            }
            decisions[line.request] = .accepted
            status = (L10n.t("candidates.proposed", ws.caseCode(line.caseID), ws.maatjeLabel(line.buddy, privacy: privacy)), false)
            selected = min(max(0, rowCount - 1), selected + 1)
        } catch {
            status = (SchakelError.from(error).message, true)
        }
    }

    func lineText(_ l: MatchProposal.Line) -> String {
        let mark: String
        switch decisions[l.request] {
        case .accepted?: mark = "[✓]"
        case .skipped?: mark = "[–]"
        case nil: mark = "[ ]"
        }
        let r = workspace.matchRequest(l.request)?.record
        let urgency = r.map { L10n.t("urgency.\($0.urgency)") } ?? ""
        let days = l.priority.waitingSince.days(until: workspace.today)
        return "\(mark) \(workspace.caseCode(l.caseID))  → \(workspace.maatjeLabel(l.buddy, privacy: privacy))  \(l.score)/\(l.maxScore) · \(urgency) · \(L10n.t("maatjes.days", days))"
    }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        self.privacy = privacy
        buffer.fill(area, style: theme[.text])
        buffer.put(text: L10n.t("proposal.summary", proposal.lines.count, proposal.unmatched.count, accepted), in: area.row(0), style: theme[.header])
        buffer.put(text: L10n.t("proposal.explain"), in: area.row(1), style: theme[.muted])
        let explainRows = MatchCriterion.allCases.count + 1
        let listTop = 3
        let listHeight = max(1, area.height - listTop - explainRows - 3)
        if rowCount == 0 { buffer.put(text: L10n.t("proposal.empty"), in: area.row(listTop), style: theme[.muted]) }
        let first = max(0, min(selected - listHeight + 1, rowCount - listHeight))
        for row in 0..<listHeight {
            let i = first + row
            guard i < rowCount else { break }
            let text: String
            var style = theme[.text]
            if i < proposal.lines.count {
                text = lineText(proposal.lines[i])
                if decisions[proposal.lines[i].request] == .skipped { style = theme[.muted] }
            } else {
                let u = proposal.unmatched[i - proposal.lines.count]
                text = "[!] \(workspace.caseCode(u.caseID))  " + L10n.t("proposal.noBuddy") + ": " + u.reason.text()
                style = theme[.warning]
            }
            buffer.put(text: (i == selected ? "▸ " : "  ") + text, in: area.row(listTop + row), style: i == selected ? theme[.selection] : style)
        }
        let explainTop = listTop + listHeight
        if proposal.lines.indices.contains(selected) {
            let l = proposal.lines[selected]
            buffer.put(text: L10n.t("candidates.why", workspace.maatjeLabel(l.buddy, privacy: privacy)), in: area.row(explainTop), style: theme[.header])
            for (n, r) in l.criteria.enumerated() where explainTop + 1 + n < area.height - 2 {
                let glyph = r.requirement == .hard ? "✓ " : (r.points == r.maxPoints ? "+ " : "· ")
                buffer.put(text: glyph + r.text(), in: area.row(explainTop + 1 + n), style: theme[.text])
            }
        }
        if let status { buffer.put(text: status.0, in: area.row(area.height - 2), style: status.1 ? theme[.error] : theme[.ok]) }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
    }
}
