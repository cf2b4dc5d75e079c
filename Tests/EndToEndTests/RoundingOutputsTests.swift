import ComparisonTables
import Foundation
import HubTestSupport
import Testing

/// Every output of the built `hnhub` rounds one figure the same way.
@Suite struct RoundingOutputsTests {
    /// 10 of 160 is 6.25%: 6.3 in every table, the report and the compare table; 6.25 in CSV and
    /// JSON. The figure comes from a metric written in SQL, on the bundled fixture returns.
    @Test func everyOutputAgreesOnTenOf160() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        try FileManager.default.createDirectory(atPath: folder.file("metrics"), withIntermediateDirectories: true)
        try folder.write("hub.yaml", "database: hub.sqlite\nmetrics_folder: metrics\n")
        try folder.write("metrics/share.yaml", """
            id: sixteenths
            title: Ten of 160
            unit: "%"
            polarity: none
            period_type: census
            numerator: ten
            denominator: 160
            numerator_sql: SELECT la_code, collection_year, 10 FROM current_returns
            denominator_sql: SELECT la_code, collection_year, 160 FROM current_returns
            """)
        let hub = ["--config", "hub.yaml"]
        func run(_ arguments: [String]) throws -> String {
            let run = try runHub(arguments + hub, in: folder.path)
            #expect(run.status == 0, "\(arguments): \(run.errors)")
            return run.output
        }
        _ = try run(["init", "--no-published"])
        _ = try run(["import", "\(packageRoot)/Datasets/fixtures/sen2-800-2025.xml"])
        let own = ["--la", "800", "--own"]

        let table = try run(["indicators", "--indicator", "sixteenths"] + own)
        #expect(table.contains("sixteenths  800  2024/25    6.3         10          160"))
        let csv = try run(["indicators", "--indicator", "sixteenths", "--format", "csv"] + own)
        #expect(csv.contains("\nsixteenths,800,2024/25,6.25,10,160,%,none,,returns\n"))
        let json = try run(["indicators", "--indicator", "sixteenths", "--format", "json"] + own)
        #expect(json.contains("\"value\":6.25"))

        let compare = try run(["compare", "--format", "table"] + own)
        let line = try #require(compare.split(separator: "\n").first { $0.hasPrefix("sixteenths") })
        #expect(line.contains(" 6.3 ") && line.contains("10/160"))
        let compareCSV = try run(["compare", "--format", "csv"] + own)
        #expect(compareCSV.contains("\nsixteenths,Ten of 160,2024/25,%,none,800,6.25,10,160,false,returns,"))

        _ = try run(["report", "--out", "report.html"] + own)
        let html = try String(contentsOfFile: folder.file("report.html"), encoding: .utf8)
        #expect(html.contains(">6.3%<"))
        #expect(!html.contains("6.2%"))
    }
}
