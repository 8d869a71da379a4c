// Theme files (Themes/*.theme, or any file --theme names in the themes directory).
import Foundation
@testable import TUI
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: fuzzData(start, count), as: UTF8.self)
    _ = try? ThemeParser.parse(text, id: "fuzz", requireComplete: false)
    if let theme = try? ThemeParser.parse(text, id: "fuzz") {
        for tier in ColorTier.allCases { _ = theme.resolved(for: tier) }
    }
    return 0
}

@_cdecl("FuzzTheme_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
