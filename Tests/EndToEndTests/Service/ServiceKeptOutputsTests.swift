import Foundation
import HubService
import HubStore
import Hummingbird
import HummingbirdTesting
import Testing

extension ServiceSuites {
    /// Forecasts and scopes are computed once per set of figures and audience, and kept until an
    /// import changes the figures (docs/service.md, "Kept forecasts and scopes"); figures made from
    /// returns kept at different levels of minimisation are refused, as the CLI refuses them.
    @Suite(.serialized) struct ServiceKeptOutputsTests {
        @Test func aSecondIdenticalRequestIsAnsweredFromTheKeptForecastUntilAnImport() async throws {
            let fixture = try ServiceFixture()
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let dee = try #require(try await client.signIn("dee"))
                let cal = try #require(try await client.signIn("cal"))
                #expect(fixture.service.outputComputations == 0)
                let first = try await client.get("/api/v1/forecast", as: dee)
                #expect(first.status == .ok)
                #expect(fixture.service.outputComputations == 1)
                let second = try await client.get("/api/v1/forecast", as: dee)
                #expect(String(buffer: second.body) == String(buffer: first.body))
                // The page of the same scope and audience uses the same forecast.
                #expect(try await client.get("/forecast", as: dee).status == .ok)
                #expect(fixture.service.outputComputations == 1)
                // Another audience of the same LA is another forecast: 800's own view, then as others see it.
                #expect(try await client.get("/api/v1/forecast?la=800&own=1", as: cal).status == .ok)
                #expect(try await client.get("/api/v1/forecast?la=800", as: cal).status == .ok)
                #expect(try await client.get("/api/v1/forecast?la=800", as: dee).status == .forbidden)
                #expect(fixture.service.outputComputations == 3)
                // A refused forecast is not kept: asking again computes again (and is refused again).
                #expect(try await client.get("/api/v1/forecast?la=801", as: cal).status == .notFound)
                #expect(try await client.get("/api/v1/forecast?la=801", as: cal).status == .notFound)
                #expect(fixture.service.outputComputations == 3)

                // An import changes the figures: the kept forecasts go, the next request computes.
                let version = fixture.service.figuresVersion
                let upload = try ServiceFixture.returnText("sen2-800-2025.xml", [("<SerialNo>001</SerialNo>", "<SerialNo>002</SerialNo>")])
                #expect(try await client.upload(upload, named: "sen2-800-2025.xml", as: cal).status == .seeOther)
                await fixture.service.settle()
                #expect(fixture.service.figuresVersion == version + 1)
                #expect(try await client.get("/api/v1/forecast", as: dee).status == .ok)
                #expect(fixture.service.outputComputations == 4)
                #expect(try await client.get("/api/v1/forecast", as: dee).status == .ok)
                #expect(fixture.service.outputComputations == 4)
            }
            await fixture.stop()
        }

        @Test func aSecondIdenticalScopeIsNotComputedAgain() async throws {
            let fixture = try ServiceFixture(demo: true)
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let dee = try #require(try await client.signIn("dee"))
                let uri = "/api/v1/scope?\(ServiceScopeTests.asked)"
                let first = try await client.get(uri, as: dee)
                #expect(first.status == .ok)
                #expect(fixture.service.outputComputations == 1)
                #expect(String(buffer: try await client.get(uri, as: dee).body) == String(buffer: first.body))
                #expect(try await client.get("/scope?\(ServiceScopeTests.asked)", as: dee).status == .ok)
                #expect(fixture.service.outputComputations == 1)
                // Another capacity is another scope.
                #expect(try await client.get(uri + "&capacity=30", as: dee).status == .ok)
                #expect(fixture.service.outputComputations == 2)
            }
            await fixture.stop()
        }

        /// LA 800's returns were kept at a coarser level than 801's: compare, report, workbook,
        /// indicators, forecast and scope are refused with the CLI's reason; returns stay readable.
        @Test func figuresOfMixedMinimisationLevelsAreRefused() async throws {
            let fixture = try ServiceFixture(prepare: { database in
                try database.execute("UPDATE imports SET minimisation = 'birth:year postcode:area' WHERE la_code = '800'")
            })
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let ada = try #require(try await client.signIn("ada"))
                let reason = "The hub cannot show these figures: the current SEN2 returns were kept at different levels of minimisation "
                    + "(birth month, postcode district: 801; birth year, postcode area: 800), so their figures "
                    + "are not comparable: set one level under minimisation in the config and run hnhub reprocess --all "
                    + "(docs/governance.md, \"Minimisation\")."
                for uri in ["/api/v1/indicators", "/api/v1/compare?la=801", "/api/v1/forecast?group=partnership",
                            "/api/v1/scope?group=partnership&needs=ASD&site=365000,168000"] {
                    let response = try await client.get(uri, as: ada)
                    #expect(response.status == .conflict, "\(uri)")
                    let problem = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    #expect(problem?["title"] as? String == "Figures not comparable", "\(uri)")
                    #expect(problem?["detail"] as? String == reason, "\(uri)")
                }
                for uri in ["/compare?la=801", "/report?la=801", "/downloads/workbook.xlsx?la=801", "/forecast?la=800"] {
                    let response = try await client.get(uri, as: ada)
                    #expect(response.status == .conflict, "\(uri)")
                    #expect(String(buffer: response.body).contains("<h1>Figures not comparable</h1>"), "\(uri)")
                }
                #expect(try await client.get("/returns", as: ada).status == .ok)
            }
            await fixture.stop()
        }
    }
}
