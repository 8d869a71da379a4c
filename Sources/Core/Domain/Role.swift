import Foundation

/// The person who owns a store, set at `init`. The role decides panes and commands.
public enum Role: String, Codable, Sendable, CaseIterable {
    case zorgcoordinator, voorzitter, maatjescoordinator, beheerder

    public var label: String { L10n.t("role.\(rawValue)") }

    /// What a role may do. Reading case details is limited to those who coordinate or
    /// discuss cases; the beheerder (administrator) checks and audits, but does not read files.
    /// Throws the one refusal message (naming the role) when the role may not.
    public func require(_ capability: Capability) throws {
        guard may(capability) else { throw SchakelError(.notAllowed, L10n.t("error.roleNotAllowed", label)) }
    }

    public func may(_ capability: Capability) -> Bool {
        switch capability {
        case .readCases, .writeCases:
            return self == .zorgcoordinator || self == .voorzitter
        case .readCaseList:
            return self != .maatjescoordinator
        case .manageMaatjes:
            return self == .maatjescoordinator || self == .zorgcoordinator
        case .manageMeetings:
            return self == .voorzitter || self == .zorgcoordinator
        case .checkStore, .changePassphrase:
            return true
        case .audit:
            return self == .beheerder
        case .reports:
            // Anonymous figures and team figures: no case is read (issue 9).
            return self != .maatjescoordinator
        }
    }
}

public enum Capability: String, Sendable, CaseIterable {
    case readCaseList, readCases, writeCases, manageMaatjes, manageMeetings, checkStore, changePassphrase, audit, reports
}
