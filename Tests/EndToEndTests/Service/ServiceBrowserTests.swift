import Foundation
import HubService
import Hummingbird
import HummingbirdTesting
import Testing

/// Headless Chromium, where it is installed and can start here.
private let browserPath: String? = {
    ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"].first { FileManager.default.isExecutableFile(atPath: $0) }
}()

extension ServiceSuites {
    /// One real session in a browser against the live service: sign in, upload a return, read its
    /// findings, compare, the report, download the workbook, scope a centre, sign out. With HNHUB_SCREENSHOTS set to a
    /// folder (scripts/make_service_screenshots), a screenshot of each page is saved there.
    @Suite(.serialized, .enabled(if: browserPath != nil, "chromium is not installed"))
    struct ServiceBrowserTests {
        @Test func anAnalystsSessionInABrowser() async throws {
            let fixture = try ServiceFixture { $0.secureCookies = true }
            let screenshots = ProcessInfo.processInfo.environment["HNHUB_SCREENSHOTS"] ?? fixture.folder.file("screenshots")
            try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
            let downloads = fixture.folder.file("downloads")
            try FileManager.default.createDirectory(atPath: downloads, withIntermediateDirectories: true)
            let upload = fixture.folder.file("sen2-801-2025.xml")
            try ServiceFixture.returnText("sen2-801-2025.xml", [("<Sex>M</Sex>", "<Sex>Q</Sex>")]).write(toFile: upload, atomically: true, encoding: .utf8)
            let app = fixture.service.application(host: "127.0.0.1", port: 0)
            try await app.test(.live) { client in
                let base = "http://127.0.0.1:\(try #require(client.port))"
                try await Task.detached {
                    let browser: DevToolsBrowser
                    do {
                        browser = try DevToolsBrowser(chromium: browserPath!, profile: fixture.folder.file("profile"), downloads: downloads)
                    } catch {
                        // A container without what Chromium needs to start: nothing to test here.
                        print("ServiceBrowserTests: chromium cannot start headless here: \(error)")
                        return
                    }
                    func shot(_ name: String) throws {
                        try browser.screenshot().write(to: URL(fileURLWithPath: (screenshots as NSString).appendingPathComponent("service-\(name).png")))
                    }
                    try browser.open("\(base)/")
                    #expect(browser.location == "/sign-in?next=%2F")
                    try shot("sign-in")
                    try browser.submit("""
                        document.getElementById('username').value = 'bea';
                        document.getElementById('password').value = '\(ServiceFixture.password)';
                        document.querySelector('form[action="/sign-in"]').submit();
                        """)
                    #expect(browser.location == "/")
                    #expect(browser.text.contains("Signed in as an analyst of Bristol"))
                    try shot("start")

                    try browser.open("\(base)/upload")
                    try shot("upload")
                    try browser.choose(file: upload, in: "#file")
                    try browser.submit("document.querySelector('form[action=\"/upload\"]').submit()")
                    #expect(browser.location.hasPrefix("/uploads/"))
                    // The page refreshes itself until the import has finished.
                    var waited = 0
                    while !browser.text.contains("Findings by rule") && waited < 240 {
                        try await Task.sleep(for: .milliseconds(500))
                        waited += 1
                    }
                    #expect(browser.text.contains("Imported: stored as import"))
                    #expect(browser.text.contains("ERROR SEN2-CODE-SEX: 4 findings"))
                    try shot("upload-findings")

                    try browser.open("\(base)/compare?la=801&own=1")
                    #expect(browser.text.contains("Own view: Bristol, City of's figures are unsuppressed"))
                    try shot("compare")
                    try browser.open("\(base)/report")
                    #expect((try browser.evaluate("document.title") as? String)?.hasPrefix("Bristol, City of") == true)
                    #expect((try browser.evaluate("document.querySelectorAll('svg').length") as? Int ?? 0) > 0)
                    try shot("report")

                    try browser.open("\(base)/downloads")
                    try shot("downloads")
                    try browser.evaluate("document.querySelector('a[href^=\"/downloads/workbook.xlsx?la=801&own=1\"]').click()")
                    let name = try browser.waitForDownload()
                    #expect(name == "hnhub-la-801-own.xlsx")
                    let workbook = try Data(contentsOf: URL(fileURLWithPath: (downloads as NSString).appendingPathComponent(name)))
                    #expect(workbook.starts(with: [0x50, 0x4B, 0x03, 0x04]))

                    // Scoping a centre for the analyst's group: the form, then its own view.
                    try browser.open("\(base)/scope")
                    try browser.submit("""
                        document.getElementById('needs').value = 'ASD,SEMH';
                        document.getElementById('site').value = '365000,168000';
                        document.querySelector('form[action="/scope"]').submit();
                        """)
                    #expect(browser.location.hasPrefix("/scope?group=partnership&needs=ASD%2CSEMH"))
                    #expect(browser.text.contains("Own view: LA 801's own figures are unsuppressed"))
                    #expect(browser.text.contains("Children in scope at the"))
                    // A field the keyboard reaches shows its focus.
                    #expect(try browser.evaluate("document.getElementById('needs').focus(); getComputedStyle(document.activeElement).outlineStyle") as? String == "solid")
                    try shot("scope")

                    try browser.submit("document.querySelector('form.sign-out').submit()")
                    #expect(browser.location == "/sign-in")
                    try browser.open("\(base)/returns")
                    #expect(browser.location == "/sign-in?next=%2Freturns")
                }.value
            }
            await fixture.service.settle()
            await fixture.stop()
        }
    }
}
