import Foundation
import Testing
@testable import Core
@testable import TUI

extension ShellSuite.KeySessions {
    /// F8 opens the sync view: the devices this store exchanges bundles with; the header counts
    /// the trusted ones. In privacy mode colleagues show by organisation only.
    @Test func peersInTheSyncViewAndHeader() throws {
        let ws = ShellFixture.shared.workspace
        let peers = ws.peers
        #expect(peers.count == 3 && peers.filter(\.isRevoked).count == 1, "the demo has three peers, one revoked")
        let h = Harness(size: Size(width: 120, height: 40))
        #expect(h.contains("sync: 2 apparaten"))
        h.press("f8")
        #expect(h.contains("Apparaten · 2 vertrouwd · 1 ingetrokken"))
        for p in peers { #expect(h.contains(p.card.name)) }
        #expect(h.contains("ingetrokken"))
        // The selected device's fingerprint (five words a line) and device id, for each in turn.
        for _ in peers {
            let view = try #require(SyncTUITest.syncView(h))
            let peer = try #require(view.selectedLine?.peer)
            let words = peer.card.fingerprint.split(separator: " ")
            #expect(h.contains(words.prefix(5).joined(separator: " ")) && h.contains(words.dropFirst(5).joined(separator: " ")))
            #expect(h.contains(String(peer.deviceID.uuidString.lowercased().prefix(8))))
            h.press("j")
        }
        h.press("esc")
        #expect(h.shell.overlay == nil)
        let private_ = Harness(size: Size(width: 120, height: 40), privacy: true)
        private_.press("f8")
        #expect(private_.contains("Apparaten · 2 vertrouwd"))
        for p in peers { #expect(!private_.contains(p.card.name), "a colleague's name in privacy mode") }
    }
}
