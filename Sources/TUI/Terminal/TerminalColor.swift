/// A colour value without meaning attached (themes attach meaning). Backends convert it
/// to what the terminal can show; see `nearestIndexed256` and `nearestANSI16`.
public enum TerminalColor: Hashable, Sendable {
    /// The terminal's own default foreground or background.
    case terminalDefault
    /// A palette index: 0-7 ANSI, 8-15 bright ANSI, 16-231 colour cube, 232-255 greys.
    case indexed(UInt8)
    /// A 24-bit colour.
    case rgb(UInt8, UInt8, UInt8)

    public static let black = TerminalColor.indexed(0)
    public static let red = TerminalColor.indexed(1)
    public static let green = TerminalColor.indexed(2)
    public static let yellow = TerminalColor.indexed(3)
    public static let blue = TerminalColor.indexed(4)
    public static let magenta = TerminalColor.indexed(5)
    public static let cyan = TerminalColor.indexed(6)
    public static let white = TerminalColor.indexed(7)

    /// The 16 ANSI colours as xterm draws them (used to find nearest matches).
    static let ansiRGB: [(UInt8, UInt8, UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205),
        (0, 205, 205), (229, 229, 229), (127, 127, 127), (255, 0, 0), (0, 255, 0),
        (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value xterm uses for a palette index.
    public static func rgbValue(ofIndex index: UInt8) -> (UInt8, UInt8, UInt8) {
        let i = Int(index)
        if i < 16 { return ansiRGB[i] }
        if i >= 232 {
            let g = UInt8(8 + (i - 232) * 10)
            return (g, g, g)
        }
        let c = i - 16
        return (UInt8(cubeLevels[c / 36]), UInt8(cubeLevels[(c / 6) % 6]), UInt8(cubeLevels[c % 6]))
    }

    /// Nearest colour in the 256-colour palette (indexed colours are kept).
    public func nearestIndexed256() -> TerminalColor {
        guard case let .rgb(r, g, b) = self else { return self }
        return .indexed(Self.nearestIndex(r, g, b, in: 16...255))
    }

    /// Nearest of the 16 ANSI colours.
    public func nearestANSI16() -> TerminalColor {
        switch self {
        case .terminalDefault: return self
        case .indexed(let i) where i < 16: return self
        case .indexed(let i):
            let (r, g, b) = Self.rgbValue(ofIndex: i)
            return .indexed(Self.nearestIndex(r, g, b, in: 0...15))
        case let .rgb(r, g, b):
            return .indexed(Self.nearestIndex(r, g, b, in: 0...15))
        }
    }

    /// Nearest of the 8 basic colours (terminals with COLORS == 8).
    public func nearestANSI8() -> TerminalColor {
        switch nearestANSI16() {
        case .indexed(let i) where i >= 8:
            let (r, g, b) = Self.rgbValue(ofIndex: i)
            return .indexed(Self.nearestIndex(r, g, b, in: 0...7))
        case let other: return other
        }
    }

    static func nearestIndex(_ r: UInt8, _ g: UInt8, _ b: UInt8, in range: ClosedRange<Int>) -> UInt8 {
        var best = range.lowerBound
        var bestDistance = Int.max
        for i in range {
            let (pr, pg, pb) = rgbValue(ofIndex: UInt8(i))
            // Weighted Euclidean distance: cheap and close enough to perceived difference.
            let dr = Int(r) - Int(pr), dg = Int(g) - Int(pg), db = Int(b) - Int(pb)
            let d = 3 * dr * dr + 4 * dg * dg + 2 * db * db
            if d < bestDistance { bestDistance = d; best = i }
        }
        return UInt8(best)
    }
}
