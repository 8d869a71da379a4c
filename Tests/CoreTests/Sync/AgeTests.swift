import Foundation
import Crypto
import Testing
@testable import Core

/// The age v1 file format (https://age-encryption.org/v1): known answers, interoperability
/// with the real `age` tool (Debian package `age`, installed by `make test`), tampering.
@Suite struct AgeTests {
    static let sizes = [0, 1, 64 * 1024 - 1, 64 * 1024, 64 * 1024 + 1, 200 * 1024]

    // MARK: - Bech32

    @Test func bech32ChecksumVectorsOfBIP173() throws {
        let valid = [
            "A12UEL5L", "a12uel5l",
            "an83characterlonghumanreadablepartthatcontainsthenumber1andtheexcludedcharactersbio1tt5tgs",
            "abcdef1qpzry9x8gf2tvdw0s3jn54khce6mua7lmqqqxw",
            "11" + String(repeating: "q", count: 82) + "c8247j",
            "split1checkupstagehandshakeupstreamerranterredcaperred2y9e3w",
            "?1ezyfcl",
        ]
        for s in valid {
            let (hrp, values) = try Bech32.decodeValues(s)
            #expect(hrp.lowercased() == String(s[..<s.lastIndex(of: "1")!]).lowercased(), "\(s)")
            // Re-encoding the 5-bit values gives the same string back (in lowercase).
            #expect(Bech32.encodeValues(hrp: hrp.lowercased(), values: values) == s.lowercased(), "\(s)")
        }
        let invalid = [
            "\u{20}1nwldj5", "\u{7F}1axkwrx", "pzry9x0s0muk", "1pzry9x0s0muk", "x1b4n0q5v", "li1dgmt3",
            "de1lg7wt\u{FF}", "A1G7SGD8", "10a06t8", "1qzzfhee", "A12uEL5L", "a12uel5m",
        ]
        for s in invalid { #expect(throws: (any Error).self, "\(s)") { _ = try Bech32.decodeValues(s) } }
        // 8-bit data: the round trip, and refusal of non-zero padding bits.
        let data = Data((0..<32).map { UInt8($0 * 7 & 0xff) })
        let encoded = Bech32.encode(hrp: "age", data: data)
        #expect(try Bech32.decode(encoded).data == data)
        #expect(Bech32.encode(hrp: "AGE-SECRET-KEY-", data: data).hasPrefix("AGE-SECRET-KEY-1"))
        var values = try Bech32.convertBits(Array(data), from: 8, to: 5, pad: true)
        values[values.count - 1] |= 1
        #expect(throws: Bech32.Failure.padding) { _ = try Bech32.decode(Bech32.encodeValues(hrp: "age", values: values)) }
        #expect(throws: Bech32.Failure.padding) { _ = try Bech32.decode(Bech32.encodeValues(hrp: "age", values: values + [0, 0])) }
        // No 90-character limit: a 32-byte age key plus a long HRP is fine.
        let long = Bech32.encode(hrp: String(repeating: "x", count: 100), data: data)
        #expect(long.count > 90)
        #expect(try Bech32.decode(long).data == data)
    }

    /// Key pairs of the age test suite; the recipients were computed by `age-keygen -y`.
    @Test func knownKeyPairs() throws {
        let pairs = [
            ("AGE-SECRET-KEY-1XMWWC06LY3EE5RYTXM9MFLAZ2U56JJJ36S0MYPDRWSVLUL66MV4QX3S7F6",
             "age1w3tyke4gev25vaxxsvcgqu4484rf6ejpmavs57p6yz6lhy2sfs5swrvwyn"),
            ("AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0",
             "age1xmwwc06ly3ee5rytxm9mflaz2u56jjj36s0mypdrwsvlul66mv4q47ryef"),
        ]
        for (secret, publicKey) in pairs {
            let identity = try AgeX25519Identity(string: secret)
            #expect(identity.recipient.string == publicKey)
            #expect(identity.secretKeyString == secret)
            #expect(try AgeX25519Recipient(string: publicKey) == identity.recipient)
            // age accepts neither a lowercase secret key nor an uppercase public key.
            #expect(throws: SchakelError.self) { _ = try AgeX25519Identity(string: secret.lowercased()) }
            #expect(throws: SchakelError.self) { _ = try AgeX25519Recipient(string: publicKey.uppercased()) }
            #expect(throws: SchakelError.self) { _ = try AgeX25519Recipient(string: secret) }
            #expect(throws: SchakelError.self) { _ = try AgeX25519Identity(string: publicKey) }
            var typo = Array(publicKey); typo[10] = typo[10] == "q" ? "p" : "q"
            #expect(throws: SchakelError.self) { _ = try AgeX25519Recipient(string: String(typo)) }
        }
    }

    @Test func keyFiles() throws {
        let id1 = AgeX25519Identity(), id2 = AgeX25519Identity()
        let text = "# created: 2026-01-01T00:00:00Z\r\n# public key: \(id1.recipient)\r\n\(id1.secretKeyString)\r\n\n# second\n\(id2.secretKeyString)\n"
        let parsed = try AgeX25519Identity.parseKeyFile(text)
        #expect(parsed.map(\.recipient) == [id1.recipient, id2.recipient])
        #expect(try AgeX25519Identity.parseKeyFile(id1.keyFile()).map(\.recipient) == [id1.recipient])
        #expect(throws: AgeError.noIdentities()) { _ = try AgeX25519Identity.parseKeyFile("# nothing here\n\n") }
        #expect(throws: AgeError.keyFileLine(2)) { _ = try AgeX25519Identity.parseKeyFile("# a\nnot a key\n") }
        // The message names the line, never its content.
        #expect(!AgeError.keyFileLine(2).message.contains("not a key"))
    }

    // MARK: - Known answers: vectors of the age test suite (C2SP/CCTV age, testkit)

    /// Whole files of the age test suite, base64. The header text is the suite's; the binary
    /// payloads were regenerated with the suite's deterministic randomness, and every header
    /// MAC matches the suite's (so the bytes are exact). File key: "YELLOW SUBMARINE";
    /// payload of the successful ones: "age".
    static let testkit: [(name: String, expect: String, identity: String, file: String)] = [
        ("x25519", "success", "AGE-SECRET-KEY-1XMWWC06LY3EE5RYTXM9MFLAZ2U56JJJ36S0MYPDRWSVLUL66MV4QX3S7F6",
         "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBURWlGMHlwcXIrYnB2Y3FYTnlDVkpwTDdPdXdQZFZ3UEw3S1FFYkZET0NjCkVtRUNBRWNLTituL1ZzOVNiV2lWK0h1MHIrRThSNzdEZFdZeWQ4M253N1UKLS0tIFZuKzU0anFpaVVDRStXWmNFVlkzZjFzcUhqbHUvejFMQ1EvVDdYbTdxSTAK7s9ix86RtDMnTmjU8vkTTLdMW/73vqpSyPC8DpksHoMx+2Y="),
        ("x25519_grease", "success", "AGE-SECRET-KEY-1XMWWC06LY3EE5RYTXM9MFLAZ2U56JJJ36S0MYPDRWSVLUL66MV4QX3S7F6",
         "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IGdyZWFzZQoKLT4gWDI1NTE5IFRFaUYweXBxciticHZjcVhOeUNWSnBMN091d1BkVndQTDdLUUViRkRPQ2MKRW1FQ0FFY0tOK24vVnM5U2JXaVYrSHUwcitFOFI3N0RkV1l5ZDgzbnc3VQotPiBncmVhc2UKCi0tLSA3TkxyZmJSVVp0NnFLMHBkdEFSVWY1OWRId28xMlJlbGRqSktqTWxiRTNJCu7PYsfOkbQzJ05o1PL5E0y3TFv+976qUsjwvA6ZLB6DMftm"),
        ("stanza_valid_characters", "success", "AGE-SECRET-KEY-1XMWWC06LY3EE5RYTXM9MFLAZ2U56JJJ36S0MYPDRWSVLUL66MV4QX3S7F6",
         "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+ICEiIyQlJicgKCkqKywtLi8gMDEyMzQ1NjcgODk6Ozw9Pj8gQEFCQ0RFRkcgSElKS0xNTk8KCi0+IFBRUlNUVVZXIFhZWltcXV5fIGBhYmNkZWZnIGhpamtsbW5vIHBxcnN0dXZ3IHh5ent8fX4KCi0+IFgyNTUxOSBURWlGMHlwcXIrYnB2Y3FYTnlDVkpwTDdPdXdQZFZ3UEw3S1FFYkZET0NjCkVtRUNBRWNLTituL1ZzOVNiV2lWK0h1MHIrRThSNzdEZFdZeWQ4M253N1UKLS0tIHg1Mzh6OXhKcTlYRUsxYVRUVHY4MGFXRFZ2VmRST3ZhWG4ydHBxWFBDOGcK7s9ix86RtDMnTmjU8vkTTLdMW/73vqpSyPC8DpksHoMx+2Y="),
        ("scrypt", "success", "password",
         "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IHNjcnlwdCByRjAvTndibFVISFRwZ1FnUnBlNUNRIDEwCmdVakV5bUZLTVZYUUVLZE1NSEwyNG9ZZXhqRTNUSUMwTzB6R1NxSjJhVVkKLS0tIElPWGlRWVN0a29UMW12WlcydEZPcVpkaFJWdmo1OGVnQUJ4L3NXZlpRYmMKGzXG5ofdANo6w3msn3QsIf0YWhuePe1znRSsappQEk24Ztg="),
        ("stanza_spurious_cr", "header failure", "AGE-SECRET-KEY-1XMWWC06LY3EE5RYTXM9MFLAZ2U56JJJ36S0MYPDRWSVLUL66MV4QX3S7F6",
         "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBURWlGMHlwcXIrYnB2Y3FYTnlDVkpwTDdPdXdQZFZ3UEw3S1FFYkZET0NjCkVtRUNBRWNLTituL1ZzOVNiV2lWK0h1MHIrRThSNzdEZFdZeWQ4M253N1UKLT4gc3RhbnphCkFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBDUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUFBQUEKLS0tIE1aYUZBaDhsZHpVMEY4OE5Kakx4NXlkN2ZuZDU3WFM1Q09vd21ndlF0WFEK7s9ix86RtDMnTmjU8vkTTLdMW/73vqpSyPC8DpksHoMx+2Y="),
        ("stanza_not_canonical", "header failure", "AGE-SECRET-KEY-1XMWWC06LY3EE5RYTXM9MFLAZ2U56JJJ36S0MYPDRWSVLUL66MV4QX3S7F6",
         "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBURWlGMHlwcXIrYnB2Y3FYTnlDVkpwTDdPdXdQZFZ3UEw3S1FFYkZET0NjCkVtRUNBRWNLTituL1ZzOVNiV2lWK0h1MHIrRThSNzdEZFdZeWQ4M253N1UKLT4gc3RhbnphClFVRkJRVUZCUVVGQlFVRkJRVUZCUVVGQlFVRkJRVUZCUVVGQlFVRkJRVUZCUVVGQlFVRkJRVUZCUVVGQlFVRkIKUVVGCi0tLSBuUU0yVkN6bU5MUHJVdXJOV04rU1c5d1ZwLzl1VE1RLzZDVFVNN2w4Yzg0Cu7PYsfOkbQzJ05o1PL5E0y3TFv+976qUsjwvA6ZLB6DMftm"),
        ("stanza_base64_padding", "header failure", "AGE-SECRET-KEY-1XMWWC06LY3EE5RYTXM9MFLAZ2U56JJJ36S0MYPDRWSVLUL66MV4QX3S7F6",
         "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBURWlGMHlwcXIrYnB2Y3FYTnlDVkpwTDdPdXdQZFZ3UEw3S1FFYkZET0NjCkVtRUNBRWNLTituL1ZzOVNiV2lWK0h1MHIrRThSNzdEZFdZeWQ4M253N1UKLT4gc3RhbnphClFVRkJRVUZCUVVGQlFVRkJRVUZCUVVGQlFVRkJRVUZCUVVGQlFVRkJRVUZCUVVGQlFVRkJRVUZCUVVGQlFVRkIKUVVFPQotLS0gT3RHN0l1TkhhZjJTSFp1b3dteGcvZmhiaHR6MC9ESTVnNU9HZDdXSDdTMAruz2LHzpG0MydOaNTy+RNMt0xb/ve+qlLI8LwOmSwegzH7Zg=="),
        ("hmac_not_canonical", "header failure", "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0",
         "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBURWlGMHlwcXIrYnB2Y3FYTnlDVkpwTDdPdXdQZFZ3UEw3S1FFYkZET0NjCmhqYWJHWHdTTFE5YzNTNkx3MmkrUzJUdTJmaXdRSEhzbGJCTjZCNDFGTEUKLS0tIFd5SnA5Ri85Rk9aaDdnSmRoZXEyV0lKY3dIZ1ljOE5JVmgzZGR3aHJjTmgK7s9ix86RtDMnTmjU8vkTTLdMW/73vqpSyPC8DpksHoMx+2Y="),
        ("x25519_low_order", "header failure", "AGE-SECRET-KEY-1EGTZVFFV20835NWYV6270LXYVK2VKNX2MMDKWYKLMGR48UAWX40Q2P2LM0",
         "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBYNXlWdktOUWpDU3gwTEZWbklQdld3UkVYTVJZSEk2RzJDSk8zZENmRWRjCjNFME5wRmFucy9tMFdMV0Y3KzU0WkJkTmozaXFRcXByYUdERmlhUmt2QkEKLS0tIHNYdzMyN1lNVDEvVUxYZStaeVJNYk1ZMFoyam5XSEdnSTlqMXdlNnlROEEKrF0/NwblUHHTpgQgRpe5CQWVwvf1267oDXoBjChyBYrzznw="),
        ("scrypt_and_x25519", "header failure", "AGE-SECRET-KEY-143WN7DCXU4G8R5AXQSSYD9AEPYDNT3HXSLWSPK36CDU6E8M59SSSAGZ3KG",
         "YWdlLWVuY3J5cHRpb24ub3JnL3YxCi0+IFgyNTUxOSBhanRxQXZERWtWTnIyQjd6VU90cTJtQVFYRFNCbE5yVkF1TS9kS2I1c1Q0ClUraEtsSjRpc3dlSjlQS0c3cGdzY21HM2NQQVNMZ1R3N1NPQnBiWjh4MlUKLT4gc2NyeXB0IDNkOXkwRys4cTFmZlBRMHhKSmF0SVEgMTAKZm9ab2x4dWhSU0w3SUc3b2FSKzQ1Nkl6a0h0dnVlN2o0bVVqaDNEQjZFSQotLS0geXA0WjBsVjFMRWRrbTErdURDdVBVVis5aElYYlBLckJYS1EvZjVZMDNBcwoCVF5r9MYGHIk+jynszSwLcrHMRmyeBidjz/QRkoKem7hWtQ=="),
    ]

    static func identity(_ s: String) throws -> AgeIdentity {
        s.hasPrefix("AGE-SECRET-KEY-") ? try AgeX25519Identity(string: s) : AgeScryptIdentity(passphrase: s)
    }

    @Test func testkitVectors() throws {
        let payloadSHA256 = "013f54400c82da08037759ada907a8b864e97de81c088a182062c4b5622fd2ab"
        for v in Self.testkit {
            let file = try #require(Data(base64Encoded: v.file), "\(v.name)")
            let id = try Self.identity(v.identity)
            if v.expect == "success" {
                let plain = try AgeDecryptor.decrypt(file, identities: [id])
                #expect(SHA256.hash(data: plain).map { String(format: "%02x", $0) }.joined() == payloadSHA256, "\(v.name)")
                // The file key the suite used, from our header parser and unwrapping.
                var pos = 0
                let header = try AgeHeader.parse { _ in
                    guard let nl = file[pos...].firstIndex(of: 0x0A) else { return nil }
                    defer { pos = nl + 1 }
                    return ArraySlice(file[pos..<nl])
                }
                let key = try header.unwrap(with: [id])
                #expect(key.withUnsafeBytes { Data($0) } == Data("YELLOW SUBMARINE".utf8), "\(v.name)")
                // The streaming reader agrees.
                try withTemporaryDirectory { dir in
                    let input = dir.appendingPathComponent("in.age"), output = dir.appendingPathComponent("out")
                    try file.write(to: input)
                    try AgeDecryptor.decrypt(input: input, output: output, identities: [id])
                    #expect(try Data(contentsOf: output) == Data("age".utf8), "\(v.name)")
                }
            } else {
                #expect(throws: SchakelError.self, "\(v.name)") { _ = try AgeDecryptor.decrypt(file, identities: [id]) }
            }
        }
    }

    // MARK: - Round trips

    @Test func roundTripsInMemoryAndStreamingAtChunkBoundaries() throws {
        let a = AgeX25519Identity(), b = AgeX25519Identity()
        for size in Self.sizes + [16 * 64 * 1024, 16 * 64 * 1024 + 1, 33 * 64 * 1024 + 5] {
            let plain = Self.random(size)
            let file = try AgeEncryptor.encrypt(plain, to: [a.recipient, b.recipient])
            // Exact layout: header, 16-byte nonce, one tag per chunk (at least one chunk).
            let chunks = max(1, (size + 65535) / 65536)
            let headerLength = file.range(of: Data("\n--- ".utf8))!.upperBound + 44
            #expect(file.count == headerLength + 16 + size + 16 * chunks, "\(size)")
            #expect(try AgeDecryptor.decrypt(file, identities: [a]) == plain, "\(size)")
            #expect(try AgeDecryptor.decrypt(file, identities: [AgeX25519Identity(), b]) == plain, "\(size)")
            try withTemporaryDirectory { dir in
                let p = dir.appendingPathComponent("plain"), e = dir.appendingPathComponent("enc.age"), d = dir.appendingPathComponent("dec")
                try plain.write(to: p)
                try AgeEncryptor.encrypt(input: p, output: e, to: [a.recipient])
                try AgeDecryptor.decrypt(input: e, output: d, identities: [a])
                #expect(try Data(contentsOf: d) == plain, "\(size)")
                #expect(try AgeDecryptor.decrypt(Data(contentsOf: e), identities: [a]) == plain, "\(size)")
                try file.write(to: e)
                try AgeDecryptor.decrypt(input: e, output: d, identities: [b])
                #expect(try Data(contentsOf: d) == plain, "\(size)")
                // Output files are private.
                let mode = try FileManager.default.attributesOfItem(atPath: d.path)[.posixPermissions] as? Int
                #expect(mode == 0o600)
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["dec", "enc.age", "plain"])
            }
        }
    }

