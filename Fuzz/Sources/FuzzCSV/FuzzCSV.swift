// CSV files: the caseload import (`schakel import caseload`), its parser and the plan it
// makes (column mapping, dates, vocabularies, duplicates). What the writer writes, the parser
// reads back unchanged.
import Foundation
@testable import Core
import FuzzSupport

let importer = CaseloadImport(coordinator: UUID(), today: FuzzState.today)

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let data = fuzzData(start, count)
    for separator in [nil, ";"] as [Character?] {
        if let rows = try? CSV.parse(data, separator: separator) {
            let sep = separator ?? CSV.detectSeparator(String(decoding: data, as: UTF8.self))
            let kept = rows.filter { !($0.count == 1 && $0[0].isEmpty) }
            // A byte order mark inside the first cell would be taken for the file's own.
            if kept.first?.first?.unicodeScalars.first == "\u{FEFF}" { continue }
            // The writer disarms formulas with a leading apostrophe (on purpose); expect it.
            let expected = kept.map { $0.map { v in v.first.map { "=+-@\t\r".contains($0) } == true && Double(v) == nil ? "'" + v : v } }
            guard let again = try? CSV.parse(CSV.write(kept, options: .init(separator: sep)), separator: sep), again == expected else {
                fuzzFailure("CSV written from parsed rows does not read back the same")
            }
        }
    }
    _ = try? importer.plan(data)
    return 0
}

@_cdecl("FuzzCSV_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
