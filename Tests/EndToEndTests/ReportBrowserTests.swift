import Foundation
import HubKit
import HubStore
import HubTestSupport
import Report
import ReportFixtures
import Testing

/// Flags every headless run takes: no sandbox or GPU, and no /dev/shm (small in containers).
private let headlessFlags = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--hide-scrollbars",
                             "--no-first-run"]

/// Where headless Chromium is, when it is installed and can render a page here (a container may
/// lack what it needs to start; then the test skips instead of failing on the machine).
private let chromiumPath: String? = {
    guard let path = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return nil }
    let profile = NSTemporaryDirectory() + "hnhub-chromium-check-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: profile) }
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = headlessFlags + ["--user-data-dir=\(profile)", "--dump-dom", "data:text/html,<p>ok</p>"]
    let out = Pipe()
    process.standardOutput = out
    process.standardError = FileHandle.nullDevice
    guard (try? process.run()) != nil else { return nil }
    let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    return process.terminationStatus == 0 && output.contains("<p>ok</p>") ? path : nil
}()

/// The report as a browser renders it: headless Chromium loads the file from disk without console
/// errors, draws a screenshot, prints a PDF, and its DOM holds the charts and tables.
@Suite(.serialized, .enabled(if: chromiumPath != nil, "chromium is not installed or cannot render a page headless here"))
struct ReportBrowserTests {
    struct Run {
        var status: Int32
        var output: String
        var errors: String
    }

    /// Runs Chromium headless on `file` with `arguments` (plus console logging on standard error).
    func chromium(_ arguments: [String], file: String, in folder: TemporaryFolder) throws -> Run {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: chromiumPath!)
        process.arguments = headlessFlags + ["--user-data-dir=\(folder.file("profile"))", "--enable-logging=stderr", "--v=0"]
            + arguments + ["file://\(file)"]
        // Standard error to a file, standard output to a pipe read to its end: neither can fill up.
        let log = folder.file("chromium-\(UUID().uuidString).log")
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let errorFile = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        defer { try? errorFile.close() }
        let out = Pipe()
        process.standardOutput = out
        process.standardError = errorFile
        try process.run()
        let output = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let errors = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
        return Run(status: process.terminationStatus, output: String(decoding: output, as: UTF8.self), errors: errors)
    }

    /// The lines of Chromium's log that report page problems: console messages and uncaught errors.
    func consoleProblems(_ log: String) -> [String] {
        log.split(separator: "\n").map(String.init).filter { $0.contains("CONSOLE") || $0.contains("Uncaught") }
    }

    @Test func chromiumLoadsTheReportWithoutErrorsAndDrawsAndPrintsIt() throws {
        let fixture = try ReportFixture()
        defer { fixture.remove() }
        let folder = fixture.folder
        let file = try folder.write("report.html", try fixture.report(.la(ReportFixture.focus)))

        let dom = try chromium(["--dump-dom"], file: file, in: folder)
        #expect(dom.status == 0)
        #expect(consoleProblems(dom.errors).isEmpty, "console: \(consoleProblems(dom.errors))")
        #expect(dom.output.components(separatedBy: "<svg ").count - 1 == 12, "the DOM lacks the charts")
        #expect(dom.output.contains("<title id=\"bar-special_school_share-title\">"))
        #expect(dom.output.contains("<table class=\"topic\""))
        #expect(dom.output.contains("<th scope=\"col\""))
        #expect(dom.output.contains("<caption>"))

        let png = folder.file("report.png")
        let shot = try chromium(["--screenshot=\(png)", "--window-size=1280,2000"], file: file, in: folder)
        #expect(consoleProblems(shot.errors).isEmpty, "console: \(consoleProblems(shot.errors))")
        let image = try Data(contentsOf: URL(fileURLWithPath: png))
        #expect(image.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        #expect(image.count > 50_000, "a screenshot of \(image.count) bytes is blank or nearly so")

        let pdf = folder.file("report.pdf")
        let printed = try chromium(["--print-to-pdf=\(pdf)", "--no-pdf-header-footer"], file: file, in: folder)
        #expect(consoleProblems(printed.errors).isEmpty, "console: \(consoleProblems(printed.errors))")
        let document = try Data(contentsOf: URL(fileURLWithPath: pdf))
        #expect(document.starts(with: Array("%PDF".utf8)))
        #expect(document.count > 30_000)
    }

    /// Every text of every chart lies inside its chart, as the browser lays it out (the DOM's
    /// getBBox, through each text's transform): end labels of long LA names, reference and value
    /// labels, axis titles; for one LA, a group of ten (drawn as a range) and the whole hub.
    @Test func noChartTextOverflowsItsChart() throws {
        let fixture = try LongNamesFixture()
        defer { fixture.folder.remove() }
        for (name, scope) in [("la", ReportScope.la("800")), ("group", .group(name: "Ten long-named LAs", members: LongNamesFixture.codes)),
                              ("hub", .hub)] {
            let data = try ReportData.load(fixture.store.database)
            let html = ReportBuilder(data: data, options: ReportOptions(scope: scope)).html()
            #expect(html.contains("<svg "), "\(name): no charts")
            let file = try fixture.folder.write("\(name).html", html.replacingOccurrences(of: "</body>", with: Self.measuringScript + "</body>"))
            let dom = try chromium(["--dump-dom"], file: file, in: fixture.folder)
            #expect(dom.status == 0)
            let report = try #require(dom.output.components(separatedBy: "OVERFLOW-START").last?.components(separatedBy: "OVERFLOW-END").first,
                                      "\(name): the measuring script did not run")
            let charts = dom.output.components(separatedBy: "<svg ").count - 1
            #expect(charts >= 11, "\(name): \(charts) charts")
            #expect(report.trimmingCharacters(in: .whitespacesAndNewlines) == "", "\(name): text outside its chart:\n\(report)")
        }
    }

    /// Appended to a copy of the report (the report itself has no scripts): lists every chart text
    /// whose box, mapped into its chart's coordinates, leaves the chart's viewBox.
    static let measuringScript = """
        <script>
        const out = [];
        for (const svg of document.querySelectorAll('svg.chart')) {
          const box = svg.viewBox.baseVal, toChart = svg.getScreenCTM().inverse();
          for (const text of svg.querySelectorAll('text')) {
            const b = text.getBBox(), m = toChart.multiply(text.getScreenCTM());
            const corners = [[b.x, b.y], [b.x + b.width, b.y], [b.x, b.y + b.height], [b.x + b.width, b.y + b.height]]
              .map(([x, y]) => new DOMPoint(x, y).matrixTransform(m));
            const xs = corners.map(p => p.x), ys = corners.map(p => p.y);
            if (Math.min(...xs) < -0.5 || Math.max(...xs) > box.width + 0.5 || Math.min(...ys) < -0.5 || Math.max(...ys) > box.height + 0.5)
              out.push(svg.id + ': "' + text.textContent + '" x ' + Math.min(...xs).toFixed(1) + '..' + Math.max(...xs).toFixed(1)
                + ' of ' + box.width + ', y ' + Math.min(...ys).toFixed(1) + '..' + Math.max(...ys).toFixed(1) + ' of ' + box.height);
          }
        }
        const pre = document.createElement('pre');
        pre.textContent = 'OVERFLOW-START' + out.join('\\n') + 'OVERFLOW-END';
        document.body.appendChild(pre);
        </script>
        """
}
