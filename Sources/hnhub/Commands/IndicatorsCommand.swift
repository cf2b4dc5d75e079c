import ArgumentParser
import Foundation
import HubStore
import Comparison
import ComparisonTables
import Exports
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

    @OptionGroup var purpose: PurposeOption

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
        for code in la { try RequestChecks.knownArea(code, in: store.database) }
        // An indicator of a metric that just failed is not unknown: the failure above says why it is missing.
        let failed = Set(runs.filter { $0.failure != nil }.map(\.providerID))
        let failedIndicators = Set(catalog.metrics.filter { failed.contains($0.provider.descriptor.id) }
            .flatMap { $0.provider.indicators.map(\.id) })
        for id in indicator where !failed.contains("declarative:\(id)") && !failedIndicators.contains(id) {
            try RequestChecks.knownIndicator(id, in: store.database)
        }
        if let period { try RequestChecks.knownPeriod(period, in: try IndicatorSnapshot.load(store.database)) }
        let purposeScope = try purpose.scope(config, store: store, naming: la)
        let askedForLAs = !laCodes.isEmpty
        laCodes = laCodes.filter(purposeScope.includes)
        if timings {
            for run in runs {
                let name = run.providerID.padding(toLength: max(40, run.providerID.count), withPad: " ", startingAt: 0)
                printError(name + String(format: " %6.2f s  %d values", run.seconds, run.values))
            }
        }
        var values = try IndicatorTable(database: store.database).values(indicators: indicator, laCodes: laCodes,
                                                                         period: period).filter { purposeScope.includes($0.laCode) && (!askedForLAs || !laCodes.isEmpty) }
        if !(own && laCodes.count == 1) {
            // The hub's one pattern over every LA, region and group, across purposes (docs/disclosure-control.md).
            let pattern = try PurposeOption.pattern(for: purposeScope, config, store: store,
                                                    snapshot: try IndicatorSnapshot.load(store.database),
                                                    geography: try LAGeography.loadAll(store.database,
                                                                                       groups: config.groups))
            let audience = Audience(control: DisclosureControl(threshold: config.suppressionThreshold),
                                    pattern: pattern)
            values = SuppressedValues.apply(values, audience: audience)
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
                    : [v.indicatorID, v.laCode, v.period, v.value.map(NumberText.text) ?? "-", v.numerator.map(NumberText.text) ?? "",
                       v.denominator.map(NumberText.text) ?? "", v.unit, v.unavailableReason ?? v.source ?? ""]
            }
            // After a failed metric the errors above say why, not a missing import.
            print(values.isEmpty
                  ? (runs.contains { $0.failure != nil } ? "no indicator values (see the errors above)"
                                                          : Self.nothingFound(la: laCodes, period: period, indicators: indicator))
                  : table.render())
        }
        // After a table; on standard error beside CSV or JSON, which stay machine-readable.
        if let notice = purposeScope.notice { format == .table ? print(notice) : printError(notice) }
        if runs.contains(where: { $0.failure != nil }) { throw ExitCode(1) }
    }

    /// Why the table is empty: nothing imported yet, or nothing for this LA, period and indicator.
    static func nothingFound(la: [String], period: String?, indicators: [String]) -> String {
        var asked: [String] = []
        if !la.isEmpty { asked.append("LA \(la.joined(separator: ", "))") }
        if !indicators.isEmpty { asked.append(indicators.joined(separator: ", ")) }
        if let period { asked.append(period) }
        return asked.isEmpty
            ? "no indicator values yet: import returns (hnhub import) or the published tables (hnhub init)"
            : "no indicator values for \(asked.joined(separator: ", ")) (run without these options to see what the hub holds)"
    }
}
