import Foundation
import Governance
import HubService
import HubStore
import Hummingbird
import HummingbirdTesting
import Testing

extension ServiceSuites {
    /// The scoping page and `/api/v1/scope` (docs/service.md, "Scoping"): each audience gets what
    /// `hnhub scope-centre --format json` gives it; bad values are 400 naming the field; a group the
    /// config lacks is refused as a group the asker may not see.
    @Suite(.serialized) struct ServiceScopeTests {
        static let asked = "needs=ASD,SEMH&site=365000,168000"
        static let cliAsked = ["--needs", "ASD,SEMH", "--site", "365000,168000", "--format", "json"]

        /// The service's answer without what it adds to the CLI's JSON.
        static func cliPart(_ answer: [String: Any]) -> NSDictionary {
            answer.filter { !["own_la", "left_out", "purpose_notice"].contains($0.key) } as NSDictionary
        }

        /// An analyst of 800 gets 800's own view (the CLI's `--la 800 --own`), the admin and the
        /// group's viewer the shared view, each exactly the CLI's JSON.
        @Test func eachAudienceGetsTheCLIsScope() async throws {
            let fixture = try ServiceFixture(demo: true)
            let hub = try ServiceDisclosureTests.cli(fixture)
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let cases: [(String, String, [String], String?)] = [
                    ("cal", "", ["--la", "800", "--own"], "800"),
                    ("ada", "&group=partnership", [], nil),
                    ("dee", "", [], nil),
                    ("bea", "&own=0", [], nil),
                ]
                for (who, query, arguments, ownLA) in cases {
                    let visitor = try #require(try await client.signIn(who))
                    let served = try await client.get("/api/v1/scope?\(Self.asked)\(query)", as: visitor)
                    #expect(served.status == .ok, "\(who): \(String(buffer: served.body).prefix(300))")
                    let answer = try #require(try JSONSerialization.jsonObject(with: Data(buffer: served.body)) as? [String: Any])
                    let run = try runHub(["scope-centre"] + hub + ["--group", "partnership"] + Self.cliAsked + arguments)
                    #expect(run.status == 0, "\(run.errors)")
                    let expected = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? NSDictionary)
                    #expect(Self.cliPart(answer) == expected, "\(who) \(query)")
                    #expect(answer["own_la"] as? String == ownLA)
                    #expect(answer["left_out"] as? [String] == [])
                    #expect(answer["purpose_notice"] is NSNull)
                }
                // The page shows the same tables, with the audience said.
                let cal = try #require(try await client.signIn("cal"))
                let page = String(buffer: try await client.get("/scope?\(Self.asked)", as: cal).body)
                #expect(page.contains("<h2>Scope of a centre for partnership (ASD, SEMH), site grid reference 365000,168000</h2>"))
                #expect(page.contains("<strong>Own view:</strong> LA 800's own figures are unsuppressed."))
                #expect(page.contains("<caption>Children in scope at the 2024/25 census, by LA</caption>"))
                let form = String(buffer: try await client.get("/scope", as: cal).body)
                #expect(form.contains("<label for=\"needs\">Needs</label>") && !form.contains("<h2>Scope of a centre"))
            }
            await fixture.service.settle()
            // Every scope served is in the audit log.
            let logged = try ServiceAudit(database: try Store(path: fixture.storePath).database).newest(action: "scope", limit: 10)
            #expect(logged.count == 5)
            #expect(logged.contains {
                $0.username == "cal" && $0.target == "group partnership needs ASD,SEMH site grid reference 365000,168000 (own view of LA 800)"
            })
            await fixture.stop()
        }

        /// Bad values are 400 with the field named, before anything is read; a group the config
        /// lacks is 403 as a group outside the asker's reach (only the admin learns it is missing).
        @Test func badValuesAndUnknownGroups() async throws {
            let fixture = try ServiceFixture { $0.config.groups["north"] = ["330", "331"] }
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let bea = try #require(try await client.signIn("bea"))
                for (query, field, detail) in [
                    ("needs=XYZ&site=1,2", "needs", "needs: 'XYZ' is not a SEN2 need code (use ASD, DS, HI, MLD, MSI, OTH, PD, PMLD, SEMH, SLCN, SLD, SPLD, VI)"),
                    ("site=1,2", "needs", "needs: give at least one SEN2 need code, e.g. --needs HI,VI,MSI"),
                    ("needs=HI&site=1,2&ages=16-11", "ages",
                     "ages: '16-11' is not a range of ages: two whole numbers from 0 to 25, the first not above the second (e.g. 11-16)"),
                    ("needs=HI&site=here", "site",
                     "site: 'here' is neither a URN nor EASTING,NORTHING in metres on the British National Grid (e.g. 358000,173000)"),
                    ("needs=HI&site=1,2&capacity=0", "capacity", "capacity: '0' is not a list of places above 0 (e.g. 24,40,60)"),
                    ("needs=HI&site=1,2&conversion=2", "conversion", "conversion: '2' is not a list of shares above 0 and at most 1 (e.g. 0.3,0.5,0.7)"),
                    ("needs=HI&site=1,2&max_km=-3", "max_km", "max_km: '-3' is not a distance in km above 0 (e.g. 30)"),
                    ("needs=HI&site=1,2&from_settings=moon", "from_settings",
                     "from_settings: 'moon' is not a setting (use mainstream, state-special, independent, ap, post16, elsewhere, early-years, "
                     + "none, unclassified, out-of-area, outside-group)"),
                    ("needs=HI&site=1,2&la=80", "la", "la: la takes a 3-digit DfE LA code, e.g. 801 (got '80')"),
                    ("needs=HI&site=1,2&own=maybe", "own", "own: 'maybe' is not 1 or 0"),
                ] {
                    let response = try await client.get("/api/v1/scope?\(query)", as: bea)
                    #expect(response.status == .badRequest, "\(query)")
                    let problem = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    #expect(problem?["field"] as? String == field, "\(query)")
                    #expect(problem?["detail"] as? String == detail, "\(query)")
                }
                // The same answer for a group that exists without the analyst's LA and for none.
                let theirs = try await client.get("/api/v1/scope?group=north&needs=HI&site=1,2", as: bea)
                let none = try await client.get("/api/v1/scope?group=nowhere&needs=HI&site=1,2", as: bea)
                #expect(theirs.status == .forbidden && none.status == .forbidden)
                #expect(String(buffer: theirs.body) == String(buffer: none.body))
                let dee = try #require(try await client.signIn("dee"))
                let deeTheirs = try await client.get("/scope?group=north&needs=HI&site=1,2", as: dee)
                let deeNone = try await client.get("/scope?group=nowhere&needs=HI&site=1,2", as: dee)
                #expect(deeTheirs.status == .forbidden && String(buffer: deeTheirs.body) == String(buffer: deeNone.body))
                let ada = try #require(try await client.signIn("ada"))
                #expect(try await client.get("/api/v1/scope?group=nowhere&needs=HI&site=1,2", as: ada).status == .notFound)
            }
            await fixture.stop()
        }

        /// 802 has not opted in to centre scoping: it is left out of the scope and listed; its own
        /// view is refused.
        @Test func onlyMembersOptedInToCentreScopingAreRead() async throws {
            let fixture = try ServiceFixture(demo: true) {
                $0.config.purposes = PurposeRegister(purposes: [Purpose(id: "benchmarking", optedIn: ["800", "801", "802", "803"]),
                                                                Purpose(id: "forecasting", optedIn: ["800", "801", "802", "803"]),
                                                                Purpose(id: "centre-scoping", optedIn: ["800", "801", "803"])])
            }
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let dee = try #require(try await client.signIn("dee"))
                let served = try await client.get("/api/v1/scope?\(Self.asked)", as: dee)
                #expect(served.status == .ok)
                let answer = try #require(try JSONSerialization.jsonObject(with: Data(buffer: served.body)) as? [String: Any])
                #expect((answer["cohort"] as? [[String: Any]])?.map { $0["la"] as? String } == ["800", "801", "group partnership"])
                #expect(answer["left_out"] as? [String] == ["802"])
                let ada = try #require(try await client.signIn("ada"))
                let own802 = try await client.get("/api/v1/scope?\(Self.asked)&la=802&own=1", as: ada)
                #expect(own802.status == .forbidden)
                #expect(String(buffer: own802.body).contains("Left out of centre scoping"))
            }
            await fixture.stop()
        }
    }
}
