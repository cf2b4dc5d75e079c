import ArgumentParser
import DemoData
import Foundation

/// `hnhub-bench forecast`: times `hnhub forecast` as a user runs it (the targets in docs/benchmarks.md, on 2 cores):
///
/// 1. every LA's forecast from its published caseload series, with intervals, setting groups, the
///    regions and England (the DfE tables `hnhub init` loads from Datasets/published: every LA,
///    January 2019-2025): target < 2 s;
/// 2. the person-level breakdown of a 10-LA group with 1,000 simulations (a generated set: 10 LAs,
///    three collection years, imported with `hnhub import`): target < 10 s.
///
/// Each store is made once in a temporary folder with `hnhub init` and `hnhub import`; each timed
/// run is the whole command in a child process (start, reading, forecasting, the CSV).
struct ForecastBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast", abstract: "Time hnhub forecast: every LA's published forecast, and a 10-LA group's breakdown.")

    @Option(name: .long, help: "Timed runs of each (the figures are their medians).")
    var runs = 3

    @Option(name: .customLong("group-las"), help: "LAs in the person-level group.")
    var groupLAs = 10

    @Option(name: .customLong("group-persons"), help: "Persons in the group's latest returns, all LAs together.")
    var groupPersons = 60_000

    @Option(name: .long, help: "Simulations of the person-level forecast.")
    var simulations = 1_000

    @Option(name: .long, help: "Where generated sets are cached.")
    var cache = ".build-bench-data"

    @Option(name: .customLong("la-list"), help: "The LA list.")
    var laList = LocalAuthorityCatalogue.defaultPath

    func run() throws {
        let hnhub = try HubCommandRun.hnhubExecutable()
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("hnhub-bench-forecast-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }
        let load = IndicatorBenchmark.loadAverage()

        // 1. Published series: the bundled tables.
        let published = path("published.sqlite")
        _ = try HubCommandRun.start(hnhub: hnhub, arguments: ["init", "--db", published])
        let publishedArguments = ["forecast", "--db", published, "--format", "csv"]
        _ = try HubCommandRun.start(hnhub: hnhub, arguments: publishedArguments)
        var publishedRuns: [HubCommandRun] = []
        for number in 1...max(1, runs) {
            let run = try HubCommandRun.start(hnhub: hnhub, arguments: publishedArguments)
            log(String(format: "published run %d: %.2f s wall, %.2f s CPU, %d rows", number, run.seconds, run.cpuSeconds, run.values))
            publishedRuns.append(run)
        }

        // 2. A group's person-level breakdown.
        var options = try BenchDataOptions.parse(["--las", String(groupLAs), "--persons-total", String(groupPersons), "--years", "3",
                                                  "--cache", cache, "--la-list", laList])
        options.seed = 1
        let set = try BenchDataSet.prepare(options, log: log)
        let people = path("people.sqlite")
        _ = try HubCommandRun.start(hnhub: hnhub, arguments: ["init", "--db", people])
        let (_, importSeconds) = try timed {
            // The generator gives a few children a duplicate UPN: those are quarantined (status 1).
            _ = try HubCommandRun.start(hnhub: hnhub, arguments: ["import", "--db", people, set.folder], acceptingFindings: true)
        }
        log(String(format: "imported the group's %d persons in %.1f s", set.manifest.persons, importSeconds))
        let members = Array(Set(set.manifest.returns.map(\.laCode))).sorted()
        let config = path("bench.yaml")
        try Data("groups:\n  bench: [\(members.map { "\"\($0)\"" }.joined(separator: ", "))]\n".utf8).write(to: URL(fileURLWithPath: config))
        let groupArguments = ["forecast", "--config", config, "--db", people, "--group", "bench", "--simulations", String(simulations),
                              "--format", "csv"]
        _ = try HubCommandRun.start(hnhub: hnhub, arguments: groupArguments)
        var groupRuns: [HubCommandRun] = []
        for number in 1...max(1, runs) {
            let run = try HubCommandRun.start(hnhub: hnhub, arguments: groupArguments)
            log(String(format: "group run %d: %.2f s wall, %.2f s CPU, %d rows", number, run.seconds, run.cpuSeconds, run.values))
            groupRuns.append(run)
        }

        var report = BenchReport(benchmark: "forecast", mode: "every LA published; \(members.count)-LA group x\(simulations) simulations")
        report.add("published_rows", Double(publishedRuns[0].values), "rows",
                   note: "every LA with a series: 3 years x 3 cases, setting groups, regions, England")
        report.add("published_seconds", median(publishedRuns.map(\.seconds)), "s",
                   note: "median of \(publishedRuns.count) runs of hnhub forecast, wall clock; target < 2 s")
        report.add("published_cpu_seconds", median(publishedRuns.map(\.cpuSeconds)), "s")
        report.add("group_persons", Double(set.manifest.persons), "persons", note: "in the group's returns, 3 years")
        report.add("group_rows", Double(groupRuns[0].values), "rows", note: "need x age band x setting cells, totals, the group")
        report.add("group_seconds", median(groupRuns.map(\.seconds)), "s",
                   note: "median of \(groupRuns.count) runs of hnhub forecast --group, wall clock; target < 10 s")
        report.add("group_cpu_seconds", median(groupRuns.map(\.cpuSeconds)), "s", note: "user + system (both cores)")
        report.add("peak_rss", Double((publishedRuns + groupRuns).map(\.peakResident).max() ?? 0) / 1e6, "MB")
        report.add("load_average", load, "", note: "1-minute load before the runs (the machine's other work)")
        report.print()
    }
}
