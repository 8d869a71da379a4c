import Foundation
import Testing
@testable import Core
@testable import TUI

extension ShellSuite.KeySessions {
    /// F8 lists the devices this store exchanges bundles with; the header counts the trusted
    /// ones. In privacy mode colleagues show by organisation only.
    @Test func peersOverlayAndHeader() throws {
        let ws = ShellFixture.shared.workspace
        let peers = ws.peers
        #expect(peers.count == 3 && peers.filter(\.isRevoked).count == 1, "the demo has three peers, one revoked")
        let h = Harness(size: Size(width: 120, height: 40))
        #expect(h.contains("sync: 2 apparaten"))
        h.press("f8")
        #expect(h.contains("Apparaten voor uitwisseling · 2 vertrouwd"))
        for p in peers {
            #expect(h.contains(String(p.deviceID.uuidString.prefix(8))) && h.contains(p.card.fingerprint))
            #expect(h.contains(p.card.name))
        }
        #expect(h.contains("ingetrokken"))
        h.press("esc")
        let private_ = Harness(size: Size(width: 120, height: 40), privacy: true)
        private_.press("f8")
        for p in peers { #expect(!private_.contains(p.card.name), "a colleague's name in privacy mode") }
    }
}
