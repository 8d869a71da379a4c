import Foundation
import Testing
@testable import Core

/// Issue 9 parts 5-7: the audit view, the disclosure register and the inzage document.
@Suite struct AuditQueryTests {
    static let day1 = CalendarDate(year: 2026, month: 11, day: 1)!
    static let day2 = CalendarDate(year: 2026, month: 11, day: 10)!
    static let day3 = CalendarDate(year: 2026, month: 11, day: 20)!

    /// A beheerder's store with a case and a colleague, and entries on three days by two users.
    func prepared() throws -> (Store, caseID: UUID, code: String, colleague: UUID) {
        let store = try TestStore.make(role: .beheerder)
        let colleague = UUID()
        let (id, code) = try store.write { tx -> (UUID, CaseCode) in
            try tx.put(UserRecord(name: "Karin Collega", role: .zorgcoordinator, function: "Zorgcoördinator mensenhandel", organisation: "shop"),
                       entity: colleague)
            return try tx.openCase(TestStore.newCase(store, given: "Zqxgiven", family: "Zqxfamily"))
        }
        // During each day in Amsterdam (a period's ends are inclusive).
        let noon = { (d: CalendarDate) in d.date.addingTimeInterval(3 * 3600) }
        try store.recordAudit(AuditEntry(at: noon(Self.day1), user: colleague, action: "case-opened", caseID: id, detail: nil))
        try store.recordAudit(AuditEntry(at: noon(Self.day2), user: store.userID, action: "peer-added", caseID: nil, detail: "x"))
        try store.recordAudit(AuditEntry(at: noon(Self.day3), user: colleague, action: "case-opened",
                                         caseID: id, detail: nil))
        return (store, id, code.description, colleague)
    }

    @Test func filtersByUserCasePeriodAndAction() throws {
        let (store, id, code, colleague) = try prepared()
        defer { TestStore.remove(store) }
        let all = try store.auditView()
        #expect(all.chain.isIntact)
        #expect(all.rows.count == all.total && all.total >= 5)   // store-created, case-changed, the three above
        let byColleague = try store.auditView(AuditFilter(user: colleague))
        #expect(byColleague.rows.count == 2 && byColleague.rows.allSatisfy { $0.userName == "Karin Collega" && $0.caseCode == code })
        #expect(byColleague.rows.allSatisfy { $0.actionLabel == L10n.t("auditAction.case-opened") })
        let byCase = try store.auditView(AuditFilter(caseID: id))
        #expect(Set(byCase.rows.map(\.action)) == ["case-changed", "case-opened"])
        #expect(try store.auditView(AuditFilter(action: "peer-added")).rows.map(\.detail) == ["x"])
        // Both ends inclusive, by calendar day in Amsterdam.
        let period = try store.auditView(AuditFilter(from: Self.day2, to: Self.day3))
        #expect(period.rows.map(\.action) == ["peer-added", "case-opened"])
        #expect(period.rows.map { CalendarDate($0.at) } == [Self.day2, Self.day3])
        #expect(try store.auditView(AuditFilter(from: Self.day1, to: Self.day1)).rows.map(\.userID) == [colleague])
        // Users by name (any case) or id prefix; unknown and ambiguous are errors.
        #expect(try store.resolveUser("karin collega") == colleague)
        #expect(try store.resolveUser(String(colleague.uuidString.prefix(8))) == colleague)
        #expect(throws: SchakelError.self) { try store.resolveUser("Niemand") }
        // Never a client's name in the export; codes only.
        let csv = String(decoding: AuditQuery.csv(all.rows, options: .init(separator: ";", byteOrderMark: true)), as: UTF8.self)
        let md = AuditQuery.markdown(all, filterText: "")
        for text in [csv, md] { #expect(!text.contains("Zqxgiven") && !text.contains("Zqxfamily") && text.contains(code)) }
        let back = try CSV.parse(AuditQuery.csv(all.rows, options: .init(separator: ";", byteOrderMark: true)))
        #expect(back.count == all.rows.count + 1 && back[0] == AuditQuery.header && back.dropFirst().map { $0[4] } == all.rows.map { $0.caseCode ?? "" })
        let comma = try CSV.parse(AuditQuery.csv(all.rows))
        #expect(comma.dropFirst().map { $0[2] } == all.rows.map(\.userName))
    }

    @Test func onlyTheBeheerderReadsTheAuditLog() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        #expect(throws: SchakelError(.notAllowed, L10n.t("error.roleNotAllowed", Role.zorgcoordinator.label))) { try store.auditView() }
    }

