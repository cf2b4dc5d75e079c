import Foundation
import Yams

/// A metric described in a file instead of code (`config/metrics/*.yaml`): two SQL queries over
/// the store views give each LA's numerator and denominator per collection year.
///
/// ```yaml
/// id: personal_budget_share
/// title: Plans with a personal budget
/// unit: "%"                 # count | % | per 10,000 | per 1,000 | £
/// polarity: none            # high | low | none
/// period_type: census       # census | calendar
/// numerator: plans active at the census with a personal budget (PB = 1)
/// denominator: plans active at the census
/// numerator_sql: |
///   SELECT la_code, collection_year, COUNT(*) FROM current_plans
///   WHERE personal_budget = 1 AND start_date <= census_date
///     AND (cease_date IS NULL OR cease_date > census_date)
///   GROUP BY la_code, collection_year
/// denominator_sql: |         # leave out for a count
///   SELECT la_code, collection_year, COUNT(*) FROM current_plans ...
/// ```
/// Each query returns three columns: the 3-digit LA code, the collection year and the figure.
package struct DeclarativeMetricFile: Sendable, Equatable {
    package var file: String
    package var id: String
    package var title: String
    package var unit: String
    package var polarity: String
    package var periodType: String
    package var numeratorText: String
    package var denominatorText: String?
    package var numeratorSQL: String
    package var denominatorSQL: String?

    static let keys: Set<String> = ["id", "title", "unit", "polarity", "period_type", "numerator", "denominator",
                                    "numerator_sql", "denominator_sql"]

    /// Every `*.yaml` in `folder` (none when the folder does not exist), each parsed or an error
    /// naming the file, line and key. One bad file does not stop the others.
    package static func loadAll(folder: String) -> [Result<DeclarativeMetricFile, ConfigurationError>] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted().map { name in
            let path = (folder as NSString).appendingPathComponent(name)
            do {
                let text = try String(contentsOfFile: path, encoding: .utf8)
                return .success(try parse(yaml: text, file: path))
            } catch let error as ConfigurationError {
                return .failure(error)
            } catch {
                return .failure(ConfigurationError(file: path, line: nil, key: "-", message: "\(error)"))
            }
        }
    }

    package static func parse(yaml: String, file: String) throws -> DeclarativeMetricFile {
        let root: Node?
        do { root = try Yams.compose(yaml: yaml) } catch {
            throw ConfigurationError(file: file, line: nil, key: "-", message: "not valid YAML: \(error)")
        }
        guard let mapping = root?.mapping else {
            throw ConfigurationError(file: file, line: 1, key: "-", message: "expected a mapping of keys (id, title, unit, ...)")
        }
        var values: [String: (String, Int?)] = [:]
        for (key, value) in mapping {
            let name = key.string ?? ""
            guard keys.contains(name) else {
                throw ConfigurationError(file: file, line: key.mark.map { $0.line }, key: name,
                                         message: "unknown key (allowed: \(keys.sorted().joined(separator: ", ")))")
            }
            guard let text = value.scalar?.string else {
                throw ConfigurationError(file: file, line: value.mark.map { $0.line }, key: name, message: "expected text")
            }
            values[name] = (text, key.mark.map { $0.line })
        }
        func required(_ key: String) throws -> String {
            guard let value = values[key]?.0, !value.isEmpty else {
                throw ConfigurationError(file: file, line: nil, key: key, message: "missing")
            }
            return value
        }
        func oneOf(_ key: String, _ allowed: [String]) throws -> String {
            let value = try required(key)
            guard allowed.contains(value) else {
                throw ConfigurationError(file: file, line: values[key]?.1, key: key,
                                         message: "'\(value)' is not one of \(allowed.joined(separator: ", "))")
            }
            return value
        }
        let id = try required("id")
        guard id.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else {
            throw ConfigurationError(file: file, line: values["id"]?.1, key: "id", message: "use letters, digits and _ only")
        }
        return DeclarativeMetricFile(
            file: file, id: id, title: try required("title"),
            unit: try oneOf("unit", ["count", "%", "per 10,000", "per 1,000", "£"]),
            polarity: try oneOf("polarity", ["high", "low", "none"]),
            periodType: try oneOf("period_type", ["census", "calendar"]),
            numeratorText: try required("numerator"), denominatorText: values["denominator"]?.0,
            numeratorSQL: try required("numerator_sql"), denominatorSQL: values["denominator_sql"]?.0)
    }
}
