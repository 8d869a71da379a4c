/// What the event loop needs from a terminal. `NCursesBackend` drives a real one;
/// `MemoryBackend` is the test double.
public protocol TerminalBackend: AnyObject {
    /// Current size in cells.
    var size: Size { get }
    /// Colours the terminal can show (ncurses `COLORS`; 0 or 1 for monochrome).
    var colorCount: Int { get }
    /// Enter full-screen mode (alternate screen, raw input). Idempotent.
    func start() throws
    /// Leave full-screen mode and restore the terminal. Idempotent.
    func stop()
    /// Show `buffer`, writing only the cells that differ from what is on screen.
    func present(_ buffer: CellBuffer)
    /// The next input event, waiting at most `timeout` (nil: wait indefinitely).
    /// Returns nil when the timeout passes without input.
    func nextEvent(timeout: Duration?) -> InputEvent?
}

public struct TerminalError: Error, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
