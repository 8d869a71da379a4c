import Foundation
import Crypto

/// One recipient stanza of an age header: `-> type arg…` and a binary body.
public struct AgeStanza: Equatable, Sendable {
    public var type: String
    public var arguments: [String]
    public var body: Data

    public init(type: String, arguments: [String], body: Data) {
        self.type = type; self.arguments = arguments; self.body = body
    }
}

/// Wraps a file key for one recipient (age "recipient").
public protocol AgeRecipient: Sendable {
    func wrap(fileKey: SymmetricKey) throws -> AgeStanza
    /// True for recipients that must be the only stanza of a file (scrypt).
    var mustBeAlone: Bool { get }
}

extension AgeRecipient {
    public var mustBeAlone: Bool { false }
}

/// Unwraps a file key (age "identity").
public protocol AgeIdentity: Sendable {
    /// The file key when `stanza` is addressed to this identity; nil when it is not
    /// (another stanza type, another key, a wrong passphrase). Throws when the stanza
    /// has this identity's type but is malformed: such a file is refused outright.
    func unwrap(_ stanza: AgeStanza) throws -> SymmetricKey?
    /// True for passphrase identities, to word "no match" as "wrong passphrase".
    var isPassphrase: Bool { get }
}

extension AgeIdentity {
    public var isPassphrase: Bool { false }
}

/// Constants and limits of the age v1 format (https://age-encryption.org/v1).
public enum AgeFormat {
    static let versionLine = Array("age-encryption.org/v1".utf8)
    static let versionPrefix = Array("age-encryption.org/".utf8)
    static let armorLine = Array("-----BEGIN AGE ENCRYPTED FILE-----".utf8)
    static let fileKeySize = 16
    static let nonceSize = 16
    static let tagSize = 16
    public static let chunkSize = 64 * 1024
    static let sealedChunkSize = chunkSize + tagSize
    static let bodyBytesPerLine = 48
    static let bodyColumns = 64
    /// Refusals of absurd headers, far above what any real age file holds.
    public static let maxStanzas = 64
    static let maxLineLength = 8 * 1024
    static let maxHeaderSize = 1 << 20

    static func randomFileKey() -> SymmetricKey { SymmetricKey(size: SymmetricKeySize(bitCount: fileKeySize * 8)) }

    static func headerMACKey(_ fileKey: SymmetricKey) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: fileKey, salt: Data(), info: Data("header".utf8), outputByteCount: 32)
    }

    /// Wraps a 16-byte file key under a 32-byte key, ChaCha20-Poly1305 with a zero nonce
    /// (safe: every wrapping key is used exactly once).
    static func wrapFileKey(_ fileKey: SymmetricKey, with key: SymmetricKey) throws -> Data {
        let nonce = try ChaChaPoly.Nonce(data: Data(count: 12))
        let box = try fileKey.withUnsafeBytes { try ChaChaPoly.seal($0, using: key, nonce: nonce) }
        return box.ciphertext + box.tag
    }

    /// nil when the body does not open under `key` (not ours); the caller checks its size first.
    static func unwrapFileKey(_ body: Data, with key: SymmetricKey) -> SymmetricKey? {
        guard body.count == fileKeySize + tagSize,
              let nonce = try? ChaChaPoly.Nonce(data: Data(count: 12)),
              let box = try? ChaChaPoly.SealedBox(nonce: nonce, ciphertext: body.prefix(fileKeySize), tag: body.suffix(tagSize)),
              let key = try? ChaChaPoly.open(box, using: key) else { return nil }
        return SymmetricKey(data: key)
    }
}

