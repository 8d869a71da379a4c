import Foundation

/// A hybrid logical clock timestamp: wall-clock milliseconds plus a counter, so events
/// from devices with skewed clocks still order causally and never collide on one device.
public struct HLC: Comparable, Hashable, Codable, Sendable, CustomStringConvertible {
    public let millis: UInt64
    public let counter: UInt16

    public init(millis: UInt64, counter: UInt16) { self.millis = millis; self.counter = counter }
    public init(packed: UInt64) { millis = packed >> 16; counter = UInt16(packed & 0xffff) }

    public var packed: UInt64 { millis << 16 | UInt64(counter) }
    public var date: Date { Date(timeIntervalSince1970: Double(millis) / 1000) }
    public static let zero = HLC(millis: 0, counter: 0)

    public static func < (a: HLC, b: HLC) -> Bool { a.packed < b.packed }
    public var description: String { "\(millis).\(counter)" }
}

/// Produces strictly increasing HLC values for one device.
public struct HLCGenerator: Sendable {
    public private(set) var last: HLC

    public init(last: HLC = .zero) { self.last = last }

    public mutating func next(now: Date) -> HLC {
        let wall = UInt64(max(0, now.timeIntervalSince1970 * 1000))
        if wall > last.millis {
            last = HLC(millis: wall, counter: 0)
        } else if last.counter == .max {
            last = HLC(millis: last.millis + 1, counter: 0)
        } else {
            last = HLC(millis: last.millis, counter: last.counter + 1)
        }
        return last
    }

    /// Merge a timestamp seen from another device (used by sync).
    public mutating func observe(_ remote: HLC) {
        if remote > last { last = remote }
    }
}
