import Foundation
import Core

extension Shell {
    /// The global commands. Pane commands come from each pane's `commands()`.
    func registerGlobalCommands() {
        let unlocked: (Shell) -> Bool = { !$0.isLocked }
        var list: [Command] = [
            Command("app.help", "cmd.help", keys: [.char("?"), KeyEvent(.function(1))], inFooter: true) { $0.overlay = .help(scroll: 0) },
            Command("app.palette", "cmd.palette", keys: [.char(":")], inFooter: true) {
                $0.overlay = .palette(editor: LineEditor("", maxLength: 80), selected: 0)
            },
            Command("pane.next", "cmd.nextPane", keys: [KeyEvent(.tab)], isAvailable: unlocked) { s in
                let panes = s.availablePanes
                if let i = panes.firstIndex(of: s.focused) { s.focus(panes[(i + 1) % panes.count]) }
            },
            Command("pane.previous", "cmd.previousPane", keys: [KeyEvent(.backTab)], isAvailable: unlocked) { s in
                let panes = s.availablePanes
                if let i = panes.firstIndex(of: s.focused) { s.focus(panes[(i + panes.count - 1) % panes.count]) }
            },
            Command("layout.zoom", "cmd.zoom", keys: [.char("z")], isAvailable: unlocked) { $0.zoomed.toggle() },
            Command("layout.next", "cmd.nextLayout", keys: [.char("L")], isAvailable: unlocked) { s in
                s.layout = s.layout.next
                s.zoomed = false
                s.post(L10n.t("layout.now", s.layout.label))
            },
            Command("privacy.toggle", "cmd.privacy", keys: [.char("P")], inFooter: true, isAvailable: unlocked) { $0.setPrivacy(!$0.privacy) },
            Command("presentation.toggle", "cmd.presentation", keys: [KeyEvent(.function(5))], isAvailable: unlocked) { $0.togglePresentation() },
            Command("theme.next", "cmd.nextTheme", keys: [.char("T")]) { $0.cycleTheme() },
            Command("app.lock", "cmd.lock", keys: [.ctrl("l")], isAvailable: unlocked) { $0.lock() },
            Command("sync.peers", "cmd.peers", keys: [KeyEvent(.function(8))], isAvailable: unlocked) { $0.showSyncView() },
            Command("app.reload", "cmd.reload", keys: [.ctrl("r")], isAvailable: unlocked) { $0.reload() },
            Command("app.quit", "cmd.quit", keys: [.char("q"), .ctrl("c")], inFooter: true) { $0.quit() },
        ]
        for pane in PaneID.allCases {
            list.append(Command("pane.\(pane.rawValue)", "cmd.pane.\(pane.rawValue)", keys: [.char(Character("\(pane.number)"))],
                                isAvailable: { $0.panes[pane] != nil }) { $0.focus(pane) })
        }
        for c in list { registry.register(c) }
    }

    /// Runs a command by id, if it is available (palette, tests, config).
    @discardableResult
    public func run(commandID: String) -> Bool {
        guard let c = registry.command(commandID), c.isAvailable(self) else { return false }
        c.run(self)
        return true
    }
}
