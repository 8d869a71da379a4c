import Foundation

/// The case's pseudonym wherever privacy applies: `MH-2026-7KQ3X`. Four random
/// Crockford base32 symbols and one check symbol, so a code misheard on the phone or
/// mistyped from minutes is rejected instead of pointing to another child's case.
public struct CaseCode: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ")
    public let year: Int
    public let body: String // four symbols, without the check symbol

    public var description: String { "MH-\(year)-\(body)\(Self.check(body))" }

    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces).uppercased()
        let parts = t.split(separator: "-")
        guard parts.count == 3, parts[0] == "MH", parts[1].count == 4, let year = Int(parts[1]),
              (2000...2199).contains(year), parts[2].count == 5 else { return nil }
        // Crockford: I and L read as 1, O as 0.
        let symbols = parts[2].map { c -> Character in
            switch c { case "I", "L": return "1"; case "O": return "0"; default: return c }
        }
        guard symbols.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        let body = String(symbols.prefix(4))
        guard Self.check(body) == symbols[4] else { return nil }
        self.year = year
        self.body = body
    }

    public init(year: Int, randomBits: UInt32) {
        self.year = year
        var v = randomBits
        var s = ""
        for _ in 0..<4 { s.append(Self.alphabet[Int(v & 31)]); v >>= 5 }
        body = s
    }

    public static func random<G: RandomNumberGenerator>(year: Int, using rng: inout G) -> CaseCode {
        CaseCode(year: year, randomBits: UInt32.random(in: 0..<(1 << 20), using: &rng))
    }

    /// A check symbol over GF(32): each body symbol is weighted by a distinct power of a
    /// primitive element, so every single-symbol error and every adjacent transposition
    /// (including with the check symbol) changes the sum. Luhn mod 32 misses 0↔Z swaps.
    static func check(_ body: String) -> Character {
        var sum = 0
        for (i, c) in body.enumerated() {
            sum ^= gfMultiply(alphabet.firstIndex(of: c)!, gfPower(i + 1))
        }
        return alphabet[sum]
    }

    /// Multiplication in GF(2^5) modulo x^5 + x^2 + 1 (primitive: x generates all 31 units).
    static func gfMultiply(_ a: Int, _ b: Int) -> Int {
        var a = a, b = b, r = 0
        while b > 0 {
            if b & 1 == 1 { r ^= a }
            a <<= 1
            if a & 0b100000 != 0 { a ^= 0b100101 }
            b >>= 1
        }
        return r
    }

    static func gfPower(_ n: Int) -> Int { (0..<n).reduce(1) { acc, _ in gfMultiply(acc, 2) } }

    public static func < (a: CaseCode, b: CaseCode) -> Bool { a.description < b.description }

    public init(from decoder: Decoder) throws {
        let s = try decoder.singleValueContainer().decode(String.self)
        guard let c = CaseCode(s) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "bad case code"))
        }
        self = c
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(description)
    }
}
