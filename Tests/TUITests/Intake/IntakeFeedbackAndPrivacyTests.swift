import Foundation
import Testing
@testable import Core
@testable import TUI

extension ShellSuite {
    /// Feedback to the reporter (`t`): what was done with the signal and when they were told.
    @Suite struct IntakeFeedback {
        @Test func feedbackToTheReporterIsStoredOnTheCase() throws {
            let w = try IntakeWorld()
            let h = w.harness()
            let code = try w.code(w.vague)
            h.select(code: code)
            h.press("t")
            #expect(h.feedbackFlow != nil)
            #expect(h.contains("terugkoppeling melder · \(code)"))
            #expect(h.line(of: "Melder geïnformeerd op")?.contains("22-11-2026") == true)
            // The outcome is required.
            h.press("enter")
            #expect(h.feedbackFlow != nil)
            #expect(h.line(of: "Wat is er gedaan *")?.contains("⚠ verplicht") == true)
            h.choose("outcome", label: vocabLabel("feedbackOutcomes", "doorverwezen"))
            // Telling the reporter tomorrow is not something that happened.
            h.fill("toldOn", "23-11-2026")
            h.press("enter")
            #expect(h.feedbackFlow != nil)
            #expect(h.line(of: "Melder geïnformeerd op")?.contains("⚠ datum ligt in de toekomst") == true)
            #expect(try w.store.caseFile(w.vague).feedback == nil)
            h.fill("toldOn", "20-11-2026")
            // A control character in the note: the message is next to the note, nothing is written.
            h.fill("note", "Melder gebeld\u{202E}")
            h.press("enter")
            #expect(h.feedbackFlow != nil)
            #expect(h.line(of: "Toelichting (zonder namen)")?.contains("⚠") == true)
            #expect(h.line(of: "Toelichting (zonder namen)")?.contains("stuurtekens") == true)
            #expect(try w.store.caseFile(w.vague).feedback == nil)
            h.fill("note", "Melder gebeld; casus doorgezet naar jeugd.")
            h.press("enter")
            #expect(h.flow == nil)
            #expect(h.toasts.contains("Terugkoppeling voor \(code) vastgelegd."))
            #expect(try w.store.caseFile(w.vague).feedback
                    == ReporterFeedback(outcome: "doorverwezen", toldOn: CalendarDate(year: 2026, month: 11, day: 20)!,
                                        note: "Melder gebeld; casus doorgezet naar jeugd."))
            // Opening it again shows what was recorded; a new outcome replaces it.
            h.press("t")
            #expect(h.line(of: "Wat is er gedaan *")?.contains("‹ Doorverwezen ›") == true)
            #expect(h.line(of: "Melder geïnformeerd op")?.contains("20-11-2026") == true)
            h.choose("outcome", label: vocabLabel("feedbackOutcomes", "geen-vervolg"))
            h.press("enter")
            #expect(try w.store.caseFile(w.vague).feedback?.outcome == "geen-vervolg")
            // Esc closes without writing and without a draft.
            h.press("t")
            h.choose("outcome", label: vocabLabel("feedbackOutcomes", "intake-gestart"))
            h.press("esc")
            #expect(h.flow == nil)
            #expect(try w.store.caseFile(w.vague).feedback?.outcome == "geen-vervolg")
            #expect(try w.store.drafts().isEmpty)
        }
    }

    /// Privacy mode: the flows are where names are typed, so none of them opens.
    @Suite struct IntakePrivacy {
        @Test func withPrivacyOnANewSignalIntakeAndFeedbackOpenNothing() throws {
            let w = try IntakeWorld()
            let h = w.harness(privacy: true)
            #expect(h.shell.privacy)
            let names = ["Amina", "Idrissi", "Popescu", "Wiśniewska", "Łucja", "Zqxintake"]
            h.select(code: try w.code(w.adult))
            #expect(h.grid(.intake).table.selectedRow?.id == w.adult.uuidString)
            let before = try w.store.summaries().count
            for key in ["a", "i", "t"] {
                h.press(key)
                #expect(h.shell.overlay == nil, "\(key) opened nothing")
                for name in names { #expect(!h.text.contains(name), "\(name) after \(key)") }
            }
            #expect(try w.store.summaries().count == before)
            #expect(try w.store.drafts().isEmpty)
            // Each key says why it does nothing (a toast about privacy mode).
            #expect(h.toasts.count == 3)
            #expect(h.toasts.allSatisfy { $0.contains("privacymodus") }, "\(h.toasts)")
            #expect(h.contains("privacymodus"))
            // Started any other way, the shell itself refuses too.
            h.shell.startFlow { ws in SignalFlow(workspace: ws, findDuplicates: { ws.duplicateOffers(for: $0) }) }
            h.shell.startFlow { try IntakeFlow(workspace: $0, caseID: w.adult) }
            h.shell.startFlow { try FeedbackFlow(workspace: $0, caseID: w.adult) }
            h.shell.draw()
            #expect(h.shell.overlay == nil)
            #expect(h.toasts.count == 6)
            #expect(h.toasts.suffix(3).allSatisfy { $0 == "Niet beschikbaar in privacymodus (hier worden namen ingevoerd)." })
            #expect(try w.store.drafts().isEmpty)
            for name in names { #expect(!h.text.contains(name)) }
        }
    }
}
