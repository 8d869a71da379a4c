import Foundation
import Testing
@testable import Core
@testable import TUI

extension ShellSuite {
    /// Auto-lock with an injected clock, and the unlock screen. Tests that lock use a
    /// store of their own: locking closes the store.
    @Suite struct LockAndUnlock {
        /// No input for the configured time locks: the unlock screen, no workspace, no names.
        @Test func autoLockAfterInactivityAndAKeyKeepsItOpen() throws {
            let (ws, _) = try ShellFixture.makeOwnStore()
            let h = Harness(size: Size(width: 120, height: 40), autoLock: .seconds(120), install: ws)
            #expect(h.contains(ShellFixture.sentinelGiven))
            #expect(h.contains("Zqxlockuser"))
            h.clock.advance(.seconds(119))
            h.shell.step(timeout: .zero)
            #expect(!h.shell.isLocked)
            h.press("j")                       // a key before the timeout resets it
            h.clock.advance(.seconds(119))
            h.shell.step(timeout: .zero)
            #expect(!h.shell.isLocked)
            #expect(h.shell.workspace != nil)
            h.backend.enqueue(.resize(Size(width: 80, height: 24))) // a resize is not user input
            h.shell.step(timeout: .zero)
            h.clock.advance(.seconds(1))
            h.shell.step(timeout: .zero)
            #expect(h.shell.isLocked)
            #expect(h.shell.workspace == nil)
            #expect(h.shell.panes.isEmpty)
            h.shell.draw()
            #expect(h.contains("Wachtwoordzin:"))
            #expect(h.contains("Vergrendeld na inactiviteit."))
            #expect(!h.text.lowercased().contains("zqx"))
            #expect(!h.text.contains(ShellFixture.shared.sentinelCode))
            // Nothing decrypted is left in the shell's own buffer either.
            #expect(!h.shell.buffer.lines.joined().lowercased().contains("zqx"))
        }

        @Test func autoLockWhileAnOverlayIsOpen() throws {
            let (ws, id) = try ShellFixture.makeOwnStore()
            let h = Harness(autoLock: .seconds(60), install: ws)
            h.shell.openCase(id)
            h.shell.draw()
            #expect(h.contains(ShellFixture.sentinelAlias))
            h.clock.advance(.seconds(60))
            h.shell.step(timeout: .zero)
            h.shell.draw()
            #expect(h.shell.isLocked && h.shell.overlay == nil)
            #expect(!h.text.lowercased().contains("zqx"))
        }

        @Test func wrongPassphraseShowsTheErrorAndAWaitThenTheRightOneUnlocks() {
            let h = Harness(install: nil)
            #expect(h.shell.isLocked)
            #expect(h.contains("DEMO") && h.contains("Opslag: demo"))
            h.type("verkeerd")
            #expect(h.contains("Wachtwoordzin: ••••••••"))
            #expect(!h.contains("verkeerd"))
            h.press("enter")
            #expect(h.shell.isLocked)
            #expect(h.contains("Onjuiste wachtwoordzin."))
            #expect(h.contains("Wachtwoordzin: ▏"))          // the field is cleared
            // After the first wait, a second wrong attempt doubles the wait: one second
            // later even the right passphrase has to wait.
            h.clock.advance(.seconds(1))
            h.type("nogmaals fout")
            h.press("enter")
            #expect(h.shell.isLocked && h.contains("Onjuiste wachtwoordzin."))
            h.clock.advance(.seconds(1))
            h.type(ShellFixture.passphrase)
            h.press("enter")
            #expect(h.shell.isLocked)
            #expect(h.contains("Even wachten: probeer opnieuw over 1 s."))
            // Esc clears the passphrase typed during the wait.
            h.press("esc")
            #expect(h.contains("Wachtwoordzin: ▏"))
            h.clock.advance(.seconds(1))
            h.type(ShellFixture.passphrase)
            h.press("enter")
            #expect(!h.shell.isLocked)
            #expect(h.shell.workspace === ShellFixture.shared.workspace)
            #expect(h.contains(ShellFixture.sentinelGiven))
            #expect(h.shell.unlockMessage == nil)
        }

        /// The store's own record of wrong passphrases (earlier runs, other processes) says to
        /// wait: the lock screen shows it and does not ask the store again until then.
        @Test func theStoresThrottleIsShownAndHonoured() {
            var calls = 0
            let h = Harness(install: nil, unlocker: { passphrase in
                calls += 1
                if calls == 1 { throw SchakelError(.throttled, L10n.t("unlock.wait", 7), retryAfter: 7) }
                return try Harness.fixtureUnlocker(passphrase)
            })
            h.type(ShellFixture.passphrase)
            h.press("enter")
            #expect(h.shell.isLocked && h.contains("Even wachten: probeer opnieuw over 7 s."))
            h.clock.advance(.seconds(6))
            h.type(ShellFixture.passphrase)
            h.press("enter")
            #expect(h.shell.isLocked && calls == 1, "asked the store again before the wait was over")
            h.clock.advance(.seconds(1))
            h.press("esc")
            h.type(ShellFixture.passphrase)
            h.press("enter")
            #expect(!h.shell.isLocked && calls == 2)
        }

        @Test func lockedKeysDoNotReachThePanesAndCtrlCQuits() {
            let h = Harness(install: nil)
            h.press("q ? : 3 P")
            #expect(h.shell.isLocked && !h.shell.quitRequested && h.shell.overlay == nil && !h.shell.privacy)
            #expect(h.contains("Wachtwoordzin: •••••"))
            h.press("ctrl-c")
            #expect(h.shell.quitRequested)
        }
    }
}
