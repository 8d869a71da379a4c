import Foundation
import Testing
@testable import Core
@testable import TUI

extension ShellSuite {
    /// The role decides the panes and what may be opened or edited (issue 2, §2).
    @Suite struct RolePanes {
        func shell(role: Role) throws -> (Shell, MemoryBackend, Store) {
            let store = try Store.create(at: StoreLocation(directory: FileManager.default.temporaryDirectory.appendingPathComponent("schakel-role-\(UUID())")),
                                         passphrase: ShellFixture.passphrase,
                                         options: .init(role: role, userName: "Zqxroleuser", function: role.label, organisation: "shop", kdf: .testOnlyCheap),
                                         clock: FixedClock(ShellFixture.today.date))
            try store.write { tx in
                _ = try tx.openCase(NewCase(identity: ClientIdentity(givenNames: "Zqxrolegiven", familyName: "Zqxrolefamily"),
                                            referral: CaseReferral(referrerType: "school", receivedOn: ShellFixture.today),
                                            coordinator: store.userID, region: "haaglanden", municipality: "den-haag", openedOn: ShellFixture.today))
            }
            let backend = MemoryBackend(size: Size(width: 120, height: 40))
            let shell = Shell(backend: backend, options: Shell.Options(themes: ThemeLoader(directory: ShellFixture.themesDirectory), themeName: "mono", tier: .mono),
                              unlocker: { _ in throw SchakelError(.wrongPassphrase, "") })
            shell.install(try Workspace(store: store))
            shell.draw()
            return (shell, backend, store)
        }

        @Test func theBuddyCoordinatorSeesOnlyTheMaatjesPane() throws {
            let (shell, backend, store) = try shell(role: .maatjescoordinator)
            defer { store.close(); try? FileManager.default.removeItem(at: store.location.directory) }
            #expect(shell.availablePanes == [.maatjes])
            #expect(shell.focused == .maatjes)
            #expect(!backend.lines[1].contains(PaneID.caseload.title))
            shell.handle(.key(.char("3")))
            shell.draw()
            #expect(shell.focused == .maatjes)
            #expect(!backend.lines.joined().contains("Zqxrolefamily"))
            #expect(!backend.lines.joined().contains("MH-2026"))
        }

        @Test func theAdministratorSeesListsButCannotOpenOrEditCases() throws {
            let (shell, backend, store) = try shell(role: .beheerder)
            defer { store.close(); try? FileManager.default.removeItem(at: store.location.directory) }
            #expect(shell.availablePanes.count == 5)   // the four lists and Inzicht (with the audit log)
            shell.handle(.key(.char("1")))
            shell.handle(.key(KeyEvent(.enter)))
            shell.draw()
            #expect(shell.overlay == nil)
            #expect(backend.lines.joined().contains(L10n.t("error.roleNotAllowed", Role.beheerder.label).prefix(20)))
            shell.handle(.key(.char("a")))
            #expect(shell.overlay == nil)
        }
    }
}
