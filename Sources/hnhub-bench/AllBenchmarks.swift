import ArgumentParser

/// `hnhub-bench all`: the three figures docs/benchmarks.md holds the hub to, one after the other on the same
/// generated set: import (persons/s, peak RSS), indicators (< 1 s) and the report (< 2 s).
struct AllBenchmarks: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "all", abstract: "Import, indicators and report benchmarks in turn (the default).")

    @OptionGroup var data: BenchDataOptions

    func run() throws {
        var importing = try ImportBenchmark.parse([])
        importing.data = data
        try importing.run()
        var indicators = try IndicatorBenchmark.parse([])
        indicators.data = data
        try indicators.run()
        var report = try ReportBenchmark.parse([])
        report.data = data
        try report.run()
    }
}
