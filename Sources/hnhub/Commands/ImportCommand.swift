import ArgumentParser
import Foundation
import HubKit
import HubStore
import ImportPipeline
import InputFiles

/// `hnhub import`: stores files or folders, one transaction each.
struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import files or folders (.gz accepted; the importer is detected from the content).")

    @OptionGroup var hub: HubOptions

    @Option(name: .long, help: "Use this importer instead of detecting one (see `hnhub plugins`).")
    var importer: String?

    @Argument(help: "Files or folders to import.")
    var paths: [String]

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config, warnAboutSecret: false)
        let secret = try hub.loadSecret(config, store: store)
        let catalog = hub.loadPlugins(config)
        var runner = ImportRunner(catalog: catalog, opener: InputOpener(limits: config.inflationLimits),
                                  store: store, secret: secret)
        var worst: Int32 = 0
        let checkpoints = try BackgroundCheckpoints(store: store)
        defer { try? checkpoints.finish() }
        // One path's returns are parsed while the previous path's are still being stored.
        var bar: ProgressBar?
        runner.progress = { bar?.update(done: $0, total: $1) }
        runner.run(paths: paths, importerID: importer, starting: { index in
            bar?.finish()
            bar = ProgressBar(label: (paths[index] as NSString).lastPathComponent)
        }, finished: { index, outcomes in
            bar?.finish()  // clears the bar line; the next update redraws it
            for outcome in outcomes {
                worst = max(worst, OutcomeReport.print(outcome))
            }
        })
        bar?.finish()
        if worst != 0 { throw ExitCode(worst) }
    }
}

/// How import and validation outcomes are told to the user, with the exit status each implies.
enum OutcomeReport {
    /// Prints the outcome; returns 0, 1 (records with errors) or 2 (input rejected).
    static func print(_ outcome: ImportOutcome) -> Int32 {
        switch outcome {
        case let .imported(entry, replaced, summary):
            var line = "imported \(entry.sourceName): \(describe(entry)) as import #\(entry.id)"
            if let replaced { line += "; replaces import #\(replaced.id) (kept in history)" }
            Swift.print(line)
            if !summary.tallies.isEmpty { Swift.print(indent(summary.render(sourceName: entry.sourceName))) }
            return entry.quarantined > 0 || entry.errors > 0 ? 1 : 0
        case let .alreadyImported(entry):
            Swift.print("unchanged: \(entry.sourceName) has the same SHA-256 as import #\(entry.id) (\(entry.sourceName), \(entry.importedAt)); nothing written")
            return 0
        case let .rejected(source, reason):
            printError("rejected \(source): \(reason). Nothing was written.")
            return 2
        case let .skipped(source, reason):
            Swift.print("skipped \(source): \(reason)")
            return 0
        case let .validated(source, importerID, summary):
            Swift.print("\(source) (\(importerID)): \(summary.persons) persons, \(summary.quarantinedPersons) would be quarantined, \(summary.errorCount) errors, \(summary.warningCount) warnings")
            if !summary.tallies.isEmpty { Swift.print(indent(summary.render(sourceName: source))) }
            return summary.errorCount > 0 ? 1 : 0
        }
    }

    static func describe(_ entry: ImportEntry) -> String {
        switch entry.dataset {
        case "sen2-return":
            return "SEN2 return of LA \(entry.laCode ?? "?") for \(entry.collectionYear.map(String.init) ?? "?") (census \(entry.censusDate ?? "?")): \(entry.records) persons stored, \(entry.quarantined) quarantined, \(entry.errors) errors, \(entry.warnings) warnings"
        default:
            return "\(entry.dataset): \(entry.records) rows"
        }
    }

    static func indent(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }.joined(separator: "\n")
    }
}
