import ArgumentParser
#if canImport(Glibc)
import Glibc
#endif
import Foundation
import HubConfig
import HubService
import HubStore
import Pseudonymisation

/// `hnhub-bench serve`: `hnhub serve` on the kept store of the whole generated set (153 LAs), loaded
/// from a second set of threads on loopback: signed-in analysts asking for compare pages and report
/// pages of random LAs, own and shared views, over keep-alive connections for a fixed time. Target:
/// at least 300 requests a second with the 99th percentile under 250 ms on 2 cores (docs/benchmarks.md).
struct ServeBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Load the service's compare and report pages on loopback and time them.")

    @OptionGroup var data: BenchDataOptions

    @Option(name: .long, help: "Port on 127.0.0.1 to serve on.")
    var port = 18_080

    @Option(name: .long, help: "Connections sending requests at once.")
    var connections = 16

    @Option(name: .long, help: "Seconds of measured load (after the warm-up).")
    var seconds = 20

    @Option(name: .long, help: "Seconds of unmeasured load first (reports rendered and kept).")
    var warmup = 10

    @Option(name: .long, help: "Share of report requests among the rest (compare pages).")
    var reportShare = 0.5

    func validate() throws {
        guard (1...256).contains(connections), (1...600).contains(seconds), (0...600).contains(warmup) else {
            throw ValidationError("--connections 1-256, --seconds 1-600, --warmup 0-600")
        }
    }

    func run() throws {
        let set = try BenchDataSet.prepare(data, log: log)
        let storePath = try BenchStoreCache.prepare(set, log: log)
        let folder = (NSTemporaryDirectory() as NSString).appendingPathComponent("hnhub-bench-serve-\(UUID().uuidString)")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let secret = HubSecret(bytes: (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })

        // Analysts of every LA, made once in the kept store (bcrypt at its lowest cost: sign-in is not measured).
        let store = try Store(path: storePath)
        let codes = try HeldImports(database: store.database).laCodesWithReturns()
        let accounts = AccountBook(database: store.database, hasher: PasswordHasher(cost: 4))
        let password = "bench password 0123456789"
        for code in codes where try accounts.user(named: "bench\(code)") == nil {
            try accounts.add(username: "bench\(code)", role: .analyst, laCode: code, password: password)
        }

        // The package's declarative metrics, as `hnhub-bench indicators` computes them: a config is
        // what names a metrics folder (relative to the config's own folder, here the working folder).
        var config = HubConfiguration()
        config.sourcePath = (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent("hub.yaml")
        config.metricsFolder = "config/metrics"
        var setup = ServiceSetup(config: config, storePath: storePath, secret: secret, catalog: try BenchHub.plugins())
        setup.uploadsFolder = (folder as NSString).appendingPathComponent("uploads")
        setup.secureCookies = false
        setup.signInLimits.perClient = 100_000
        log("starting the service on the store of \(set.manifest.persons) persons, \(codes.count) LAs ...")
        let (service, startSeconds) = try timed { try HubService(setup: setup) }
        log(String(format: "service ready in %.1f s (indicators computed, figures read)", startSeconds))
        let app = service.application(host: "127.0.0.1", port: port)
        let server = Task { try await app.runService(gracefulShutdownSignals: []) }
        defer { server.cancel() }
        try LoopbackLoad.waitForServer(port: port)

        // One session per connection, each an analyst of a random LA.
        var sessions: [String] = []
        for index in 0..<connections {
            let code = codes[index * 7 % codes.count]
            sessions.append(try LoopbackLoad.signIn(port: port, username: "bench\(code)", password: password))
        }
        let load = LoopbackLoad(port: port, sessions: sessions, requestFor: { connection, number in
            var random = SplitMix(seed: UInt64(connection * 1_000_003 + number))
            let la = codes[Int(random.next() % UInt64(codes.count))]
            let own = random.next() % 2 == 0 && la == codes[connection * 7 % codes.count]
            let isReport = Double(random.next() % 1000) / 1000 < reportShare
            return isReport ? "/report?la=\(la)\(own ? "&own=1" : "")" : "/compare?la=\(la)\(own ? "&own=1" : "")&peers=neighbours"
        })
        if warmup > 0 {
            log("warm-up: \(warmup) s ...")
            let warm = load.run(seconds: Double(warmup))
            log(String(format: "warm-up: %d requests, %.0f/s, p99 %.0f ms, %d failed", warm.count, warm.rate, warm.p99 * 1000, warm.failures))
        }
        log("measuring: \(seconds) s over \(connections) connections ...")
        let result = load.run(seconds: Double(seconds))
        var report = BenchReport(benchmark: "serve", mode: data.mode)
        report.add("requests_per_second", result.rate, "req/s", note: "target >= 300; \(connections) keep-alive connections, \(Int(reportShare * 100))% report pages")
        report.add("p50", result.p50 * 1000, "ms")
        report.add("p99", result.p99 * 1000, "ms", note: "target < 250 ms")
        report.add("p99_report", result.p99Report * 1000, "ms")
        report.add("p99_compare", result.p99Compare * 1000, "ms")
        report.add("requests", Double(result.count), "")
        report.add("failed", Double(result.failures), "", note: "non-200 answers or broken connections")
        report.add("bytes_per_second", result.bytesPerSecond / 1e6, "MB/s")
        report.add("start_seconds", startSeconds, "s", note: "indicators computed and figures read at start")
        report.add("load_average", IndicatorBenchmark.loadAverage(), "", note: "1-minute load before the run (the machine's other work)")
        report.print()
        let stopped = DispatchSemaphore(value: 0)
        Task {
            server.cancel()
            await service.stop()
            stopped.signal()
        }
        stopped.wait()
    }
}

/// A small deterministic generator for the request mix.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
