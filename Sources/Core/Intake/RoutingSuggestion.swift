import Foundation

/// Suggests where a client should go, following DOMAIN.md §2 step 5: by age, residence
/// status and vulnerabilities. A suggestion with reasons, never a decision: the
/// coordinator chooses. Nationality is not an input; residence status is.
public struct RoutingSuggestion: Equatable, Sendable {
    public enum Route: String, CaseIterable, Sendable {
        /// Minor: Jeugdwet, guardian; Jeugdzorg.
        case jeugdzorg
        /// Unaccompanied minor: Nidos as guardian, Beschermde Opvang "bij de geringste indicatie".
        case nidosBeschermdeOpvang = "nidos-beschermde-opvang"
        /// No lawful residence: bedenktijd (at most 3 months) and shelter in a COSM.
        case bedenktijdCOSM = "bedenktijd-cosm"
        /// Dutch, EU or lawful residence: Vrouwenopvang or Maatschappelijke Opvang (Wmo).
        case vrouwenopvangMO = "vrouwenopvang-mo"
        /// Multi-problem (LVB, GGZ, addiction): specialised shelter.
        case omm
    }

    public enum Reason: String, Sendable { case minor, unaccompanied, noLawfulResidence, lawfulResidence, lvb, ggz, addiction, residenceUnknown, ageUnknown }

    public var routes: [Route]
    public var reasons: [Reason]
    /// A suspicion of sexual exploitation of a child under 18 always counts as acute danger (000:L384).
    public var acuteSafety: Bool
    /// Minors are put on the next casusoverleg 18- (offered, not automatic).
    public var offerCasusoverleg: Bool

    public struct Input: Sendable {
        public var age: Int?
        public var residenceStatus: String
        public var unaccompanied: Bool
        public var lvb: Bool
        public var ggz: Bool
        public var addiction: Bool
        public var forms: [String]
        public init(age: Int?, residenceStatus: String, unaccompanied: Bool = false, lvb: Bool = false, ggz: Bool = false,
                    addiction: Bool = false, forms: [String] = []) {
            self.age = age; self.residenceStatus = residenceStatus; self.unaccompanied = unaccompanied
            self.lvb = lvb; self.ggz = ggz; self.addiction = addiction; self.forms = forms
        }
    }

    static let lawful: Set<String> = ["nederlands", "eu-burger", "rechtmatig-verblijf", "b8-tijdelijk", "humanitair-niet-tijdelijk"]
    static let notLawful: Set<String> = ["geen-rechtmatig-verblijf", "bedenktijd"]

    public init(_ input: Input) {
        var routes: [Route] = []
        var reasons: [Reason] = []
        let minor = (input.age ?? 99) < 18
        if minor {
            reasons.append(.minor)
            if input.unaccompanied {
                reasons.append(.unaccompanied)
                routes.append(.nidosBeschermdeOpvang)
            } else {
                routes.append(.jeugdzorg)
            }
        } else if Self.notLawful.contains(input.residenceStatus) {
            reasons.append(.noLawfulResidence)
            routes.append(.bedenktijdCOSM)
        } else if Self.lawful.contains(input.residenceStatus) {
            reasons.append(.lawfulResidence)
            routes.append(.vrouwenopvangMO)
        } else {
            // Unknown or in the asylum procedure: both routes stay open until status is clear.
            reasons.append(.residenceUnknown)
            routes.append(contentsOf: [.bedenktijdCOSM, .vrouwenopvangMO])
        }
        // No birth date: a minor cannot be ruled out, and protection comes "bij de geringste
        // indicatie" (001:L727-731). Keep the youth route open and offer the casusoverleg.
        if input.age == nil {
            reasons.insert(.ageUnknown, at: 0)
            routes.append(.jeugdzorg)
        }
        if input.lvb { reasons.append(.lvb) }
        if input.ggz { reasons.append(.ggz) }
        if input.addiction { reasons.append(.addiction) }
        if !minor && (input.lvb || input.ggz || input.addiction) { routes.insert(.omm, at: 0) }
        self.routes = routes
        self.reasons = reasons
        acuteSafety = minor && input.forms.contains("seksuele-uitbuiting")
        offerCasusoverleg = minor || input.age == nil
    }

    public static func label(_ route: Route) -> String { L10n.t("route.\(route.rawValue)") }
    public static func label(_ reason: Reason) -> String { L10n.t("routeReason.\(reason.rawValue)") }
}
