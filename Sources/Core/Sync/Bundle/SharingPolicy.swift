import Foundation
import GRDB

/// Which cases a peer receives. By default a case goes to the devices of its coordinator and
/// backup coordinator; a policy can add cases (or all of them, for a team lead's laptop) and
/// can leave out field groups. Whatever the policy says, a case whose client withdrew a
/// consent is no longer shared, and a secret address never leaves (`SharingGuard`).
public struct SharingPolicy: Codable, Equatable, Sendable {
    /// Every case, not only those the peer's user coordinates or backs up.
    public var allCases: Bool
    /// The default: the cases the peer's user coordinates or backs up. Off for a device that
    /// should only receive the cases listed (a colleague helping out on one case).
    public var byRole: Bool
    /// Cases shared on top of the default.
    public var extraCases: Set<UUID>
    /// Field groups (`kind.group`) never sent to this peer.
    public var withheldGroups: Set<String>

    public init(allCases: Bool = false, byRole: Bool = true, extraCases: Set<UUID> = [], withheldGroups: Set<String> = []) {
        self.allCases = allCases; self.byRole = byRole; self.extraCases = extraCases; self.withheldGroups = withheldGroups
    }

    public static let standard = SharingPolicy()

    /// Store-level records every peer receives: colleagues, organisations, meetings, buddies,
    /// absences, and the sync's own knowledge records. Intake drafts stay on their device.
    static func sharesStoreRecord(kind: String) -> Bool {
        kind != EntityKind.intakeDraft.rawValue
    }

    /// Whether the case goes to a peer whose user is `peerUser`.
    public func sharesCase(_ summary: CaseSummary, file: () throws -> CaseFile, peerUser: UUID?) rethrows -> Bool {
        try sharesCase(CaseRoles(summary), file: file, peerUser: peerUser)
    }

    func sharesCase(_ roles: CaseRoles, file: () throws -> CaseFile, peerUser: UUID?) rethrows -> Bool {
        guard coversCase(roles, peerUser: peerUser) else { return false }
        return !Self.consentWithdrawn(try file())
    }

    /// The case is the peer's by role or by this policy (consent aside).
    func coversCase(_ roles: CaseRoles, peerUser: UUID?) -> Bool {
        let byRole = self.byRole && peerUser != nil && (roles.coordinator == peerUser || roles.backup == peerUser)
        return allCases || byRole || extraCases.contains(roles.id)
    }

    /// A withdrawn consent that no later consent for the same purpose replaced.
    public static func consentWithdrawn(_ file: CaseFile) -> Bool {
        let consents = Array(file.consents.values)
        return consents.contains { c in
            guard let withdrawn = c.withdrawnOn else { return false }
            return !consents.contains { $0.isActive && $0.purpose == c.purpose && $0.givenOn >= withdrawn }
        }
    }

    /// Groups every shared case carries (a case without them cannot be listed).
    public static let essentialGroups: Set<String> = [CaseOpening.key, CasePhase.key, CaseCoordination.key, ClientIdentity.key]

    /// Whether one field group of a shared case may go.
    func sharesGroup(_ key: String, of file: CaseFile) -> Bool {
        if withheldGroups.contains(key) && !Self.essentialGroups.contains(key) { return false }
        // A secret address: the contact group holds it, so the whole event stays home.
        if key == "\(EntityKind.client.rawValue).\(ClientContact.group)" && !SharingGuard.blockedPaths(file).isEmpty { return false }
        return true
    }
}

/// What a sharing policy reads of a case: who holds it. The case index keeps these in the
/// clear, so an export decides without decrypting every summary.
struct CaseRoles {
    var id: UUID
    var coordinator: UUID
    var backup: UUID?

    init(_ summary: CaseSummary) { id = summary.id; coordinator = summary.coordinator; backup = summary.backup }
    init(id: UUID, coordinator: UUID, backup: UUID?) { self.id = id; self.coordinator = coordinator; self.backup = backup }

    static func all(_ db: Database) throws -> [CaseRoles] {
        // As `summaries`: only cases whose key this store holds.
        try Row.fetchAll(db, sql: "SELECT ci.case_id, ci.coordinator, ci.backup FROM case_index ci JOIN case_key ck ON ck.case_id = ci.case_id").compactMap { row in
            guard let id = UUID(data: row[0]), let coordinator = UUID(data: row[1]) else { return nil }
            return CaseRoles(id: id, coordinator: coordinator, backup: (row[2] as Data?).flatMap(UUID.init(data:)))
        }
    }
}
