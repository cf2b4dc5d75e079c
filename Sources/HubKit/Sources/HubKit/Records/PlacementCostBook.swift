/// How a placement's annual cost was found (docs/indicators.md, "Cost"), in the order tried.
public enum PlacementCostRoute: Int, CaseIterable, Sendable {
    /// The cost the placing LA recorded for that child (per-child cost file).
    case child
    /// The cost the placing LA recorded for that establishment.
    case establishment
    /// The placing LA's own default for the placement type.
    case laDefault
    /// The config's default band for the placement type (`costs.default_bands`).
    case band
    /// No cost found.
    case none
}

/// The placement costs the hub holds, and the one rule that costs a placement from them: the
/// child's own cost, else the establishment's for the placing LA, else the LA's default for the
/// placement type, else the config's band for the type. The cost indicators and the scoping of a
/// shared centre (docs/scoping.md) both cost placements through it, so their figures agree.
public struct PlacementCostBook: Sendable {
    /// Pseudonym -> annual cost.
    public var perChild: [String: Double]
    /// `LA|URN` -> annual cost.
    public var perEstablishment: [String: Double]
    /// `LA|type key` -> annual cost.
    public var laDefault: [String: Double]
    /// Type key -> annual cost.
    public var bands: [String: Double]

    public init(perChild: [String: Double] = [:], perEstablishment: [String: Double] = [:],
                laDefault: [String: Double] = [:], bands: [String: Double] = [:]) {
        self.perChild = perChild
        self.perEstablishment = perEstablishment
        self.laDefault = laDefault
        self.bands = bands
    }

    /// Reads the store's `placement_costs` and `default_cost_bands` (bands without a phase).
    public static func read(_ context: any MetricContext) throws -> PlacementCostBook {
        var book = PlacementCostBook()
        try context.query("SELECT la_code, urn, placement_type, person_pseudonym, annual_cost FROM placement_costs", []) { row in
            guard let la = row[0].string, let cost = row[4].double else { return }
            if let pseudonym = row[3].string {
                book.perChild[pseudonym] = cost
            } else if let urn = row[1].string {
                book.perEstablishment["\(la)|\(urn)"] = cost
            } else if let type = row[2].string {
                book.laDefault["\(la)|\(key(type))"] = cost
            }
        }
        try context.query("SELECT placement_type, annual_cost FROM default_cost_bands WHERE phase = ''", []) { row in
            if let type = row[0].string, let cost = row[1].double { book.bands[key(type)] = cost }
        }
        return book
    }

    /// True when no cost of any route is held.
    public var isEmpty: Bool { perChild.isEmpty && perEstablishment.isEmpty && laDefault.isEmpty && bands.isEmpty }

    /// Every cost is a whole number of pounds: sums are exact in any order.
    public var wholePounds: Bool {
        [perChild, perEstablishment, laDefault, bands].allSatisfy { $0.values.allSatisfy { $0 == $0.rounded() } }
    }

    /// The annual cost of a placement of `category` at `urn` (nil: none) that LA `la` pays for the
    /// child with `pseudonym`, and the route that found it.
    public func cost(pseudonym: String?, urn: String?, category: PlacementCategory, la: String) -> (cost: Double?, route: PlacementCostRoute) {
        if let pseudonym, let cost = perChild[pseudonym] { return (cost, .child) }
        if let urn, let cost = perEstablishment["\(la)|\(urn)"] { return (cost, .establishment) }
        if let cost = laDefault["\(la)|\(category.costKey)"] { return (cost, .laDefault) }
        if let cost = bands[category.costKey] { return (cost, .band) }
        return (nil, .none)
    }

    /// The key a placement type is filed under: "Independent special" and "independent_special"
    /// name the same type.
    public static func key(_ type: String) -> String {
        type.lowercased().split(whereSeparator: { $0 == " " || $0 == "-" || $0 == "_" }).joined(separator: "_")
    }
}
