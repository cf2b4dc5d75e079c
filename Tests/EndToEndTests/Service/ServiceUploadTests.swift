import Foundation
import HTTPTypes
import HubService
import HubStore
import HubTestSupport
import Hummingbird
import HummingbirdTesting
import Testing

extension ServiceSuites {
    /// Uploads: streamed to disk, checked by content, imported in the background through the normal
    /// pipeline (one file, one transaction), findings shown by rule with line numbers.
    @Suite(.serialized) struct ServiceUploadTests {
        /// 801's 2025 fixture with every person's sex code broken: each is quarantined.
        static func brokenReturn() throws -> String {
            try ServiceFixture.returnText("sen2-801-2025.xml", [("<Sex>M</Sex>", "<Sex>Q</Sex>"), ("<Sex>F</Sex>", "<Sex>Q</Sex>")])
        }

        @Test func anUploadIsImportedAndItsFindingsAreListedByRuleWithLines() async throws {
            let fixture = try ServiceFixture()
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let bea = try #require(try await client.signIn("bea"))
                let response = try await client.upload(try Self.brokenReturn(), named: "sen2-801-2025-fixed.xml", as: bea)
                #expect(response.status == .seeOther)
                let location = try #require(response.headers[.location])
                #expect(location.hasPrefix("/uploads/"))
                await fixture.service.settle()
                let page = String(buffer: try await client.get(location, as: bea).body)
                let store = try Store(path: fixture.storePath)
                let entry = try #require(try ImportLedger(database: store.database).entries().first)
                #expect(entry.sourceName == "sen2-801-2025-fixed.xml")
                #expect((entry.laCode, entry.records, entry.quarantined) == ("801", 0, 7))
                #expect(page.contains("<strong>Imported</strong>: stored as import #\(entry.id): 0 persons, 7 quarantined, 7 errors"))
                #expect(page.contains("ERROR</span> SEN2-CODE-SEX: 7 findings"))
                let lines = try store.database.rows("SELECT line FROM validation_issues WHERE import_id = ? AND rule_id = 'SEN2-CODE-SEX'",
                                                    [.integer(entry.id)]).compactMap { $0[0].int }
                #expect(lines.count == 7)
                for line in lines { #expect(page.contains("<td class=\"num\">\(line)</td>"), "line \(line) is not listed") }
                // The upload's folder is gone once imported.
                #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.service.setup.uploadsFolder).isEmpty)
            }
            await fixture.service.settle()
            let uploads = try ServiceAudit(database: Store(path: fixture.storePath).database).newest(action: "upload")
            #expect(uploads.count == 1 && uploads[0].username == "bea" && uploads[0].target?.contains("LA 801 2025") == true)
            await fixture.stop()
        }

        @Test func anAnalystCannotLoadAnotherLAsReturnAndNothingIsStored() async throws {
            let fixture = try ServiceFixture()
            let before = try ImportLedger(database: Store(path: fixture.storePath).database).entries(dataset: nil).count
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let bea = try #require(try await client.signIn("bea"))
                let other = try ServiceFixture.returnText("sen2-801-2025.xml", [("<LEA>801</LEA>", "<LEA>802</LEA>")])
                let response = try await client.upload(other, named: "sen2-802-2025.xml", as: bea)
                #expect(response.status == .forbidden)
                #expect(String(buffer: response.body).contains("this return is for LA 802; an analyst of LA 801 uploads that LA&#39;s returns only"))
                // Reference data is the admin's to load.
                let establishments = try String(contentsOfFile: "\(packageRoot)/Datasets/demo/establishments.csv", encoding: .utf8)
                #expect(try await client.upload(establishments, named: "establishments.csv", as: bea).status == .forbidden)
            }
            await fixture.service.settle()
            #expect(try ImportLedger(database: Store(path: fixture.storePath).database).entries(dataset: nil).count == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.service.setup.uploadsFolder).isEmpty)
            await fixture.stop()
        }

