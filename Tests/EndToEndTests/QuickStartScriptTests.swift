import Foundation
import HubTestSupport
import Testing

/// README's first command, `swift build && scripts/quickstart`, on the committed demo set: the
/// script runs end to end and leaves the report, the workbook and the store where it says.
@Suite struct QuickStartScriptTests {
    @Test func theQuickStartScriptWritesTheReportAndTheWorkbook() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let out = folder.path + "/demo"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["\(packageRoot)/scripts/quickstart"]
        var environment = ProcessInfo.processInfo.environment
        environment["HNHUB"] = "\(buildFolder)/hnhub"
        environment["OUT"] = out
        process.environment = environment
        let output = Pipe(), errors = Pipe()
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let printed = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let problems = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()

        #expect(process.terminationStatus == 0, "\(problems)")
        // Twelve returns (four LAs, 2023-2025) and the reference files, with nothing quarantined.
        #expect(printed.components(separatedBy: "0 quarantined, 0 errors, 0 warnings").count - 1 == 12)
        #expect(printed.contains("imported Datasets/demo/establishments.csv"))
        #expect(printed.contains("\nreport:   \(out)/report.html"))
        let report = try String(contentsOfFile: "\(out)/report.html", encoding: .utf8)
        #expect(report.contains("Bath and North East Somerset (800)"))
        #expect(report.components(separatedBy: "<svg").count - 1 >= 6)
        let workbook = try Data(contentsOf: URL(fileURLWithPath: "\(out)/demo-partnership.xlsx"))
        #expect(workbook.prefix(2) == Data("PK".utf8))
        #expect(FileManager.default.fileExists(atPath: "\(out)/hub.sqlite"))
    }
}
