import Foundation
import Core

// Issue 8's targets: exporting 1M events into one bundle in under 10 s, and importing it,
// verification included, in under 20 s; bytes per event reported. Measured on the real sync
// path: the cached store exports to a fresh peer store (a team lead's laptop: sharing policy
// "all cases"), which imports the bundle. The peer is removed from the cached store afterwards
// and the receiving store and the bundle are deleted.

func syncBenchmarks(store: Store, directory: URL, clock: Clock) throws -> [(what: String, value: String, target: String)] {
    let fm = FileManager.default
    if ProcessInfo.processInfo.environment["BENCH_SYNC"] == "import" { return try importOnly(directory: directory, clock: clock) }
    let work = directory.appendingPathComponent("sync-\(UUID().uuidString.prefix(8))")
    try fm.createDirectory(at: work, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: work) }
    let peerLocation = StoreLocation(directory: work.appendingPathComponent("peer"))
    let peer = try Store.create(at: peerLocation, passphrase: "bench", options: Store.Options(
        role: .zorgcoordinator, userName: "Teamleider", function: "Teamleider", organisation: "Bench",
        kdf: .testOnlyCheap, isDemo: true), clock: clock)
    defer { peer.close() }
    let peerCard = try peer.contactCard()
    try store.addPeer(peerCard, confirmedFingerprint: peerCard.fingerprint)
    defer { try? store.removePeer(peerCard.deviceID) }
    try store.setSharingPolicy(SharingPolicy(allCases: true), for: peerCard.deviceID)
    let ourCard = try store.contactCard()
    try peer.addPeer(ourCard, confirmedFingerprint: ourCard.fingerprint)

    let file = work.appendingPathComponent("bundle.\("schakel")")
    let exportStart = DispatchTime.now().uptimeNanoseconds
    let exported = try store.exportBundle(to: peerCard.deviceID, out: file)
    let exportTime = Double(DispatchTime.now().uptimeNanoseconds - exportStart) / 1e9
    let fileBytes = (try fm.attributesOfItem(atPath: file.path)[.size] as? Int) ?? 0

    if ProcessInfo.processInfo.environment["BENCH_SYNC"] == "keep" {
        // Keeps the bundle and the empty receiving store for `BENCH_SYNC=import` (work on the import alone).
        let kept = directory.appendingPathComponent("sync-kept")
        try? fm.removeItem(at: kept)
        try fm.createDirectory(at: kept, withIntermediateDirectories: true)
        try fm.copyItem(at: file, to: kept.appendingPathComponent("bundle.schakel"))
        peer.close()
        try fm.copyItem(at: peerLocation.directory, to: kept.appendingPathComponent("peer"))
        return []
    }
    let importStart = DispatchTime.now().uptimeNanoseconds
    let imported = try peer.importBundle(file)
    let importTime = Double(DispatchTime.now().uptimeNanoseconds - importStart) / 1e9
    guard imported.outcome == ImportReport.Outcome.applied else { throw SchakelError(.integrity, "bench: bundle not applied: \(imported.outcome)") }

    let events = exported.events
    let perMillion = { (t: Double) in t / Double(max(1, events)) * 1_000_000 }
    return [
        ("Export \(events) events of \(exported.cases) cases into one peer bundle (policy all cases; \(exported.withheld) withheld): "
            + "seconds, per 1M events", String(format: "%.1f s, %.1f s per 1M", exportTime, perMillion(exportTime)), "< 10 s per 1M"),
        ("Bundle size (age file) and bytes per event", String(format: "%.0f MB, %.0f B/event", Double(fileBytes) / 1_000_000,
                                                               Double(fileBytes) / Double(max(1, events))), "reported"),
        ("Import that bundle into a new peer store, verification included (\(imported.newEvents) events, \(imported.cases.count) cases): "
            + "seconds, per 1M events", String(format: "%.1f s, %.1f s per 1M (%.0f events/s)", importTime, perMillion(importTime),
                                                Double(imported.newEvents) / importTime), "< 20 s per 1M"),
    ]
}

/// `BENCH_SYNC=import`: imports the bundle kept by `BENCH_SYNC=keep` into a copy of the empty
/// receiving store, so that work on the import does not wait for an export each time.
private func importOnly(directory: URL, clock: Clock) throws -> [(what: String, value: String, target: String)] {
    let fm = FileManager.default
    let kept = directory.appendingPathComponent("sync-kept")
    let work = directory.appendingPathComponent("sync-import-\(UUID().uuidString.prefix(8))")
    try fm.copyItem(at: kept.appendingPathComponent("peer"), to: work)
    defer { try? fm.removeItem(at: work) }
    let peer = try Store.open(at: StoreLocation(directory: work), passphrase: "bench", clock: clock)
    defer { peer.close() }
    let start = DispatchTime.now().uptimeNanoseconds
    let imported = try peer.importBundle(kept.appendingPathComponent("bundle.schakel"))
    let time = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return [("Import kept bundle (\(imported.newEvents) events, \(imported.cases.count) cases)",
             String(format: "%.1f s, %.1f s per 1M", time, time / Double(max(1, imported.newEvents)) * 1_000_000), "< 20 s per 1M")]
}
