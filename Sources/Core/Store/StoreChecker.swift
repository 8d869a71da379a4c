import Foundation
import GRDB
import Crypto

/// `schakel check`: everything that can be verified about a store, in one report.
/// Problems are described without personal data (codes and counts only).
public struct CheckReport: Sendable {
    public var events = 0
    public var devices = 0
    public var cases = 0
    public var auditEntries = 0
    public var problems: [String] = []
    public var ok: Bool { problems.isEmpty }
    public init() {}
}

extension Store {
    public func check() throws -> CheckReport {
        // The four checks are independent and each reads one consistent snapshot, so they run
        // side by side on separate connections (a million events: use every core).
        let parts: [(Database, inout CheckReport) throws -> Void] = [
            { db, r in
                let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
                if integrity != ["ok"] { r.problems.append(L10n.t("check.sqlite", integrity.prefix(3).joined(separator: "; "))) }
                try self.checkAudit(db, &r)
            },
            { db, r in try self.checkChains(db, &r) },
            // State and cases are the long parts: each in two halves (by entity or case id)
            // so that the work spreads evenly over the cores.
            { db, r in try self.checkState(db, &r, half: 0) },
            { db, r in try self.checkState(db, &r, half: 1) },
            { db, r in try self.checkCases(db, &r, half: 0) },
            { db, r in try self.checkCases(db, &r, half: 1) },
        ]
        var results = [Result<CheckReport, Error>](repeating: .success(CheckReport()), count: parts.count)
        let lock = NSLock()
        DispatchQueue.concurrentPerform(iterations: parts.count) { i in
            let result = Result { () throws -> CheckReport in
                var r = CheckReport()
                try pool.read { db in try parts[i](db, &r) }
                return r
            }
            lock.lock(); results[i] = result; lock.unlock()
        }
        var report = CheckReport()
        for result in results {
            let r = try result.get()
            report.events += r.events; report.devices += r.devices; report.cases += r.cases; report.auditEntries += r.auditEntries
            report.problems += r.problems
        }
        if let names = try? FileManager.default.contentsOfDirectory(atPath: location.auditInboxURL.path),
           names.contains(where: { $0.hasSuffix(".rejected") }) {
            report.problems.append(L10n.t("check.auditInboxRejected"))
        }
        return report
    }

    /// Each device's events: ids are the hash of their envelopes, each names its predecessor,
    /// sequence numbers have no gaps, and the signed head matches the last event.
    private func checkChains(_ db: Database, _ report: inout CheckReport) throws {
        let devices = try Row.fetchAll(db, sql: "SELECT id, signing_public_key FROM device")
        report.devices = devices.count
        for device in devices {
            let deviceData: Data = device["id"]
            guard let deviceID = UUID(data: deviceData) else { continue }
            // This device's key comes from the sealed signing key (needs the passphrase), never
            // from a plaintext column someone with the file could replace.
            let publicKey: Data = deviceID == self.deviceID ? signer.publicKey : device["signing_public_key"]
            if deviceID == self.deviceID && device["signing_public_key"] as Data != signer.publicKey {
                report.problems.append(L10n.t("check.deviceKeyReplaced"))
            }
            var expectedSeq: UInt64 = 1
            var prev = Data.zeroHash
            var broken = false
            let cursor = try Row.fetchCursor(db, sql: """
                SELECT id, seq, prev, hlc, author, entity_kind, entity_id, case_id, field_group, overwrote,
                       payload_digest, schema, op FROM event WHERE device_id = ? ORDER BY seq
                """, arguments: [deviceData])
            while let row = try cursor.next() {
                report.events += 1
                let seq = UInt64(row["seq"] as Int64)
                let storedPrev: Data = row["prev"]
                let envelope = EventEnvelope(
                    deviceID: deviceID, seq: seq, prev: storedPrev, hlc: HLC(packed: UInt64(bitPattern: row["hlc"])),
                    author: UUID(data: row["author"]) ?? .zero, entityKind: row["entity_kind"], entityID: UUID(data: row["entity_id"]) ?? .zero,
                    caseID: (row["case_id"] as Data?).flatMap(UUID.init(data:)), group: row["field_group"], overwrote: row["overwrote"],
                    payloadDigest: row["payload_digest"], schema: UInt16(row["schema"] as Int),
                    operation: EventEnvelope.Operation(rawValue: UInt8(row["op"] as Int)) ?? .put)
                if !broken && (seq != expectedSeq || storedPrev != prev || envelope.id != row["id"] as Data) {
                    report.problems.append(L10n.t("check.chainBroken", seq))
                    broken = true
                }
                expectedSeq = seq + 1
                prev = row["id"]
            }
            let last = expectedSeq - 1
            if let headRow = try Row.fetchOne(db, sql: "SELECT seq, head, signature FROM chain_head WHERE device_id = ?", arguments: [deviceData]) {
                let head = ChainHead(deviceID: deviceID, seq: UInt64(headRow["seq"] as Int64), head: headRow["head"], signature: headRow["signature"])
                if head.seq != last || head.head != prev || !DeviceSigner.verify(signature: head.signature, message: head.message, publicKey: publicKey) {
                    report.problems.append(L10n.t("check.headSignature"))
                }
            } else if last > 0 {
                report.problems.append(L10n.t("check.headSignature"))
            }
        }
        if !devices.contains(where: { ($0["id"] as Data) == deviceID.data }) { report.problems.append(L10n.t("check.deviceKeyReplaced")) }
        let orphans = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM event WHERE device_id NOT IN (SELECT id FROM device)") ?? 0
        if orphans > 0 { report.problems.append(L10n.t("check.unknownDevice", orphans)) }
    }

