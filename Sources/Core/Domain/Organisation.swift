import Foundation

public struct OrganisationRecord: FieldGroup {
    public static let kind = EntityKind.organisation
    public static let group = "main"
    public var referenceID: String   // id in regions.json
    public var name: String
    public var orgKind: String
    public var region: String
    public var tables: [String]

    public init(referenceID: String, name: String, orgKind: String, region: String, tables: [String]) {
        self.referenceID = referenceID; self.name = name; self.orgKind = orgKind; self.region = region; self.tables = tables
    }

    public static let fields: [String: FieldClass] = [
        "referenceID": .operational, "name": .operational, "orgKind": .operational, "region": .operational, "tables": .operational,
    ]
    public static let example = OrganisationRecord(referenceID: "shop", name: "SHOP", orgKind: "zorg", region: "haaglanden", tables: ["zorgnetwerk"])
}

/// A professional at an organisation. Their name is personal data too.
public struct ContactRecord: FieldGroup {
    public static let kind = EntityKind.contact
    public static let group = "main"
    public var organisation: String
    public var name: String
    public var function: String
    public var phone: String?
    public var email: String?

    public init(organisation: String, name: String, function: String, phone: String? = nil, email: String? = nil) {
        self.organisation = organisation; self.name = name; self.function = function; self.phone = phone; self.email = email
    }

    public static let fields: [String: FieldClass] = [
        "organisation": .operational, "name": .identifying, "function": .operational, "phone": .identifying, "email": .identifying,
    ]
    public static let example = ContactRecord(organisation: "cjg", name: "M. Bakker", function: "aandachtsfunctionaris", email: "m.bakker@example.org")
}

/// A coordinator, chair or colleague. Outgoing documents carry `function` and
/// `organisation`, not `name`, unless the user chooses otherwise (coordinator safety).
public struct UserRecord: FieldGroup {
    public static let kind = EntityKind.user
    public static let group = "main"
    public var name: String
    public var role: Role
    public var function: String
    public var organisation: String

    public init(name: String, role: Role, function: String, organisation: String) {
        self.name = name; self.role = role; self.function = function; self.organisation = organisation
    }

    public static let fields: [String: FieldClass] = [
        "name": .identifying, "role": .operational, "function": .operational, "organisation": .operational,
    ]
    public static let example = UserRecord(name: "Sanne de Groot", role: .zorgcoordinator, function: "Zorgcoördinator mensenhandel", organisation: "shop")
}
