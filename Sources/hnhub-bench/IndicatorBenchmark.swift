import ArgumentParser
import Foundation
import PluginHost

/// `hnhub-bench indicators`: times `hnhub indicators` computing every indicator on a store of the
/// whole generated set (the target in docs/benchmarks.md: < 1 s for 650,000 persons in 153 returns on 2 cores).
///
/// The store is imported once and kept in the set's cache folder. Each run is the command as a
/// user runs it (`hnhub indicators --db STORE --format csv --timings`, with a config whose metrics
/// folder is the package's `config/metrics`): process start, plugin loading, computing, storing and
/// the CSV.
struct IndicatorBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators", abstract: "Time computing every indicator on a store of the generated set.")

    @OptionGroup var data: BenchDataOptions

    @Option(name: .long, help: "Timed runs (the figures are their medians).")
    var runs = 5

    @Option(name: .long, help: "A hub config for hnhub (e.g. config/hub.example.yaml: its cost bands add the cost indicators).")
    var config: String?

    func run() throws {
        let set = try BenchDataSet.prepare(data, log: log)
        let store = try BenchStoreCache.prepare(set, log: log)
        let hnhub = try HubCommandRun.hnhubExecutable()
        let load = Self.loadAverage()
        let hubConfig = try config ?? Self.metricsOnlyConfig(store: store)
        // One untimed run first: the store's pages in the OS cache, as for a user's second command.
        _ = try HubCommandRun.start(hnhub: hnhub, store: store, config: hubConfig)
        var measured: [HubCommandRun] = []
        for number in 1...max(1, runs) {
            let run = try HubCommandRun.start(hnhub: hnhub, store: store, config: hubConfig)
            log(String(format: "run %d: %.2f s wall, %.2f s CPU", number, run.seconds, run.cpuSeconds))
            measured.append(run)
        }

        let mode = data.mode + (config.map { " with \(($0 as NSString).lastPathComponent)" } ?? "")
        var report = BenchReport(benchmark: "indicators", mode: mode)
        report.add("persons", Double(set.manifest.persons), "persons")
        report.add("returns", Double(set.manifest.returns.count), "files")
        report.add("values", Double(measured[0].values), "values", note: "computed, unavailable ones included")
        report.add("seconds", median(measured.map(\.seconds)), "s",
                   note: "median of \(measured.count) runs of hnhub indicators, wall clock; target < 1 s")
        report.add("fastest_seconds", measured.map(\.seconds).min()!, "s")
        report.add("cpu_seconds", median(measured.map(\.cpuSeconds)), "s", note: "user + system of the command")
        for provider in measured[0].providerSeconds.keys.sorted() {
            report.add("provider_seconds:\(provider)", median(measured.map { $0.providerSeconds[provider] ?? 0 }), "s",
                       note: "as --timings reports it (providers run at the same time)")
        }
        report.add("peak_rss", Double(measured.map(\.peakResident).max() ?? 0) / 1e6, "MB")
        report.add("load_average", load, "", note: "1-minute load before the runs (the machine's other work)")
        report.print()
        print("store: \(store)")
    }

    /// Without --config: a config beside the store that names only the package's `config/metrics`
    /// (run from the package root), so the run computes the example declarative metric. hnhub reads
    /// a metrics folder only through a config (docs/metric-sandbox.md).
    static func metricsOnlyConfig(store: String) throws -> String {
        let metrics = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("config/metrics")
        let path = (store as NSString).deletingPathExtension + "-metrics.yaml"
        try Data("metrics_folder: \(metrics)\n".utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    /// The 1-minute load average (`/proc/loadavg`), or -1 where there is none.
    static func loadAverage() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8),
              let first = text.split(separator: " ").first, let value = Double(first) else { return -1 }
        return value
    }
}

/// The middle value (the mean of the two middle ones for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    guard !sorted.isEmpty else { return 0 }
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}
