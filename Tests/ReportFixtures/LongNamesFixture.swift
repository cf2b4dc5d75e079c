import Foundation
import HubKit
import HubStore
import HubTestSupport

/// Ten South West LAs with some of the longest names England has, three census and three calendar
/// periods, England and the region published in the earlier years only, with the same figures (so
/// their lines coincide); 809 has no figures in the latest year, so neither has a total then; 800's
/// first special school share is a published one.
package struct LongNamesFixture {
    package let folder: TemporaryFolder
    package let store: Store

    package static let names = [
        "800": "Bath and North East Somerset", "801": "Kingston upon Hull, City of", "802": "Windsor and Maidenhead",
        "803": "South Gloucestershire", "804": "Bournemouth, Christchurch and Poole", "805": "Redcar and Cleveland",
        "806": "North East Lincolnshire", "807": "Brighton and Hove", "808": "Westmorland and Furness",
        "809": "Herefordshire, County of",
    ]
    package static var codes: [String] { names.keys.sorted() }

    package init() throws {
        folder = try TemporaryFolder()
        store = try Store(path: folder.file("hub.sqlite"))
        let db = store.database
        try db.execute("INSERT INTO regions VALUES ('E12000009', 'South West')")
        for (code, name) in Self.names {
            try db.execute("INSERT INTO local_authorities (la_code, e_code, name, region_code) VALUES (?,?,?, 'E12000009')",
                           [.text(code), .text("E06000\(code)"), .text(name)])
        }
        let definitions = ReportFixture.definitions
        var results: [IndicatorResult] = []
        for (step, year) in [2023, 2024, 2025].enumerated() {
            let census = Period.census(collectionYear: year), calendar = Period.calendar(collectionYear: year)
            for (offset, la) in Self.codes.enumerated() where !(la == "809" && year == 2025) {
                let plans = Double(1_800 + offset * 700 + step * 150)
                func add(_ id: String, _ numerator: Double, _ denominator: Double?, period: Period = census, source: String? = nil) {
                    results.append(IndicatorResult(indicatorID: id, laCode: la, period: period, numerator: numerator,
                                                   denominator: denominator, source: source))
                }
                add("ehcp_caseload", plans, nil)
                add("ehcp_rate_0_25", plans, 60_000 + Double(offset) * 9_000)
                // 800's first year of this one comes from a published table (before the hub held its returns).
                add("special_school_share", 300 + Double(offset * 95 + step * 40), plans,
                    source: la == "800" && year == 2023 ? "published: a_table" : nil)
                add("independent_special_share", 90 + Double(offset * 31), plans)
                add("out_of_area_share", 120 + Double(offset * 40), plans)
                add("out_of_area_cost_per_plan", 4_000_000 + Double(offset) * 1_900_000, 60 + Double(offset * 9))
                add("timeliness_20wk_incl", 100 + Double(offset * 45 + step * 20), 600, period: calendar)
            }
            guard year < 2025 else { continue }
            for area in ["E92000001", "E12000009"] {
                func published(_ id: String, _ numerator: Double, _ denominator: Double?, period: Period = census) {
                    results.append(IndicatorResult(indicatorID: id, laCode: area, period: period, numerator: numerator,
                                                   denominator: denominator, source: "published: a_table"))
                }
                published("special_school_share", 180_000, 570_000 + Double(step) * 10_000)
                published("timeliness_20wk_incl", 41_000 + (area == "E92000001" ? 0 : 900), 90_000, period: calendar)
                published("ehcp_rate_0_25", 570_000, 17_000_000)
            }
        }
        try IndicatorTable(database: db).replace(definitions: definitions, results: results, providerID: "test",
                                                 providerVersion: "1", computedAt: "2025-06-01T00:00:00Z")
    }
}
