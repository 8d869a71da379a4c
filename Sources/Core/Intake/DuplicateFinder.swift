import Foundation

// Duplicate detection for intake (DOMAIN.md §2 step 1; issue 4 item 2): signals arrive
// scattered or twice for the same person. The finder only *offers* candidates with the
// evidence for and against each; linking is the coordinator's decision, nothing is merged.
//
// Scoring model (points are additive evidence, roughly log-odds; weights in
// `DuplicateWeights`):
//
// * Name. Both names are broken into significant words (particles such as "van der", "de",
//   "al" dropped; see `NameKey`), given and family name pooled, so order does not matter;
//   each name part is also tried written as one word ("El Amrani" = "Elamrani"). Words are
//   paired greedily by similarity: 1 for equal light keys, 0.96 for equal phonetic keys
//   (0.92 if the key has under four letters), 0.94 for equal consonant skeletons against
//   Arabic script, otherwise Jaro-Winkler on the light key or, discounted, on the phonetic
//   key (short words are discounted further: "Li" is not "Lin"). A pair counts from 0.86.
//   Each paired word earns its *rarity weight* (1...3.5 points, from how many cases in the
//   index share its phonetic key, smoothed: "Mohamed" earns less than "Osarugue") times a
//   factor that falls from 1 to 0.2 as the similarity falls to 0.86. Words left over on
//   both sides are a disagreement (a different given name: −4 each); words left over on
//   one side only are incompleteness (a missing or extra name: −0.6 each, at most two).
//   Aliases on either side are tried as alternative names; the best reading counts.
// * Birth date. Both exact and equal: +4. Both exact, differing like a typing error (one
//   digit, two digits swapped, day and month swapped; a year only in its last digit or its
//   last two digits swapped): +1. Both exact and otherwise different: −6. With an estimated
//   year: within ±2 years +1, 3–5 years nothing, 6–10 years −3, more than 10 years −6.
//   Missing on either side: nothing.
// * Phone. Same number (digits only, +31/0031/0 prefix ignored, last nine digits): +3.5.
//   Not more: a controller's phone is often shared by several victims, so a shared number
//   alone (3.5 < 4) never makes a pair likely. A different phone is no evidence at all.
// * Nationality adds no points: it only orders candidates whose evidence is otherwise
//   exactly equal (see `DuplicateCandidate.sharesNationality`).
//
// A pair is **likely** at 4 points or more. Why 4: a full name agreeing exactly (two words
// of ordinary rarity, 2.5-3.5 each) is likely on its own unless something contradicts it;
// one shared word (a family name, at most 3.5) never is, but becomes likely with an equal
// exact birth date or the same phone (a missing given name costs 0.6: 3.5 − 0.6 + 4);
// a shared family name with a different given name stays below 4 even for twins with the
// same birth date (3.5 − 4 + 4) or siblings sharing a phone; a conflicting exact birth
// date (−6) sinks even an exact, rare full name (2 × 3.5 − 6 = 1). `score` maps the points
// through a logistic curve centred on the threshold (score 0.5 = 4 points) for display.

/// Who a new signal or intake is about, as far as known. Everything is optional.
public struct DuplicateQuery: Equatable, Sendable {
    public var givenNames: String
    public var familyName: String
    public var aliases: [String]
    public var birthDate: BirthDate?
    public var nationalities: [String]
    public var phone: String?

    public init(givenNames: String = "", familyName: String = "", aliases: [String] = [], birthDate: BirthDate? = nil,
                nationalities: [String] = [], phone: String? = nil) {
        self.givenNames = givenNames; self.familyName = familyName; self.aliases = aliases
        self.birthDate = birthDate; self.nationalities = nationalities; self.phone = phone
    }

    public init(_ summary: CaseSummary) {
        self.init(givenNames: summary.givenNames, familyName: summary.familyName, aliases: summary.aliases,
                  birthDate: summary.birthDate, nationalities: summary.nationalities, phone: summary.phone)
    }
}

