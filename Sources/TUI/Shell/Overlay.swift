import Foundation
import Core

/// What can sit on top of the panes. One at a time.
public enum Overlay {
    case help(scroll: Int)
    case palette(editor: LineEditor, selected: Int)
    case detail(title: String, lines: [String], scroll: Int)
    /// A multi-screen task such as registering a signal or an intake.
    case flow(Flow)
}
