/// The cells that changed between two frames, as runs of adjacent cells in one row, so a
/// backend writes only what changed (fast over ssh, no flicker).
public struct BufferDiff: Equatable, Sendable {
    /// Adjacent changed cells starting at (x, y). Continuation cells are included so a
    /// run always starts on a whole character; writers skip continuations.
    public struct Run: Equatable, Sendable {
        public var x: Int
        public var y: Int
        public var cells: [Cell]
    }

    public var runs: [Run]
    /// True when the whole screen must be redrawn (first frame or size change).
    public var isFullRedraw: Bool

    /// Number of cells that will be written.
    public var cellCount: Int { runs.reduce(0) { $0 + $1.cells.count } }

    /// Diff `new` against `old`. Without an `old` of the same size every row is one run.
    public init(from old: CellBuffer?, to new: CellBuffer) {
        guard let old, old.size == new.size else {
            isFullRedraw = true
            runs = (0..<new.height).map { y in
                Run(x: 0, y: y, cells: Array(new.cells[(y * new.width)..<((y + 1) * new.width)]))
            }
            return
        }
        isFullRedraw = false
        runs = []
        let w = new.width
        for y in 0..<new.height {
            var x = 0
            while x < w {
                if old[x, y] == new[x, y] { x += 1; continue }
                // Start on the leading half if the change hit a continuation.
                var start = x
                if new[start, y].isContinuation || old[start, y].isContinuation, start > 0 { start -= 1 }
                var end = x
                while end < w && old[end, y] != new[end, y] { end += 1 }
                // Include the continuation of a wide char ending the run.
                if end < w, new[end, y].isContinuation || old[end, y].isContinuation { end += 1 }
                if let last = runs.last, last.y == y, last.x + last.cells.count >= start {
                    // Overlaps or touches the previous run: extend it.
                    let from = last.x + last.cells.count
                    if end > from {
                        runs[runs.count - 1].cells.append(contentsOf: (from..<end).map { new[$0, y] })
                    }
                } else {
                    runs.append(Run(x: start, y: y, cells: (start..<end).map { new[$0, y] }))
                }
                x = end
            }
        }
    }
}
