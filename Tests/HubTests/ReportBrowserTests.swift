import Foundation
import Report
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
}
