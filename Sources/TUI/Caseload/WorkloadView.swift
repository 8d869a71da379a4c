import Foundation
import Core

/// Werkbelasting: per coordinator the open cases by phase, cases waiting for onward care,
/// case age and signals not yet handled, with bar charts. Read-only; in privacy mode
/// coordinators are shown by function.
public final class WorkloadView: Flow {
    let workspace: Workspace
    let loads: [CoordinatorLoad]

    public init(workspace: Workspace) throws {
        self.workspace = workspace
        loads = Workload.compute(workspace.summaries, holder: workspace.holder, on: workspace.today)
    }

    public var availableInPrivacy: Bool { true }
    public var title: String { L10n.t("workload.title", workspace.today.dutch) }
    public var hint: String { L10n.t("workload.hint") }
    public func suspend() -> String? { nil }

    public func handle(_ event: InputEvent, area: Rect) -> FlowOutcome {
        guard case .key(let key) = event else { return .stay }
        switch key {
        case KeyEvent(.escape), .char("q"), KeyEvent(.enter), .char("l"): return .close(message: nil)
        default: return .stay
        }
    }

    static let phases: [Phase] = [.signaal, .aanmelding, .intake, .bedenktijd, .traject, .nazorg]

    func name(_ id: UUID, privacy: Bool) -> String { workspace.userLabel(id, privacy: privacy) }

    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) {
        buffer.fill(area, style: theme[.text])
        guard !loads.isEmpty else { buffer.put(text: L10n.t("workload.empty"), in: area.row(0), style: theme[.muted]); return }
        // On a narrow screen the per-phase columns go (signals not yet handled stay as ONBEH.),
        // so that waiting, age and covering remain readable.
        let narrow = area.width < 104
        let nameWidth = min(narrow ? 18 : 24, max(12, loads.map { TextWidth.width(of: name($0.user, privacy: privacy)) }.max() ?? 12))
        let phases = narrow ? [] : Self.phases
        let headers = [L10n.t("workload.col.open")] + phases.map { L10n.t("workload.phase.\($0.rawValue)") }
            + [L10n.t("workload.col.waiting"), L10n.t("workload.col.unhandled"), L10n.t("workload.col.median"), L10n.t("workload.col.oldest"), L10n.t("workload.col.covering")]
        let colWidth = 7
        func row(_ label: String, _ cells: [String]) -> String {
            let l = label.count > nameWidth ? String(label.prefix(nameWidth - 1)) + "…" : label
            return l + String(repeating: " ", count: max(0, nameWidth - TextWidth.width(of: l))) + cells.map {
                String(repeating: " ", count: max(1, colWidth - TextWidth.width(of: $0))) + $0
            }.joined()
        }
        buffer.put(text: row(L10n.t("workload.col.coordinator"), headers), in: area.row(0), style: theme[.tableHeader])
        var y = 1
        for l in loads where y < area.height {
            let cells = ["\(l.open)"] + phases.map { "\(l.byPhase[$0] ?? 0)" }
                + ["\(l.waitingOnwardCare)", "\(l.unhandledSignals)", "\(l.medianAgeDays) d", "\(l.oldestAgeDays) d", "\(l.covering)"]
            buffer.put(text: row(name(l.user, privacy: privacy), cells), in: area.row(y), style: theme[.text])
            y += 1
        }
        y += 1
        let remaining = area.height - y - 1
        guard remaining >= 4 else { buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint]); return }
        let chartHeight = min(loads.count + 1, remaining / 2)
        buffer.put(text: L10n.t("workload.chart.open"), in: area.row(y), style: theme[.header])
        BarChart(bars: loads.prefix(chartHeight - 1).map { .init(name($0.user, privacy: privacy), Double($0.open)) })
            .render(into: &buffer, area: Rect(x: area.x, y: area.y + y + 1, width: min(area.width, 90), height: chartHeight - 1), theme: theme)
        y += chartHeight
        if area.height - y - 1 >= 2 {
            buffer.put(text: L10n.t("workload.chart.waiting"), in: area.row(y), style: theme[.header])
            let h = min(loads.count, area.height - y - 2)
            BarChart(bars: loads.prefix(h).map { .init(name($0.user, privacy: privacy), Double($0.waitingOnwardCare)) },
                     maximum: Double(max(1, loads.map(\.waitingOnwardCare).max() ?? 1)))
                .render(into: &buffer, area: Rect(x: area.x, y: area.y + y + 1, width: min(area.width, 90), height: h), theme: theme)
        }
        buffer.put(text: hint, in: area.row(area.height - 1), style: theme[.keyHint])
    }
}