/// One piece of evidence for or against two records being the same person. The UI
/// localises these (suggested key: `duplicate.reason.<code>`); associated values are
/// placeholders.
public enum DuplicateReason: Equatable, Hashable, Sendable {
    /// Every significant name word agrees after normalisation.
    case nameEqual
    /// Names agree in part or in spelling variants; `percent` 0...100.
    case nameSimilar(percent: Int)
    /// Given and family name are written the other way round.
    case nameOrderSwapped
    /// A name was written in another script (Cyrillic, Arabic, ...) and transliterated.
    case nameTransliterated
    /// The match came through an alias.
    case aliasMatch
    /// One side has names the other lacks (e.g. no given name known).
    case nameIncomplete(words: Int)
    /// Both sides have name words that do not agree (e.g. a different given name).
    case nameConflict(words: Int)
    case birthDateEqual
    /// Both exact, differing like a typing error.
    case birthDateSimilar
    /// An estimated year within ±2 years of the other's year.
    case birthYearClose(years: Int)
    /// Both exact and clearly different.
    case birthDateConflict
    /// An estimated year far from the other's year.
    case birthYearConflict(years: Int)
    case phoneEqual
    /// Weak evidence only: a tie-break, no points (see `DuplicateCandidate.sharesNationality`).
    case nationalityShared(String)

    /// A stable identifier for localisation and logs.
    public var code: String {
        switch self {
        case .nameEqual: return "nameEqual"
        case .nameSimilar: return "nameSimilar"
        case .nameOrderSwapped: return "nameOrderSwapped"
        case .nameTransliterated: return "nameTransliterated"
        case .aliasMatch: return "aliasMatch"
        case .nameIncomplete: return "nameIncomplete"
        case .nameConflict: return "nameConflict"
        case .birthDateEqual: return "birthDateEqual"
        case .birthDateSimilar: return "birthDateSimilar"
        case .birthYearClose: return "birthYearClose"
        case .birthDateConflict: return "birthDateConflict"
        case .birthYearConflict: return "birthYearConflict"
        case .phoneEqual: return "phoneEqual"
        case .nationalityShared: return "nationalityShared"
        }
    }
}

/// A reason with the points it contributed (negative: evidence against).
public struct DuplicateEvidence: Equatable, Sendable {
    public let reason: DuplicateReason
    public let points: Double
}

public struct DuplicateCandidate: Equatable, Sendable {
    public let caseID: UUID
    /// 0...1, a logistic curve over `points` centred on the likely threshold: 0.5 and up
    /// is likely.
    public let score: Double
    /// `points` reach `DuplicateWeights.likelyThreshold`.
    public let isLikely: Bool
    /// The summed evidence (nationality never counts).
    public let points: Double
    /// The query and the case share a nationality. Weak evidence for the same person, used
    /// only to order candidates whose evidence is otherwise exactly equal (DOMAIN.md §5:
    /// no group-based priority by nationality). It adds no points, so it never makes a
    /// pair likely, never brings up a candidate (candidates come from names and phone
    /// only), never penalises anyone, and candidates that share no nationality with the
    /// query keep the same scores and order whatever nationality the query has.
    public let sharesNationality: Bool
    /// Strongest first.
    public let evidence: [DuplicateEvidence]
    public var reasons: [DuplicateReason] { evidence.map(\.reason) }
}

/// The weights of the scoring model (see the top of DuplicateFinder.swift).
public struct DuplicateWeights: Sendable {
    public var likelyThreshold = 4.0
    /// Points of a score of 0.5 → 0.73 (logistic scale).
    public var scoreScale = 1.5
    public var wordWeightMin = 1.0
    public var wordWeightMax = 3.5
    /// Rarity is estimated as (cases with the word + prior × pseudo) / (cases + pseudo).
    public var wordFrequencyPrior = 0.002
    public var wordFrequencyPseudoCount = 500.0
    /// Lowest word similarity that counts as the same word.
    public var wordMatchMinimum = 0.86
    public var nameConflict = 4.0
    public var nameIncomplete = 0.6
    public var nameIncompleteMaxWords = 2
    public var birthDateEqual = 4.0
    public var birthDateSimilar = 1.0
    public var birthDateConflict = -6.0
    public var birthYearClose = 1.0
    /// An estimated year 6–10 years from the other's year; more than 10 years off counts
    /// as `birthDateConflict`.
    public var birthYearConflict = -3.0
    public var phoneEqual = 3.5
    public init() {}
    public static let standard = DuplicateWeights()
}

/// An index of every case's identifying summary for duplicate search, built once at unlock
/// (or after a change) and queried for each typed name. Pure and immutable: safe to share.
///
/// Retrieval: an inverted index from name-word keys (light key, phonetic key, consonant
/// skeleton, and one-deletion neighbourhoods of the light and phonetic keys, which reach
/// every spelling within two edits) to a vocabulary of distinct words, and from each word
/// to the cases that carry it; plus the phone number. A query touches only cases that share
/// a similar word or the phone.
public final class DuplicateIndex: Sendable {
    public let weights: DuplicateWeights

