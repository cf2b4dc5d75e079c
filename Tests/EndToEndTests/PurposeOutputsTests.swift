import Foundation
import HubTestSupport
import InputFiles
import Testing

/// Purposes and opt-in (docs/governance.md, "Purposes"): an LA that has not opted in to a purpose
/// is absent from that purpose's report, workbook, CSV and JSON, and each says so; and returns kept
/// at different levels of minimisation are not compared.
@Suite(.serialized) struct PurposeOutputsTests {
    static let config = """
        purposes:
          benchmarking: { opted_in: ["800"] }
          forecasting: { opted_in: ["800", "801"] }

        """
    static let notice = "Left out of this output (not opted in to the purpose 'benchmarking', Benchmarking across the group, "
        + "under the data-sharing agreement): 801. None of their figures is shown or counted in any total."

    /// A hub holding the 2025 returns of LAs 800 and 801, with `config` as hub.yaml.
    static func hub(config: String = Self.config) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        _ = try folder.write("hub.yaml", config)
        #expect(try runHub(["init", "--no-published"], in: folder.path).status == 0)
        let imported = try runHub(["import", "--config", "hub.yaml"] + ["800", "801"].map {
            "\(packageRoot)/Datasets/fixtures/sen2-\($0)-2025.xml"
        }, in: folder.path)
        #expect(imported.status == 0, "\(imported.errors)")
        return folder
    }

    @Test func anLANotOptedInIsLeftOutOfThePurposesOutputsAndEachSaysSo() throws {
        let folder = try Self.hub()
        defer { folder.remove() }
        let config = ["--config", "hub.yaml"]

        let csv = try runHub(["indicators", "--format", "csv", "--indicator", "ehcp_caseload"] + config, in: folder.path)
        #expect(csv.status == 0, "\(csv.errors)")
        #expect(csv.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] } == ["800"])
        #expect(csv.errors == Self.notice + "\n")
        // Forecasting: both opted in, both shown, nothing said.
        let forecasting = try runHub(["indicators", "--format", "csv", "--indicator", "ehcp_caseload", "--purpose", "forecasting"]
                                     + config, in: folder.path)
        #expect(forecasting.output.split(separator: "\n").dropFirst().map { $0.split(separator: ",")[1] } == ["800", "801"])
        #expect(forecasting.errors.isEmpty)

        let json = try runHub(["compare", "--la", "800", "--format", "json", "--peers", "england"] + config, in: folder.path)
        #expect(json.status == 0, "\(json.errors)")
        #expect(!json.output.contains("\"801\""))
        #expect(json.errors == Self.notice + "\n")
        let refused = try runHub(["compare", "--la", "801"] + config, in: folder.path)
        #expect(refused.status == 2)
        #expect(refused.errors.hasPrefix("hnhub: LA 801 has not opted in to the purpose 'benchmarking'"))
        let unknown = try runHub(["indicators", "--purpose", "marketing"] + config, in: folder.path)
        #expect(unknown.status == 2)
        #expect(unknown.errors.contains("the config's purposes do not include 'marketing' (configured: benchmarking, forecasting)"))

        let report = try runHub(["report", "--out", "report.html"] + config, in: folder.path)
        #expect(report.status == 0, "\(report.errors)")
        #expect(report.output.hasSuffix(Self.notice + "\n"))
        let html = try String(contentsOfFile: folder.file("report.html"), encoding: .utf8)
        #expect(html.contains("<strong>Purpose:</strong> Left out of this output (not opted in to the purpose &#39;benchmarking&#39;")
                || html.contains("<strong>Purpose:</strong> Left out of this output (not opted in to the purpose 'benchmarking'"))
        #expect(html.contains("from 1 SEN2 returns of 1 LAs"))
        #expect(!html.contains("(801)"))

        let export = try runHub(["export", "--xlsx", "w.xlsx"] + config, in: folder.path)
        #expect(export.status == 0, "\(export.errors)")
        let archive = try ZipArchive(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.file("w.xlsx")))), name: "w.xlsx")
        let strings = String(decoding: try archive.contents(of: "xl/sharedStrings.xml"), as: UTF8.self)
        #expect(strings.contains("None of their figures is shown or counted in any total."))
        #expect(!strings.contains("(801)") && !strings.contains(">801<"))
        let withAll = try runHub(["export", "--xlsx", "all.xlsx", "--purpose", "forecasting"] + config, in: folder.path)
        #expect(withAll.status == 0)
        let all = try ZipArchive(bytes: [UInt8](try Data(contentsOf: URL(fileURLWithPath: folder.file("all.xlsx")))), name: "all.xlsx")
        #expect(String(decoding: try all.contents(of: "xl/sharedStrings.xml"), as: UTF8.self).contains(">801<"))
    }

    @Test func aChangedLevelOfMinimisationIsFlaggedAndMixedLevelsAreNotCompared() throws {
        let folder = try Self.hub(config: "")
        defer { folder.remove() }
        _ = try folder.write("coarse.yaml", "minimisation: { birth_date: school-year, postcode: area }\n")
        let imported = try runHub(["import", "--config", "coarse.yaml", "\(packageRoot)/Datasets/fixtures/sen2-800-2024.xml"],
                                  in: folder.path)
        #expect(imported.output.contains("note: this return was kept at school year of birth, postcode area, other current "
                                         + "returns at birth month, postcode district (LAs 800, 801): their figures will not be compared"))
        let returns = try runHub(["returns", "--json"], in: folder.path)
        #expect(returns.output.contains("\"minimisation\" : \"birth:school-year postcode:area\""))
        let compare = try runHub(["compare", "--la", "800"], in: folder.path)
        #expect(compare.status == 2)
        #expect(compare.errors == "hnhub: the current SEN2 returns were kept at different levels of minimisation (birth month, "
                + "postcode district: 800, 801; school year of birth, postcode area: 800), so their figures are not comparable: set one "
                + "level under minimisation in the config and run hnhub reprocess --all (docs/governance.md, \"Minimisation\")\n")
        #expect(try runHub(["report", "--out", "r.html"], in: folder.path).status == 2)
        // Back on one level, they are compared again.
        #expect(try runHub(["reprocess", "--config", "coarse.yaml", "--all"], in: folder.path).status == 0)
        #expect(try runHub(["compare", "--la", "800"], in: folder.path).status == 0)
    }
}
