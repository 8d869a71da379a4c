import Foundation

/// What one store tells another so that bundles can be exchanged: who (name, function,
/// organisation), which device, its public keys (X25519 as an age recipient for
/// encryption, Ed25519 for signatures) and the fingerprint in words. Plain text that
/// survives mail and chat; signed with the device's signing key, so the keys and the
/// name belong together. Only the fingerprint, compared by phone, makes it trusted.
public struct ContactCard: Equatable, Sendable, Codable {
    public static let header = "Schakel-contactkaart 1"
    static let maxBytes = 4096

    public var name: String
    public var function: String
    public var organisation: String
    public var deviceID: UUID
    /// Raw X25519 public key (32 bytes).
    public var agreementKey: Data
    /// Raw Ed25519 public key (32 bytes).
    public var signingKey: Data
    /// Ed25519 signature over `signedBytes`.
    public var signature: Data

    public var recipient: AgeX25519Recipient { get throws { try AgeX25519Recipient(rawRepresentation: agreementKey) } }
    public var fingerprint: String { FingerprintWords.words(deviceID: deviceID, agreementKey: agreementKey, signingKey: signingKey) }

    var signedBytes: Data {
        var w = ByteWriter()
        w.string(Self.header)
        w.string(name); w.string(function); w.string(organisation)
        w.uuid(deviceID); w.bytes(agreementKey); w.bytes(signingKey)
        return w.data
    }

    public var isSignatureValid: Bool {
        DeviceSigner.verify(signature: signature, message: signedBytes, publicKey: signingKey)
    }

    /// The card as text (Dutch field names: the cards go between Dutch colleagues).
    public var text: String {
        let recipientText = (try? recipient.string) ?? ""
        return [
            Self.header,
            "naam: \(name)",
            "functie: \(function)",
            "organisatie: \(organisation)",
            "apparaat: \(deviceID.uuidString)",
            "versleutelen: \(recipientText)",
            "ondertekenen: \(signingKey.base64EncodedString())",
            "vingerafdruk: \(fingerprint)",
            "handtekening: \(signature.base64EncodedString())",
        ].joined(separator: "\n") + "\n"
    }

    /// Reads a card strictly: every field once, nothing unknown, keys of the right size, a
    /// valid signature, and a fingerprint line that matches the keys. Never echoes the input.
    public static func parse(_ raw: String) throws -> ContactCard {
        func bad(_ reason: String) -> SchakelError { SchakelError(.validation, L10n.t("card.error.\(reason)")) }
        guard raw.utf8.count <= maxBytes else { throw bad("tooLong") }
        var lines = raw.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: true)
            .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty && !$0.hasPrefix("#") }
        guard lines.first == header else { throw bad("header") }
        lines.removeFirst()
        var fields: [String: String] = [:]
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { throw bad("format") }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            guard ["naam", "functie", "organisatie", "apparaat", "versleutelen", "ondertekenen", "vingerafdruk", "handtekening"].contains(key),
                  fields[key] == nil else { throw bad("format") }
            fields[key] = value
        }
        func need(_ key: String) throws -> String {
            guard let v = fields[key], !v.isEmpty else { throw bad("missing") }
            return v
        }
        let name = try Validation.line(try need("naam"), field: "name", required: true, max: 120)
        let function = try Validation.line(fields["functie"] ?? "", field: "function", max: 120)
        let organisation = try Validation.line(fields["organisatie"] ?? "", field: "organisation", max: 120)
        guard let deviceID = UUID(uuidString: try need("apparaat")) else { throw bad("keys") }
        guard let recipient = try? AgeX25519Recipient(string: try need("versleutelen")),
              let signingKey = Data(base64Encoded: try need("ondertekenen")), signingKey.count == 32,
              let signature = Data(base64Encoded: try need("handtekening")), signature.count == 64 else { throw bad("keys") }
        let card = ContactCard(name: name, function: function, organisation: organisation, deviceID: deviceID,
                               agreementKey: recipient.rawRepresentation, signingKey: signingKey, signature: signature)
        guard card.isSignatureValid else { throw bad("signature") }
        if let shown = fields["vingerafdruk"], FingerprintWords.normalised(shown) != card.fingerprint { throw bad("fingerprint") }
        return card
    }
}
