import Foundation
import Crypto

/// A fingerprint that two people compare by phone: words from a fixed list of 256 short
/// Dutch nouns, one word per byte of a hash over the device's id and public keys. Ten
/// words = 80 bits: guessing a card with the same words is out of reach.
public enum FingerprintWords {
    public static let count = 10

    /// The words for a device's keys, separated by spaces.
    public static func words(deviceID: UUID, agreementKey: Data, signingKey: Data) -> String {
        var input = Data("schakel/fingerprint/v1".utf8)
        input += deviceID.data + agreementKey + signingKey
        let digest = SHA256.hash(data: input)
        return digest.prefix(count).map { list[Int($0)] }.joined(separator: " ")
    }

    /// Spelling as typed back (case, spaces and hyphens do not matter).
    public static func normalised(_ text: String) -> String {
        text.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "," || $0 == "\n" || $0 == "\t" }).joined(separator: " ")
    }

    /// 256 short, distinct nouns that are hard to mishear on the phone.
    static let list: [String] = [
        "aap", "adem", "anker", "appel", "arend", "avond", "baai", "bakker", "balk", "bank", "beer", "beker", "berg",
        "bever", "bezem", "bijl", "blad", "bloem", "boek", "boom", "boon", "boot", "bord", "bos", "brief", "brug",
        "buik", "bus", "dak", "dal", "das", "deken", "dijk", "dolfijn", "donder", "doos", "draak", "duif", "duin",
        "eend", "egel", "eik", "emmer", "ezel", "fakkel", "fiets", "fluit", "foto", "fles", "fontein", "gans", "garen",
        "geit", "gitaar", "glas", "gong", "gras", "grot", "haan", "haas", "hagel", "hamer", "hand", "haven", "heide",
        "hek", "helm", "hert", "hoed", "honing", "hoorn", "huis", "ijs", "inkt", "jas", "jurk", "kaars", "kaas", "kam",
        "kameel", "kanon", "kapel", "karpet", "kast", "kat", "kers", "ketel", "kever", "kikker", "kip", "klei", "klok",
        "knoop", "koe", "koffer", "kompas", "konijn", "koord", "kraai", "kraan", "kroon", "kruik", "kwal", "lamp",
        "lans", "leeuw", "lepel", "lier", "lint", "maan", "mand", "mantel", "markt", "mast", "meeuw", "melk", "mes",
        "mier", "molen", "mossel", "muis", "munt", "muur", "nagel", "nest", "net", "neus", "noot", "oever", "olifant",
        "oester", "oven", "paard", "pan", "panda", "parel", "pauw", "pen", "peper", "piano", "pijl", "pijp", "plank",
        "plein", "pluim", "pomp", "pond", "post", "pruim", "raaf", "raam", "regen", "reus", "riet", "rivier", "robijn",
        "rok", "roos", "rots", "ruit", "sap", "schaap", "schip", "schol", "schop", "sjaal", "slak", "slee", "slot",
        "sneeuw", "snoek", "sok", "spar", "specht", "spiegel", "spin", "spoor", "stam", "ster", "stoel", "storm",
        "stroom", "suiker", "tafel", "tak", "tas", "tent", "tijger", "toren", "touw", "trap", "trein", "trom", "tuin",
        "tulp", "uil", "vaas", "valk", "veer", "veld", "venster", "vijver", "vink", "vis", "vlag", "vlam", "vlieg",
        "vloer", "vogel", "vos", "vuur", "wafel", "wagen", "walvis", "wand", "want", "water", "weide", "wiel", "wilg",
        "wind", "wol", "wolf", "worm", "zaag", "zadel", "zalm", "zand", "zeef", "zeil", "zeep", "zon", "zwaan",
        "zwaluw", "appelboom", "beuk", "citroen", "dennen", "eiland", "festival", "gember", "hazelaar", "ijsbeer",
        "jasmijn", "kastanje", "lavendel", "magneet", "narcis", "orgel", "paprika", "radijs", "salie", "tomaat",
        "vulkaan", "wortel", "zebra"
    ]
}
