import Foundation
import Testing
import GRDB
@testable import Core

/// The caseload issue's writes against a real (temporary) store.
@Suite(.serialized) struct CareOperationTests {
    static let today = TestStore.today

    func makeCase(_ store: Store, backup: UUID? = nil, given: String = "Ewa") throws -> UUID {
        var new = TestStore.newCase(store, given: given)
        new.backup = backup
        new.phase = .intake
        return try store.write { tx in try tx.openCase(new).id }
    }

    @Test func rejectedAttemptStartsTheWaitAndAnAcceptedOneEndsIt() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let id = try makeCase(store)
        try store.write { tx in
            try tx.recordPlacementAttempt(id, PlacementAttempt(on: Self.today.adding(days: -20), shelterType: "omm", organisation: "palmhuis",
                                                               accepted: false, rejectionReason: "verslaving"))
        }
        var file = try store.caseFile(id)
        #expect(file.onwardCare == OnwardCare(need: "omm", since: Self.today.adding(days: -20)))
        #expect(try store.summaries().first?.onwardCareSince == Self.today.adding(days: -20))
        // A second rejection keeps the original waiting date.
        try store.write { tx in
            try tx.recordPlacementAttempt(id, PlacementAttempt(on: Self.today.adding(days: -5), shelterType: "omm", organisation: "shop",
                                                               accepted: false, rejectionReason: "geen-plek"))
        }
        #expect(try store.caseFile(id).onwardCare?.since == Self.today.adding(days: -20))
        try store.write { tx in
            try tx.recordPlacementAttempt(id, PlacementAttempt(on: Self.today, shelterType: "omm", organisation: "shop", accepted: true))
        }
        file = try store.caseFile(id)
        #expect(file.onwardCare?.resolvedOn == Self.today)
        #expect(file.placements.values.filter { $0.until == nil }.count == 1)
        #expect(file.placementAttempts.count == 3)
        #expect(try store.summaries().first?.onwardCareSince == nil)
        // A rejection without a reason is refused; nothing is written.
        let before = try store.eventCount()
        #expect(throws: SchakelError.self) {
            try store.write { tx in try tx.recordPlacementAttempt(id, PlacementAttempt(on: Self.today, shelterType: "omm", organisation: "shop", accepted: false)) }
        }
        #expect(try store.eventCount() == before)
    }

    @Test func absenceHandsCasesToBackupsWithNotesAndBack() throws {
        let clock = FixedClock(Self.today.date)
        let store = try TestStore.make(clock: clock)
        defer { TestStore.remove(store) }
        let colleague = UUID()
        try store.write { tx in try tx.put(UserRecord(name: "Noor Achterhoek", role: .zorgcoordinator, function: "Zorgcoördinator", organisation: "shop"), entity: colleague) }
        let a = try makeCase(store, backup: colleague, given: "Ewa")
        let b = try makeCase(store, backup: nil, given: "Ana")
        let names: (UUID) -> String = { $0 == colleague ? "Noor Achterhoek" : "Test Coördinator" }
        // Not while a case has no backup: the message names it.
        let codeB = try #require(try store.caseFile(b).code)
        #expect(throws: SchakelError(.validation, L10n.t("absence.noBackup", codeB.description))) {
            try store.write { tx in _ = try tx.startAbsence(coordinator: store.userID, from: Self.today, until: Self.today.adding(days: 7), userName: names) }
        }
        try store.write { tx in
            try tx.update(b, CaseCoordination(coordinator: store.userID, backup: colleague, region: "haaglanden", municipality: "den-haag"))
            try tx.addItem(a, CaseAction(title: "Huisarts regelen", owner: "ggd-haaglanden", due: Self.today.adding(days: 2)))
        }
        let started = try store.write { tx in try tx.startAbsence(coordinator: store.userID, from: Self.today, until: Self.today.adding(days: 7), userName: names) }
        #expect(started.cases == 2)
        let handover = try #require(try store.caseFile(a).notes.values.first { $0.kind == "overdracht" })
        #expect(handover.text.contains("Noor Achterhoek"))
        #expect(handover.text.contains("Huisarts regelen"))
        // The backup holds the cases today; the coordinator field is unchanged.
        let summaries = try store.summaries()
        let holder = CaseHolder(absences: try store.records(Absence.self), summaries: Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, $0) }), on: Self.today)
        #expect(summaries.allSatisfy { holder.holder($0) == colleague && $0.coordinator == store.userID })
        let later = CaseHolder(absences: try store.records(Absence.self), summaries: Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, $0) }), on: Self.today.adding(days: 8))
        #expect(summaries.allSatisfy { later.holder($0) == store.userID })
        // A second overlapping absence is refused.
        #expect(throws: SchakelError.self) {
            try store.write { tx in _ = try tx.startAbsence(coordinator: store.userID, from: Self.today.adding(days: 3), until: Self.today.adding(days: 9), userName: names) }
        }
        try store.write { tx in try tx.logNote(a, kind: "contact", text: "Gebeld door de achtervang.", on: Self.today) }
        let absenceID = try #require(try store.records(Absence.self).first?.id)
        try store.write { tx in try tx.endAbsence(absenceID, userName: names) }
        let back = try store.caseFile(a).notes.values.filter { $0.kind == "overdracht" }
        #expect(back.count == 2)
        #expect(back.contains { $0.text.contains(L10n.t("handover.returnNotes", 1, 1)) })
        #expect(try store.records(Absence.self).first?.value.handedBackOn == Self.today)
        let handedBack = CaseHolder(absences: try store.records(Absence.self), summaries: Dictionary(uniqueKeysWithValues: summaries.map { ($0.id, $0) }), on: Self.today)
        #expect(summaries.allSatisfy { handedBack.holder($0) == store.userID })
        #expect(try store.check().ok)
    }

    @Test func documentsAreSealedReadBackAndRemoved() throws {
        let store = try TestStore.make()
        let location = store.location
        defer { try? FileManager.default.removeItem(at: location.directory) }
        let id = try makeCase(store)
        let sentinel = "SENTINEL-DOCUMENT-CONTENT-7f3a"
        let docID = try store.write { tx in
            try tx.addDocument(id, title: "Verklaring", documentType: "b8-verklaring", fileName: "verklaring.txt", data: Data(sentinel.utf8), on: Self.today)
        }
        let doc = try #require(try store.caseFile(id).documents[docID])
        #expect(doc.byteCount == sentinel.utf8.count)
        #expect(try store.documentData(id, doc) == Data(sentinel.utf8))
        // Refused: empty, too large, unknown type.
        #expect(throws: SchakelError.self) { try store.write { tx in _ = try tx.addDocument(id, title: "x", documentType: "b8-verklaring", fileName: "x", data: Data(), on: Self.today) } }
        #expect(throws: SchakelError.self) {
            try store.write { tx in _ = try tx.addDocument(id, title: "x", documentType: "b8-verklaring", fileName: "x", data: Data(count: CaseDocument.maxBytes + 1), on: Self.today) }
        }
        #expect(throws: SchakelError.self) { try store.write { tx in _ = try tx.addDocument(id, title: "x", documentType: "nope", fileName: "x", data: Data([1]), on: Self.today) } }
        store.close()
        // No plaintext in the store's files.
        for f in try FileManager.default.contentsOfDirectory(at: location.directory, includingPropertiesForKeys: nil) {
            let bytes = (try? Data(contentsOf: f)) ?? Data()
            #expect(bytes.range(of: Data(sentinel.utf8)) == nil, "\(f.lastPathComponent)")
        }
        // A swapped blob (another document's bytes under this id) is detected.
        let reopened = try Store.open(at: location, passphrase: TestStore.passphrase)
        try reopened.write { tx in try tx.removeDocument(id, documentID: docID) }
        #expect(try reopened.caseFile(id).documents.isEmpty)
        #expect(try reopened.pool.read { try Int.fetchOne($0, sql: "SELECT COUNT(*) FROM document_blob") } == 0)
        #expect(throws: SchakelError.self) { _ = try reopened.documentData(id, doc) }
        #expect(try reopened.check().ok)
        reopened.close()
    }

    @Test func fieldHistoryListsEveryValueWithAuthor() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let id = try makeCase(store)
        try store.write { tx in try tx.changePhase(id, to: .traject, on: Self.today, reason: "plaatsing-gerealiseerd") }
        try store.write { tx in try tx.changePhase(id, to: .afgesloten, on: Self.today, reason: "doelen-bereikt") }
        let phases = try store.phaseHistory(id)
        #expect(phases.map(\.phase.phase) == [.intake, .traject, .afgesloten])
        #expect(phases.allSatisfy { $0.author == store.userID })
        let noteID = try store.write { tx in try tx.logNote(id, kind: "contact", text: "eerste", on: Self.today) }
        try store.write { tx in try tx.remove(kind: .note, entity: noteID, caseID: id) }
        let noteHistory = try store.history(caseID: id, kind: .note, entity: noteID, group: "main")
        #expect(noteHistory.count == 2)
        #expect((noteHistory[0].value as? TimelineNote)?.text == "eerste")
        #expect(noteHistory[1].value == nil)
    }

    @Test func referralSummaryNeverOffersASecretAddressAndRecordsTheDisclosure() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let id = try makeCase(store)
        try store.write { tx in try tx.update(id, ClientContact(phone: "06 1234 5678", address: "Voorbeeldstraat 1, Den Haag")) }
        var file = try store.caseFile(id)
        #expect(ReferralSummary(file: file, today: Self.today).availableFields.contains { $0.path == SharingGuard.addressPath })
        try store.write { tx in try tx.update(id, CaseSafety(plan: "Noodnummer bekend.", secretAddress: true)) }
        file = try store.caseFile(id)
        let fields = ReferralSummary(file: file, today: Self.today).availableFields
        #expect(!fields.contains { $0.path == SharingGuard.addressPath })
        #expect(fields.first?.path == "case.opening.code")
        #expect(throws: SchakelError(.notAllowed, L10n.t("referral.blocked"))) {
            try store.write { tx in _ = try tx.recordDisclosure(id, recipient: "palmhuis", purpose: "plaatsing", legalBasis: "toestemming",
                                                                fields: [SharingGuard.addressPath], on: Self.today) }
        }
        let chosen = fields.filter { !$0.sensitive }
        let text = ReferralSummary(file: file, today: Self.today).markdown(fields: chosen, recipient: "palmhuis", purpose: "plaatsing")
        #expect(!text.contains("Voorbeeldstraat"))
        #expect(!text.contains("Ewa"))
        try store.write { tx in _ = try tx.recordDisclosure(id, recipient: "palmhuis", purpose: "plaatsing", legalBasis: "toestemming", fields: chosen.map(\.path), on: Self.today) }
        let d = try #require(try store.caseFile(id).disclosures.values.first)
        #expect(d.fields == chosen.map(\.path) && d.recipient == "palmhuis")
    }

    @Test func workloadCountsWhatEachCoordinatorHolds() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let a = try makeCase(store)
        _ = try makeCase(store)
        try store.write { tx in try tx.update(a, OnwardCare(need: "omm", since: Self.today.adding(days: -3))) }
        var new = TestStore.newCase(store); new.phase = .signaal
        _ = try store.write { tx in try tx.openCase(new) }
        let summaries = try store.summaries()
        let loads = Workload.compute(summaries, holder: CaseHolder(absences: [], summaries: [:], on: Self.today), on: Self.today)
        #expect(loads.count == 1)
        #expect(loads[0].open == 3 && loads[0].waitingOnwardCare == 1 && loads[0].unhandledSignals == 1)
        #expect(loads[0].byPhase[.intake] == 2)
    }

    @Test func runtimeFolderIsInMemoryAndOwnerOnly() throws {
        let folder = try RuntimeFolder.make()
        defer { folder.remove() }
        #expect(RuntimeFolder.isMemoryBacked(folder.url.path))
        #expect(!RuntimeFolder.isMemoryBacked(FileManager.default.currentDirectoryPath) || FileManager.default.currentDirectoryPath.hasPrefix("/dev/shm"))
        let file = try folder.write(Data("x".utf8), name: "../../etc/evil\u{1b}[2J.txt")
        #expect(file.deletingLastPathComponent().path == folder.url.path)
        let attrs = try FileManager.default.attributesOfItem(atPath: file.path)
        #expect((attrs[.posixPermissions] as? Int) == 0o600)
        #expect(((try FileManager.default.attributesOfItem(atPath: folder.url.path))[.posixPermissions] as? Int) == 0o700)
    }

    @Test func viewerFileIsRemovedWhenTheViewerExits() throws {
        let viewer = DocumentViewer(command: ["/bin/sh", "-c", "test -s \"$0\""])
        try viewer.show(Data("inhoud".utf8), fileName: "brief.txt")
        let deadline = Date().addingTimeInterval(TestTiming.allowance(10))
        while viewer.openCount > 0 && Date() < deadline { usleep(20_000) }
        #expect(viewer.openCount == 0)
        let leftovers = (try? FileManager.default.contentsOfDirectory(atPath: "/dev/shm"))?.filter { $0.hasPrefix("schakel-\(getuid())-\(getpid())") } ?? []
        let runtime = ProcessInfo.processInfo.environment["XDG_RUNTIME_DIR"].flatMap { try? FileManager.default.contentsOfDirectory(atPath: $0) }?
            .filter { $0.hasPrefix("schakel-\(getuid())-\(getpid())") } ?? []
        #expect(leftovers.isEmpty && runtime.isEmpty)
    }
}
