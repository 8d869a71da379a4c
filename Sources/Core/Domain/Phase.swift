import Foundation

/// Where a case is in the coordinator's workflow (DOMAIN.md §2).
public enum Phase: String, Codable, Sendable, CaseIterable {
    case signaal, aanmelding, intake, bedenktijd, traject, nazorg, afgesloten

    /// Allowed next phases. Forward steps, skipping bedenktijd (it applies only to people
    /// without lawful residence), relapse from nazorg to traject, closure from anywhere,
    /// and reopening a closed case.
    public var next: [Phase] {
        switch self {
        case .signaal: return [.aanmelding, .intake, .afgesloten]
        case .aanmelding: return [.intake, .afgesloten]
        case .intake: return [.bedenktijd, .traject, .afgesloten]
        case .bedenktijd: return [.traject, .afgesloten]
        case .traject: return [.nazorg, .afgesloten]
        case .nazorg: return [.traject, .afgesloten]
        case .afgesloten: return [.intake, .traject, .nazorg]
        }
    }

    public func canMove(to phase: Phase) -> Bool { next.contains(phase) }

    /// Closing needs a closure reason and reopening a reason: both show up in reports.
    public func needsReason(to phase: Phase) -> Bool { phase == .afgesloten || self == .afgesloten }

    public var isActive: Bool { self != .afgesloten }
    public var label: String { L10n.t("phase.\(rawValue)") }
}

/// The 18- (minors) or 18+ track, which decides the route and the casusoverleg.
public enum Track: String, Codable, Sendable, CaseIterable {
    case minor = "18-", adult = "18+"
}
