import Core
/// A form of typed fields with validation messages shown next to each field.
///
/// Keys: Tab/↓ next field, BackTab/↑ previous, typing edits text and date fields,
/// Left/Right/Space change choices, Space toggles in multi-choice, Enter submits (or
/// moves to the first invalid field), Esc cancels. A field is validated when it is left
/// and all fields on submit; messages stay until the value is fixed.
public struct Form: Equatable {
    public enum Action: Equatable {
        case submit([String: FormValue])
        case cancel
    }

    public struct Strings: Equatable, Sendable {
        public var required: String
        public var invalidDate: String
        public var requiredMarker: String

        public init(required: String, invalidDate: String, requiredMarker: String = "*") {
            self.required = required
            self.invalidDate = invalidDate
            self.requiredMarker = requiredMarker
        }

        public static func standard(_ language: UILanguage) -> Strings {
            switch language {
            case .nl: return Strings(required: "verplicht", invalidDate: "ongeldige datum (dd-mm-jjjj)")
            case .en: return Strings(required: "required", invalidDate: "invalid date (dd-mm-yyyy)")
            }
        }
    }

    public let fields: [FormField]
    public var strings: Strings
    public private(set) var focusIndex = 0
    /// Validation messages by field id (only for fields already checked).
    public private(set) var errors: [String: String] = [:]
    private var editors: [LineEditor]
    private var choices: [Int?]
    private var multi: [Set<Int>]
    private var optionCursor: [Int]
    private var checked: Set<String> = []

    public init(fields: [FormField], values: [String: FormValue] = [:], strings: Strings = .standard(.nl)) {
        self.fields = fields
        self.strings = strings
        editors = fields.map { field in
            switch (field.kind, values[field.id]) {
            case let (.text(maxLength), .text(s)?): return LineEditor(s, maxLength: maxLength)
            case let (.text(maxLength), _): return LineEditor("", maxLength: maxLength)
            case let (.date, .date(d)?): return LineEditor(d?.dutchText ?? "", maxLength: 10)
            default: return LineEditor("", maxLength: 10)
            }
        }
        choices = fields.map { field in
            if case .choice(let i)? = values[field.id] { return i }
            return nil
        }
        multi = fields.map { field in
            if case .multiChoice(let s)? = values[field.id] { return s }
            return []
        }
        optionCursor = fields.map { _ in 0 }
    }

    public var focusedField: FormField? { fields.indices.contains(focusIndex) ? fields[focusIndex] : nil }

    /// The current value of every field (dates that do not parse are `.date(nil)`).
    public var values: [String: FormValue] {
        var result: [String: FormValue] = [:]
        for (i, field) in fields.enumerated() { result[field.id] = value(at: i) }
        return result
    }

    private func value(at i: Int) -> FormValue {
        switch fields[i].kind {
        case .text: return .text(editors[i].text)
        case .date: return .date(CalendarDate(dutch: editors[i].text.trimmingWhitespace().description))
        case .choice: return .choice(choices[i])
        case .multiChoice: return .multiChoice(multi[i])
        }
    }

    /// The validation message for a field, or nil when it is valid.
    public func validationMessage(at i: Int) -> String? {
        let field = fields[i]
        switch field.kind {
        case .text:
            if field.isRequired && editors[i].text.trimmingWhitespace().isEmpty { return strings.required }
        case .date:
            let text = editors[i].text.trimmingWhitespace()
            if text.isEmpty { return field.isRequired ? strings.required : nil }
            if CalendarDate(dutch: String(text)) == nil { return strings.invalidDate }
        case .choice:
            if field.isRequired && choices[i] == nil { return strings.required }
        case .multiChoice:
            if field.isRequired && multi[i].isEmpty { return strings.required }
        }
        return nil
    }

    /// Messages from validation the form cannot do itself (the domain's rules), shown next
    /// to their fields; focus moves to the first of them.
    public mutating func setErrors(_ messages: [String: String]) {
        for (id, message) in messages where fields.contains(where: { $0.id == id }) {
            errors[id] = message
            checked.insert(id)
        }
        if let first = fields.indices.first(where: { messages[fields[$0].id] != nil }) { focusIndex = first }
    }

    private mutating func check(_ i: Int) {
        guard fields.indices.contains(i) else { return }
        checked.insert(fields[i].id)
        errors[fields[i].id] = validationMessage(at: i)
    }

    /// Re-validate a field that already shows a message, so it disappears once fixed.
    private mutating func recheckIfShown(_ i: Int) {
        if checked.contains(fields[i].id) { errors[fields[i].id] = validationMessage(at: i) }
    }

    // MARK: Events

    public mutating func handle(_ event: InputEvent, area: Rect) -> WidgetOutcome<Action> {
        switch event {
        case .key(let key): return handle(key)
        case .mouse(let mouse):
            guard case .press(.left) = mouse.kind, area.contains(mouse.position) else { return .ignored }
            let row = mouse.position.y - area.y
            guard fields.indices.contains(row), row != focusIndex else { return .ignored }
            check(focusIndex)
            focusIndex = row
            return .handled
        case .resize: return .ignored
        }
    }

