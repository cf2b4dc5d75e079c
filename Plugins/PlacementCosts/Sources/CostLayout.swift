/// The two placement cost layouts, told apart by the header row alone: a `upn` column makes a
/// per-child file, so one file is never claimed by both importers.
enum CostLayout: Equatable {
    /// `la_code,urn,placement_type,annual_cost`: per establishment, or an LA's default by type.
    case establishment(EstablishmentCostColumns)
    /// `la_code,upn,annual_cost` with optional `urn` and `placement_type`: per child.
    case perChild(PerChildCostColumns)

    /// The layout of a header row (names trimmed and lower-cased), or nil when it is neither.
    static func of(_ names: [String]) -> CostLayout? {
        if names.contains("upn") { return PerChildCostColumns(names).map(CostLayout.perChild) }
        return EstablishmentCostColumns(names).map(CostLayout.establishment)
    }
}

/// Where the columns of the per-establishment layout are (0-based).
struct EstablishmentCostColumns: Equatable {
    var laCode: Int
    var urn: Int
    var placementType: Int
    var annualCost: Int

    init?(_ names: [String]) {
        guard let laCode = names.firstIndex(of: "la_code"), let urn = names.firstIndex(of: "urn"),
              let placementType = names.firstIndex(of: "placement_type"),
              let annualCost = names.firstIndex(of: "annual_cost") else { return nil }
        self.laCode = laCode
        self.urn = urn
        self.placementType = placementType
        self.annualCost = annualCost
    }
}

/// Where the columns of the per-child layout are (0-based).
struct PerChildCostColumns: Equatable {
    var laCode: Int
    var upn: Int
    var annualCost: Int
    var urn: Int?
    var placementType: Int?

    init?(_ names: [String]) {
        guard let laCode = names.firstIndex(of: "la_code"), let upn = names.firstIndex(of: "upn"),
              let annualCost = names.firstIndex(of: "annual_cost") else { return nil }
        self.laCode = laCode
        self.upn = upn
        self.annualCost = annualCost
        self.urn = names.firstIndex(of: "urn")
        self.placementType = names.firstIndex(of: "placement_type")
    }
}
