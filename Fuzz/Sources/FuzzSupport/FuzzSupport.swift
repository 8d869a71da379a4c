import Foundation
@testable import Core
import CFuzzDriver

/// The body of every target's `main`: hands the command line to libFuzzer's driver.
public func runFuzzer(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>,
                      _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> CInt {
    schakel_fuzz_run(argc, argv, callback)
}

/// The fuzz input as `Data` (a copy: libFuzzer owns the buffer).
public func fuzzData(_ start: UnsafePointer<UInt8>, _ count: Int) -> Data {
    Data(bytes: start, count: count)
}

/// Stops the fuzzer with a message: a property the code promises does not hold.
public func fuzzFailure(_ message: String) -> Never {
    fatalError("fuzz property violated: \(message)")
}

/// Fixed keys, so that committed seeds stay valid from run to run. Synthetic: they protect nothing.
public enum FuzzKeys {
    /// The X25519 identity the age targets decrypt with (its recipient is `age1…` of these bytes).
    public static let identity = try! AgeX25519Identity(rawRepresentation: Data((0..<32).map { UInt8($0 &* 7 &+ 1) }))
    public static let recipient = identity.recipient
    /// The passphrase of the scrypt seeds and of the backup target.
    public static let passphrase = "fuzz-synthetisch"
    /// The highest scrypt work factor the fuzz targets accept (Schakel accepts 22: 4 GiB, one
    /// second per try; that is a documented limit, not something for the fuzzer to find again).
    public static let maxWorkFactor = 12
}

/// Where a target keeps what must outlive one run (stores the seeds are bound to):
/// `$SCHAKEL_FUZZ_STATE`, else `.fuzz/state` in the current directory.
public enum FuzzState {
    public static var directory: URL {
        let env = ProcessInfo.processInfo.environment["SCHAKEL_FUZZ_STATE"]
        let dir = URL(fileURLWithPath: env ?? ".fuzz/state", isDirectory: true)
        try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return dir
    }

    public static let storePassphrase = "fuzz-synthetisch-wachtwoord"
    public static let today = CalendarDate(year: 2026, month: 11, day: 22)!

    /// A private scratch directory for this process, removed at exit.
    public static let scratch: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("schakel-fuzz-\(getpid())-\(UUID().uuidString)")
        try! FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        atexit { cleanupScratch() }
        return dir
    }()

    static func cleanupScratch() {
        try? FileManager.default.removeItem(at: scratch)
    }

    static func options(_ name: String) -> Store.Options {
        .init(role: .zorgcoordinator, userName: name, function: "Zorgcoördinator", organisation: "shop", kdf: .testOnlyCheap)
    }

    /// Two stores that know each other as peers: A receives, B sends. B holds a few synthetic
    /// cases, shared with A. Made once (in the state directory) with the seeds of the import
    /// targets; each process works on copies.
    public static func templates() throws -> (a: URL, b: URL) {
        let dir = directory.appendingPathComponent("stores")
        let a = dir.appendingPathComponent("a"), b = dir.appendingPathComponent("b")
        let done = dir.appendingPathComponent("complete")
        if FileManager.default.fileExists(atPath: done.path) { return (a, b) }
        try? FileManager.default.removeItem(at: dir)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let clock = FixedClock(today.date)
        let storeA = try Store.create(at: StoreLocation(directory: a), passphrase: storePassphrase, options: options("Ada Proef"), clock: clock)
        let storeB = try Store.create(at: StoreLocation(directory: b), passphrase: storePassphrase, options: options("Bram Proef"), clock: clock)
        defer { storeA.close(); storeB.close() }
        for (x, y) in [(storeA, storeB), (storeB, storeA)] {
            let card = try y.contactCard()
            try x.addPeer(card, confirmedFingerprint: card.fingerprint)
        }
        try storeB.setSharingPolicy(SharingPolicy(allCases: true), for: storeA.deviceID)
        try storeA.setSharingPolicy(SharingPolicy(allCases: true), for: storeB.deviceID)
        try SeedWriter.casesInto(storeB, backup: storeA.userID)
        try Data().write(to: done)
        return (a, b)
    }

    /// A private copy of a template store, opened.
    public static func openCopy(of template: URL, name: String) throws -> Store {
        let copy = scratch.appendingPathComponent(name)
        try? FileManager.default.removeItem(at: copy)
        try FileManager.default.copyItem(at: template, to: copy)
        try? FileManager.default.removeItem(at: copy.appendingPathComponent("schakel.lock"))
        return try Store.open(at: StoreLocation(directory: copy), passphrase: storePassphrase, clock: FixedClock(today.date))
    }
}

