import HubKit

/// Placement costs at the census date (docs/indicators.md, "Cost"). A placement's annual cost is the
/// cost recorded for that child (per-child cost file), else for that establishment by the placing
/// LA, else the LA's default for its placement type, else the config's default band for the type.
/// Every figure says in its source how many placements each route costed.
package final class CostMetricProvider: MetricProvider {
    package static let version = "0.1.0"

    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "costs", version: Self.version,
                            summary: "Annual placement costs at the census: out of area, independent special, per plan")
    }

    /// A cost at the census, summed over the placements attended then.
    static func define(_ id: String, _ title: String, numerator: String, denominator: String? = nil,
                       counts: IndicatorCounts) -> IndicatorDefinition {
        IndicatorDefinition(id: id, title: title, unit: .pounds, polarity: .low, periodType: .census,
                            numerator: numerator, denominator: denominator,
                            sources: [.sen2Returns, .establishments, .placementCosts], counts: counts,
                            inputs: SEN2Inputs.placement)
    }

    /// A sum of costs over `placements` (docs/disclosure-control.md): per placement it shows the
    /// count; as a total it is hidden when the count is small.
    static func counts(_ cost: String, per placements: String? = nil, builtOn: String? = nil) -> IndicatorCounts {
        IndicatorCounts(numerator: [CountTerm(cost)], numeratorKind: .pounds, denominator: placements.map { [CountTerm($0)] },
                        builtOn: builtOn.map { [CountTerm($0)] } ?? [])
    }

    static let outOfAreaCost = define("out_of_area_cost", "Annual cost of out-of-area placements",
        numerator: "sum of the annual cost of costed out-of-area placements at the census",
        counts: counts("cost.out_of_area", builtOn: "placements.out_of_area.costed"))
    static let outOfAreaCostPerPlan = define("out_of_area_cost_per_plan", "Annual cost per out-of-area placement",
        numerator: "sum of the annual cost of costed out-of-area placements", denominator: "costed out-of-area placements",
        counts: counts("cost.out_of_area", per: "placements.out_of_area.costed"))
    static let independentSpecialCost = define("independent_special_cost", "Annual cost of independent and non-maintained special placements",
        numerator: "sum of the annual cost of costed independent or non-maintained special placements at the census",
        counts: counts("cost.independent_special", builtOn: "plans.independent_special"))
    static let costPerPlan = define("high_needs_cost_per_plan", "Annual placement cost per plan",
        numerator: "sum of the annual cost of costed placements", denominator: "plans active at the census with a costed placement",
        counts: counts("cost.all", per: "placements.costed"))

    package var indicators: [IndicatorDefinition] {
        IndicatorLayout.present([Self.outOfAreaCost, Self.outOfAreaCostPerPlan, Self.independentSpecialCost, Self.costPerPlan],
                                in: .costs)
    }

    typealias Route = PlacementCostRoute

    package func compute(in context: any MetricContext) throws -> [IndicatorResult] {
        let book = try PlacementCostBook.read(context)
        var returns: [(String, Int)] = []
        try context.query("SELECT la_code, collection_year FROM current_returns ORDER BY la_code, collection_year", []) {
            if let la = $0[0].string, let year = $0[1].int { returns.append((la, year)) }
        }
        let noCosts = book.isEmpty
        let counting = CostCounting(book: book)
        let tallies = noCosts ? [:] : try counting.tallies(context)
        var results: [IndicatorResult] = []
        for (la, year) in returns {
            let period = Period.census(collectionYear: year)
            guard !noCosts else {
                for definition in indicators {
                    results.append(IndicatorResult(indicatorID: definition.id, laCode: la, period: period,
                        unavailable: "no placement costs loaded (import a cost file, or set costs.default_bands in the config)"))
                }
                continue
            }
            let tally = tallies["\(la)/\(year)"] ?? CostTally()
            let (routes, total, costed) = (tally.routes, tally.total, tally.costed)
            let (outOfArea, outOfAreaCosted, independent) = (tally.outOfArea, tally.outOfAreaCosted, tally.independent)
            let source = "costed per child \(routes[0]), per establishment \(routes[1]), LA default \(routes[2]), config band \(routes[3]); not costed \(routes[4])"
            results += [
                IndicatorResult(indicatorID: Self.outOfAreaCost.id, laCode: la, period: period, numerator: outOfArea, denominator: nil, source: source),
                IndicatorResult(indicatorID: Self.outOfAreaCostPerPlan.id, laCode: la, period: period, numerator: outOfArea,
                                denominator: outOfAreaCosted, source: source),
                IndicatorResult(indicatorID: Self.independentSpecialCost.id, laCode: la, period: period, numerator: independent,
                                denominator: nil, source: source),
                IndicatorResult(indicatorID: Self.costPerPlan.id, laCode: la, period: period, numerator: total, denominator: costed,
                                source: source),
            ]
        }
        return results
    }
}