    struct Vocab: Sendable {
        var light: [[UInt8]] = []
        var phonetic: [[UInt8]] = []
        var skeleton: [[UInt8]] = []
        var abjad: [Bool] = []
        var transliterated: [Bool] = []
        var weight: [Double] = []
    }

    struct TokenRef: Sendable {
        let vocab: Int32
        let part: UInt8      // 0 given, 1 family, 2 alias
        let mask: UInt16     // the significant words it covers (a compound covers several)
    }

    struct Variant: Sendable {
        let tokens: [TokenRef]
        let baseCount: Int
        let isAlias: Bool
        let hasBothParts: Bool
    }

    struct Entry: Sendable {
        let caseID: UUID
        let variants: [Variant]
        let birthDate: BirthDate?
        let phoneKey: String?
        let nationalities: [String]
    }

    let entries: [Entry]
    let vocab: Vocab
    let lightIndex: [String: Int32]
    let phoneticIndex: [String: [Int32]]
    let skeletonIndex: [String: [Int32]]
    /// Sorted (hash of a deletion variant, vocabulary id).
    let deletions: [UInt64]
    let deletionIDs: [Int32]
    /// Vocabulary id → cases (CSR).
    let postingStart: [Int32]
    let postings: [Int32]
    let phoneIndex: [String: [Int32]]

    public var count: Int { entries.count }

    public convenience init(_ summaries: [CaseSummary], weights: DuplicateWeights = .standard) {
        self.init(entries: summaries.map { (caseID: $0.id, person: DuplicateQuery($0)) }, weights: weights)
    }

    public init(entries input: [(caseID: UUID, person: DuplicateQuery)], weights: DuplicateWeights = .standard) {
        self.weights = weights
        var vocab = Vocab()
        var lightIndex: [String: Int32] = [:]
        var phoneticClassCount: [String: Int] = [:]
        var phoneticOf: [String] = []
        var tokenCache: [String: [CachedWord]] = [:]

        func intern(_ w: ParsedWord) -> Int32 {
            if let id = lightIndex[w.light] {
                if w.abjad { vocab.abjad[Int(id)] = true }
                if w.transliterated { vocab.transliterated[Int(id)] = true }
                return id
            }
            let id = Int32(vocab.light.count)
            lightIndex[w.light] = id
            vocab.light.append(Array(w.light.utf8))
            vocab.phonetic.append(Array(w.phonetic.utf8))
            vocab.skeleton.append(Array(w.skeleton.utf8))
            vocab.abjad.append(w.abjad)
            vocab.transliterated.append(w.transliterated)
            phoneticOf.append(w.phonetic)
            return id
        }

        var entries: [Entry] = []
        entries.reserveCapacity(input.count)
        var perVocabCases: [[Int32]] = []
        var phoneIndex: [String: [Int32]] = [:]
        for (n, item) in input.enumerated() {
            let parsed = Self.variants(of: item.person, cache: &tokenCache)
            var variants: [Variant] = []
            var classes = Set<String>()
            var ids = Set<Int32>()
            for p in parsed {
                let refs = p.tokens.map { t -> TokenRef in
                    let id = intern(t.word)
                    ids.insert(id)
                    classes.insert(t.word.phonetic)
                    return TokenRef(vocab: id, part: t.part, mask: t.mask)
                }
                variants.append(Variant(tokens: refs, baseCount: p.baseCount, isAlias: p.isAlias, hasBothParts: p.hasBothParts))
            }
            for c in classes { phoneticClassCount[c, default: 0] += 1 }
            while perVocabCases.count < vocab.light.count { perVocabCases.append([]) }
            for id in ids { perVocabCases[Int(id)].append(Int32(n)) }
            let phone = Self.phoneKey(item.person.phone)
            if let phone { phoneIndex[phone, default: []].append(Int32(n)) }
            entries.append(Entry(caseID: item.caseID, variants: variants, birthDate: item.person.birthDate, phoneKey: phone,
                                 nationalities: Self.nationalityCodes(item.person.nationalities)))
        }
        while perVocabCases.count < vocab.light.count { perVocabCases.append([]) }

        // Rarity weight: bits of surprise of the word's phonetic class among all cases,
        // smoothed towards a typical name word (1 in 500) so that a small caseload (or a
        // test with one record) does not make every name look common.
        let prior = weights.wordFrequencyPrior, pseudo = weights.wordFrequencyPseudoCount
        let total = Double(input.count) + pseudo
        vocab.weight = phoneticOf.map { key in
            let df = Double(phoneticClassCount[key] ?? 0)
            let bits = -log2((df + prior * pseudo) / total)
            return min(weights.wordWeightMax, max(weights.wordWeightMin, 0.5 * bits - 0.6))
        }

        var phoneticIndex: [String: [Int32]] = [:]
        var skeletonIndex: [String: [Int32]] = [:]
        var pairs: [(UInt64, Int32)] = []
        for id in 0..<vocab.light.count {
            let vid = Int32(id)
            phoneticIndex[phoneticOf[id], default: []].append(vid)
            if vocab.skeleton[id].count >= 2 {
                skeletonIndex[String(decoding: vocab.skeleton[id], as: UTF8.self), default: []].append(vid)
            }
            for h in Self.deletionHashes(vocab.light[id], kind: 0) { pairs.append((h, vid)) }
            for h in Self.deletionHashes(vocab.phonetic[id], kind: 1) { pairs.append((h, vid)) }
        }
        pairs.sort { $0.0 != $1.0 ? $0.0 < $1.0 : $0.1 < $1.1 }
        var dh: [UInt64] = [], di: [Int32] = []
        dh.reserveCapacity(pairs.count); di.reserveCapacity(pairs.count)
        for p in pairs where !(dh.last == p.0 && di.last == p.1) { dh.append(p.0); di.append(p.1) }

        var start: [Int32] = [0]
        var flat: [Int32] = []
        for cases in perVocabCases { flat.append(contentsOf: cases); start.append(Int32(flat.count)) }

        self.entries = entries
        self.vocab = vocab
        self.lightIndex = lightIndex
        self.phoneticIndex = phoneticIndex
        self.skeletonIndex = skeletonIndex
        self.deletions = dh
        self.deletionIDs = di
        self.postingStart = start
        self.postings = flat
        self.phoneIndex = phoneIndex
    }

