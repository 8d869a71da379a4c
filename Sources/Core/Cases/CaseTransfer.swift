import Foundation
import GRDB

/// Overdracht: a case moves with its whole history to a coordinator in another region. The new
/// coordinator's device receives the case in full with the next bundle (the default policy
/// shares a case with its coordinator; a case new to a peer is filled in). Both sides record
/// it: a note of kind `overdracht` in the case, and an audit entry on each store.
extension Store {
    public func transferCase(_ caseID: UUID, to peerID: UUID, region: String, municipality: String?) throws {
        try role.require(.writeCases)
        guard let peer = try peer(peerID), !peer.isRevoked else { throw SchakelError(.notFound, L10n.t("peer.error.notFound")) }
        guard let peerUser = try peerSyncState(peerID)?.user else { throw SchakelError(.validation, L10n.t("transfer.error.userUnknown")) }
        guard let target = ReferenceData.shared.regions.first(where: { $0.id == region }) else {
            throw SchakelError(.validation, L10n.t("transfer.error.region"))
        }
        let place = municipality ?? "onbekend"
        guard place == "onbekend" || target.municipalities.contains(where: { $0.id == place }) else {
            throw SchakelError(.validation, L10n.t("transfer.error.municipality"))
        }
        try write { tx in
            let file = try tx.currentCase(caseID)
            guard var coordination = file.coordination else { throw SchakelError(.validation, L10n.t("error.caseIncomplete")) }
            guard coordination.coordinator != peerUser else { throw SchakelError(.validation, L10n.t("transfer.error.already")) }
            let from = ReferenceData.shared.regions.first { $0.id == coordination.region }
            coordination.coordinator = peerUser
            coordination.backup = nil
            coordination.region = region
            coordination.municipality = place
            try tx.put(coordination, entity: caseID, caseID: caseID)
            let text = L10n.t("transfer.note", peer.card.name, peer.card.organisation,
                              from.map { L10n.language == .en ? $0.en : $0.nl } ?? "—", L10n.language == .en ? target.en : target.nl)
            try tx.put(TimelineNote(on: tx.today, author: userID, text: text, kind: "overdracht"), entity: UUID(), caseID: caseID)
            tx.audit("case-transferred", caseID: caseID, detail: peerID.uuidString)
        }
    }
}
