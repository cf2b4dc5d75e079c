import Comparison
import ComparisonTables
import Foundation
import HubKit
import HubStore
import HubTestSupport
import ImportPipeline
import InputFiles
import MetricEngine
import PluginHost
import Pseudonymisation
import ReferenceData
import Testing

/// The national context the hub ships (docs/national-context.md): the bundled published tables in
/// `Datasets/published`, the figures the published-figures metric takes from them for England,
/// regions and LAs, and how England and region rows choose between published, computed and none.
@Suite struct NationalContextTests {
    // MARK: - England and region rows, on figures in memory

    let share = IndicatorDefinition(id: "special_school_share", title: "Plans in special schools", unit: .percent,
                                    polarity: .low, periodType: .census, numerator: "plans in special schools",
                                    denominator: "active plans", sources: [.sen2Returns])

    func figure(_ la: String, _ numerator: Double, _ denominator: Double, source: String? = nil) -> Figure {
        Figure(laCode: la, numerator: numerator, denominator: denominator, value: numerator / denominator * 100, source: source)
    }

    /// A region of three LAs in 2024/25; a fourth (835) closed in 2019, a fifth (838) opened then.
    var geography: LAGeography {
        let south = (code: "E12000009", name: Optional("South West"))
        return LAGeography(regionOf: ["800": south, "801": south, "838": south],
                           register: ["800": .init(regionCode: "E12000009"), "801": .init(regionCode: "E12000009"),
                                      "835": .init(regionCode: "E12000009", to: "2019-03-31"),
                                      "838": .init(regionCode: "E12000009", from: "2019-04-01")])
    }

    @Test func aPublishedTotalWinsOverTheHubsLAs() {
        let snapshot = IndicatorSnapshot(
            definitions: [share],
            figures: ["special_school_share": ["2023/24": [figure("800", 30, 100), figure("801", 10, 50)]]],
            areaFigures: ["special_school_share": ["2023/24": [
                figure("E92000001", 184847, 576474, source: "published: caseload_all_plans_2019_2024"),
                figure("E12000009", 16153, 55707, source: "published: caseload_all_plans_2019_2024"),
            ]]])
        let table = LATable.make(snapshot, indicator: share, period: "2023/24", geography: geography,
                                 audience: Audience(snapshot: snapshot, geography: geography))
        #expect(table.england == AggregateFigure(name: "England", numerator: 184847, denominator: 576474,
                                                 value: 184847.0 / 576474 * 100, laCount: 3,
                                                 source: "published: caseload_all_plans_2019_2024"))
        #expect(table.regions.map(\.numerator) == [16153])
        #expect(table.regions.map(\.source) == ["published: caseload_all_plans_2019_2024"])
        // Areas are never ranked as LAs.
        #expect(table.rows.map(\.figure.laCode) == ["800", "801"])
        #expect(table.rankedCount == 2)
    }

    @Test func withoutAPublishedTotalEveryLAOfTheAreaMustHaveAFigure() {
        let complete = IndicatorSnapshot(definitions: [share], figures: ["special_school_share": ["2024/25": [
            figure("800", 30, 100), figure("801", 10, 50), figure("838", 5, 50),
        ]]])
        // 835 closed before 2024/25: the three LAs in operation are the whole region.
        let table = LATable.make(complete, indicator: share, period: "2024/25", geography: geography,
                                 audience: Audience(snapshot: complete, geography: geography))
        #expect(table.regions.map { [$0.numerator, $0.denominator] } == [[45, 200]])
        #expect(table.regions.first?.source == "computed: total of 3 LAs")

        let partial = IndicatorSnapshot(
            definitions: [share],
            figures: ["special_school_share": ["2024/25": [figure("800", 30, 100), figure("801", 10, 50)]]],
            areaFigures: ["special_school_share": ["2023/24": [figure("E92000001", 1, 2, source: "published: t")]]])
        let missing = LATable.make(partial, indicator: share, period: "2024/25", geography: geography,
                                 audience: Audience(snapshot: partial, geography: geography))
        #expect(missing.england == nil)
        #expect(missing.englandNote == "England: no figure for 2024/25 (published for 2023/24 only; LA figures for 2 of 3 LAs)")
        #expect(missing.regions.isEmpty)
        #expect(missing.regionNotes == ["South West": "South West: no figure for 2024/25 (no published table gives it; LA figures for 2 of 3 LAs)"])
    }

    @Test func periodsAreTakenAtTheCensusOrTheEndOfTheCalendarYear() {
        #expect(AreaTotals.referenceDate(of: "2024/25") == "2025-01-15")
        #expect(AreaTotals.referenceDate(of: "2024") == "2024-12-31")
        #expect(AreaTotals.referenceDate(of: "unstated") == nil)
    }

    // MARK: - The published-figures metric on the bundled tables

    // MARK: - The bundled files against the published ones

    /// Every cell kept in an extract is the published cell; population totals count Cumbria once.
    @Test(.enabled(if: sharedFolder != nil, "the reference data folder is absent (docs/testing.md)"))
    func theExtractsHoldThePublishedCells() throws {
        for name in ["caseload_all_plans_2019_2024", "sen_needs_all_plans_2025", "requests_2019_2024",
                     "assessments_2019_2024", "timeliness_20_week_2019_2024", "ceased_plans_2022_2024"] {
            let extract = try Self.rows("\(packageRoot)/Datasets/published/\(name).csv")
            let source = try Self.rows("\(sharedFolder!)/data/ees/\(name).csv")
            #expect(extract.count == source.count, "\(name)")
            for (ours, theirs) in zip(extract, source) {
                for (column, value) in ours where theirs[column] != value {
                    Issue.record("\(name): \(column) is \(value), published \(theirs[column] ?? "nothing")")
                }
            }
        }
        let population = try Self.rows("\(packageRoot)/Datasets/published/population_0_25.csv")
        let las = population.filter { $0["geographic_level"] == "Local authority" }
        #expect(las.count == 151)   // the 153 LAs in operation but Cumberland and Westmorland and Furness
        #expect(!las.contains { ["942", "943", "909"].contains($0["old_la_code"]) })
        let lasTotal = las.compactMap { Int($0["population_0_25"] ?? "") }.reduce(0, +)
        let england = population.first { $0["geographic_level"] == "National" }.flatMap { Int($0["population_0_25"] ?? "") }
        #expect(england == lasTotal + 128211)   // Cumbria's figure, once
    }

    /// A CSV file as one dictionary per row.
    static func rows(_ path: String) throws -> [[String: String]] {
        let reader = CSVReader(stream: try FileByteStream(path: path))
        guard let header = try reader.next() else { return [] }
        var rows: [[String: String]] = []
        while let row = try reader.next() {
            if row.count == header.count { rows.append(Dictionary(uniqueKeysWithValues: zip(header, row))) }
        }
        return rows
    }
}
