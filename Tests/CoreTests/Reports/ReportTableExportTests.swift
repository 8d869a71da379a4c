import Foundation
import Testing
@testable import Core

@Suite struct ReportTableExportTests {
    static let periods = ["2026-K1", "2026-K2"]

    /// 3 at (0,0) hides the other three inner cells; the totals stay.
    static let simple = SmallCellSuppression.apply(ReportTable(
        id: "exploitation-form", title: "Uitbuitingsvorm\nper kwartaal", rowHeading: "Uitbuitingsvorm",
        rows: ["Seksueel", "Arbeid | overig"], columns: periods, counts: [[3, 10], [12, 15]]))

    /// Labels a CSV must quote or guard: separators, quotes, line breaks, a formula.
    static let awkward = SmallCellSuppression.apply(ReportTable(
        id: "sector", title: "Sector", rowHeading: "Sector",
        rows: ["Land, tuinbouw", "Horeca; schoonmaak", "\"Overig\"", "=SUM(A1)", "Twee\nregels", "Zorg"],
        columns: periods, counts: [[0, 7], [2, 30], [11, 4], [6, 6], [9, 0], [0, 0]]))

    static var labels: ReportTableExport.Labels { .localized(.nl) }

    /// What both readers must give back: the cells as shown, a formula-like label with the
    /// guard's apostrophe.
    static func expectedRows(_ tables: [SuppressedTable]) -> [[String]] {
        var rows = [["tabel", "categorie"] + periods + ["Totaal"]]
        for s in tables {
            for (i, label) in s.table.rows.enumerated() {
                rows.append([s.table.id, label.hasPrefix("=") ? "'" + label : label] + s.cells[i].map(s.text) + [s.text(s.rowTotals[i])])
            }
            rows.append([s.table.id, "Totaal"] + s.columnTotals.map(s.text) + [s.text(s.grandTotal)])
        }
        return rows
    }

    static let dialects: [CSV.Options] = [CSV.Options(separator: ","), CSV.Options(separator: ";"),
                                          CSV.Options(separator: ",", byteOrderMark: true), CSV.Options(separator: ";", byteOrderMark: true)]

    @Test func csvExactText() {
        let data = ReportTableExport.csv([Self.simple], options: CSV.Options(), labels: Self.labels)
        #expect(String(decoding: data, as: UTF8.self) == """
            tabel,categorie,2026-K1,2026-K2,Totaal\r
            exploitation-form,Seksueel,<5,x,13\r
            exploitation-form,Arbeid | overig,x,x,27\r
            exploitation-form,Totaal,15,25,40\r

            """)
        let en = ReportTableExport.csv([Self.simple], options: CSV.Options(separator: ";"), labels: .localized(.en))
        #expect(String(decoding: en, as: UTF8.self).hasPrefix("table;category;2026-K1;2026-K2;Total\r\n"))
    }

    @Test func csvRoundTripsThroughTheOwnReader() throws {
        let tables = [Self.simple, Self.awkward]
        #expect(Self.awkward.grid.joined().contains(.small) && Self.awkward.grid.joined().contains(.hidden))
        for options in Self.dialects {
            let data = ReportTableExport.csv(tables, options: options, labels: Self.labels)
            #expect(data.starts(with: [0xEF, 0xBB, 0xBF]) == options.byteOrderMark)
            #expect(try CSV.parse(data) == Self.expectedRows(tables), "separator \(options.separator)")
            #expect(try CSV.parse(data, separator: options.separator) == Self.expectedRows(tables))
        }
    }

    static let hasPython: Bool = {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["python3", "-c", "import csv, json"]
        p.standardOutput = FileHandle.nullDevice; p.standardError = FileHandle.nullDevice
        guard (try? p.run()) != nil else { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }()

    /// Python's standard csv module reads the file (BOM skipped by utf-8-sig) with the dialect's delimiter.
    static func pythonRead(_ file: URL, separator: Character) throws -> [[String]] {
        let script = """
            import csv, json, sys
            with open(sys.argv[1], newline="", encoding="utf-8-sig") as f:
                rows = list(csv.reader(f, delimiter=sys.argv[2], strict=True))
            sys.stdout.write(json.dumps(rows, ensure_ascii=False))
            """
        let r = try PythonProcess.run(["-c", script, file.path, String(separator)])
        #expect(r.status == 0, "\(r.err)")
        return try JSONDecoder().decode([[String]].self, from: Data(r.out.utf8))
    }

    @Test(.enabled(if: hasPython, "python3 is not installed: the round trip through Python's csv module is skipped"))
    func csvRoundTripsThroughPython() throws {
        let tables = [Self.simple, Self.awkward]
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-report-csv-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (i, options) in Self.dialects.enumerated() {
            let file = dir.appendingPathComponent("report-\(i).csv")
            try ReportTableExport.csv(tables, options: options, labels: Self.labels).write(to: file)
            #expect(try Self.pythonRead(file, separator: options.separator) == Self.expectedRows(tables), "separator \(options.separator) bom \(options.byteOrderMark)")
        }
    }

    @Test func markdownExactText() {
        #expect(ReportTableExport.markdown([Self.simple], labels: Self.labels) == """
            ### Uitbuitingsvorm per kwartaal

            | Uitbuitingsvorm | 2026-K1 | 2026-K2 | Totaal |
            | --- | ---: | ---: | ---: |
            | Seksueel | <5 | x | 13 |
            | Arbeid \\| overig | x | x | 27 |
            | Totaal | 15 | 25 | 40 |

            <5 = minder dan 5 · x = verborgen, zodat een klein aantal niet uit de totalen kan worden afgeleid

            """)
        let en = ReportTableExport.markdown([Self.simple], labels: .localized(.en))
        #expect(en.hasSuffix("\n<5 = fewer than 5 · x = hidden so that a small count cannot be worked out from the totals\n"))
    }

    @Test func markdownEscapesLabelsAndListsEveryTable() {
        let md = ReportTableExport.markdown([Self.simple, Self.awkward], labels: Self.labels)
        let lines = md.components(separatedBy: "\n")
        #expect(lines.filter { $0.hasPrefix("### ") } == ["### Uitbuitingsvorm per kwartaal", "### Sector"])
        #expect(lines.contains { $0.hasPrefix("| Twee regels | ") })
        // Every table line has as many unescaped pipes as the header.
        for line in lines where line.hasPrefix("|") {
            #expect(line.replacingOccurrences(of: "\\|", with: "").filter { $0 == "|" }.count == 5, "\(line)")
        }
        #expect(lines.filter { $0.hasPrefix("<5 = ") }.count == 1)
    }
}
