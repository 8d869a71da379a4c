import Foundation
import Core
import TUI

// `make bench`: the performance targets of the issues, measured on a cached
// `demo --scale 100` store (~43k cases, ~1.3M events) in a release build.
// Prints a Markdown table (copied into the README) and writes .bench-cache/report.md.

setvbuf(stdout, nil, _IOLBF, 0)
let scale = Int(ProcessInfo.processInfo.environment["BENCH_SCALE"] ?? "100") ?? 100
let cache = URL(fileURLWithPath: ".bench-cache/scale\(scale)")
let location = StoreLocation(directory: cache)
let today = CalendarDate(year: 2026, month: 11, day: 22)!
let clock = FixedClock(today.date)

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ xs: [Double]) -> Double { let s = xs.sorted(); return s[s.count / 2] }
func percentile(_ xs: [Double], _ p: Double) -> Double { let s = xs.sorted(); return s[min(s.count - 1, Int(Double(s.count) * p))] }
func ms(_ s: Double) -> String { String(format: "%.2f ms", s * 1000) }
func residentMB() -> Double {
    guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let pages = Double(statm.split(separator: " ")[1]) ?? 0
    return pages * Double(sysconf(Int32(_SC_PAGESIZE))) / 1_048_576
}

var rows: [(String, String, String)] = []
func row(_ what: String, _ value: String, _ target: String) {
    rows.append((what, value, target))
    print("\(what): \(value) (target \(target))")
}

// 1. The cached store (generated once; delete .bench-cache to regenerate).
if !location.exists {
    print("Generating demo --scale \(scale) in \(cache.path) (once)…")
    let t = try seconds {
        let (store, result) = try DemoGenerator(scale: scale, seed: 1, today: today).create(at: location, kdf: .calibrated(), clock: clock) { done, total in
            if done % 5000 < 250 { print("  \(done)/\(total) cases") }
        }
        print("  \(result.cases) cases, \(result.events) events")
        store.close()
    }
    row("Generate demo --scale \(scale) (once, cached)", String(format: "%.1f s", t), "–")
}

// 2. Unlock and load one coordinator's caseload.
var store: Store!
let unlock = try seconds { store = try Store.open(at: location, passphrase: DemoGenerator.passphrase, mode: .write, clock: clock) }
var scryptTime = 0.0
scryptTime = try seconds { _ = try store.kdf.deriveKey(passphrase: "demo", salt: Data(count: 16)) }
let coordinator = store.userID
var caseload: [CaseSummary] = []
let load = try seconds { caseload = try store.summaries(coordinator: coordinator, includeBackup: true) }
row("scrypt (N=2^\(store.kdf.logN), r=\(store.kdf.r), p=\(store.kdf.p))", ms(scryptTime), "0.25–0.5 s")
row("Unlock after scrypt + load one coordinator's caseload (\(caseload.count) cases)", ms(unlock - scryptTime + load), "< 1 s")

// `BENCH_ONLY=check`: only `schakel check` (section 8), while working on it.
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "check" {
    var report = CheckReport()
    let t = try seconds { report = try store.check() }
    row("schakel check (\(report.events) events, \(report.cases) cases)\(report.ok ? "" : " FAILED: \(report.problems.prefix(3))")", String(format: "%.1f s", t), "< 30 s")
    store.close()
    exit(0)
}

// `BENCH_ONLY=sync`: only the sync rows (section 10), while working on sync.
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "sync" {
    for r in try syncBenchmarks(store: store, directory: URL(fileURLWithPath: ".bench-cache"), clock: clock) { row(r.what, r.value, r.target) }
    store.close()
    exit(0)
}

// `BENCH_ONLY=report`: only the report rows (issue 9).
if ProcessInfo.processInfo.environment["BENCH_ONLY"] == "report" {
    var all: [CaseSummary] = []
    for _ in 0..<3 {
        let t = try seconds { all = try store.summaries() }
        row("Decrypt all \(all.count) summaries into memory", ms(t), "–")
    }
    for r in try reportBenchmarks(store: store, summaries: all, today: today) { row(r.what, r.value, r.target) }
    store.close()
    exit(0)
}

