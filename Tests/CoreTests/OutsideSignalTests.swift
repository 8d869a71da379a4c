import Foundation
import Testing
@testable import Core

/// Signals from outside: the plain-text form, encrypted with age to the coordinator's key,
/// imported into the intake inbox once, marked as from outside.
@Suite struct OutsideSignalTests {
    static func filled(_ store: Store, _ edits: [String: String], extra: String = "") throws -> String {
        var text = OutsideSignal.template(recipient: try store.agreementIdentity().recipient.string)
        for (key, value) in edits {
            text = text.split(separator: "\n", omittingEmptySubsequences: false).map { line in
                line.hasPrefix(key + ":") ? "\(key): \(value)" : String(line)
            }.joined(separator: "\n")
        }
        return text + extra
    }

    static func encrypt(_ text: String, to store: Store) throws -> Data {
        try AgeEncryptor.encrypt(Data(text.utf8), to: [try store.agreementIdentity().recipient])
    }

    @Test func aFilledFormBecomesASignalMarkedFromOutsideOnce() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        let text = try Self.filled(store, ["voornamen": "Amira", "achternaam": "Haddad", "geboortedatum": "12-03-2009", "nationaliteit": "Marokko, NL",
                                           "vormen": "Seksuele uitbuiting, criminele-uitbuiting", "urgentie": "hoog", "melder": "Gemeente (aandachtsfunctionaris)",
                                           "wat-is-gezien": "Wordt na school opgehaald."], extra: "  Door een oudere man.\n")
        let file = try Self.encrypt(text, to: store)
        let result = try store.importOutsideSignal(file)
        let case_ = try store.caseFile(result.id)
        #expect(case_.identity?.familyName == "Haddad" && case_.origin?.nationalities == ["MA", "NL"])
        #expect(case_.exploitation?.forms == ["seksuele-uitbuiting", "criminele-uitbuiting"])
        #expect(case_.exploitation?.description == "Wordt na school opgehaald.\nDoor een oudere man.")
        #expect(case_.referral?.referrerType == "gemeente" && case_.referral?.receivedVia == OutsideSignal.via)
        #expect(case_.phase?.phase == .signaal && case_.opening?.urgency == "hoog")
        let summary = try #require(try store.summaries().first { $0.id == result.id })
        #expect(summary.receivedVia == OutsideSignal.via)
        // The same file (or the same content encrypted again) is never a second signal.
        #expect(throws: SchakelError(.validation, L10n.t("outside.error.alreadyImported", result.code.description))) { try store.importOutsideSignal(file) }
        #expect(throws: SchakelError.self) { try store.importOutsideSignal(try Self.encrypt(text, to: store)) }
        // Another signal about the same person: imported, and the earlier case is named.
        let again = try Self.filled(store, ["voornamen": "Amira", "achternaam": "Haddad", "geboortedatum": "12-03-2009", "melder": "school"])
        let second = try store.importOutsideSignal(try Self.encrypt(again, to: store))
        #expect(second.possibleDuplicates.contains(result.code))
        #expect(try store.check().ok)
    }

    @Test func plaintextForeignAndMalformedFilesAreRefusedAndChangeNothing() throws {
        let store = try TestStore.make()
        let other = try TestStore.make()
        defer { TestStore.remove(store); TestStore.remove(other) }
        let text = try Self.filled(store, ["voornamen": "Ewa"])
        #expect(throws: SchakelError(.validation, L10n.t("outside.error.notEncrypted"))) { try store.importOutsideSignal(Data(text.utf8)) }
        #expect(throws: SchakelError.self) { try store.importOutsideSignal(try Self.encrypt(text, to: other)) }
        var tampered = try Self.encrypt(text, to: store)
        tampered[tampered.count - 5] ^= 1
        #expect(throws: SchakelError.self) { try store.importOutsideSignal(tampered) }
        let cases: [(String, String)] = [
            (text.replacingOccurrences(of: "Schakel-signaal 1", with: "Iets anders"), L10n.t("outside.error.header")),
            (text + "onbekend-veld: x\n", L10n.t("outside.error.line", text.split(separator: "\n", omittingEmptySubsequences: false).count)),
            (try Self.filled(store, ["voornamen": "Ewa", "vormen": "iets"]), L10n.t("outside.error.unknownValue", "vormen")),
            (try Self.filled(store, ["voornamen": "Ewa", "geboortedatum": "31-02-2010"]), L10n.t("outside.error.unknownValue", "geboortedatum")),
            (try Self.filled(store, ["voornamen": "Ewa", "urgentie": "morgen"]), L10n.t("outside.error.unknownValue", "urgentie")),
            (try Self.filled(store, [:]), L10n.t("validation.describePerson")),
        ]
        for (bad, message) in cases {
            #expect(throws: SchakelError(.validation, message)) { try store.importOutsideSignal(try Self.encrypt(bad, to: store)) }
        }
        // Escape sequences in a name are refused like everywhere else.
        #expect(throws: SchakelError.self) {
            try store.importOutsideSignal(try Self.encrypt(try Self.filled(store, ["voornamen": "Ewa\u{1B}[2J"]), to: store))
        }
        #expect(try store.summaries().isEmpty)
    }
}