    @Test func incrementalWriterAndStreamingReader() throws {
        let id = AgeX25519Identity()
        let plain = Self.random(5 * 64 * 1024 + 12345)
        var file = Data()
        let writer = try AgeWriter(recipients: [id.recipient]) { file.append(contentsOf: $0) }
        var g = SystemRandomNumberGenerator()
        var i = 0
        while i < plain.count {
            let n = min(plain.count - i, [1, 7, 4096, 65535, 65536, 65537, 150_000].randomElement(using: &g)!)
            try writer.write(plain[i..<(i + n)])
            i += n
        }
        try writer.finish()
        #expect(throws: SchakelError.self) { try writer.write(Data([1])) }
        #expect(try AgeDecryptor.decrypt(file, identities: [id]) == plain)
        try withTemporaryDirectory { dir in
            let e = dir.appendingPathComponent("enc.age")
            try file.write(to: e)
            let handle = try FileHandle(forReadingFrom: e)
            defer { try? handle.close() }
            var collected = Data()
            try AgeDecryptor.decrypt(from: handle, identities: [id]) { collected.append(contentsOf: $0) }
            #expect(collected == plain)
        }
    }

    // MARK: - Interoperability with the age tool

    @Test func ourFilesDecryptWithAge() throws {
        guard AgeTool.require() else { return }
        let id = AgeX25519Identity(), other = AgeX25519Identity()
        try withTemporaryDirectory { dir in
            let keyFile = dir.appendingPathComponent("key.txt")
            try Data(id.keyFile().utf8).write(to: keyFile)
            for size in Self.sizes {
                let plain = Self.random(size)
                let enc = dir.appendingPathComponent("enc-\(size).age"), dec = dir.appendingPathComponent("dec-\(size)")
                // With a second recipient and a grease stanza, which age must skip.
                try AgeEncryptor.encrypt(plain, to: [other.recipient, id.recipient, GreaseRecipient()]).write(to: enc)
                let r = try AgeTool.run(AgeTool.age, ["-d", "-i", keyFile.path, "-o", dec.path, enc.path])
                #expect(r.status == 0, "age -d failed for \(size) bytes: \(r.output)")
                // age creates its output file on the first byte written: none for an empty payload.
                #expect(((try? Data(contentsOf: dec)) ?? Data()) == plain, "\(size)")
            }
        }
    }

