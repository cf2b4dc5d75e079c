/// Postcodes shaped like real UK ones (`KF12 3TX`) in postcode areas that do not exist, so that
/// no generated postcode is anyone's address. Each authority gets one invented area.
struct PostcodeArea: Sendable, Hashable {
    /// The one or two letters of the area, e.g. `KF`.
    let letters: String

    /// Two-letter areas in use in the UK, plus non-geographic ones; never generated.
    static let realAreas: Set<String> = [
        "AB", "AL", "BA", "BB", "BD", "BF", "BH", "BL", "BN", "BR", "BS", "BT", "BX", "CA", "CB", "CF", "CH",
        "CM", "CO", "CR", "CT", "CV", "CW", "DA", "DD", "DE", "DG", "DH", "DL", "DN", "DT", "DY", "EC", "EH",
        "EN", "EX", "FK", "FY", "GL", "GU", "GY", "HA", "HD", "HG", "HP", "HR", "HS", "HU", "HX", "IG", "IM",
        "IP", "IV", "JE", "KA", "KT", "KW", "KY", "LA", "LD", "LE", "LL", "LN", "LS", "LU", "ME", "MK", "ML",
        "NE", "NG", "NN", "NP", "NR", "NW", "OL", "OX", "PA", "PE", "PH", "PL", "PO", "PR", "RG", "RH", "RM",
        "SA", "SE", "SG", "SK", "SL", "SM", "SN", "SO", "SP", "SR", "SS", "ST", "SW", "SY", "TA", "TD", "TF",
        "TN", "TQ", "TR", "TS", "TW", "UB", "WA", "WC", "WD", "WF", "WN", "WR", "WS", "WV", "YO", "ZE",
    ]

    /// Every invented two-letter area, in a fixed order (first letters as real postcodes allow
    /// them, second letters without I, J and Z).
    static let inventedAreas: [String] = {
        var areas: [String] = []
        for first in "ABCDEFGHKLMNOPRSTUWY" {
            for second in "ABCDEFGHKLMNOPQRSTUVWXY" {
                let area = String([first, second])
                if !realAreas.contains(area) { areas.append(area) }
            }
        }
        return areas
    }()

    /// Letters of an inward code's last two characters, as real postcodes use them.
    static let inwardLetters = Array("ABDEFGHJLNPQRSTUWXYZ")

    /// The invented area of an authority (fixed by its code).
    init(authority: LocalAuthority) {
        let areas = Self.inventedAreas
        letters = areas[(authority.number &* 131) % areas.count]
    }

    /// A postcode in this area, e.g. `KF12 3TX`.
    func postcode(_ random: inout DemoRandom) -> String {
        drawPostcode(&random).postcode
    }

    /// A postcode in this area and its district's number (1...28; `KF12` is district 12).
    func drawPostcode(_ random: inout DemoRandom) -> (postcode: String, district: Int) {
        let district = random.int(in: 1...28)
        let sector = random.below(10)
        let a = Self.inwardLetters[random.below(Self.inwardLetters.count)]
        let b = Self.inwardLetters[random.below(Self.inwardLetters.count)]
        return ("\(letters)\(district) \(sector)\(a)\(b)", district)
    }
}
