import Foundation

/// The client's names and birth date. Given names and family name are kept apart
/// because their order differs by culture and duplicate detection must handle both.
public struct ClientIdentity: FieldGroup {
    public static let kind = EntityKind.client
    public static let group = "identity"
    public var givenNames: String
    public var familyName: String
    public var aliases: [String]
    public var birthDate: BirthDate?
    public var gender: String // vocabulary `genders`
    /// When the name is unknown: what identifies the person ("jonge vrouw, rode jas, station HS").
    public var personDescription: String?

    public init(givenNames: String, familyName: String, aliases: [String] = [], birthDate: BirthDate? = nil, gender: String = "onbekend",
                personDescription: String? = nil) {
        self.givenNames = givenNames; self.familyName = familyName; self.aliases = aliases
        self.birthDate = birthDate; self.gender = gender; self.personDescription = personDescription
    }

    public var fullName: String { [givenNames, familyName].filter { !$0.isEmpty }.joined(separator: " ") }

    public static let fields: [String: FieldClass] = [
        "givenNames": .identifying, "familyName": .identifying, "aliases": .identifying,
        "birthDate": .identifying, "gender": .identifying, "personDescription": .identifying,
    ]
    public static let example = ClientIdentity(givenNames: "Ewa", familyName: "Kowalczyk", aliases: ["Ewka"],
                                               birthDate: .exact(CalendarDate(year: 2008, month: 4, day: 2)!), gender: "vrouw")
}

public struct ClientOrigin: FieldGroup {
    public static let kind = EntityKind.client
    public static let group = "origin"
    public var nationalities: [String] // ISO 3166-1 alpha-2
    public var languages: [String]     // ISO 639-1
    public var interpreterNeeded: Bool

    public init(nationalities: [String] = [], languages: [String] = [], interpreterNeeded: Bool = false) {
        self.nationalities = nationalities; self.languages = languages; self.interpreterNeeded = interpreterNeeded
    }

    public static let fields: [String: FieldClass] = [
        "nationalities": .identifying, "languages": .identifying, "interpreterNeeded": .operational,
    ]
    public static let example = ClientOrigin(nationalities: ["PL"], languages: ["pl", "en"], interpreterNeeded: true)
}

public struct ClientContact: FieldGroup {
    public static let kind = EntityKind.client
    public static let group = "contact"
    public var phone: String?
    public var address: String?

    public init(phone: String? = nil, address: String? = nil) { self.phone = phone; self.address = address }

    public static let fields: [String: FieldClass] = ["phone": .identifying, "address": .identifying]
    public static let example = ClientContact(phone: "+31 6 12345678", address: "Laan 1, Den Haag")
}

/// Residence status and vulnerabilities: special-category data that decides the route.
public struct ClientStatus: FieldGroup {
    public static let kind = EntityKind.client
    public static let group = "status"
    public var residenceStatus: String // vocabulary `residenceStatuses`
    public var dublin: Bool
    public var lvb: Bool
    public var ggz: Bool?
    public var addiction: Bool?
    /// A minor without a parent or guardian in the Netherlands (Nidos becomes guardian).
    public var unaccompanied: Bool?

    public init(residenceStatus: String = "onbekend", dublin: Bool = false, lvb: Bool = false, ggz: Bool? = nil, addiction: Bool? = nil,
                unaccompanied: Bool? = nil) {
        self.residenceStatus = residenceStatus; self.dublin = dublin; self.lvb = lvb
        self.ggz = ggz; self.addiction = addiction; self.unaccompanied = unaccompanied
    }

    public static let fields: [String: FieldClass] = [
        "residenceStatus": .specialCategory, "dublin": .specialCategory, "lvb": .specialCategory,
        "ggz": .specialCategory, "addiction": .specialCategory, "unaccompanied": .specialCategory,
    ]
    public static let example = ClientStatus(residenceStatus: "eu-burger", dublin: false, lvb: true, ggz: false, addiction: false, unaccompanied: false)
}
