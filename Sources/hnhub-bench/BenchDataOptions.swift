import ArgumentParser
import DemoData
import Foundation

/// Which generated data set a benchmark runs on, and where it is cached.
struct BenchDataOptions: ParsableArguments {
    @Option(name: .long, help: "Local authorities (the first N of Datasets/local_authorities.csv).")
    var las = 153

    @Option(name: .customLong("persons-total"), help: "Persons in all returns together.")
    var personsTotal = 650_000

    @Option(name: .long, help: "Collection year of the returns (the latest, with --years).")
    var year = 2025

    @Option(name: .long, help: "Collection years ending with --year (each LA gets a return a year; earlier ones are smaller). --persons-total counts the latest returns.")
    var years = 1

    @Option(name: .long, help: "Generator seed.")
    var seed: UInt64 = 1

    @Flag(name: .customLong("single-file"), help: "All persons in one return of one LA (checks bounded memory).")
    var singleFile = false

    @Option(name: .long, help: "Where generated sets are kept and reused.")
    var cache = ".build-bench-data"

    @Option(name: .customLong("la-list"), help: "The local authority list.")
    var laList = LocalAuthorityCatalogue.defaultPath

    /// How reports name the set: `las153`, `las153 x4 years`, `single-file`.
    var mode: String {
        singleFile ? "single-file" : "las\(las)" + (years > 1 ? " x\(years) years" : "")
    }

    var spec: BenchDataSpec {
        BenchDataSpec(generatorVersion: DemoGenerator.version, seed: seed, year: year,
                      authorities: singleFile ? 1 : las, personsTotal: personsTotal, singleFile: singleFile,
                      years: years > 1 && !singleFile ? years : nil)
    }
}

/// The parameters a cached set was generated with.
struct BenchDataSpec: Codable, Equatable {
    var generatorVersion: String
    var seed: UInt64
    var year: Int
    var authorities: Int
    var personsTotal: Int
    var singleFile: Bool
    /// How many collection years, when more than one (nil: the one year, as sets cached before had).
    var years: Int?

    var folderName: String {
        "sen2-\(singleFile ? "single" : "las\(authorities)")-p\(personsTotal)-y\(year)"
            + (years.map { "x\($0)" } ?? "") + "-s\(seed)-v\(generatorVersion)"
    }
}

/// What a cached set holds: written next to its files as `manifest.json`.
struct BenchManifest: Codable {
    struct File: Codable {
        var name: String
        var laCode: String
        var persons: Int
        var bytes: Int
    }

    var spec: BenchDataSpec
    var returns: [File]
    var establishments: File?
    var generationSeconds: Double

    var persons: Int { returns.reduce(0) { $0 + $1.persons } }
    var returnBytes: Int { returns.reduce(0) { $0 + $1.bytes } }
}

/// A generated set ready to import.
struct BenchDataSet {
    let folder: String
    let manifest: BenchManifest
    /// False when the cache already held it.
    let generated: Bool

    func path(_ name: String) -> String { (folder as NSString).appendingPathComponent(name) }

    /// Reuses the cached set for `options` when its manifest matches and every file is there with
    /// its size; otherwise generates it (and writes the manifest last).
    static func prepare(_ options: BenchDataOptions, log: (String) -> Void) throws -> BenchDataSet {
        let spec = options.spec
        let folder = (options.cache as NSString).appendingPathComponent(spec.folderName)
        let manifestPath = (folder as NSString).appendingPathComponent("manifest.json")
        if let data = FileManager.default.contents(atPath: manifestPath),
           let manifest = try? JSONDecoder().decode(BenchManifest.self, from: data), manifest.spec == spec,
           (manifest.returns + [manifest.establishments].compactMap { $0 }).allSatisfy({ file in
               let attributes = try? FileManager.default.attributesOfItem(atPath: (folder as NSString).appendingPathComponent(file.name))
               return (attributes?[.size] as? NSNumber)?.intValue == file.bytes
           }) {
            log("using the cached set in \(folder) (\(manifest.persons) persons, \(manifest.returns.count) returns)")
            return BenchDataSet(folder: folder, manifest: manifest, generated: false)
        }
        try? FileManager.default.removeItem(atPath: folder)
        let catalogue = try LocalAuthorityCatalogue.load(path: options.laList)
        let authorities = try catalogue.first(spec.authorities)
        let demo = DemoOptions(authorities: authorities,
                               persons: spec.singleFile ? .perAuthority(spec.personsTotal) : .total(spec.personsTotal),
                               seed: spec.seed, years: try DemoOptions.years(latest: spec.year, count: spec.years ?? 1))
        log("generating \(spec.personsTotal) persons in \(authorities.count) return(s) into \(folder) ...")
        let started = Date()
        let summary = try DemoGenerator(options: demo, catalogue: catalogue).write(to: folder)
        let seconds = Date().timeIntervalSince(started)
        func entry(_ file: DemoGenerator.WrittenFile) -> BenchManifest.File {
            BenchManifest.File(name: (file.path as NSString).lastPathComponent, laCode: file.laCode,
                               persons: file.persons, bytes: file.bytes)
        }
        let manifest = BenchManifest(spec: spec, returns: summary.returns.map(entry),
                                     establishments: summary.establishmentsFile.map(entry), generationSeconds: seconds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try encoder.encode(manifest).write(to: URL(fileURLWithPath: manifestPath))
        log(String(format: "generated %d persons, %.1f MB in %.1f s (%.0f MB/s)", manifest.persons,
                   Double(manifest.returnBytes) / 1e6, seconds, Double(manifest.returnBytes) / 1e6 / seconds))
        return BenchDataSet(folder: folder, manifest: manifest, generated: true)
    }
}
