import HubKit

/// Figures for LAs whose returns the hub does not hold, from published Explore Education
/// Statistics tables (imported with the `ees-table` importer), under the same indicator ids as
/// the hub's own metrics, each marked with its source. So a group of five LAs is still ranked
/// against all of England. An LA and period the hub has a return for keeps the hub's figure.
public final class PublishedFiguresProvider: MetricProvider {
    public static let version = "0.1.0"

    public init() {}

    public var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "published-figures", version: Self.version,
                            summary: "Published EES figures for LAs without returns in the hub (caseload, placements, needs, requests, timeliness)")
    }

    /// It declares no indicators of its own: it fills in those of the caseload and work providers.
    public var indicators: [IndicatorDefinition] { [] }

    /// An indicator as published: measures summed above and below the line.
    struct Mapping {
        var indicator: String
        var periodType: PeriodType
        var numerator: [String]
        var denominator: [String]?
    }

    static let mappings: [Mapping] = {
        func census(_ id: String, _ numerator: [String], _ denominator: [String]? = ["ehcplans"]) -> Mapping {
            Mapping(indicator: id, periodType: .census, numerator: numerator, denominator: denominator)
        }
        var all = [
            census("ehcp_caseload", ["ehcplans"], nil),
            census("mainstream_share", ["mainstream_total"]),
            census("special_school_share", ["special_total"]),
            census("state_special_share", ["special_la_maintained", "special_academy_free"]),
            census("independent_special_share", ["special_independent", "special_non_maintained"]),
            census("post16_fe_share", ["fe_total"]),
            census("ap_share", ["ap_pru_total"]),
            census("educated_elsewhere_share", ["ed_elsewhere"]),
            census("placement_unknown_share", ["placement_unknown"]),
            Mapping(indicator: "requests_received", periodType: .calendar, numerator: ["requests_received_in_year"], denominator: nil),
            Mapping(indicator: "requests_refused_rate", periodType: .calendar, numerator: ["requests_decided_not_to_assess"],
                    denominator: ["requests_received_in_year"]),
            Mapping(indicator: "new_plans", periodType: .calendar, numerator: ["plans_issued_den"], denominator: nil),
            Mapping(indicator: "timeliness_20wk_incl", periodType: .calendar, numerator: ["plans_issued_within_20_weeks"],
                    denominator: ["plans_issued_den"]),
            Mapping(indicator: "timeliness_20wk_excl", periodType: .calendar, numerator: ["plans_issued_20_weeks_ex"],
                    denominator: ["plans_issued_den_ex"]),
        ]
        for need in ["ASD", "HI", "MLD", "MSI", "OTH", "PD", "PMLD", "SEMH", "SLCN", "SLD", "SPLD", "VI"] {
            all.append(census("need_share_\(need)", ["number_\(need.lowercased())"], ["ehc_plans"]))
        }
        all.append(census("need_share_unknown", ["number_need_unknown"], ["ehc_plans"]))
        return all
    }()

    public func compute(in context: any MetricContext) throws -> [IndicatorResult] {
        // Periods the hub's own returns cover, per LA: their figures win.
        var covered = Set<String>()
        try context.query("SELECT la_code, collection_year FROM current_returns", []) { row in
            guard let la = row[0].string, let year = row[1].int else { return }
            covered.insert("\(la)|\(Period.census(collectionYear: year).label)")
            covered.insert("\(la)|\(Period.calendar(collectionYear: year).label)")
        }
        let measures = Set(Self.mappings.flatMap { $0.numerator + ($0.denominator ?? []) })
        // (table, period, la) -> measure -> value, total rows only (breakdown = breakdown_topic).
        var cells: [String: [String: Double]] = [:]
        var tables: [String: String] = [:]
        try context.query("""
            SELECT source_table, time_period, area_code, dimensions, measure, value FROM published_values
            WHERE geographic_level = 'Local authority' AND value IS NOT NULL
              AND measure IN (\(measures.sorted().map { "'\($0)'" }.joined(separator: ",")))
            """, []) { row in
            guard let table = row[0].string, let time = row[1].string, let la = row[2].string,
                  let dimensions = row[3].string, let measure = row[4].string, let value = row[5].double,
                  Self.isTotalRow(dimensions) else { return }
            let key = "\(la)|\(time)|\(table)"
            cells[key, default: [:]][measure] = value
            tables[key] = table
        }
        var results: [IndicatorResult] = []
        for (key, values) in cells.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|").map(String.init)
            let (la, time, table) = (parts[0], parts[1], parts[2])
            for mapping in Self.mappings {
                guard let period = Self.period(time, mapping.periodType), !covered.contains("\(la)|\(period.label)") else { continue }
                guard let numerator = Self.sum(mapping.numerator, values) else { continue }
                let denominator = mapping.denominator.map { Self.sum($0, values) }
                if let denominator, denominator == nil { continue }
                results.append(IndicatorResult(indicatorID: mapping.indicator, laCode: la, period: period,
                                               numerator: numerator, denominator: denominator ?? nil,
                                               source: "published: \(table)"))
            }
        }
        return results
    }

    /// All the measures are published as numbers (no symbol).
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
