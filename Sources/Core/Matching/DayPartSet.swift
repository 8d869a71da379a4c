import Foundation

/// A set of day parts ("ma-ochtend" … "zo-avond") as a 21-bit mask, so checking whether a
/// client and a buddy can meet is one AND instead of a set intersection per pair.
public struct DayPartSet: Hashable, Sendable {
    public static let days = ["ma", "di", "wo", "do", "vr", "za", "zo"]
    public static let parts = ["ochtend", "middag", "avond"]
    /// Every day part, in week order.
    public static let allLabels: [String] = days.flatMap { d in parts.map { "\(d)-\($0)" } }
    public static let all = DayPartSet(mask: (1 << 21) - 1)

    public let mask: UInt32

    public init(mask: UInt32) { self.mask = mask & ((1 << 21) - 1) }

    /// Unknown labels are left out (they cannot be compared with anything); `unknown` says
    /// which, so a form can refuse them.
    public init(labels: [String]) {
        var m: UInt32 = 0
        for label in labels { if let bit = Self.bit(of: label) { m |= 1 << UInt32(bit) } }
        mask = m
    }

    public static func bit(of label: String) -> Int? {
        let pieces = label.lowercased().split(separator: "-", maxSplits: 1)
        guard pieces.count == 2, let d = days.firstIndex(of: String(pieces[0])), let p = parts.firstIndex(of: String(pieces[1])) else { return nil }
        return d * 3 + p
    }

    public static func unknown(_ labels: [String]) -> [String] { labels.filter { bit(of: $0) == nil } }

    public var isEmpty: Bool { mask == 0 }
    public var count: Int { mask.nonzeroBitCount }
    public func intersection(_ other: DayPartSet) -> DayPartSet { DayPartSet(mask: mask & other.mask) }

    /// The labels in week order.
    public var labels: [String] {
        (0..<21).compactMap { mask & (1 << UInt32($0)) != 0 ? Self.allLabels[$0] : nil }
    }
}
