import Foundation

/// What lists, search and worklists need of a case, decrypted into memory at unlock.
/// Sealed per case in the store; encoded in binary because 43k of them are decoded at once.
public struct CaseSummary: Equatable, Sendable {
    public var id: UUID
    public var code: CaseCode
    public var phase: Phase
    public var phaseSince: CalendarDate
    public var openedOn: CalendarDate
    public var urgency: String
    public var coordinator: UUID
    public var backup: UUID?
    public var region: String
    public var municipality: String
    public var givenNames: String
    public var familyName: String
    public var aliases: [String]
    public var birthDate: BirthDate?
    public var gender: String
    public var nationalities: [String]
    public var phone: String?
    public var forms: [String]
    public var trackOverride: Track?
    public var bedenktijdEnd: CalendarDate?
    public var b8Status: String?
    public var comenshaStatus: String?
    public var openActions: Int
    public var nextDue: CalendarDate?
    public var lastContact: CalendarDate?
    public var referrerType: String?
    public var personDescription: String?
    public var transitionAgreed: Bool
    public var onwardCareSince: CalendarDate?
    public var b8Since: CalendarDate?
    /// `extern-bestand` for a signal imported from an encrypted file.
    public var receivedVia: String?
    public var externalDigest: String?
    /// For the anonymous reports (issue 9): when the signal came in, why the case closed,
    /// the placement attempts, the first placement, and the last wait for onward care.
    public var signalOn: CalendarDate?
    public var closureReason: String?
    public var placementAttempts: [AttemptDigest]
    public var firstPlacementOn: CalendarDate?
    public var onwardCareStart: CalendarDate?
    public var onwardCareEnd: CalendarDate?

    /// What reports need of one placement attempt: never the organisation or the note.
    public struct AttemptDigest: Equatable, Sendable {
        public var on: CalendarDate
        public var accepted: Bool
        public var rejectionReason: String?
        public init(on: CalendarDate, accepted: Bool, rejectionReason: String?) {
            self.on = on; self.accepted = accepted; self.rejectionReason = rejectionReason
        }
    }

    public init(_ file: CaseFile) throws {
        guard let opening = file.opening, let phase = file.phase, let coordination = file.coordination else {
            throw SchakelError(.validation, L10n.t("error.caseIncomplete"))
        }
        id = file.id
        code = opening.code
        self.phase = phase.phase
        phaseSince = phase.since
        openedOn = opening.openedOn
        urgency = opening.urgency
        coordinator = coordination.coordinator
        backup = coordination.backup
        region = coordination.region
        municipality = coordination.municipality
        givenNames = file.identity?.givenNames ?? ""
        familyName = file.identity?.familyName ?? ""
        aliases = file.identity?.aliases ?? []
        birthDate = file.identity?.birthDate
        gender = file.identity?.gender ?? "onbekend"
        nationalities = file.origin?.nationalities ?? []
        phone = file.contact?.phone
        forms = file.exploitation?.forms ?? []
        trackOverride = file.trackOverride?.track
        bedenktijdEnd = file.bedenktijd?.end
        b8Status = file.b8?.status
        comenshaStatus = file.comensha?.status
        let open = file.actions.values.filter { $0.status == "open" }
        openActions = open.count
        nextDue = open.compactMap(\.due).min()
        lastContact = file.lastContact
        referrerType = file.referral?.referrerType
        personDescription = file.identity?.personDescription
        transitionAgreed = file.transition?.isAgreed ?? false
        onwardCareSince = file.onwardCare.flatMap { $0.isWaiting ? $0.since : nil }
        b8Since = file.b8?.since
        receivedVia = file.referral?.receivedVia
        externalDigest = file.referral?.externalDigest
        signalOn = file.referral?.receivedOn
        closureReason = phase.phase == .afgesloten ? phase.reason : nil
        placementAttempts = file.placementAttempts.values
            .map { AttemptDigest(on: $0.on, accepted: $0.accepted, rejectionReason: $0.accepted ? nil : $0.rejectionReason) }
            .sorted { ($0.on, $0.accepted ? 1 : 0, $0.rejectionReason ?? "") < ($1.on, $1.accepted ? 1 : 0, $1.rejectionReason ?? "") }
        firstPlacementOn = file.placements.values.map(\.from).min()
        onwardCareStart = file.onwardCare?.since
        onwardCareEnd = file.onwardCare?.resolvedOn
    }

    public var displayName: String { [givenNames, familyName].filter { !$0.isEmpty }.joined(separator: " ") }
    /// The name, or for a nameless signal its description in brackets.
    public var nameOrDescription: String {
        let n = displayName
        if !n.isEmpty { return n }
        if let a = aliases.first { return a }
        return personDescription.map { "(\($0))" } ?? ""
    }
    public func age(on day: CalendarDate) -> Int? { birthDate?.age(on: day) }
    public func track(on day: CalendarDate) -> Track {
        if let t = trackOverride { return t }
        if let a = age(on: day), a < 18 { return .minor }
        return .adult
    }

    // MARK: binary form