    @Test func anErasedCaseShowsAMarkerNotItsData() throws {
        let (store, id, code, _) = try prepared()
        defer { TestStore.remove(store) }
        try store.pool.write { db in try db.execute(sql: "INSERT INTO tombstone (case_id, erased_hlc) VALUES (?, 1)", arguments: [id.data])
            try db.execute(sql: "DELETE FROM case_index WHERE case_id = ?", arguments: [id.data]) }
        let rows = try store.auditView(AuditFilter(caseID: id)).rows
        #expect(!rows.isEmpty && rows.allSatisfy { $0.caseCode == AuditQuery.erasedMarker && !$0.caseCode!.contains(code) })
    }
}

@Suite struct DisclosureRegisterTests {
    @Test func listsCaseDisclosuresAndBundleSharesAfterARealExport() throws {
        let (a, b, caseID) = try SyncTest.pairWithSharedCase()
        defer { TestStore.remove(a); TestStore.remove(b) }
        // Casusoverleg sharing decision and a CoMensha export: Disclosure field groups.
        try a.write { tx in
            _ = try tx.recordDisclosure(caseID, recipient: "veilig-thuis-haaglanden", purpose: "casusoverleg", legalBasis: "convenant",
                                        fields: ["case.opening.code", "client.identity.age"], on: TestStore.today)
            try tx.changePhase(caseID, to: .intake, on: TestStore.today)
        }
        let comensha = ComenshaExport(store: a)
        try comensha.record(try comensha.build(selection: .toReport, from: nil, to: nil), markReported: true, on: TestStore.today)
        try SyncTest.send(a, b)
        let register = try a.disclosureRegister()
        #expect(Set(register.filter { $0.source == .register }.map(\.purpose)) == ["casusoverleg", "comensha-registratie"])
        let shared = try #require(register.first { $0.source == .bundle })
        #expect(register.filter { $0.source == .bundle }.count == 1)
        #expect(shared.caseID == caseID && shared.recipient == "Test Coördinator" && shared.purpose == BundleShareDetail.purposeID)
        #expect(shared.legalBasis == BundleShareDetail.defaultLegalBasis)
        #expect(shared.fields.contains(ClientIdentity.key) && shared.fields.contains(Disclosure.key) && shared.fields == shared.fields.sorted())
        let entry = try #require(try a.auditEntries().last { $0.action == "case-shared" })
        #expect(BundleShareDetail(detail: entry.detail ?? "")?.recipientDevice == b.deviceID)
        // Once the peer acknowledged the events, nothing new goes: no new disclosure. The
        // receiving side records none of its own.
        try SyncTest.send(b, a)
        try SyncTest.send(a, b)
        #expect(try a.disclosureRegister().filter { $0.source == .bundle }.count == 1)
        #expect(try b.disclosureRegister(DisclosureFilter(caseID: caseID)).allSatisfy { $0.source == .register })
        // A period before today lists nothing; the case filter keeps the case.
        #expect(try a.disclosureRegister(DisclosureFilter(to: TestStore.today.adding(days: -1))).isEmpty)
        #expect(try a.disclosureRegister(DisclosureFilter(caseID: caseID)).count == register.count)
        // Exports: CSV (both dialects) reads back; Markdown has every row.
        for sep: Character in [",", ";"] {
            let rows = try CSV.parse(DisclosureRegister.csv(register, options: .init(separator: sep, byteOrderMark: sep == ";")))
            #expect(rows.count == register.count + 1 && rows[0] == DisclosureRegister.header)
            #expect(rows.dropFirst().map { $0[4] } == register.map { InsightLabels.legalBasis($0.legalBasis) })
        }
        #expect(DisclosureRegister.markdown(register, filterText: "").components(separatedBy: "\n| 2026-").count == register.count + 1)
    }

