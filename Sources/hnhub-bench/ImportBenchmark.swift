import ArgumentParser
import HubStore
import Foundation
import ImportPipeline

/// `hnhub-bench import`: imports the whole generated set into a fresh store with full validation
/// and pseudonymisation, as `hnhub import` would, and reports throughput, peak memory and store size.
struct ImportBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import", abstract: "Import a generated England-scale set into a fresh store and time it.")

    @OptionGroup var data: BenchDataOptions

    @Flag(name: .customLong("keep-store"), help: "Keep the temporary store (its path is printed).")
    var keepStore = false

    @Option(name: .long, help: "Imports to time, each into a fresh store (the figures are their medians; with more than one, the fastest and slowest are printed too).")
    var runs = 1

    /// What one import into a fresh store measured.
    struct Run {
        var persons = 0, quarantined = 0, errors = 0, warnings = 0
        var seconds = 0.0, cpuSeconds = 0.0, establishmentSeconds = 0.0
        var slowest = (name: "", seconds: 0.0)
        var peakRSS: Int?
        var storeBytes = 0
        var personsPerSecond: Double { Double(persons) / seconds }
    }

    func run() throws {
        let set = try BenchDataSet.prepare(data, log: log)
        var measured: [Run] = []
        for number in 1...max(1, runs) {
            if runs > 1 { log("run \(number) of \(runs)") }
            let result = try importOnce(set, keep: keepStore && number == runs)
            if runs > 1 {
                log(String(format: "run %d: %.0f persons/s (%.2f s, %.2f s CPU)", number, result.personsPerSecond,
                           result.seconds, result.cpuSeconds))
            }
            measured.append(result)
        }
        // The run with the median persons/s stands for all (its CPU, memory and store go with it).
        let ordered = measured.sorted { $0.personsPerSecond < $1.personsPerSecond }
        let median = ordered[(ordered.count - 1) / 2]
        let bytes = set.manifest.returnBytes
        let files = set.manifest.returns
        var report = BenchReport(benchmark: "import", mode: data.mode)
        report.add("returns", Double(files.count), "files")
        report.add("persons_imported", Double(median.persons), "persons")
        report.add("persons_quarantined", Double(median.quarantined), "persons")
        report.add("validation_errors", Double(median.errors), "issues")
        report.add("validation_warnings", Double(median.warnings), "issues")
        report.add("input_size", Double(bytes) / 1e6, "MB")
        report.add("seconds", median.seconds, "s", note: "SEN2 returns only")
        report.add("persons_per_second", median.personsPerSecond, "persons/s",
                   note: measured.count > 1 ? "median of \(measured.count) runs" : "")
        if measured.count > 1 {
            report.add("persons_per_second_slowest", ordered.first!.personsPerSecond, "persons/s")
            report.add("persons_per_second_fastest", ordered.last!.personsPerSecond, "persons/s")
        }
        report.add("mb_per_second", Double(bytes) / 1e6 / median.seconds, "MB/s")
        report.add("cpu_seconds", median.cpuSeconds, "s", note: "user + system")
        report.add("persons_per_cpu_second", Double(median.persons) / median.cpuSeconds, "persons/s",
                   note: "what one idle core would do")
        report.add("slowest_file_seconds", median.slowest.seconds, "s", note: median.slowest.name)
        report.add("establishments_seconds", median.establishmentSeconds, "s")
        if let peak = measured.compactMap(\.peakRSS).max() {
            report.add("peak_rss", Double(peak) / 1e6, "MB",
                       note: (measured.count > 1 ? "the highest of the runs; " : "") + "VmHWM since the import began")
        }
        report.add("store_size", Double(median.storeBytes) / 1e6, "MB")
        report.add("generation_seconds", set.manifest.generationSeconds, "s", note: set.generated ? "this run" : "cached set")
        report.print()
    }

    /// Imports the set's register and returns into a fresh store, as `hnhub import` would.
    private func importOnce(_ set: BenchDataSet, keep: Bool) throws -> Run {
        let hub = try BenchHub()
        defer { if !keep { hub.remove() } }
        let runner = hub.runner()
        var result = Run()
        let resetPeak = ProcessMemory.resetPeak()

        if let establishments = set.manifest.establishments {
            let (outcomes, seconds) = timed { runner.run(path: set.path(establishments.name)) }
            result.establishmentSeconds = seconds
            try check(outcomes, name: establishments.name)
        }
        let files = set.manifest.returns
        let cpuBefore = processCPUSeconds()
        let (_, seconds) = try timed {
            // As `hnhub import` does: checkpoints on their own thread, one final checkpoint (timed).
            let checkpoints = try BackgroundCheckpoints(store: hub.store)
            defer { try? checkpoints.finish() }
            // One call for all the returns, as `hnhub import` makes: file N+1 is parsed while file N
            // is stored and committed. A file's time is from the previous file's outcome to its own.
            var rejected: [String] = []
            var last = Date()
            runner.run(paths: files.map { set.path($0.name) }) { number, outcomes in
                let file = files[number]
                let fileSeconds = Date().timeIntervalSince(last)
                last = Date()
                for case let .rejected(source, reason) in outcomes { rejected.append("\(source) was rejected: \(reason)") }
                for case let .imported(entry, _, _) in outcomes {
                    result.persons += entry.records + entry.quarantined
                    result.quarantined += entry.quarantined
                    result.errors += entry.errors
                    result.warnings += entry.warnings
                }
                if fileSeconds > result.slowest.seconds { result.slowest = (file.name, fileSeconds) }
                if files.count <= 20 || (number + 1) % 10 == 0 || number + 1 == files.count {
                    log(String(format: "[%d/%d] %@: %d persons in %.2f s", number + 1, files.count, file.name,
                               file.persons, fileSeconds))
                }
            }
            if let first = rejected.first { throw BenchFailure(first) }
        }
        result.seconds = seconds
        result.cpuSeconds = processCPUSeconds() - cpuBefore
        // Only meaningful when the peak could be reset before this run.
        result.peakRSS = resetPeak || runs == 1 ? ProcessMemory.peakResident : nil
        result.storeBytes = hub.storeBytes
        if keep { print("store kept: \(hub.storePath)") }
        return result
    }

    private func check(_ outcomes: [ImportOutcome], name: String) throws {
        for outcome in outcomes {
            if case let .rejected(source, reason) = outcome { throw BenchFailure("\(source) was rejected: \(reason)") }
        }
    }
}

