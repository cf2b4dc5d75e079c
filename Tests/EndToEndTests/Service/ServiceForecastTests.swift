import Foundation
import Governance
import HubService
import Hummingbird
import HummingbirdTesting
import Testing

extension ServiceSuites {
    /// The forecast page and `/api/v1/forecast` (docs/service.md, docs/forecasting.md): each
    /// audience gets the rows `hnhub forecast` gives it, only LAs opted in to forecasting appear.
    @Suite(.serialized) struct ServiceForecastTests {
        /// The CLI's rows without its money rows (the service does not project costs yet).
        static func rows(_ text: String) throws -> NSArray {
            let all = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]])
            return all.filter { $0["method"] as? String != "caseload x unit cost; funding from the baseline" } as NSArray
        }

        /// An analyst of 800 sees its own forecast unsuppressed; 801's analyst sees 800's as an
        /// outsider; the group's viewer the members and the group's sum: each the CLI's rows.
        @Test func eachAudienceGetsTheCLIsForecastRows() async throws {
            let fixture = try ServiceFixture(demo: true)
            let hub = try ServiceDisclosureTests.cli(fixture)
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let cases: [(String, String, [String])] = [
                    ("cal", "", ["--la", "800", "--own"]),
                    ("bea", "?la=800", ["--la", "800"]),
                    ("dee", "", ["--group", "partnership"]),
                ]
                var answers: [NSArray] = []
                for (who, query, arguments) in cases {
                    let visitor = try #require(try await client.signIn(who))
                    let served = try await client.get("/api/v1/forecast" + query, as: visitor)
                    #expect(served.status == .ok, "\(who) \(query): \(String(buffer: served.body).prefix(300))")
                    let answer = try #require(try JSONSerialization.jsonObject(with: Data(buffer: served.body)) as? [String: Any])
                    let run = try runHub(["forecast"] + hub + arguments + ["--format", "json"])
                    #expect(run.status == 0, "\(run.errors)")
                    let expected = try Self.rows(run.output)
                    #expect(answer["rows"] as? NSArray == expected, "\(who) \(query)")
                    #expect(answer["left_out"] as? [String] == [])
                    answers.append(expected)
                }
                // The own view shows 800 a figure its outsider view hides.
                func hidden(_ rows: NSArray) -> Int {
                    rows.compactMap { $0 as? [String: Any] }.filter { $0["la_code"] as? String == "800" && $0["value"] is NSNull }.count
                }
                #expect(hidden(answers[0]) == 0 && hidden(answers[1]) > 0)
                #expect(answers[2].contains { ($0 as? [String: Any])?["la_code"] as? String == "group:partnership" })

                let cal = try #require(try await client.signIn("cal"))
                let page = String(buffer: try await client.get("/forecast", as: cal).body)
                #expect(page.contains("<strong>Own view:</strong>"))
                #expect(page.contains("<th scope=\"row\">Bath and North East Somerset (800)</th>"))
                #expect(page.contains("<strong>Accuracy:</strong>"))
            }
            await fixture.stop()
        }

        /// 802 has not opted in to forecasting: the group's forecast leaves it out of its rows and
        /// its sum and says so; a forecast of 802 by name is refused.
        @Test func onlyLAsOptedInToForecastingAreForecast() async throws {
            let fixture = try ServiceFixture(demo: true) {
                $0.config.purposes = PurposeRegister(purposes: [Purpose(id: "benchmarking", optedIn: ["800", "801", "802", "803"]),
                                                                Purpose(id: "forecasting", optedIn: ["800", "801", "803"])])
            }
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let dee = try #require(try await client.signIn("dee"))
                let served = try await client.get("/api/v1/forecast", as: dee)
                #expect(served.status == .ok)
                let answer = try #require(try JSONSerialization.jsonObject(with: Data(buffer: served.body)) as? [String: Any])
                let areas = Set((answer["rows"] as? [[String: Any]] ?? []).compactMap { $0["la_code"] as? String })
                #expect(areas == ["800", "801", "group:partnership"])
                #expect(answer["left_out"] as? [String] == ["802"])
                let notice = "Left out of this output (not opted in to the purpose 'forecasting', Forecasting, under the data-sharing "
                    + "agreement): 802. None of their figures is shown or counted in any total."
                #expect(answer["purpose_notice"] as? String == notice)
                #expect(String(buffer: try await client.get("/forecast", as: dee).body).contains("agreement): 802. None of their figures"))
                let cal = try #require(try await client.signIn("cal"))
                #expect(try await client.get("/api/v1/forecast?la=802", as: cal).status == .forbidden)
                #expect(try await client.get("/forecast?la=802", as: cal).status == .forbidden)
            }
            await fixture.stop()
        }
    }
}
