import Comparison
import DisclosureAudit
import Foundation
import HubKit
import HubTestSupport
import Testing
@testable import Report
@testable import Scoping

/// `hnhub scope-centre` on the committed demo set, as a commissioner runs it.
@Suite struct ScopeCentreCommandTests {
    @Test func aCommissionerScopesTheDemoSet() throws {
        let folder = try DemoScratchFolder()
        defer { folder.remove() }
        let hub = ["--config", "Datasets/demo/hub.yaml", "--db", folder.path("hub.sqlite")]
        #expect(try runHub(["init"] + hub).status == 0)
        #expect(try runHub(["import"] + hub + ["Datasets/demo"]).status == 0)
        let scope = hub + ["--group", "demo-partnership", "--needs", "ASD,SEMH", "--simulations", "100"]

        let run = try runHub(["scope-centre"] + scope + ["--site", "365000,168000", "--format", "json", "--out", folder.path("out")])
        #expect(run.status == 0, "\(run.errors)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        let cohort = try #require(json["cohort"] as? [[String: Any]])
        #expect(cohort.map { $0["la"] as? String } == ["800", "801", "802", "803", "group demo-partnership"])
        // The demo LAs' small counts show as c to everyone; the group's cohort shows.
        #expect(cohort.contains { $0.values.contains { $0 as? String == "c" } })
        #expect(cohort.last?["children_in_scope"] is Int)
        let options = try #require(json["options"] as? [[String: Any]])
        #expect(options.map { $0["capacity"] as? Int } == [24, 40, 60])
        #expect(options.allSatisfy { ($0["years"] as? [Any])?.count == 5 && $0["break_even_year"] != nil })
        #expect((json["sensitivity"] as? [Any])?.count == 6)
        #expect((json["assumptions"] as? [[String: Any]])?.contains { $0["name"] as? String == "fee" && $0["default"] as? Bool == true } == true)
        #expect(json["coverage"] is [Any])
        let html = try folder.text("out/scope.html")
        #expect(html.contains("<svg") && html.contains("Shareable view"))
        #expect(try folder.bytes("out/scope.xlsx").prefix(2) == Data("PK".utf8))
        #expect(try folder.text("out/scope_cohort.csv").hasPrefix("LA,name,children in scope,"))

        // An LA's own view shows its own counts whole; a site given by URN is found in the register.
        let own = try runHub(["scope-centre"] + scope + ["--site", "880000", "--la", "800", "--own", "--format", "json"])
        #expect(own.status == 0, "\(own.errors)")
        let ownJSON = try #require(try JSONSerialization.jsonObject(with: Data(own.output.utf8)) as? [String: Any])
        let row800 = try #require((ownJSON["cohort"] as? [[String: Any]])?.first)
        #expect(row800.values.allSatisfy { !($0 as? String == "c") })
        #expect((ownJSON["site"] as? String)?.hasPrefix("URN 880000 ") == true)

        // Bad input: exit 2 and a message that says what to do.
        for (arguments, message) in [
            (["--group", "nowhere", "--needs", "HI", "--site", "880000"], "no group named 'nowhere' in the config (groups: demo-partnership)"),
            (["--group", "demo-partnership", "--needs", "HI", "--site", "999999"],
             "--site: URN 999999 is not in the establishment register (import the GIAS file, or give --site EASTING,NORTHING)"),
            (["--group", "demo-partnership", "--needs", "XYZ", "--site", "880000"],
             "--needs: 'XYZ' is not a SEN2 need code (use ASD, DS, HI, MLD, MSI, OTH, PD, PMLD, SEMH, SLCN, SLD, SPLD, VI)"),
            (["--group", "demo-partnership", "--needs", "HI", "--site", "880000", "--age", "16-11"],
             "'16-11' is not a range of ages or years: give two whole numbers, e.g. --age 11-16 or --ncy 7-11"),
            (["--group", "demo-partnership", "--needs", "HI", "--site", "880000", "--capacity", "0"],
             "--capacity: '0' is not a list of places above 0 (e.g. 24,40,60)"),
        ] {
            let refused = try runHub(["scope-centre"] + hub + arguments)
            #expect(refused.status == 2)
            #expect(refused.errors == "hnhub: \(message)\n")
        }
    }
}
