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

    /// Luhn mod 32: catches every single-symbol error and every adjacent transposition.
    static func check(_ body: String) -> Character {
        var factor = 2
        var sum = 0
        for c in body.reversed() {
            let v = alphabet.firstIndex(of: c)!
            var addend = factor * v
            factor = factor == 2 ? 1 : 2
            addend = addend / 32 + addend % 32
            sum += addend
        }
        return alphabet[(32 - sum % 32) % 32]
    }

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