    @Test func ageFilesDecryptWithUs() throws {
        guard AgeTool.require() else { return }
        let id = AgeX25519Identity()
        try withTemporaryDirectory { dir in
            for size in Self.sizes {
                let plain = Self.random(size)
                let p = dir.appendingPathComponent("plain-\(size)"), enc = dir.appendingPathComponent("enc-\(size).age")
                try plain.write(to: p)
                let r = try AgeTool.run(AgeTool.age, ["-r", id.recipient.string, "-r", AgeX25519Identity().recipient.string, "-o", enc.path, p.path])
                #expect(r.status == 0, "age -r failed: \(r.output)")
                #expect(try AgeDecryptor.decrypt(Data(contentsOf: enc), identities: [id]) == plain, "\(size)")
                let dec = dir.appendingPathComponent("dec-\(size)")
                try AgeDecryptor.decrypt(input: enc, output: dec, identities: [id])
                #expect(try Data(contentsOf: dec) == plain, "\(size)")
            }
        }
    }

    @Test func aKeyFromAgeKeygenWorksBothWays() throws {
        guard AgeTool.require() else { return }
        try withTemporaryDirectory { dir in
            let keyFile = dir.appendingPathComponent("key.txt")
            let gen = try AgeTool.run(AgeTool.keygen, ["-o", keyFile.path])
            #expect(gen.status == 0, "\(gen.output)")
            let ids = try AgeX25519Identity.loadKeyFile(keyFile)
            #expect(ids.count == 1)
            let publicKey = try AgeTool.run(AgeTool.keygen, ["-y", keyFile.path])
            #expect(publicKey.output.trimmingCharacters(in: .whitespacesAndNewlines) == ids[0].recipient.string)
            // Ours to age's key, decrypted by age.
            let plain = Self.random(70_000)
            let enc = dir.appendingPathComponent("ours.age"), dec = dir.appendingPathComponent("ours.dec")
            try AgeEncryptor.encrypt(plain, to: [ids[0].recipient]).write(to: enc)
            let r = try AgeTool.run(AgeTool.age, ["-d", "-i", keyFile.path, "-o", dec.path, enc.path])
            #expect(r.status == 0, "\(r.output)")
            #expect(try Data(contentsOf: dec) == plain)
            // age to the recipients in the key file (-R with the public key, -i for the identity).
            let p = dir.appendingPathComponent("plain"), theirs = dir.appendingPathComponent("theirs.age")
            try plain.write(to: p)
            let r2 = try AgeTool.run(AgeTool.age, ["-e", "-i", keyFile.path, "-o", theirs.path, p.path])
            #expect(r2.status == 0, "\(r2.output)")
            #expect(try AgeDecryptor.decrypt(Data(contentsOf: theirs), identities: ids) == plain)
        }
    }

