import ArgumentParser
import Foundation
import Core

/// `schakel case erase CODE`: erasure (AVG art. 17), here and, through bundles, on every peer.
struct CaseEraseCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "erase", abstract: L10n.t("help.caseErase.abstract"), discussion: L10n.t("help.caseErase.discussion"))
    }
    @OptionGroup var target: IrreversibleCaseAction

    func run() throws {
        try target.run(prompt: "caseErase.prompt", done: "caseErase.done") { store, id in try store.eraseCase(id) }
    }
}

/// A case, and what cannot be undone to it (erasing, anonymising), here and on the peers:
/// the store opened for writing, the code typed again, the act, a line saying it was done.
struct IrreversibleCaseAction: ParsableArguments {
    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp(L10n.t("help.code"), valueName: "code")) var code: String
    @Option(help: ArgumentHelp(L10n.t("help.caseErase.confirm"), valueName: "code")) var confirm: String?

    /// `prompt` and `done` are string keys taking the case code.
    func run(prompt: String, done: String, _ act: (Store, UUID) throws -> Void) throws {
        try guarded {
            let (store, id, code) = try options.openCase(code, mode: .write, capability: .writeCases)
            defer { store.close() }
            try CodeConfirmation.require(code, given: confirm, prompt: L10n.t(prompt, code.description))
            try act(store, id)
            Output.line(L10n.t(done, code.description))
        }
    }
}

/// Typing the case code again before what cannot be undone (erasing, anonymising), here
/// and on the peers: from `--confirm CODE`, or asked on the terminal.
enum CodeConfirmation {
    static func require(_ code: CaseCode, given: String?, prompt: String) throws {
        let typed: String
        if let given { typed = given } else {
            guard let tty = FileHandle(forUpdatingAtPath: "/dev/tty") else { throw SchakelError(.validation, L10n.t("caseErase.needConfirm")) }
            tty.write(Data(Sanitize.forTerminal(prompt + " ").utf8))
            typed = String(decoding: tty.availableDataLine(), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard CaseCode(typed) == code else { throw SchakelError(.validation, L10n.t("caseErase.mismatch")) }
    }
}

/// `schakel case transfer CODE --to DEVICE --regio REGION`: Overdracht to a coordinator elsewhere.
struct CaseTransferCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "transfer", abstract: L10n.t("help.caseTransfer.abstract"), discussion: L10n.t("help.caseTransfer.discussion"))
    }
    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp(L10n.t("help.code"), valueName: "code")) var code: String
    @Option(help: ArgumentHelp(L10n.t("help.caseTransfer.to"), valueName: "apparaat")) var to: String
    @Option(name: [.customLong("regio"), .customLong("region")], help: ArgumentHelp(L10n.t("help.caseTransfer.region"), valueName: "regio")) var region: String
    @Option(name: [.customLong("gemeente"), .customLong("municipality")], help: ArgumentHelp(L10n.t("help.caseTransfer.municipality"), valueName: "gemeente"))
    var municipality: String?

    func run() throws {
        try guarded {
            let (store, id, code) = try options.openCase(code, mode: .write, capability: .writeCases)
            defer { store.close() }
            let peer = try PeerCommand.resolve(to, in: store)
            try store.transferCase(id, to: peer.deviceID, region: region, municipality: municipality)
            Output.line(L10n.t("caseTransfer.done", code.description, peer.card.name))
        }
    }
}

/// `schakel peer share DEVICE`: what a peer receives beyond the default (its user's cases).
struct PeerShareCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "share", abstract: L10n.t("help.peerShare.abstract"), discussion: L10n.t("help.peerShare.discussion"))
    }
    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp(L10n.t("help.peer.device"), valueName: "apparaat")) var device: String
    @Flag(name: [.customLong("alle-casussen"), .customLong("all-cases")], help: ArgumentHelp(L10n.t("help.peerShare.all"))) var allCases = false
    @Flag(name: [.customLong("standaard"), .customLong("default")], help: ArgumentHelp(L10n.t("help.peerShare.standard"))) var standard = false
    @Option(name: [.customLong("casus"), .customLong("case")], help: ArgumentHelp(L10n.t("help.peerShare.case"), valueName: "code")) var cases: [String] = []
    @Option(name: [.customLong("zonder"), .customLong("without")], help: ArgumentHelp(L10n.t("help.peerShare.without"), valueName: "groep"))
    var without: [String] = []

    func run() throws {
        try options.withStore(.write) { store in
            let peer = try PeerCommand.resolve(device, in: store)
            var policy = standard ? SharingPolicy.standard : (try store.peerSyncState(peer.deviceID)?.policy ?? .standard)
            if allCases { policy.allCases = true }
            for text in cases {
                guard let code = CaseCode(text) else { throw SchakelError(.validation, L10n.t("error.badCode")) }
                guard let id = try store.caseID(code: code) else { throw SchakelError(.notFound, L10n.t("error.caseNotFound")) }
                policy.extraCases.insert(id)
            }
            for group in without {
                guard FieldCatalog.byKey[group] != nil, !SharingPolicy.essentialGroups.contains(group) else {
                    throw SchakelError(.validation, L10n.t("peerShare.badGroup", group))
                }
                policy.withheldGroups.insert(group)
            }
            try store.setSharingPolicy(policy, for: peer.deviceID)
            Output.line(L10n.t("peerShare.done", peer.card.name, policy.allCases ? L10n.t("peerShare.all") : L10n.t("peerShare.default"),
                               policy.extraCases.count, policy.withheldGroups.sorted().joined(separator: ", ")))
        }
    }
}

/// `schakel peer trust DEVICE`: lifts a revocation that another device passed on.
struct PeerTrustCommand: ParsableCommand {
    static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "trust", abstract: L10n.t("help.peerTrust.abstract"))
    }
    @OptionGroup var options: StoreOptions
    @Argument(help: ArgumentHelp(L10n.t("help.peer.device"), valueName: "apparaat")) var device: String

    func run() throws {
        try PeerCommand.change(device, options: options, done: "peerTrust.done") { store, id in try store.liftRevocation(id) }
    }
}