    /// The current state is what the events say (`Registers`): for each entity and field group,
    /// the heads no other event replaces; the winner in `entity_state`, heads with another value in
    /// `conflict`. Every payload decrypts and matches its digest. Events without a payload (left
    /// out by a peer's sharing policy, or erased) only keep their device's chain whole.
    private func checkState(_ db: Database, _ report: inout CheckReport, half: Int) throws {
        // Most registers have one head: keep it inline, and further heads (conflicts) aside.
        var first: [RegisterKey: RegisterHead] = [:]
        var more: [RegisterKey: [RegisterHead]] = [:]
        var replacedEarly = Set<RegisterParent>()
        var caseOf: [RegisterKey: Data] = [:]
        var undecryptable = 0
        let part = half == 0 ? "entity_id < x'80'" : "entity_id >= x'80'"
        let cursor = try Row.fetchCursor(db, sql: """
            SELECT id, device_id, hlc, entity_kind, entity_id, field_group, case_id, op, overwrote, payload, payload_digest
              FROM event WHERE \(part)
            """)
        while let row = try cursor.next() {
            let payload: Data = row["payload"]
            if payload.isEmpty { continue }
            let key = RegisterKey(kind: row["entity_kind"], entity: row["entity_id"], group: row["field_group"])
            let candidate = RegisterHead(id: row["id"], hlc: row["hlc"], device: row["device_id"], removed: (row["op"] as Int) == 2)
            var overwroteDone = false
            let overwrote: Data? = row["overwrote"]
            if let overwrote, overwrote.count == 32, replacedEarly.isEmpty, more.isEmpty || more[key] == nil,
               let i = first.index(forKey: key), first.values[i].id == overwrote {
                // The common case: the event replaces the register's only head (in place, one lookup).
                first.values[i] = candidate
                overwroteDone = true
            } else if let overwrote, !overwrote.isEmpty {
                for parent in EventEnvelope.split(overwrote) {
                    if first[key]?.id == parent {
                        if var extra = more[key], !extra.isEmpty {
                            first[key] = extra.removeFirst()
                            more[key] = extra.isEmpty ? nil : extra
                        } else {
                            first[key] = nil
                        }
                    } else if let i = more[key]?.firstIndex(where: { $0.id == parent }) {
                        more[key]!.remove(at: i)
                        if more[key]!.isEmpty { more[key] = nil }
                    } else {
                        replacedEarly.insert(RegisterParent(key: key, id: parent))
                    }
                }
            }
            if overwroteDone {
            } else if replacedEarly.isEmpty || !replacedEarly.contains(RegisterParent(key: key, id: candidate.id)) {
                if first[key] == nil { first[key] = candidate } else { more[key, default: []].append(candidate) }
            }
            let caseData: Data? = row["case_id"]
            if !more.isEmpty, more[key] != nil, let caseData { caseOf[key] = caseData }
            // Every payload must decrypt and match the digest in its (hashed) envelope.
            let caseID = caseData.flatMap(UUID.init(data:))
            let sealer: Sealer? = caseID == nil ? keys.records : try caseSealer(caseID!, db: db)
            guard let sealer, let plain = try? sealer.open(payload, context: "event/\(candidate.id.hex)"),
                  Data(SHA256.hash(data: plain)) == row["payload_digest"] as Data else {
                undecryptable += 1
                continue
            }
        }
        if undecryptable > 0 { report.problems.append(L10n.t("check.undecryptable", undecryptable)) }
        var mismatches = 0
        for row in try Row.fetchAll(db, sql: "SELECT entity_kind, entity_id, field_group, event_id, removed FROM entity_state WHERE \(part)") {
            let key = RegisterKey(kind: row["entity_kind"], entity: row["entity_id"], group: row["field_group"])
            guard let head = first.removeValue(forKey: key) else { mismatches += 1; continue }
            let list = [head] + (more.removeValue(forKey: key) ?? [])
            var winner = head
            for h in list.dropFirst() where RegisterHead.wins(h, over: winner) { winner = h }
            if winner.id != row["event_id"] as Data || winner.removed != (row["removed"] as Int == 1) { mismatches += 1; continue }
            // Several heads: those with another value than the winner must be listed as conflicts.
            guard list.count > 1 else { continue }
            let value = { (id: Data) throws -> Data? in
                guard let r = try Row.fetchOne(db, sql: "SELECT payload, op FROM event WHERE id = ?", arguments: [id]) else { return nil }
                if (r["op"] as Int) == 2 { return nil }
                let caseID = caseOf[key].flatMap(UUID.init(data:))
                guard let sealer = caseID == nil ? self.keys.records : try self.caseSealer(caseID!, db: db) else { return nil }
                return try sealer.open(r["payload"], context: "event/\(id.hex)").dropFirst(16)
            }
            let shown = try value(winner.id)
            var expected = Set<Data>()
            for h in list where h.id != winner.id { if try value(h.id) != shown { expected.insert(h.id) } }
            let stored = Set(try Data.fetchAll(db, sql: """
                SELECT event_id FROM conflict WHERE entity_kind = ? AND entity_id = ? AND field_group = ? AND kind = 1
                """, arguments: [key.kind, key.entity, key.group]))
            if stored != expected { mismatches += 1 }
        }
        mismatches += first.count
        // A conflict row for a register that has a single head is stale.
        mismatches += try Int.fetchOne(db, sql: """
            SELECT COUNT(*) FROM conflict c WHERE c.kind = 1 AND c.\(part) AND NOT EXISTS (
              SELECT 1 FROM entity_state s WHERE s.entity_kind = c.entity_kind AND s.entity_id = c.entity_id AND s.field_group = c.field_group)
            """) ?? 0
        if mismatches > 0 { report.problems.append(L10n.t("check.stateMismatch", mismatches)) }
    }

