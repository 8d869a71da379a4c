import ArgumentParser
import Foundation
import Core

/// `schakel peer card|add|list|remove|revoke` and `schakel key export`: the stores this one
/// exchanges bundles with (issue 8).
struct PeerCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "peer", abstract: L10n.t("help.peer.abstract"), discussion: L10n.t("help.peer.discussion"),
                             subcommands: [PeerCardCommand.self, PeerAddCommand.self, PeerListCommand.self, PeerRemoveCommand.self, PeerRevokeCommand.self,
                                           PeerShareCommand.self, PeerTrustCommand.self])
    }

    /// A peer by its full device id or a unique prefix of at least 8 characters.
    static func resolve(_ text: String, in store: Store) throws -> Peer {
        let wanted = text.uppercased().trimmingCharacters(in: .whitespaces)
        let matches = try store.peers().filter { $0.deviceID.uuidString.hasPrefix(wanted) }
        guard wanted.count >= 8, matches.count == 1 else {
            throw SchakelError(.notFound, L10n.t(matches.count > 1 ? "peer.error.ambiguous" : "peer.error.notFound"))
        }
        return matches[0]
    }

    /// Opens the store, finds the peer, applies the change and says so.
    static func change(_ device: String, options: StoreOptions, done: String, _ body: (Store, UUID) throws -> Void) throws {
        try options.withStore(.write) { store in
            let peer = try resolve(device, in: store)
            try body(store, peer.deviceID)
            Output.progress(L10n.t(done, peer.card.name))
        }
    }
}

struct PeerCardCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "card", abstract: L10n.t("help.peerCard.abstract"))
    }
    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp(L10n.t("help.export.out"), valueName: "bestand")) var out: String?

    func run() throws {
        try options.withStore(.write) { store in
            try Output.deliver(try store.contactCard().text, to: out, written: "peer.cardWritten")
        }
    }
}

struct PeerAddCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "add", abstract: L10n.t("help.peerAdd.abstract"), discussion: L10n.t("help.peerAdd.discussion"))
    }
    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp(L10n.t("help.peerAdd.card"), valueName: "kaart|-")) var card: String
    @Option(help: ArgumentHelp(L10n.t("help.peerAdd.fingerprint"), valueName: "woorden")) var fingerprint: String?

    func run() throws {
        try guarded {
            let raw: String
            if card == "-" {
                raw = String(decoding: FileHandle.standardInput.readDataToEndOfFile().prefix(8192), as: UTF8.self)
            } else {
                raw = String(decoding: try ExplicitExport.read(try ExplicitExport.resolve(card), maxBytes: 8192), as: UTF8.self)
            }
            let parsed = try ContactCard.parse(raw)
            let store = try options.open(.write)
            defer { store.close() }
            let confirmed: String
            if let fingerprint {
                confirmed = fingerprint
            } else {
                // Compared by phone: the user says the words match.
                guard card != "-", let tty = FileHandle(forUpdatingAtPath: "/dev/tty") else {
                    throw SchakelError(.validation, L10n.t("peer.error.needFingerprint"))
                }
                let prompt = L10n.t("peer.confirmPrompt", parsed.name, parsed.organisation, parsed.fingerprint)
                tty.write(Data(Sanitize.forTerminal(prompt + " ").utf8))
                let answer = String(decoding: tty.availableDataLine(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
                guard ["ja", "j", "yes", "y"].contains(answer) else { throw SchakelError(.validation, L10n.t("peer.notAdded")) }
                confirmed = parsed.fingerprint
            }
            try store.addPeer(parsed, confirmedFingerprint: confirmed)
            Output.progress(L10n.t("peer.added", parsed.name, String(parsed.deviceID.uuidString.prefix(8))))
        }
    }
}

struct PeerListCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "list", abstract: L10n.t("help.peerList.abstract"))
    }
    @OptionGroup var options: StoreOptions

    func run() throws {
        try options.withStore(.read) { store in
            let peers = try store.peers()
            guard !peers.isEmpty else { Output.progress(L10n.t("peer.none")); return }
            Output.table([L10n.t("col.device"), L10n.t("col.name"), L10n.t("col.organisation"), L10n.t("col.status"), L10n.t("col.fingerprint")],
                         peers.map { p in
                             [String(p.deviceID.uuidString.prefix(8)), p.card.name, p.card.organisation,
                              p.revokedAt.map { L10n.t("peer.revokedOn", CalendarDate($0).dutch) } ?? L10n.t("peer.trusted"), p.card.fingerprint]
                         })
        }
    }
}

struct PeerRemoveCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "remove", abstract: L10n.t("help.peerRemove.abstract"))
    }
    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp(L10n.t("help.peer.device"), valueName: "apparaat")) var device: String

    func run() throws {
        try PeerCommand.change(device, options: options, done: "peer.removed") { store, id in try store.removePeer(id) }
    }
}

struct PeerRevokeCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "revoke", abstract: L10n.t("help.peerRevoke.abstract"), discussion: L10n.t("help.peerRevoke.discussion"))
    }
    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp(L10n.t("help.peer.device"), valueName: "apparaat")) var device: String

    func run() throws {
        try PeerCommand.change(device, options: options, done: "peer.revoked") { store, id in try store.revokePeer(id) }
    }
}

struct KeyCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "key", abstract: L10n.t("help.key.abstract"), subcommands: [KeyExportCommand.self])
    }
}

/// The store's X25519 identity as an age key file, for the owner's own safekeeping (a
/// bundle can then be opened with `age -d -i`). Never to the terminal: a secret key must not
/// end up in the scrollback.
struct KeyExportCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "export", abstract: L10n.t("help.keyExport.abstract"), discussion: L10n.t("help.keyExport.discussion"))
    }
    @OptionGroup var options: StoreOptions
    @Option(help: ArgumentHelp(L10n.t("help.export.out"), valueName: "bestand")) var out: String

    func run() throws {
        try guarded {
            let url = try ExplicitExport.resolve(out)
            try ExplicitExport.requireAbsent(url)
            let store = try options.open(.write)
            defer { store.close() }
            let identity = try store.agreementIdentity()
            try ExplicitExport.write(Data(identity.keyFile(created: store.clock.now()).utf8), to: url)
            try store.recordAudit(AuditEntry(at: store.clock.now(), user: store.userID, action: "key-exported", caseID: nil, detail: ""))
            Output.progress(L10n.t("key.exported", url.path, identity.recipient.string))
        }
    }
}

extension FileHandle {
    /// One line typed at the terminal (at most 200 bytes).
    func availableDataLine() -> Data {
        var line = Data()
        while line.count < 200 {
            let byte = readData(ofLength: 1)
            guard let b = byte.first, b != 0x0A else { break }
            line.append(b)
        }
        return line
    }
}