    /// age reads passphrases only from the terminal: `script` gives it one (a pty).
    @Test func passphraseFilesInteroperateThroughATerminal() throws {
        guard AgeTool.require() else { return }
        guard FileManager.default.isExecutableFile(atPath: AgeTool.script) else {
            Issue.record("/usr/bin/script (util-linux) is needed to give age a terminal for its passphrase prompt")
            return
        }
        let passphrase = "paard batterij nietje \(Int.random(in: 1000...9999))"
        try withTemporaryDirectory { dir in
            let plain = Self.random(64 * 1024 + 1)
            let p = dir.appendingPathComponent("plain")
            try plain.write(to: p)
            // Ours, decrypted by age.
            let ours = dir.appendingPathComponent("ours.age"), oursDec = dir.appendingPathComponent("ours.dec")
            try AgeEncryptor.encrypt(input: p, output: ours, to: [AgeScryptRecipient(passphrase: passphrase, workFactor: 14)])
            let r = try AgeTool.run(AgeTool.script, ["-q", "-e", "-c", "\(AgeTool.age) -d -o '\(oursDec.path)' '\(ours.path)'", "/dev/null"],
                                    input: Data("\(passphrase)\n".utf8))
            #expect(r.status == 0, "age -d (passphrase) failed: \(r.output)")
            #expect((try? Data(contentsOf: oursDec)) == plain)
            // age's (work factor 18), decrypted by us.
            let theirs = dir.appendingPathComponent("theirs.age")
            let r2 = try AgeTool.run(AgeTool.script, ["-q", "-e", "-c", "\(AgeTool.age) -p -o '\(theirs.path)' '\(p.path)'", "/dev/null"],
                                     input: Data("\(passphrase)\n\(passphrase)\n".utf8))
            #expect(r2.status == 0, "age -p failed: \(r2.output)")
            let file = try Data(contentsOf: theirs)
            #expect(String(decoding: file.prefix(40), as: UTF8.self).contains("-> scrypt "))
            #expect(try AgeDecryptor.decrypt(file, identities: [AgeScryptIdentity(passphrase: passphrase)]) == plain)
            #expect(throws: AgeError.wrongPassphrase()) {
                _ = try AgeDecryptor.decrypt(file, identities: [AgeScryptIdentity(passphrase: passphrase + "!")])
            }
        }
    }

    // MARK: - Passphrases

    @Test func passphraseRules() throws {
        let recipient = try AgeScryptRecipient(passphrase: "geheim", workFactor: 10)
        let file = try AgeEncryptor.encrypt(Data("x".utf8), to: [recipient])
        #expect(String(decoding: file, as: UTF8.self).contains("-> scrypt "))
        #expect(try AgeDecryptor.decrypt(file, identities: [AgeScryptIdentity(passphrase: "geheim")]) == Data("x".utf8))
        #expect(throws: AgeError.wrongPassphrase()) { _ = try AgeDecryptor.decrypt(file, identities: [AgeScryptIdentity(passphrase: "Geheim")]) }
        #expect(throws: AgeError.needsPassphrase()) { _ = try AgeDecryptor.decrypt(file, identities: [AgeX25519Identity()]) }
        // Alone, or not at all.
        #expect(throws: AgeError.scryptNotAlone()) { _ = try AgeEncryptor.encrypt(Data(), to: [recipient, AgeX25519Identity().recipient]) }
        let id = AgeX25519Identity()
        let smuggled = try AgeEncryptor.encrypt(Data("x".utf8), to: [id.recipient, FixedRecipient(Self.scryptStanza(logN: "10"))])
        #expect(throws: AgeError.scryptNotAlone()) { _ = try AgeDecryptor.decrypt(smuggled, identities: [id]) }
        // Work factors: age's default, our limits, and refusal of absurd or non-canonical values.
        #expect(try AgeScryptRecipient(passphrase: "p").workFactor == 18)
        #expect(throws: AgeError.workFactor(max: 22)) { _ = try AgeScryptRecipient(passphrase: "p", workFactor: 23) }
        #expect(throws: AgeError.workFactor(max: 22)) { _ = try AgeScryptRecipient(passphrase: "p", workFactor: 9) }
        #expect(throws: AgeError.emptyPassphrase()) { _ = try AgeScryptRecipient(passphrase: "") }
        for logN in ["23", "64", "99", "4294967296"] {
            let f = try AgeEncryptor.encrypt(Data("x".utf8), to: [FixedRecipient(Self.scryptStanza(logN: logN))])
            #expect(throws: AgeError.workFactor(max: 22), "\(logN)") { _ = try AgeDecryptor.decrypt(f, identities: [AgeScryptIdentity(passphrase: "p")]) }
        }
        for logN in ["0", "010", "+10", "0x10", "-1", "1e1", "10a"] {
            let f = try AgeEncryptor.encrypt(Data("x".utf8), to: [FixedRecipient(Self.scryptStanza(logN: logN))])
            #expect(throws: AgeError.stanza(), "\(logN)") { _ = try AgeDecryptor.decrypt(f, identities: [AgeScryptIdentity(passphrase: "p")]) }
        }
        let lower = try AgeEncryptor.encrypt(Data("x".utf8), to: [FixedRecipient(Self.scryptStanza(logN: "21"))])
        #expect(throws: AgeError.workFactor(max: 20)) {
            _ = try AgeDecryptor.decrypt(lower, identities: [AgeScryptIdentity(passphrase: "p", maxWorkFactor: 20)])
        }
    }

    // MARK: - Tampering and malformed files

    @Test func everyFlippedByteIsRejected() throws {
        let id = AgeX25519Identity()
        let small = try AgeEncryptor.encrypt(Data("Vertrouwelijk overdrachtsbericht".utf8), to: [id.recipient])
        for i in 0..<small.count {
            for mask: UInt8 in [0x01, 0x80] {
                var bad = small
                bad[i] ^= mask
                #expect(throws: SchakelError.self, "byte \(i)") { _ = try AgeDecryptor.decrypt(bad, identities: [id]) }
            }
        }
        // A three-chunk file: bytes around every chunk boundary, and a sample elsewhere.
        let plain = Self.random(2 * 65536 + 100)
        let big = try AgeEncryptor.encrypt(plain, to: [id.recipient])
        let payloadStart = big.count - (plain.count + 3 * 16 + 16)  // the nonce, then three chunks
        var positions = Set([payloadStart - 1, payloadStart, payloadStart + 15, payloadStart + 16, big.count - 1, big.count - 17])
        for k in 1...2 { let b = payloadStart + 16 + k * 65552; positions.formUnion([b - 17, b - 16, b - 1, b, b + 1]) }
        for _ in 0..<40 { positions.insert(Int.random(in: 0..<big.count)) }
        try withTemporaryDirectory { dir in
            let input = dir.appendingPathComponent("bad.age"), output = dir.appendingPathComponent("out")
            for i in positions.sorted() {
                var bad = big
                bad[i] ^= 0x20
                #expect(throws: SchakelError.self, "byte \(i)") { _ = try AgeDecryptor.decrypt(bad, identities: [id]) }
                try bad.write(to: input)
                #expect(throws: SchakelError.self, "byte \(i)") { try AgeDecryptor.decrypt(input: input, output: output, identities: [id]) }
                // Nothing returned: no output, no temporary file.
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["bad.age"], "byte \(i)")
            }
        }
    }

    @Test func truncationIsRejected() throws {
        let id = AgeX25519Identity()
        let small = try AgeEncryptor.encrypt(Data("kort".utf8), to: [id.recipient])
        for n in 0..<small.count {
            #expect(throws: SchakelError.self, "\(n)") { _ = try AgeDecryptor.decrypt(small.prefix(n), identities: [id]) }
        }
        let big = try AgeEncryptor.encrypt(Self.random(2 * 65536 + 10), to: [id.recipient])
        let payloadStart = big.count - (2 * 65536 + 10 + 3 * 16 + 16)  // the nonce, then three chunks
        // Cut right after a whole chunk: the cleanest truncation still shows.
        for cut in [payloadStart + 16 + 65552, payloadStart + 16 + 2 * 65552] {
            #expect(throws: AgeError.truncated()) { _ = try AgeDecryptor.decrypt(big.prefix(cut), identities: [id]) }
            try withTemporaryDirectory { dir in
                let input = dir.appendingPathComponent("cut.age")
                try big.prefix(cut).write(to: input)
                #expect(throws: AgeError.truncated()) { try AgeDecryptor.decrypt(input: input, output: dir.appendingPathComponent("out"), identities: [id]) }
                #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["cut.age"])
            }
        }
        #expect(throws: AgeError.truncated()) { _ = try AgeDecryptor.decrypt(big.prefix(payloadStart + 16), identities: [id]) }
        #expect(throws: AgeError.truncated()) { _ = try AgeDecryptor.decrypt(big.prefix(payloadStart + 5), identities: [id]) }
        for cut in [payloadStart + 16 + 10, big.count - 1] {
            #expect(throws: SchakelError.self) { _ = try AgeDecryptor.decrypt(big.prefix(cut), identities: [id]) }
        }
    }

    @Test func chunkOrderEmptyLastChunkAndTrailingDataAreChecked() throws {
        let id = AgeX25519Identity()
        let c0 = Self.random(65536), c1 = Self.random(65536), c2 = Self.random(10)
        // Our crafted files are right when they say so.
        #expect(try AgeDecryptor.decrypt(Self.craft(id, [(c0, 0, false), (c1, 1, false), (c2, 2, true)]), identities: [id]) == c0 + c1 + c2)
        #expect(try AgeDecryptor.decrypt(Self.craft(id, [(Data(), 0, true)]), identities: [id]) == Data())
        #expect(try AgeDecryptor.decrypt(Self.craft(id, [(c0, 0, false), (c1, 1, true)]), identities: [id]) == c0 + c1)
        let bad: [(String, [(Data, UInt64, Bool)], SchakelError?)] = [
            ("swapped chunks", [(c1, 1, false), (c0, 0, false), (c2, 2, true)], AgeError.payload()),
            ("skipped counter", [(c0, 0, false), (c2, 2, true)], AgeError.payload()),
            ("empty last chunk", [(c0, 0, false), (Data(), 1, true)], AgeError.payload()),
            ("no last flag", [(c0, 0, false), (c2, 1, false)], AgeError.payload()),
            ("no last flag, full", [(c0, 0, false), (c1, 1, false)], AgeError.truncated()),
            ("two last chunks", [(c0, 0, true), (c2, 1, true)], AgeError.trailingData()),
            ("short middle chunk", [(c2, 0, false), (c1, 1, true)], nil),
            ("no chunks", [], AgeError.truncated()),
        ]
        for (name, chunks, error) in bad {
            let file = Self.craft(id, chunks)
            if let error {
                #expect(throws: error, "\(name)") { _ = try AgeDecryptor.decrypt(file, identities: [id]) }
            } else {
                #expect(throws: SchakelError.self, "\(name)") { _ = try AgeDecryptor.decrypt(file, identities: [id]) }
            }
        }
        // Trailing garbage after a real file.
        for plain in [Data("abc".utf8), Self.random(65536)] {
            let file = try AgeEncryptor.encrypt(plain, to: [id.recipient])
            for extra in [Data([0]), Data(count: 16), Self.random(65552), Self.random(70_000)] {
                #expect(throws: SchakelError.self) { _ = try AgeDecryptor.decrypt(file + extra, identities: [id]) }
            }
        }
    }

    @Test func theWrongKeyIsRefusedClearly() throws {
        let file = try AgeEncryptor.encrypt(Data("voor iemand anders".utf8), to: [AgeX25519Identity().recipient, AgeX25519Identity().recipient])
        do {
            _ = try AgeDecryptor.decrypt(file, identities: [AgeX25519Identity()])
            Issue.record("decrypted with the wrong key")
        } catch let e as SchakelError {
            #expect(e == AgeError.noMatch())
            #expect(e.message == L10n.t("age.error.noMatch"))
            #expect(e.kind == .notAllowed)
        }
        #expect(throws: AgeError.noIdentities()) { _ = try AgeDecryptor.decrypt(file, identities: []) }
        #expect(throws: AgeError.noRecipients()) { _ = try AgeEncryptor.encrypt(file, to: []) }
        #expect(throws: AgeError.invalidRecipient()) {
            _ = try AgeEncryptor.encrypt(file, to: [AgeX25519Recipient(rawRepresentation: Data(count: 32))])
        }
    }

    @Test func headerRules() throws {
        let id = AgeX25519Identity()
        func file(_ extra: [AgeRecipient]) throws -> Data { try AgeEncryptor.encrypt(Data("x".utf8), to: [id.recipient] + extra) }
        // Unknown stanzas are skipped, up to the limit.
        let grease = (0..<(AgeFormat.maxStanzas - 1)).map { _ in GreaseRecipient() as AgeRecipient }
        #expect(try AgeDecryptor.decrypt(file(grease), identities: [id]) == Data("x".utf8))
        #expect(throws: AgeError.tooManyStanzas()) { _ = try AgeDecryptor.decrypt(file(grease + [GreaseRecipient()]), identities: [id]) }
        // Bodies of every length around a line break encode and parse back.
        for n in [0, 1, 47, 48, 49, 95, 96, 97, 300] {
            let stanza = AgeStanza(type: "body-\(n)", arguments: ["a"], body: Self.random(n))
            let f = try file([FixedRecipient(stanza)])
            let text = String(decoding: f.prefix(f.range(of: Data("\n---".utf8))!.lowerBound), as: UTF8.self)
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            let start = lines.firstIndex { $0.hasPrefix("-> body-") }!
            let bodyLines = lines[(start + 1)...]
            #expect(bodyLines.dropLast().allSatisfy { $0.count == 64 } && bodyLines.last!.count < 64, "\(n)")
            #expect(try AgeDecryptor.decrypt(f, identities: [id]) == Data("x".utf8), "\(n)")
        }
        // A line over the limit.
        let long = try file([FixedRecipient(AgeStanza(type: "long", arguments: [String(repeating: "a", count: 9000)], body: Data()))])
        #expect(throws: AgeError.header()) { _ = try AgeDecryptor.decrypt(long, identities: [id]) }
        // Malformed stanzas of our own type refuse the file.
        for args in [[], ["AAAA"], [AgeBase64.encode(Data(count: 32)), "extra"]] {
            let f = try AgeEncryptor.encrypt(Data("x".utf8), to: [FixedRecipient(AgeStanza(type: "X25519", arguments: args, body: Data(count: 32))), id.recipient])
            #expect(throws: AgeError.stanza(), "\(args)") { _ = try AgeDecryptor.decrypt(f, identities: [id]) }
        }
        // Version line, foreign files, edits to the header text.
        let good = try file([])
        var text = String(decoding: good.prefix(good.range(of: Data("\n--- ".utf8))!.upperBound + 44), as: UTF8.self)
        let payload = good.dropFirst(text.utf8.count)
        func reject(_ header: String, _ error: SchakelError? = nil, _ note: String) {
            let f = Data(header.utf8) + payload
            if let error { #expect(throws: error, "\(note)") { _ = try AgeDecryptor.decrypt(f, identities: [id]) } }
            else { #expect(throws: SchakelError.self, "\(note)") { _ = try AgeDecryptor.decrypt(f, identities: [id]) } }
        }
        reject(text.replacingOccurrences(of: "age-encryption.org/v1", with: "age-encryption.org/v2"), AgeError.version(), "v2")
        reject(text.replacingOccurrences(of: "age-encryption.org/v1\n", with: "age-encryption.org/v1\r\n"), nil, "CRLF")
        reject(text.replacingOccurrences(of: "--- ", with: "---  "), AgeError.header(), "two spaces")
        reject(text.replacingOccurrences(of: "--- ", with: "---"), AgeError.header(), "no space")
        reject(text.replacingOccurrences(of: "\n---", with: "\n\n---"), nil, "blank line")
        reject(text.replacingOccurrences(of: "-> X25519", with: "->  X25519"), AgeError.header(), "empty argument")
        reject(text.replacingOccurrences(of: "-> X25519", with: "-> x25519"), AgeError.noMatch(), "lowercase type")
        text.removeLast()
        reject(text + " \n", AgeError.header(), "trailing space after MAC")
        #expect(throws: AgeError.notAge()) { _ = try AgeDecryptor.decrypt(Data(), identities: [id]) }
        #expect(throws: AgeError.notAge()) { _ = try AgeDecryptor.decrypt(Data("hello\n".utf8), identities: [id]) }
        #expect(throws: AgeError.armored()) {
            _ = try AgeDecryptor.decrypt(Data("-----BEGIN AGE ENCRYPTED FILE-----\nYWdl\n-----END AGE ENCRYPTED FILE-----\n".utf8), identities: [id])
        }
        #expect(throws: AgeError.header()) { _ = try AgeDecryptor.decrypt(Data("age-encryption.org/v1\n--- \(AgeBase64.encode(Data(count: 32)))\n".utf8), identities: [id]) }
        #expect(throws: AgeError.header()) { _ = try AgeDecryptor.decrypt(Data(String(repeating: "a", count: 100_000).utf8), identities: [id]) }
        #expect(throws: AgeError.truncated()) { _ = try AgeDecryptor.decrypt(Data("age-encryption.org/v1\n-> X25519 abc\n".utf8), identities: [id]) }
    }

    @Test func strictBase64() {
        for n in 0...70 {
            let d = Self.random(n)
            let s = AgeBase64.encode(d)
            #expect(!s.contains("=") && AgeBase64.decode(s) == d && s == d.base64EncodedString().replacingOccurrences(of: "=", with: ""))
        }
        for bad in ["QUF", "QUE=", "QUE\r", "Q", "QU E", "QU\nE", "Q-E", "QUFB=", "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAB"] {
            #expect(AgeBase64.decode(bad) == nil, "\(bad)")
        }
        #expect(AgeBase64.decode("QUE") == Data("AA".utf8) && AgeBase64.decode("") == Data())
    }

    /// Release-build throughput against age on the same bytes (median of 3). Opt in:
    /// `AGE_THROUGHPUT_MB=256 swift test -c release -Xswiftc -enable-testing --filter AgeTests/throughput`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["AGE_THROUGHPUT_MB"] != nil))
    func throughput() throws {
        let mb = Int(ProcessInfo.processInfo.environment["AGE_THROUGHPUT_MB"] ?? "") ?? 256
        let id = AgeX25519Identity()
        try withTemporaryDirectory { dir in
            let p = dir.appendingPathComponent("plain"), e = dir.appendingPathComponent("enc.age"), d = dir.appendingPathComponent("dec")
            let keyFile = dir.appendingPathComponent("key.txt")
            try Data(id.keyFile().utf8).write(to: keyFile)
            let block = Self.random(1 << 20)
            _ = FileManager.default.createFile(atPath: p.path, contents: nil)
            let h = try FileHandle(forWritingTo: p)
            for _ in 0..<mb { h.write(block) }
            try h.synchronize()
            try h.close()
            func rate(mib: Int = mb, _ body: () throws -> Void) rethrows -> String {
                var times: [Double] = []
                for _ in 0..<3 {
                    let t = DispatchTime.now().uptimeNanoseconds
                    try body()
                    times.append(Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9)
                }
                return String(format: "%.0f", Double(mib) / times.sorted()[1])
            }
            let null = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/null"))
            var report = "age-swift, \(mb) MiB, MiB/s (median of 3):\n"
            report += "  ours, file to file, fsync:    encrypt \(try rate { try AgeEncryptor.encrypt(input: p, output: e, to: [id.recipient]) }), "
            report += "decrypt \(try rate { try AgeDecryptor.decrypt(input: e, output: d, identities: [id]) })\n"
            #expect(FileManager.default.contentsEqual(atPath: p.path, andPath: d.path))
            report += "  ours, file to file, no fsync: encrypt \(try rate { try AgeEncryptor.encrypt(input: p, output: e, to: [id.recipient], durable: false) }), "
            report += "decrypt \(try rate { try AgeDecryptor.decrypt(input: e, output: d, identities: [id], durable: false) })\n"
            report += "  ours, file to /dev/null:      encrypt \(try rate { try AgeEncryptor.encrypt(from: FileHandle(forReadingFrom: p), to: null, recipients: [id.recipient]) }), "
            report += "decrypt \(try rate { try AgeDecryptor.decrypt(from: FileHandle(forReadingFrom: e), to: null, identities: [id]) })\n"
            if AgeTool.isInstalled {
                report += "  age \(AgeTool.version), file to file:   encrypt \(try rate { _ = try AgeTool.run(AgeTool.age, ["-r", id.recipient.string, "-o", e.path, p.path]) }), "
                report += "decrypt \(try rate { _ = try AgeTool.run(AgeTool.age, ["-d", "-i", keyFile.path, "-o", d.path, e.path]) })\n"
                #expect(FileManager.default.contentsEqual(atPath: p.path, andPath: d.path))
            }
            let memory = Self.random(64 << 20)
            var sealed = Data(), opened = Data()
            report += "  ours, in memory (64 MiB):     encrypt \(try rate(mib: 64) { sealed = try AgeEncryptor.encrypt(memory, to: [id.recipient]) }), "
            report += "decrypt \(try rate(mib: 64) { opened = try AgeDecryptor.decrypt(sealed, identities: [id]) })"
            #expect(opened == memory)
            print(report)
        }
    }

    // MARK: - Helpers

    static func random(_ n: Int) -> Data {
        var data = Data(count: n)
        var g = SystemRandomNumberGenerator()
        data.withUnsafeMutableBytes { raw in
            var i = 0
            while i + 8 <= n { raw.storeBytes(of: g.next(), toByteOffset: i, as: UInt64.self); i += 8 }
            while i < n { raw[i] = UInt8.random(in: 0...255, using: &g); i += 1 }
        }
        return data
    }

    static func scryptStanza(logN: String) -> AgeStanza {
        AgeStanza(type: "scrypt", arguments: [AgeBase64.encode(random(16)), logN], body: random(32))
    }

    /// A file with exactly the given chunks (plaintext, counter, last flag), sealed
    /// independently of the writer.
    static func craft(_ id: AgeX25519Identity, _ chunks: [(Data, UInt64, Bool)]) -> Data {
        let fileKey = SymmetricKey(size: SymmetricKeySize(bitCount: 128))
        var file = try! AgeHeader.encode([id.recipient.wrap(fileKey: fileKey)], fileKey: fileKey)
        let nonce = random(16)
        file += nonce
        let key = HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: nonce, info: Data("payload".utf8), outputByteCount: 32)
        for (plain, counter, last) in chunks {
            var n = Data(count: 12)
            for i in 0..<8 { n[3 + i] = UInt8(truncatingIfNeeded: counter >> (8 * (7 - UInt64(i)))) }
            n[11] = last ? 1 : 0
            let box = try! ChaChaPoly.seal(plain, using: key, nonce: ChaChaPoly.Nonce(data: n))
            file += box.ciphertext + box.tag
        }
        return file
    }

    func withTemporaryDirectory(_ body: (URL) throws -> Void) throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-age-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try body(dir)
    }
}

