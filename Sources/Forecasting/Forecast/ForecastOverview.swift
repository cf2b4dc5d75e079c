import HubStore

/// The forecast a report or workbook shows beside the indicators: the LA totals in scope and their
/// sum (central, best and worst, 80% and 95% intervals, with history), and what the backtest found
/// for the method one year ahead.
package struct ForecastOverview: Sendable {
    package var areas: [AreaForecast]
    /// One sentence on the measured accuracy, for the reader.
    package var accuracy: String
    /// Who the forecasting purpose left out, for the reader; nil when nobody.
    package var leftOut: String?

    package init(areas: [AreaForecast], accuracy: String) {
        self.areas = areas
        self.accuracy = accuracy
    }

    /// The forecasts of `las` that have a series (and of `sum` over them, when given), `horizon`
    /// years ahead; nil when none has one.
    package static func make(_ database: Database, las: [String], sum: ForecastRequest.Area?, horizon: Int = 3,
                            seed: UInt64 = 1) throws -> ForecastOverview? {
        try make(try CaseloadSources.read(database), las: las, sum: sum, horizon: horizon, seed: seed)
    }

    /// What a forecast output says when LAs are left out because they have not opted in to the
    /// forecasting purpose (`purpose`, titled `title`): their returns are not used, published series
    /// (public) still are. Nil when none is left out (docs/forecasting.md, "Purposes").
    package static func leftOutNotice(purpose: String, title: String, las: [String]) -> String? {
        guard !las.isEmpty else { return nil }
        return "Left out of this forecast (not opted in to the purpose '\(purpose)', \(title), under the data-sharing "
            + "agreement): \(las.joined(separator: ", ")). Their SEN2 returns are not used in any figure or total; "
            + "an LA among them with a published caseload series is forecast from that public series alone."
    }

    /// ``make(_:las:sum:horizon:seed:)`` from series already read (a service reads them once per
    /// set of figures).
    package static func make(_ sources: CaseloadSources, las: [String], sum: ForecastRequest.Area?, horizon: Int = 3,
                            seed: UInt64 = 1) throws -> ForecastOverview? {
        let known = Set(sources.laCodes)
        let chosen = las.filter { known.contains($0) }
        guard !chosen.isEmpty else { return nil }
        let run = try CaseloadForecast.run(sources, ForecastRequest(las: chosen, areas: sum.map { [$0] } ?? [], horizon: horizon,
                                                                    simulations: 1000, seed: seed))
        return ForecastOverview(areas: run.totals + run.sums, accuracy: accuracy(sources))
    }

    /// The method's one-year accuracy at the latest origin of the published series (the returns'
    /// when there is none), beside the best baseline's, and the 80% and 95% intervals' coverage
    /// there: what every forecast output says about how far to trust it (docs/forecasting.md).
    package static func accuracy(_ sources: CaseloadSources) -> String {
        guard let panel = sources.calibrationPanel, let origin = RollingOriginBacktest(panel: panel).possibleOrigins.last else {
            return "No backtest: the store holds too short a series to test the method on."
        }
        let scores = RollingOriginBacktest(panel: panel).run(origins: [origin], horizon: 1)
        guard let own = scores.first(where: { $0.method == .shrunkGrowth }) else {
            return "No backtest: the store holds too short a series to test the method on."
        }
        let a = own.accuracy
        var text = String(format: "Backtest on the %@ series, forecasting %@ from %@ (%d LAs): mean absolute error %.1f%%, median %.1f%%, "
                          + "mean signed error %+.1f%%.", panel.source.rawValue, CensusYear.label(origin + 1), CensusYear.label(origin),
                          a.count, a.mape, a.medianAPE, a.bias)
        if let best = scores.filter({ $0.method != .shrunkGrowth }).min(by: { $0.accuracy.mape < $1.accuracy.mape }) {
            text += String(format: " The best baseline (%@) had %.1f%%.", best.method.rawValue, best.accuracy.mape)
        }
        if let c80 = a.coverage80, let c95 = a.coverage95 {
            text += String(format: " The 80%% intervals held the actual for %.0f%% of LAs, the 95%% intervals for %.0f%%.", c80, c95)
        }
        return text + " Further ahead the errors grow (hnhub backtest)."
    }

    /// Whether `value` of `forecast` is withheld from `ownLA`'s audience (nil for a shared view): a
    /// figure from the hub's returns that rounds to a small count, other than the reader's own.
    package static func withholds(_ forecast: AreaForecast, value: Double, ownLA: String?, threshold: Int) -> Bool {
        guard forecast.source == .returns, forecast.la != ownLA else { return false }
        let rounded = value.rounded()
        return rounded > 0 && rounded < Double(threshold)
    }
}
