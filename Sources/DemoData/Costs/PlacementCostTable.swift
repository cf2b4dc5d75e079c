/// What each generated authority pays a year for the places its returns use: one row per
/// establishment it places children at (`la_code,urn,placement_type,annual_cost`), and its
/// default cost per placement type (rows without a URN) for the rest, e.g. college places named
/// by UKPRN. The placement types are the hub's cost keys (`Plugins/CaseloadMetrics`,
/// `PlacementCategory.costKey`): mainstream, state_special, independent_special, ap, post16.
///
/// Figures are invented but plausible for England: mainstream top-up £8-15k, state special
/// £22-29k, non-maintained special £45-65k, independent special £50-90k, alternative provision
/// £15-24k, post-16 £7-12k; a place in another authority's school costs a little more.
struct PlacementCostTable: Sendable {
    struct Row: Sendable, Hashable {
        /// The placing (paying) authority.
        let laCode: String
        /// Nil for the authority's default for `placementType`.
        let urn: Int?
        let placementType: String
        /// Pounds a year, rounded to £10.
        let annualCost: Int
    }

    static let fileName = "placement-costs.csv"

    /// Default cost per placement type: a typical figure of the type's range.
    static let defaultTypes: [(type: String, range: ClosedRange<Int>)] = [
        ("mainstream", 10_500...12_500), ("state_special", 24_000...26_500), ("independent_special", 58_000...66_000),
        ("ap", 18_000...21_000), ("post16", 9_000...14_000),
    ]

    let rows: [Row]

    /// - Parameter placedURNs: the URNs each authority's returns name, by LA code.
    init(seed: UInt64, authorities: [LocalAuthority], placedURNs: [String: Set<Int>], register: EstablishmentRegister) {
        var rows: [Row] = []
        for authority in authorities {
            var random = DemoRandom(seed, 0xC057, UInt64(authority.number))
            for (type, range) in Self.defaultTypes {
                rows.append(Row(laCode: authority.code, urn: nil, placementType: type,
                                annualCost: Self.pounds(random.int(in: range))))
            }
            for urn in (placedURNs[authority.code] ?? []).sorted() {
                guard let establishment = register.establishment(urn: urn) else { continue }
                var random = DemoRandom(seed, 0xC057, UInt64(authority.number), UInt64(urn))
                let (type, range) = Self.band(establishment.kind)
                var cost = random.int(in: range)
                if establishment.authority != authority, type == "mainstream" || type == "state_special" {
                    cost = cost * 108 / 100
                }
                rows.append(Row(laCode: authority.code, urn: urn, placementType: type, annualCost: Self.pounds(cost)))
            }
        }
        self.rows = rows
    }

    /// The hub's cost key and the range of annual costs of a kind of establishment.
    static func band(_ kind: EstablishmentKind) -> (String, ClosedRange<Int>) {
        switch kind {
        case .mainstreamPrimary, .mainstreamSecondary: ("mainstream", 8_000...15_000)
        case .independentMainstream: ("mainstream", 18_000...30_000)
        case .stateSpecial: ("state_special", 22_000...29_000)
        case .nonMaintainedSpecial: ("independent_special", 45_000...65_000)
        case .independentSpecial: ("independent_special", 50_000...90_000)
        case .alternativeProvision: ("ap", 15_000...24_000)
        case .furtherEducation, .sixthFormCentre: ("post16", 7_000...12_000)
        case .specialPost16: ("post16", 35_000...55_000)
        }
    }

    static func pounds(_ value: Int) -> Int { (value + 5) / 10 * 10 }

    /// The CSV the `placement-costs` importer reads.
    var text: String {
        var lines = ["la_code,urn,placement_type,annual_cost"]
        for row in rows {
            lines.append("\(row.laCode),\(row.urn.map(String.init) ?? ""),\(row.placementType),\(row.annualCost)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
