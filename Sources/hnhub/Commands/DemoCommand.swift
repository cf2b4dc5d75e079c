import ArgumentParser
import DemoData
import Foundation

/// `hnhub demo`: writes a deterministic synthetic data set (SEN2 returns and a GIAS
/// establishments file) to try the hub with.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a synthetic multi-LA set of SEN2 returns and establishments (deterministic).",
        discussion: """
            Every name, identifier, postcode and date is invented. The same options and seed always \
            give the same bytes. Import the set with: hnhub import DIR/establishments.csv DIR
            """)

    @Option(name: .long, help: "Folder to write into (created when missing).")
    var out: String

    @Option(name: .long, help: ArgumentHelp("How many local authorities (the ten South West ones first), or a comma-separated list of LA codes.", valueName: "N|CODES"))
    var las = "10"

    @Option(name: .long, help: "Persons in each authority's latest return; earlier years hold fewer (the caseload grows).")
    var persons = 300

    @Option(name: .long, help: "Seed: the same seed gives the same files.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "The latest collection year (2023-2026).")
    var year = 2025

    @Option(name: .long, help: "How many collection years, ending with --year.")
    var years = 1

    @Option(name: .customLong("la-list"), help: "The local authority list (la_code,name,region_code,status columns).")
    var laList = LocalAuthorityCatalogue.defaultPath

    @Flag(name: .customLong("no-establishments"), help: "Do not write establishments.csv.")
    var noEstablishments = false

    func run() throws {
        let started = Date()
        let generator: DemoGenerator
        do {
            let catalogue = try LocalAuthorityCatalogue.load(path: laList)
            let options = DemoOptions(authorities: try catalogue.select(las), persons: .perAuthority(persons), seed: seed,
                                      years: try DemoOptions.years(latest: year, count: years),
                                      writesEstablishments: !noEstablishments)
            generator = try DemoGenerator(options: options, catalogue: catalogue)
        } catch let error as DemoDataError {
            throw HubFailure.unusable("demo: \(error)")
        }
        let summary: DemoGenerator.Summary
        do {
            summary = try generator.write(to: out) { files in
                for file in files {
                    print("wrote \(file.path): LA \(file.laCode) \(file.year), \(file.persons) persons, \(Self.size(file.bytes))")
                }
            }
        } catch let error as DemoDataError {
            throw HubFailure.unusable("demo: \(error)")
        }
        if let establishments = summary.establishmentsFile {
            print("wrote \(establishments.path): \(summary.establishments) establishments, \(Self.size(establishments.bytes))")
        }
        let seconds = Date().timeIntervalSince(started)
        print("demo set: \(summary.returns.count) returns, \(summary.persons) persons, \(Self.size(summary.bytes)) "
              + "in \(String(format: "%.1f", seconds)) s (seed \(seed))")
        print("next: hnhub init && hnhub import \(out)/establishments.csv \(out)")
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : String(format: "%.0f KB", Double(bytes) / 1024)
    }
}
