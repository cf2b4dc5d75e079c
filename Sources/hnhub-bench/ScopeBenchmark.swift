import ArgumentParser
import DemoData
import Foundation

/// `hnhub-bench scope`: times `hnhub scope-centre` as a commissioner runs it (process start, the
/// cohort read from the store, 1,000 simulations per capacity, the sensitivity and the suppression
/// pattern) on a generated 10-LA group (target: under 5 s on 2 cores; docs/benchmarks.md).
struct ScopeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scope", abstract: "Time hnhub scope-centre on a generated 10-LA group with 1,000 simulations.")

    @Option(name: .long, help: "LAs in the group.") var las = 10
    @Option(name: .long, help: "Persons per LA in the latest return.") var persons = 2_000
    @Option(name: .long, help: "Simulations per capacity option.") var simulations = 1_000
    @Option(name: .long, help: "Timed runs (the figures are their medians).") var runs = 3

    func run() throws {
        let hnhub = try HubCommandRun.hnhubExecutable()
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("hnhub-bench-scope-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let catalogue = try LocalAuthorityCatalogue.load()
        let options = DemoOptions(authorities: try catalogue.first(las), persons: .perAuthority(persons), seed: 2025,
                                  years: try DemoOptions.years(latest: 2025, count: 3))
        let (summary, generated) = try timed { try DemoGenerator(options: options, catalogue: catalogue).write(to: folder) }
        log(String(format: "generated %d returns in %.1f s", summary.returns.count, generated))
        let config = (folder as NSString).appendingPathComponent("hub.yaml")
        let store = (folder as NSString).appendingPathComponent("hub.sqlite")
        for arguments in [["init", "--config", config, "--db", store], ["import", "--config", config, "--db", store, folder]] {
            let run = try HubCommandRun.start(hnhub: hnhub, arguments: arguments)
            log(String(format: "hnhub %@: %.1f s", arguments[0], run.seconds))
        }
        // The site: the group's first LA's centre in the demo geography, a typical shared-centre site.
        let centre = DemoGeography.centre(of: options.authorities[0])
        let arguments = ["scope-centre", "--config", config, "--db", store, "--group", summary.groupName ?? "demo-partnership",
                         "--needs", "ASD,SEMH", "--age", "5-15", "--site", "\(centre.easting),\(centre.northing)",
                         "--max-km", "60", "--simulations", String(simulations), "--format", "json"]
        _ = try HubCommandRun.start(hnhub: hnhub, arguments: arguments)   // the store's pages in the OS cache
        var measured: [HubCommandRun] = []
        for number in 1...max(1, runs) {
            let run = try HubCommandRun.start(hnhub: hnhub, arguments: arguments)
            log(String(format: "run %d: %.2f s wall, %.2f s CPU", number, run.seconds, run.cpuSeconds))
            measured.append(run)
        }
        var report = BenchReport(benchmark: "scope", mode: "\(las) LAs x \(persons) persons")
        report.add("seconds", median(measured.map(\.seconds)), "s",
                   note: "median of \(measured.count) runs of hnhub scope-centre, \(simulations) simulations x 3 capacities; target < 5 s")
        report.add("cpu_seconds", median(measured.map(\.cpuSeconds)), "s")
        report.add("peak_rss", Double(HubCommandRun.childrenUsage().peak) / 1e6, "MB")
        report.add("load_average", IndicatorBenchmark.loadAverage(), "", note: "1-minute load before the runs")
        report.print()
    }
}
