import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Writes all of `data` to an open file descriptor, retrying short writes.
/// Returns false on the first failing `write`.
func writeAll(_ fd: Int32, _ data: Data) -> Bool {
    data.withUnsafeBytes { writeAll(fd, $0) }
}

/// The one write loop of Core: short writes are continued, a signal (EINTR) is retried.
func writeAll(_ fd: Int32, _ bytes: UnsafeRawBufferPointer) -> Bool {
    guard let base = bytes.baseAddress else { return true }
    var offset = 0
    while offset < bytes.count {
        let n = Glibc.write(fd, base + offset, bytes.count - offset)
        if n < 0 && errno == EINTR { continue }
        if n <= 0 { return false }
        offset += n
    }
    return true
}
