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
        FileHandle.standardError.write(Data(("schakel: " + Sanitize.forTerminal(text) + "\n").utf8))
    }

    static func progress(_ text: String) {
        FileHandle.standardError.write(Data((Sanitize.forTerminal(text) + "\n").utf8))
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
    static func table(_ header: [String], _ rows: [[String]]) {
        var widths = header.map { Sanitize.displayWidth($0) }
        for r in rows { for (i, c) in r.enumerated() { widths[i] = max(widths[i], Sanitize.displayWidth(Sanitize.forTerminal(c))) } }
        func render(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in
                let s = Sanitize.forTerminal(c)
                return i == cells.count - 1 ? s : s + String(repeating: " ", count: widths[i] - Sanitize.displayWidth(s) + 2)
            }.joined()
        }
        line(render(header))
        for r in rows { line(render(r)) }
    }
}
