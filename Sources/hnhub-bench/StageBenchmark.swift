import ArgumentParser
import Foundation
import HubKit
import HubStore
import InputFiles
import Pseudonymisation

/// `hnhub-bench stages`: runs one return through the pipeline a stage at a time (read, checksum,
/// archive, parse, + validation, + pseudonymisation, parse + store without validation, full
/// import) so that the cost of each stage can be read off by difference.
struct StageBenchmark: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stages", abstract: "Time the import pipeline stage by stage on one return.")

    @OptionGroup var data: BenchDataOptions

    @Option(name: .long, help: "The return to time (default: the largest return of the generated set).")
    var file: String?

    @Option(name: .customLong("repeat"), help: "Run each stage this many times and keep the fastest.")
    var repeats = 1

    @Flag(name: .long, help: "Also time variants of the slow stages (faster zlib, SQLite settings, HMAC reuse).")
    var experiments = false

    func run() throws {
        let set = try BenchDataSet.prepare(data, log: log)
        let path = file ?? set.path(set.manifest.returns.max { $0.bytes < $1.bytes }!.name)
        let bytes = try fileChecksum(path: path).bytes
        let catalog = try BenchHub.plugins()
        let importer = catalog.importer(id: "sen2-xml")!
        let source = try InputOpener().source(path: path)
        let secret = HubSecret(bytes: (0..<32).map { UInt8(truncatingIfNeeded: $0 &* 37 &+ 11) })
        let knownURNs = try set.manifest.establishments.map { try Self.urns(inGIASFile: set.path($0.name)) }
        var establishmentKnown: (@Sendable (String) -> Bool)?
        if let knownURNs { establishmentKnown = { @Sendable urn in knownURNs.contains(urn) } }
        log("timing stages on \(path) (\(String(format: "%.1f", Double(bytes) / 1e6)) MB)")

        var report = BenchReport(benchmark: "stages", mode: (path as NSString).lastPathComponent)
        var persons = 0
        // Each stage is timed by the CPU time it uses (wall-clock time in the log): the figures
        // then hold even when other processes share the cores.
        func stage(_ name: String, _ body: () throws -> Int?) rethrows {
            var cpu = Double.infinity, seconds = Double.infinity
            for _ in 0..<max(1, repeats) {
                let cpuBefore = processCPUSeconds()
                let (count, wall) = try timed(body)
                cpu = min(cpu, processCPUSeconds() - cpuBefore)
                seconds = min(seconds, wall)
                if let count { persons = count }
            }
            report.add(name + "_cpu_seconds", cpu, "s",
                       note: persons > 0 ? String(format: "%.0f persons/s, %.0f MB/s", Double(persons) / cpu,
                                                  Double(bytes) / 1e6 / cpu) : String(format: "%.0f MB/s", Double(bytes) / 1e6 / cpu))
            log(String(format: "%@: %.2f s CPU, %.2f s wall", name, cpu, seconds))
        }
        try stage("read") {
            let stream = try FileByteStream(path: path)
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while try buffer.withUnsafeMutableBytes({ try stream.read(into: $0) }) > 0 {}
            return nil
        }
        try stage("sha256") { _ = try fileChecksum(path: path); return nil }
        // The raw archive at zlib level 6 (the first pipeline) and level 1 (RawArchive since).
        try stage("archive_zlib6_seal") {
            try StageExperiments.archive(path: path, secret: secret, level: 6)
            return nil
        }
        try stage("archive_zlib1_seal") {
            try StageExperiments.archive(path: path, secret: secret, level: 1)
            return nil
        }
        try stage("parse") {
            let sink = ParseSink()
            try importer.read(source, into: sink)
            return sink.persons
        }
        try stage("parse_validate") {
            let sink = ValidateSink(establishmentKnown: establishmentKnown, pseudonymiser: nil)
            try importer.read(source, into: sink)
            return sink.persons
        }
        try stage("parse_validate_pseudonymise") {
            let sink = ValidateSink(establishmentKnown: establishmentKnown, pseudonymiser: Pseudonymiser(secret: secret))
            try importer.read(source, into: sink)
            return sink.persons
        }
        try stage("parse_pseudonymise") {
            let sink = ValidateSink(establishmentKnown: nil, pseudonymiser: Pseudonymiser(secret: secret))
            try importer.read(source, into: sink)
            return sink.persons
        }
        try stage("parse_pseudonymise_insert") {
            let hub = try BenchHub()
            defer { hub.remove() }
            let database = hub.store.database
            return try database.transaction {
                let ledger = ImportLedger(database: database)
                let id = try ledger.begin(scope: ImportScope(dataset: "sen2-return", key: "bench"), sourceName: path,
                                          checksum: "bench", inputBytes: bytes, importerID: "sen2-xml",
                                          importerVersion: "bench", importedAt: "2025-01-01T00:00:00Z", archiveFormat: nil)
                let sink = StoreSink(writer: try PersonWriter(database: database, importID: id),
                                     pseudonymiser: Pseudonymiser(secret: secret))
                try importer.read(source, into: sink)
                try sink.flush()
                return sink.persons
            }
        }
        // Each run gets a fresh store with the register imported before the clock starts (the
        // same file twice in one store is a no-op).
        var hubs: [BenchHub] = []
        defer { hubs.forEach { $0.remove() } }
        for _ in 0..<max(1, repeats) {
            let hub = try BenchHub()
            if let establishments = set.manifest.establishments { _ = hub.runner().run(path: set.path(establishments.name)) }
            hubs.append(hub)
        }
        var nextHub = 0
        stage("full_import") {
            let runner = hubs[nextHub].runner()
            nextHub += 1
            var count = 0
            for case let .imported(entry, _, _) in runner.run(path: path) { count = entry.records + entry.quarantined }
            return count
        }
        if experiments {
            try stage("experiment_parse_pseudonymise_reused_hmac") {
                let sink = FastPseudonymSink(secret: secret)
                try importer.read(source, into: sink)
                return sink.persons
            }
            try stage("experiment_insert_cache_64mb") {
                try StageExperiments.insert(importer: importer, source: source, path: path, bytes: bytes, secret: secret,
                                            pragmas: ["PRAGMA cache_size = -65536"])
            }
            try stage("experiment_insert_foreign_keys_off") {
                try StageExperiments.insert(importer: importer, source: source, path: path, bytes: bytes, secret: secret,
                                            pragmas: ["PRAGMA foreign_keys = OFF"])
            }
            try stage("experiment_insert_no_secondary_indexes") {
                try StageExperiments.insert(importer: importer, source: source, path: path, bytes: bytes, secret: secret,
                                            pragmas: ["PRAGMA cache_size = -65536"] + Self.secondaryIndexes.map { "DROP INDEX \($0)" })
            }
        }
        report.add("persons", Double(persons), "persons")
        report.add("input_size", Double(bytes) / 1e6, "MB")
        report.print()
    }

    /// Indexes on the person tables that an import maintains row by row.
    static let secondaryIndexes = ["persons_by_import", "requests_by_person",
                                   "placements_by_active_plans", "sen_needs_by_active_plans", "plan_details_by_plan"]

    /// The URN column of a GIAS CSV (first column), as the hub's register would hold it.
    static func urns(inGIASFile path: String) throws -> Set<String> {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return Set(text.split(whereSeparator: \.isNewline).dropFirst().compactMap { line in
            line.split(separator: ",", maxSplits: 1).first.map(String.init)
        })
    }

    static func fill(_ buffer: inout [UInt8], from stream: FileByteStream) throws -> Int {
        var filled = 0
        while filled < buffer.count {
            let n = try buffer.withUnsafeMutableBytes {
                try stream.read(into: UnsafeMutableRawBufferPointer(rebasing: $0[filled...]))
            }
            if n == 0 { break }
            filled += n
        }
        return filled
    }
}
