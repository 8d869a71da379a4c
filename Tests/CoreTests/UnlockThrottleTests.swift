import Foundation
import Testing
@testable import Core

/// Wrong passphrases slow the next attempt, across processes (a file in the store directory).
@Suite struct UnlockThrottleTests {
    /// A throttle on a fresh directory with a clock and a sleep the test controls.
    final class Timeline: @unchecked Sendable {
        var now = Date(timeIntervalSince1970: 1_800_000_000)
        var slept: [TimeInterval] = []
    }

    static func throttle(_ t: Timeline, directory: URL = TestStore.directory()) throws -> UnlockThrottle {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return UnlockThrottle(location: StoreLocation(directory: directory), now: { t.now }, sleep: { t.slept.append($0); t.now += $0 })
    }

    static let wrong = SchakelError(.wrongPassphrase, "wrong")

    @Test func theDelayDoublesUpToThirtySeconds() {
        #expect((0...8).map { UnlockThrottle.delay(afterFailures: $0) } == [0, 1, 2, 4, 8, 16, 30, 30, 30])
        #expect(UnlockThrottle.delay(afterFailures: 1_000_000) == 30)
    }

    @Test func failuresWaitLongerEachTimeAndSuccessResets() throws {
        let t = Timeline()
        let throttle = try Self.throttle(t)
        defer { try? FileManager.default.removeItem(at: throttle.url.deletingLastPathComponent()) }
        for _ in 0..<4 {
            #expect(throws: SchakelError.self) { try throttle.attempt(.wait { _ in }) { throw Self.wrong } }
        }
        // No wait before the first attempt, then 1, 2, 4 s.
        #expect(t.slept == [1, 2, 4])
        #expect(throttle.state()?.failures == 4)
        // The file holds two numbers and nothing else.
        let text = try String(contentsOf: throttle.url, encoding: .utf8)
        #expect(text == "4 \(Int(t.now.timeIntervalSince1970))\n")
        // Time passes on its own: after the delay there is nothing left to wait.
        t.now += 8
        #expect(throttle.remaining() == 0)
        t.slept = []
        #expect(try throttle.attempt(.wait { _ in }) { 42 } == 42)
        #expect(t.slept.isEmpty)
        #expect(throttle.state() == nil)
        #expect(throttle.remaining() == 0)
        // Other errors (a corrupt store, say) are not guesses.
        #expect(throws: SchakelError.self) { try throttle.attempt(.refuse) { throw SchakelError(.storeCorrupt, "x") } }
        #expect(throttle.state() == nil)
    }

    @Test func refusingSaysHowLongAndDoesNotCheck() throws {
        let t = Timeline()
        let throttle = try Self.throttle(t)
        defer { try? FileManager.default.removeItem(at: throttle.url.deletingLastPathComponent()) }
        for _ in 0..<3 { _ = try? throttle.attempt(.wait { _ in }) { () throws -> Int in throw Self.wrong } }
        var checked = false
        do {
            _ = try throttle.attempt(.refuse) { checked = true }
            Issue.record("not refused")
        } catch let e as SchakelError {
            #expect(e.kind == .throttled && e.retryAfter == 4)
        }
        #expect(!checked, "a refused attempt must not check the passphrase")
        #expect(throttle.state()?.failures == 3, "a refused attempt is not a failure")
        // A clock set back an hour never makes the wait longer than the delay.
        t.now -= 3600
        #expect(throttle.remaining() == 4)
    }

    @Test func aCorruptOrForeignFileIsIgnored() throws {
        let t = Timeline()
        let throttle = try Self.throttle(t)
        defer { try? FileManager.default.removeItem(at: throttle.url.deletingLastPathComponent()) }
        try Data("nonsense\n".utf8).write(to: throttle.url)
        #expect(throttle.remaining() == 0)
        #expect(throws: SchakelError.self) { try throttle.attempt(.wait { _ in }) { throw Self.wrong } }
        #expect(throttle.state()?.failures == 1)
    }

    /// Through `Store.open`, with the real clock: a wrong passphrase makes even the right
    /// one wait, and the UI's `.refuse` is refused without the passphrase being checked.
    @Test func storeOpenIsThrottledAcrossOpens() throws {
        let store = try TestStore.make()
        let location = store.location
        store.close()
        defer { try? FileManager.default.removeItem(at: location.directory) }
        let throttle = UnlockThrottle(location: location)
        #expect(throws: SchakelError.self) { try Store.open(at: location, passphrase: "wrong passphrase!", clock: FixedClock(TestStore.today.date)) }
        #expect(throttle.state()?.failures == 1)
        do {
            _ = try Store.open(at: location, passphrase: TestStore.passphrase, clock: FixedClock(TestStore.today.date), throttle: .refuse)
            Issue.record("opened although the last attempt failed a moment ago")
        } catch let e as SchakelError {
            #expect(e.kind == .throttled && e.retryAfter == 1)
        }
        var announced: [TimeInterval] = []
        let started = Date()
        let opened = try Store.open(at: location, passphrase: TestStore.passphrase, clock: FixedClock(TestStore.today.date),
                                    throttle: .wait { announced.append($0) })
        opened.close()
        #expect(announced.count == 1 && announced[0] > 0 && announced[0] <= 1)
        #expect(Date().timeIntervalSince(started) >= announced[0] * 0.9)
        #expect(throttle.state() == nil, "success clears the record")
        // The file holds no personal data and is the owner's only.
        let attributes = try FileManager.default.attributesOfItem(atPath: throttle.url.path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)
    }

    /// Two attempts at once (two processes, or two threads: `flock` locks per open file)
    /// queue: the second reads the first one's failure and waits for it.
    @Test func parallelAttemptsQueue() throws {
        let dir = TestStore.directory()
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let throttle = UnlockThrottle(location: StoreLocation(directory: dir))
        let firstInside = DispatchSemaphore(value: 0)
        let group = DispatchGroup()
        DispatchQueue.global().async(group: group) {
            _ = try? throttle.attempt(.refuse) { () throws -> Int in
                firstInside.signal()
                Thread.sleep(forTimeInterval: 0.3)
                throw Self.wrong
            }
        }
        firstInside.wait()
        var second: SchakelError?
        do { _ = try throttle.attempt(.refuse) { 1 } } catch let e as SchakelError { second = e }
        group.wait()
        #expect(second?.kind == .throttled, "the second attempt ran beside the first instead of after it")
    }
}
