import Foundation
import Testing
@testable import Core

/// Puts unique sentinel strings in every name, alias and free-text field, closes the
/// store, and searches every file in the store directory (WAL and SHM included) and the
/// temp directory for them. Encryption at rest means none may be found.
@Suite(.serialized) struct SentinelTests {
    @Test func noPersonalDataInPlaintextOnDisk() throws {
        let store = try TestStore.make()
        let location = store.location
        var sentinels: [String] = []
        func s(_ label: String) -> String { let v = "Sntnl\(label)\(sentinels.count)Qz"; sentinels.append(v); return v }
        let tempBefore = Set((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? [])

        try store.write { tx in
            var new = TestStore.newCase(store, given: s("Given"), family: s("Family"))
            new.identity.aliases = [s("Alias")]
            new.contact = ClientContact(phone: s("Phone"), address: s("Address"))
            new.referral = CaseReferral(referrerType: "school", organisation: s("Org"), contactName: s("Reporter"), contactPhone: s("RPhone"),
                                        confidential: true, receivedOn: TestStore.today)
            new.exploitation = CaseExploitation(forms: ["arbeidsuitbuiting"], description: s("Description"))
            let (id, _) = try tx.openCase(new)
            try tx.addNote(id, text: "Notitie over \(s("NoteName"))", on: TestStore.today)
            try tx.update(id, ClientGoals(goals: s("Goals")))
            try tx.update(id, Aangifte(filed: true, note: s("Aangifte")))
            try tx.update(id, CaseTrackOverride(track: .minor, reason: s("Track")))
            try tx.addItem(id, CaseAction(title: s("Action"), owner: "shop", due: nil))
            try tx.addItem(id, CareNetworkEntry(organisation: "ggd-haaglanden", contactName: s("Contact"), contactPhone: s("CPhone"), role: "medisch", agreement: s("Agreement")))
            try tx.addItem(id, PlacementAttempt(on: TestStore.today, shelterType: "omm", organisation: "palmhuis", accepted: false, rejectionReason: "geen-plek", note: s("Attempt")))
            try tx.addItem(id, GroupLink(groupID: UUID(), groupKind: "gezin", label: s("Group")))
            try tx.changePhase(id, to: .intake, on: TestStore.today, note: s("PhaseNote"))
            let meeting = UUID()
            try tx.put(MeetingRecord(table: "casusoverleg-18-", date: TestStore.today), entity: meeting)
            try tx.put(AgendaItemRecord(meeting: meeting, order: 1, caseID: id, title: s("ItemTitle"), question: s("Question"), broughtBy: "cjg"), entity: UUID())
            try tx.put(MinutesRecord(meeting: meeting, agendaItem: nil, text: s("Minutes")), entity: UUID())
            try tx.put(AttendanceRecord(meeting: meeting, organisation: "fier", present: true, names: [s("Attendee")]), entity: UUID())
            try tx.put(MeetingActionRecord(meeting: meeting, agendaItem: nil, what: s("MeetingAction"), organisation: "cjg", due: nil), entity: UUID())
            try tx.put(ContactRecord(organisation: "cjg", name: s("ContactName"), function: "af", phone: s("ContactPhone"), email: s("Email")), entity: UUID())
            try tx.put(UserRecord(name: s("Colleague"), role: .zorgcoordinator, function: "zc", organisation: "shop"), entity: UUID())
            try tx.put(MaatjeProfile(name: s("Maatje"), maatjeType: "sociaal", organisation: "stek", languages: ["nl"], gender: "vrouw",
                                     birthYear: 1980, municipality: "den-haag", notes: s("MaatjeNotes")), entity: UUID())
            try tx.put(MatchRecord(request: UUID(), caseID: id, maatje: UUID(), status: "actief", since: TestStore.today, evaluation: s("Evaluation")), entity: UUID())
        }
        #expect(try store.check().ok)
        // Reading everything back (fills caches, runs queries) must not leak either.
        _ = try store.summaries()
        store.close()

        var files = try FileManager.default.contentsOfDirectory(atPath: location.directory.path).map { location.directory.appendingPathComponent($0) }
        let tempAfter = Set((try? FileManager.default.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? [])
        files += tempAfter.subtracting(tempBefore).map { URL(fileURLWithPath: NSTemporaryDirectory()).appendingPathComponent($0) }
        #expect(files.contains { $0.lastPathComponent == "schakel.sqlite" })
        for file in files {
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: file.path, isDirectory: &isDir), !isDir.boolValue,
                  let data = try? Data(contentsOf: file) else { continue }
            for sentinel in sentinels {
                #expect(data.range(of: Data(sentinel.utf8)) == nil, "\(sentinel) in \(file.lastPathComponent)")
                #expect(data.range(of: Data(sentinel.utf16.flatMap { [UInt8($0 & 0xff), UInt8($0 >> 8)] })) == nil)
            }
        }
        try? FileManager.default.removeItem(at: location.directory)
    }
}

/// Another account on the same laptop (a shared office machine) cannot open the store's files,
/// however its user's umask is set: the folder is 0700, every file and folder in it owner-only.
@Suite struct StorePermissionTests {
    @Test func everyFileInTheStoreIsTheOwnersOnly() throws {
        let store = try TestStore.make()
        let id = try store.write { tx in try tx.openCase(TestStore.newCase(store)) }.id
        // A reading process beside the writer drops an audit inbox entry.
        let reader = try Store.open(at: store.location, passphrase: TestStore.passphrase, mode: .read)
        try reader.recordCaseOpened(id)
        reader.close()
        defer { TestStore.remove(store) }
        let root = store.location.directory
        var checked = 0
        func mode(_ url: URL) throws -> Int { try #require(try FileManager.default.attributesOfItem(atPath: url.path)[.posixPermissions] as? Int) }
        #expect(try mode(root) == 0o700)
        let walker = try #require(FileManager.default.enumerator(at: root, includingPropertiesForKeys: [.isDirectoryKey]))
        for case let url as URL in walker {
            let isDir = (try? url.resourceValues(forKeys: [.isDirectoryKey]).isDirectory) ?? false
            let m = try mode(url)
            #expect(m & 0o077 == 0, "\(url.lastPathComponent) has mode \(String(m, radix: 8))")
            if !isDir { checked += 1 }
        }
        // The database, its WAL and SHM, the lock and the inbox entry at least.
        #expect(checked >= 5)
    }
}
