import Foundation

/// Errors a coordinator can read. `message` is a whole sentence in the UI language,
/// never containing personal data (it may end up on a projector or in a log).
public struct SchakelError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case wrongPassphrase, storeLocked, storeMissing, storeExists, storeCorrupt, newerSchema
        case validation, notFound, notAllowed, io, weakPassphrase, integrity
        /// Too many wrong passphrases in a row: the next attempt must wait (`retryAfter` seconds).
        case throttled
    }
    public let kind: Kind
    public let message: String
    /// For `.throttled`: whole seconds until the next attempt is checked.
    public var retryAfter: Int?

    public init(_ kind: Kind, _ message: String, retryAfter: Int? = nil) {
        self.kind = kind
        self.message = message
        self.retryAfter = retryAfter
    }

    public var description: String { message }
}
