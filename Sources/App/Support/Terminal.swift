import ArgumentParser
import Foundation
import Core

/// Everything the command line prints passes through here: store text can never send
/// control characters or escape sequences to the user's terminal.
enum Output {
    static func line(_ text: String = "") {
        print(Sanitize.forTerminal(text))
    }

    static func error(_ text: String) {
        toStandardError("schakel: " + Sanitize.forTerminal(text) + "\n")
    }

    static func progress(_ text: String) {
        toStandardError(Sanitize.forTerminal(text) + "\n")
    }

    /// A message that cannot be written (stderr on a full disk, a closed pipe) is dropped:
    /// `FileHandle.write(_:)` would stop the program with a crash report instead, after a
    /// command that may well have succeeded.
    private static func toStandardError(_ text: String) {
        try? FileHandle.standardError.write(contentsOf: Data(text.utf8))
    }

    /// A file format (CSV, iCalendar) written to standard output: byte for byte into a pipe
    /// or a redirect, but through the sanitiser when standard output is a terminal, where
    /// an escape sequence in a field would be obeyed instead of stored.
    /// A write that fails (a full disk behind `>`) is reported, not a crash.
    static func fileFormat(_ data: Data) throws {
        if isatty(STDOUT_FILENO) == 1 {
            var text = String(decoding: data, as: UTF8.self)
            if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
            try FileHandle.standardOutput.write(contentsOf: Data(Sanitize.forTerminal(text).utf8))
        } else {
            try FileHandle.standardOutput.write(contentsOf: data)
        }
    }

    /// A text that may go to a file (`--out`: never over an existing one, owner-only) or,
    /// without one, to standard output; `written` names the message for the file case.
    static func deliver(_ text: String, to out: String?, written: String) throws {
        guard let out else { line(String(text.dropLast())); return }
        let url = try ExplicitExport.resolve(out)
        try ExplicitExport.write(Data(text.utf8), to: url)
        progress(L10n.t(written, url.path))
    }

    /// Runs `body` for each file named on the command line. A file that fails is reported as
    /// "name: reason" and the others still run; the command then ends with exit code 1.
    static func eachFile(_ files: [String], _ body: (String) throws -> Void) throws {
        var failed = false
        for file in files {
            do { try body(file) } catch {
                failed = true
                Output.error(URL(fileURLWithPath: file).lastPathComponent + ": " + SchakelError.from(error).message)
            }
        }
        if failed { throw ExitCode(1) }
    }

    /// The marker every output from a demo store carries.
    static func demoBanner(_ store: Store) {
        if store.isDemo { line(L10n.t("demo.banner")) }
    }

    /// A plain text table, widths by display columns.
    /// Columns from `rightAlignedFrom` on are right-aligned (counts).
    static func table(_ header: [String], _ rows: [[String]], rightAlignedFrom: Int? = nil) {
        var widths = header.map { Sanitize.displayWidth($0) }
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], Sanitize.displayWidth(Sanitize.forTerminal(c))) } }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let s = Sanitize.forTerminal(c)
                let pad = String(repeating: " ", count: widths[i] - Sanitize.displayWidth(s))
                if let r = rightAlignedFrom, i >= r { return pad + s + (i == cells.count - 1 ? "" : "  ") }
                return i == cells.count - 1 ? s : s + pad + "  "
            }.joined()
        }
        line(render(header))
        for r in rows { line(render(r)) }
    }
}