    @Test func aBackupIsNotADisclosure() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        _ = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        let url = SyncTest.bundleURL()
        defer { try? FileManager.default.removeItem(at: url) }
        _ = try store.exportBackup(out: url, passphrase: TestStore.passphrase, workFactor: 10)
        #expect(try store.disclosureRegister().isEmpty)
    }

    @Test func theDetailIsStrictAndVersioned() throws {
        let d = BundleShareDetail(recipientName: "Bram | Jansen", recipientDevice: UUID(), groups: ["client.identity", "case.phase", "client.identity"])
        #expect(d.groups == ["case.phase", "client.identity"])
        #expect(BundleShareDetail(detail: d.encoded) == d)
        let json = String(d.encoded.dropFirst(3))
        for bad in ["v2|" + json, json, "v1|", "v1|{}", "v1|" + json.replacingOccurrences(of: "publieke-taak", with: "verzonnen"),
                    "v1|" + json.dropLast() + ",\"extra\":1}", "v1|" + json.replacingOccurrences(of: "Bram", with: "\u{1B}[31m")] {
            #expect(BundleShareDetail(detail: bad) == nil, "\(bad)")
        }
    }

    @Test func whoSeesTheRegister() throws {
        let buddies = try TestStore.make(role: .maatjescoordinator)
        defer { TestStore.remove(buddies) }
        #expect(throws: SchakelError.self) { try buddies.disclosureRegister() }
        let admin = try TestStore.make(role: .beheerder)
        defer { TestStore.remove(admin) }
        #expect(try admin.disclosureScope() == nil)
        // A coordinator sees the cases they coordinate or back up, not a colleague's.
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (mine, theirs) = try store.write { tx -> (UUID, UUID) in
            let m = try tx.openCase(TestStore.newCase(store)).id
            var other = TestStore.newCase(store, given: "Anna")
            other.coordinator = UUID()
            let t = try tx.openCase(other).id
            for id in [m, t] {
                _ = try tx.recordDisclosure(id, recipient: "comensha", purpose: "casusoverleg", legalBasis: "convenant", fields: ["case.opening.code"], on: TestStore.today)
            }
            return (m, t)
        }
        #expect(try store.disclosureScope() == [mine])
        #expect(try store.disclosureRegister().map(\.caseID) == [mine])
        _ = theirs
    }
}

