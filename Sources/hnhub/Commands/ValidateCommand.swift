import ArgumentParser
import HubKit
import ImportPipeline
import InputFiles
import MappingImporters
import PluginHost
import ReferenceData

/// `hnhub validate`: the import checks, with nothing written. For a mapping importer (`--importer
/// mapping:ID`, or one detected) it first shows what the mapping makes of each column: the element
/// it feeds, values with no code translation and the rows that failed; persons with such rows are
/// then counted as quarantined in the normal report instead of rejecting the file.
struct ValidateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "validate", abstract: "Check files against the validation rules; writes nothing.")

    @OptionGroup var hub: HubOptions

    @Option(name: .long, help: "Use this importer instead of detecting one.")
    var importer: String?

    @Argument(help: "Files or folders to check.")
    var paths: [String]

    func run() throws {
        let config = try hub.loadConfiguration()
        let catalog = hub.loadPlugins(config, mappingRowFailures: .quarantinePerson)
        let opener = InputOpener(limits: config.inflationLimits)
        var runner = ImportRunner(catalog: catalog, opener: opener, store: nil, secret: nil)
        // The census days and LA register the headers are held against, as an import would.
        if let datasets = DatasetsFolder.locate(explicit: config.datasetsPath, executableFolder: PluginLoader.executableFolder()) {
            runner.collectionReference = try? BundledReference.collectionReference(from: datasets)
        }
        var worst: Int32 = 0
        for path in paths {
            if let code = diagnoseMapping(path: path, catalog: catalog, opener: opener) { worst = max(worst, code) }
            let bar = ProgressBar(label: path)
            runner.progress = { bar.update(done: $0, total: $1) }
            let outcomes = runner.run(path: path, importerID: importer)
            bar.finish()
            for outcome in outcomes { worst = max(worst, OutcomeReport.print(outcome)) }
        }
        if worst != 0 { throw ExitCode(worst) }
    }

    /// Prints the mapping diagnosis when `path` is one file read by a mapping importer; returns 1
    /// when cells could not be read, 2 when the file could not be read at all, nil otherwise.
    func diagnoseMapping(path: String, catalog: PluginCatalog, opener: InputOpener) -> Int32? {
        guard !InputOpener.isDirectory(path), let source = try? opener.source(path: path) else { return nil }
        let chosen: (any Importer)?
        if let importer {
            chosen = catalog.importer(id: importer)
        } else if case .found(let detected) = catalog.detectImporter(for: source) {
            chosen = detected
        } else {
            chosen = nil
        }
        guard let mapping = chosen as? MappingImporter else { return nil }
        do {
            let diagnosis = try MappingDiagnosis(importer: mapping, source: source)
            print(diagnosis.render())
            // What the mapping would do to the figures without a word (docs/mapping-importers.md),
            // naming the indicators each element feeds as the loaded metric plugins declare them.
            let inputs = IndicatorInputs(catalog.metrics.flatMap { $0.provider.indicators })
            for warning in MappingWarning.check(mapping.mapping, diagnosis, inputs: inputs) { print("warning: \(warning)") }
            return diagnosis.failures.isEmpty ? 0 : 1
        } catch {
            // The normal report below says why the file cannot be read.
            return nil
        }
    }
}
