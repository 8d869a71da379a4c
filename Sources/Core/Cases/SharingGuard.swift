import Foundation

/// Fields that may never leave the store for a case, whatever the recipient: the address of
/// a client with a secret address ("geheim adres"). Every export, referral summary and the
/// sync issue's sharing policy ask here.
public enum SharingGuard {
    public static let addressPath = "client.contact.address"

    public static func blockedPaths(_ file: CaseFile) -> Set<String> {
        file.hasSecretAddress ? [addressPath] : []
    }

    public static func mayLeave(_ path: String, of file: CaseFile) -> Bool { !blockedPaths(file).contains(path) }
}