@Suite struct InzageTests {
    /// Every case field group filled with a sentinel; a confidential reporter; a linked case.
    func filled(_ store: Store, _ id: UUID) throws {
        let today = TestStore.today
        try store.write { tx in
            try tx.put(ClientIdentity(givenNames: "Zqxgiven", familyName: "Zqxfamily", aliases: ["Zqxalias"], birthDate: .exact(CalendarDate(year: 2009, month: 1, day: 2)!),
                                      gender: "vrouw"), entity: id, caseID: id)
            try tx.put(ClientOrigin(nationalities: ["PL"], languages: ["pl"], interpreterNeeded: true), entity: id, caseID: id)
            try tx.put(ClientContact(phone: "Zqxphone", address: "Zqxaddress"), entity: id, caseID: id)
            try tx.put(ClientStatus(residenceStatus: "eu-burger", dublin: false, lvb: true, ggz: nil, addiction: nil, unaccompanied: true), entity: id, caseID: id)
            try tx.put(CaseExploitation(forms: ["arbeidsuitbuiting"], sectors: ["schoonmaak"], indicators: [], crossBorder: true, description: "Zqxexploit"),
                       entity: id, caseID: id)
            try tx.put(CaseReferral(referrerType: "politie-avim", organisation: "politie-den-haag", contactName: "Zqxreporter", contactPhone: "Zqxrepphone",
                                    confidential: true, receivedOn: today), entity: id, caseID: id)
            try tx.put(CaseTrackOverride(track: .minor, reason: "Zqxtrack"), entity: id, caseID: id)
            try tx.put(ComenshaRegistration(status: "gemeld", date: CalendarDate(year: 2026, month: 3, day: 4)!, legalBasis: "wettelijke-plicht"), entity: id, caseID: id)
            try tx.put(Bedenktijd(start: CalendarDate(year: 2026, month: 3, day: 11)!, end: CalendarDate(year: 2026, month: 6, day: 11)!), entity: id, caseID: id)
            try tx.put(B8Record(status: "aangevraagd", since: nil, statementBy: "Zqxstatement"), entity: id, caseID: id)
            try tx.put(Aangifte(filed: true, date: nil, note: "Zqxaangifte"), entity: id, caseID: id)
            try tx.put(ClientGoals(goals: "Zqxgoals", preferredTerm: "overlever"), entity: id, caseID: id)
            try tx.put(IntakeNeeds(levels: ["veiligheid": "hoog"], notes: "Zqxneeds"), entity: id, caseID: id)
            try tx.put(ReporterFeedback(outcome: "intake-gestart", toldOn: nil, note: "Zqxfeedbacknote"), entity: id, caseID: id)
            try tx.put(CaseSafety(plan: "Zqxsafety", secretAddress: false, reviewedOn: nil), entity: id, caseID: id)
            try tx.put(TransitionPlan(status: "vastgesteld", receivingOrganisation: nil, agreedOn: nil, plan: "Zqxtransition"), entity: id, caseID: id)
            try tx.put(OnwardCare(need: "omm", since: CalendarDate(year: 2026, month: 5, day: 14)!), entity: id, caseID: id)
            try tx.put(TimelineNote(on: today, author: store.userID, text: "Zqxnote\nregel twee", kind: "contact"), entity: UUID(), caseID: id)
            try tx.put(CaseAction(title: "Zqxaction", owner: "ggd-haaglanden", due: today), entity: UUID(), caseID: id)
            try tx.put(Placement(shelterType: "cosm", organisation: "shop", from: CalendarDate(year: 2026, month: 3, day: 13)!), entity: UUID(), caseID: id)
            try tx.put(PlacementAttempt(on: today, shelterType: "omm", organisation: "palmhuis", accepted: false, rejectionReason: "geen-plek", note: "Zqxattempt"),
                       entity: UUID(), caseID: id)
            try tx.put(CareNetworkEntry(organisation: "ggd-haaglanden", contactName: "Zqxcarename", contactPhone: "Zqxcarephone", role: "medisch",
                                        agreement: "Zqxcare", active: true), entity: UUID(), caseID: id)
            try tx.put(Consent(purpose: "casusoverleg", legalBasis: "toestemming", givenOn: CalendarDate(year: 2026, month: 3, day: 22)!), entity: UUID(), caseID: id)
            try tx.put(GroupLink(groupID: UUID(), groupKind: "gezin", label: "Zqxothername"), entity: UUID(), caseID: id)
            try tx.put(MatchRequestRecord(maatjeType: "sociaal", waitingSince: CalendarDate(year: 2026, month: 4, day: 17)!, buddyNote: "Zqxbuddy"),
                       entity: UUID(), caseID: id)
            try tx.put(CaseDocument(title: "Zqxdocument", documentType: "b8-verklaring", fileName: "Zqxfilename.pdf", byteCount: 10,
                                    addedOn: today, blob: UUID(), digest: "Zqxdigest"), entity: UUID(), caseID: id)
            _ = try tx.recordDisclosure(id, recipient: "veilig-thuis-haaglanden", purpose: "casusoverleg", legalBasis: "convenant",
                                        fields: ["case.opening.code"], on: today)
        }
    }

