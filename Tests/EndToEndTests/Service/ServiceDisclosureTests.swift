import Comparison
import ComparisonTables
import DisclosureAudit
import Foundation
import Governance
import HubConfig
import HubService
import HubStore
import HubTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

extension ServiceSuites {
    /// The service hides what the CLI hides, for the same audience (docs/disclosure-control.md):
    /// both read the hub's one pattern, so no page, download or API answer together with a CLI
    /// output reveals a count either hides.
    @Suite(.serialized) struct ServiceDisclosureTests {
        /// The CLI's view of the fixture's store: its config (the fixture's groups) and database.
        static func cli(_ fixture: ServiceFixture, extra: String = "") throws -> [String] {
            let groups = ServiceFixture.groups.map { "  \($0.key): [\($0.value.map { "\"\($0)\"" }.joined(separator: ", "))]" }
            let config = try fixture.folder.write("hub.yaml", "metrics_folder: \(packageRoot)/config/metrics\ngroups:\n"
                                                  + groups.joined(separator: "\n") + "\n" + extra)
            return ["--config", config, "--db", fixture.storePath]
        }

        @Test func compareDownloadsAreTheCLIsForEachAudience() async throws {
            let fixture = try ServiceFixture(demo: true)
            let hub = try Self.cli(fixture)
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                // who, the download's query, hnhub compare's arguments
                let cases: [(String, String, [String])] = [
                    ("bea", "la=800&peers=group:partnership", ["--la", "800", "--peers", "group:partnership"]),
                    ("bea", "la=801&own=1&peers=neighbours", ["--la", "801", "--own", "--peers", "neighbours"]),
                    ("cal", "la=801&peers=region", ["--la", "801", "--peers", "region"]),
                    ("cal", "la=800&own=1&peers=england", ["--la", "800", "--own", "--peers", "england"]),
                    ("dee", "la=801&peers=group:partnership", ["--la", "801", "--peers", "group:partnership"]),
                ]
                var hiddenSeen = 0
                for (who, query, arguments) in cases {
                    let visitor = try #require(try await client.signIn(who))
                    let served = try await client.get("/downloads/compare.csv?" + query, as: visitor)
                    #expect(served.status == .ok)
                    let run = try runHub(["compare"] + hub + arguments + ["--format", "csv"])
                    #expect(run.status == 0, "\(run.errors)")
                    #expect(String(buffer: served.body) == run.output, "\(who) \(query)")
                    let rows = run.output.split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false) }
                    let suppressed = try #require(rows.first?.firstIndex(of: "suppressed"))
                    hiddenSeen += rows.dropFirst().filter { $0.count > suppressed && $0[suppressed] == "true" }.count
                }
                #expect(hiddenSeen > 0, "the fixture has figures the CLI hides")
            }
            await fixture.stop()
        }

        @Test func theReportIsTheCLIsForTheSameAudience() async throws {
            let fixture = try ServiceFixture(demo: true)
            let hub = try Self.cli(fixture)
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                for (who, query, arguments) in [("bea", "la=800", ["--la", "800"]), ("cal", "la=800&own=1", ["--la", "800", "--own"]),
                                                ("dee", "group=partnership", ["--group", "partnership"])] {
                    let visitor = try #require(try await client.signIn(who))
                    let served = try await client.get("/report?" + query, as: visitor)
                    #expect(served.status == .ok)
                    let out = fixture.folder.file("report-\(who).html")
                    let run = try runHub(["report"] + hub + arguments + ["--out", out])
                    #expect(run.status == 0, "\(run.errors)")
                    // Only the minute it was made may differ.
                    func timeless(_ text: String) -> String {
                        text.replacingOccurrences(of: #"at \d\d:\d\d UTC"#, with: "at HH:MM UTC", options: .regularExpression)
                    }
                    let written = try String(contentsOfFile: out, encoding: .utf8)
                    #expect(written.count > 50_000 && written.contains(">c<"))
                    #expect(timeless(String(buffer: served.body)) == timeless(written), "\(who) \(query)")
                }
            }
            await fixture.stop()
        }

        @Test func theWorkbookIsTheCLIsForTheSameAudience() async throws {
            let fixture = try ServiceFixture(demo: true)
            let hub = try Self.cli(fixture)
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                for (who, query, arguments) in [("bea", "la=800", ["--la", "800"]), ("bea", "la=801&own=1", ["--la", "801", "--own"]),
                                                ("dee", "group=partnership", ["--group", "partnership"])] {
                    let visitor = try #require(try await client.signIn(who))
                    let served = try await client.get("/downloads/workbook.xlsx?" + query, as: visitor)
                    #expect(served.status == .ok)
                    let out = fixture.folder.file("workbook-\(who).xlsx")
                    let run = try runHub(["export"] + hub + arguments + ["--xlsx", out])
                    #expect(run.status == 0, "\(run.errors)")
                    let written = try Data(contentsOf: URL(fileURLWithPath: out))
                    #expect(written.count > 10_000)
                    #expect(Data(buffer: served.body) == written, "\(who) \(query): the service's workbook differs from hnhub export's")
                }
            }
            await fixture.stop()
        }

        /// Everything an analyst of 801 can fetch about the others, from every figure route of the
        /// API, shows no figure the hub's pattern (computed here as the CLI computes it) hides.
        @Test func nothingAnAnalystFetchesShowsAFigureThePatternHides() async throws {
            let fixture = try ServiceFixture(demo: true)
            let database = try Store(path: fixture.storePath).database
            let snapshot = try IndicatorSnapshot.load(database)
            let geography = try LAGeography.loadAll(database, groups: ServiceFixture.groups)
            let pattern = SuppressionPattern.compute(Audience.disclosureInput(snapshot, geography: geography, control: DisclosureControl()))
            #expect(!pattern.hidden.isEmpty)
            let app = Application(router: fixture.service.router())
            let (shown, markedHidden) = try await app.test(.router) { client -> (Set<FigureKey>, Set<FigureKey>) in
                var shown = Set<FigureKey>()
                var markedHidden = Set<FigureKey>()
                let bea = try #require(try await client.signIn("bea"))
                func json(_ uri: String) async throws -> [String: Any] {
                    let response = try await client.get(uri, as: bea)
                    #expect(response.status == .ok, "\(uri)")
                    return try #require(try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any])
                }
                let periods = Set(snapshot.definitions.flatMap { snapshot.periods(of: $0.id) }).sorted()
                for period in [nil] + periods.map(Optional.some) {
                    let suffix = period.map { "&period=" + ($0.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "") } ?? ""
                    for query in ["", "group=partnership", "la=800", "la=802"] {
                        let answer = try await json("/api/v1/indicators?" + query + suffix)
                        for value in answer["values"] as? [[String: Any]] ?? []
                        where value["suppressed"] as? Bool == false && value["numerator"] is Double {
                            shown.insert(FigureKey(indicator: value["indicator"] as! String, period: value["period"] as! String,
                                                   unit: value["la_code"] as! String))
                        }
                        for total in answer["totals"] as? [[String: Any]] ?? [] where total["name"] as? String == "partnership" {
                            let key = FigureKey(indicator: total["indicator"] as! String, period: total["period"] as! String,
                                                unit: TotalKey.group("partnership"))
                            if total["suppressed"] as? Bool == true {
                                #expect(total["numerator"] is NSNull && total["value"] is NSNull)
                                markedHidden.insert(key)
                            } else {
                                shown.insert(key)
                            }
                        }
                    }
                    for la in ["800", "802"] {
                        for peers in ["england", "group:partnership"] {
                            for line in try await json("/api/v1/compare?la=\(la)&peers=\(peers)" + suffix)["lines"] as? [[String: Any]] ?? [] {
                                if let focus = line["la"] as? [String: Any], focus["suppressed"] as? Bool == false, focus["numerator"] is Double {
                                    shown.insert(FigureKey(indicator: line["indicator"] as! String, period: line["period"] as! String, unit: la))
                                }
                            }
                        }
                    }
                }
                return (shown, markedHidden)
            }
            #expect(shown.count > 20)
            let leaked = shown.intersection(pattern.hidden)
            // The group totals the pattern hides are each listed as suppressed (the CLI's c).
            #expect(markedHidden == pattern.hidden.filter { $0.unit == TotalKey.group("partnership") })
            #expect(leaked.isEmpty, "801's analyst sees hidden figures: \(leaked.sorted().prefix(3))")
            await fixture.stop()
        }

        /// 802 has not opted in to benchmarking: the served report, workbook, compare and indicators
        /// leave it out and say so, and stay byte for byte what `hnhub report` and `export` make
        /// from the same config (docs/governance.md, "Purposes").
        @Test func theServedHubLeavesOutLAsNotOptedInToBenchmarkingAsTheCLIDoes() async throws {
            let purposes = PurposeRegister(purposes: [Purpose(id: "benchmarking", optedIn: ["800", "801", "803"]),
                                                      Purpose(id: "forecasting", optedIn: ["800", "801"])])
            let fixture = try ServiceFixture(demo: true) { $0.config.purposes = purposes }
            let hub = try Self.cli(fixture, extra: "purposes:\n  benchmarking: { opted_in: [\"800\", \"801\", \"803\"] }\n"
                                   + "  forecasting: { opted_in: [\"800\", \"801\"] }\n")
            let notice = "Left out of this output (not opted in to the purpose 'benchmarking', Benchmarking across the group, under the data-sharing "
                + "agreement): 802. None of their figures is shown or counted in any total."
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let dee = try #require(try await client.signIn("dee"))
                let report = try await client.get("/report?group=partnership", as: dee)
                #expect(report.status == .ok)
                let out = fixture.folder.file("report-left-out.html")
                let run = try runHub(["report"] + hub + ["--group", "partnership", "--out", out])
                #expect(run.status == 0, "\(run.errors)")
                func timeless(_ text: String) -> String {
                    text.replacingOccurrences(of: #"at \d\d:\d\d UTC"#, with: "at HH:MM UTC", options: .regularExpression)
                }
                let html = String(buffer: report.body)
                #expect(timeless(html) == timeless(try String(contentsOfFile: out, encoding: .utf8)))
                #expect(html.contains(notice.replacingOccurrences(of: "'", with: "&#39;")))
                #expect(html.contains("id=\"panel-801\"") && !html.contains("id=\"panel-802\""))

                let workbook = try await client.get("/downloads/workbook.xlsx?group=partnership", as: dee)
                let xlsx = fixture.folder.file("workbook-left-out.xlsx")
                #expect(try runHub(["export"] + hub + ["--group", "partnership", "--xlsx", xlsx]).status == 0)
                #expect(Data(buffer: workbook.body) == (try Data(contentsOf: URL(fileURLWithPath: xlsx))))

                let api = try await client.get("/api/v1/indicators?group=partnership", as: dee)
                let answer = try #require(try JSONSerialization.jsonObject(with: Data(buffer: api.body)) as? [String: Any])
                let codes = Set((answer["values"] as? [[String: Any]] ?? []).compactMap { $0["la_code"] as? String })
                #expect(codes == ["800", "801"])
                #expect(answer["left_out"] as? [String] == ["802"])
                #expect(answer["purpose_notice"] as? String == notice)

                let cal = try #require(try await client.signIn("cal"))
                let compare = try await client.get("/compare?la=800&peers=group:partnership", as: cal)
                #expect(String(buffer: compare.body).contains("under the data-sharing agreement): 802. None of their figures is shown"))
                for uri in ["/compare?la=802", "/report?la=802", "/downloads/workbook.xlsx?la=802", "/api/v1/indicators?la=802"] {
                    let refused = try await client.get(uri, as: cal)
                    #expect(refused.status == .forbidden, "\(uri)")
                }
            }
            await fixture.stop()
        }
    }
}
