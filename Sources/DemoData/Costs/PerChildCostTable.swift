/// What each generated authority pays a year for children in residential places, agreed child by
/// child (`la_code,upn,urn,placement_type,annual_cost`; the hub hashes the UPN on import): £90-150k
/// for 38-51 weeks a year, £150-260k for 52 weeks. The hub uses a child's own cost before the
/// establishment's.
struct PerChildCostTable: Sendable {
    struct Row: Sendable, Hashable {
        let laCode: String
        let upn: String
        let urn: Int
        let placementType: String
        let annualCost: Int
    }

    static let fileName = "placement-costs-per-child.csv"

    let rows: [Row]

    /// - Parameter places: the residential places at the latest census, by LA code.
    init(seed: UInt64, authorities: [LocalAuthority], places: [String: [ResidentialPlace]],
         register: EstablishmentRegister) {
        var rows: [Row] = []
        for authority in authorities {
            for place in Set(places[authority.code] ?? []).sorted(by: { ($0.upn, $0.urn) < ($1.upn, $1.urn) }) {
                guard let establishment = register.establishment(urn: place.urn) else { continue }
                let child = place.upn.utf8.reduce(UInt64(0)) { $0 &* 31 &+ UInt64($1) }
                var random = DemoRandom(seed, 0xC41D, UInt64(authority.number), UInt64(place.urn), child)
                let cost = place.allYear ? random.int(in: 150_000...260_000) : random.int(in: 90_000...150_000)
                rows.append(Row(laCode: authority.code, upn: place.upn, urn: place.urn,
                                placementType: PlacementCostTable.band(establishment.kind).0,
                                annualCost: PlacementCostTable.pounds(cost)))
            }
        }
        self.rows = rows
    }

    /// The CSV the `placement-costs-per-child` importer reads.
    var text: String {
        var lines = ["la_code,upn,urn,placement_type,annual_cost"]
        for row in rows {
            lines.append("\(row.laCode),\(row.upn),\(row.urn),\(row.placementType),\(row.annualCost)")
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