        @Test func hostileUploadsGetAClearRefusal() async throws {
            let fixture = try ServiceFixture { $0.maxUploadBytes = 30_000 }
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let cal = try #require(try await client.signIn("cal"))
                // Not a file the hub imports, whatever its name says.
                let text = try await client.upload("just some text, not a return", named: "sen2-800-2025.xml", as: cal)
                #expect(text.status == .unsupportedMediaType)
                #expect(String(buffer: text.body).contains("is not a SEN2 return or another data set the hub imports"))
                // A broken XML file is refused with where it breaks, and nothing is stored.
                let broken = try await client.upload("<?xml version=\"1.0\"?><Message><Header>", named: "cut.xml", as: cal)
                #expect([415, 422].contains(Int(broken.status.code)))
                // Over the limit (this fixture's: 30 kB).
                let big = try ServiceFixture.returnText("sen2-800-2025.xml") + String(repeating: "<!-- padding -->\n", count: 2_000)
                let tooLarge = try await client.upload(big, named: "big.xml", as: cal)
                #expect(tooLarge.status == .contentTooLarge)
                #expect(String(buffer: tooLarge.body).contains("An upload is at most"))
                // A path in the file name never becomes a path on the server.
                let sneaky = try await client.upload(try ServiceFixture.returnText("sen2-800-2025.xml", [("2025-02-01T09:00:00", "2025-02-02T09:00:00")]),
                                                     named: "../../../etc/passwd.xml", as: cal)
                #expect(sneaky.status == .seeOther)
                // A form that is not multipart, and an API upload that is JSON, are refused.
                var headers = cal.headers
                headers[.contentType] = "application/json"
                headers[HTTPField.Name("X-CSRF-Token")!] = cal.csrf!
                let json = try await client.execute(uri: "/api/v1/uploads", method: .post, headers: headers, body: ByteBuffer(string: "{\"file\": [1, 2"))
                #expect(json.status == .unsupportedMediaType)
                #expect(json.headers[.contentType] == "application/problem+json")
                let form = try await client.post("/upload", as: cal, form: "file=x")
                #expect(form.status == .unsupportedMediaType)
                // And the server goes on serving.
                #expect(try await client.get("/compare", as: cal).status == .ok)
            }
            await fixture.service.settle()
            let store = try Store(path: fixture.storePath)
            let newest = try #require(try ImportLedger(database: store.database).entries().first)
            #expect(newest.sourceName == "passwd.xml")
            #expect(try UploadJobs(database: store.database).jobs(la: nil).map(\.fileName) == ["passwd.xml"])
            #expect(try FileManager.default.contentsOfDirectory(atPath: fixture.service.setup.uploadsFolder).isEmpty)
            await fixture.stop()
        }

        @Test func twoLAsUploadingAtOnceWhileReportsAreReadLoseNothing() async throws {
            let fixture = try ServiceFixture()
            let old800 = try fixture.importID(la: "800", year: 2025)
            let old801 = try fixture.importID(la: "801", year: 2025)
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let cal = try #require(try await client.signIn("cal"))
                let bea = try #require(try await client.signIn("bea"))
                let return800 = try ServiceFixture.returnText("sen2-800-2025.xml", [("<SerialNo>001</SerialNo>", "<SerialNo>002</SerialNo>")])
                let return801 = try ServiceFixture.returnText("sen2-801-2025.xml", [("<SerialNo>001</SerialNo>", "<SerialNo>002</SerialNo>")])
                async let first = client.upload(return800, named: "sen2-800-2025.xml", as: cal)
                async let second = client.upload(return801, named: "sen2-801-2025.xml", as: bea)
                var reports: [HTTPResponse.Status] = []
                for _ in 0..<10 { reports.append(try await client.get("/report?la=800", as: cal).status) }
                #expect(try await first.status == .seeOther)
                #expect(try await second.status == .seeOther)
                #expect(reports.allSatisfy { $0 == .ok })
            }
            await fixture.service.settle()
            let ledger = ImportLedger(database: try Store(path: fixture.storePath).database)
            let new800 = try fixture.importID(la: "800", year: 2025), new801 = try fixture.importID(la: "801", year: 2025)
            #expect(new800 > old800 && new801 > old801)
            #expect(try ledger.entry(id: old800)?.supersededBy == new800)
            #expect(try ledger.entry(id: old801)?.supersededBy == new801)
            #expect(try ledger.entry(id: new800)?.records == 8)
            #expect(try ledger.entry(id: new801)?.records == 7)
            // The figures served are the new imports' (the shelf was refreshed).
            #expect(fixture.service.figuresVersion > 1)
            await fixture.stop()
        }

        @Test func aScriptUploadsWithATokenAndFollowsTheJob() async throws {
            let fixture = try ServiceFixture()
            let token = try APITokens(database: Store(path: fixture.storePath).database).create(userID: 3, label: "nightly").value   // cal
            let app = Application(router: fixture.service.router())
            try await app.test(.router) { client in
                let script = Visitor(token: token)
                var headers = script.headers
                headers[.contentType] = "application/xml"
                let text = try ServiceFixture.returnText("sen2-800-2025.xml", [("<SerialNo>001</SerialNo>", "<SerialNo>003</SerialNo>")])
                let response = try await client.execute(uri: "/api/v1/uploads?name=sen2-800-2025.xml", method: .post, headers: headers,
                                                        body: ByteBuffer(string: text))
                #expect(response.status == .accepted)
                let location = try #require(response.headers[.location])
                await fixture.service.settle()
                let job = try JSONSerialization.jsonObject(with: Data(buffer: try await client.get(location, as: script).body)) as? [String: Any]
                let upload = try #require(job?["upload"] as? [String: Any])
                #expect(upload["state"] as? String == "imported")
                #expect(upload["la_code"] as? String == "800")
                #expect(upload["file_name"] as? String == "sen2-800-2025.xml")
            }
            await fixture.stop()
        }
    }
}