    /// Bump when fields are added; older summaries still decode (newer fields empty) and
    /// a writing process re-seals them all at open (`Store.rebuildSummariesIfNeeded`).
    /// 1: first version. 2: referrerType. 3: personDescription. 4: transitionAgreed,
    /// onwardCareSince, b8Since; lastContact counts contact notes only. 5: receivedVia,
    /// externalDigest (signals from outside). 6: signalOn, closureReason, placementAttempts,
    /// firstPlacementOn, onwardCareStart/End (reports).
    public static let version: UInt8 = 6

    public var encoded: Data {
        var w = ByteWriter()
        w.u8(Self.version)
        w.uuid(id); w.string(code.description); w.string(phase.rawValue); w.string(phaseSince.iso)
        w.string(openedOn.iso); w.string(urgency); w.uuid(coordinator); w.uuid(backup ?? .zero)
        w.string(region); w.string(municipality); w.string(givenNames); w.string(familyName); w.strings(aliases)
        switch birthDate {
        case nil: w.u8(0)
        case .exact(let d)?: w.u8(1); w.string(d.iso)
        case .estimatedYear(let y)?: w.u8(2); w.u16(UInt16(clamping: y))
        }
        w.string(gender); w.strings(nationalities); w.optionalString(phone); w.strings(forms)
        w.optionalString(trackOverride?.rawValue); w.optionalString(bedenktijdEnd?.iso); w.optionalString(b8Status)
        w.optionalString(comenshaStatus); w.varint(UInt64(openActions)); w.optionalString(nextDue?.iso)
        w.optionalString(lastContact?.iso)
        w.optionalString(referrerType)
        w.optionalString(personDescription)
        w.u8(transitionAgreed ? 1 : 0)
        w.optionalString(onwardCareSince?.iso)
        w.optionalString(b8Since?.iso)
        w.optionalString(receivedVia)
        w.optionalString(externalDigest)
        w.optionalString(signalOn?.iso)
        w.optionalString(closureReason)
        w.varint(UInt64(placementAttempts.count))
        for a in placementAttempts { w.string(a.on.iso); w.u8(a.accepted ? 1 : 0); w.optionalString(a.rejectionReason) }
        w.optionalString(firstPlacementOn?.iso)
        w.optionalString(onwardCareStart?.iso)
        w.optionalString(onwardCareEnd?.iso)
        return w.data
    }

    public init(encoded data: Data) throws {
        var r = ByteReader(data)
        func date(_ s: String) throws -> CalendarDate {
            guard let d = CalendarDate(parsing: s) else { throw SchakelError(.integrity, L10n.t("error.decrypt")) }
            return d
        }
        func optDate(_ s: String?) throws -> CalendarDate? { try s.map(date) }
        do {
            let version = try r.u8()
            guard (1...Self.version).contains(version) else { throw SchakelError(.integrity, L10n.t("error.decrypt")) }
            id = try r.uuid()
            guard let c = CaseCode(try r.string()), let p = Phase(rawValue: try r.string()) else {
                throw SchakelError(.integrity, L10n.t("error.decrypt"))
            }
            code = c; phase = p
            phaseSince = try date(try r.string()); openedOn = try date(try r.string()); urgency = try r.string()
            coordinator = try r.uuid()
            let b = try r.uuid(); backup = b == .zero ? nil : b
            region = try r.string(); municipality = try r.string(); givenNames = try r.string(); familyName = try r.string()
            aliases = try r.strings()
            switch try r.u8() {
            case 1: birthDate = .exact(try date(try r.string()))
            case 2: birthDate = .estimatedYear(Int(try r.u16()))
            default: birthDate = nil
            }
            gender = try r.string(); nationalities = try r.strings(); phone = try r.optionalString(); forms = try r.strings()
            trackOverride = try r.optionalString().flatMap(Track.init(rawValue:))
            bedenktijdEnd = try optDate(try r.optionalString()); b8Status = try r.optionalString()
            comenshaStatus = try r.optionalString(); openActions = Int(try r.varint()); nextDue = try optDate(try r.optionalString())
            lastContact = try optDate(try r.optionalString())
            referrerType = version >= 2 ? try r.optionalString() : nil
            personDescription = version >= 3 ? try r.optionalString() : nil
            transitionAgreed = version >= 4 ? try r.u8() == 1 : false
            onwardCareSince = version >= 4 ? try optDate(try r.optionalString()) : nil
            b8Since = version >= 4 ? try optDate(try r.optionalString()) : nil
            receivedVia = version >= 5 ? try r.optionalString() : nil
            externalDigest = version >= 5 ? try r.optionalString() : nil
            signalOn = nil; closureReason = nil; placementAttempts = []; firstPlacementOn = nil
            onwardCareStart = nil; onwardCareEnd = nil
            if version >= 6 {
                signalOn = try optDate(try r.optionalString())
                closureReason = try r.optionalString()
                let n = Int(try r.varint())
                guard n <= 10_000 else { throw SchakelError(.integrity, L10n.t("error.decrypt")) }
                for _ in 0..<n {
                    placementAttempts.append(AttemptDigest(on: try date(try r.string()), accepted: try r.u8() == 1,
                                                           rejectionReason: try r.optionalString()))
                }
                firstPlacementOn = try optDate(try r.optionalString())
                onwardCareStart = try optDate(try r.optionalString())
                onwardCareEnd = try optDate(try r.optionalString())
            }
        } catch let e as SchakelError { throw e } catch {
            throw SchakelError(.integrity, L10n.t("error.decrypt"))
        }
    }
}
