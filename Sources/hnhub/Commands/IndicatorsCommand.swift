import ArgumentParser
import Foundation
import HubStore
import Comparison
import MetricEngine
import ReferenceData

/// `hnhub indicators`: computes every indicator with the metric plugins and prints them.
struct IndicatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "indicators", abstract: "Compute and list indicator values with numerators and denominators.")

    @OptionGroup var hub: HubOptions

    @Option(name: .long, help: "Period, e.g. 2024/25 (census) or 2024 (calendar).")
    var period: String?

    @Option(name: .long, help: "3-digit LA code (repeatable).")
    var la: [String] = []

    @Option(name: .long, help: "A named group of LAs from the config.")
    var group: String?

    @Option(name: .long, help: "Indicator id (repeatable).")
    var indicator: [String] = []

    @Option(name: .long, help: "table, csv or json.")
    var format: OutputFormat = .table

    @Flag(name: .long, help: "With exactly one --la: that LA's own figures, unsuppressed.")
    var own = false

    @Flag(name: .long, help: "Print how long each metric provider took (on standard error).")
    var timings = false

    enum OutputFormat: String, ExpressibleByArgument { case table, csv, json }

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config)
        let catalog = hub.loadPlugins(config)
        var laCodes = la
        if let group {
            do {
                laCodes += try LAGroups.members(of: group, in: config.groups,
                                                knownCodes: LARegister(database: store.database).knownCodes())
            } catch {
                throw HubFailure.unusable("\(error)")
            }
        }
        let runs = try hub.computeIndicators(store: store, config: config, catalog: catalog)
        if timings {
            for run in runs {
                let name = run.providerID.padding(toLength: max(40, run.providerID.count), withPad: " ", startingAt: 0)
                printError(name + String(format: " %6.2f s  %d values", run.seconds, run.values))
            }
        }
        var values = try IndicatorTable(database: store.database).values(indicators: indicator, laCodes: laCodes,
                                                                         period: period)
        if !(own && laCodes.count == 1) {
            values = SuppressedValues.apply(values, control: DisclosureControl(threshold: config.suppressionThreshold))
        }
        switch format {
        case .json: print(try IndicatorJSON.render(values))
        case .csv: print(IndicatorCSV.render(values))
        case .table:
            var table = TextTable(header: ["indicator", "la", "period", "value", "numerator", "denominator", "unit", "note"],
                                  rightAligned: [3, 4, 5])
            table.rows = values.map { v in
                v.suppressed
                    ? [v.indicatorID, v.laCode, v.period, "c", "c", v.denominator == nil ? "" : "c", v.unit, "suppressed (small numbers)"]
                    : [v.indicatorID, v.laCode, v.period, v.value.map(Number.text) ?? "-", v.numerator.map(Number.text) ?? "",
                       v.denominator.map(Number.text) ?? "", v.unit, v.unavailableReason ?? v.source ?? ""]
            }
            print(values.isEmpty ? "no indicator values (import returns first)" : table.render())
        }
        if runs.contains(where: { $0.failure != nil }) { throw ExitCode(1) }
    }
}

/// Number formatting for people: integers without decimals, others to one decimal place.
enum Number {
    static func text(_ value: Double) -> String {
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(format: "%.1f", value)
    }
}

/// The JSON shape design.md fixes for `indicators --format json`.
enum IndicatorJSON {
    static func render(_ values: [StoredIndicatorValue]) throws -> String {
        let objects: [[String: Any]] = values.map { v in
            [
                "indicator": v.indicatorID, "la_code": v.laCode, "period": v.period,
                "value": v.suppressed ? NSNull() : (v.value.map { ($0 * 10).rounded() / 10 } as Any? ?? NSNull()),
                "numerator": v.suppressed ? NSNull() : (v.numerator as Any? ?? NSNull()),
                "denominator": v.suppressed ? NSNull() : (v.denominator as Any? ?? NSNull()),
                "unit": v.unit, "polarity": v.polarity, "suppressed": v.suppressed, "source": v.source ?? "returns",
            ]
        }
        let data = try JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self)
    }
}

/// CSV with a header row; numbers unformatted.
enum IndicatorCSV {
    static func render(_ values: [StoredIndicatorValue]) -> String {
        var lines = ["indicator,la_code,period,value,numerator,denominator,unit,polarity,unavailable_reason,source"]
        for v in values {
            let cells = v.suppressed
                ? [v.indicatorID, v.laCode, v.period, "c", "c", v.denominator == nil ? "" : "c", v.unit, v.polarity, "", v.source ?? "returns"]
                : [v.indicatorID, v.laCode, v.period, v.value.map { String($0) } ?? "",
                         v.numerator.map(Number.text) ?? "", v.denominator.map(Number.text) ?? "", v.unit, v.polarity,
                         v.unavailableReason ?? "", v.source ?? "returns"]
            lines.append(cells.map(quote).joined(separator: ","))
        }
        return lines.joined(separator: "\n")
    }

    static func quote(_ cell: String) -> String {
        cell.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
            ? "\"" + cell.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : cell
    }
}

/// Disclosure control on a list of figures that shows LAs side by side: per indicator and period,
/// every small count (and rate on one) and, where just one is hidden, the next smallest too.
/// Published figures are public already and keep their own symbols.
enum SuppressedValues {
    static func apply(_ values: [StoredIndicatorValue], control: DisclosureControl) -> [StoredIndicatorValue] {
        var result = values
        let groups = Dictionary(grouping: values.indices.filter { values[$0].source == nil && values[$0].numerator != nil }) {
            "\(values[$0].indicatorID)|\(values[$0].period)"
        }
        for indices in groups.values {
            let primary = indices.filter { control.suppressesFigure(numerator: values[$0].numerator, denominator: values[$0].denominator) }
            let secondary = control.suppressedCells(indices.map { values[$0].numerator }).map { indices[$0] }
            for index in Set(primary).union(secondary) { result[index].suppressed = true }
        }
        return result
    }
}