    // MARK: query

    /// The most plausible existing cases for `query`, best first. Only cases that share a
    /// similar name word or the phone number are considered; `excluding` leaves out the
    /// query's own case.
    public func candidates(for query: DuplicateQuery, limit: Int = 10, excluding: UUID? = nil) -> [DuplicateCandidate] {
        guard limit > 0 else { return [] }
        var cache: [String: [CachedWord]] = [:]
        let qVariants = Self.variants(of: query, cache: &cache)

        // Distinct query words → the vocabulary words similar enough, with their similarity.
        var qWordIndex: [String: Int] = [:]
        var qWords: [ParsedWord] = []
        var qTokens: [[(word: Int, part: UInt8, mask: UInt16)]] = []
        for v in qVariants {
            qTokens.append(v.tokens.map { t in
                if let i = qWordIndex[t.word.light] { return (i, t.part, t.mask) }
                qWordIndex[t.word.light] = qWords.count
                qWords.append(t.word)
                return (qWords.count - 1, t.part, t.mask)
            })
        }
        // vocabulary id → [(query word, similarity)]
        var hits: [Int32: [(Int, Double)]] = [:]
        for (qi, w) in qWords.enumerated() {
            for (id, sim) in similarWords(to: w) { hits[id, default: []].append((qi, sim)) }
        }

        // Candidate cases.
        var seen = [Bool](repeating: false, count: entries.count)
        var candidates: [Int32] = []
        for id in hits.keys {
            let lo = Int(postingStart[Int(id)]), hi = Int(postingStart[Int(id) + 1])
            for k in lo..<hi {
                let c = postings[k]
                if !seen[Int(c)] { seen[Int(c)] = true; candidates.append(c) }
            }
        }
        let qPhone = Self.phoneKey(query.phone)
        if let qPhone, let list = phoneIndex[qPhone] {
            for c in list where !seen[Int(c)] { seen[Int(c)] = true; candidates.append(c) }
        }
        let qNationalities = Self.nationalityCodes(query.nationalities)

        var scored: [(Double, Int32, DuplicateCandidate)] = []
        scored.reserveCapacity(candidates.count)
        for c in candidates {
            let entry = entries[Int(c)]
            if let excluding, entry.caseID == excluding { continue }
            guard let cand = score(entry, qVariants: qVariants, qTokens: qTokens, qWords: qWords, hits: hits,
                                   query: query, qPhone: qPhone, qNationalities: qNationalities) else { continue }
            scored.append((cand.points, c, cand))
        }
        scored.sort {
            if $0.0 != $1.0 { return $0.0 > $1.0 }
            if $0.2.sharesNationality != $1.2.sharesNationality { return $0.2.sharesNationality }
            return $0.1 < $1.1
        }
        return scored.prefix(limit).map(\.2)
    }

