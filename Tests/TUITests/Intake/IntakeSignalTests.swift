import Foundation
import Testing
@testable import Core
@testable import TUI

/// Registering a signal in the intake pane (`a`): scripted keyboard sessions through the
/// real shell, checked on the screen and in the store.
extension ShellSuite {
    @Suite struct IntakeSignal {
        /// A vague signal with only a description of the person is enough: it becomes a case
        /// in phase signaal with exactly the values typed, and leaves no draft behind.
        @Test func registerAVagueSignalWithOnlyADescription() throws {
            let w = try IntakeWorld()
            let h = w.harness()
            let before = Set(try w.store.summaries().map(\.id))
            #expect(try w.store.drafts().isEmpty)
            h.press("a")
            #expect(h.signalFlow != nil)
            #expect(h.contains("Nieuw signaal of aanmelding"))
            #expect(h.contains("Alleen een omschrijving van de persoon is nodig."))
            let seen = "Vrouw slaapt in de nagelsalon waar ze werkt; de baas houdt haar paspoort."
            let description = "Vrouw van rond de dertig, kort zwart haar, spreekt weinig Nederlands."
            h.choose("referrerType", label: vocabLabel("referrerTypes", "hulpverlening"))
            h.fill("seen", seen)
            h.toggle("forms", labels: [vocabLabel("exploitationForms", "arbeidsuitbuiting")])
            h.fill("personDescription", description)
            h.choose("urgency", label: "hoog")
            #expect(h.line(of: "Melder *")?.contains("‹ Hulpverlening ›") == true)
            #expect(h.line(of: "Mogelijke vorm")?.contains("[x] Arbeidsuitbuiting") == true)
            #expect(h.line(of: "Urgentie")?.contains("‹ hoog ›") == true)
            Golden.check("intake-signal-form-120x40-standaard-privacy-off", h.backend)
            h.press("enter")

            #expect(h.flow == nil)
            let new = try w.store.summaries().filter { !before.contains($0.id) }
            try #require(new.count == 1)
            let id = new[0].id, code = new[0].code.description
            #expect(h.toasts.contains("Signaal geregistreerd als \(code)."))
            // The inbox shows the new row, in phase signaal, without a name.
            #expect(h.grid(.intake).table.rows.contains { $0.id == id.uuidString })
            let row = try #require(h.line(of: code))
            for cell in ["signaal", "hoog", "Hulpverlening", "Arbeidsuitbuiting", "22-11-2026"] { #expect(row.contains(cell), "\(cell) in \(row)") }
            #expect(h.contains("Inbox: signalen en aanmeldingen · 4"))

            let file = try w.store.caseFile(id)
            #expect(file.identity == ClientIdentity(givenNames: "", familyName: "", aliases: [], birthDate: nil, gender: "onbekend",
                                                    personDescription: description))
            #expect(file.referral == CaseReferral(referrerType: "hulpverlening", organisation: nil, contactName: nil, contactPhone: nil,
                                                  confidential: false, receivedOn: IntakeWorld.today))
            #expect(file.exploitation == CaseExploitation(forms: ["arbeidsuitbuiting"], sectors: [], indicators: [], crossBorder: nil, description: seen))
            #expect(file.opening?.urgency == "hoog")
            #expect(file.opening?.openedOn == IntakeWorld.today)
            #expect(file.phase?.phase == .signaal)
            #expect(file.coordination?.coordinator == w.store.userID)
            #expect(file.origin == nil && file.contact == nil && file.status == nil && file.groupLinks.isEmpty)
            #expect(try w.store.drafts().isEmpty)
        }

        /// The reporter's details, indicators and the person's details all land in the case.
        @Test func registerAFullSignal() throws {
            let w = try IntakeWorld()
            let h = w.harness()
            let before = Set(try w.store.summaries().map(\.id))
            h.press("a")
            h.choose("referrerType", label: vocabLabel("referrerTypes", "veilig-thuis"))
            h.fill("referrerOrganisation", "Veilig Thuis Haaglanden")
            h.fill("referrerContact", "Zqxmelder")
            h.choose("confidential", label: "ja")
            h.fill("seen", "Jongen wordt elke ochtend met een busje opgehaald.")
            h.toggle("forms", labels: [vocabLabel("exploitationForms", "criminele-uitbuiting")])
            h.toggle("indicators", labels: [vocabLabel("indicators", "meerdere-telefoons") + " (zacht)"])
            h.fill("givenNames", "Zqxvolledig")
            h.fill("familyName", "Zqxsignaal")
            h.fill("aliases", "Zqxbijnaam, Zqxtweede")
            h.fill("birthDate", "09-10-2004")
            h.choose("gender", label: "Man")
            h.fill("nationalities", "Roemenië, bg")
            h.fill("phone", "+40 712 345 678")
            h.press("enter")
            if case .duplicates? = h.signalFlow?.stage { h.press("enter") } // a new case, not linked
            #expect(h.flow == nil)
            let new = try w.store.summaries().filter { !before.contains($0.id) }
            try #require(new.count == 1)
            let file = try w.store.caseFile(new[0].id)
            #expect(file.identity == ClientIdentity(givenNames: "Zqxvolledig", familyName: "Zqxsignaal", aliases: ["Zqxbijnaam", "Zqxtweede"],
                                                    birthDate: .exact(CalendarDate(year: 2004, month: 10, day: 9)!), gender: "man"))
            #expect(file.origin == ClientOrigin(nationalities: ["RO", "BG"]))
            #expect(file.contact == ClientContact(phone: "+40 712 345 678"))
            #expect(file.referral == CaseReferral(referrerType: "veilig-thuis", organisation: "Veilig Thuis Haaglanden", contactName: "Zqxmelder",
                                                  confidential: true, receivedOn: IntakeWorld.today))
            #expect(file.exploitation?.forms == ["criminele-uitbuiting"])
            #expect(file.exploitation?.indicators == ["meerdere-telefoons"])
            #expect(file.opening?.urgency == "normaal")
            #expect(try w.store.drafts().isEmpty)
        }

        /// A spelling variant (given and family name swapped, no diacritics) with the same
        /// birth date is offered for linking, by code. Linking adds a "zelfde-persoon" link to
        /// both cases and merges nothing; "new case, do not link" links nothing.
        @Test func aSpellingVariantIsOfferedAndLinkingMergesNothing() throws {
            let w = try IntakeWorld()
            let h = w.harness()
            let existingCode = try w.code(w.existing)
            let existingBefore = try w.store.caseFile(w.existing)
            func register() {
                h.press("a")
                h.choose("referrerType", label: vocabLabel("referrerTypes", "politie-avim"))
                h.fill("givenNames", "Wisniewska")
                h.fill("familyName", "Lucja")
                h.fill("birthDate", "04-03-1999")
                h.press("enter")
            }
            var before = Set(try w.store.summaries().map(\.id))
            register()
            guard case .duplicates(let offers, _, let selected)? = h.signalFlow?.stage else {
                Issue.record("no duplicate stage: \(h.text)"); return
            }
            // Nothing is written before the choice.
            #expect(try w.store.summaries().count == before.count)
            #expect(selected == 0)
            let index = try #require(offers.firstIndex { $0.caseID == w.existing })
            #expect(index == 0, "the same person is the best candidate")
            #expect(offers[index].likely)
            #expect(offers[index].reasons.contains("voor- en achternaam omgedraaid"))
            #expect(offers[index].reasons.contains("zelfde geboortedatum"))
            #expect(h.contains("Mogelijk is deze persoon al bekend. Koppelen voegt niets samen"))
            #expect(h.contains("› Nieuwe casus, niet koppelen"))
            let offerLine = try #require(h.line(of: existingCode))
            #expect(offerLine.contains("Nieuwe casus, gekoppeld aan \(existingCode) · Łucja Wiśniewska · waarschijnlijk"))
            Golden.check("intake-signal-duplicates-120x40-standaard-privacy-off", h.backend)
            // Esc goes back to the form with everything still typed; Enter offers again.
            h.press("esc")
            #expect(h.form?.values["familyName"] == .text("Lucja"))
            h.press("enter")
            h.keys("j", index + 1)
            #expect(h.line(of: existingCode)?.contains("› Nieuwe casus, gekoppeld aan \(existingCode)") == true)
            h.press("enter")

            #expect(h.flow == nil)
            let linked = try w.store.summaries().filter { !before.contains($0.id) }
            try #require(linked.count == 1)
            let newFile = try w.store.caseFile(linked[0].id)
            #expect(h.toasts.contains("Signaal geregistreerd als \(linked[0].code), gekoppeld aan \(existingCode)."))
            let newLinks = Array(newFile.groupLinks.values)
            try #require(newLinks.count == 1)
            #expect(newLinks[0].groupKind == "zelfde-persoon")
            let existingAfter = try w.store.caseFile(w.existing)
            #expect(existingAfter.groupLinks.values.map(\.groupID) == [newLinks[0].groupID])
            #expect(existingAfter.groupLinks.values.map(\.groupKind) == ["zelfde-persoon"])
            // Never merged: both cases exist, each with its own name and history.
            #expect(existingAfter.identity == existingBefore.identity)
            #expect(existingAfter.phase == existingBefore.phase && existingAfter.opening == existingBefore.opening)
            #expect(newFile.identity?.givenNames == "Wisniewska" && newFile.identity?.familyName == "Lucja")
            #expect(newFile.phase?.phase == .signaal)
            #expect(try w.store.summaries().contains { $0.id == w.existing })

            // The same signal again, this time "new case, do not link".
            before = Set(try w.store.summaries().map(\.id))
            register()
            guard case .duplicates(let again, _, _)? = h.signalFlow?.stage else { Issue.record("no duplicate stage"); return }
            #expect(again.contains { $0.caseID == w.existing })
            #expect(again.contains { $0.caseID == linked[0].id }, "the case just registered is a candidate too")
            h.press("enter")
            #expect(h.flow == nil)
            let unlinked = try w.store.summaries().filter { !before.contains($0.id) }
            try #require(unlinked.count == 1)
            #expect(try w.store.caseFile(unlinked[0].id).groupLinks.isEmpty)
            #expect(try w.store.caseFile(w.existing).groupLinks.count == 1)
            #expect(try w.store.caseFile(linked[0].id).groupLinks.count == 1)
            #expect(h.toasts.contains("Signaal geregistreerd als \(unlinked[0].code)."))
        }

        /// A malformed birth date, an unknown nationality and control characters in a name get a
        /// message on the field's own line; nothing is written. Fixed, the form submits.
        @Test func badInputGetsAMessageNextToItsFieldAndNothingIsWritten() throws {
            let w = try IntakeWorld()
            let h = w.harness()
            let before = Set(try w.store.summaries().map(\.id))
            h.press("a")
            h.choose("referrerType", 0)
            // The escape sequence typed as characters: the field refuses the ESC itself,
            // so it can never reach the screen or the store.
            h.fill("givenNames", "Mar\u{1b}[2Jta")
            #expect(h.form?.values["givenNames"] == .text("Mar[2Jta"))
            // A right-to-left override is not a C0 control, so the field takes it; validation refuses it.
            h.fill("familyName", "Kowal\u{202E}ska")
            h.fill("birthDate", "31-02-2001")
            h.fill("nationalities", "Atlantis")
            h.press("enter")

            #expect(h.signalFlow != nil)
            #expect(h.line(of: "Geboortedatum (of ~jaar)")?.contains("⚠ geen geldige datum (dd-mm-jjjj of ~jjjj)") == true)
            #expect(h.line(of: "Nationaliteit (code/naam)")?.contains("⚠ onbekend land (gebruik de code, bv. PL)") == true)
            #expect(h.line(of: "Achternaam")?.contains("⚠ Achternaam bevat stuurtekens") == true)
            #expect(h.form?.errors.keys.sorted() == ["birthDate", "familyName", "nationalities"])
            // Focus goes to the first field with a message.
            #expect(h.form?.focusedField?.id == "familyName")
            #expect(!h.text.contains("\u{1b}") && !h.text.contains("\u{202E}"))
            #expect(Set(try w.store.summaries().map(\.id)) == before)
            #expect(try w.store.drafts().isEmpty)

            // The future is no birth date either.
            h.fill("birthDate", "01-01-2027")
            h.press("enter")
            #expect(h.line(of: "Geboortedatum (of ~jaar)")?.contains("⚠ geen geldige datum") == true)

            h.fill("givenNames", "Marta")
            h.fill("familyName", "Kowalska")
            h.fill("birthDate", "28-02-2001")
            h.fill("nationalities", "Polen")
            // Fixing a field takes its message away.
            #expect(h.form?.errors.isEmpty == true)
            #expect(!h.contains("⚠"))
            h.press("enter")
            if case .duplicates? = h.signalFlow?.stage { h.press("enter") }
            #expect(h.flow == nil)
            let new = try w.store.summaries().filter { !before.contains($0.id) }
            try #require(new.count == 1)
            let file = try w.store.caseFile(new[0].id)
            #expect(file.identity?.givenNames == "Marta" && file.identity?.familyName == "Kowalska")
            #expect(file.identity?.birthDate == .exact(CalendarDate(year: 2001, month: 2, day: 28)!))
            #expect(file.origin?.nationalities == ["PL"])
        }

        /// Who reported is required, and so is something about the person: a name, an alias
        /// or a description. Vague is fine; about nobody is not.
        @Test func aSignalNeedsAReporterAndSomethingAboutThePerson() throws {
            let w = try IntakeWorld()
            let h = w.harness()
            let before = try w.store.summaries().count
            h.press("a enter")
            #expect(h.signalFlow != nil)
            #expect(h.line(of: "Melder *")?.contains("⚠ verplicht") == true)
            h.choose("referrerType", label: vocabLabel("referrerTypes", "anoniem"))
            h.press("enter")
            #expect(h.signalFlow != nil)
            #expect(h.line(of: "Omschrijving persoon")?.contains("⚠ Geef minstens een naam, alias") == true)
            #expect(h.form?.focusedField?.id == "personDescription")
            #expect(try w.store.summaries().count == before)
            h.fill("aliases", "Zqxroepnaam")
            h.press("enter")
            if case .duplicates? = h.signalFlow?.stage { h.press("enter") }
            #expect(h.flow == nil)
            #expect(try w.store.summaries().count == before + 1)
            #expect(try w.store.summaries().contains { $0.aliases == ["Zqxroepnaam"] && $0.referrerType == "anoniem" })
        }

        /// An ESC that does reach a field (from a draft written by something else) is refused
        /// by validation, with the message next to the field, and never drawn.
        @Test func anEscapeThatReachesANameIsRefusedNextToTheField() throws {
            let w = try IntakeWorld()
            try w.store.write { tx in
                try tx.saveDraft(UUID(), IntakeDraft(form: "signaal", caseID: nil, step: 0,
                                                     values: ["referrerType": "0", "givenNames": "Zqx\u{1b}[2Jesc", "personDescription": "Man met pet."],
                                                     savedAt: IntakeWorld.today.date))
            }
            let h = w.harness()
            let before = try w.store.summaries().count
            h.press("a")
            #expect(h.form?.values["givenNames"] == .text("Zqx\u{1b}[2Jesc"))
            #expect(!h.text.contains("\u{1b}"))
            h.press("enter")
            #expect(h.signalFlow != nil)
            #expect(h.line(of: "Voornamen")?.contains("⚠ Voornamen bevat stuurtekens") == true)
            #expect(try w.store.summaries().count == before)
            h.fill("givenNames", "Zqxesc")
            h.press("enter")
            if case .duplicates? = h.signalFlow?.stage { h.press("enter") }
            #expect(h.flow == nil)
            #expect(try w.store.summaries().count == before + 1)
            #expect(try w.store.drafts().isEmpty)
        }
    }
}
