/// An in-memory terminal for tests: remembers the presented screen, replays a scripted
/// queue of events, and reports how many cells each present wrote.
public final class MemoryBackend: TerminalBackend {
    public private(set) var size: Size
    public var colorCount: Int
    public private(set) var isStarted = false
    /// What is "on screen": the last presented buffer.
    public private(set) var screen: CellBuffer
    /// Number of `present` calls and cells written by the last one (diff size).
    public private(set) var presentCount = 0
    public private(set) var lastWrittenCellCount = 0
    private var queue: [InputEvent] = []

    public init(size: Size = Size(width: 80, height: 24), colorCount: Int = 256) {
        self.size = size
        self.colorCount = colorCount
        self.screen = CellBuffer(size: size)
    }

    public func start() throws { isStarted = true }
    public func stop() { isStarted = false }

    public func present(_ buffer: CellBuffer) {
        let diff = BufferDiff(from: screen, to: buffer)
        lastWrittenCellCount = diff.cellCount
        presentCount += 1
        screen = buffer
    }

    public func nextEvent(timeout: Duration?) -> InputEvent? {
        queue.isEmpty ? nil : queue.removeFirst()
    }

    /// Queue events to be returned by `nextEvent`.
    public func enqueue(_ events: InputEvent...) { queue.append(contentsOf: events) }
    public func enqueue(keys: [KeyEvent]) { queue.append(contentsOf: keys.map { .key($0) }) }
    /// Queue a key script in `KeyEvent.script` notation, e.g. `"j j enter"`.
    public func enqueue(script: String) throws { enqueue(keys: try KeyEvent.script(script)) }
    /// Queue the characters of `text` as key presses.
    public func type(_ text: String) { enqueue(keys: text.map { KeyEvent.char($0) }) }

    public var pendingEventCount: Int { queue.count }

    /// Simulate the user resizing the window: changes `size` and queues a resize event.
    public func resize(to newSize: Size) {
        size = newSize
        queue.append(.resize(newSize))
    }

    /// Text of each screen row.
    public var lines: [String] { screen.lines }
    /// Style mask of the screen (see `CellBuffer.styleMask`).
    public func styleMask(_ classify: (Style) -> Character = CellBuffer.defaultStyleClass) -> [String] {
        screen.styleMask(classify)
    }
}