    // MARK: scoring

    private func score(_ entry: Entry, qVariants: [ParsedVariant], qTokens: [[(word: Int, part: UInt8, mask: UInt16)]],
                       qWords: [ParsedWord], hits: [Int32: [(Int, Double)]], query: DuplicateQuery, qPhone: String?,
                       qNationalities: [String]) -> DuplicateCandidate? {
        var best: NameResult?
        for (qv, q) in qVariants.enumerated() {
            for r in entry.variants {
                let res = matchNames(q, qTokens[qv], r, hits: hits, qWords: qWords)
                if best == nil || res.points > best!.points { best = res }
            }
        }
        var evidence: [DuplicateEvidence] = []
        var points = 0.0
        var nameAgrees = false
        if let n = best {
            nameAgrees = n.matched > 0
            points += n.points
            evidence.append(contentsOf: n.evidence)
        }
        var phoneEqual = false
        if let qPhone, qPhone == entry.phoneKey {
            phoneEqual = true
            points += weights.phoneEqual
            evidence.append(DuplicateEvidence(reason: .phoneEqual, points: weights.phoneEqual))
        }
        guard nameAgrees || phoneEqual else { return nil }
        if let (p, reason) = birthEvidence(query.birthDate, entry.birthDate) {
            points += p
            evidence.append(DuplicateEvidence(reason: reason, points: p))
        }
        // Nationality: a tie-break between otherwise equal candidates, nothing more (see
        // `DuplicateCandidate.sharesNationality`).
        var shares = false
        if let shared = qNationalities.first(where: { entry.nationalities.contains($0) }) {
            shares = true
            evidence.append(DuplicateEvidence(reason: .nationalityShared(shared), points: 0))
        }
        evidence.sort { abs($0.points) > abs($1.points) }
        let score = 1 / (1 + exp(-(points - weights.likelyThreshold) / weights.scoreScale))
        return DuplicateCandidate(caseID: entry.caseID, score: score, isLikely: points >= weights.likelyThreshold,
                                  points: points, sharesNationality: shares, evidence: evidence)
    }

    struct NameResult {
        var points: Double
        var matched: Int
        var evidence: [DuplicateEvidence]
    }

    private func matchNames(_ q: ParsedVariant, _ qt: [(word: Int, part: UInt8, mask: UInt16)], _ r: Variant,
                            hits: [Int32: [(Int, Double)]], qWords: [ParsedWord]) -> NameResult {
        // Candidate pairs (query token, record token, similarity).
        var pairs: [(sim: Double, qi: Int, ri: Int, size: Int)] = []
        for (ri, rt) in r.tokens.enumerated() {
            guard let list = hits[rt.vocab] else { continue }
            for (qi, t) in qt.enumerated() {
                for (w, sim) in list where w == t.word {
                    pairs.append((sim, qi, ri, max(t.mask.nonzeroBitCount, rt.mask.nonzeroBitCount)))
                }
            }
        }
        // Best similarity first; on a tie the single word before a compound, so that
        // "Abdel Rahman" = "Abdel Rahman" earns two words, not one compound.
        pairs.sort { $0.sim != $1.sim ? $0.sim > $1.sim : ($0.size != $1.size ? $0.size < $1.size : ($0.qi, $0.ri) < ($1.qi, $1.ri)) }
        var usedQ: UInt16 = 0, usedR: UInt16 = 0
        var points = 0.0, matched = 0, allExact = true, swapped = false, translit = false, coverage = 0.0
        for p in pairs {
            let a = qt[p.qi], b = r.tokens[p.ri]
            guard a.mask & usedQ == 0, b.mask & usedR == 0 else { continue }
            usedQ |= a.mask; usedR |= b.mask
            let g = 0.2 + 0.8 * (p.sim - weights.wordMatchMinimum) / (1 - weights.wordMatchMinimum)
            points += vocab.weight[Int(b.vocab)] * g
            coverage += g * Double(p.size)
            matched += 1
            if p.sim < 1 { allExact = false }
            if q.hasBothParts, r.hasBothParts, a.part < 2, b.part < 2, a.part != b.part { swapped = true }
            if qWords[a.word].transliterated || vocab.transliterated[Int(b.vocab)] { translit = true }
        }
        let leftQ = q.baseCount - usedQ.nonzeroBitCount
        let leftR = r.baseCount - usedR.nonzeroBitCount
        var evidence: [DuplicateEvidence] = []
        guard matched > 0 else {
            return NameResult(points: 0, matched: 0, evidence: [])
        }
        let conflicts = min(leftQ, leftR)
        let missing = min(weights.nameIncompleteMaxWords, max(leftQ, leftR) - conflicts)
        let agreement = points
        if conflicts == 0 && missing == 0 && allExact {
            evidence.append(DuplicateEvidence(reason: .nameEqual, points: agreement))
        } else {
            let percent = Int((100 * coverage / Double(max(q.baseCount, r.baseCount, 1))).rounded())
            evidence.append(DuplicateEvidence(reason: .nameSimilar(percent: min(100, percent)), points: agreement))
        }
        if swapped { evidence.append(DuplicateEvidence(reason: .nameOrderSwapped, points: 0)) }
        if translit { evidence.append(DuplicateEvidence(reason: .nameTransliterated, points: 0)) }
        if q.isAlias || r.isAlias { evidence.append(DuplicateEvidence(reason: .aliasMatch, points: 0)) }
        if conflicts > 0 {
            let p = -weights.nameConflict * Double(conflicts)
            points += p
            evidence.append(DuplicateEvidence(reason: .nameConflict(words: conflicts), points: p))
        }
        if missing > 0 {
            let p = -weights.nameIncomplete * Double(missing)
            points += p
            evidence.append(DuplicateEvidence(reason: .nameIncomplete(words: missing), points: p))
        }
        return NameResult(points: points, matched: matched, evidence: evidence)
    }

