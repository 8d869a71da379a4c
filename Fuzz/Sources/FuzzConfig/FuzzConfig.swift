// The config file (~/.config/schakel/config): settings, thresholds and key bindings in the
// key notation. Never refuses: problems are collected and shown.
import Foundation
@testable import TUI
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: fuzzData(start, count), as: UTF8.self)
    let config = ShellConfig.parse(text)
    for events in config.keys.values {
        for key in events {
            guard let again = KeyEvent(notation: key.notation), again == key else { fuzzFailure("a key binding does not round-trip its notation") }
        }
    }
    return 0
}

@_cdecl("FuzzConfig_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