/// The failures, each a generic sentence that never repeats file content.
enum AgeError {
    static func header() -> SchakelError { SchakelError(.integrity, L10n.t("age.error.header")) }
    static func notAge() -> SchakelError { SchakelError(.validation, L10n.t("age.error.notAge")) }
    static func version() -> SchakelError { SchakelError(.validation, L10n.t("age.error.version")) }
    static func armored() -> SchakelError { SchakelError(.validation, L10n.t("age.error.armored")) }
    static func stanza() -> SchakelError { SchakelError(.integrity, L10n.t("age.error.stanza")) }
    static func tooManyStanzas() -> SchakelError { SchakelError(.integrity, L10n.t("age.error.tooManyStanzas", AgeFormat.maxStanzas)) }
    static func headerMAC() -> SchakelError { SchakelError(.integrity, L10n.t("age.error.headerMac")) }
    static func payload() -> SchakelError { SchakelError(.integrity, L10n.t("age.error.payload")) }
    static func truncated() -> SchakelError { SchakelError(.integrity, L10n.t("age.error.truncated")) }
    static func trailingData() -> SchakelError { SchakelError(.integrity, L10n.t("age.error.trailingData")) }
    static func noMatch() -> SchakelError { SchakelError(.notAllowed, L10n.t("age.error.noMatch")) }
    static func wrongPassphrase() -> SchakelError { SchakelError(.wrongPassphrase, L10n.t("age.error.wrongPassphrase")) }
    static func needsPassphrase() -> SchakelError { SchakelError(.notAllowed, L10n.t("age.error.needsPassphrase")) }
    static func scryptNotAlone() -> SchakelError { SchakelError(.validation, L10n.t("age.error.scryptNotAlone")) }
    static func workFactor(max: Int) -> SchakelError { SchakelError(.validation, L10n.t("age.error.workFactor", max)) }
    static func emptyPassphrase() -> SchakelError { SchakelError(.weakPassphrase, L10n.t("age.error.emptyPassphrase")) }
    static func noRecipients() -> SchakelError { SchakelError(.validation, L10n.t("age.error.noRecipients")) }
    static func noIdentities() -> SchakelError { SchakelError(.validation, L10n.t("age.error.noIdentities")) }
    static func invalidRecipient() -> SchakelError { SchakelError(.validation, L10n.t("age.error.invalidRecipient")) }
    static func invalidIdentity() -> SchakelError { SchakelError(.validation, L10n.t("age.error.invalidIdentity")) }
    static func keyFileLine(_ line: Int) -> SchakelError { SchakelError(.validation, L10n.t("age.error.keyFileLine", line)) }
    static func io() -> SchakelError { SchakelError(.io, L10n.t("age.error.io")) }
    static func writerFinished() -> SchakelError { SchakelError(.validation, L10n.t("age.error.writerFinished")) }
}

/// A parsed header: the stanzas, the MAC, and the exact bytes the MAC covers.
struct AgeHeader {
    var stanzas: [AgeStanza]
    var mac: Data
    /// From the version line up to and including `---`.
    var macInput: Data

    // MARK: writing

    static func stanzaBytes(_ stanza: AgeStanza) -> [UInt8] {
        var out = Array("->".utf8)
        for arg in [stanza.type] + stanza.arguments {
            out.append(UInt8(ascii: " "))
            out += Array(arg.utf8)
        }
        out.append(UInt8(ascii: "\n"))
        let encoded = Array(AgeBase64.encode(stanza.body).utf8)
        var i = 0
        // Full 64-column lines, then one shorter (possibly empty) line that ends the body.
        while encoded.count - i >= AgeFormat.bodyColumns {
            out += encoded[i..<(i + AgeFormat.bodyColumns)]
            out.append(UInt8(ascii: "\n"))
            i += AgeFormat.bodyColumns
        }
        out += encoded[i...]
        out.append(UInt8(ascii: "\n"))
        return out
    }

    static func isValidArgument(_ s: String) -> Bool {
        !s.isEmpty && s.utf8.allSatisfy { (33...126).contains($0) }
    }

    /// The whole header, MAC line included, for `stanzas` under `fileKey`.
    static func encode(_ stanzas: [AgeStanza], fileKey: SymmetricKey) throws -> Data {
        var bytes = AgeFormat.versionLine + [UInt8(ascii: "\n")]
        for s in stanzas {
            guard isValidArgument(s.type), s.arguments.allSatisfy(isValidArgument) else { throw AgeError.stanza() }
            bytes += stanzaBytes(s)
        }
        bytes += Array("---".utf8)
        let mac = HMAC<SHA256>.authenticationCode(for: bytes, using: AgeFormat.headerMACKey(fileKey))
        bytes += Array((" " + AgeBase64.encode(Data(mac)) + "\n").utf8)
        return Data(bytes)
    }

