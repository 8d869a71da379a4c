import Foundation

/// Opens a decrypted document in the system's viewer through a `RuntimeFolder`, and removes
/// the file when the viewer exits. The viewer command comes from the config (`viewer = …`,
/// default `xdg-open`); it gets the file path as its last argument. Launchers that return at
/// once (xdg-open handing off to a running program) leave the file until `closeAll()`, which
/// runs when the viewer is closed from Schakel, at lock and at quit.
public final class DocumentViewer: @unchecked Sendable {
    public let command: [String]
    private var open: [(process: Process, folder: RuntimeFolder)] = []
    private let lock = NSLock()

    public init(command: [String] = ["xdg-open"]) { self.command = command }

    /// Starts the viewer on the bytes; returns at once.
    public func show(_ data: Data, fileName: String) throws {
        guard let program = command.first else { throw SchakelError(.notAllowed, L10n.t("document.noViewer")) }
        let folder = try RuntimeFolder.make()
        do {
            // The original file name can identify the client and would show in `ps` and in
            // "recently used" lists: the viewer gets a neutral name with the same extension.
            let ext = URL(fileURLWithPath: fileName).pathExtension.filter { $0.isLetter || $0.isNumber }.prefix(8)
            let file = try folder.write(data, name: ext.isEmpty ? "document" : "document.\(ext)")
            RuntimeFolder.track(folder.url, file: file)
            let p = Process()
            p.executableURL = URL(fileURLWithPath: program.hasPrefix("/") ? program : "/usr/bin/env")
            p.arguments = (program.hasPrefix("/") ? [] : [program]) + command.dropFirst() + [file.path]
            // The viewer must not draw into the curses screen.
            p.standardInput = FileHandle.nullDevice
            p.standardOutput = FileHandle.nullDevice
            p.standardError = FileHandle.nullDevice
            p.terminationHandler = { [weak self] ended in self?.finished(ended) }
            lock.lock(); open.append((p, folder)); lock.unlock()
            try p.run()
        } catch {
            lock.lock(); open.removeAll { $0.folder.url == folder.url }; lock.unlock()
            folder.remove()
            throw (error as? SchakelError) ?? SchakelError(.io, L10n.t("document.viewerFailed", program))
        }
    }

    /// Viewers still running (their files still exist).
    public var openCount: Int { lock.lock(); defer { lock.unlock() }; return open.count }

    private func finished(_ p: Process) {
        lock.lock()
        let done = open.filter { $0.process === p }
        open.removeAll { $0.process === p }
        lock.unlock()
        // A launcher that exits at once handed the file to another program: keep it until closeAll.
        let launcher = Self.launchers.contains(URL(fileURLWithPath: command.first ?? "").lastPathComponent)
        for d in done where p.terminationStatus != 0 || !launcher { d.folder.remove() }
        if launcher && p.terminationStatus == 0 {
            lock.lock(); handedOff += done.map(\.folder); lock.unlock()
        }
    }

    private var handedOff: [RuntimeFolder] = []
    static let launchers: Set<String> = ["xdg-open", "open", "gio", "kde-open", "gnome-open"]

    /// Ends every viewer this session started and removes every file.
    public func closeAll() {
        lock.lock()
        let running = open, passed = handedOff
        open = []; handedOff = []
        lock.unlock()
        for r in running { if r.process.isRunning { r.process.terminate() }; r.folder.remove() }
        for f in passed { f.remove() }
    }

    deinit { closeAll() }
}
