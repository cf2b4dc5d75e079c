/// One invented establishment: a school, college or provider with a GIAS-style URN.
package struct SyntheticEstablishment: Sendable, Hashable {
    /// 6-digit URN, unique across all authorities.
    package let urn: Int
    /// 8-digit UK Provider Reference Number.
    package let ukprn: Int
    /// The authority it is located in.
    package let authority: LocalAuthority
    package let name: String
    package let kind: EstablishmentKind
    package let type: GIASType
    package let postcode: String
    /// Location on the British National Grid, metres (``DemoGeography``).
    package let easting: Int
    package let northing: Int

    /// Builds establishment `index` (0-based, below ``EstablishmentPlan/perAuthority``) of `authority`.
    /// Depends on nothing else: the same authority always gets the same establishments.
    init(authority: LocalAuthority, index: Int, kind: EstablishmentKind, types: WeightedTable<GIASType>) {
        var random = DemoRandom(0x6E5_7AB1_15E5, UInt64(authority.number), UInt64(index))
        let block = (authority.number - 200) * 100 + index
        urn = 100_000 + (block * 611_953) % 900_000
        ukprn = 10_000_000 + block * 7 + 3
        self.authority = authority
        self.kind = kind
        type = types.pick(&random)
        name = Self.name(kind: kind, type: type, random: &random)
        let drawn = PostcodeArea(authority: authority).drawPostcode(&random)
        postcode = drawn.postcode
        (easting, northing) = DemoGeography.establishment(urn: urn, district: drawn.district, of: authority)
    }

    private static func name(kind: EstablishmentKind, type: GIASType, random: inout DemoRandom) -> String {
        let place = InventedNames.place(&random)
        switch kind {
        case .mainstreamPrimary:
            switch type.code {
            case 2, 3: return "St \(InventedNames.forename(&random))'s Church of England Primary School"
            case 28, 34: return "\(place) Primary Academy"
            case 35: return "\(place) Free School"
            default: return random.chance(perMille: 200) ? "\(place) Infant and Nursery School" : "\(place) Primary School"
            }
        case .mainstreamSecondary:
            switch type.code {
            case 28, 34: return "\(place) Academy"
            case 35: return "\(place) Free School"
            default: return random.chance(perMille: 500) ? "\(place) High School" : "\(place) Community College"
            }
        case .independentMainstream: return "\(place) House School"
        case .stateSpecial:
            return type.code == 44 || type.code == 33 ? "\(place) Special Academy" : "\(place) School"
        case .nonMaintainedSpecial: return "\(place) Hall School"
        case .independentSpecial: return random.chance(perMille: 500) ? "\(place) Lodge School" : "\(place) Manor School"
        case .alternativeProvision:
            return type.code == 14 ? "\(place) Pupil Referral Unit" : "\(place) Alternative Provision Academy"
        case .furtherEducation: return "\(place) College"
        case .sixthFormCentre: return "\(place) Sixth Form Centre"
        case .specialPost16: return "\(place) Specialist College"
        }
    }
}
