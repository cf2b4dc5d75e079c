import HubKit

/// Figures from published Explore Education Statistics tables (imported with the `ees-table`
/// importer; `hnhub init` loads the bundled extracts in `Datasets/published`), under the same
/// indicator ids as the hub's own metrics, each marked with its source (docs/national-context.md):
///
/// - for LAs whose returns the hub does not hold, so a group of five LAs is still ranked against
///   all of England (an LA and period the hub has a return for keeps the hub's figure);
/// - for England and each region, keyed by area code (`E92000001`, `E12000009`), which outputs show
///   as the England and region rows: the published totals, not sums of the hub's LAs.
///
/// Every figure is a numerator and a denominator taken from published counts, computed with the
/// hub's definition of the indicator (never a published percentage).
package final class PublishedFiguresProvider: MetricProvider {
    package static let version = "0.2.0"

    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "published-figures", version: Self.version,
                            summary: "Published EES figures for England, regions and LAs without returns in the hub (caseload, placements, needs, requests, assessments, timeliness, ceased plans, EHCP rate)")
    }

    /// It declares no indicators of its own: it fills in those of the caseload and work providers.
    package var indicators: [IndicatorDefinition] { [] }

    /// An indicator as published: measures summed above and below the line.
    struct Mapping {
        var indicator: String
        var periodType: PeriodType
        var numerator: [String]
        var denominator: [String]?
    }

    /// In order of preference: where two mappings give the same indicator (the caseload from the
    /// caseload table or from the needs table's total), the first found wins.
    static let mappings: [Mapping] = {
        func census(_ id: String, _ numerator: [String], _ denominator: [String]? = ["ehcplans"]) -> Mapping {
            Mapping(indicator: id, periodType: .census, numerator: numerator, denominator: denominator)
        }
        func calendar(_ id: String, _ numerator: [String], _ denominator: [String]? = nil) -> Mapping {
            Mapping(indicator: id, periodType: .calendar, numerator: numerator, denominator: denominator)
        }
        var all = [
            census("ehcp_caseload", ["ehcplans"], nil),
            census("ehcp_caseload", ["ehc_plans"], nil),
            census("mainstream_share", ["mainstream_total"]),
            census("special_school_share", ["special_total"]),
            census("state_special_share", ["special_la_maintained", "special_academy_free"]),
            census("independent_special_share", ["special_independent", "special_non_maintained"]),
            census("post16_fe_share", ["fe_total"]),
            census("ap_share", ["ap_pru_total"]),
            census("educated_elsewhere_share", ["ed_elsewhere"]),
            census("placement_unknown_share", ["placement_unknown"]),
            calendar("requests_received", ["requests_received_in_year"]),
            calendar("requests_refused_rate", ["requests_decided_not_to_assess"], ["requests_received_in_year"]),
            calendar("assessments_issued_rate", ["assess_issued"], ["assess_issued", "assess_not_issued"]),
            calendar("new_plans", ["plans_issued_den"]),
            calendar("timeliness_20wk_incl", ["plans_issued_within_20_weeks"], ["plans_issued_den"]),
            calendar("timeliness_20wk_excl", ["plans_issued_20_weeks_ex"], ["plans_issued_den_ex"]),
            calendar("plans_ceased", ["total_ceased"]),
            calendar("ceased_needs_met_share", ["needs_met"], ["total_ceased"]),
        ]
        for need in ["ASD", "HI", "MLD", "MSI", "OTH", "PD", "PMLD", "SEMH", "SLCN", "SLD", "SPLD", "VI"] {
            all.append(census("need_share_\(need)", ["number_\(need.lowercased())"], ["ehc_plans"]))
        }
        all.append(census("need_share_unknown", ["number_need_unknown"], ["ehc_plans"]))
        return all
    }()

    /// The EHCP rate per 10,000 aged 0-25: the published caseload over the population.
    static let rateIndicator = "ehcp_rate_0_25"
    /// The bundled population table (`Datasets/published/population_0_25.csv`) and its measure.
    static let populationMeasure = "population_0_25"

    /// The published rows the provider reads: England, regions and LAs.
    static let levels: [String: AreaLevel] = ["National": .england, "Regional": .region, "Local authority": .la]

    enum AreaLevel { case england, region, la }

    /// One area's measures from one published table in one period.
    struct Cells {
        var level: AreaLevel
        var table: String
        var importID: Int
        var values: [String: Double] = [:]
    }

    package func compute(in context: any MetricContext) throws -> [IndicatorResult] {
        // Periods the hub's own returns cover, per LA: their figures win.
        var covered = Set<AreaPeriod>()
        try context.query("SELECT la_code, collection_year FROM current_returns", []) { row in
            guard let la = row[0].string, let year = row[1].int else { return }
            covered.insert(AreaPeriod(area: la, period: Period.census(collectionYear: year).label))
            covered.insert(AreaPeriod(area: la, period: Period.calendar(collectionYear: year).label))
        }
        let published = try Self.readPublished(context)
        var results: [IndicatorResult] = []
        for cellKey in published.cells.keys.sorted(by: { ($0.area, $0.time) < ($1.area, $1.time) }) {
            // Newest import first: a table imported later wins over an older one for the same figure.
            let tables = published.cells[cellKey]!.sorted { $0.importID > $1.importID }
            let census = Self.period(cellKey.time, .census), calendar = Self.period(cellKey.time, .calendar)
            var given = Set<String>()
            // Mappings in order of preference: the first that finds its measures gives the figure.
            for mapping in Self.mappings where !given.contains(mapping.indicator) {
                guard let period = mapping.periodType == .census ? census : calendar else { continue }
                if tables.first?.level == .la, covered.contains(AreaPeriod(area: cellKey.area, period: period.label)) { continue }
                for cells in tables {
                    guard let numerator = Self.sum(mapping.numerator, cells.values) else { continue }
                    let denominator = mapping.denominator.map { Self.sum($0, cells.values) }
                    if let denominator, denominator == nil { continue }
                    results.append(IndicatorResult(indicatorID: mapping.indicator, laCode: cellKey.area, period: period,
                                                   numerator: numerator, denominator: denominator ?? nil,
                                                   source: "published: \(cells.table)"))
                    given.insert(mapping.indicator)
                    break
                }
            }
        }
        results += try rates(caseloads: results.filter { $0.indicatorID == "ehcp_caseload" }, published: published,
                             context: context)
        return results
    }

    /// An area (LA, region or England) and a period label.
    struct AreaPeriod: Hashable {
        var area: String
        var period: String
    }

    /// What the store holds of the published tables.
    struct Published {
        /// (area code, time period) -> one entry per table giving measures for it.
        var cells: [Key: [Cells]] = [:]
        /// Area code -> the bundled population aged 0-25 and its table.
        var population: [String: (residents: Double, table: String)] = [:]

        struct Key: Hashable {
            var area: String
            var time: String
        }
    }

    /// Reads the measures the mappings use from the tables' total rows.
    static func readPublished(_ context: any MetricContext) throws -> Published {
        let measures = Set(mappings.flatMap { $0.numerator + ($0.denominator ?? []) } + [populationMeasure])
        var published = Published()
        var index: [Slot: Int] = [:]  // position in cells[key] of each table's entry
        var totalRows: [String: Bool] = [:]  // isTotalRow of each distinct dimensions text
        try context.query("""
            SELECT source_table, time_period, area_code, geographic_level, dimensions, measure, value, import_id
            FROM published_values
            WHERE geographic_level IN ('National', 'Regional', 'Local authority') AND value IS NOT NULL
              AND measure IN (\(measures.sorted().map { "'\($0)'" }.joined(separator: ",")))
            """, []) { row in
            guard let table = row[0].string, let time = row[1].string, let area = row[2].string,
                  let level = row[3].string.flatMap({ levels[$0] }), let dimensions = row[4].string,
                  let measure = row[5].string, let value = row[6].double, let importID = row[7].int else { return }
            if totalRows[dimensions] == nil { totalRows[dimensions] = isTotalRow(dimensions) }
            guard totalRows[dimensions] == true else { return }
            if measure == populationMeasure {
                published.population[area] = (value, table)
                return
            }
            let key = Published.Key(area: area, time: time)
            let slot = Slot(key: key, table: table)
            if let position = index[slot] {
                published.cells[key]![position].values[measure] = value
            } else {
                index[slot] = published.cells[key, default: []].count
                published.cells[key, default: []].append(Cells(level: level, table: table, importID: importID,
                                                                values: [measure: value]))
            }
        }
        return published
    }

    /// One table's entry for an area and period.
    struct Slot: Hashable {
        var key: Published.Key
        var table: String
    }

    /// `ehcp_rate_0_25` for every published caseload: plans over the population aged 0-25 of the
    /// mid-year before the census when the store holds it for an LA (an imported population file),
    /// else the bundled population (whose year the source does not state); England and regions
    /// always take the bundled totals. An LA with no population gets the reason instead.
    func rates(caseloads: [IndicatorResult], published: Published, context: any MetricContext) throws -> [IndicatorResult] {
        var imported: [String: Double] = [:]
        try context.query("""
            SELECT la_code, year, SUM(population) FROM current_population WHERE age <= 25 GROUP BY la_code, year
            """, []) { row in
            guard let la = row[0].string, let year = row[1].int, let residents = row[2].double, residents > 0 else { return }
            imported["\(la)/\(year)"] = residents
        }
        return caseloads.map { caseload in
            let area = caseload.laCode
            let plansSource = caseload.source ?? ""
            let midYear = Int(caseload.period.label.prefix(4)) ?? 0  // census 2024/25 (January 2025): mid-2024
            if Self.isLA(area), let residents = imported["\(area)/\(midYear)"] {
                return IndicatorResult(indicatorID: Self.rateIndicator, laCode: area, period: caseload.period,
                                       numerator: caseload.numerator ?? 0, denominator: residents,
                                       source: "\(plansSource); population 0-25 imported for mid-\(midYear)")
            }
            if let bundled = published.population[area] {
                return IndicatorResult(indicatorID: Self.rateIndicator, laCode: area, period: caseload.period,
                                       numerator: caseload.numerator ?? 0, denominator: bundled.residents,
                                       source: "\(plansSource); population 0-25: \(bundled.table) (year not stated)")
            }
            return IndicatorResult(indicatorID: Self.rateIndicator, laCode: area, period: caseload.period,
                unavailable: "no population aged 0-25 for \(area) (the bundled table has none; import ONS mid-year estimates)")
        }
    }

    /// A 3-digit LA code (England and regions are keyed by their 9-character codes).
    static func isLA(_ code: String) -> Bool { code.count == 3 && code.allSatisfy(\.isNumber) }

    /// The sum of measures, nil when one of them is not a published number.
    static func sum(_ measures: [String], _ values: [String: Double]) -> Double? {
        var total = 0.0
        for measure in measures {
            guard let value = values[measure] else { return nil }
            total += value
        }
        return total
    }

    /// EES `202324` is the census period 2023/24; `2024` the calendar year.
    static func period(_ time: String, _ type: PeriodType) -> Period? {
        guard time.allSatisfy(\.isNumber) else { return nil }
        switch (type, time.count) {
        case (.census, 6): return Period(type: .census, label: "\(time.prefix(4))/\(time.suffix(2))")
        case (.calendar, 4): return Period(type: .calendar, label: time)
        default: return nil
        }
    }

    /// A row of the table's totals: its breakdown equals its breakdown topic (or it has none).
    static func isTotalRow(_ dimensions: String) -> Bool {
        var topic: Substring?
        var breakdown: Substring?
        for part in dimensions.split(separator: ";") {
            let pair = part.trimmingPrefix(" ").split(separator: "=", maxSplits: 1)
            guard pair.count == 2 else { continue }
            if pair[0] == "breakdown_topic" { topic = pair[1] }
            if pair[0] == "breakdown" { breakdown = pair[1] }
        }
        return topic == breakdown
    }
}
