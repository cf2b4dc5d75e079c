import ArgumentParser
import DemoData
import Foundation
import PluginHost
import ReferenceData

/// `hnhub demo`: writes a deterministic synthetic data set (SEN2 returns, GIAS establishments,
/// population in both layouts, placement costs and a group config) to try the hub with.
struct DemoCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "demo",
        abstract: "Write a synthetic multi-LA demo set: SEN2 returns, establishments, population, costs, config (deterministic).",
        discussion: """
            Every name, identifier, postcode, date and cost is invented; only the LA codes are real. The same \
            options and seed always give the same bytes. The command prints the commands that load the set \
            into a hub and compare the authorities.
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

    @Option(name: .customLong("la-list"), help: "The local authority list (la_code,name,region_code,status columns; default: the bundled Datasets/local_authorities.csv).")
    var laList: String?

    @Flag(name: .customLong("with-errors"), help: "Break every validation rule in a few persons and list them in intended-breaches.csv.")
    var withErrors = false

    @Flag(name: .customLong("no-establishments"), help: "Do not write establishments.csv.")
    var noEstablishments = false

    @Flag(name: .customLong("returns-only"), help: "Do not write the population, placement cost and config files.")
    var returnsOnly = false

    func run() throws {
        let started = Date()
        let generator: DemoGenerator
        let summary: DemoGenerator.Summary
        do {
            let catalogue = try LocalAuthorityCatalogue.load(path: laList ?? Self.bundledLAList())
            let options = DemoOptions(authorities: try catalogue.select(las), persons: .perAuthority(persons), seed: seed,
                                      years: try DemoOptions.years(latest: year, count: years),
                                      writesEstablishments: !noEstablishments, writesReferenceFiles: !returnsOnly,
                                      withErrors: withErrors)
            generator = try DemoGenerator(options: options, catalogue: catalogue)
            summary = try generator.write(to: out) { files in
                for file in files {
                    print("wrote \(file.path): LA \(file.laCode) \(file.year), \(file.persons) persons "
                          + "(\(file.activePlans) active plans), \(Self.size(file.bytes))")
                }
            }
        } catch let error as DemoDataError {
            throw HubFailure.unusable("demo: \(error)")
        }
        DemoReport(summary: summary, out: out, seed: seed, seconds: Date().timeIntervalSince(started)).print()
    }

    /// The bundled LA list, wherever hnhub runs from (see `DatasetsFolder`), else the
    /// package-relative default.
    static func bundledLAList() -> String {
        DatasetsFolder.locate(executableFolder: PluginLoader.executableFolder())
            .map { ($0 as NSString).appendingPathComponent("local_authorities.csv") } ?? LocalAuthorityCatalogue.defaultPath
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? String(format: "%.1f MB", Double(bytes) / 1_048_576) : String(format: "%.0f KB", Double(bytes) / 1024)
    }
}

/// What `hnhub demo` prints after the returns: the other files, totals, and what to run next.
struct DemoReport {
    let summary: DemoGenerator.Summary
    let out: String
    let seed: UInt64
    let seconds: Double

    func print() {
        if let file = summary.establishmentsFile {
            Swift.print("wrote \(file.path): \(summary.establishments) establishments (GIAS layout), \(DemoCommand.size(file.bytes))")
        }
        let midYears = summary.populationYears.map(String.init).joined(separator: ", ")
        for file in summary.populationFiles {
            Swift.print("wrote \(file.path): population aged 0-25, mid-\(midYears), \(file.persons) rows, \(DemoCommand.size(file.bytes))")
        }
        if let file = summary.costsFile {
            Swift.print("wrote \(file.path): \(file.persons) placement costs (per establishment and LA defaults), \(DemoCommand.size(file.bytes))")
        }
        if let file = summary.perChildCostsFile {
            Swift.print("wrote \(file.path): \(file.persons) per-child costs of residential places (UPNs hashed on import), \(DemoCommand.size(file.bytes))")
        }
        if let file = summary.configFile, let group = summary.groupName {
            Swift.print("wrote \(file.path): group \(group) and default cost bands")
        }
        for file in summary.headerBreachFiles {
            Swift.print("wrote \(file.path): a return header that breaks a rule (not imported with the folder)")
        }
        if let file = summary.breachManifest {
            let errors = summary.breaches.filter { $0.severity == "error" }.count
            Swift.print("wrote \(file.path): \(summary.breaches.count) intended breaches (\(errors) errors, "
                        + "\(summary.breaches.count - errors) warnings)")
            for rule in summary.unbrokenRules { Swift.print("  not broken: \(rule.ruleID): \(rule.reason)") }
        }
        Swift.print("demo set: \(summary.returns.count) returns, \(summary.persons) persons, \(summary.transfers) transfers "
                    + "between the LAs, \(DemoCommand.size(summary.bytes)) in \(String(format: "%.1f", seconds)) s (seed \(seed))")
        Swift.print("")
        Swift.print("next:")
        for command in nextCommands { Swift.print("  \(command)") }
    }

    /// The commands that load the set into a new hub and look at it.
    var nextCommands: [String] {
        let hub = "hnhub"
        let config = summary.configFile.map { " --config \(quoted($0.path))" } ?? ""
        let db = " --db \(quoted((out as NSString).appendingPathComponent("hub.sqlite")))"
        let la = summary.returns.first?.laCode ?? "800"
        var commands = [
            "\(hub) init\(config)\(db)",
            "\(hub) import\(config)\(db) \(quoted(out))",
            "\(hub) returns\(config)\(db) --all",
            "\(hub) returns\(config)\(db) --overlaps",
        ]
        if let group = summary.groupName {
            commands.append("\(hub) indicators\(config)\(db) --group \(group)")
            commands.append("\(hub) compare\(config)\(db) --la \(la) --peers group:\(group)")
        } else {
            commands.append("\(hub) indicators\(config)\(db) --la \(la)")
        }
        if !summary.headerBreachFiles.isEmpty {
            commands.append("\(hub) validate\(config) \(quoted((out as NSString).appendingPathComponent("header-breaches")))")
        }
        return commands
    }

    private func quoted(_ path: String) -> String {
        path.contains(" ") ? "'\(path)'" : path
    }
}
