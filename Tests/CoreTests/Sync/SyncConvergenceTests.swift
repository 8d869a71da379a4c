import Foundation
import Testing
import GRDB
@testable import Core

/// Property: whatever the edits, the order of exchanges, duplicates, late bundles and
/// partitions, stores that end with a full exchange hold the same state (values, conflicts of
/// both kinds, tombstones, case codes) and pass `check`. Each seed is one random history;
/// `SCHAKEL_SYNC_SEEDS=N` runs N seeds instead of the default set.
@Suite struct SyncConvergenceTests {
    static let seeds: [UInt64] = {
        if let n = ProcessInfo.processInfo.environment["SCHAKEL_SYNC_SEEDS"].flatMap(Int.init), n > 0 {
            return (0..<UInt64(n)).map { 1000 + $0 }
        }
        return Array(1...12)
    }()

    @Test(arguments: seeds) func randomHistoriesConverge(seed: UInt64) throws {
        var sim = try Simulation(seed: seed)
        defer { sim.close() }
        try sim.run()
    }
}

/// One random history on 3-5 stores.
struct Simulation {
    let seed: UInt64
    var rng: SeededRandom
    let clock = FixedClock(TestStore.today.date)
    let stores: [Store]
    let contacts: [UUID]
    /// Pairs (unordered, by index) that do not exchange during the first part.
    var blocked = Set<[Int]>()
    /// Bundles written and not yet read: (from, to, file).
    var pending: [(Int, Int, URL)] = []
    /// Bundles read once, to be read again (duplicates).
    var read: [(Int, URL)] = []
    var stats: [String: Int] = [:]

    init(seed: UInt64) throws {
        self.seed = seed
        rng = SeededRandom(seed: seed)
        let n = Int.random(in: 3...5, using: &rng)
        stores = try SyncTest.team(n, clock: clock)
        try SyncTest.shareAll(stores)
        var r = rng
        contacts = (0..<3).map { _ in r.uuid() }
        rng = r
        for i in 0..<n { for j in i + 1..<n where rng.chance(0.3) { blocked.insert([i, j]) } }
    }

    func close() {
        stores.forEach(TestStore.remove)
        for (_, _, url) in pending { try? FileManager.default.removeItem(at: url) }
        for (_, url) in read { try? FileManager.default.removeItem(at: url) }
    }

    var today: CalendarDate { CalendarDate(clock.now()) }

