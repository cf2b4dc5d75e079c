import Foundation
import HubTestSupport
import Testing

/// The demo set as a new user meets it: the commands `hnhub demo` prints run one after the other
/// and work, and the committed `Datasets/demo` loads into a hub in one import and compares the
/// four authorities as a group.
@Suite(.serialized) struct DemoQuickStartTests {
    @Test func theCommandsTheDemoPrintsRunOneAfterTheOther() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        let demo = try runHub(["demo", "--out", folder.path("demo"), "--las", "800,801", "--persons", "60",
                              "--years", "2", "--with-errors"])
        #expect(demo.status == 0, "\(demo.errors)")
        #expect(demo.output.contains("wrote \(folder.path("demo"))/population-ons-mid-year.csv: population aged 0-25"))
        #expect(demo.output.contains("intended breaches"))
        let next = demo.output.components(separatedBy: "\nnext:\n").last?.split(separator: "\n")
            .map { $0.trimmingCharacters(in: .whitespaces) } ?? []
        #expect(next.count == 7)
        #expect(next.first == "hnhub init --config \(folder.path("demo"))/hub.yaml --db \(folder.path("demo"))/hub.sqlite")
        for command in next {
            let words = command.split(separator: " ").map(String.init)
            #expect(words.first == "hnhub")
            let run = try runHub(Array(words.dropFirst()))
            // Importing a set with errors quarantines persons (status 1); validating the header
            // breaches finds the Year 2022 return unusable (status 2).
            let expected: Set<Int32> = words[1] == "import" ? [1] : words[1] == "validate" ? [2] : [0]
            #expect(expected.contains(run.status), "\(command): \(run.errors)")
        }
    }

    @Test func theCommittedSetLoadsAndComparesTheGroup() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        let hub = ["--config", "Datasets/demo/hub.yaml", "--db", folder.path("hub.sqlite")]
        #expect(try runHub(["init"] + hub).status == 0)
        let imported = try runHub(["import"] + hub + ["Datasets/demo"])
        #expect(imported.status == 0, "\(imported.errors)")
        #expect(imported.output.components(separatedBy: "0 quarantined, 0 errors, 0 warnings").count - 1 == 12)

        let rates = try runHub(["indicators"] + hub + ["--group", "demo-partnership", "--indicator", "ehcp_rate_0_25",
                                                      "--format", "json"])
        #expect(rates.status == 0, "\(rates.errors)")
        let all = try #require(try JSONSerialization.jsonObject(with: Data(rates.output.utf8)) as? [[String: Any]])
        // The years before the demo's returns come from the published tables.
        let values = all.filter { $0["source"] as? String == "returns" }
        #expect(values.count == 12)
        #expect(all.count - values.count == 4 * 4)
        // Rates around England's (rising over the years), none a tie: each LA's population is its own.
        let rateValues = try values.map { try #require($0["value"] as? Double) }
        #expect(rateValues.allSatisfy { $0 > 250 && $0 < 550 }, "\(rateValues)")
        #expect(Set(rateValues).count == rateValues.count)
        let compare = try runHub(["compare"] + hub + ["--la", "800", "--peers", "group:demo-partnership"])
        #expect(compare.status == 0, "\(compare.errors)")
        #expect(compare.output.contains("group:demo-partnership"))
        // Rank is over all LAs whatever the peer set; the footnote says which is which.
        #expect(compare.output.contains("rank and band: among all LAs in England with a value (1 = best), whichever --peers; "
                                        + "group:demo-partnership median: among the peer set only"))

        // England and the South West are the published tables' (bundled, loaded by init), not the
        // four demo LAs; 800 is ranked among all 153 LAs where the DfE has published the year.
        let json = try runHub(["compare"] + hub + ["--la", "800", "--format", "json"])
        let lines = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [[String: Any]])
        let timeliness = try #require(lines.first { $0["indicator"] as? String == "timeliness_20wk_incl" })
        #expect(timeliness["period"] as? String == "2024")
        #expect(timeliness["ranked_count"] as? Int == 153)
        let england = try #require(timeliness["england"] as? [String: Any])
        #expect([england["numerator"] as? Double, england["denominator"] as? Double] == [41448, 90392])
        #expect(england["source"] as? String == "published: timeliness_20_week_2019_2024")
        let region = try #require(timeliness["region"] as? [String: Any])
        #expect([region["name"] as? String, region["source"] as? String]
                == ["South West", "published: timeliness_20_week_2019_2024"])
        #expect([region["numerator"] as? Double, region["denominator"] as? Double] == [2767, 8919])
        // 2024/25 placements are not published yet: said so, not the four LAs' total.
        let special = try #require(lines.first { $0["indicator"] as? String == "special_school_share" })
        #expect((special["england"] as? [String: Any])?["note"] as? String
                == "England: no figure for 2024/25 (published for 2018/19 to 2023/24 only; LA figures for 4 of 153 LAs)")
        #expect(special["ranked_count"] as? Int == 4)
        let overlaps = try runHub(["returns"] + hub + ["--overlaps"])
        #expect(overlaps.status == 0)
        #expect(overlaps.output.split(separator: "\n").count > 10)
    }
}
