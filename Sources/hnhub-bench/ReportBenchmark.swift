import ArgumentParser
import Foundation
import PluginHost

/// `hnhub-bench report`: times `hnhub report` on the kept store of the whole generated set (the target
/// in docs/benchmarks.md: < 2 s), for one LA and for every LA in the hub, as a user runs it: process start, plugin
/// loading, the indicators worked out first, and the HTML written.
struct ReportBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Time writing the HTML report on a store of the generated set.")

    @OptionGroup var data: BenchDataOptions

    @Option(name: .long, help: "Timed runs of each report (the figures are their medians).")
    var runs = 3

    @Option(name: .long, help: "The LA of the one-LA report.")
    var la = "800"

    func run() throws {
        let set = try BenchDataSet.prepare(data, log: log)
        let store = try BenchStoreCache.prepare(set, log: log)
        let hnhub = try HubCommandRun.hnhubExecutable()
        let out = (NSTemporaryDirectory() as NSString).appendingPathComponent("hnhub-bench-report-\(UUID().uuidString).html")
        defer { try? FileManager.default.removeItem(atPath: out) }
        let load = IndicatorBenchmark.loadAverage()
        var report = BenchReport(benchmark: "report", mode: data.mode)
        report.add("persons", Double(set.manifest.persons), "persons")
        for (name, scope) in [("la_\(la)", ["--la", la]), ("all_las", [])] {
            let arguments = ["report", "--db", store, "--out", out] + scope
            _ = try HubCommandRun.start(hnhub: hnhub, arguments: arguments)   // the store's pages in the OS cache
            var measured: [HubCommandRun] = []
            for number in 1...max(1, runs) {
                let run = try HubCommandRun.start(hnhub: hnhub, arguments: arguments)
                log(String(format: "%@ run %d: %.2f s wall, %.2f s CPU", name, number, run.seconds, run.cpuSeconds))
                measured.append(run)
            }
            let bytes = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? NSNumber)?.doubleValue ?? 0
            report.add("seconds:\(name)", median(measured.map(\.seconds)), "s",
                       note: "median of \(measured.count) runs of hnhub report \(scope.joined(separator: " ")), indicators included; target < 2 s")
            report.add("cpu_seconds:\(name)", median(measured.map(\.cpuSeconds)), "s")
            report.add("html_size:\(name)", bytes / 1e6, "MB")
        }
        report.add("peak_rss", Double(HubCommandRun.childrenUsage().peak) / 1e6, "MB")
        report.add("load_average", load, "", note: "1-minute load before the runs (the machine's other work)")
        report.print()
    }
}
