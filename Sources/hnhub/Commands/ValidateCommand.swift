import ArgumentParser
import ImportPipeline
import InputFiles

/// `hnhub validate`: the import checks, with nothing written.
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
        let catalog = hub.loadPlugins(config)
        var runner = ImportRunner(catalog: catalog, opener: InputOpener(limits: config.inflationLimits),
                                  store: nil, secret: nil)
        var worst: Int32 = 0
        for path in paths {
            let bar = ProgressBar(label: path)
            runner.progress = { bar.update(done: $0, total: $1) }
            let outcomes = runner.run(path: path, importerID: importer)
            bar.finish()
            for outcome in outcomes { worst = max(worst, OutcomeReport.print(outcome)) }
        }
        if worst != 0 { throw ExitCode(worst) }
    }
}
