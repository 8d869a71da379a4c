import Foundation
import Testing
@testable import Core

/// Device identity and peers (issue 8, first part): contact cards, fingerprints, trust,
/// revocation; the encryption identity is a real age key.
@Suite struct PeerTests {
    static func pair() throws -> (Store, Store) { (try TestStore.make(), try TestStore.make()) }

    @Test func cardRoundTripsAndIsSigned() throws {
        let (a, b) = try Self.pair()
        defer { TestStore.remove(a); TestStore.remove(b) }
        let card = try a.contactCard()
        let parsed = try ContactCard.parse(card.text)
        #expect(parsed == card)
        #expect(parsed.fingerprint.split(separator: " ").count == FingerprintWords.count)
        #expect(try parsed.recipient == a.agreementIdentity().recipient)
        // Comments, CRLF and extra blank lines survive a trip through mail.
        let mailed = "# van Sophie\r\n" + card.text.replacingOccurrences(of: "\n", with: "\r\n\r\n")
        #expect(try ContactCard.parse(mailed) == card)
    }

    @Test func changedOrForgedCardsAreRefused() throws {
        let (a, b) = try Self.pair()
        defer { TestStore.remove(a); TestStore.remove(b) }
        let text = try a.contactCard().text
        let bCard = try b.contactCard()
        // Another name on the same keys: the signature no longer matches.
        let renamed = text.replacingOccurrences(of: "naam: ", with: "naam: Mallory ")
        #expect(throws: SchakelError(.validation, L10n.t("card.error.signature"))) { try ContactCard.parse(renamed) }
        // Someone else's encryption key under this name.
        let swapped = text.split(separator: "\n").map { $0.hasPrefix("versleutelen:") ? "versleutelen: \(try! bCard.recipient.string)" : String($0) }
            .joined(separator: "\n")
        #expect(throws: SchakelError(.validation, L10n.t("card.error.signature"))) { try ContactCard.parse(swapped) }
        // A fingerprint line that does not belong to the keys.
        let words = try a.contactCard().fingerprint
        let wrongWords = text.replacingOccurrences(of: words, with: bCard.fingerprint)
        #expect(throws: SchakelError(.validation, L10n.t("card.error.fingerprint"))) { try ContactCard.parse(wrongWords) }
        for broken in ["", "Schakel-contactkaart 2\n", text + "extra: regel\n", text + text, String(repeating: "x", count: 5000),
                       text.replacingOccurrences(of: "naam: ", with: "naam: \u{1B}[31m")] {
            #expect(throws: SchakelError.self) { try ContactCard.parse(broken) }
        }
    }

    @Test func addingNeedsTheComparedFingerprintAndRevokedStaysRevoked() throws {
        let (a, b) = try Self.pair()
        defer { TestStore.remove(a); TestStore.remove(b) }
        let card = try a.contactCard()
        #expect(throws: SchakelError(.validation, L10n.t("peer.error.fingerprintMismatch"))) {
            try b.addPeer(card, confirmedFingerprint: "aap boom")
        }
        #expect(try b.peers().isEmpty)
        try b.addPeer(card, confirmedFingerprint: card.fingerprint.uppercased().replacingOccurrences(of: " ", with: "-"))
        #expect(try b.peers().map(\.deviceID) == [a.deviceID])
        #expect(throws: SchakelError(.validation, L10n.t("peer.error.self"))) {
            try a.addPeer(a.contactCard(), confirmedFingerprint: a.contactCard().fingerprint)
        }
        // Adding the same card again changes nothing; other keys under the same device id are refused.
        try b.addPeer(card, confirmedFingerprint: card.fingerprint)
        #expect(try b.peers().count == 1)
        var forged = card
        forged.agreementKey = try b.agreementIdentity().recipient.rawRepresentation
        #expect(throws: SchakelError.self) { try b.addPeer(forged, confirmedFingerprint: forged.fingerprint) }
        // A lost laptop: revoked, listed as such, and never trusted again.
        try b.revokePeer(a.deviceID)
        #expect(try b.peer(a.deviceID)?.isRevoked == true)
        #expect(throws: SchakelError(.notFound, L10n.t("peer.error.alreadyRevoked"))) { try b.revokePeer(a.deviceID) }
        #expect(throws: SchakelError(.notAllowed, L10n.t("peer.error.revoked"))) { try b.addPeer(card, confirmedFingerprint: card.fingerprint) }
        try b.removePeer(a.deviceID)
        #expect(try b.peers().isEmpty)
        #expect(try b.check().ok)
    }

    @Test func identitySurvivesReopenAndTheCardIsSealedOnDisk() throws {
        let store = try TestStore.make()
        let other = try TestStore.make()
        defer { TestStore.remove(other) }
        let location = store.location
        let recipient = try store.agreementIdentity().recipient
        try other.addPeer(try store.contactCard(), confirmedFingerprint: try store.contactCard().fingerprint)
        store.close()
        let reopened = try Store.open(at: location, passphrase: TestStore.passphrase, mode: .read)
        #expect(try reopened.agreementIdentity().recipient == recipient)
        reopened.close()
        // The peer's name is nowhere in the other store's files.
        let name = try other.contactCard().name
        #expect(!name.isEmpty)
        let peerName = Data(name.utf8)
        other.close()
        for file in try FileManager.default.contentsOfDirectory(at: other.location.directory, includingPropertiesForKeys: nil) {
            guard let data = try? Data(contentsOf: file) else { continue }
            #expect(data.range(of: peerName) == nil || file.lastPathComponent == "schakel.lock", "\(file.lastPathComponent)")
        }
        try? FileManager.default.removeItem(at: location.directory)
    }

    @Test func aStoreWithoutAnIdentityCannotMakeOneReadOnly() throws {
        let store = try TestStore.make()
        let location = store.location
        store.close()
        let reader = try Store.open(at: location, passphrase: TestStore.passphrase, mode: .read)
        #expect(throws: SchakelError(.notAllowed, L10n.t("peer.error.noIdentityYet"))) { try reader.agreementIdentity() }
        reader.close()
        try? FileManager.default.removeItem(at: location.directory)
    }

    @Test func fingerprintWordsAreDistinctAndShort() {
        #expect(Set(FingerprintWords.list).count == 256)
        #expect(FingerprintWords.list.allSatisfy { $0.count >= 2 && $0.count <= 10 && $0.allSatisfy(\.isLowercase) })
    }
}
