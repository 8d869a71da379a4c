import Testing
@testable import TUI

@Suite struct CellBufferTests {
    @Test func putWritesTextAndReturnsWidth() {
        var b = CellBuffer(width: 10, height: 2)
        #expect(b.put(text: "Zoë", at: Point(x: 1, y: 0)) == 3)
        #expect(b.lines == [" Zoë      ", "          "])
    }

    @Test func clipsWithEllipsis() {
        var b = CellBuffer(width: 10, height: 1)
        #expect(b.put(text: "Maatjesproject", at: Point(x: 0, y: 0), maxWidth: 8) == 8)
        #expect(b.lines == ["Maatjes…  "])
        var c = CellBuffer(width: 5, height: 1)
        c.put(text: "abcdefgh", at: Point(x: 2, y: 0))
        #expect(c.lines == ["  ab…"])
    }

    @Test func neverSplitsAWideCharacter() {
        var b = CellBuffer(width: 6, height: 1)
        b.put(text: "日本語", at: Point(x: 0, y: 0), maxWidth: 4)
        #expect(b.lines == ["日…   "])
        #expect(b[0, 0].width == 2 && b[1, 0].isContinuation)
        var c = CellBuffer(width: 5, height: 1)
        c.put(text: "ab日本", at: Point(x: 0, y: 0))
        #expect(c.lines == ["ab日…"])
    }

    @Test func combiningMarksShareTheCellOfTheirBase() {
        var b = CellBuffer(width: 6, height: 1)
        #expect(b.put(text: "Zoe\u{308}!", at: Point(x: 0, y: 0)) == 4)
        #expect(b[2, 0].character == "e\u{308}")
        #expect(b.lines == ["Zoë!  "])
    }

    @Test func exactFitHasNoEllipsis() {
        var b = CellBuffer(width: 4, height: 1)
        b.put(text: "日本", at: Point(x: 0, y: 0))
        #expect(b.lines == ["日本"])
    }

    @Test func overwritingHalfAWideCharBlanksTheOtherHalf() {
        var b = CellBuffer(width: 4, height: 1)
        b.put(text: "日本", at: Point(x: 0, y: 0))
        b.put(text: "x", at: Point(x: 1, y: 0))
        #expect(b.lines == [" x本"])
        b.put(text: "y", at: Point(x: 2, y: 0))
        #expect(b.lines == [" xy "])
        #expect(!b[3, 0].isContinuation)
    }

    @Test func wideCharacterCannotStartInLastColumn() {
        var b = CellBuffer(width: 3, height: 1)
        b.set(Cell("日", width: 2), x: 2, y: 0)
        #expect(b.lines == ["   "])
    }

    @Test func sanitisesText() {
        var b = CellBuffer(width: 12, height: 1)
        b.put(text: "a\u{1B}[2Jb\nc", at: Point(x: 0, y: 0))
        #expect(b.lines == ["a␛[2Jb c    "])
    }

    @Test func clipRectLimitsDrawing() {
        var b = CellBuffer(width: 10, height: 3)
        let clip = Rect(x: 2, y: 1, width: 4, height: 1)
        b.put(text: "buiten", at: Point(x: 0, y: 0), clip: clip)
        b.put(text: "binnenkant", at: Point(x: 2, y: 1), clip: clip)
        #expect(b.lines == ["          ", "  bin…    ", "          "])
    }

    @Test func alignedPutFillsTheRow() {
        var b = CellBuffer(width: 8, height: 3)
        let reverse = Style(attributes: .reverse)
        b.put(text: "ab", in: Rect(x: 0, y: 0, width: 8, height: 1), style: reverse, alignment: .right)
        b.put(text: "ab", in: Rect(x: 0, y: 1, width: 8, height: 1), alignment: .center)
        b.put(text: "abcdefghij", in: Rect(x: 1, y: 2, width: 5, height: 1))
        #expect(b.lines == ["      ab", "   ab   ", " abcd…  "])
        #expect(b.styleMask()[0] == "RRRRRRRR")
    }

    @Test func fillAndRestyle() {
        var b = CellBuffer(width: 4, height: 2)
        b.fill(Rect(x: 1, y: 0, width: 2, height: 2), with: "#", style: Style(foreground: .red))
        b.restyle(Rect(x: 0, y: 1, width: 4, height: 1)) { $0.with(attributes: .bold) }
        #expect(b.lines == [" ## ", " ## "])
        #expect(b.styleMask() == [".CC.", "BBBB"])
    }

    @Test func blitCopiesAnotherBuffer() {
        var small = CellBuffer(width: 2, height: 1)
        small.put(text: "日", at: Point(x: 0, y: 0))
        var b = CellBuffer(width: 4, height: 1)
        b.blit(small, at: Point(x: 1, y: 0))
        #expect(b.lines == [" 日 "])
    }

    @Test func rectLayoutHelpers() {
        let r = Rect(x: 0, y: 0, width: 80, height: 24)
        let (top, rest) = r.splitTop(1)
        #expect(top == Rect(x: 0, y: 0, width: 80, height: 1))
        #expect(rest.height == 23)
        #expect(r.columns(weights: [1, 1, 1]).map(\.width) == [26, 26, 28])
        #expect(r.inset(1) == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(r.centered(Size(width: 40, height: 10)) == Rect(x: 20, y: 7, width: 40, height: 10))
        #expect(r.row(30).isEmpty)
        #expect(r.splitBottom(2).1 == Rect(x: 0, y: 22, width: 80, height: 2))
    }
}

@Suite struct BufferDiffTests {
    @Test func identicalBuffersHaveNoRuns() {
        let a = CellBuffer(width: 5, height: 2)
        #expect(BufferDiff(from: a, to: a).runs.isEmpty)
    }

    @Test func firstFrameAndResizeRedrawEverything() {
        let a = CellBuffer(width: 5, height: 2)
        let d = BufferDiff(from: nil, to: a)
        #expect(d.isFullRedraw && d.cellCount == 10)
        #expect(BufferDiff(from: CellBuffer(width: 4, height: 2), to: a).isFullRedraw)
    }

    @Test func changedCellsFormRuns() {
        let a = CellBuffer(width: 10, height: 2)
        var b = a
        b.put(text: "ab", at: Point(x: 1, y: 0))
        b.put(text: "c", at: Point(x: 7, y: 0))
        b.put(text: "d", at: Point(x: 0, y: 1))
        let d = BufferDiff(from: a, to: b)
        #expect(d.runs.map { [$0.x, $0.y, $0.cells.count] } == [[1, 0, 2], [7, 0, 1], [0, 1, 1]])
        #expect(d.runs[0].cells.map(\.character) == ["a", "b"])
    }

    @Test func wideCharacterRunsStartOnTheLeadingHalf() {
        var a = CellBuffer(width: 6, height: 1)
        a.put(text: "日本", at: Point(x: 0, y: 0))
        var b = a
        b.restyle(Rect(x: 3, y: 0, width: 1, height: 1)) { $0.with(attributes: .bold) }
        let d = BufferDiff(from: a, to: b)
        #expect(d.runs.count == 1)
        #expect(d.runs[0].x == 2)
        #expect(d.runs[0].cells.count == 2)
    }

    @Test func styleChangeIsAChange() {
        let a = CellBuffer(width: 3, height: 1)
        var b = a
        b.restyle(b.bounds) { _ in Style(attributes: .reverse) }
        #expect(BufferDiff(from: a, to: b).cellCount == 3)
    }
}