/// `hnhub-bench generate`: generates (or finds in the cache) the set and reports how long it took.
struct GenerateBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate", abstract: "Generate the data set (forcing a fresh one with --fresh) and time it.")

    @OptionGroup var data: BenchDataOptions

    @Flag(name: .long, help: "Ignore the cache and generate again.")
    var fresh = false

    func run() throws {
        if fresh {
            try? FileManager.default.removeItem(atPath: (data.cache as NSString).appendingPathComponent(data.spec.folderName))
        }
        ProcessMemory.resetPeak()
        let set = try BenchDataSet.prepare(data, log: log)
        var report = BenchReport(benchmark: "generate", mode: data.mode)
        report.add("returns", Double(set.manifest.returns.count), "files")
        report.add("persons", Double(set.manifest.persons), "persons")
        report.add("size", Double(set.manifest.returnBytes) / 1e6, "MB")
        report.add("seconds", set.manifest.generationSeconds, "s", note: set.generated ? "this run" : "cached set")
        report.add("mb_per_second", Double(set.manifest.returnBytes) / 1e6 / set.manifest.generationSeconds, "MB/s")
        if set.generated, let peak = ProcessMemory.peakResident { report.add("peak_rss", Double(peak) / 1e6, "MB") }
        report.print()
        print("folder: \(set.folder)")
    }
}