/// Synthetic content and seed files.
public enum SeedWriter {
    static func casesInto(_ store: Store, backup: UUID) throws {
        let people: [(String, String, String)] = [("Ewa", "Proefmans", "PL"), ("Ion", "Testescu", "RO"), ("Ama", "Voorbeeld", "NG")]
        for (i, p) in people.enumerated() {
            let new = NewCase(identity: ClientIdentity(givenNames: p.0, familyName: p.1, aliases: i == 0 ? ["Evi"] : [],
                                                       birthDate: .exact(CalendarDate(year: 1990 + i * 5, month: 3 + i, day: 4)!), gender: "vrouw"),
                              origin: ClientOrigin(nationalities: [p.2], languages: []),
                              referral: CaseReferral(referrerType: "politie-avim", receivedOn: FuzzState.today),
                              coordinator: store.userID, backup: i == 0 ? backup : nil, region: "haaglanden", municipality: "den-haag",
                              openedOn: FuzzState.today)
            _ = try store.write { tx in try tx.openCase(new) }
        }
    }

    /// Writes `data` as a seed file named by its content (as libFuzzer names corpus files).
    public static func write(_ data: Data, into dir: URL) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let name = Data(SHA256Digest.of(data)).hex
        try data.write(to: dir.appendingPathComponent(name))
    }
}

enum SHA256Digest {
    static func of(_ d: Data) -> Data {
        var w = ByteWriter()
        w.fixed(d)
        return w.sha256()
    }
}

/// Bundle plaintext helpers: a bundle's body without its signature, and the signature added.
public enum BundleBody {
    /// The plaintext a signer would produce for `body` (magic, header, records, end tag).
    public static func signed(_ body: Data, by signer: DeviceSigner) -> Data {
        let digest = SHA256Digest.of(body)
        return body + signer.sign(BundleFormat.signedMessage(digest))
    }

    /// Encrypted to `recipients` as a bundle file.
    public static func sealed(_ plaintext: Data, to recipients: [AgeRecipient]) throws -> Data {
        try AgeEncryptor.encrypt(plaintext, to: recipients)
    }

    /// A fuzz input (a bundle or backup plaintext) as the file `sender` could have written:
    /// inputs of even length are first made authentic (`BundleResealer`: digests, chain, head
    /// signature), so changed content reaches the import proper; odd lengths are only signed,
    /// so the chain checks meet them as they are.
    public static func fromFuzzInput(_ body: Data, sender: Store, to recipients: [AgeRecipient]) -> Data {
        let plain = body.count % 2 == 0 ? BundleResealer.reseal(body, device: sender.deviceID, signer: sender.signer) : nil
        return try! sealed(plain ?? signed(body, by: sender.signer), to: recipients)
    }
}

/// Both age readers on one file: the in-memory one and the streaming one (different code for
/// lines and chunks); the targets require that they agree.
public enum AgeReaders {
    public static func readBoth(_ file: Data, identities: [AgeIdentity], via scratch: URL) -> (inMemory: Outcome, streamed: Outcome) {
        let inMemory = Outcome { try AgeDecryptor.decrypt(file, identities: identities) }
        try! file.write(to: scratch)
        let streamed = Outcome {
            let handle = try FileHandle(forReadingFrom: scratch)
            defer { try? handle.close() }
            var out = Data()
            try AgeDecryptor.decrypt(from: handle, identities: identities) { out.append(contentsOf: $0) }
            return out
        }
        return (inMemory, streamed)
    }
}

/// Seeds for the targets bound to the template stores: real bundle and backup plaintexts
/// (without their signature, which the targets add), written once next to the stores.
public enum BundleSeeds {
    static func directory(_ target: String) -> URL { FuzzState.directory.appendingPathComponent("seeds").appendingPathComponent(target) }

    /// The plaintext of an age file, its last 64 bytes (the bundle signature) cut off.
    static func body(of url: URL, identities: [AgeIdentity]) throws -> Data {
        let plain = try AgeDecryptor.decrypt(try Data(contentsOf: url), identities: identities)
        return plain.dropLast(64)
    }

