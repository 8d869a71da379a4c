import Foundation
import Core

/// How the sync screens name things: devices, colleagues, moments, field groups, conflict
/// kinds. In privacy mode a colleague shows by organisation or function, never by name.
/// Everything here may come from another device: the screens draw it through `CellBuffer`,
/// which sanitises, and values are also made single-line here.
enum SyncLabels {
    /// The bundle file extension (Core's `BundleFormat.fileExtension`, not public).
    static let bundleExtension = "schakel"

    static func stamp(_ date: Date?) -> String {
        guard let date else { return L10n.t("sync.never") }
        let f = DateFormatter()
        f.locale = Locale(identifier: "nl_NL")
        f.timeZone = TimeZone(identifier: "Europe/Amsterdam")
        f.dateFormat = "dd-MM-yyyy HH:mm"
        return f.string(from: date)
    }

    static func shortID(_ id: UUID) -> String { String(id.uuidString.lowercased().prefix(8)) }

    /// A peer as listed: name (organisation in privacy mode).
    static func peerName(_ peer: Peer, privacy: Bool) -> String {
        privacy ? peer.card.organisation : peer.card.name
    }

    /// The device that made a value: this one, a known peer, or its short id.
    static func device(_ id: UUID, workspace: Workspace, privacy: Bool) -> String {
        if id == workspace.store.deviceID { return L10n.t("sync.thisDevice") }
        if let p = workspace.peers.first(where: { $0.deviceID == id }) { return peerName(p, privacy: privacy) }
        return L10n.t("sync.deviceShort", shortID(id))
    }

    /// The colleague who made a value: the user record if it arrived, else the device's card.
    static func author(_ id: UUID, device: UUID, workspace: Workspace, privacy: Bool) -> String {
        if workspace.users[id] != nil { return workspace.userLabel(id, privacy: privacy) }
        if let p = workspace.peers.first(where: { $0.deviceID == device }) {
            return privacy ? p.card.function : p.card.name
        }
        return "?"
    }

    /// `kind.group` as the screens' words (falls back to the key itself).
    static func group(_ key: String) -> String {
        let t = L10n.t("group.\(key)")
        return t == "group.\(key)" ? key : t
    }

    static func kind(_ kind: SyncConflict.Kind) -> String {
        L10n.t(kind == .value ? "conflicts.kind.value" : "conflicts.kind.closure")
    }

    /// `key` with `{0}` = n, using `key.1` for exactly one when the catalog has it.
    static func count(_ key: String, _ n: Int) -> String {
        if n == 1, L10n.t(key + ".1") != key + ".1" { return L10n.t(key + ".1") }
        return L10n.t(key, n)
    }

    /// One field of a competing value as shown. In privacy mode identifying and special-category
    /// fields (and fields the catalog does not know) are hidden; the rest pass the name masker.
    static func field(_ field: SyncConflict.Field, group: String, workspace: Workspace, privacy: Bool) -> (label: String, value: String) {
        let label = FieldLabels.label(field.name)
        let path = "\(group).\(field.name)"
        if privacy && FieldCatalog.classification(of: path) != .operational { return (label, workspace.masker.mask) }
        var value = readable(TerminalSanitizer.sanitize(field.value))
        if let id = UUID(uuidString: value), workspace.users[id] != nil { value = workspace.userLabel(id, privacy: privacy) }
        return (label, privacy ? workspace.masker.apply(value) : value)
    }

    /// A stored value as words: nested values (a birth date) by their leaves, ISO dates as
    /// dd-mm-jjjj, vocabulary and organisation ids as labels.
    static func readable(_ raw: String) -> String {
        if raw.hasPrefix("{"), let data = raw.data(using: .utf8), let object = try? JSONSerialization.jsonObject(with: data) {
            return leaves(object).map(readable).joined(separator: ", ")
        }
        if raw.count == 10, let d = CalendarDate(parsing: raw) { return d.dutch }
        return raw.isEmpty ? raw : HistoryLines.readable(raw)
    }

    private static func leaves(_ v: Any) -> [String] {
        switch v {
        case let d as [String: Any]: return d.keys.sorted().flatMap { leaves(d[$0]!) }
        case let a as [Any]: return a.flatMap(leaves)
        case let s as String: return [s]
        case let n as NSNumber: return [n.stringValue]
        default: return []
        }
    }
}
