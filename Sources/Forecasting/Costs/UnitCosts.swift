import HubStore

/// The annual cost of a place in each setting group, and where each figure came from.
package struct UnitCost: Sendable, Equatable {
    package var amount: Double
    package var source: String

    package init(amount: Double, source: String) {
        self.amount = amount
        self.source = source
    }
}

/// The cost groups: the person-level setting groups (the published groups are the same without
/// resourced provision, which the published table counts as mainstream).
package enum CostGroup {
    package static let all = FlowSetting.allCases.map(\.rawValue)

    /// Built-in annual costs per child, in today's prices (docs/forecasting.md, "Costs and the DSG").
    package static let defaults: [String: UnitCost] = [
        "independent_special": UnitCost(amount: 63_000, source: "default: DfE independent special school average fee, February 2026"),
        "state_special": UnitCost(amount: 26_000, source: "default: DfE state special school average cost, February 2026"),
        "mainstream": UnitCost(amount: 9_700, source: "default: High Needs Benchmarking 2021-22, mainstream place and top-up funding per EHCP in mainstream"),
        "resourced_provision": UnitCost(amount: 19_700, source: "default: GBP 10,000 place funding plus the mainstream top-up"),
        "post16_fe": UnitCost(amount: 7_100, source: "default: High Needs Benchmarking 2021-22, post-school top-ups per post-16 EHCP"),
        "ap": UnitCost(amount: 18_000, source: "default: no national figure per EHCP; the hub's example cost band"),
        "other": UnitCost(amount: 9_700, source: "default: costed as a mainstream place (no national figure)"),
    ]

    /// The config's `costs.default_bands` keys for each group.
    static let bandKeys: [String: [String]] = [
        "independent_special": ["independent_special"], "state_special": ["state_special"], "mainstream": ["mainstream"],
        "post16_fe": ["post16", "post16_fe"], "ap": ["ap"],
    ]

    /// `placement_type` values of placement cost files that cost each group.
    static let placementTypes: [String: [String]] = [
        "independent_special": ["independent_special", "non_maintained_special"], "state_special": ["state_special"],
        "mainstream": ["mainstream"], "resourced_provision": ["resourced_provision"], "post16_fe": ["post16", "post16_fe"],
        "ap": ["ap"], "other": ["other"],
    ]
}

/// Unit costs for each LA and group, in order of precedence: the finance file's figure for the LA,
/// its figure for every LA, the mean of the LA's own placement costs of that type in the hub
/// (`placement_costs`), the config's default cost band, the built-in default.
package struct UnitCosts: Sendable {
    /// LA -> group -> mean annual cost of the LA's placement cost rows of that type, and how many.
    package var placementCosts: [String: [String: (mean: Double, rows: Int)]]
    package var configBands: [String: Double]
    package var finance: FinanceSettings

    package init(placementCosts: [String: [String: (mean: Double, rows: Int)]] = [:], configBands: [String: Double] = [:],
                finance: FinanceSettings = FinanceSettings()) {
        self.placementCosts = placementCosts
        self.configBands = configBands
        self.finance = finance
    }

    /// Reads the LAs' placement cost rows from the store.
    package static func read(_ database: Database, las: Set<String>, configBands: [String: Double],
                            finance: FinanceSettings) throws -> UnitCosts {
        var sums: [String: [String: (total: Double, rows: Int)]] = [:]
        for row in try ReferenceTables(database: database).placementCosts() {
            let (la, type, cost) = (row.laCode, row.placementType, row.annualCost)
            guard las.contains(la), cost >= 0 else { continue }
            for (group, types) in CostGroup.placementTypes where types.contains(type) {
                let sum = sums[la]?[group] ?? (0, 0)
                sums[la, default: [:]][group] = (sum.total + cost, sum.rows + 1)
            }
        }
        return UnitCosts(placementCosts: sums.mapValues { $0.mapValues { ($0.total / Double($0.rows), $0.rows) } },
                         configBands: configBands, finance: finance)
    }

    package func cost(la: String, group: String) -> UnitCost {
        if let amount = finance.las[la]?.unitCosts[group] {
            return UnitCost(amount: amount, source: "finance file, LA \(la)")
        }
        if let amount = finance.unitCosts[group] { return UnitCost(amount: amount, source: "finance file") }
        if let own = placementCosts[la]?[group] {
            return UnitCost(amount: own.mean, source: "the LA's placement costs in the hub (mean of \(own.rows) rows)")
        }
        if let band = CostGroup.bandKeys[group]?.lazy.compactMap({ configBands[$0] }).first {
            return UnitCost(amount: band, source: "the config's default cost band")
        }
        return CostGroup.defaults[group]!
    }
}
