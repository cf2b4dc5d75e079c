import Comparison
import ComparisonTables
import Exports
import Foundation
import HubKit
import HubTestSupport
import Testing

/// The indicators and compare outputs of `hnhub`, on the bundled fixture returns.
@Suite struct ExportCommandTests {
    func hnhub(_ arguments: [String], in folder: String) throws -> String {
        try runHub(arguments, in: folder).output
    }

    /// LA 800: 4 children with a plan in January 2024, 5 in January 2025; LA 801: 4 in 2025. Without
    /// the published tables (`init --no-published`) the hub holds 2 of the 15 South West LAs: no
    /// region or England figure, and the reason instead.
    @Test func theFixtureStoreGivesTheseExactLines() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let db = ["--db", "hub.sqlite"]
        _ = try hnhub(["init", "--no-published"] + db, in: folder.path)
        _ = try hnhub(["import"] + db + ["sen2-800-2024.xml", "sen2-800-2025.xml", "sen2-801-2025.xml"]
            .map { "\(packageRoot)/Datasets/fixtures/\($0)" }, in: folder.path)

        #expect(try hnhub(["indicators", "--format", "csv", "--indicator", "ehcp_caseload"] + db, in: folder.path) == """
            indicator,la_code,period,value,numerator,denominator,unit,polarity,unavailable_reason,source
            ehcp_caseload,800,2023/24,c,c,,count,none,,returns
            ehcp_caseload,800,2024/25,c,c,,count,none,,returns
            ehcp_caseload,801,2024/25,c,c,,count,none,,returns

            """)
        #expect(try hnhub(["indicators", "--format", "csv", "--indicator", "ehcp_caseload", "--la", "800", "--own"] + db,
                          in: folder.path) == """
            indicator,la_code,period,value,numerator,denominator,unit,polarity,unavailable_reason,source
            ehcp_caseload,800,2023/24,4,4,,count,none,,returns
            ehcp_caseload,800,2024/25,5,5,,count,none,,returns

            """)
        let json = try hnhub(["indicators", "--format", "json", "--indicator", "ehcp_caseload", "--period", "2024/25"] + db,
                             in: folder.path)
        #expect(json == """
            [{"denominator":null,"indicator":"ehcp_caseload","la_code":"800","numerator":null,"period":"2024/25","polarity":"none","source":"returns","suppressed":true,"unit":"count","value":null},\
            {"denominator":null,"indicator":"ehcp_caseload","la_code":"801","numerator":null,"period":"2024/25","polarity":"none","source":"returns","suppressed":true,"unit":"count","value":null}]

            """)

        let compare = try hnhub(["compare", "--la", "800", "--peers", "region", "--period", "2024/25", "--format", "csv"] + db,
                                in: folder.path).split(separator: "\n").map(String.init)
        #expect(compare.first == ComparisonCSV.header.joined(separator: ","))
        let missing = "South West,,,,South West: no figure for 2024/25 (no published table gives it; LA figures for 2 of 15 LAs),,,,England: no figure for 2024/25 (no published table gives it; LA figures for 2 of 153 LAs),"
        #expect(compare.contains("ehcp_caseload,EHC plans at the census date,2024/25,count,none,800,c,c,,true,returns,,0,,region,1,,,0,\(missing),false"))
        let own = try hnhub(["compare", "--la", "800", "--own", "--peers", "region", "--period", "2024/25", "--format", "csv"] + db,
                            in: folder.path)
        #expect(own.contains("\nehcp_caseload,EHC plans at the census date,2024/25,count,none,800,5,5,,false,returns,,0,,region,1,,,0,\(missing)1,false\n"))
    }
}
