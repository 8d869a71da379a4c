import Foundation

/// A buddy as the matching engine sees it: profile, availability, screening and the
/// current load folded into one plain value. Names are left out: matching never needs them.
public struct BuddyCandidate: Equatable, Sendable {
    public var id: UUID
    public var maatjeType: String
    public var status: String
    public var languages: [String]
    public var gender: String
    public var birthYear: Int?
    public var municipality: String
    /// The region of `municipality` from the reference data, if it is a known one.
    public var region: String?
    /// False when no availability record exists: then there is no capacity to match against.
    public var hasAvailability: Bool
    public var dayParts: DayPartSet
    public var capacity: Int
    /// Matches that take up a place now (proposed, introduction, active).
    public var activeLoad: Int
    public var vogDate: CalendarDate?

    public init(id: UUID, maatjeType: String, status: String = "actief", languages: [String], gender: String, birthYear: Int? = nil,
                municipality: String, region: String? = nil, hasAvailability: Bool = true, dayParts: DayPartSet, capacity: Int,
                activeLoad: Int = 0, vogDate: CalendarDate?) {
        self.id = id; self.maatjeType = maatjeType; self.status = status; self.gender = gender
        self.languages = languages.map { $0.lowercased() }   // requests' language wishes are lowercased too
        self.birthYear = birthYear; self.municipality = municipality
        self.region = region ?? MunicipalityRegions.region(of: municipality)
        self.hasAvailability = hasAvailability; self.dayParts = dayParts
        self.capacity = hasAvailability ? max(0, capacity) : 0
        self.activeLoad = max(0, activeLoad); self.vogDate = vogDate
    }

    /// From the buddy's stored field groups; a missing availability or screening record
    /// makes the buddy ineligible (no capacity, no VOG) rather than guessing.
    public init(id: UUID, profile: MaatjeProfile, availability: MaatjeAvailability?, screening: MaatjeScreening?, activeLoad: Int) {
        self.init(id: id, maatjeType: profile.maatjeType, status: profile.status, languages: profile.languages,
                  gender: profile.gender, birthYear: profile.birthYear, municipality: profile.municipality,
                  hasAvailability: availability != nil, dayParts: DayPartSet(labels: availability?.dayParts ?? []),
                  capacity: availability?.capacity ?? 0, activeLoad: activeLoad, vogDate: screening?.vogDate)
    }

    /// Places still free now.
    public var freePlaces: Int { max(0, capacity - activeLoad) }

    /// How many matches take up each buddy's place, counted as the maatjes pane does.
    public static func activeLoads(_ matches: [MatchRecord], policy: MatchingPolicy) -> [UUID: Int] {
        var load: [UUID: Int] = [:]
        for m in matches where policy.loadStatuses.contains(m.status) { load[m.maatje, default: 0] += 1 }
        return load
    }

    /// Every buddy from the store's records (ids of profiles; availability and screening by buddy id).
    public static func all(profiles: [(id: UUID, value: MaatjeProfile)], availability: [UUID: MaatjeAvailability],
                           screening: [UUID: MaatjeScreening], matches: [MatchRecord], policy: MatchingPolicy) -> [BuddyCandidate] {
        let load = activeLoads(matches, policy: policy)
        return profiles.map {
            BuddyCandidate(id: $0.id, profile: $0.value, availability: availability[$0.id], screening: screening[$0.id], activeLoad: load[$0.id, default: 0])
        }
    }
}

/// Urgency of a buddy request; the raw values are the stored ones.
public enum RequestUrgency: String, Sendable, CaseIterable, Comparable {
    case laag, normaal, hoog
    /// An unknown stored value counts as normal rather than dropping the request.
    public init(stored: String) { self = RequestUrgency(rawValue: stored.lowercased()) ?? (stored.lowercased() == "acuut" ? .hoog : .normaal) }
    var rank: Int { switch self { case .laag: return 0; case .normaal: return 1; case .hoog: return 2 } }
    public static func < (a: RequestUrgency, b: RequestUrgency) -> Bool { a.rank < b.rank }
}

/// Who goes first on the waiting list: the more urgent, then the one waiting longer.
/// Greater means goes first. Nothing about the person (nationality, origin) is part of it.
public struct RequestPriority: Hashable, Sendable, Comparable {
    public let urgency: RequestUrgency
    public let waitingSince: CalendarDate
    public init(urgency: RequestUrgency, waitingSince: CalendarDate) { self.urgency = urgency; self.waitingSince = waitingSince }
    public static func < (a: RequestPriority, b: RequestPriority) -> Bool {
        if a.urgency != b.urgency { return a.urgency < b.urgency }
        return a.waitingSince > b.waitingSince   // waiting since later = waiting shorter = lower
    }
}

