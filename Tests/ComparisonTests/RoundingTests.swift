import ComparisonTables
import Foundation
import Testing

/// One rounding rule for every figure shown to people, half away from zero as the DfE rounds, and
/// full precision in CSV and JSON (docs/rounding.md).
@Suite struct RoundingTests {
    @Test func halfWayRoundsAwayFromZero() {
        #expect(NumberText.fixed(6.25, places: 1) == "6.3")
        #expect(NumberText.fixed(-6.25, places: 1) == "-6.3")
        #expect(NumberText.fixed(6.35, places: 1) == "6.4")      // not to even
        #expect(NumberText.fixed(0.05, places: 1) == "0.1")
        #expect(NumberText.fixed(0.04, places: 1) == "0.0")
        #expect(NumberText.fixed(-0.04, places: 1) == "0.0")     // no "-0.0"
        #expect(NumberText.fixed(9.96, places: 1) == "10.0")
        #expect(NumberText.fixed(99.5, places: 0) == "100")
        #expect(NumberText.fixed(1e-7, places: 1) == "0.0")
        #expect(NumberText.fixed(1.5e20, places: 0) == "150000000000000000000")
    }

    /// 2.675 is stored as 2.67499999999999982236431605997495353221893310546875: the rule reads the
    /// value as written in decimal, as a person (or a spreadsheet) sees it.
    @Test func theValueIsRoundedAsWrittenInDecimal() {
        #expect(NumberText.fixed(2.675, places: 2) == "2.68")
        #expect(NumberText.fixed(1.005, places: 2) == "1.01")
        #expect(NumberText.fixed(10.0 / 160 * 100, places: 1) == "6.3")
    }

    @Test func thousandsAreGroupedOnRequest() {
        #expect(NumberText.fixed(1_234_567.25, places: 1, grouped: true) == "1,234,567.3")
        #expect(NumberText.fixed(999.96, places: 1, grouped: true) == "1,000.0")
        #expect(NumberText.fixed(-45_600, places: 0, grouped: true) == "-45,600")
    }

    @Test func textDropsTheDecimalsOfWholeNumbersAndMachinesGetEveryDigit() {
        #expect(NumberText.text(35) == "35")
        #expect(NumberText.text(6.25) == "6.3")
        #expect(NumberText.machine(35) == "35")
        #expect(NumberText.machine(6.25) == "6.25")
        #expect(NumberText.machine(100.0 / 3) == "33.333333333333336")
    }

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