    func birthEvidence(_ a: BirthDate?, _ b: BirthDate?) -> (Double, DuplicateReason)? {
        guard let a, let b else { return nil }
        switch (a, b) {
        case (.exact(let x), .exact(let y)):
            if x == y { return (weights.birthDateEqual, .birthDateEqual) }
            if Self.looksLikeTypo(x, y) { return (weights.birthDateSimilar, .birthDateSimilar) }
            return (weights.birthDateConflict, .birthDateConflict)
        case (.exact(let x), .estimatedYear(let y)), (.estimatedYear(let y), .exact(let x)):
            return yearEvidence(abs(x.year - y))
        case (.estimatedYear(let x), .estimatedYear(let y)):
            return yearEvidence(abs(x - y))
        }
    }

    private func yearEvidence(_ d: Int) -> (Double, DuplicateReason)? {
        if d <= 2 { return (weights.birthYearClose, .birthYearClose(years: d)) }
        if d <= 5 { return nil }
        if d <= 10 { return (weights.birthYearConflict, .birthYearConflict(years: d)) }
        return (weights.birthDateConflict, .birthYearConflict(years: d))
    }

    /// Day and month swapped, or one field differing by one digit or two swapped digits
    /// (for the year: only in its last digit or its last two digits).
    static func looksLikeTypo(_ x: CalendarDate, _ y: CalendarDate) -> Bool {
        if x.day == y.month && x.month == y.day && x.year == y.year { return true }
        func digitTypo(_ a: Int, _ b: Int, width: Int) -> Bool {
            let s = Array(String(format: "%0\(width)d", a)), t = Array(String(format: "%0\(width)d", b))
            guard s.count == t.count else { return false }
            let diff = (0..<s.count).filter { s[$0] != t[$0] }
            if diff.count == 1 { return true }
            return diff.count == 2 && diff[1] == diff[0] + 1 && s[diff[0]] == t[diff[1]] && s[diff[1]] == t[diff[0]]
        }
        let sameDay = x.day == y.day, sameMonth = x.month == y.month, sameYear = x.year == y.year
        switch (sameDay, sameMonth, sameYear) {
        case (false, true, true): return digitTypo(x.day, y.day, width: 2)
        case (true, false, true): return digitTypo(x.month, y.month, width: 2)
        case (true, true, false):
            return x.year / 100 == y.year / 100 && digitTypo(x.year % 100, y.year % 100, width: 2)
                && (x.year / 10 == y.year / 10 || x.year % 100 == (y.year % 10) * 10 + (y.year / 10) % 10)
        default: return false
        }
    }

