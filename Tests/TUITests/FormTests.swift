import Core
import Testing
@testable import TUI

@Suite struct CalendarDateTests {
    @Test(arguments: [
        ("29-02-2024", true), ("29-02-2023", false), ("31-04-2026", false), ("1-2-2026", true),
        ("01-02-26", false), ("00-01-2026", false), ("15-13-2026", false), ("15/01/2026", false),
        ("aa-bb-cccc", false), ("29-02-2000", true), ("29-02-1900", false), ("", false), ("١٢-٠١-٢٠٢٦", false),
    ] as [(String, Bool)])
    func parsesDutchDates(text: String, valid: Bool) {
        #expect((CalendarDate(dutch: text) != nil) == valid)
    }

    @Test func formatsAndOrders() throws {
        let d = try #require(CalendarDate(dutch: "1-2-2026"))
        #expect(d.dutchText == "01-02-2026")
        #expect(d.isoText == "2026-02-01")
        #expect(d < CalendarDate(year: 2026, month: 2, day: 2)!)
    }
}

@Suite struct FormTests {
    let theme = shippedTheme()
    let area = Rect(x: 0, y: 0, width: 70, height: 5)
    let fields = [
        FormField(id: "naam", label: "Naam", kind: .text(maxLength: 40), isRequired: true),
        FormField(id: "datum", label: "Datum intake", kind: .date),
        FormField(id: "fase", label: "Fase", kind: .choice(["intake", "traject", "nazorg"]), isRequired: true),
        FormField(id: "hulp", label: "Hulp", kind: .multiChoice(["taal", "werk", "zorg"])),
    ]
    func lines(_ form: Form) -> [String] {
        renderLines(width: 70, height: 5) { form.render(into: &$0, area: $1, theme: theme) }
    }

    @Test func rendersLabelsValuesAndRequiredMarkers() {
        let form = Form(fields: fields, values: ["naam": .text("Zoë"), "fase": .choice(1)])
        #expect(lines(form) == [
            "      Naam *  Zoë",
            "Datum intake",
            "      Fase *  ‹ traject ›",
            "        Hulp  [ ] taal [ ] werk [ ] zorg",
            "",
        ])
    }

    @Test func invalidDateShowsMessageNextToTheFieldUntilFixed() throws {
        var form = Form(fields: fields, values: ["naam": .text("Zoë")])
        try feed("tab 3 1 - 0 4 - 2 0 2 6 tab") { form.handle($0, area: area) }
        #expect(form.errors["datum"] == "ongeldige datum (dd-mm-jjjj)")
        #expect(lines(form)[1] == "Datum intake  31-04-2026" + String(repeating: " ", count: 23) + "⚠ ongeldige datum (dd-…")
        try feed("backtab left left left left left left left left backspace 0") { form.handle($0, area: area) }
        #expect(form.errors["datum"] == nil)            // fixed: message gone while typing
        #expect(form.values["datum"] == .date(CalendarDate(year: 2026, month: 4, day: 30)))
    }

    @Test func submitValidatesAllFieldsAndFocusesTheFirstInvalid() throws {
        var form = Form(fields: fields)
        try feed("tab tab") { form.handle($0, area: area) }
        #expect(try feed("enter") { form.handle($0, area: area) } == .handled)
        #expect(form.focusIndex == 0)
        #expect(form.errors == ["naam": "verplicht", "fase": "verplicht"])
        #expect(lines(form)[0].hasSuffix("⚠ verplicht"))
        try feed("A n a tab tab right right tab space right space") { form.handle($0, area: area) }
        let outcome = try feed("enter") { form.handle($0, area: area) }
        #expect(outcome == .action(.submit([
            "naam": .text("Ana"), "datum": .date(nil), "fase": .choice(1), "hulp": .multiChoice([0, 1]),
        ])))
    }

    @Test func choicesCycleBothWays() throws {
        var form = Form(fields: fields)
        try feed("tab tab left") { form.handle($0, area: area) }
        #expect(form.values["fase"] == .choice(2))
        try feed("space space") { form.handle($0, area: area) }
        #expect(form.values["fase"] == .choice(1))
    }

    @Test func multiChoiceTogglesAndShowsTheOptionCursor() throws {
        var form = Form(fields: fields)
        try feed("tab tab tab right right space left space space") { form.handle($0, area: area) }
        #expect(form.values["hulp"] == .multiChoice([2]))
        var buffer = CellBuffer(width: 70, height: 5)
        form.render(into: &buffer, area: buffer.bounds, theme: theme)
        #expect(trimTrailing(buffer.lines[3]) == "        Hulp  [ ] taal [ ] werk [x] zorg")
        let mask = buffer.styleMask()[3]
        let cursor = mask.index(mask.startIndex, offsetBy: 23)
        #expect(mask[cursor] == "R")                       // "[ ] werk" has the option cursor
    }

    @Test func escapeCancelsAndEnterDoesNotLeakIntoText() throws {
        var form = Form(fields: fields)
        #expect(try feed("esc") { form.handle($0, area: area) } == .action(.cancel))
        #expect(form.values["naam"] == .text(""))
    }

    @Test func englishMessages() throws {
        var form = Form(fields: fields, strings: .standard(.en))
        try feed("enter") { form.handle($0, area: area) }
        #expect(form.errors["naam"] == "required")
    }

    @Test func mouseFocusesAField() {
        var form = Form(fields: fields)
        #expect(form.handle(.mouse(MouseEvent(.press(.left), at: Point(x: 20, y: 2))), area: area) == .handled)
        #expect(form.focusedField?.id == "fase")
        #expect(form.errors["naam"] == "verplicht")        // leaving a field validates it
    }
}