    /// Each case's sealed summary and plaintext columns equal what its state produces.
    private func checkCases(_ db: Database, _ report: inout CheckReport, half: Int) throws {
        let rows = try Row.fetchAll(db, sql: "SELECT case_id, code, phase, coordinator, backup, region, municipality, opened, summary FROM case_index WHERE "
                                    + (half == 0 ? "case_id < x'80'" : "case_id >= x'80'"))
        report.cases = rows.count
        var bad: [String] = []
        for row in rows {
            let code: String = row["code"]
            guard let id = UUID(data: row["case_id"]), let sealer = try? caseSealer(id, db: db) else { bad.append(code); continue }
            do {
                let file = try loadCaseFile(id, db: db, sealer: sealer)
                let expected = try CaseSummary(file)
                let stored = try CaseSummary(encoded: sealer.open(row["summary"], context: "summary/\(id.uuidString)"))
                if stored != expected || expected.code.description != code || expected.phase.rawValue != row["phase"] as String
                    || expected.coordinator.data != row["coordinator"] as Data || expected.backup?.data != row["backup"] as Data?
                    || expected.region != row["region"] as String || expected.municipality != row["municipality"] as String
                    || expected.openedOn.iso != row["opened"] as String {
                    bad.append(code)
                }
                // Every attachment's bytes are there, decrypt, and are the ones added.
                for doc in file.documents.values {
                    let sealed = try Data.fetchOne(db, sql: "SELECT sealed FROM document_blob WHERE id = ? AND case_id = ?", arguments: [doc.blob.data, id.data])
                    guard let sealed, let plain = try? sealer.open(sealed, context: "document/\(doc.blob.uuidString)"),
                          Data(SHA256.hash(data: plain)).hex == doc.digest else { bad.append(code); break }
                }
            } catch {
                bad.append(code)
            }
        }
        let stateCases = try Int.fetchOne(db, sql: "SELECT COUNT(DISTINCT case_id) FROM entity_state WHERE case_id IS NOT NULL AND "
                                          + (half == 0 ? "case_id < x'80'" : "case_id >= x'80'")) ?? 0
        if stateCases != rows.count { report.problems.append(L10n.t("check.caseIndexCount", stateCases, rows.count)) }
        if !bad.isEmpty { report.problems.append(L10n.t("check.caseSummary", bad.prefix(10).joined(separator: ", "), bad.count)) }
    }

