import Foundation

/// `schakel sync --folder DIR`: bundles through a folder that a file-sync engine (Syncthing,
/// Nextcloud, an SMB share) carries between offices. Per pair of devices one subfolder
/// `<from>-naar-<to>` (the first 8 hex digits of each device id): this store writes its
/// outbox for a peer there and reads its inbox from the mirror folder. Signals from outside
/// are found in `signalen/`. Files starting with a dot or ending in `.part` are being written
/// and are never read; a bundle appears under its final name only when complete.
public struct SharedFolder {
    public let root: URL

    public init(_ root: URL) { self.root = root }

    public static func shortID(_ id: UUID) -> String { String(id.uuidString.lowercased().prefix(8)) }

    public func outbox(from me: UUID, to peer: UUID) -> URL {
        root.appendingPathComponent("\(Self.shortID(me))-naar-\(Self.shortID(peer))")
    }

    public var signals: URL { root.appendingPathComponent("signalen") }

    /// Complete files in a folder, oldest name first.
    static func readable(in dir: URL, suffix: String?) -> [URL] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []
        return names.filter { !$0.hasPrefix(".") && !$0.hasSuffix(".part") && (suffix.map($0.hasSuffix) ?? true) }
            .sorted().map { dir.appendingPathComponent($0) }
    }
}

/// One round of folder sync: what arrived, what went, what could not be read.
public struct FolderSyncReport: Equatable, Sendable {
    public struct Failure: Equatable, Sendable {
        public var file: String
        public var message: String
    }
    public var received: [ImportReport] = []
    public var sent: [UUID: BundleReport] = [:]
    public var signals: [String] = []          // case codes of signals opened
    public var failures: [Failure] = []
    public var isQuiet: Bool { received.isEmpty && sent.isEmpty && signals.isEmpty && failures.isEmpty }
}

extension Store {
    /// Reads the inboxes, then writes a bundle for each peer that has something new or is owed
    /// an acknowledgement. A bundle replaces this store's older ones in the same outbox: each
    /// carries everything the peer has not acknowledged.
    public func syncFolder(_ root: URL) throws -> FolderSyncReport {
        guard mode == .write else { throw SchakelError(.notAllowed, L10n.t("error.readOnly")) }
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDir), isDir.boolValue else {
            throw SchakelError(.notFound, L10n.t("sync.error.noFolder", root.path))
        }
        let folder = SharedFolder(root)
        var report = FolderSyncReport()
        report.received += try retryHeldBundles()
        let revoked = try revokedDevices()
        let peers = try self.peers().filter { !$0.isRevoked && !revoked.contains($0.deviceID) }
        for peer in peers {
            let inbox = folder.outbox(from: peer.deviceID, to: deviceID)
            for file in SharedFolder.readable(in: inbox, suffix: ".\(BundleFormat.fileExtension)") {
                do {
                    let r = try importBundle(file)
                    report.received.append(r)
                    try? FileManager.default.removeItem(at: file)
                } catch let e as SchakelError {
                    report.failures.append(.init(file: file.lastPathComponent, message: e.message))
                }
            }
        }
        for file in SharedFolder.readable(in: folder.signals, suffix: nil) {
            guard let data = try? Data(contentsOf: file) else { continue }
            do {
                let (_, code, _) = try importOutsideSignal(data)
                report.signals.append(code.description)
                try? FileManager.default.removeItem(at: file)
            } catch let e as SchakelError where e.message == AgeError.noMatch().message {
                continue   // for another coordinator
            } catch let e as SchakelError {
                report.failures.append(.init(file: file.lastPathComponent, message: e.message))
            }
        }
        for peer in peers {
            guard let state = try peerSyncState(peer.deviceID) else { continue }
            // Something new for the peer, or it does not yet know what this store holds (its acknowledgement).
            let owed = try state.told != pool.read { try holds($0) }
            guard try owed || pendingOutgoing(peer.deviceID) > 0 else { continue }
            let outbox = folder.outbox(from: deviceID, to: peer.deviceID)
            try FileManager.default.createDirectory(at: outbox, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let older = SharedFolder.readable(in: outbox, suffix: ".\(BundleFormat.fileExtension)")
            let name = String(format: "%013lld", Int64(clock.now().timeIntervalSince1970 * 1000)) + "-" + UUID().uuidString.prefix(8).lowercased()
            let url = outbox.appendingPathComponent("\(name).\(BundleFormat.fileExtension)")
            report.sent[peer.deviceID] = try exportBundle(to: peer.deviceID, out: url)
            for file in older { try? FileManager.default.removeItem(at: file) }
        }
        return report
    }
}
