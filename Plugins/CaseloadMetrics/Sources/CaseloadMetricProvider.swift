import HubKit

/// Caseload at the census date (docs/indicators.md, "Caseload at the census date"), computed from the
/// person-level returns with docs/sen2.md's census-date logic: a plan is active at D when
/// StartDate <= D and (no CeaseDate or CeaseDate > D); its placement at D is the PlacementDetail
/// attended on D, rank 1 first, else rank 2. Each child counts once, however many plans the
/// return lists for them. Placement types need the establishment register, rates the population.
package final class CaseloadMetricProvider: MetricProvider {
    package static let version = "0.2.0"

    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "caseload", version: Self.version,
                            summary: "EHC plans active at the January census: count, growth, rates, placements, needs, ages")
    }

    /// The count every caseload figure shares (docs/disclosure-control.md): children with a plan at the census.
    static let plans = CountTerm("plans")

    package static let caseload = IndicatorDefinition(
        id: "ehcp_caseload", title: "EHC plans at the census date", unit: .count, polarity: .none,
        periodType: .census,
        numerator: "children with an EHC plan active at the census date (StartDate <= D, no CeaseDate or CeaseDate > D)",
        denominator: nil, sources: [.sen2Returns], counts: IndicatorCounts(numerator: [plans]), inputs: SEN2Inputs.activePlan)

    package static let growth = IndicatorDefinition(
        id: "ehcp_growth_1y", title: "Growth in EHC plans over one year", unit: .percent, polarity: .none,
        periodType: .census,
        numerator: "plans at D minus plans at D one year earlier",
        denominator: "plans at D one year earlier", sources: [.sen2Returns],
        counts: IndicatorCounts(numerator: [plans, CountTerm("plans", coefficient: -1, periodsBefore: 1)],
                                denominator: [CountTerm("plans", periodsBefore: 1)]),
        inputs: SEN2Inputs.activePlan)

    package static let rate0to25 = IndicatorDefinition(
        id: "ehcp_rate_0_25", title: "EHC plans per 10,000 residents aged 0-25", unit: .per10000, polarity: .none,
        periodType: .census, numerator: "children with an EHC plan active at the census date",
        denominator: "resident population aged 0-25, mid-year before the census", sources: [.sen2Returns, .population],
        counts: IndicatorCounts(numerator: [plans], denominator: [CountTerm("residents.0-25")], denominatorKind: .reference),
        inputs: SEN2Inputs.activePlan)

    package static let per1000Aged2to18 = IndicatorDefinition(
        id: "ehcp_per_1000_2_18", title: "EHC plans per 1,000 residents aged 2-18 (High Needs Benchmarking)",
        unit: .per1000, polarity: .none, periodType: .census,
        numerator: "children with an EHC plan active at the census date",
        denominator: "resident population aged 2-18, mid-year before the census", sources: [.sen2Returns, .population],
        counts: IndicatorCounts(numerator: [plans], denominator: [CountTerm("residents.2-18")], denominatorKind: .reference),
        inputs: SEN2Inputs.activePlan)

    package var indicators: [IndicatorDefinition] {
        IndicatorLayout.present([Self.caseload, Self.growth, Self.rate0to25, Self.per1000Aged2to18]
                                    + (CaseloadShare.placementShares + CaseloadShare.outOfAreaShares + CaseloadShare.ageShares)
                                    .map(\.definition), in: .caseloadAndPlacements)
            + IndicatorLayout.present(CaseloadShare.needShares.map(\.definition), in: .needs)
    }

    package func compute(in context: any MetricContext) throws -> [IndicatorResult] {
        // The children at each census as counted when the return was imported: a few groups per
        // return instead of every person's modules.
        let returns = try ReturnCensus.readAll(context)
        let hasRegister = (try context.rows("SELECT EXISTS (SELECT 1 FROM establishments)").first?.first?.int ?? 0) == 1
        var population: [String: (aged0to25: Double, aged2to18: Double)] = [:]
        try context.query("""
            SELECT la_code, year, SUM(CASE WHEN age <= 25 THEN population END),
                   SUM(CASE WHEN age BETWEEN 2 AND 18 THEN population END)
            FROM current_population GROUP BY la_code, year
            """, []) { row in
            guard let la = row[0].string, let year = row[1].int else { return }
            population["\(la)/\(year)"] = (row[2].double ?? 0, row[3].double ?? 0)
        }
        // The bundled population aged 0-25 (docs/national-context.md), for LAs without an imported one.
        var bundled: [String: (residents: Double, table: String)] = [:]
        try context.query("""
            SELECT area_code, value, source_table FROM published_values
            WHERE measure = ? AND geographic_level = 'Local authority' AND value > 0
            """, [.text(PublishedFiguresProvider.populationMeasure)]) { row in
            guard let la = row[0].string, let residents = row[1].double, let table = row[2].string else { return }
            bundled[la] = (residents, table)
        }
        let plansByReturn = Dictionary(returns.map { ("\($0.laCode)/\($0.collectionYear)", $0.children) },
                                       uniquingKeysWith: { a, _ in a })

        var results: [IndicatorResult] = []
        for census in returns {
            let (la, year) = (census.laCode, census.collectionYear)
            let period = Period.census(collectionYear: year)
            let plans = census.children
            results.append(IndicatorResult(indicatorID: Self.caseload.id, laCode: la, period: period,
                                           numerator: plans, denominator: nil))
            if let previous = plansByReturn["\(la)/\(year - 1)"] {
                results.append(IndicatorResult(indicatorID: Self.growth.id, laCode: la, period: period,
                                               numerator: plans - previous, denominator: previous))
            } else {
                results.append(IndicatorResult(indicatorID: Self.growth.id, laCode: la, period: period,
                    unavailable: "no return for \(Period.census(collectionYear: year - 1).label) in the hub"))
            }
            // The mid-year estimate before a January census is the previous calendar year's.
            let midYear = year - 1
            for (definition, pick) in [(Self.rate0to25, \(aged0to25: Double, aged2to18: Double).aged0to25),
                                       (Self.per1000Aged2to18, \.aged2to18)] {
                if let residents = population["\(la)/\(midYear)"]?[keyPath: pick], residents > 0 {
                    results.append(IndicatorResult(indicatorID: definition.id, laCode: la, period: period,
                                                   numerator: plans, denominator: residents))
                } else if definition.id == Self.rate0to25.id, let fallback = bundled[la] {
                    results.append(IndicatorResult(indicatorID: definition.id, laCode: la, period: period,
                                                   numerator: plans, denominator: fallback.residents,
                                                   source: "returns; population 0-25: \(fallback.table) (year not stated)"))
                } else {
                    results.append(IndicatorResult(indicatorID: definition.id, laCode: la, period: period,
                        unavailable: "no population for LA \(la) in mid-\(midYear) (import a population file)"))
                }
            }
            for share in CaseloadShare.all {
                if share.needsRegister && !hasRegister {
                    results.append(IndicatorResult(indicatorID: share.definition.id, laCode: la, period: period,
                        unavailable: "no establishment register loaded (import the GIAS establishments file)"))
                    continue
                }
                if share.dimension == .birthMonth, census.birthMonths.contains(where: \.child.birthYearOnly) {
                    results.append(IndicatorResult(indicatorID: share.definition.id, laCode: la, period: period,
                        unavailable: "birth dates were kept as the year only (minimisation birth_date: year); ages on the 31 August need the month or school year of birth"))
                    continue
                }
                let base = share.base ?? { _ in true }
                results.append(IndicatorResult(indicatorID: share.definition.id, laCode: la, period: period,
                                               numerator: census.count(share.dimension) { base($0) && share.counts($0) },
                                               denominator: census.count(share.dimension, where: base)))
            }
        }
        return results
    }
}
