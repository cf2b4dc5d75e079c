import Foundation
import HubConfig
import HubKit
import HubStore

/// One piece of an indicator run that reads the store on its own connection, so that pieces can
/// run at the same time: a metric provider's computation, or one query of a declarative metric.
enum MetricJob: Sendable {
    case provider(index: Int, provider: any MetricProvider)
    case declarative(index: Int, file: DeclarativeMetricFile, query: DeclarativeMetrics.Query)

    /// What a job produced, and how long it took (wall clock).
    struct Outcome: Sendable {
        enum Value: Sendable {
            case results([IndicatorResult])
            case figures([String: Double])
            case failure(String)
        }

        var value: Value
        var seconds: Double
    }

    /// Runs the job on a new read-only connection to the store at `path`.
    func run(storePath path: String) -> Outcome {
        let started = Date()
        let value: Outcome.Value
        do {
            switch self {
            case let .provider(_, provider):
                value = .results(try provider.compute(in: try StoreMetricContext(path: path)))
            case let .declarative(_, file, query):
                value = .figures(try DeclarativeMetrics.figures(file, query, sandbox: try SandboxedDatabase(path: path)))
            }
        } catch {
            value = .failure("\(error)")
        }
        return Outcome(value: value, seconds: Date().timeIntervalSince(started))
    }
}