    @Test func holdsEveryGroupAndTheDisclosuresButNotTheConfidentialReporter() throws {
        let (a, b, id) = try SyncTest.pairWithSharedCase()
        defer { TestStore.remove(a); TestStore.remove(b) }
        try filled(a, id)
        try SyncTest.send(a, b)
        let doc = try a.inzageDocument(id)
        let text = doc.markdown
        let ref = ReferenceData.shared
        // One sentinel (or value in words) per field group.
        let expected = ["Zqxgiven", "Zqxalias", "02-01-2009", "Polen", "Zqxphone", "Zqxaddress", ref.label("residenceStatuses", "eu-burger"),
                        try #require(a.caseFile(id).code?.description), Phase.signaal.label, "Den Haag", "Zqxexploit",
                        ref.label("referrerTypes", "politie-avim"), "Zqxtrack", "04-03-2026", "11-06-2026", "Zqxstatement", "Zqxaangifte",
                        "Zqxgoals", "Zqxneeds", ref.label("feedbackOutcomes", "intake-gestart"), "Zqxsafety", "Zqxtransition", "14-05-2026",
                        "Zqxnote", "Zqxaction", "13-03-2026", "Zqxattempt", "Zqxcare", "Zqxcarename", "22-03-2026", ref.label("groupKinds", "gezin"),
                        "Zqxbuddy", "17-04-2026", "Zqxdocument", ref.label("documentTypes", "b8-verklaring"),
                        // The disclosures: the casusoverleg decision and the bundle to the colleague.
                        "Veilig Thuis", ref.label("sharingPurposes", "casusoverleg"), L10n.t("inzage.colleagueDevice"),
                        ref.label("legalBases", BundleShareDetail.defaultLegalBasis),
                        // The history of changes, by function.
                        L10n.t("inzage.changed", InsightLabels.groupLabel(ClientIdentity.key)), "Zorgcoördinator mensenhandel",
                        L10n.t("inzage.reporterConfidential")]
        for s in expected { #expect(text.contains(s), "missing \(s)") }
        // Not: the confidential reporter, other people in linked cases, a colleague's name,
        // technical fields and the attachment's bytes' traces.
        for s in ["Zqxreporter", "Zqxrepphone", "Zqxfeedbacknote", "Politie Den Haag", "Zqxothername", "Zqxcarephone", "Zqxdigest",
                  "Test Coördinator", "Zqxfilename"] {
            #expect(!text.contains(s), "leaked \(s)")
        }
        #expect(doc.fields.contains("client.identity.givenNames") && !doc.fields.contains("case.referral.contactName"))
        // Handing it out is recorded: a disclosure to the client and an audit entry.
        try a.recordInzage(doc)
        let d = try #require(try a.caseFile(id).disclosures.values.first { $0.recipient == InzageDocument.recipient })
        #expect(d.purpose == "inzage" && d.legalBasis == "avg-art-15" && d.fields == doc.fields && d.on == TestStore.today)
        #expect(try a.auditEntries().contains { $0.action == "inzage-exported" && $0.caseID == id })
        #expect(try a.disclosureRegister(DisclosureFilter(caseID: id)).contains { $0.purpose == "inzage" && $0.recipientLabel == L10n.t("inzage.recipient") })
    }

    @Test func aSecretAddressStaysOut() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let (id, _) = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }
        try store.write { tx in
            try tx.put(ClientContact(phone: "Zqxphone", address: "Zqxsecretaddress"), entity: id, caseID: id)
            try tx.put(CaseSafety(plan: nil, secretAddress: true, reviewedOn: nil), entity: id, caseID: id)
        }
        let doc = try store.inzageDocument(id)
        #expect(!doc.markdown.contains("Zqxsecretaddress") && doc.markdown.contains("Zqxphone") && doc.markdown.contains(L10n.t("inzage.secretAddress")))
        #expect(!doc.fields.contains(SharingGuard.addressPath))
        try store.recordInzage(doc)
    }
}
