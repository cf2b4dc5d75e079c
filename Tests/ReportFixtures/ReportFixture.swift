import CaseloadMetrics
import Foundation
import HubKit
import HubStore
import HubTestSupport
import Report

/// A small store for report tests: a register of six LAs in one region (names with `&` and `<`),
/// a neighbours edition, two periods of the headline indicators, a small count that must show as
/// `c`, and two imported returns with validation findings.
package struct ReportFixture {
    package let folder: TemporaryFolder
    package let store: Store

    package static let focus = "800"
    package static let focusName = "Bath & North <East>"
    package static let names = ["800": focusName, "801": "Bristol, City of", "802": "North Somerset", "803": "South Gloucestershire",
                        "865": "Wiltshire", "866": "Swindon", "330": "Birmingham"]

    package init() throws {
        folder = try TemporaryFolder()
        store = try Store(path: folder.file("hub.sqlite"))
        let db = store.database
        try db.execute("INSERT INTO regions VALUES ('E12000009', 'South West'), ('E12000005', 'West Midlands')")
        for (code, name) in Self.names {
            try db.execute("INSERT INTO local_authorities (la_code, e_code, name, region_code) VALUES (?,?,?,?)",
                           [.text(code), .text("E0600\(code)"), .text(name), .text(code == "330" ? "E12000005" : "E12000009")])
        }
        for (rank, neighbour) in ["801", "802", "330"].enumerated() {
            try db.execute("INSERT INTO statistical_neighbours (edition, la_code, rank, neighbour_la_code) VALUES ('2025-05', '800', ?, ?)",
                           [.integer(Int64(rank + 1)), .text(neighbour)])
        }
        try Self.insertReturns(db)
        try IndicatorTable(database: db).replace(definitions: Self.definitions, results: Self.results(),
                                                 providerID: "test", providerVersion: "1", computedAt: "2025-06-01T00:00:00Z")
    }

    package func remove() { folder.remove() }

    package static func definition(_ id: String, _ unit: IndicatorUnit, _ polarity: Polarity, _ type: PeriodType = .census,
                           denominator: String? = "EHC plans") -> IndicatorDefinition {
        // Laid out (topic, order, headline measure) as the caseload plugin lays out the indicator of that id.
        IndicatorDefinition(id: id, title: "Title of \(id)", unit: unit, polarity: polarity, periodType: type,
                            numerator: "numerator of \(id)", denominator: unit == .count ? nil : denominator, sources: [.sen2Returns],
                            presentation: IndicatorLayout.byID[id] ?? IndicatorPresentation())
    }

    package static let definitions = [
        definition("ehcp_caseload", .count, .none),
        definition("ehcp_rate_0_25", .per10000, .none, denominator: "residents aged 0-25"),
        definition("special_school_share", .percent, .low),
        definition("independent_special_share", .percent, .low),
        definition("out_of_area_share", .percent, .low),
        definition("out_of_area_cost_per_plan", .pounds, .low, denominator: "out-of-area placements costed"),
        definition("timeliness_20wk_incl", .percent, .high, .calendar, denominator: "new plans"),
        definition("need_share_ASD", .percent, .none),
    ]

    /// Every LA has every indicator in 2024/25 (calendar 2024) and 2023/24 (2023), except the rate
    /// (no population) and the focus LA's independent special share in 2024/25, a count of 2.
    package static func results() -> [IndicatorResult] {
        var results: [IndicatorResult] = []
        let codes = names.keys.sorted()
        for (year, census, calendar) in [(2025, Period.census(collectionYear: 2025), Period.calendar(collectionYear: 2025)),
                                         (2024, Period.census(collectionYear: 2024), Period.calendar(collectionYear: 2024))] {
            for (offset, la) in codes.enumerated() {
                let plans = Double(200 + offset * 40 + (year - 2024) * 10)
                func add(_ id: String, _ numerator: Double, _ denominator: Double?, period: Period = census) {
                    results.append(IndicatorResult(indicatorID: id, laCode: la, period: period, numerator: numerator, denominator: denominator))
                }
                add("ehcp_caseload", plans, nil)
                results.append(IndicatorResult(indicatorID: "ehcp_rate_0_25", laCode: la, period: census,
                                               unavailable: "no population for LA \(la) (import a population file)"))
                add("special_school_share", la == focus ? 20 : Double(40 + offset * 7), plans)
                add("independent_special_share", la == focus && year == 2025 ? 2 : Double(10 + offset * 3), plans)
                add("out_of_area_share", Double(12 + offset * 2), plans)
                add("out_of_area_cost_per_plan", Double(600_000 + offset * 90_000), Double(12 + offset * 2))
                add("timeliness_20wk_incl", Double(30 + offset * 5), 60, period: calendar)
                add("need_share_ASD", Double(50 + offset * 4), plans)
            }
        }
        return results
    }

    package static func insertReturns(_ db: Database) throws {
        for (id, la) in [(1, "800"), (2, "801")] {
            try db.execute("""
                INSERT INTO imports (id, dataset, scope, source_name, checksum, input_bytes, importer_id, importer_version,
                    imported_at, la_code, collection_year, census_date, records, quarantined, errors, warnings)
                VALUES (?, 'sen2-return', ?, ?, 'x', 1, 'sen2-xml', '1', '2025-05-01T10:00:00Z', ?, 2025, '2025-01-16', 250, ?, ?, 4)
                """, [.integer(Int64(id)), .text("sen2-return/\(la)/2025"), .text("/home/analyst/returns/sen2-\(la)-2025.xml"),
                      .text(la), .integer(la == "800" ? 2 : 7), .integer(la == "800" ? 2 : 9)])
            try db.execute("""
                INSERT INTO validation_issues (import_id, rule_id, severity, message) VALUES
                    (?, '1520', 'error', 'm'), (?, '1520', 'error', 'm'), (?, '2004Q', 'warning', 'm')
                """, [.integer(Int64(id)), .integer(Int64(id)), .integer(Int64(id))])
        }
    }

    package func report(_ scope: ReportScope, own: Bool = false, groups: [String: [String]] = [:]) throws -> String {
        let data = try ReportData.load(store.database, groups: groups)
        let options = ReportOptions(scope: scope, ownView: own, generatedAt: Date(timeIntervalSince1970: 1_750_000_000))
        return ReportBuilder(data: data, options: options).html()
    }
}
