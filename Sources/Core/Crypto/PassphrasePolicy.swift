import Foundation

/// Rules a new passphrase must meet. Length is what resists offline guessing
/// of a copied store; composition rules only make people write it down.
public enum PassphrasePolicy {
    public static let minimumLength = 12
    public static let maximumLength = 1024

    public static func validate(_ passphrase: String) throws {
        let count = passphrase.count
        guard count >= minimumLength else {
            throw SchakelError(.weakPassphrase, L10n.t("error.passphraseTooShort", minimumLength))
        }
        guard count <= maximumLength else {
            throw SchakelError(.weakPassphrase, L10n.t("error.passphraseTooLong", maximumLength))
        }
        guard Set(passphrase).count >= 4 else {
            throw SchakelError(.weakPassphrase, L10n.t("error.passphraseRepetitive"))
        }
        guard !CommonPassphrase.isCommon(passphrase) else {
            throw SchakelError(.weakPassphrase, L10n.t("error.passphraseCommon"))
        }
    }
}

/// The shapes that cracking lists try first, whatever their length: a well-known word or a
/// keyboard row padded with digits and symbols (`Wachtwoord2024!`, `welkom12345678`,
/// `qwertyuiop123`), only digits and symbols (`1234-5678-9012`), one chunk repeated
/// (`zomerzomerzomer`). It cannot recognise every guessable phrase (a line from a song
/// passes); the prompt's advice of four random words is the real rule (docs/SECURITY.md).
enum CommonPassphrase {
    /// Bases of the commonest passwords in Dutch and English lists, and this domain's own
    /// words (which a guesser aiming at this program adds first).
    static let words = [
        "wachtwoordzin", "wachtwoord", "paswoord", "password", "passphrase", "passwort", "welkom", "welcome", "geheim", "secret",
        "letmein", "iloveyou", "ikhouvanjou", "admin", "administrator", "gebruiker", "user", "login", "inloggen", "test",
        "qwerty", "azerty", "dragon", "monkey", "sunshine", "princess", "shadow", "master", "football", "voetbal", "computer",
        "zomer", "winter", "lente", "herfst", "voorjaar", "najaar", "summer", "spring", "autumn",
        "januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december",
        "maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag",
        "ajax", "feyenoord", "psv", "oranje", "nederland", "holland", "amsterdam", "rotterdam", "utrecht", "hallo", "hello",
        "schakel", "zorgcoordinator", "coordinator", "mensenhandel", "casusoverleg", "politie", "gemeente", "comensha",
    ]
    /// Rows and runs people type as passwords; any four or more of them in a row count.
    static let runs = ["qwertyuiop", "asdfghjkl", "zxcvbnm", "azertyuiop", "qsdfghjklm", "wxcvbn", "abcdefghijklmnopqrstuvwxyz"]

    static func isCommon(_ passphrase: String) -> Bool {
        let letters = lettersOnly(passphrase)
        if letters.count < 4 { return true }
        if isRepetition(letters) { return true }
        var rest = letters
        for w in words.sorted(by: { $0.count > $1.count }) { rest = rest.replacingOccurrences(of: w, with: "") }
        rest = withoutRuns(rest)
        return rest.count < 4
    }

    /// Lowercased letters without accents; digits and signs used for letters inside a word
    /// read as letters (`w4chtw00rd`), the usual tail or head of digits (`2024`) dropped.
    static func lettersOnly(_ s: String) -> String {
        let leet: [Character: Character] = ["0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", "$": "s"]
        let folded = s.folding(options: [.caseInsensitive, .diacriticInsensitive, .widthInsensitive], locale: nil)
        var out = ""
        for token in folded.split(whereSeparator: { !$0.isLetter && leet[$0] == nil }) {
            guard let first = token.firstIndex(where: \.isLetter), let last = token.lastIndex(where: \.isLetter) else { continue }
            for c in token[first...last] {
                if c.isLetter { out.append(c) } else if let l = leet[c] { out.append(l) }
            }
        }
        return out
    }

    /// One chunk of at most half the length, repeated (the last copy may be cut short).
    static func isRepetition(_ s: String) -> Bool {
        let c = Array(s)
        guard c.count >= 4 else { return true }
        for size in 1...(c.count / 2) where (size..<c.count).allSatisfy({ c[$0] == c[$0 - size] }) { return true }
        return false
    }

    /// `s` without any stretch of four or more characters that runs along a keyboard row or
    /// the alphabet, forwards or backwards.
    static func withoutRuns(_ s: String) -> String {
        let c = Array(s)
        var keep = [Bool](repeating: true, count: c.count)
        var i = 0
        while i < c.count {
            var best = 0
            for row in runs {
                for r in [Array(row), Array(row.reversed())] {
                    guard let start = r.firstIndex(of: c[i]) else { continue }
                    var n = 0
                    while i + n < c.count, start + n < r.count, c[i + n] == r[start + n] { n += 1 }
                    best = max(best, n)
                }
            }
            if best >= 4 { for k in i..<(i + best) { keep[k] = false }; i += best } else { i += 1 }
        }
        return String(c.indices.filter { keep[$0] }.map { c[$0] })
    }
}
