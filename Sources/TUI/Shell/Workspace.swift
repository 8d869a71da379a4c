import Foundation
import Core

/// What an unlocked store shows in the panes, decrypted into memory once at unlock.
/// Dropped entirely on lock: nothing personal outlives the unlocked session.
public final class Workspace {
    public struct Maatje { public let id: UUID; public let profile: MaatjeProfile; public let availability: MaatjeAvailability?; public let screening: MaatjeScreening? }
    public struct Meeting { public let id: UUID; public let record: MeetingRecord; public let items: [AgendaItemRecord]; public let present: Int }

    public let store: Store
    public let today: CalendarDate
    public private(set) var summaries: [CaseSummary] = []
    public private(set) var users: [UUID: UserRecord] = [:]
    public private(set) var meetings: [Meeting] = []
    public private(set) var maatjes: [Maatje] = []
    public private(set) var matches: [MatchRecord] = []
    /// Match records with their ids (the maatjes pane's match view and lifecycle).
    public private(set) var matchRecords: [(id: UUID, value: MatchRecord)] = []
    /// Every buddy request, read without opening case files (the maatjescoördinator may not read them).
    public private(set) var matchRequests: [(caseID: UUID, id: UUID, record: MatchRequestRecord)] = []
    public private(set) var byID: [UUID: CaseSummary] = [:]
    public private(set) var absences: [(id: UUID, value: Absence)] = []
    /// Who holds each case today (a backup during a colleague's absence).
    public private(set) var holder = CaseHolder(absences: [], summaries: [:], on: CalendarDate(year: 2000, month: 1, day: 1)!)
    /// Worklist thresholds (config file `aandacht.*`).
    public var thresholds = AttentionThresholds()
    /// Case id → days its oldest open casusoverleg action is late (for the worklist).
    public private(set) var meetingActionsLate: [UUID: Int] = [:]
    /// Built lazily on first use (intake), from every case's summary.
    private var duplicateIndex: DuplicateIndex?
    /// The devices this store exchanges bundles with (issue 8).
    public private(set) var peers: [Peer] = []
    /// Open sync conflicts and what imports changed since the user last looked (header, sync view).
    public private(set) var conflictCount = 0
    public private(set) var syncNews = SyncNews()
    /// Every known person's name, for masking inside free text in privacy mode.
    public private(set) var masker = NameMasker(names: [])

    public init(store: Store) throws {
        self.store = store
        today = CalendarDate(store.clock.now())
        try reload()
    }

