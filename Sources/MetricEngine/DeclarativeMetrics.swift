import Foundation
import HubConfig
import HubKit
import HubStore

/// Runs metrics described in files (`config/metrics/*.yaml`) in the SQL sandbox.
package enum DeclarativeMetrics {
    /// The definition a file declares.
    package static func definition(_ file: DeclarativeMetricFile) -> IndicatorDefinition {
        IndicatorDefinition(id: file.id, title: file.title, unit: IndicatorUnit(rawValue: file.unit) ?? .count,
                            polarity: Polarity(rawValue: file.polarity) ?? .none,
                            periodType: PeriodType(rawValue: file.periodType) ?? .census,
                            numerator: file.numeratorText, denominator: file.denominatorSQL == nil ? nil : (file.denominatorText ?? "denominator"),
                            sources: [.sen2Returns])
    }

    /// One of a file's two queries.
    package enum Query: String, Sendable {
        case numerator, denominator
    }

    /// The results of one file's queries, or an error naming the file and SQLite's message.
    package static func compute(_ file: DeclarativeMetricFile, sandbox: SandboxedDatabase) throws -> [IndicatorResult] {
        let numerators = try figures(file, .numerator, sandbox: sandbox)
        let denominators = file.denominatorSQL == nil ? nil : try figures(file, .denominator, sandbox: sandbox)
        return results(file, numerators: numerators, denominators: denominators)
    }

    /// The figures one query of `file` returns, keyed `la_code|collection_year` (empty for a
    /// denominator the file does not have), or an error naming the file, the query and SQLite's
    /// message, or the row and the field that is not allowed (see `OutputRows`). The two queries
    /// of a file may run at the same time, each in its own sandbox.
    package static func figures(_ file: DeclarativeMetricFile, _ query: Query,
                               sandbox: SandboxedDatabase) throws -> [String: Double] {
        guard let sql = query == .numerator ? file.numeratorSQL : file.denominatorSQL else { return [:] }
        var figures: [String: Double] = [:]
        do {
            let rules = try OutputRows(sandbox: sandbox)
            var index = 0
            try sandbox.query(sql) { row in
                index += 1
                let (key, figure) = try rules.check(row, number: index)
                guard figures.updateValue(figure, forKey: key) == nil else {
                    throw OutputRows.Refusal(row: index, field: "la_code, collection_year",
                                             message: "LA \(key.replacingOccurrences(of: "|", with: ", ")) appears in an earlier row too")
                }
            }
        } catch let refusal as OutputRows.Refusal {
            throw DeclarativeMetricError(file: file.file, message: "\(query.rawValue)_sql: \(refusal)")
        } catch {
            throw DeclarativeMetricError(file: file.file, message: "\(query.rawValue)_sql: \(error)")
        }
        return figures
    }

    /// What a metric's query may return: one row per LA of the register and plausible collection
    /// year, and a finite number. Nothing else reaches the indicator values, so a query cannot
    /// copy pseudonyms or other text from the store into an output (docs/metric-sandbox.md).
    struct OutputRows {
        /// LA codes of the register (`local_authorities`).
        let laCodes: Set<String>
        /// From 2000 to the newest collection year of the store's imports or next calendar year.
        let years: ClosedRange<Int>

        struct Refusal: Error, CustomStringConvertible {
            var row: Int
            var field: String
            var message: String
            var description: String { "row \(row), \(field): \(message)" }
        }

        init(sandbox: SandboxedDatabase) throws {
            var codes = Set<String>()
            try sandbox.query("SELECT DISTINCT la_code FROM local_authorities") { row in
                if let code = row.first?.string { codes.insert(code) }
            }
            laCodes = codes
            var newest = Calendar(identifier: .gregorian).component(.year, from: Date()) + 1
            try sandbox.query("SELECT max(collection_year) FROM imports") { row in
                newest = max(newest, row.first?.int ?? newest)
            }
            years = 2000...newest
        }

        /// The row's key (`la_code|collection_year`) and figure, or why the row is refused.
        func check(_ row: [SQLValue], number: Int) throws -> (key: String, figure: Double) {
            func refuse(_ field: String, _ message: String) -> Refusal { Refusal(row: number, field: field, message: message) }
            guard row.count == 3 else {
                throw refuse("columns", "\(row.count) columns; a metric query returns three: la_code, collection_year, figure")
            }
            let la: String
            switch row[0] {
            case .text(let text): la = text
            case .integer(let code): la = String(code)
            default: throw refuse("la_code", "\(Self.shown(row[0])) is not an LA code")
            }
            guard laCodes.contains(la) else {
                throw refuse("la_code", "\(Self.shown(row[0])) is not an LA code of the register (3 digits, e.g. 800)")
            }
            guard case .integer(let year) = row[1], years.contains(Int(year)) else {
                throw refuse("collection_year", "\(Self.shown(row[1])) is not a collection year from \(years.lowerBound) to \(years.upperBound)")
            }
            let figure: Double
            switch row[2] {
            case .integer(let value): figure = Double(value)
            case .real(let value) where value.isFinite: figure = value
            default: throw refuse("figure", "\(Self.shown(row[2])) is not a number")
            }
            return ("\(la)|\(year)", figure)
        }

        /// A value as an error message shows it: short, so a refusal never echoes a whole value.
        static func shown(_ value: SQLValue) -> String {
            switch value {
            case .null: return "NULL"
            case .integer(let v): return String(v)
            case .real(let v): return String(v)
            case .blob(let bytes): return "a blob of \(bytes.count) bytes"
            case .text(let text): return "'\(text.count > 12 ? String(text.prefix(8)) + "..." : text)'"
            }
        }
    }

    /// The file's results from the figures of its queries (`denominators` nil when it has none).
    package static func results(_ file: DeclarativeMetricFile, numerators: [String: Double],
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
package struct DeclarativeMetricError: Error, CustomStringConvertible {
    package var file: String
    package var message: String
    package var description: String { "\(file): \(message)" }
}
