import Foundation

/// Bech32 (BIP-173, checksum constant 1, not bech32m) as age uses it for keys:
/// no 90-character limit, one case per string, 8-bit data regrouped in 5-bit groups.
enum Bech32 {
    private static let charset = Array("qpzry9x8gf2tvdw0s3jn54khce6mua7l".utf8)
    private static let reverse: [Int8] = {
        var table = [Int8](repeating: -1, count: 128)
        for (i, c) in charset.enumerated() { table[Int(c)] = Int8(i) }
        return table
    }()

    enum Failure: Error, Equatable {
        case mixedCase, separator, hrpCharacter, dataCharacter, checksum, padding
    }

    private static func polymod(_ values: [UInt8]) -> UInt32 {
        let generator: [UInt32] = [0x3b6a_57b2, 0x2650_8e6d, 0x1ea1_19fa, 0x3d42_33dd, 0x2a14_62b3]
        var chk: UInt32 = 1
        for v in values {
            let top = chk >> 25
            chk = (chk & 0x1ff_ffff) << 5 ^ UInt32(v)
            for i in 0..<5 where (top >> UInt32(i)) & 1 == 1 { chk ^= generator[i] }
        }
        return chk
    }

    private static func hrpExpand(_ hrp: [UInt8]) -> [UInt8] {
        hrp.map { $0 >> 5 } + [0] + hrp.map { $0 & 31 }
    }

    private static func checksum(hrp: [UInt8], data: [UInt8]) -> [UInt8] {
        let mod = polymod(hrpExpand(hrp) + data + [0, 0, 0, 0, 0, 0]) ^ 1
        return (0..<6).map { UInt8((mod >> UInt32(5 * (5 - $0))) & 31) }
    }

    /// Regroups bits; with `pad` false, leftover bits must be fewer than `from` and all zero.
    static func convertBits(_ data: [UInt8], from: Int, to: Int, pad: Bool) throws -> [UInt8] {
        var acc = 0, bits = 0
        var out: [UInt8] = []
        out.reserveCapacity(data.count * from / to + 1)
        let maxv = (1 << to) - 1
        for value in data {
            acc = (acc << from) | Int(value)
            bits += from
            while bits >= to {
                bits -= to
                out.append(UInt8((acc >> bits) & maxv))
            }
            acc &= (1 << bits) - 1
        }
        if pad {
            if bits > 0 { out.append(UInt8((acc << (to - bits)) & maxv)) }
        } else if bits >= from || (acc << (to - bits)) & maxv != 0 {
            throw Failure.padding
        }
        return out
    }

    /// Encodes `data` under `hrp`; an all-uppercase `hrp` gives an all-uppercase string.
    static func encode(hrp: String, data: Data) -> String {
        let upper = hrp.uppercased() == hrp && hrp.lowercased() != hrp
        let s = encodeValues(hrp: hrp.lowercased(), values: try! convertBits(Array(data), from: 8, to: 5, pad: true))
        return upper ? s.uppercased() : s
    }

    /// Encodes 5-bit values under a lowercase `hrp`, checksum appended.
    static func encodeValues(hrp: String, values: [UInt8]) -> String {
        let hrpBytes = Array(hrp.utf8)
        var out = hrpBytes + [UInt8(ascii: "1")]
        for v in values + checksum(hrp: hrpBytes, data: values) { out.append(charset[Int(v)]) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Decodes a Bech32 string to 8-bit data; `hrp` comes back in the case it was written in.
    static func decode(_ string: String) throws -> (hrp: String, data: Data) {
        let (hrp, values) = try decodeValues(string)
        return (hrp, Data(try convertBits(values, from: 5, to: 8, pad: false)))
    }

    /// Checks case, separator, characters and checksum; returns the 5-bit values without the checksum.
    static func decodeValues(_ string: String) throws -> (hrp: String, values: [UInt8]) {
        let bytes = Array(string.utf8)
        let hasLower = bytes.contains { (97...122).contains($0) }
        let hasUpper = bytes.contains { (65...90).contains($0) }
        if hasLower && hasUpper { throw Failure.mixedCase }
        guard let sep = bytes.lastIndex(of: UInt8(ascii: "1")), sep >= 1, sep + 7 <= bytes.count else {
            throw Failure.separator
        }
        let hrp = Array(bytes[..<sep])
        guard hrp.allSatisfy({ (33...126).contains($0) }) else { throw Failure.hrpCharacter }
        var values: [UInt8] = []
        values.reserveCapacity(bytes.count - sep - 1)
        for c in bytes[(sep + 1)...] {
            let lower = (65...90).contains(c) ? c + 32 : c
            guard lower < 128, reverse[Int(lower)] >= 0 else { throw Failure.dataCharacter }
            values.append(UInt8(reverse[Int(lower)]))
        }
        let lowerHRP = hrp.map { (65...90).contains($0) ? $0 + 32 : $0 }
        guard polymod(hrpExpand(lowerHRP) + values) == 1 else { throw Failure.checksum }
        return (String(decoding: hrp, as: UTF8.self), Array(values.dropLast(6)))
    }
}
