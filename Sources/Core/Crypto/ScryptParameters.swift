import Foundation
import Crypto
import _CryptoExtras

/// scrypt cost, stored per store so a later, faster machine can still open an old store
/// and a new store can be calibrated to this machine at `init`.
public struct ScryptParameters: Codable, Equatable, Sendable {
    public var logN: Int
    public var r: Int
    public var p: Int

    public init(logN: Int, r: Int = 8, p: Int = 1) {
        self.logN = logN; self.r = r; self.p = p
    }

    /// Only for tests and benchmarks that create many stores. Never offered to users:
    /// the command line accepts it only through an explicitly named test-only option.
    public static let testOnlyCheap = ScryptParameters(logN: 10)

    /// Lowest and highest cost we accept when opening a store: below 2^10 is no protection,
    /// above 2^22 (4 GiB of memory) is a denial of service by a tampered store file.
    static let acceptedLogN = 10...22

    public func deriveKey(passphrase: String, salt: Data) throws -> SymmetricKey {
        guard Self.acceptedLogN.contains(logN), (1...32).contains(r), (1...16).contains(p) else {
            throw SchakelError(.storeCorrupt, L10n.t("error.kdfParameters"))
        }
        return try KDF.Scrypt.deriveKey(from: Array(passphrase.utf8), salt: salt, outputByteCount: 32,
                                        rounds: 1 << logN, blockSize: r, parallelism: p)
    }

    /// The lowest cost a new store gets: 2^16 (64 MiB per guess). The calibration below can
    /// only raise it.
    public static let minimumLogN = 16

    /// The cheapest N whose derivation takes at least `target` seconds of this thread's CPU
    /// time here, never below `minimumLogN`. CPU time rather than the wall clock: on a busy
    /// machine (a build, a sync in the background) the wall clock runs ahead and would pick
    /// a cost too low for the store's whole life.
    public static func calibrated(target: TimeInterval = 0.25, maxLogN: Int = 20) -> ScryptParameters {
        var logN = minimumLogN
        let salt = Data(repeating: 7, count: 16)
        while logN < maxLogN {
            let start = threadCPUSeconds()
            _ = try? ScryptParameters(logN: logN).deriveKey(passphrase: "calibration", salt: salt)
            let seconds = threadCPUSeconds() - start
            if seconds >= target { break }
            // Doubling N doubles the time; jump straight past the target where we can.
            if seconds * 2 >= target { logN += 1; break }
            logN += 1
        }
        return ScryptParameters(logN: max(minimumLogN, logN))
    }

    static func threadCPUSeconds() -> Double {
        var t = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
        return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
    }
}
