import ArgumentParser
import Exports
import Forecasting
import Foundation
import Governance

/// `hnhub backtest`: how the forecast method and the baselines did at past origins, never using
/// data after the origin (docs/forecasting.md).
struct BacktestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backtest",
        abstract: "Rolling-origin backtest of the forecast method and the baselines: MAPE, median APE, bias, MASE, WAPE, interval coverage and score.")

    @OptionGroup var hub: HubOptions

    @Option(name: .long, help: "published (EES tables in the store) or returns (the hub's SEN2 returns).")
    var source: SeriesSource = .published

    @Option(name: .long, parsing: .upToNextOption,
            help: "Origin censuses, e.g. 2022/23 2023/24 (or 2023 2024, or comma-separated); default every one possible.")
    var origins: [String] = []

    @Option(name: .long, help: "Census years ahead, 1-5.")
    var horizon: Int = 3

    @Option(name: .long, help: "With --source returns: simulations of the flow model at each origin.")
    var simulations = 200

    @Option(name: .long, help: "table, csv or json.")
    var format: IndicatorsCommand.OutputFormat = .table

    func run() throws {
        do {
            try ForecastSettings.check(horizon: horizon)
        } catch {
            throw HubFailure.unusable("\(error)")
        }
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config)
        // The returns of members not opted in to forecasting are not used (docs/forecasting.md, "Purposes").
        let purposeScope = try PurposeOption.scope(StandardPurpose.forecasting.rawValue, config, store: store, naming: [])
        let notice = source == .returns ? ForecastScope.notice(purposeScope) : nil
        let sources = try CaseloadSources.read(store.database).leavingOut(purposeScope.leftOut)
        let panel: CaseloadPanel
        switch source {
        case .published:
            guard let published = sources.published?.total else {
                throw HubFailure.unusable("--source published: the store holds no published caseload table; import one with hnhub import (ees-table)")
            }
            panel = published
        case .returns:
            guard let returns = sources.returns else {
                throw HubFailure.unusable("--source returns: the store holds no SEN2 returns"
                    + (purposeScope.leftOut.isEmpty ? "" : " of an LA opted in to the purpose 'forecasting'"))
            }
            panel = returns
        }
        let backtest = RollingOriginBacktest(panel: panel)
        let possible = backtest.possibleOrigins
        guard !possible.isEmpty else {
            throw HubFailure.unusable("--source \(source.rawValue): too little history to backtest (\(panel.years.count) census years; at least 3 are needed)")
        }
        var chosen: [Int] = []
        for text in origins.flatMap({ $0.split(separator: ",").map(String.init) }) {
            guard let year = CensusYear.year(text), possible.contains(year) else {
                throw HubFailure.unusable("--origins: '\(text)' is not a possible origin (possible: \(possible.map(CensusYear.label).joined(separator: ", ")))")
            }
            chosen.append(year)
        }
        let scores = backtest.run(origins: chosen.isEmpty ? possible : chosen, horizon: horizon)
        var lines = scores.map { BacktestLine(source: source, $0) }
        if source == .published, let published = sources.published {
            let settingOrigins = (chosen.isEmpty ? possible : chosen).filter { published.settings[.mainstream]?.years.contains($0) == true }
            lines += SettingSplitBacktest.run(total: panel, settings: published.settings, origins: settingOrigins, horizon: horizon)
                .map { BacktestLine(source: source, $0) }
        }
        if source == .returns {
            let people = try PersonLevelInputs.read(store.database, las: Set(panel.series.keys))
            let cellOrigins = PersonCellBacktest.possibleOrigins(people.roster).filter { (chosen.isEmpty ? possible : chosen).contains($0) }
            lines += PersonCellBacktest.run(people, total: panel, origins: cellOrigins, horizon: horizon,
                                            simulations: max(1, simulations), seed: 1).map { BacktestLine(source: source, $0) }
        }
        switch format {
        case .json: print(try BacktestFiles.json(lines))
        case .csv: print(BacktestFiles.csv(lines), terminator: "")
        case .table: print(Self.table(lines, checks: AccuracyTargets.check(scores), source: source) + (notice.map { "\n\n" + $0 } ?? ""))
        }
        if format != .table, let notice { printError(notice) }
    }

    static func table(_ lines: [BacktestLine], checks: [AccuracyTargets.Check], source: SeriesSource) -> String {
        func f(_ value: Double?) -> String { value.map { String(format: "%.2f", $0) } ?? "-" }
        var output = ["Backtest on the \(source.rawValue) series (errors in % of the actual; bias > 0 = forecasts too high; "
            + "IS = interval score in % of the actual):"]
        for measure in ["total", "setting_cells", "person_cells"] {
            let chosen = lines.filter { $0.measure == measure }
            guard !chosen.isEmpty else { continue }
            var table = TextTable(header: ["method", "origin", "h", measure == "total" ? "LAs" : "cells", "MAPE", "MdAPE", "bias",
                                           "MASE", "WAPE", "cov80", "cov95", "IS80", "IS95"], rightAligned: Set(2...12))
            for line in chosen.sorted(by: { ($0.horizon, $0.origin) < ($1.horizon, $1.origin) }) {
                let a = line.accuracy
                table.rows.append([line.method, CensusYear.label(line.origin), String(line.horizon), String(a.count), f(a.mape),
                                   f(a.medianAPE), f(a.bias), f(a.mase), f(a.wape), f(a.coverage80), f(a.coverage95),
                                   f(a.intervalScore80), f(a.intervalScore95)])
            }
            let titles = ["total": "LA totals:", "setting_cells": "Setting groups (each LA x group a cell, reconciled to the LA total):",
                          "person_cells": "Need x age band x setting (each LA x cell, reconciled to the LA total; % measures over cells with children):"]
            output += ["", titles[measure]!, table.render()]
        }
        if !checks.isEmpty {
            output += ["", "Targets, one year ahead (\(ForecastMethod.shrunkGrowth.rawValue)):"]
            output += checks.map { "  \($0.met ? "met    " : "NOT met") \($0.target): \($0.reached)" }
        }
        return output.joined(separator: "\n")
    }
}

extension SeriesSource: ExpressibleByArgument {}
