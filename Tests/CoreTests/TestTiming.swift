import Foundation

/// Wall-clock allowances for tests that wait on real time. `make test-asan` and
/// `make test-tsan` set SCHAKEL_TEST_TIME_SCALE (sanitized code runs several times slower);
/// a plain `make test` leaves it unset, so the factor is 1 and every bound is as written.
enum TestTiming {
    static let scale: Double = {
        guard let raw = ProcessInfo.processInfo.environment["SCHAKEL_TEST_TIME_SCALE"], let value = Double(raw), value >= 1 else { return 1 }
        return value
    }()

    /// `seconds` stretched by the scale factor.
    static func allowance(_ seconds: TimeInterval) -> TimeInterval { seconds * scale }
}
