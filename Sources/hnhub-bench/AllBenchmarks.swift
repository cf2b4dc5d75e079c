import ArgumentParser

/// `hnhub-bench all`: the three figures issue 7 holds the hub to, one after the other on the same
/// generated set: import (persons/s, peak RSS), indicators (< 1 s) and the report (< 2 s).
struct AllBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all", abstract: "Import, indicators and report benchmarks in turn (the default).")

    @Flag(name: .customLong("single-file"), help: "Import the set as one big return.")
    var singleFile = false

    func run() throws {
        let data = singleFile ? ["--single-file"] : []
        var importing = try ImportBenchmark.parse(data)
        try importing.run()
        var indicators = try IndicatorBenchmark.parse(data)
        try indicators.run()
        var report = try ReportBenchmark.parse(data)
        try report.run()
    }
}
