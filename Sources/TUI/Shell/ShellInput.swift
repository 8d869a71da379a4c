import Foundation
import Core

extension Shell {
    public func handle(_ event: InputEvent) {
        if case .resize = event { return } // the next draw re-lays out at the new size
        lastInput = now()
        if isLocked { handleLocked(event); return }
        if overlay != nil { handleOverlay(event); return }
        guard let pane = panes[focused] else { return }
        let area = paneArea(focused)
        if case .mouse(let m) = event { handleMouse(m, event: event); return }
        guard case .key(let key) = event else { return }
        if pane.isEditing { _ = pane.handle(event, area: area); return }
        if let command = registry.command(for: key, pane: focused) {
            if command.isAvailable(self) {
                command.run(self)
            } else {
                // Say why nothing happens instead of ignoring the key.
                post(L10n.t(privacy ? "cmd.unavailablePrivacy" : "cmd.unavailable", command.title), kind: .warning)
            }
            return
        }
        if case .openCase(let id) = pane.handle(event, area: area) { openCase(id) }
    }

    func handleLocked(_ event: InputEvent) {
        guard case .key(let key) = event else { return }
        switch key {
        case .ctrl("c"), .ctrl("q"): quit()
        case KeyEvent(.enter): attemptUnlock()
        case KeyEvent(.escape): unlockEditor.setText("")
        default: _ = unlockEditor.handle(key)
        }
    }

    func handleMouse(_ m: MouseEvent, event: InputEvent) {
        let point = m.position
        // A click on a tab focuses that pane.
        if point.y == 1 {
            for (pane, range) in tabRanges() where range.contains(point.x) { focus(pane); return }
        }
        for pane in visiblePanes where paneArea(pane).contains(point) {
            focus(pane)
            if case .openCase(let id) = panes[pane]?.handle(event, area: paneArea(pane)) { openCase(id) }
            return
        }
    }

    func handleOverlay(_ event: InputEvent) {
        if case .flow(let flow)? = overlay {
            // Lock, quit and presentation stay reachable from a form (control and function
            // keys only: letters are typed into the form). The form is kept as a draft.
            if case .key(let key) = event, !key.modifiers.isEmpty || { if case .function = key.key { return true } else { return false } }(),
               let command = registry.command(for: key, pane: focused), ["app.lock", "app.quit", "presentation.toggle"].contains(command.id) {
                // The follower window on the projector stays in privacy and presentation mode.
                if options.follower && command.id == "presentation.toggle" { return }
                if command.id != "app.lock" && flow.hasUnsavedInput {
                    post(L10n.t("flow.saveFirst"), kind: .warning)
                    return
                }
                if command.id != "app.lock", let message = flow.suspend() { post(message) }
                if command.id != "app.lock" { overlay = nil }
                command.run(self)
                return
            }
            // A flow that shows a case without typing lets the privacy key through.
            if !flow.isTyping, case .key(let key) = event, let command = registry.command(for: key, pane: focused), command.id == "privacy.toggle" {
                // A meeting keeps privacy mode on: the screen may be on the projector.
                if (flow.holdsAutoLock || options.follower) && privacy { post(L10n.t("meetingMode.privacyStays"), kind: .warning); return }
                command.run(self)
                return
            }
            switch flow.handle(event, area: flowArea) {
            case .stay: updateMeetingState()
            case .close(let message):
                overlay = nil
                if let message { post(message) }
            case .done(let message):
                overlay = nil
                reload(silently: true)
                post(message, kind: .success)
            }
            return
        }
        guard case .key(let key) = event, let current = overlay else { return }
        switch current {
        case .flow: break
        case .help(let scroll):
            switch key {
            case KeyEvent(.escape), .char("?"), .char("q"), KeyEvent(.function(1)): overlay = nil
            case .char("j"), KeyEvent(.down): overlay = .help(scroll: scroll + 1)
            case .char("k"), KeyEvent(.up): overlay = .help(scroll: max(0, scroll - 1))
            case KeyEvent(.pageDown), .char(" "): overlay = .help(scroll: scroll + 10)
            case KeyEvent(.pageUp): overlay = .help(scroll: max(0, scroll - 10))
            default: break
            }
        case .detail(let title, let lines, let scroll):
            switch key {
            case KeyEvent(.escape), .char("q"), KeyEvent(.enter): overlay = nil
            case .char("j"), KeyEvent(.down): overlay = .detail(title: title, lines: lines, scroll: min(max(0, lines.count - 1), scroll + 1))
            case .char("k"), KeyEvent(.up): overlay = .detail(title: title, lines: lines, scroll: max(0, scroll - 1))
            case KeyEvent(.pageDown), .char(" "): overlay = .detail(title: title, lines: lines, scroll: min(max(0, lines.count - 1), scroll + 10))
            case KeyEvent(.pageUp): overlay = .detail(title: title, lines: lines, scroll: max(0, scroll - 10))
            case .char("P"): setPrivacy(!privacy)
            default: break
            }
        case .palette(var editor, let selected):
            let matches = paletteMatches(editor.text)
            switch key {
            case KeyEvent(.escape): overlay = nil
            case KeyEvent(.enter):
                overlay = nil
                if selected < matches.count { matches[selected].run(self) }
            case KeyEvent(.down), .ctrl("n"): overlay = .palette(editor: editor, selected: min(max(0, matches.count - 1), selected + 1))
            case KeyEvent(.up), .ctrl("p"): overlay = .palette(editor: editor, selected: max(0, selected - 1))
            default:
                _ = editor.handle(key)
                overlay = .palette(editor: editor, selected: 0)
            }
        }
    }

    /// Available commands in scope, best fuzzy match first (title, then id).
    public func paletteMatches(_ query: String) -> [Command] {
        let scored: [(Command, Int)] = registry.inScope(focused).filter { $0.isAvailable(self) }.compactMap { c in
            let s = max(CommandRegistry.fuzzyScore(query, c.title) ?? -1, CommandRegistry.fuzzyScore(query, c.id) ?? -1)
            return s >= 0 ? (c, s) : nil
        }
        return scored.sorted { ($0.1, $1.0.title) > ($1.1, $0.0.title) }.map(\.0)
    }
}
