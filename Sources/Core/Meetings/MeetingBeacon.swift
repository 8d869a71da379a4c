import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Where a running meeting stands, as the chair's window tells a follower window (the
/// projector's) on the same machine: which meeting, which item, the item's timer. It holds
/// ids and numbers only, and it is sealed with a key of the store, so the file says nothing
/// to someone without the passphrase and cannot be forged to steer the projector.
public struct MeetingBeacon: Codable, Equatable, Sendable {
    public enum Phase: String, Codable, Sendable { case opening, item, closing }

    public var meeting: UUID
    public var phase: Phase
    /// The current agenda item (phase `item`).
    public var item: UUID?
    /// 1-based position of the item on the agenda, and the agenda's length.
    public var position: Int
    public var count: Int
    /// Seconds spent on the current item when the beacon was written, and whether its timer runs.
    public var elapsed: Int
    public var running: Bool
    /// When the chair wrote it (the follower adds the time since when the timer runs).
    public var writtenAt: Date
    /// Grows with every change of the agenda the chair makes, so a follower knows to re-read it.
    public var revision: Int

    public init(meeting: UUID, phase: Phase, item: UUID?, position: Int, count: Int, elapsed: Int, running: Bool, writtenAt: Date, revision: Int) {
        self.meeting = meeting; self.phase = phase; self.item = item; self.position = position; self.count = count
        self.elapsed = elapsed; self.running = running; self.writtenAt = writtenAt; self.revision = revision
    }

    /// Seconds on the item at a moment (the timer keeps running between beacons).
    public func elapsed(at now: Date) -> Int {
        running ? elapsed + max(0, Int(now.timeIntervalSince(writtenAt))) : elapsed
    }

    /// A chair that has not written for this long is taken to be gone (it rewrites every few seconds).
    public static let staleAfter: TimeInterval = 20
    /// A follower that has not said it is there for this long is taken to be gone.
    public static let followerStaleAfter: TimeInterval = 6

    public func isStale(at now: Date) -> Bool { now.timeIntervalSince(writtenAt) > Self.staleAfter }

    // A chair killed by a signal (the terminal closed) must not leave the projector on an
    // item: the path is kept as a C string so the signal handler can unlink it.
    nonisolated(unsafe) private static var trackedPath: UnsafeMutablePointer<CChar>?
    private static let trackLock = NSLock()

    static func track(_ url: URL) {
        trackLock.lock(); defer { trackLock.unlock() }
        guard trackedPath == nil else { return }
        trackedPath = strdup(url.path)
    }

    public static func untrack() {
        trackLock.lock(); defer { trackLock.unlock() }
        free(trackedPath)
        trackedPath = nil
    }

    /// For the emergency exit path: async-signal-safe (unlink only).
    public static func removeTrackedNow() {
        if let p = trackedPath { unlink(p) }
    }
}

extension StoreLocation {
    /// The chair's beacon (sealed) and the follower's sign of life, next to the store.
    public var meetingBeaconURL: URL { directory.appendingPathComponent("meeting-beacon") }
    public var meetingFollowerURL: URL { directory.appendingPathComponent("meeting-follower") }
}

extension Store {
    private var beaconSealer: Sealer { keys.records.derived("meeting-beacon") }

    /// Writes the beacon whole or not at all (a temporary file renamed over the old one), owner-only.
    public func writeMeetingBeacon(_ beacon: MeetingBeacon) throws {
        let data = try JSONEncoder().encode(beacon)
        try Self.replaceFile(location.meetingBeaconURL, with: beaconSealer.seal(data, context: "meeting-beacon"))
        MeetingBeacon.track(location.meetingBeaconURL)
    }

    /// The chair's beacon, or nil when there is none, it cannot be opened with this store's
    /// key (forged, or another store's), or it is unreadable.
    public func readMeetingBeacon() -> MeetingBeacon? {
        guard let sealed = try? Data(contentsOf: location.meetingBeaconURL),
              let plain = try? beaconSealer.open(sealed, context: "meeting-beacon") else { return nil }
        return try? JSONDecoder().decode(MeetingBeacon.self, from: plain)
    }

    public func removeMeetingBeacon() {
        unlink(location.meetingBeaconURL.path)
        MeetingBeacon.untrack()
    }

    /// A follower says it is there (sealed time stamp; rewritten every second or so). The
    /// wall clock, not the store's: a pinned `SCHAKEL_TODAY` must not make an old stamp fresh.
    public func markMeetingFollower() throws {
        let stamp = try JSONEncoder().encode(Date())
        try Self.replaceFile(location.meetingFollowerURL, with: beaconSealer.seal(stamp, context: "meeting-follower"))
    }

    public func removeMeetingFollower() { unlink(location.meetingFollowerURL.path) }

    /// Whether a follower window said it is there in the last few seconds.
    public func meetingFollowerPresent() -> Bool {
        guard let sealed = try? Data(contentsOf: location.meetingFollowerURL),
              let plain = try? beaconSealer.open(sealed, context: "meeting-follower"),
              let stamp = try? JSONDecoder().decode(Date.self, from: plain) else { return false }
        let age = Date().timeIntervalSince(stamp)
        return age >= -MeetingBeacon.followerStaleAfter && age <= MeetingBeacon.followerStaleAfter
    }

    static func replaceFile(_ url: URL, with data: Data) throws {
        let temp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(getpid()).tmp")
        let fd = Glibc.open(temp.path, O_WRONLY | O_CREAT | O_TRUNC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw SchakelError(.io, L10n.t("error.io")) }
        let ok = writeAll(fd, data)
        Glibc.close(fd)
        guard ok, rename(temp.path, url.path) == 0 else {
            unlink(temp.path)
            throw SchakelError(.io, L10n.t("error.io"))
        }
    }
}
