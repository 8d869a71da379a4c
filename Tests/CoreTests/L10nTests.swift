import Foundation
import Testing
@testable import Core

@Suite struct L10nTests {
    @Test func catalogsHaveTheSameKeys() {
        let nl = L10n.catalog(.nl), en = L10n.catalog(.en)
        #expect(!nl.isEmpty)
        #expect(Set(nl.keys) == Set(en.keys), "only nl: \(Set(nl.keys).subtracting(en.keys)), only en: \(Set(en.keys).subtracting(nl.keys))")
        for (k, v) in nl { #expect(!v.isEmpty && !(en[k] ?? "").isEmpty, "\(k)") }
    }

    /// Every literal key used in the sources exists, and so do the keys built from enums.
    @Test func everyUsedKeyExists() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let sources = root.appendingPathComponent("Sources")
        let nl = L10n.catalog(.nl)
        var used = Set<String>()
        let pattern = try NSRegularExpression(pattern: #"(?:L10n\.t\(|section\(|field\()"([a-zA-Z]+\.[a-zA-Z.]+)""#)
        for case let file as URL in FileManager.default.enumerator(at: sources, includingPropertiesForKeys: nil)! where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for m in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                used.insert(String(text[Range(m.range(at: 1), in: text)!]))
            }
        }
        #expect(used.count > 100)
        for key in used { #expect(nl[key] != nil, "missing \(key)") }
        for p in Phase.allCases { #expect(nl["phase.\(p.rawValue)"] != nil) }
        for r in Role.allCases { #expect(nl["role.\(r.rawValue)"] != nil) }
        for u in CaseOpening.urgencies { #expect(nl["urgency.\(u)"] != nil) }
        for s in CaseAction.statuses { #expect(nl["action.\(s)"] != nil) }
    }

    /// A key whose text has placeholders is never used without arguments (the user would read
    /// a literal "{0}": the refusal to erase a case did so).
    @Test func placeholdersGetArguments() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let nl = L10n.catalog(.nl)
        let bare = try NSRegularExpression(pattern: #"L10n\.t\("([a-zA-Z]+\.[a-zA-Z.]+)"\)"#)
        var offenders: [String] = []
        for case let file as URL in FileManager.default.enumerator(at: root.appendingPathComponent("Sources"), includingPropertiesForKeys: nil)!
        where file.pathExtension == "swift" {
            let text = try String(contentsOf: file, encoding: .utf8)
            for m in bare.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                let key = String(text[Range(m.range(at: 1), in: text)!])
                if nl[key]?.contains("{0}") == true { offenders.append("\(file.lastPathComponent): \(key)") }
            }
        }
        #expect(offenders.isEmpty, "\(offenders)")
        #expect(throws: SchakelError(.notAllowed, L10n.t("error.roleNotAllowed", Role.beheerder.label))) { try Role.beheerder.require(.writeCases) }
    }

    @Test func referenceDataIsComplete() {
        let ref = ReferenceData.shared
        for v in ["exploitationForms", "sectors", "genders", "residenceStatuses", "shelterTypes", "referrerTypes", "closureReasons",
                  "phaseChangeReasons", "legalBases", "sharingPurposes", "placementRejectionReasons"] {
            #expect(!ref.entries(v).isEmpty, "\(v)")
        }
        let haaglanden = ref.region("haaglanden")
        #expect(haaglanden?.organisations.filter { $0.tables.contains("casusoverleg-18-") }.count == 16)
        #expect(haaglanden?.organisations.filter { $0.tables.contains("zorgnetwerk") }.count == 8)
        #expect(ref.region("achterhoek") != nil)
    }
}