// 3. Open cases of one coordinator (warm: keys cached, as in the running program).
var openTimes: [Double] = []
for _ in 0..<20 {
    openTimes.append(try seconds { _ = try store.summaries(coordinator: coordinator).filter { $0.phase.isActive } })
}
row("Open cases of one coordinator (median of 20)", ms(median(openTimes)), "< 50 ms")

// 4. One durable change (a note, synchronous=FULL).
let caseID = caseload.first { $0.phase.isActive }!.id
var changeTimes: [Double] = []
for i in 0..<200 {
    changeTimes.append(try seconds { try store.write { tx in _ = try tx.addNote(caseID, text: "bench \(i)", on: today) } })
}
row("One durable change (median / p95 of 200)", "\(ms(median(changeTimes))) / \(ms(percentile(changeTimes, 0.95)))", "< 5 ms")

// 5. Steady-state memory after unlock with every summary in memory (what the UI holds).
var all: [CaseSummary] = []
let allTime = try seconds { all = try store.summaries() }
row("Decrypt all \(all.count) summaries into memory", ms(allTime), "–")
row("Resident memory after unlock, all summaries loaded", String(format: "%.0f MB", residentMB()), "< 200 MB")
// The casusoverleg 18- agenda proposal (issue 6) over every case.
for r in meetingBenchmarks(summaries: all, today: today) { row(r.what, r.value, r.target) }

// 6. The terminal UI on this store: a full 200×60 caseload frame (team view, every active
// case), a list keypress to the updated screen, and memory with the UI holding the workspace.
do {
    let backend = MemoryBackend(size: Size(width: 200, height: 60))
    let themes = ThemeLoader.locateDirectory(environment: [:], executablePath: CommandLine.arguments[0],
                                             currentDirectory: FileManager.default.currentDirectoryPath).map(ThemeLoader.init(directory:))
    let shell = Shell(backend: backend, options: Shell.Options(themes: themes, tier: .c256), unlocker: { _ in fatalError("already unlocked") })
    let workspaceTime = try seconds { shell.install(try Workspace(store: store)) }
    row("Load the UI workspace (all summaries, maatjes, meetings)", ms(workspaceTime), "–")
    shell.run(commandID: "caseload.view")
    shell.run(commandID: "caseload.view") // team: all active cases
    shell.draw()
    var frames: [Double] = []
    for _ in 0..<50 { frames.append(seconds { shell.draw() }) }
    row("Render a full 200×60 caseload frame, team view (median of 50)", ms(median(frames)), "< 2 ms")
    var keys: [Double] = []
    for i in 0..<200 {
        keys.append(seconds {
            shell.handle(.key(KeyEvent(i % 50 < 25 ? .down : .up)))
            shell.draw()
        })
    }
    row("List keypress to updated screen (median / p95 of 200)", "\(ms(median(keys))) / \(ms(percentile(keys, 0.95)))", "< 10 ms")
    row("Resident memory with the UI open on this store", String(format: "%.0f MB", residentMB()), "< 200 MB")

    // The attention worklist over every case (the team's), computed for today.
    let ws = shell.workspace!
    var worklistTimes: [Double] = []
    var entries = 0
    for _ in 0..<20 { worklistTimes.append(seconds { entries = Worklist.entries(ws.summaries, on: today, thresholds: ws.thresholds).count }) }
    row("Attention worklist over \(ws.summaries.count) cases (\(entries) with a signal, median of 20)", ms(median(worklistTimes)), "< 100 ms")

    // Opening a case detail with 500 timeline entries: decrypt the case, its phase history,
    // build the timeline, record the opening (audit), draw the overview and the timeline tab.
    let big = caseload.filter { $0.phase.isActive && $0.id != caseID }.first!.id
    let notes = try store.caseFile(big).notes.count
    if notes < 490 {
        try store.write { tx in for i in 0..<(490 - notes) { _ = try tx.logNote(big, kind: "contact", text: "Contact \(i) voor de benchmark.", on: today) } }
    }
    var detailTimes: [Double] = []
    var timelineCount = 0
    // The first opening decrypts and decodes every event of the case; later ones reuse the
    // writing process's cache of assembled case files.
    let cold = seconds {
        shell.openCase(big)
        shell.draw()
        shell.handle(.key(KeyEvent(.right)))
        shell.draw()
    }
    shell.handle(.key(KeyEvent(.escape)))
    for _ in 0..<20 {
        detailTimes.append(seconds {
            shell.openCase(big)
            shell.draw()
            shell.handle(.key(KeyEvent(.right)))
            shell.draw()
        })
        if case .flow(let f)? = shell.overlay, let d = f as? CaseDetail { timelineCount = d.timelineCount }
        shell.handle(.key(KeyEvent(.escape)))
    }
    row("Open a case detail with \(timelineCount) timeline entries, draw overview and timeline: first / again (median of 20)",
        "\(ms(cold)) / \(ms(median(detailTimes)))", "< 20 ms")
}

