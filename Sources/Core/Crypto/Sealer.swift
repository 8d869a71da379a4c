import Foundation
import Crypto

/// Authenticated encryption (ChaCha20-Poly1305) with a context string bound in as
/// associated data, so a sealed value cannot be moved to another row, column or case.
public struct Sealer: Sendable {
    let key: SymmetricKey

    public init(key: SymmetricKey) { self.key = key }

    public func seal(_ plaintext: Data, context: String) -> Data {
        // ChaChaPoly.seal only throws for invalid nonce sizes; ours are generated.
        try! ChaChaPoly.seal(plaintext, using: key, authenticating: Data(context.utf8)).combined
    }

    public func open(_ sealed: Data, context: String) throws -> Data {
        do {
            let box = try ChaChaPoly.SealedBox(combined: sealed)
            return try ChaChaPoly.open(box, using: key, authenticating: Data(context.utf8))
        } catch {
            throw SchakelError(.integrity, L10n.t("error.decrypt"))
        }
    }

    /// A subkey for one purpose, so one key is never used for two jobs.
    public func derived(_ purpose: String) -> Sealer {
        Sealer(key: Self.derive(from: key, purpose: purpose))
    }

    public static func derive(from key: SymmetricKey, purpose: String) -> SymmetricKey {
        HKDF<SHA256>.deriveKey(inputKeyMaterial: key, info: Data("schakel/\(purpose)".utf8), outputByteCount: 32)
    }

    public static func randomKey() -> SymmetricKey { SymmetricKey(size: .bits256) }
}

extension SymmetricKey {
    var rawData: Data { withUnsafeBytes { Data($0) } }
}

extension Data {
    /// Bytes from the system's cryptographically secure generator.
    public static func random(count: Int) -> Data {
        var g = SystemRandomNumberGenerator()
        return Data((0..<count).map { _ in UInt8.random(in: 0...255, using: &g) })
    }
}