    public static func write(from sender: Store, to receiver: Store) throws {
        let dir = directory("FuzzBundleImport")
        guard ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).isEmpty else { return }
        let url = FuzzState.scratch.appendingPathComponent("seed.schakel")
        try? FileManager.default.removeItem(at: url)
        _ = try sender.exportBundle(to: receiver.deviceID, out: url)
        try SeedWriter.write(try body(of: url, identities: [try receiver.agreementIdentity()]), into: dir)
        try FileManager.default.removeItem(at: url)
    }

    public static func writeBackup(from store: Store) throws {
        let dir = directory("FuzzBackupRestore")
        guard ((try? FileManager.default.contentsOfDirectory(atPath: dir.path)) ?? []).isEmpty else { return }
        let url = FuzzState.scratch.appendingPathComponent("seed-backup.schakel")
        try? FileManager.default.removeItem(at: url)
        _ = try store.exportBackup(out: url, passphrase: FuzzKeys.passphrase, workFactor: AgeScrypt.minEncryptWorkFactor)
        try SeedWriter.write(try body(of: url, identities: [AgeScryptIdentity(passphrase: FuzzKeys.passphrase)]), into: dir)
        try FileManager.default.removeItem(at: url)
    }
}

/// The committed seeds in Fuzz/corpus (small, synthetic, bound to no store): written by
/// `make fuzz-seeds`, which runs a target with `SCHAKEL_FUZZ_WRITE_SEEDS=Fuzz/corpus`.
public enum CommittedSeeds {
    public static func writeIfAsked() {
        guard let root = ProcessInfo.processInfo.environment["SCHAKEL_FUZZ_WRITE_SEEDS"] else { return }
        do { try write(to: URL(fileURLWithPath: root)) } catch { fatalError("seeds: \(error)") }
        exit(0)
    }

    static func write(to root: URL) throws {
        func seed(_ target: String, _ data: Data) throws { try SeedWriter.write(data, into: root.appendingPathComponent(target)) }
        // age: X25519 and scrypt files, an empty one, two recipients (more chunks: FuzzAgeStream).
        let r = FuzzKeys.recipient
        try seed("FuzzAgeDecrypt", try AgeEncryptor.encrypt(Data("hallo".utf8), to: [r]))
        try seed("FuzzAgeDecrypt", try AgeEncryptor.encrypt(Data(), to: [r]))
        try seed("FuzzAgeDecrypt", try AgeEncryptor.encrypt(Data("wachtwoord".utf8),
                                                         to: [AgeScryptRecipient(passphrase: FuzzKeys.passphrase, workFactor: AgeScrypt.minEncryptWorkFactor)]))
        try seed("FuzzAgeDecrypt", try AgeEncryptor.encrypt(Data("twee".utf8), to: [r, AgeX25519Identity().recipient]))
        // STREAM descriptions (see FuzzAgeStream): one short last chunk; full + last; empty; a round trip.
        for bytes: [UInt8] in [[1, 5], [2, 1, 10], [1, 0], [0xff] + Array("hallo".utf8), [2, 0, 3]] { try seed("FuzzAgeStream", Data(bytes)) }
        // Keys.
        try seed("FuzzAgeKeys", Data(FuzzKeys.identity.keyFile(created: FuzzState.today.date).utf8))
        try seed("FuzzAgeKeys", Data(r.string.utf8))
        try seed("FuzzAgeKeys", Data(AgeBase64.encode(Data("base64 zonder opvulling".utf8)).utf8))
        // A bundle and its parts, from two throwaway stores.
        let scratch = FuzzState.scratch.appendingPathComponent("committed")
        let clock = FixedClock(FuzzState.today.date)
        let a = try Store.create(at: StoreLocation(directory: scratch.appendingPathComponent("a")), passphrase: FuzzState.storePassphrase,
                                 options: FuzzState.options("Ada Proef"), clock: clock)
        let b = try Store.create(at: StoreLocation(directory: scratch.appendingPathComponent("b")), passphrase: FuzzState.storePassphrase,
                                 options: FuzzState.options("Bram Proef"), clock: clock)
        defer { a.close(); b.close(); try? FileManager.default.removeItem(at: scratch) }
        for (x, y) in [(a, b), (b, a)] {
            let card = try y.contactCard()
            try x.addPeer(card, confirmedFingerprint: card.fingerprint)
        }
        try b.setSharingPolicy(SharingPolicy(allCases: true), for: a.deviceID)
        let new = NewCase(identity: ClientIdentity(givenNames: "Ewa", familyName: "Proefmans", aliases: [], birthDate: nil, gender: "vrouw"),
                          referral: CaseReferral(referrerType: "politie-avim", receivedOn: FuzzState.today),
                          coordinator: b.userID, backup: nil, region: "haaglanden", municipality: "den-haag", openedOn: FuzzState.today)
        _ = try b.write { tx in try tx.openCase(new) }
        let url = scratch.appendingPathComponent("b.schakel")
        _ = try b.exportBundle(to: a.deviceID, out: url)
        let plain = try AgeDecryptor.decrypt(try Data(contentsOf: url), identities: [try a.agreementIdentity()])
        try seed("FuzzBundleParser", plain)
        var envelopes: [Data] = []
        var header: BundleHeader?
        let parser = BundleParser(onHeader: { header = $0 }, onRecord: {
            if case let .event(canonical, _, _) = $0 { envelopes.append(canonical) }
        })
        try plain.withUnsafeBytes { try parser.feed($0) }
        for e in envelopes.prefix(3) { try seed("FuzzRecords", Data([0]) + e) }
        try seed("FuzzRecords", Data([1]) + (try BundleFormat.encoder.encode(header!)))
        try seed("FuzzRecords", Data([2]) + AnonymousCount(dimension: ReportDimension.allCases[0], month: CalendarDate(year: 2026, month: 1, day: 1)!,
                                                             category: "vrouw", count: 3).encoded)
        try seed("FuzzRecords", Data([3]) + Data(RetentionPolicy(minorYears: 7, adultYears: 5).encoded.utf8))
        try seed("FuzzRecords", Data([4]) + Store.encodeHolds([b.deviceID: 12, a.deviceID: 3]))
        if let s = try b.summaries().first { try seed("FuzzRecords", Data([5]) + s.encoded) }
        try seed("FuzzContactCard", Data(try b.contactCard().text.utf8))
    }
}

