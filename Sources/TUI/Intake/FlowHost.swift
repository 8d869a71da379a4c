import Foundation
import Core

/// A flow that shows another flow or a form in its place (the case detail, the agenda):
/// both hand their events on the same way, and re-read what they show after a save.
protocol FlowHost: AnyObject {
    var subflow: Flow? { get set }
    var editor: ItemEditor? { get set }
    var status: (text: String, isError: Bool)? { get set }
    /// Re-reads what the host shows after something was saved.
    func refresh() throws
}

extension FlowHost {
    /// Gives the event to the nested flow or form, if one is open. True when it took it.
    func handleNested(_ event: InputEvent, area: Rect) -> Bool {
        if let flow = subflow {
            switch flow.handle(event, area: area) {
            case .stay: break
            case .close(let message): subflow = nil; if let message { status = (message, false) }
            case .done(let message): subflow = nil; afterSave(message)
            }
            return true
        }
        if let ed = editor {
            switch ed.handle(event, area: area) {
            case .stay: break
            case .cancelled: editor = nil
            case .saved(let message): editor = nil; afterSave(message)
            }
            return true
        }
        return false
    }

    private func afterSave(_ message: String) {
        do { try refresh(); status = (message, false) } catch { status = (SchakelError.from(error).message, true) }
    }
}
