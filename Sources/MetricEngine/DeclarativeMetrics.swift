import HubConfig
import HubKit
import HubStore

/// Runs metrics described in files (`config/metrics/*.yaml`) in the SQL sandbox.
public enum DeclarativeMetrics {
    /// The definition a file declares.
    public static func definition(_ file: DeclarativeMetricFile) -> IndicatorDefinition {
        IndicatorDefinition(id: file.id, title: file.title, unit: IndicatorUnit(rawValue: file.unit) ?? .count,
                            polarity: Polarity(rawValue: file.polarity) ?? .none,
                            periodType: PeriodType(rawValue: file.periodType) ?? .census,
                            numerator: file.numeratorText, denominator: file.denominatorSQL == nil ? nil : (file.denominatorText ?? "denominator"),
                            sources: [.sen2Returns])
    }

    /// One of a file's two queries.
    public enum Query: String, Sendable {
        case numerator, denominator
    }

    /// The results of one file's queries, or an error naming the file and SQLite's message.
    public static func compute(_ file: DeclarativeMetricFile, sandbox: SandboxedDatabase) throws -> [IndicatorResult] {
        let numerators = try figures(file, .numerator, sandbox: sandbox)
        let denominators = file.denominatorSQL == nil ? nil : try figures(file, .denominator, sandbox: sandbox)
        return results(file, numerators: numerators, denominators: denominators)
    }

    /// The figures one query of `file` returns, keyed `la_code|collection_year` (empty for a
    /// denominator the file does not have), or an error naming the file and SQLite's message.
    /// The two queries of a file may run at the same time, each in its own sandbox.
    public static func figures(_ file: DeclarativeMetricFile, _ query: Query,
                               sandbox: SandboxedDatabase) throws -> [String: Double] {
        guard let sql = query == .numerator ? file.numeratorSQL : file.denominatorSQL else { return [:] }
        let rows: [[SQLValue]]
        do { rows = try sandbox.rows(sql) } catch {
            throw DeclarativeMetricError(file: file.file, message: "\(query.rawValue)_sql: \(error)")
        }
        var figures: [String: Double] = [:]
        for (index, row) in rows.enumerated() {
            guard row.count >= 3, let la = row[0].string, let year = row[1].int, let value = row[2].double else {
                throw DeclarativeMetricError(
                    file: file.file, message: "\(query.rawValue)_sql: row \(index + 1) is not (la_code, collection_year, number)")
            }
            figures["\(la)|\(year)"] = value
        }
        return figures
    }

    /// The file's results from the figures of its queries (`denominators` nil when it has none).
    public static func results(_ file: DeclarativeMetricFile, numerators: [String: Double],
                               denominators: [String: Double]?) -> [IndicatorResult] {
        let type = PeriodType(rawValue: file.periodType) ?? .census
        let keys = Set(numerators.keys).union(denominators?.keys ?? Dictionary<String, Double>().keys).sorted()
        return keys.compactMap { key in
            let parts = key.split(separator: "|")
            guard let year = Int(parts[1]) else { return nil }
            let period = type == .census ? Period.census(collectionYear: year) : Period.calendar(collectionYear: year)
            return IndicatorResult(indicatorID: file.id, laCode: String(parts[0]), period: period,
                                   numerator: numerators[key] ?? 0, denominator: denominators.map { $0[key] ?? 0 })
        }
    }
}

/// A declarative metric that could not run.
public struct DeclarativeMetricError: Error, CustomStringConvertible {
    public var file: String
    public var message: String
    public var description: String { "\(file): \(message)" }
}
