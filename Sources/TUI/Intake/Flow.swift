import Foundation
import Core

/// A multi-screen task shown over the panes (registering a signal, an intake). The shell
/// hands it events and draws it; the flow says when it is finished.
public enum FlowOutcome: Equatable {
    case stay
    case close(message: String?)
    /// Data changed: the shell reloads the workspace and shows the message.
    case done(message: String)
}

public protocol Flow: AnyObject {
    var title: String { get }
    /// Key hints for the footer line of the flow.
    var hint: String { get }
    func render(into buffer: inout CellBuffer, area: Rect, theme: Theme, privacy: Bool)
    func handle(_ event: InputEvent, area: Rect) -> FlowOutcome
    /// The flow is being closed from outside (auto-lock, privacy mode): keep what was typed
    /// as an encrypted draft. Returns a message for the user, if there is anything to say.
    func suspend() -> String?
    /// A flow that shows (masked) data but takes no typed names may stay open in privacy mode.
    var availableInPrivacy: Bool { get }
    /// False while no text field has the keys: then letter commands such as `P` (privacy) reach the shell.
    var isTyping: Bool { get }
    /// Typed input that suspending would not keep (quit and presentation then ask to save or cancel first).
    var hasUnsavedInput: Bool { get }
    /// A running meeting: auto-lock waits for a long pause instead of the usual one, and
    /// the screen locks when it ends.
    var holdsAutoLock: Bool { get }
    /// Called about once a second without input (timers, a follower window); true when
    /// the flow's picture changed.
    func tick() -> Bool
    /// Drawn over the whole screen below the header (meeting mode, the follower window).
    var fullScreen: Bool { get }
}

extension Flow {
    public var availableInPrivacy: Bool { false }
    public var isTyping: Bool { true }
    public var hasUnsavedInput: Bool { false }
    public var holdsAutoLock: Bool { false }
    public func tick() -> Bool { false }
    public var fullScreen: Bool { false }
}

/// Turns form values into the strings a draft keeps, and back.
enum FormCodec {
    static func encode(_ values: [String: FormValue]) -> [String: String] {
        var out: [String: String] = [:]
        for (k, v) in values {
            switch v {
            case .text(let s): if !s.isEmpty { out[k] = s }
            case .date(let d): if let d { out[k] = d.dutch }
            case .choice(let i): if let i { out[k] = "\(i)" }
            case .multiChoice(let set): if !set.isEmpty { out[k] = set.sorted().map(String.init).joined(separator: ",") }
            }
        }
        return out
    }

    static func decode(_ values: [String: String], fields: [FormField]) -> [String: FormValue] {
        var out: [String: FormValue] = [:]
        for f in fields {
            guard let raw = values[f.id] else { continue }
            switch f.kind {
            case .text: out[f.id] = .text(raw)
            case .date: out[f.id] = .date(CalendarDate(dutch: raw))
            case .choice(let options): if let i = Int(raw), options.indices.contains(i) { out[f.id] = .choice(i) }
            case .multiChoice(let options): out[f.id] = .multiChoice(Set(raw.split(separator: ",").compactMap { Int($0) }.filter { options.indices.contains($0) }))
            }
        }
        return out
    }

    static func text(_ v: [String: FormValue], _ id: String) -> String {
        if case .text(let s)? = v[id] { return s.trimmingCharacters(in: .whitespaces) }
        if case .date(let d)? = v[id] { return d?.dutch ?? "" }
        return ""
    }

    static func choice(_ v: [String: FormValue], _ id: String) -> Int? {
        if case .choice(let i)? = v[id] { return i }
        return nil
    }

    static func multi(_ v: [String: FormValue], _ id: String) -> [Int] {
        if case .multiChoice(let s)? = v[id] { return s.sorted() }
        return []
    }
}

/// A vocabulary as form options: labels to show, ids to store.
struct VocabularyOptions {
    let ids: [String]
    let labels: [String]

    init(_ vocabulary: String, suffix: (ReferenceData.Entry) -> String = { _ in "" }) {
        let entries = ReferenceData.shared.entries(vocabulary)
        ids = entries.map(\.id)
        labels = entries.map { $0.label() + suffix($0) }
    }

    func id(_ index: Int?) -> String? { index.flatMap { ids.indices.contains($0) ? ids[$0] : nil } }
    func index(_ id: String?) -> Int? { id.flatMap { ids.firstIndex(of: $0) } }
}