    /// Vocabulary words similar to a query word, with their similarity (≥ the minimum).
    private func similarWords(to w: ParsedWord) -> [(Int32, Double)] {
        var ids = Set<Int32>()
        if let id = lightIndex[w.light] { ids.insert(id) }
        if let list = phoneticIndex[w.phonetic] { ids.formUnion(list) }
        if w.skeleton.utf8.count >= 2, let list = skeletonIndex[w.skeleton] {
            for id in list where w.abjad || vocab.abjad[Int(id)] { ids.insert(id) }
        }
        for (bytes, kind) in [(Array(w.light.utf8), UInt8(0)), (Array(w.phonetic.utf8), UInt8(1))] {
            for h in Self.deletionHashes(bytes, kind: kind) {
                var lo = 0, hi = deletions.count
                while lo < hi {
                    let mid = (lo + hi) / 2
                    if deletions[mid] < h { lo = mid + 1 } else { hi = mid }
                }
                while lo < deletions.count && deletions[lo] == h { ids.insert(deletionIDs[lo]); lo += 1 }
            }
        }
        var out: [(Int32, Double)] = []
        let ql = Array(w.light.utf8), qp = Array(w.phonetic.utf8), qs = Array(w.skeleton.utf8)
        for id in ids {
            let s = Self.similarity(ql, qp, qs, w.abjad, vocab.light[Int(id)], vocab.phonetic[Int(id)], vocab.skeleton[Int(id)],
                                    vocab.abjad[Int(id)])
            if s >= weights.wordMatchMinimum { out.append((id, s)) }
        }
        return out
    }

    /// Word similarity 0...1 (see the scoring model at the top of the file).
    static func similarity(_ al: [UInt8], _ ap: [UInt8], _ aSkel: [UInt8], _ aAbjad: Bool,
                           _ bl: [UInt8], _ bp: [UInt8], _ bSkel: [UInt8], _ bAbjad: Bool) -> Double {
        if al == bl { return 1 }
        let short = min(al.count, bl.count) <= 3
        var s = NameKey.jaroWinkler(al, bl) - (short ? 0.06 : 0)
        if ap == bp && ap.count >= 2 {
            s = max(s, ap.count >= 4 ? 0.96 : 0.92)
        } else {
            // Vowel-collapsed keys look alike more easily: trust their similarity only as far
            // as the consonants agree (Dmytro ~ Dmitriy yes, Yılmaz ~ Yıldız no).
            let discount = aSkel == bSkel ? 0.02 : 0.08
            s = max(s, NameKey.jaroWinkler(ap, bp) - discount - (short ? 0.06 : 0))
        }
        // Arabic script does not write short vowels: compare consonants.
        if (aAbjad || bAbjad) && aSkel == bSkel && aSkel.count >= 2 { s = max(s, aSkel.count >= 3 ? 0.94 : 0.92) }
        return min(1, max(0, s))
    }

    // MARK: parsing

    struct ParsedWord: Sendable {
        let light: String
        let phonetic: String
        let skeleton: String
        let abjad: Bool
        let transliterated: Bool
    }

    struct ParsedToken: Sendable {
        let word: ParsedWord
        let part: UInt8
        let mask: UInt16
    }

    struct ParsedVariant: Sendable {
        let tokens: [ParsedToken]
        let baseCount: Int
        let isAlias: Bool
        let hasBothParts: Bool
    }

    static let maxWords = 12
    static let maxWordLength = 40
    static let maxNameLength = 200
    static let maxAliases = 10

    struct CachedWord: Sendable {
        let word: ParsedWord
        let particle: Bool
    }

    /// The parsed words of one name part; cached, because populations repeat names a lot.
    static func parsedWords(_ text: String, cache: inout [String: [CachedWord]]) -> [CachedWord] {
        if let hit = cache[text] { return hit }
        // Names are short; anything longer (a pasted note, a 10 MB spreadsheet cell) is cut
        // so that the cost stays bounded.
        let bounded = text.count > maxNameLength ? String(text.prefix(maxNameLength)) : text
        let words = NameKey.foldedWords(bounded).map { w in
            let light = String(NameKey.light(w.text).prefix(maxWordLength))
            let phon = NameKey.phonetic(light)
            return CachedWord(word: ParsedWord(light: light, phonetic: phon, skeleton: NameKey.skeleton(phon), abjad: w.fromAbjad,
                                               transliterated: w.transliterated), particle: NameKey.isParticle(w.text))
        }
        cache[text] = words
        return words
    }

