import Foundation

/// Errors a coordinator can read. `message` is a whole sentence in the UI language,
/// never containing personal data (it may end up on a projector or in a log).
public struct SchakelError: Error, CustomStringConvertible, Equatable, Sendable {
    public enum Kind: String, Sendable {
        case wrongPassphrase, storeLocked, storeMissing, storeExists, storeCorrupt, newerSchema
        case validation, notFound, notAllowed, io, weakPassphrase, integrity
    }
    public let kind: Kind
    public let message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}
