import Foundation
@testable import Core
import FuzzSupport

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: fuzzData(start, count), as: UTF8.self)
    if let card = try? ContactCard.parse(text) {
        // A card that parses reads back the same from its own text.
        guard let again = try? ContactCard.parse(card.text), again == card else { fatalError("contact card does not round-trip") }
    }
    return 0
}

@_cdecl("FuzzContactCard_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