/// What a reader made of an input: its result, or the message of its refusal.
public enum Outcome: Equatable {
    case ok(Data)
    case refused(String)

    public init(_ body: () throws -> Data) {
        do { self = .ok(try body()) } catch { self = .refused(SchakelError.from(error).message) }
    }

    public var summary: String {
        switch self {
        case .ok(let d): return "ok(\(d.count) bytes)"
        case .refused(let m): return "refused(\(m))"
        }
    }
}

/// Makes fuzzed bundle content authentic, as a malicious peer holding its own device key
/// could: every event of `device` gets the digest of its payload, the chain links (seq,
/// prev) are made consecutive from the first one, and the chain head in the header is
/// signed again, as are the heads of the other chains (under the peer's key: the receiver
/// takes the sender's word for devices it has not met). Without this, a changed payload or envelope would only ever meet the digest,
/// chain and signature checks, never what the import does with valid-looking content.
public enum BundleResealer {
    /// nil when the body has no readable header (then it is imported as it is).
    public static func reseal(_ body: Data, device: UUID, signer: DeviceSigner) -> Data? {
        var header: BundleHeader?
        var records: [BundleParser.Record] = []
        let parser = BundleParser(onHeader: { header = $0 }, onRecord: { records.append($0) })
        _ = try? body.withUnsafeBytes { try parser.feed($0) }
        guard var h = header else { return nil }
        var previous: EventEnvelope?
        var previousID = Data()
        var out: [BundleParser.Record] = []
        for record in records {
            guard case let .event(canonical, payload, fill) = record, !fill,
                  var e = try? EventEnvelope(canonical: canonical), e.deviceID == device else { out.append(record); continue }
            if !payload.isEmpty { e.payloadDigest = SHA256Digest.of(payload) }
            if let p = previous { e.seq = p.seq + 1; e.prev = previousID }
            previous = e
            previousID = e.id
            out.append(.event(canonical: e.canonicalBytes, payload: payload, fill: false))
        }
        if let last = previous {
            h.chains.removeAll { $0.device == device }
            h.chains.append(.init(device: device, signingKey: signer.publicKey, seq: last.seq, head: previousID,
                                  signature: signer.sign(ChainHead.message(deviceID: device, seq: last.seq, head: previousID))))
        }
        // Other chains in the header: a device the receiver has not met comes with whatever key
        // the sender vouches for, so the peer can sign their heads itself.
        for i in h.chains.indices where h.chains[i].device != device {
            let c = h.chains[i]
            h.chains[i].signingKey = signer.publicKey
            h.chains[i].signature = signer.sign(ChainHead.message(deviceID: c.device, seq: c.seq, head: c.head))
        }
        var plain = Data()
        do {
            let writer = try BundleWriter(header: h) { plain.append($0) }
            for record in out {
                switch record {
                case let .event(canonical, payload, fill): try writer.event(canonical, payload: payload, fill: fill)
                case let .blob(id, caseID, bytes): try writer.blob(id: id, caseID: caseID, bytes: bytes)
                }
            }
            try writer.finish(signer: signer)
        } catch { return nil }
        return plain
    }
}
