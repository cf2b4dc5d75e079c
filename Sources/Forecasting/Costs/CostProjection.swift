/// Costs and the DSG balance of every LA of a forecast run and of its sums, unmitigated and
/// mitigated, in the three cases.
package enum CostProjection {
    /// Children by cost group for each year of an LA's forecast in one case: from its person-level
    /// cells when it has them, else from its published setting groups; nil when it has neither.
    static func counts(_ forecast: CaseloadForecast, la: String, forecastCase: ForecastCase, mitigated: Bool) -> [[String: Double]]? {
        if mitigated {
            guard let effect = forecast.effects[la] else { return nil }
            return byGroup(zip(effect.cells, effect.cellKeys).map { ($0, $1.setting.rawValue) }, forecastCase)
        }
        if let breakdown = forecast.breakdowns[la] {
            return byGroup(zip(breakdown.cells, breakdown.cellKeys).map { ($0, $1.setting.rawValue) }, forecastCase)
        }
        let cells = forecast.settings.filter { $0.la == la }
        guard !cells.isEmpty else { return nil }
        return byGroup(cells.map { ($0, $0.measure) }, forecastCase)
    }

    static func byGroup(_ cells: [(AreaForecast, String)], _ forecastCase: ForecastCase) -> [[String: Double]] {
        let horizon = cells.map { $0.0.horizon }.min() ?? 0
        return (0..<horizon).map { h in
            var groups: [String: Double] = [:]
            for (cell, group) in cells { groups[group, default: 0] += cell.values(forecastCase)[h] }
            return groups
        }
    }

    /// Every LA's DSG years (where its groups are known), then each sum's (its members' added).
    package static func project(_ forecast: CaseloadForecast, costs: UnitCosts, areas: [ForecastRequest.Area]) -> [DSGYear] {
        var years: [DSGYear] = []
        let scenario = forecast.effects.values.first?.scenario
        for total in forecast.totals {
            for mitigated in scenario == nil ? [false] : [false, true] {
                if mitigated && forecast.effects[total.la] == nil { continue }
                // The origin year is before any mitigation: its cost comes from the unmitigated mix.
                guard counts(forecast, la: total.la, forecastCase: .central, mitigated: mitigated) != nil,
                      let central = counts(forecast, la: total.la, forecastCase: .central, mitigated: false),
                      let first = central.first, let origin = total.history[total.origin] else { continue }
                // The origin year's caseload at the first forecast year's mix, in the origin's prices.
                let firstTotal = first.values.reduce(0, +)
                let originCounts = first.mapValues { firstTotal > 0 ? $0 / firstTotal * origin : 0 }
                let originCost = DSGProjection.costPence(originCounts, la: total.la, costs: costs, yearsAhead: 0)
                for forecastCase in ForecastCase.allCases {
                    guard let groups = counts(forecast, la: total.la, forecastCase: forecastCase, mitigated: mitigated) else { continue }
                    let yearly = groups.enumerated().map { h, counts in
                        DSGProjection.costPence(counts, la: total.la, costs: costs, yearsAhead: h + 1)
                    }
                    years += DSGProjection.project(area: total.la, firstYear: total.origin + 1, forecastCase: forecastCase,
                                                   scenario: mitigated ? scenario : nil, costs: yearly, originCostPence: originCost,
                                                   finance: costs.finance)
                }
            }
        }
        for area in areas {
            let members = Set(area.members)
            var sums: [String: DSGYear] = [:]
            for year in years where members.contains(year.area) {
                let key = "\(year.year)|\(year.forecastCase.rawValue)|\(year.scenario ?? "")"
                if var sum = sums[key] {
                    sum.fundingPence += year.fundingPence
                    sum.costPence += year.costPence
                    sum.inYearPence += year.inYearPence
                    sum.cumulativePence += year.cumulativePence
                    sums[key] = sum
                } else {
                    var sum = year
                    sum.area = area.code
                    sums[key] = sum
                }
            }
            years += sums.values.sorted { ($0.year, $0.forecastCase.rawValue, $0.scenario ?? "") < ($1.year, $1.forecastCase.rawValue, $1.scenario ?? "") }
        }
        return years
    }

    /// The JSON rows of the money measures (`high_needs_funding`, `high_needs_cost`,
    /// `dsg_in_year_balance`, `dsg_cumulative_balance`), in pounds.
    package static func rows(_ years: [DSGYear], method: String) -> [ForecastRow] {
        years.flatMap { year in
            [("high_needs_funding", year.fundingPence), ("high_needs_cost", year.costPence),
             ("dsg_in_year_balance", year.inYearPence), ("dsg_cumulative_balance", year.cumulativePence)].map { measure, pence in
                ForecastRow(laCode: year.area, period: CensusYear.label(year.year), measure: measure, forecastCase: year.forecastCase,
                            scenario: year.scenario, value: Double(pence) / 100, method: method, source: .published)
            }
        }
    }
}
