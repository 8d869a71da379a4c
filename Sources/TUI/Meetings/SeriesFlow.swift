import Foundation
import Core

/// Setting up a table's series (casusoverleg 18-, signaaltafel, zorgtafel...): the first
/// date, the time, the duration, the interval (the table's own by default) and the venue.
/// The meetings of the coming year are planned from the rule at once.
final class SeriesFlow: FormOnlyFlow {
    let editor: ItemEditor

    init(workspace ws: Workspace) {
        let tables = ReferenceData.shared.regions.flatMap(\.tables).reduce(into: [ReferenceData.Table]()) { acc, t in
            if !acc.contains(where: { $0.id == t.id }) { acc.append(t) }
        }
        let labels = tables.map { (L10n.language == .en ? $0.en : $0.nl) + " · " + L10n.t("series.everyWeeks", $0.intervalWeeks) }
        editor = ItemEditor(title: L10n.t("series.form"), fields: [
            FormField(id: "table", label: L10n.t("field.table"), kind: .choice(labels), isRequired: true),
            FormField(id: "date", label: L10n.t("field.firstDate"), kind: .date, isRequired: true),
            FormField(id: "startTime", label: L10n.t("field.startTime"), kind: .text(maxLength: 5), isRequired: true),
            FormField(id: "duration", label: L10n.t("field.durationMinutes"), kind: .text(maxLength: 3), isRequired: true),
            FormField(id: "interval", label: L10n.t("field.intervalWeeks"), kind: .text(maxLength: 2)),
            FormField(id: "location", label: L10n.t("field.location"), kind: .text(maxLength: 120)),
        ], values: ["table": .choice(0), "startTime": .text("14:00"), "duration": .text("120")]) { v in
            guard let t = FormCodec.choice(v, "table"), tables.indices.contains(t) else {
                throw SchakelError(.validation, L10n.t("validation.required", L10n.t("field.table")))
            }
            guard case .date(let start?)? = v["date"] else { throw SchakelError(.validation, L10n.t("validation.badDate", L10n.t("field.firstDate"))) }
            guard let duration = Int(FormCodec.text(v, "duration")) else {
                throw SchakelError(.validation, L10n.t("meeting.error.duration", StoreTransaction.meetingDuration.lowerBound, StoreTransaction.meetingDuration.upperBound))
            }
            let intervalText = FormCodec.text(v, "interval")
            var interval: Int?
            if !intervalText.isEmpty {
                guard let n = Int(intervalText) else {
                    throw SchakelError(.validation, L10n.t("meeting.error.interval", StoreTransaction.meetingInterval.lowerBound, StoreTransaction.meetingInterval.upperBound))
                }
                interval = n
            }
            let place = FormCodec.text(v, "location")
            var planned = 0
            try ws.store.write { tx in
                let id = try tx.createMeetingSeries(table: tables[t].id, start: start, startTime: FormCodec.text(v, "startTime"), durationMinutes: duration,
                                                    intervalWeeks: interval, location: place.isEmpty ? nil : place)
                planned = try tx.scheduleMeetings(series: id, through: max(start, ws.today).adding(days: 365)).count
            }
            return L10n.t("series.created", L10n.language == .en ? tables[t].en : tables[t].nl, planned)
        }
    }
}
