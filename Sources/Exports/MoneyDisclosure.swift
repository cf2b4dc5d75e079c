import ComparisonTables
import Forecasting

/// Disclosure control on the high-needs money of a forecast (docs/forecasting.md, "Disclosure
/// control"): a cost is children x unit cost, and `costs.csv` gives the unit costs, so a cost made
/// from a caseload figure the forecast withholds would give that figure back. Outside the
/// audience's own LA:
///
/// - an area's cost in a year, case and scenario is withheld when any of its caseload figures
///   then (its total or a cell of its breakdown) is withheld, and its in-year balance with it;
/// - funding with no baseline starts from the modelled cost of the origin year, made from the
///   first forecast year's central mix: when a figure of that mix is withheld, the area's funding
///   is withheld in every year, case and scenario (each year's is the last one's times a known
///   growth), and its in-year balances with it;
/// - from the first year an in-year balance is withheld, the cumulative balances of that series
///   are withheld (each is the previous one plus the in-year balance);
/// - a sum over LAs (a group, a region, England) is its members' pence added up: where exactly one
///   of a sum and its members is withheld for a measure, year, case and scenario, the smallest
///   other is withheld with it, and the rules above are applied again, until nothing changes.
///
/// Money of an LA forecast from published series alone is public and never withheld (a sum is
/// public when all its members are).
package enum MoneyDisclosure {
    /// The money figures of a ``DSGYear``, in the order of `dsg.csv`.
    package enum Measure: Int, Sendable, CaseIterable {
        case funding, cost, inYearBalance, cumulativeBalance
    }

    /// One money figure: the year (its index in the list given) and the measure.
    package struct Figure: Sendable, Hashable {
        package var year: Int
        package var measure: Measure

        package init(year: Int, measure: Measure) {
            self.year = year
            self.measure = measure
        }
    }

    /// The figures of `years` to show as `c`. `raw` are the forecast's caseload rows before
    /// disclosure control and `shown` the same rows after it (``ForecastDisclosure/apply(_:audience:)``,
    /// same order); `sums` each sum's members; `finance` says which LAs have a funding baseline.
    package static func withheld(
        _ years: [DSGYear], raw: [ForecastRow], shown: [ForecastRow], sums: [String: [String]],
        finance: FinanceSettings, audience: Audience
    ) -> Set<Figure> {
        // Area, period, case and scenario with a caseload figure withheld.
        var withheldCaseload = Set<String>()
        for (before, after) in zip(raw, shown)
        where before.measure == ForecastMeasure.caseload && before.value != nil && after.value == nil {
            withheldCaseload.insert(key(before.laCode, before.period, before.forecastCase, before.scenario))
        }
        // Money of an LA forecast from published series alone is public (its caseload is, and so
        // are unit costs): never withheld, so never the complementary figure either.
        var sources: [String: Set<SeriesSource>] = [:]
        for row in raw where row.measure == ForecastMeasure.caseload { sources[row.laCode, default: []].insert(row.source) }
        func isPublic(_ area: String) -> Bool {
            if let members = sums[area] { return members.allSatisfy(isPublic) }
            return sources[area] == [.published]
        }
        let hideable = years.map { $0.area != audience.ownLA && !isPublic($0.area) }
        var hidden = Set<Figure>()
        func hide(_ index: Int, _ measure: Measure) -> Bool {
            guard hideable[index] else { return false }
            return hidden.insert(Figure(year: index, measure: measure)).inserted
        }
        let firstYear = Dictionary(years.map { ($0.area, $0.year) }, uniquingKeysWith: min)
        var fundingHidden = Set<String>()
        for (index, year) in years.enumerated() {
            let period = CensusYear.label(year.year)
            if withheldCaseload.contains(key(year.area, period, year.forecastCase, year.scenario)) {
                _ = hide(index, .cost)
            }
            if finance.las[year.area]?.baselineFunding == nil, year.year == firstYear[year.area],
                withheldCaseload.contains(key(year.area, period, .central, nil))
            {
                fundingHidden.insert(year.area)
            }
        }
        // The years of each series (area, case, scenario), in order.
        var series: [String: [Int]] = [:]
        for (index, year) in years.enumerated() {
            series["\(year.area)|\(year.forecastCase.rawValue)|\(year.scenario ?? "")", default: []].append(index)
        }
        series = series.mapValues { $0.sorted { years[$0].year < years[$1].year } }
        // Rows of one sum and its members for the same year, case and scenario.
        var linked: [[Int]] = []
        for (area, members) in sums.sorted(by: { $0.key < $1.key }) {
            var byKey: [String: [Int]] = [:]
            for (index, year) in years.enumerated() where year.area == area || members.contains(year.area) {
                byKey["\(year.year)|\(year.forecastCase.rawValue)|\(year.scenario ?? "")", default: []].append(index)
            }
            linked += byKey.keys.sorted().map { byKey[$0]! }
        }
        func value(_ figure: Figure) -> Int64 {
            let year = years[figure.year]
            switch figure.measure {
            case .funding: return year.fundingPence
            case .cost: return year.costPence
            case .inYearBalance: return year.inYearPence
            case .cumulativeBalance: return year.cumulativePence
            }
        }
        var changed = true
        while changed {
            changed = false
            for (index, year) in years.enumerated() where fundingHidden.contains(year.area) {
                if hide(index, .funding) { changed = true }
            }
            for indices in series.values {
                var following = false
                for index in indices {
                    let figure = { (measure: Measure) in hidden.contains(Figure(year: index, measure: measure)) }
                    if figure(.funding) || figure(.cost), hide(index, .inYearBalance) { changed = true }
                    following = following || figure(.inYearBalance)
                    if following, hide(index, .cumulativeBalance) { changed = true }
                }
            }
            for group in linked {
                for measure in Measure.allCases {
                    let figures = group.map { Figure(year: $0, measure: measure) }
                    guard figures.filter(hidden.contains).count == 1 else { continue }
                    let open = figures.filter { hideable[$0.year] && !hidden.contains($0) }
                    guard
                        let next = open.min(by: { a, b in
                            (value(a).magnitude, a.year) < (value(b).magnitude, b.year)
                        })
                    else { continue }
                    hidden.insert(next)
                    if measure == .funding { fundingHidden.insert(years[next.year].area) }
                    changed = true
                }
            }
        }
        return hidden
    }

    static func key(_ area: String, _ period: String, _ forecastCase: ForecastCase, _ scenario: String?) -> String {
        "\(area)|\(period)|\(forecastCase.rawValue)|\(scenario ?? "")"
    }

    /// The JSON rows of the money measures (``CostProjection/rows(_:method:)``) with the withheld
    /// figures' values removed.
    package static func rows(_ years: [DSGYear], withheld: Set<Figure>, method: String) -> [ForecastRow] {
        years.enumerated().flatMap { index, year in
            CostProjection.rows([year], method: method).enumerated().map { position, row in
                var row = row
                if let measure = Measure(rawValue: position), withheld.contains(Figure(year: index, measure: measure)) {
                    row.value = nil
                }
                return row
            }
        }
    }
}
