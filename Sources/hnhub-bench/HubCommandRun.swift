import Foundation
import PluginHost
#if canImport(Glibc)
import Glibc
#endif

/// One timed run of an `hnhub` command (`indicators`, `report`) in a child process.
struct HubCommandRun {
    /// Wall-clock seconds from start to exit.
    var seconds: Double
    /// User + system CPU seconds of the child.
    var cpuSeconds: Double
    /// Peak resident set size of the children so far (bytes).
    var peakResident: Int
    /// Rows of the CSV it printed.
    var values: Int
    /// Seconds per provider, as `--timings` printed them.
    var providerSeconds: [String: Double]

    /// Runs `hnhub indicators --db store --format csv --timings` (with `--config config`) and waits
    /// for it; fails when the command does.
    static func start(hnhub: String, store: String, config: String?) throws -> HubCommandRun {
        try start(hnhub: hnhub, arguments: ["indicators", "--db", store, "--format", "csv", "--timings"]
                    + (config.map { ["--config", $0] } ?? []))
    }

    /// The release `hnhub` beside this benchmark (a full `swift build -c release` leaves it there).
    static func hnhubExecutable() throws -> String {
        guard let folder = PluginLoader.executableFolder() else { throw BenchFailure("cannot tell the executable's folder") }
        let hnhub = (folder as NSString).appendingPathComponent("hnhub")
        guard FileManager.default.isExecutableFile(atPath: hnhub) else {
            throw BenchFailure("\(hnhub) is missing: build the whole package (swift build -c release)")
        }
        return hnhub
    }

    /// Runs `hnhub ARGUMENTS` and waits for it; fails when the command does (status 1, ran but found
    /// errors in some records, is accepted with `acceptingFindings`). `values` counts the lines it
    /// printed after the first.
    static func start(hnhub: String, arguments: [String], acceptingFindings: Bool = false) throws -> HubCommandRun {
        let folder = NSTemporaryDirectory() as NSString
        let output = folder.appendingPathComponent("hnhub-bench-indicators-\(UUID().uuidString).csv")
        let errors = output + ".err"
        defer {
            try? FileManager.default.removeItem(atPath: output)
            try? FileManager.default.removeItem(atPath: errors)
        }
        _ = FileManager.default.createFile(atPath: output, contents: nil)
        _ = FileManager.default.createFile(atPath: errors, contents: nil)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: hnhub)
        process.arguments = arguments
        process.standardOutput = FileHandle(forWritingAtPath: output)
        process.standardError = FileHandle(forWritingAtPath: errors)
        let cpuBefore = childrenUsage()
        let ((), seconds) = try timed {
            try process.run()
            process.waitUntilExit()
        }
        let cpuAfter = childrenUsage()
        let messages = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
        guard process.terminationStatus == 0 || (acceptingFindings && process.terminationStatus == 1) else {
            throw BenchFailure("hnhub \(arguments.first ?? "") exited with status \(process.terminationStatus): \(messages)")
        }
        let csv = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return HubCommandRun(seconds: seconds, cpuSeconds: cpuAfter.cpu - cpuBefore.cpu, peakResident: cpuAfter.peak,
                            values: max(0, csv.split(separator: "\n").count - 1), providerSeconds: timings(messages))
    }

    /// `caseload     0.19 s  4590 values` lines of `--timings`.
    static func timings(_ text: String) -> [String: Double] {
        var seconds: [String: Double] = [:]
        for line in text.split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count >= 3, words[2] == "s", let value = Double(words[1]) else { continue }
            seconds[String(words[0])] = value
        }
        return seconds
    }

    /// CPU seconds and peak resident bytes of the waited-for children so far.
    static func childrenUsage() -> (cpu: Double, peak: Int) {
        var usage = rusage()
        getrusage(RUSAGE_CHILDREN.rawValue, &usage)
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return (seconds(usage.ru_utime) + seconds(usage.ru_stime), usage.ru_maxrss * 1024)
    }
}
