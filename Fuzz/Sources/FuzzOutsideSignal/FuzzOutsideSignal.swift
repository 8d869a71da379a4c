// The outside-signal form (`schakel signaal importeer`), after decryption: the filled-in
// template text, then the duplicate search the import runs on what it read.
import Foundation
@testable import Core
import FuzzSupport

let index = DuplicateIndex(entries: [
    (UUID(), DuplicateQuery(givenNames: "Ewa", familyName: "Proefmans", aliases: ["Evi"], birthDate: .exact(CalendarDate(year: 1999, month: 5, day: 4)!),
                            nationalities: ["PL"], phone: "0612345678")),
    (UUID(), DuplicateQuery(givenNames: "Ion", familyName: "Testescu", aliases: [], birthDate: nil, nationalities: ["RO"], phone: nil)),
])

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    guard let start else { return 0 }
    let text = String(decoding: fuzzData(start, count), as: UTF8.self)
    guard let signal = try? OutsideSignal.parse(text, receivedOn: FuzzState.today, digest: "00") else { return 0 }
    let query = DuplicateQuery(givenNames: signal.identity.givenNames, familyName: signal.identity.familyName, aliases: signal.identity.aliases,
                               birthDate: signal.identity.birthDate, nationalities: signal.nationalities, phone: signal.phone)
    _ = index.candidates(for: query, limit: 5)
    return 0
}

@_cdecl("FuzzOutsideSignal_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> CInt {
    runFuzzer(argc, argv, fuzz)
}
