import Foundation

/// Input rules shared by every way data enters (forms, command line, imports, bundles).
/// Messages name the field, never echo the value (it may be a name).
public enum Validation {
    public static let maxLineLength = 200
    public static let maxTextLength = 20_000
    public static let maxListCount = 50

    /// A single-line field: no control characters at all (escape sequences included).
    public static func line(_ value: String, field: String, required: Bool = false, max: Int = maxLineLength) throws -> String {
        let v = value.trimmingCharacters(in: .whitespaces)
        if required && v.isEmpty { throw SchakelError(.validation, L10n.t("validation.required", label(field))) }
        if v.count > max { throw SchakelError(.validation, L10n.t("validation.tooLong", label(field), max)) }
        if v.unicodeScalars.contains(where: isForbidden(_:)) || v.contains("\n") || v.contains("\t") {
            throw SchakelError(.validation, L10n.t("validation.controlCharacters", label(field)))
        }
        return v
    }

    /// Free text: newlines and tabs allowed, other control characters not.
    public static func text(_ value: String, field: String, required: Bool = false, max: Int = maxTextLength) throws -> String {
        let v = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if required && v.isEmpty { throw SchakelError(.validation, L10n.t("validation.required", label(field))) }
        if v.count > max { throw SchakelError(.validation, L10n.t("validation.tooLong", label(field), max)) }
        if v.unicodeScalars.contains(where: { $0 != "\n" && $0 != "\t" && isForbidden($0) }) {
            throw SchakelError(.validation, L10n.t("validation.controlCharacters", label(field)))
        }
        return v
    }

    public static func list(_ values: [String], field: String, max: Int = maxListCount) throws -> [String] {
        if values.count > max { throw SchakelError(.validation, L10n.t("validation.tooMany", label(field), max)) }
        return try values.map { try line($0, field: field) }.filter { !$0.isEmpty }
    }

    public static func vocabulary(_ value: String, _ vocabulary: String, field: String) throws -> String {
        guard ReferenceData.shared.contains(vocabulary, value) else {
            throw SchakelError(.validation, L10n.t("validation.unknownValue", label(field)))
        }
        return value
    }

    public static func date(_ text: String, field: String) throws -> CalendarDate {
        guard let d = CalendarDate(parsing: text) else { throw SchakelError(.validation, L10n.t("validation.badDate", label(field))) }
        return d
    }

    /// C0/C1 controls, DEL, bidi overrides and isolates: what could restyle a terminal or
    /// make a name read differently from what is stored.
    public static func isForbidden(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x00...0x1F, 0x7F...0x9F: return true
        case 0x202A...0x202E, 0x2066...0x2069, 0x200E, 0x200F, 0x061C: return true
        default: return false
        }
    }

    static func label(_ field: String) -> String { L10n.t("field.\(field)") }
}
