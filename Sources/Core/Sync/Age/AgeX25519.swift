import Foundation
import Crypto

private let x25519Label = Data("age-encryption.org/v1/X25519".utf8)

/// An age X25519 public key, written `age1…` (Bech32, lowercase).
public struct AgeX25519Recipient: AgeRecipient, Hashable, CustomStringConvertible {
    public let rawRepresentation: Data

    public init(rawRepresentation: Data) throws {
        guard rawRepresentation.count == 32 else { throw AgeError.invalidRecipient() }
        self.rawRepresentation = rawRepresentation
    }

    /// Parses `age1…`. Surrounding whitespace is allowed; uppercase is not (as in age).
    public init(string: String) throws {
        guard let (hrp, data) = try? Bech32.decode(string.trimmingCharacters(in: .whitespacesAndNewlines)),
              hrp == "age", data.count == 32 else { throw AgeError.invalidRecipient() }
        rawRepresentation = data
    }

    public var string: String { Bech32.encode(hrp: "age", data: rawRepresentation) }
    public var description: String { string }

    public func wrap(fileKey: SymmetricKey) throws -> AgeStanza {
        let ephemeral = Curve25519.KeyAgreement.PrivateKey()
        let share = ephemeral.publicKey.rawRepresentation
        guard let theirs = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: rawRepresentation),
              let secret = try? ephemeral.sharedSecretFromKeyAgreement(with: theirs),
              !secret.isAllZero else {
            // A low-order point: the shared secret would be known to anyone.
            throw AgeError.invalidRecipient()
        }
        let key = secret.hkdfDerivedSymmetricKey(using: SHA256.self, salt: share + rawRepresentation,
                                                 sharedInfo: x25519Label, outputByteCount: 32)
        return AgeStanza(type: "X25519", arguments: [AgeBase64.encode(share)],
                         body: try AgeFormat.wrapFileKey(fileKey, with: key))
    }
}

/// An age X25519 secret key, written `AGE-SECRET-KEY-1…` (Bech32, uppercase).
/// Deliberately not `CustomStringConvertible`: the secret must not end up in a log by accident.
public struct AgeX25519Identity: AgeIdentity {
    let privateKey: Curve25519.KeyAgreement.PrivateKey

    /// A new random key.
    public init() { privateKey = Curve25519.KeyAgreement.PrivateKey() }

    public init(rawRepresentation: Data) throws {
        guard rawRepresentation.count == 32,
              let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: rawRepresentation) else {
            throw AgeError.invalidIdentity()
        }
        privateKey = key
    }

    /// Parses one `AGE-SECRET-KEY-1…` line (uppercase only, as age writes and requires).
    public init(string: String) throws {
        guard let (hrp, data) = try? Bech32.decode(string.trimmingCharacters(in: .whitespacesAndNewlines)),
              hrp == "AGE-SECRET-KEY-", data.count == 32 else { throw AgeError.invalidIdentity() }
        try self.init(rawRepresentation: data)
    }

    /// All identities in an age key file (as `age-keygen` writes it): `#` lines and empty
    /// lines are skipped, every other line must be a secret key, at least one must be there.
    public static func parseKeyFile(_ text: String) throws -> [AgeX25519Identity] {
        var identities: [AgeX25519Identity] = []
        // By bytes: in a Swift String "\r\n" is one Character and would not split on "\n".
        for (n, rawLine) in text.utf8.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.last == UInt8(ascii: "\r") ? rawLine.dropLast() : rawLine[...]
            if line.isEmpty || line.first == UInt8(ascii: "#") { continue }
            guard let id = try? AgeX25519Identity(string: String(decoding: line, as: UTF8.self)) else { throw AgeError.keyFileLine(n + 1) }
            identities.append(id)
        }
        guard !identities.isEmpty else { throw AgeError.noIdentities() }
        return identities
    }

    public static func loadKeyFile(_ url: URL) throws -> [AgeX25519Identity] {
        guard let data = try? Data(contentsOf: url) else { throw AgeError.io() }
        return try parseKeyFile(String(decoding: data, as: UTF8.self))
    }

    public var rawRepresentation: Data { privateKey.rawRepresentation }

    /// The secret key as `AGE-SECRET-KEY-1…`. Handle with care.
    public var secretKeyString: String { Bech32.encode(hrp: "AGE-SECRET-KEY-", data: privateKey.rawRepresentation) }

    public var recipient: AgeX25519Recipient {
        try! AgeX25519Recipient(rawRepresentation: privateKey.publicKey.rawRepresentation)
    }

    /// A key file in the layout of `age-keygen`, readable by `age -i`.
    public func keyFile(created: Date = Date()) -> String {
        let stamp = ISO8601DateFormatter().string(from: created)
        return "# created: \(stamp)\n# public key: \(recipient.string)\n\(secretKeyString)\n"
    }

    public func unwrap(_ stanza: AgeStanza) throws -> SymmetricKey? {
        guard stanza.type == "X25519" else { return nil }
        // Our type but malformed: refuse the file rather than skip the stanza.
        guard stanza.arguments.count == 1, let share = AgeBase64.decode(stanza.arguments[0]), share.count == 32,
              stanza.body.count == AgeFormat.fileKeySize + AgeFormat.tagSize,
              let theirs = try? Curve25519.KeyAgreement.PublicKey(rawRepresentation: share),
              let secret = try? privateKey.sharedSecretFromKeyAgreement(with: theirs),
              !secret.isAllZero else {
            throw AgeError.stanza()
        }
        let ours = privateKey.publicKey.rawRepresentation
        let key = secret.hkdfDerivedSymmetricKey(using: SHA256.self, salt: share + ours,
                                                 sharedInfo: x25519Label, outputByteCount: 32)
        return AgeFormat.unwrapFileKey(stanza.body, with: key)
    }
}

extension SharedSecret {
    /// Constant-time check for the all-zero secret of a low-order point.
    var isAllZero: Bool {
        withUnsafeBytes { bytes in bytes.reduce(UInt8(0)) { $0 | $1 } == 0 }
    }
}
