import Foundation
import Testing
@testable import Core

/// The Markdown exports: the participants' version leaks no names; the full one has them.
@Suite(.serialized) struct MeetingExportTests {
    static let today = TestStore.today

    @Test func deidentifiedExportLeaksNoClientOrAttendeeNames() throws {
        let store = try TestStore.make()
        defer { TestStore.remove(store) }
        // Sentinel names: rare enough that any occurrence in the export is a leak.
        var new = TestStore.newCase(store, given: "Zorabelle", family: "Quintavalle", birth: .exact(CalendarDate(year: 2011, month: 3, day: 2)!))
        new.identity.aliases = ["Xyloma"]
        new.phase = .intake
        new.exploitation = CaseExploitation(forms: ["criminele-uitbuiting"])
        let (caseID, code) = try store.write { tx in try tx.openCase(new) }
        var other = TestStore.newCase(store, given: "Wendeline", family: "Brakkenstein")
        other.phase = .intake
        _ = try store.write { tx in try tx.openCase(other) }
        let (previous, meeting) = try store.write { tx in
            (try tx.createMeeting(table: "casusoverleg-18-", date: Self.today.adding(days: -56), location: "Den Haag"),
             try tx.createMeeting(table: "casusoverleg-18-", date: Self.today, location: "Den Haag"))
        }
        try store.write { tx in
            let old = try tx.addAgendaItem(meeting: previous, caseID: caseID, question: "Eerste bespreking", broughtBy: "shop")
            try tx.markMeetingHeld(previous)
            try tx.writeMinutes(meeting: previous, item: old, text: "Zorabelle woont bij een tante.")
            _ = try tx.addMeetingAction(meeting: previous, item: old, what: "Gesprek met Quintavalle plannen", organisation: "fier", due: Self.today.adding(days: -7))
            let item = try tx.addAgendaItem(meeting: meeting, caseID: caseID, question: "Is Zorabelle (ook Xyloma) veilig bij Wendeline Brakkenstein?",
                                            broughtBy: "cjg", minutes: 20)
            _ = try tx.addAgendaItem(meeting: meeting, kind: "trend", title: "Werving via sociale media", question: "Wat zien jullie?", broughtBy: "fier")
            try tx.recordAttendance(meeting: meeting, organisation: "fier", present: true, names: ["Lotte Hoogervorst"])
            try tx.recordAttendance(meeting: meeting, organisation: "cjg", present: true, names: ["Pieternel Zandbergen"])
            try tx.recordAttendance(meeting: meeting, organisation: "palmhuis", present: false)
            try tx.approvePreviousMinutes(meeting: meeting)
            try tx.recordItemSharing(item: item, organisations: ["fier"], legalBasis: "convenant", fields: ["client.identity.name", "client.identity.birthDate"])
            try tx.writeMinutes(meeting: meeting, item: item, text: "Advies: Zorabelle naar Palmhuis.\nBrakkenstein wordt gebeld door Hoogervorst.")
            _ = try tx.addMeetingAction(meeting: meeting, item: item, what: "Zandbergen belt Zorabelle", organisation: "cjg", due: Self.today.adding(days: 14))
        }
        let export = try store.meetingExport(meeting: meeting, on: Self.today)
        let sentinels = ["Zorabelle", "Quintavalle", "Xyloma", "Wendeline", "Brakkenstein", "Hoogervorst", "Zandbergen", "Pieternel", "Lotte",
                         "Test Coördinator", "02-03-2011", "2011-03-02"]
        for version in [MeetingExport.Version.deidentified] {
            for text in [try export.agenda(version), try export.minutes(version)] {
                for s in sentinels { #expect(!text.localizedCaseInsensitiveContains(s), "\(s) leaked:\n\(text)") }
                #expect(text.contains(code.description))
                #expect(text.contains("15 jaar") && text.contains("Criminele uitbuiting"))
                #expect(text.contains("▒▒▒"))
            }
        }
        let agenda = try export.agenda(.deidentified)
        #expect(agenda.contains("Is ▒▒▒ (ook ▒▒▒) veilig bij ▒▒▒ ▒▒▒?"))
        #expect(agenda.contains("Werving via sociale media") && agenda.contains("14:15 · ") && agenda.contains("14:35 · "))   // time boxes: opening, minutes, follow-up 5 each; the case 20
        #expect(agenda.contains("Gesprek met ▒▒▒ plannen"))   // the open action heads the agenda
        let full = try export.minutes(.full)
        #expect(full.contains("Zorabelle Quintavalle") && full.contains("Lotte Hoogervorst") && full.contains("Brakkenstein"))
        #expect(full.contains("Fier") && full.contains("client.identity.name"))
        // Deterministic.
        #expect(try export.agenda(.deidentified) == agenda)
        #expect(try store.meetingExport(meeting: meeting, on: Self.today).minutes(.full) == full)
    }
}