// The anonymous figures (issue 9) over every case; after the UI's memory was measured (the
// per-case records built ten times here would otherwise stay in the process's resident size).
for r in try reportBenchmarks(store: store, summaries: all, today: today) { row(r.what, r.value, r.target) }

// 7. Intake: duplicate candidates for a typed name against every client, and saving one
// intake step (the encrypted draft, a durable write).
do {
    let summaries = try store.summaries()
    var buildTime = 0.0
    var index: DuplicateIndex!
    buildTime = seconds { index = DuplicateIndex(summaries) }
    row("Build the duplicate index (\(summaries.count) clients, once per session)", ms(buildTime), "–")
    var rng = SeededRandom(seed: 7)
    var queries: [Double] = []
    for _ in 0..<200 {
        let s = summaries[Int.random(in: 0..<summaries.count, using: &rng)]
        // A typed variant: given and family name swapped, diacritics dropped.
        let q = DuplicateQuery(givenNames: NameMasker.fold(s.familyName), familyName: NameMasker.fold(s.givenNames), birthDate: s.birthDate)
        queries.append(seconds { _ = index.candidates(for: q, limit: 5) })
    }
    row("Duplicate candidates for a typed name (median / p95 of 200)", "\(ms(median(queries))) / \(ms(percentile(queries, 0.95)))", "< 20 ms")
    var saves: [Double] = []
    let draftID = UUID()
    for i in 0..<100 {
        let draft = IntakeDraft(form: "intake", caseID: caseID, step: i % 6, values: ["familyName": "Bench", "goals": "stap \(i)"], savedAt: Date())
        saves.append(try seconds { try store.write { tx in try tx.saveDraft(draftID, draft) } })
    }
    try store.write { tx in try tx.removeRecord(kind: .intakeDraft, entity: draftID) }
    row("Save an intake step (encrypted draft, median / p95 of 100)", "\(ms(median(saves))) / \(ms(percentile(saves, 0.95)))", "< 10 ms")
}

// 7b. Buddy matching (issue 7), on synthetic buddies and requests.
for r in matchingBenchmarks(today: today) { row(r.what, r.value, r.target) }

// 8. schakel check.
var report = CheckReport()
let checkTime = try seconds { report = try store.check() }
row("schakel check (\(report.events) events, \(report.cases) cases)\(report.ok ? "" : " FAILED")", String(format: "%.1f s", checkTime), "< 30 s")

// 9. Store size.
let files = (try? FileManager.default.contentsOfDirectory(atPath: cache.path)) ?? []
let bytes = files.reduce(0) { $0 + ((try? FileManager.default.attributesOfItem(atPath: cache.appendingPathComponent($1).path)[.size] as? Int) ?? 0) }
row("Store bytes per case", String(format: "%.1f KB", Double(bytes) / Double(max(1, report.cases)) / 1024), "reported")

// 10. Sync (issue 8): export every event into one peer bundle, import it into a new store
// (last: the import writes a second store of this size, which the rows above must not feel).
for r in try syncBenchmarks(store: store, directory: URL(fileURLWithPath: ".bench-cache"), clock: clock) { row(r.what, r.value, r.target) }
store.close()

var md = "| Measure | Result | Target |\n|---|---|---|\n"
for (a, b, c) in rows { md += "| \(a) | \(b) | \(c) |\n" }
print("\n" + md)
try? md.write(to: URL(fileURLWithPath: ".bench-cache/report.md"), atomically: true, encoding: .utf8)
