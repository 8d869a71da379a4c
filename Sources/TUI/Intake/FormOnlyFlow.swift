import Foundation
import Core

/// A flow that is nothing but one form: it forwards everything to its `ItemEditor`.
protocol FormOnlyFlow: Flow {
    var editor: ItemEditor { get }
}

extension FormOnlyFlow {
    var title: String { editor.title }
    var hint: String { "" }
    var hasUnsavedInput: Bool { editor.isDirty }
    func suspend() -> String? { nil }
    func handle(_ event: InputEvent, area: Rect) -> FlowOutcome { editor.handle(event, area: area).flowOutcome }
    func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool) { editor.render(into: &buffer, area: area, theme: theme) }
}