    /// The name readings of a person: the name itself, and one per alias.
    static func variants(of person: DuplicateQuery, cache: inout [String: [CachedWord]]) -> [ParsedVariant] {
        var given = person.givenNames, family = person.familyName
        if family.trimmingCharacters(in: .whitespaces).isEmpty, given.contains(",") {
            (given, family) = NameKey.splitCommaForm(given)
        } else if given.trimmingCharacters(in: .whitespaces).isEmpty, family.contains(",") {
            (given, family) = NameKey.splitCommaForm(family)
        }
        var out: [ParsedVariant] = []
        let main = build(parts: [(given, 0), (family, 1)], cache: &cache, isAlias: false)
        if main.baseCount > 0 { out.append(main) }
        for alias in person.aliases.prefix(maxAliases) where !alias.trimmingCharacters(in: .whitespaces).isEmpty {
            let (ag, af) = NameKey.splitCommaForm(alias)
            let aliasWords = NameKey.foldedWords(String(alias.prefix(maxNameLength))).count
            // A one-word alias is a nickname for the given name: read it with the family name.
            let parts: [(String, UInt8)] = af.isEmpty && aliasWords == 1 ? [(ag, UInt8(2)), (family, UInt8(1))] : [(ag, UInt8(2)), (af, UInt8(2))]
            let v = build(parts: parts, cache: &cache, isAlias: true)
            if v.baseCount > 0 { out.append(v) }
        }
        return out
    }

    private static func build(parts: [(String, UInt8)], cache: inout [String: [CachedWord]], isAlias: Bool) -> ParsedVariant {
        var tokens: [ParsedToken] = []
        var base = 0
        var nonEmptyParts = Set<UInt8>()
        for (text, part) in parts {
            let words = parsedWords(text, cache: &cache)
            guard !words.isEmpty else { continue }
            let significant = words.contains { !$0.particle } ? words.filter { !$0.particle } : words
            var partMask: UInt16 = 0
            for w in significant where base < maxWords {
                let bit = UInt16(1) << UInt16(base)
                base += 1
                partMask |= bit
                tokens.append(ParsedToken(word: w.word, part: part, mask: bit))
                nonEmptyParts.insert(part)
            }
            // The part written as one word ("El Amrani" = "Elamrani", "Abdel Rahman" = "Abdelrahman").
            if words.count >= 2, partMask != 0 {
                let joined = String(NameKey.light(words.map(\.word.light).joined()).prefix(maxWordLength))
                if !significant.contains(where: { $0.word.light == joined }) {
                    let phon = NameKey.phonetic(joined)
                    let w = ParsedWord(light: joined, phonetic: phon, skeleton: NameKey.skeleton(phon),
                                       abjad: words.contains { $0.word.abjad }, transliterated: words.contains { $0.word.transliterated })
                    tokens.append(ParsedToken(word: w, part: part, mask: partMask))
                }
            }
        }
        return ParsedVariant(tokens: tokens, baseCount: base, isAlias: isAlias,
                             hasBothParts: nonEmptyParts.contains(0) && nonEmptyParts.contains(1))
    }

    // MARK: phone, nationality, hashing

    /// Digits only; +31 / 0031 become 0; compared on the last nine digits (a Dutch mobile
    /// 06-12345678 = +31 6 1234 5678 = 0031612345678). Fewer than six digits: no key.
    public static func phoneKey(_ phone: String?) -> String? {
        guard let phone else { return nil }
        let trimmed = phone.trimmingCharacters(in: .whitespaces)
        var digits = String(trimmed.unicodeScalars.filter { $0.value >= 0x30 && $0.value <= 0x39 }.map(Character.init))
        var international = trimmed.hasPrefix("+")
        if digits.hasPrefix("00") { digits.removeFirst(2); international = true }
        if international, digits.hasPrefix("31") { digits = "0" + digits.dropFirst(2) }
        guard digits.count >= 6 else { return nil }
        return String(digits.suffix(9))
    }

    static func nationalityCodes(_ list: [String]) -> [String] {
        list.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }.filter { !$0.isEmpty }
    }

    /// FNV-1a hashes of the key and of every one-letter deletion of it (keys of three letters
    /// or more), tagged with the key kind.
    static func deletionHashes(_ key: [UInt8], kind: UInt8) -> [UInt64] {
        func hash(skipping skip: Int) -> UInt64 {
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(kind)
            h = h &* 0x0000_0100_0000_01B3
            for (i, b) in key.enumerated() where i != skip {
                h ^= UInt64(b)
                h = h &* 0x0000_0100_0000_01B3
            }
            return h
        }
        guard !key.isEmpty else { return [] }
        var out = [hash(skipping: -1)]
        if key.count >= 3 {
            for i in 0..<key.count where i == 0 || key[i] != key[i - 1] { out.append(hash(skipping: i)) }
        }
        return out
    }
}