/// A recipient that writes a given stanza, for headers no honest writer makes.
struct FixedRecipient: AgeRecipient {
    let stanza: AgeStanza
    init(_ stanza: AgeStanza) { self.stanza = stanza }
    func wrap(fileKey: SymmetricKey) throws -> AgeStanza { stanza }
}

/// A random unknown stanza, like age's "grease": readers must skip it.
struct GreaseRecipient: AgeRecipient {
    func wrap(fileKey: SymmetricKey) throws -> AgeStanza {
        let n = Int.random(in: 0...3)
        return AgeStanza(type: "\(["x", "y", "z"].randomElement()!)-grease", arguments: (0..<n).map { _ in AgeBase64.encode(AgeTests.random(Int.random(in: 1...20))) },
                         body: AgeTests.random(Int.random(in: 0...100)))
    }
}

/// The real age tool, from the Debian package `age` (installed by `make test`).
enum AgeTool {
    static let age = "/usr/bin/age", keygen = "/usr/bin/age-keygen", script = "/usr/bin/script"

    static var version: String {
        ((try? run(age, ["--version"]).output) ?? "?").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    static var isInstalled: Bool {
        FileManager.default.isExecutableFile(atPath: age) && FileManager.default.isExecutableFile(atPath: keygen)
    }

    /// Interoperability is a requirement, so a missing tool fails the test instead of skipping it.
    static func require() -> Bool {
        if isInstalled { return true }
        Issue.record("The age tool is missing (\(age), \(keygen)): run `make test`, which installs the Debian package age.")
        return false
    }

    /// Runs a tool with `input` on stdin; stdout and stderr together in `output`.
    static func run(_ executable: String, _ arguments: [String], input: Data = Data()) throws -> (status: Int32, output: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: executable)
        p.arguments = arguments
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-age-log-\(UUID().uuidString)")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: log) }
        let logHandle = try FileHandle(forWritingTo: log)
        let stdin = Pipe()
        p.standardInput = stdin
        p.standardOutput = logHandle
        p.standardError = logHandle
        try p.run()
        stdin.fileHandleForWriting.write(input)
        try stdin.fileHandleForWriting.close()
        p.waitUntilExit()
        try logHandle.close()
        return (p.terminationStatus, String(decoding: (try? Data(contentsOf: log)) ?? Data(), as: UTF8.self))
    }
}