    // MARK: reading

    /// Parses strictly. `nextLine(max)` returns the next line without its `\n`, nil at
    /// the end of input before a `\n`, and throws when a line is longer than `max`.
    static func parse(nextLine: (Int) throws -> ArraySlice<UInt8>?) throws -> AgeHeader {
        var raw: [UInt8] = []
        func line() throws -> ArraySlice<UInt8> {
            guard let l = try nextLine(AgeFormat.maxLineLength) else { throw AgeError.truncated() }
            if raw.count + l.count + 1 > AgeFormat.maxHeaderSize { throw AgeError.header() }
            return l
        }
        guard let first = try nextLine(AgeFormat.maxLineLength) else { throw AgeError.notAge() }
        if first.elementsEqual(AgeFormat.armorLine) { throw AgeError.armored() }
        if !first.elementsEqual(AgeFormat.versionLine) {
            throw first.starts(with: AgeFormat.versionPrefix) ? AgeError.version() : AgeError.notAge()
        }
        raw += first; raw.append(UInt8(ascii: "\n"))

        var stanzas: [AgeStanza] = []
        while true {
            let l = try line()
            if l.starts(with: [UInt8(ascii: "-"), UInt8(ascii: "-"), UInt8(ascii: "-")]) {
                // "--- " and the MAC, canonical base64 of exactly 32 bytes, nothing else.
                let rest = l.dropFirst(3)
                guard rest.first == UInt8(ascii: " "), let mac = AgeBase64.decode(rest.dropFirst()), mac.count == 32 else {
                    throw AgeError.header()
                }
                guard !stanzas.isEmpty else { throw AgeError.header() }
                raw += Array("---".utf8)
                return AgeHeader(stanzas: stanzas, mac: mac, macInput: Data(raw))
            }
            guard stanzas.count < AgeFormat.maxStanzas else { throw AgeError.tooManyStanzas() }
            guard l.starts(with: [UInt8(ascii: "-"), UInt8(ascii: ">"), UInt8(ascii: " ")]) else { throw AgeError.header() }
            let parts = l.dropFirst(3).split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false)
            guard !parts.isEmpty, parts.allSatisfy({ !$0.isEmpty && $0.allSatisfy { (33...126).contains($0) } }) else {
                throw AgeError.header()
            }
            raw += l; raw.append(UInt8(ascii: "\n"))
            var body = Data()
            while true {
                let b = try line()
                guard b.count <= AgeFormat.bodyColumns, let decoded = AgeBase64.decode(b) else { throw AgeError.header() }
                raw += b; raw.append(UInt8(ascii: "\n"))
                body += decoded
                if b.count < AgeFormat.bodyColumns { break }
            }
            let strings = parts.map { String(decoding: $0, as: UTF8.self) }
            stanzas.append(AgeStanza(type: strings[0], arguments: Array(strings.dropFirst()), body: body))
        }
    }

    /// The file key from the first stanza one of `identities` opens; the MAC is checked here too.
    func unwrap(with identities: [AgeIdentity]) throws -> SymmetricKey {
        guard !identities.isEmpty else { throw AgeError.noIdentities() }
        // A passphrase-encrypted file has exactly one stanza, else anyone could add a
        // recipient to it without the passphrase being noticed as missing.
        if stanzas.contains(where: { $0.type == "scrypt" }) && stanzas.count != 1 { throw AgeError.scryptNotAlone() }
        for identity in identities {
            for stanza in stanzas {
                guard let fileKey = try identity.unwrap(stanza) else { continue }
                guard fileKey.bitCount == AgeFormat.fileKeySize * 8,
                      HMAC<SHA256>.isValidAuthenticationCode(mac, authenticating: macInput, using: AgeFormat.headerMACKey(fileKey)) else {
                    throw AgeError.headerMAC()
                }
                return fileKey
            }
        }
        if stanzas.count == 1, stanzas[0].type == "scrypt" {
            throw identities.contains(where: \.isPassphrase) ? AgeError.wrongPassphrase() : AgeError.needsPassphrase()
        }
        throw AgeError.noMatch()
    }
}