    /// The audit log: every entry decrypts, the HMAC chain is unbroken, the signed head is the last entry.
    private func checkAudit(_ db: Database, _ report: inout CheckReport) throws {
        let status = try auditChainStatus(db)
        report.auditEntries += status.entries
        if let seq = status.firstBroken { report.problems.append(L10n.t("check.auditBroken", seq)) }
        if !status.headValid { report.problems.append(L10n.t("check.auditHead")) }
    }

    /// The one verification of the audit chain, for `check` and the audit view (`AuditQuery`).
    func auditChainStatus(_ db: Database) throws -> AuditChainStatus {
        var status = AuditChainStatus(entries: 0, firstBroken: nil, headValid: true)
        var mac = Data.zeroHash
        var expected: Int64 = 1
        let cursor = try Row.fetchCursor(db, sql: "SELECT seq, entry, mac FROM audit ORDER BY seq")
        while let row = try cursor.next() {
            status.entries += 1
            let seq: Int64 = row["seq"]
            let sealed: Data = row["entry"]
            let computed = AuditEntry.chainMAC(key: keys.auditMAC, previous: mac, seq: seq, sealed: sealed)
            if status.firstBroken == nil && (seq != expected || computed != row["mac"] as Data
                           || (try? AuditEntry(encoded: keys.audit.open(sealed, context: "audit/\(seq)"))) == nil) {
                status.firstBroken = seq
            }
            mac = row["mac"]
            expected = seq + 1
        }
        if let head = try Row.fetchOne(db, sql: "SELECT seq, mac, signature FROM audit_head WHERE id = 1") {
            let message = AuditEntry.headMessage(seq: head["seq"], mac: head["mac"])
            if head["seq"] as Int64 != expected - 1 || head["mac"] as Data != mac
                || !DeviceSigner.verify(signature: head["signature"], message: message, publicKey: signer.publicKey) {
                status.headValid = false
            }
        } else {
            // Creating a store writes the first audit entry and its signed head: none at all
            // means the log was removed.
            status.headValid = false
        }
        return status
    }
}

/// A replaced event, by register: `overwrote` only counts within one register.
private struct RegisterParent: Hashable {
    var key: RegisterKey
    var id: Data
}