    private mutating func handle(_ key: KeyEvent) -> WidgetOutcome<Action> {
        guard !fields.isEmpty else { return .ignored }
        switch key.key {
        case .tab, .down: return moveFocus(by: 1)
        case .backTab, .up: return moveFocus(by: -1)
        case .escape: return .action(.cancel)
        case .enter:
            for i in fields.indices { check(i) }
            if let firstInvalid = fields.indices.first(where: { errors[fields[$0].id] != nil }) {
                focusIndex = firstInvalid
                return .handled
            }
            return .action(.submit(values))
        default: break
        }
        let i = focusIndex
        switch fields[i].kind {
        case .text, .date:
            guard editors[i].handle(key) else { return .ignored }
            recheckIfShown(i)
            return .handled
        case .choice(let options):
            guard !options.isEmpty else { return .ignored }
            let current = choices[i]
            switch key.key {
            case .right, .character(" "): choices[i] = current.map { ($0 + 1) % options.count } ?? 0
            case .left: choices[i] = current.map { ($0 + options.count - 1) % options.count } ?? options.count - 1
            default: return .ignored
            }
            recheckIfShown(i)
            return .handled
        case .multiChoice(let options):
            guard !options.isEmpty else { return .ignored }
            switch key.key {
            case .right: optionCursor[i] = min(optionCursor[i] + 1, options.count - 1)
            case .left: optionCursor[i] = max(optionCursor[i] - 1, 0)
            case .character(" "):
                if multi[i].contains(optionCursor[i]) { multi[i].remove(optionCursor[i]) }
                else { multi[i].insert(optionCursor[i]) }
                recheckIfShown(i)
            default: return .ignored
            }
            return .handled
        }
    }

    private mutating func moveFocus(by delta: Int) -> WidgetOutcome<Action> {
        let target = min(max(0, focusIndex + delta), fields.count - 1)
        guard target != focusIndex else { return .ignored }
        check(focusIndex)
        focusIndex = target
        return .handled
    }

    // MARK: Drawing

    /// One row per field: `label* [value] ⚠ message`.
    public func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, focused: Bool = true) {
        guard !area.isEmpty else { return }
        buffer.fill(area, style: theme[.text])
        let labels = fields.map { $0.label + ($0.isRequired ? " " + strings.requiredMarker : "") }
        let labelWidth = min(labels.map { TextWidth.width(of: $0) }.max() ?? 0, area.width / 3)
        let valueX = area.x + labelWidth + 2
        let warning = theme.usesUnicodeGlyphs ? "⚠ " : "! "
        // Keep the focused field on screen when there are more fields than rows.
        let offset = max(0, focusIndex - area.height + 1)
        for (i, field) in fields.enumerated() where i >= offset && i - offset < area.height {
            let row = area.row(i - offset)
            let isMulti: Bool = { if case .multiChoice = field.kind { return true } else { return false } }()
            let valueWidth = max(0, min(isMulti ? 72 : 40, area.maxX - valueX - (errors[field.id] == nil ? 0 : 24)))
            let isFocused = focused && i == focusIndex
            let labelStyle = isFocused ? theme[.text].with(attributes: .bold) : theme[.text]
            buffer.put(text: labels[i], in: Rect(x: row.x, y: row.y, width: labelWidth, height: 1),
                       style: labelStyle, alignment: .right)
            let valueRect = Rect(x: valueX, y: row.y, width: valueWidth, height: 1)
            let style = isFocused ? theme[.inputFocus] : theme[.input]
            renderValue(i, field: field, into: &buffer, rect: valueRect, style: style, focused: isFocused, theme: theme)
            if let message = errors[field.id] {
                let x = valueRect.maxX + 1
                buffer.put(text: warning + message, at: Point(x: x, y: row.y), maxWidth: area.maxX - x,
                           style: theme[.error], clip: row)
            }
        }
    }

    private func renderValue(_ i: Int, field: FormField, into buffer: inout CellBuffer, rect: Rect,
                             style: Style, focused: Bool, theme: Theme) {
        switch field.kind {
        case .text, .date:
            editors[i].render(into: &buffer, area: rect, style: style, focused: focused)
        case .choice(let options):
            let label = choices[i].map { options.indices.contains($0) ? options[$0] : "" } ?? "—"
            buffer.put(text: "‹ " + label + " ›", in: rect, style: style)
        case .multiChoice(let options):
            buffer.fill(rect, style: style)
            var x = rect.x
            // Scroll the options so the cursor's option is visible.
            var start = 0
            func width(_ range: ClosedRange<Int>) -> Int { range.reduce(0) { $0 + TextWidth.width(of: options[$1]) + 5 } }
            if options.indices.contains(optionCursor[i]) {
                while start < optionCursor[i] && width(start...optionCursor[i]) > rect.width - 2 { start += 1 }
            }
            if start > 0 { x += buffer.put(text: "‹", at: Point(x: x, y: rect.y), maxWidth: 1, style: style) }
            for (n, option) in options.enumerated() where n >= start {
                let mark = multi[i].contains(n) ? "[x] " : "[ ] "
                let optionStyle = focused && n == optionCursor[i] ? style.with(attributes: .reverse) : style
                let written = buffer.put(text: mark + option, at: Point(x: x, y: rect.y), maxWidth: rect.maxX - x,
                                         style: optionStyle, clip: rect)
                x += written + 1
                if x >= rect.maxX { break }
            }
        }
    }
}