    mutating func run() throws {
        let n = stores.count
        for i in 0..<n { try edit(i, forceOpen: true) }
        let steps = Int.random(in: 60...100, using: &rng)
        for step in 0..<steps {
            clock.advance(by: Double(Int.random(in: 0...20, using: &rng)))
            if step == steps / 2 { blocked.removeAll() }      // the partition heals halfway
            let r = Int.random(in: 0..<100, using: &rng)
            if r < 55 {
                try edit(Int.random(in: 0..<n, using: &rng))
            } else if r < 82 {
                let i = Int.random(in: 0..<n, using: &rng)
                var j = Int.random(in: 0..<n - 1, using: &rng)
                if j >= i { j += 1 }
                guard !blocked.contains([min(i, j), max(i, j)]) else { stats["blocked", default: 0] += 1; continue }
                let url = try SyncTest.export(stores[i], stores[j])
                if rng.chance(0.7) { try importFile(j, url, label: "direct") } else { pending.append((i, j, url)) }
            } else if r < 93 {
                guard !pending.isEmpty else { continue }
                let k = Int.random(in: 0..<pending.count, using: &rng)
                let (_, j, url) = pending.remove(at: k)
                try importFile(j, url, label: "late")
            } else {
                guard !read.isEmpty else { continue }
                let (j, url) = rng.pick(read)
                let report = try stores[j].importBundle(url)
                #expect(report.outcome == .alreadyImported, "seed \(seed): a bundle read twice")
                stats["duplicate", default: 0] += 1
            }
        }
        // Late bundles left over are read too (after newer ones: they must change nothing wrong).
        for (_, j, url) in pending { try importFile(j, url, label: "late") }
        pending.removeAll()
        let rounds = try SyncTest.exchangeUntilQuiet(stores)
        #expect(rounds != nil, "seed \(seed): the exchange did not become quiet")
        let reference = try SyncTest.fullState(stores[0])
        for (i, s) in stores.enumerated() {
            let st = try SyncTest.fullState(s)
            if st != reference {
                let a = Set(reference), b = Set(st)
                Issue.record("seed \(seed): store \(i) differs from store 0: only in 0: \(a.subtracting(b).sorted().prefix(6)), only in \(i): \(b.subtracting(a).sorted().prefix(6))")
            }
            let problems = try s.check().problems
            let detail = problems.isEmpty ? [] : try SyncTest.stateMismatches(s)
            #expect(problems == [], "seed \(seed): store \(i): \(problems) \(detail) \(stats)")
            #expect(try s.pendingOutgoing(stores[(i + 1) % stores.count].deviceID) == 0, "seed \(seed)")
            #expect(s.heldBundleCount() == 0, "seed \(seed)")
        }
        // The case files themselves agree too (summaries are built from them).
        for summary in try stores[0].summaries() {
            let file = try stores[0].caseFile(summary.id)
            for s in stores.dropFirst() { #expect(try s.caseFile(summary.id) == file, "seed \(seed): case \(summary.code)") }
        }
        #expect((stats["edit"] ?? 0) >= 15, "seed \(seed): \(stats)")
    }

    mutating func importFile(_ j: Int, _ url: URL, label: String) throws {
        let report = try stores[j].importBundle(url)
        #expect(report.outcome == .applied, "seed \(seed): \(label) import: \(report.outcome)")
        stats[label, default: 0] += 1
        stats["conflicts", default: 0] += report.conflicts
        read.append((j, url))
    }

    /// One random change on store `i` (one that the workflow allows; refused ones are counted).
    mutating func edit(_ i: Int, forceOpen: Bool = false) throws {
        let s = stores[i]
        let cases = try s.summaries().sorted { $0.id.uuidString < $1.id.uuidString }
        let users = stores.map(\.userID)
        let day = today
        let what = forceOpen || cases.isEmpty ? 0 : Int.random(in: 0..<100, using: &rng)
        var label = "open"
        do {
            switch what {
            case 0..<6:
                var new = TestStore.newCase(s, given: rng.pick(["Ewa", "Olena", "Mariam", "Chen"]), family: rng.pick(["Nowak", "Bondar", "Haile"]))
                new.backup = rng.chance(0.5) ? rng.pick(users) : nil
                try s.write { tx in _ = try tx.openCase(new) }
            case 6..<10:
                label = "contact"
                let contact = rng.pick(contacts)
                let name = rng.pick(["Jansen", "De Vries", "Bakker"])
                try s.write { tx in _ = try tx.put(ContactRecord(organisation: "cjg", name: name, function: "aandachtsfunctionaris"), entity: contact) }
            case 10..<12:
                label = "erase"
                guard rng.chance(0.5) else { return }
                try s.eraseCase(rng.pick(cases).id)
            case 12..<20:
                label = "resolve"
                let conflicts = try s.conflicts()
                guard !conflicts.isEmpty else { return }
                let c = rng.pick(conflicts)
                try s.resolveConflict(c, keeping: rng.pick(c.values).eventID)
            default:
                let id = rng.pick(cases).id
                let file = try s.caseFile(id)
                let r = Int.random(in: 0..<6, using: &rng)
                switch r {
                case 0:
                    label = "goals"
                    let goals = ClientGoals(goals: rng.pick(["Veilige woonplek", "Terug naar school", "Werk vinden"]))
                    try s.write { tx in try tx.update(id, goals) }
                case 1:
                    label = "bedenktijd"
                    let days = Int.random(in: 10...80, using: &rng)
                    try s.write { tx in try tx.setBedenktijd(id, start: day, end: day.adding(days: days)) }
                case 2:
                    label = "note"
                    let text = "Notitie \(Int.random(in: 0..<1000, using: &rng))"
                    try s.write { tx in _ = try tx.addNote(id, text: text, on: day) }
                case 3:
                    label = "removeNote"
                    let notes = file.notes.keys.sorted { $0.uuidString < $1.uuidString }
                    guard !notes.isEmpty else { return }
                    let note = rng.pick(notes)
                    try s.write { tx in try tx.remove(kind: .note, entity: note, caseID: id) }
                case 4:
                    label = "phase"
                    guard let current = file.phase?.phase else { return }
                    let to = rng.chance(0.35) && current != .afgesloten ? .afgesloten : rng.pick(current.next)
                    let reason: String? = to == .afgesloten ? "doelen-bereikt" : current == .afgesloten ? "heropend" : nil
                    try s.write { tx in try tx.changePhase(id, to: to, on: day, reason: reason) }
                    if to == .afgesloten { stats["closure", default: 0] += 1 }
                default:
                    label = "backup"
                    guard var coordination = file.coordination else { return }
                    coordination.backup = rng.chance(0.3) ? nil : rng.pick(users)
                    try s.write { tx in try tx.update(id, coordination) }
                }
            }
            stats[label, default: 0] += 1
            stats["edit", default: 0] += 1
        } catch let e as SchakelError {
            stats["refused \(label): \(e.message)", default: 0] += 1
        }
    }
}
