import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes all of `data` to an open file descriptor, retrying short writes.
/// Returns false on the first failing `write`.
func writeAll(_ fd: Int32, _ data: Data) -> Bool {
    data.withUnsafeBytes { raw -> Bool in
        guard let base = raw.baseAddress else { return true }
        var offset = 0
        while offset < raw.count {
            let n = Glibc.write(fd, base + offset, raw.count - offset)
            if n <= 0 { return false }
            offset += n
        }
        return true
    }
}
