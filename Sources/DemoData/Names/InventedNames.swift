/// Person and place names put together from syllables, so that no list of real names is ever
/// used. They read like names ("Kelmaro", "Tiva", "Ashmere Vale Primary School") but are made up.
enum InventedNames {
    static let surnameOnsets = [
        "Bal", "Bren", "Cor", "Dal", "Dun", "Ess", "Fen", "Gal", "Har", "Isk", "Jor", "Kel", "Lom", "Mar",
        "Nor", "Orr", "Pal", "Quen", "Rav", "Sel", "Tol", "Ulv", "Ves", "Wes", "Yor", "Zan", "Tam", "Brel",
        "Cald", "Drem", "Farn", "Grel", "Hask", "Keld", "Lund", "Mire", "Nask", "Ost", "Pren", "Rusk",
    ]
    static let surnameMiddles = ["a", "e", "i", "o", "u", "an", "ar", "el", "en", "il", "im", "or", "ov", "ul", "ys", ""]
    static let surnameEndings = [
        "bury", "dane", "dell", "fax", "gar", "holm", "kin", "lorn", "mere", "nock", "ore", "quist", "rell",
        "ro", "sk", "stow", "tane", "thorn", "vane", "wick", "ven", "more", "rin", "ley", "ton", "ck",
    ]
    static let forenameOnsets = [
        "A", "Be", "Ca", "Da", "E", "Fi", "Ga", "Ha", "I", "Jo", "Ke", "Li", "Ma", "Ne", "O", "Pe", "Qui",
        "Ra", "Si", "Te", "U", "Va", "Wi", "Ya", "Zo", "Bri", "Clo", "Dre", "Fla", "Gre", "Kri", "Lo", "Mi",
        "No", "Ro", "Sa", "Ti", "Vi",
    ]
    static let forenameEndings = [
        "bel", "cia", "dor", "ella", "fen", "ko", "la", "lan", "lo", "mi", "na", "nic", "ra", "rin", "ro",
        "sa", "tha", "va", "vin", "xa", "yn", "zel", "tto", "ru", "ne", "wen", "ssa", "th", "ek", "ix",
    ]
    static let placeEndings = [
        "brook", "combe", "field", "ford", "gate", "ham", "hurst", "leigh", "mead", "moor", "stead",
        "thwaite", "ton", "well", "wold", "worth", "bridge", "dean", "haven", "side",
    ]
    static let placeSuffixes = ["", "", "", "", " Vale", " Green", " Park", " Hill", " Cross", " Fields"]

    static func surname(_ random: inout DemoRandom) -> String {
        let base = random.element(of: surnameOnsets) + random.element(of: surnameMiddles)
            + random.element(of: surnameEndings)
        guard random.chance(perMille: 30) else { return base }
        return base + "-" + random.element(of: surnameOnsets) + random.element(of: surnameEndings)
    }

    static func forename(_ random: inout DemoRandom) -> String {
        random.element(of: forenameOnsets) + random.element(of: forenameEndings)
    }

    /// A place, e.g. `Kelmoor Vale`.
    static func place(_ random: inout DemoRandom) -> String {
        random.element(of: surnameOnsets) + random.element(of: placeEndings) + random.element(of: placeSuffixes)
    }
}
