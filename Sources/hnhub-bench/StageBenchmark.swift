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

    func run() throws {
        let set = try BenchDataSet.prepare(data, log: log)
        let path = file ?? set.path(set.manifest.returns.max { $0.bytes < $1.bytes }!.name)
        let bytes = try fileChecksum(path: path).bytes
        let catalog = try BenchHub.plugins()
        let importer = catalog.importer(id: "sen2-xml")!
        let source = try InputOpener().source(path: path)
        let secret = HubSecret(bytes: (0..<32).map { UInt8($0 &* 37 &+ 11) })
        let knownURNs = try set.manifest.establishments.map { try Self.urns(inGIASFile: set.path($0.name)) }
        let establishmentKnown: (@Sendable (String) -> Bool)? = knownURNs.map { urns in { urns.contains($0) } }
        log("timing stages on \(path) (\(String(format: "%.1f", Double(bytes) / 1e6)) MB)")

        var report = BenchReport(benchmark: "stages", mode: (path as NSString).lastPathComponent)
        var persons = 0
        func stage(_ name: String, _ body: () throws -> Int?) rethrows {
            let (count, seconds) = try timed(body)
            if let count { persons = count }
            report.add(name + "_seconds", seconds, "s",
                       note: persons > 0 ? String(format: "%.0f persons/s, %.0f MB/s", Double(persons) / seconds,
                                                  Double(bytes) / 1e6 / seconds) : "")
            log(String(format: "%@: %.2f s", name, seconds))
        }
        try stage("read") {
            let stream = try FileByteStream(path: path)
            var buffer = [UInt8](repeating: 0, count: 1 << 20)
            while try buffer.withUnsafeMutableBytes({ try stream.read(into: $0) }) > 0 {}
            return nil
        }
        try stage("sha256") { _ = try fileChecksum(path: path); return nil }
        try stage("archive_zlib_seal") {
            let sealer = ArchiveSealer(secret: secret)
            let stream = try FileByteStream(path: path)
            var buffer = [UInt8](repeating: 0, count: 4 << 20)
            while true {
                let n = try Self.fill(&buffer, from: stream)
                if n == 0 { break }
                _ = try sealer.seal(Zlib.compress(Array(buffer[0..<n])))
            }
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
                return sink.persons
            }
        }
        try stage("full_import") {
            let hub = try BenchHub()
            defer { hub.remove() }
            let runner = hub.runner()
            if let establishments = set.manifest.establishments { _ = runner.run(path: set.path(establishments.name)) }
            var count = 0
            for case let .imported(entry, _, _) in runner.run(path: path) { count = entry.records + entry.quarantined }
            return count
        }
        report.add("persons", Double(persons), "persons")
        report.add("input_size", Double(bytes) / 1e6, "MB")
        report.print()
    }

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