    public func reload() throws {
        summaries = try store.summaries()
        byID = Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, $0) })
        duplicateIndex = nil
        absences = try store.records(Absence.self).sorted { $0.value.from > $1.value.from }
        holder = CaseHolder(absences: absences, summaries: byID, on: today)
        meetingActionsLate = MeetingActionSignal.overdueMeetingActions(book: try store.meetingBook(), on: today)
        users = Dictionary(uniqueKeysWithValues: try store.records(UserRecord.self).map { ($0.id, $0.value) })
        let items = try store.records(AgendaItemRecord.self).map(\.value)
        let attendance = try store.records(AttendanceRecord.self).map(\.value)
        meetings = try store.records(MeetingRecord.self).map { m in
            Meeting(id: m.id, record: m.value, items: items.filter { $0.meeting == m.id }.sorted { $0.order < $1.order },
                    present: attendance.filter { $0.meeting == m.id && $0.present }.count)
        }.sorted { $0.record.date > $1.record.date }
        let availability = Dictionary(uniqueKeysWithValues: try store.records(MaatjeAvailability.self).map { ($0.id, $0.value) })
        let screening = Dictionary(uniqueKeysWithValues: try store.records(MaatjeScreening.self).map { ($0.id, $0.value) })
        maatjes = try store.records(MaatjeProfile.self).map {
            Maatje(id: $0.id, profile: $0.value, availability: availability[$0.id], screening: screening[$0.id])
        }.sorted { $0.profile.name < $1.profile.name }
        matchRecords = try store.records(MatchRecord.self)
        matches = matchRecords.map(\.value)
        matchRequests = try store.matchRequests()
        peers = try store.peers()
        try reloadSyncState()
        var names = summaries.flatMap { [$0.givenNames, $0.familyName] + $0.aliases }
        names += maatjes.map(\.profile.name) + users.values.map(\.name)
        names += matchRequests.compactMap(\.record.callName)
        names += try store.records(ContactRecord.self).map(\.value.name)
        names += attendance.flatMap(\.names)
        names += peers.map(\.card.name)
        masker = NameMasker(names: names)   // it leaves name particles ("van", "de") alone
    }

    /// Re-reads the sync counters only (after a sync action, without reloading every list).
    public func reloadSyncState() throws {
        conflictCount = try store.conflictCount()
        syncNews = try store.syncNews()
    }

    public var me: UUID { store.userID }

    /// The rules buddies are matched by, for today.
    public var matchingPolicy: MatchingPolicy { MatchingPolicy(today: today) }

    /// Every buddy as the matching engine sees it, with today's load.
    public var buddyCandidates: [BuddyCandidate] {
        BuddyCandidate.all(profiles: maatjes.map { ($0.id, $0.profile) },
                           availability: Dictionary(uniqueKeysWithValues: maatjes.compactMap { m in m.availability.map { (m.id, $0) } }),
                           screening: Dictionary(uniqueKeysWithValues: maatjes.compactMap { m in m.screening.map { (m.id, $0) } }),
                           matches: matches, policy: matchingPolicy)
    }

    /// Requests waiting for a buddy (no open match answers them yet).
    public var waitingRequests: [BuddyRequest] {
        let answered = Set(matches.filter { matchingPolicy.loadStatuses.contains($0.status) }.map(\.request))
        return matchRequests.filter { $0.record.status == "wachtend" && !answered.contains($0.id) }
            .map { BuddyRequest(id: $0.id, caseID: $0.caseID, record: $0.record, clientBirthYear: $0.record.clientBirthYear) }
    }

    public func matchRequest(_ id: UUID) -> (caseID: UUID, id: UUID, record: MatchRequestRecord)? { matchRequests.first { $0.id == id } }
    public func maatje(_ id: UUID) -> Maatje? { maatjes.first { $0.id == id } }

    /// A buddy as shown: by name, or by a short reference in privacy mode.
    public func maatjeLabel(_ id: UUID, privacy: Bool) -> String {
        privacy ? String(id.uuidString.prefix(8)) : (maatje(id)?.profile.name ?? String(id.uuidString.prefix(8)))
    }

    /// The region of the user's organisation (new cases belong to it); Haaglanden if unknown.
    public var region: String {
        let org = users[me]?.organisation ?? ""
        return ReferenceData.shared.regions.first { $0.organisations.contains { $0.id == org } }?.id ?? "haaglanden"
    }

    /// How the current user is shown: their function, never their name, in privacy mode.
    public func userLabel(_ id: UUID, privacy: Bool) -> String {
        guard let u = users[id] else { return "?" }
        return privacy || u.name.isEmpty ? u.function : u.name
    }

    public func caseCode(_ id: UUID?) -> String { id.flatMap { byID[$0]?.code.description } ?? "–" }

    public func close() { store.close() }

    /// Earlier cases that may be the same person as a new signal, best first.
    public func duplicateOffers(for new: NewCase, limit: Int = 5) -> [DuplicateOffer] {
        let index = duplicateIndex ?? DuplicateIndex(entries: summaries.map { ($0.id, DuplicateQuery($0)) })
        duplicateIndex = index
        let query = DuplicateQuery(givenNames: new.identity.givenNames, familyName: new.identity.familyName, aliases: new.identity.aliases,
                                   birthDate: new.identity.birthDate, nationalities: new.origin?.nationalities ?? [], phone: new.contact?.phone)
        return index.candidates(for: query, limit: limit).compactMap { c in
            guard let s = byID[c.caseID], c.score >= 0.35 || c.isLikely else { return nil }
            return DuplicateOffer(caseID: c.caseID, code: s.code, name: s.displayName, score: c.score, likely: c.isLikely,
                                  reasons: c.reasons.map(Self.reasonLabel).joined(separator: ", "))
        }
    }

    static func reasonLabel(_ r: DuplicateReason) -> String {
        switch r {
        case .nameSimilar(let p): return L10n.t("duplicate.reason.nameSimilar", p)
        case .nameIncomplete(let w), .nameConflict(let w): return L10n.t("duplicate.reason.\(r.code)", w)
        case .birthYearClose(let y), .birthYearConflict(let y): return L10n.t("duplicate.reason.\(r.code)", y)
        case .nationalityShared(let n): return L10n.t("duplicate.reason.nationalityShared", ReferenceData.shared.countryName(n))
        default: return L10n.t("duplicate.reason.\(r.code)")
        }
    }
}
