import HubKit

/// Caseload at the census date (indicators.md, "Caseload at the census date D"), computed from the
/// person-level returns with sen2.md's census-date logic: a plan is active at D when
/// StartDate <= D and (no CeaseDate or CeaseDate > D). Each child counts once, however many plans
/// the return lists for them.
public final class CaseloadMetricProvider: MetricProvider {
    public static let version = "0.1.0"

    public init() {}

    public var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "caseload", version: Self.version,
                            summary: "EHC plans active at the January census date, and their growth")
    }

    public static let caseload = IndicatorDefinition(
        id: "ehcp_caseload", title: "EHC plans at the census date", unit: .count, polarity: .none,
        periodType: .census,
        numerator: "children with an EHC plan active at the census date (StartDate <= D, no CeaseDate or CeaseDate > D)",
        denominator: nil, sources: [.sen2Returns])

    public static let growth = IndicatorDefinition(
        id: "ehcp_growth_1y", title: "Growth in EHC plans over one year", unit: .percent, polarity: .none,
        periodType: .census,
        numerator: "plans at D minus plans at D one year earlier",
        denominator: "plans at D one year earlier", sources: [.sen2Returns])

    public var indicators: [IndicatorDefinition] { [Self.caseload, Self.growth] }

    public func compute(in context: any MetricContext) throws -> [IndicatorResult] {
        // Every current return, with its count of active plans (zero when it has none).
        let rows = try context.rows("""
            SELECT r.la_code, r.collection_year,
                   (SELECT COUNT(DISTINCT p.person_id) FROM current_plans p
                    WHERE p.import_id = r.import_id
                      AND p.start_date <= r.census_date
                      AND (p.cease_date IS NULL OR p.cease_date > r.census_date))
            FROM current_returns r
            ORDER BY r.la_code, r.collection_year
            """)
        var caseload: [String: [Int: Double]] = [:]
        for row in rows {
            guard let la = row[0].string, let year = row[1].int, let count = row[2].double else { continue }
            caseload[la, default: [:]][year] = count
        }
        var results: [IndicatorResult] = []
        for (la, years) in caseload.sorted(by: { $0.key < $1.key }) {
            for (year, plans) in years.sorted(by: { $0.key < $1.key }) {
                let period = Period.census(collectionYear: year)
                results.append(IndicatorResult(indicatorID: Self.caseload.id, laCode: la, period: period,
                                               numerator: plans, denominator: nil))
                if let previous = years[year - 1] {
                    results.append(IndicatorResult(indicatorID: Self.growth.id, laCode: la, period: period,
                                                   numerator: plans - previous, denominator: previous))
                } else {
                    results.append(IndicatorResult(indicatorID: Self.growth.id, laCode: la, period: period,
                        unavailable: "no return for \(Period.census(collectionYear: year - 1).label) in the hub"))
                }
            }
        }
        return results
    }
}
