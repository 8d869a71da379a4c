import Foundation
import Crypto
import _CryptoExtras

private let scryptLabel = Data("age-encryption.org/v1/scrypt".utf8)

public enum AgeScrypt {
    /// age's default cost: 2^18 (about a second, 256 MiB of memory).
    public static let defaultWorkFactor = 18
    /// Highest cost we accept (2^22: 4 GiB of memory); more is a denial of service by the file.
    public static let maxWorkFactor = 22
    /// Lowest cost we write; reading accepts any work factor from 1, as age does.
    public static let minEncryptWorkFactor = 10

    static func key(passphrase: String, salt: Data, logN: Int) throws -> SymmetricKey {
        do {
            return try KDF.Scrypt.deriveKey(from: Array(passphrase.utf8), salt: scryptLabel + salt, outputByteCount: 32,
                                            rounds: 1 << logN, blockSize: 8, parallelism: 1)
        } catch {
            throw AgeError.workFactor(max: maxWorkFactor)
        }
    }
}

/// Encrypts to a passphrase (age `scrypt` stanza). Must be the file's only recipient.
public struct AgeScryptRecipient: AgeRecipient {
    let passphrase: String
    public let workFactor: Int
    public var mustBeAlone: Bool { true }

    /// `workFactor` is log2 of scrypt's N; age's default is 18, we accept 10...22.
    public init(passphrase: String, workFactor: Int = AgeScrypt.defaultWorkFactor) throws {
        guard !passphrase.isEmpty else { throw AgeError.emptyPassphrase() }
        guard (AgeScrypt.minEncryptWorkFactor...AgeScrypt.maxWorkFactor).contains(workFactor) else {
            throw AgeError.workFactor(max: AgeScrypt.maxWorkFactor)
        }
        self.passphrase = passphrase
        self.workFactor = workFactor
    }

    public func wrap(fileKey: SymmetricKey) throws -> AgeStanza {
        let salt = Data.random(count: 16)
        let key = try AgeScrypt.key(passphrase: passphrase, salt: salt, logN: workFactor)
        return AgeStanza(type: "scrypt", arguments: [AgeBase64.encode(salt), String(workFactor)],
                         body: try AgeFormat.wrapFileKey(fileKey, with: key))
    }
}

/// Decrypts a passphrase-encrypted file.
public struct AgeScryptIdentity: AgeIdentity {
    let passphrase: String
    public let maxWorkFactor: Int
    public var isPassphrase: Bool { true }

    public init(passphrase: String, maxWorkFactor: Int = AgeScrypt.maxWorkFactor) {
        self.passphrase = passphrase
        self.maxWorkFactor = min(maxWorkFactor, AgeScrypt.maxWorkFactor)
    }

    public func unwrap(_ stanza: AgeStanza) throws -> SymmetricKey? {
        guard stanza.type == "scrypt" else { return nil }
        guard stanza.arguments.count == 2, let salt = AgeBase64.decode(stanza.arguments[0]), salt.count == 16,
              stanza.body.count == AgeFormat.fileKeySize + AgeFormat.tagSize else {
            throw AgeError.stanza()
        }
        // Decimal without sign or leading zero, as age requires ("010", "+10", "0x10" are refused).
        let digits = Array(stanza.arguments[1].utf8)
        guard let first = digits.first, (UInt8(ascii: "1")...UInt8(ascii: "9")).contains(first),
              digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw AgeError.stanza()
        }
        guard digits.count <= 2, let logN = Int(stanza.arguments[1]), logN <= maxWorkFactor else {
            throw AgeError.workFactor(max: maxWorkFactor)
        }
        let key = try AgeScrypt.key(passphrase: passphrase, salt: salt, logN: logN)
        return AgeFormat.unwrapFileKey(stanza.body, with: key)
    }
}