/// A client's request for a buddy. The model has no nationality or origin on purpose:
/// matching cannot take them into account.
public struct BuddyRequest: Equatable, Sendable {
    public var id: UUID
    public var caseID: UUID
    public var maatjeType: String
    public var language: String?
    public var languageHard: Bool
    public var buddyGender: String?
    public var buddyGenderHard: Bool
    public var municipality: String?
    public var municipalityHard: Bool
    /// The region of `municipality`, for the "same region" points and a region-wide hard wish.
    public var region: String?
    public var urgency: RequestUrgency
    public var waitingSince: CalendarDate
    /// nil = any time.
    public var dayParts: DayPartSet?
    /// Only for the age-closeness points; the caller may leave it out.
    public var clientBirthYear: Int?

    public init(id: UUID, caseID: UUID, maatjeType: String, language: String? = nil, languageHard: Bool = false,
                buddyGender: String? = nil, buddyGenderHard: Bool = false, municipality: String? = nil, municipalityHard: Bool = false,
                urgency: RequestUrgency = .normaal, waitingSince: CalendarDate, dayParts: DayPartSet? = nil, clientBirthYear: Int? = nil) {
        // An empty wish is no wish, and a hard flag without a value demands nothing.
        func wish(_ s: String?) -> String? { s.flatMap { $0.isEmpty ? nil : $0 } }
        self.id = id; self.caseID = caseID; self.maatjeType = maatjeType
        self.language = wish(language)?.lowercased(); self.languageHard = languageHard && self.language != nil
        self.buddyGender = wish(buddyGender); self.buddyGenderHard = buddyGenderHard && self.buddyGender != nil
        self.municipality = wish(municipality); self.municipalityHard = municipalityHard && self.municipality != nil
        self.region = self.municipality.flatMap(MunicipalityRegions.region(of:))
        self.urgency = urgency; self.waitingSince = waitingSince; self.dayParts = dayParts; self.clientBirthYear = clientBirthYear
    }

    /// From the stored request. `clientBirthYear` comes from the case's client, if the caller wants age closeness.
    public init(id: UUID, caseID: UUID, record: MatchRequestRecord, clientBirthYear: Int? = nil) {
        let parts = record.dayParts.flatMap { $0.isEmpty ? nil : DayPartSet(labels: $0) }
        self.init(id: id, caseID: caseID, maatjeType: record.maatjeType, language: record.language, languageHard: record.languageHard,
                  buddyGender: record.buddyGender, buddyGenderHard: record.buddyGenderHard, municipality: record.municipality,
                  municipalityHard: record.municipalityHard, urgency: RequestUrgency(stored: record.urgency), waitingSince: record.waitingSince,
                  dayParts: parts, clientBirthYear: clientBirthYear)
    }

    public var priority: RequestPriority { RequestPriority(urgency: urgency, waitingSince: waitingSince) }

    /// The waiting list: requests in status `wachtend` that no open match (in a load status) answers yet.
    public static func waitingList(_ requests: [(caseID: UUID, requests: [UUID: MatchRequestRecord])], matches: [MatchRecord],
                                   policy: MatchingPolicy) -> [BuddyRequest] {
        let answered = Set(matches.filter { policy.loadStatuses.contains($0.status) }.map(\.request))
        var result: [BuddyRequest] = []
        for (caseID, records) in requests {
            for (id, record) in records where record.status == "wachtend" && !answered.contains(id) {
                result.append(BuddyRequest(id: id, caseID: caseID, record: record))
            }
        }
        return result
    }
}

/// Municipality → region, from the reference data, built once.
public enum MunicipalityRegions {
    static let table: [String: String] = {
        var t: [String: String] = [:]
        for r in ReferenceData.shared.regions { for m in r.municipalities { t[m.id] = r.id } }
        return t
    }()
    public static func region(of municipality: String) -> String? { table[municipality] }
}

extension UUID {
    /// The 16 bytes as two big-endian integers: the same order as `uuidString`, without building strings.
    var orderKey: (UInt64, UInt64) {
        withUnsafeBytes(of: uuid) { raw in
            (UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 0, as: UInt64.self)),
             UInt64(bigEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self)))
        }
    }
}
