import Foundation
import HubConfig
import HubKit
import HubStore
import PluginHost

/// Runs every metric plugin over the store and saves what they compute.
package struct IndicatorComputation {
    package let store: Store
    package let catalog: PluginCatalog

    package init(store: Store, catalog: PluginCatalog) {
        self.store = store
        self.catalog = catalog
    }

    /// One provider's outcome.
    package struct ProviderRun: Sendable {
        package var providerID: String
        package var values: Int
        package var unavailable: Int
        /// Wall-clock seconds the provider took, storing included (for a declarative metric, its
        /// queries' together). Providers run at the same time, so the figures of a run overlap.
        package var seconds: Double = 0
        /// Set when the provider failed; its earlier values are left as they were.
        package var failure: String?
        /// True for a declarative metric whose file is gone (or no longer loads): its values and
        /// definition were removed from the store, so no output shows them.
        package var removed = false
    }

    /// Replaces the default cost bands in the store with the config's (`type` or `type/phase` keys).
    /// A read-only store keeps its own: returns false when they differ from the config's (the
    /// metric plugins read them from the store file).
    @discardableResult
    package func setDefaultCostBands(_ bands: [String: Double]) throws -> Bool {
        guard !store.database.isReadOnly else {
            let stored = try store.database.rows("SELECT placement_type, phase, annual_cost FROM default_cost_bands")
            let storedBands = Dictionary(stored.map { row in
                let (type, phase) = (row[0].string ?? "", row[1].string ?? "")
                return (phase.isEmpty ? type : "\(type)/\(phase)", row[2].double ?? .nan)
            }, uniquingKeysWith: { first, _ in first })
            return storedBands == bands
        }
        try store.database.transaction {
            try store.database.execute("DELETE FROM default_cost_bands")
            for (key, cost) in bands.sorted(by: { $0.key < $1.key }) {
                let parts = key.split(separator: "/", maxSplits: 1).map(String.init)
                try store.database.execute(
                    "INSERT INTO default_cost_bands (placement_type, phase, annual_cost) VALUES (?,?,?)",
                    [.text(parts[0]), .text(parts.count > 1 ? parts[1] : ""), .real(cost)])
            }
        }
        return true
    }

    /// Computes all indicators: the metric plugins, then the declarative metrics in
    /// `metricFiles`. A failing provider or file is reported and does not stop the others.
    ///
    /// The providers and the declarative queries run at the same time, one per core, each on its
    /// own read-only connection; their results are stored one provider after another, in the order
    /// of the runs returned, each in its own transaction.
    package func run(now: Date = Date(), metricsFolder: String? = nil) throws -> [ProviderRun] {
        if store.database.isReadOnly { try IndicatorTable(database: store.database).shadowInTemporaryTables() }
        let computedAt = ISO8601DateFormatter().string(from: now)
        let providers = catalog.metrics
        let files = Self.metricFiles(folder: metricsFolder, catalog: catalog,
                                     storedIndicators: try IndicatorTable(database: store.database).providers())
        // Declarative queries first: written by users, they are usually the slowest jobs, and the
        // providers fill the other core meanwhile.
        var jobs: [MetricJob] = []
        for (index, loaded) in files.enumerated() {
            guard case .success(let file) = loaded else { continue }
            jobs.append(.declarative(index: index, file: file, query: .numerator))
            if file.denominatorSQL != nil { jobs.append(.declarative(index: index, file: file, query: .denominator)) }
        }
        jobs += providers.enumerated().map { MetricJob.provider(index: $0.offset, provider: $0.element.provider) }
        let path = store.database.path
        let outcomes = ConcurrentJobs.run(jobs) { $0.run(storePath: path) }

        var providerOutcomes: [Int: MetricJob.Outcome] = [:]
        var queryOutcomes: [Int: [DeclarativeMetrics.Query: MetricJob.Outcome]] = [:]
        for (job, outcome) in zip(jobs, outcomes) {
            switch job {
            case let .provider(index, _): providerOutcomes[index] = outcome
            case let .declarative(index, _, query): queryOutcomes[index, default: [:]][query] = outcome
            }
        }
        var runs: [ProviderRun] = []
        for (index, (component, provider)) in providers.enumerated() {
            guard let outcome = providerOutcomes[index] else { continue }
            runs.append(save(outcome, providerID: component.descriptor.id, version: component.descriptor.version,
                             definitions: provider.indicators, computedAt: computedAt))
        }
        for (index, loaded) in files.enumerated() {
            switch loaded {
            case .failure(let error):
                runs.append(ProviderRun(providerID: "declarative:\(error.file)", values: 0, unavailable: 0, failure: "\(error)"))
            case .success(let file):
                let queries = queryOutcomes[index] ?? [:]
                runs.append(save(Self.combine(file, queries), providerID: "declarative:\(file.id)", version: "file",
                                 definitions: [DeclarativeMetrics.definition(file)], computedAt: computedAt))
            }
        }
        runs += try removingVanishedMetrics(keeping: files)
        return runs
    }

    /// Removes the stored values of declarative metrics that no metric file defines now (the file
    /// was deleted, renamed to another id, no longer loads, or no metrics folder is read), so that
    /// no output shows a figure whose definition is gone (docs/metric-sandbox.md).
    private func removingVanishedMetrics(keeping files: [Result<DeclarativeMetricFile, ConfigurationError>]) throws -> [ProviderRun] {
        var current = Set<String>()
        for case .success(let file) in files { current.insert("declarative:\(file.id)") }
        let stored = Set(try IndicatorTable(database: store.database).providers().values)
        let vanished = stored.filter { $0.hasPrefix("declarative:") && !current.contains($0) }.sorted()
        guard !vanished.isEmpty else { return [] }
        try store.database.transaction {
            for provider in vanished { try IndicatorTable(database: store.database).remove(providerID: provider) }
        }
        return vanished.map { ProviderRun(providerID: $0, values: 0, unavailable: 0, removed: true) }
    }

    /// The metric files of `folder` (none without one), each parsed or the reason it is refused:
    /// what `run` computes and `hnhub plugins` lists.
    package static func metricFiles(folder: String?, catalog: PluginCatalog, storedIndicators: [String: String] = [:])
        -> [Result<DeclarativeMetricFile, ConfigurationError>] {
        refusingClashes(folder.map { DeclarativeMetricFile.loadAll(folder: $0) } ?? [],
                        pluginIndicators: catalog.indicatorOwners, storedIndicators: storedIndicators)
    }

    /// The metric files with those whose id is taken turned into failures: an id of a plugin's
    /// indicator, of an indicator another provider stored, or of another metric file (both are
    /// refused). A metric file must never replace a figure it did not define (docs/metric-sandbox.md).
    static func refusingClashes(_ files: [Result<DeclarativeMetricFile, ConfigurationError>],
                                pluginIndicators: [String: String], storedIndicators: [String: String])
        -> [Result<DeclarativeMetricFile, ConfigurationError>] {
        var filesByID: [String: [String]] = [:]
        for case .success(let file) in files { filesByID[file.id, default: []].append(file.file) }
        return files.map { loaded in
            guard case .success(let file) = loaded else { return loaded }
            func refuse(_ message: String) -> Result<DeclarativeMetricFile, ConfigurationError> {
                .failure(ConfigurationError(file: file.file, line: nil, key: "id",
                                            message: "'\(file.id)' \(message); a metric file cannot replace it: give this metric an id of its own"))
            }
            if let provider = pluginIndicators[file.id] {
                return refuse("is an indicator of the metric plugin \(provider)")
            }
            if let provider = storedIndicators[file.id], provider != "declarative:\(file.id)" {
                return refuse("is an indicator that \(provider) stored in this hub")
            }
            if let others = filesByID[file.id]?.filter({ $0 != file.file }), !others.isEmpty {
                return .failure(ConfigurationError(file: file.file, line: nil, key: "id",
                    message: "'\(file.id)' is also the id of \(others.joined(separator: " and ")); neither is computed: give each metric an id of its own"))
            }
            return loaded
        }
    }

    /// A declarative metric's outcome from those of its queries: the first failure, else its results.
    static func combine(_ file: DeclarativeMetricFile,
                        _ queries: [DeclarativeMetrics.Query: MetricJob.Outcome]) -> MetricJob.Outcome {
        let seconds = queries.values.reduce(0) { $0 + $1.seconds }
        var figures: [DeclarativeMetrics.Query: [String: Double]] = [:]
        for query in [DeclarativeMetrics.Query.numerator, .denominator] {
            switch queries[query]?.value {
            case .failure(let message)?: return MetricJob.Outcome(value: .failure(message), seconds: seconds)
            case .figures(let values)?: figures[query] = values
            case .results?, nil: break
            }
        }
        let results = DeclarativeMetrics.results(file, numerators: figures[.numerator] ?? [:],
                                                 denominators: file.denominatorSQL == nil ? nil : figures[.denominator] ?? [:])
        return MetricJob.Outcome(value: .results(results), seconds: seconds)
    }

    /// Stores one provider's results (replacing what it wrote before) and says how it went.
    private func save(_ outcome: MetricJob.Outcome, providerID: String, version: String,
                      definitions: [IndicatorDefinition], computedAt: String) -> ProviderRun {
        let started = Date()
        var run = ProviderRun(providerID: providerID, values: 0, unavailable: 0)
        switch outcome.value {
        case .failure(let message):
            run.failure = message
        case .figures:
            run.failure = "internal error: query figures where results were expected"
        case .results(let results):
            do {
                try store.database.transaction {
                    try IndicatorTable(database: store.database).replace(
                        definitions: definitions, results: results, providerID: providerID,
                        providerVersion: version, computedAt: computedAt)
                }
                let unavailable = results.filter { $0.unavailableReason != nil }.count
                (run.values, run.unavailable) = (results.count - unavailable, unavailable)
            } catch {
                run.failure = "\(error)"
            }
        }
        run.seconds = outcome.seconds + Date().timeIntervalSince(started)
        return run
    }
}
