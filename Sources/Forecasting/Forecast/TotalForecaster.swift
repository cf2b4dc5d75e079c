import Foundation

/// Forecasts each LA's series of a panel from its last census with one method, the best and worst
/// cases as a sustained lower or higher growth every year, and prediction intervals calibrated on
/// the method's errors at earlier origins of a calibration panel (docs/forecasting.md).
package struct TotalForecaster: Sendable {
    package var panel: CaseloadPanel
    package var method: ForecastMethod
    /// Whose backtest errors set the intervals: the published series when the store has them (150
    /// LAs a year), else the panel itself.
    package var calibration: CaseloadPanel

    package init(panel: CaseloadPanel, method: ForecastMethod = .shrunkGrowth, calibration: CaseloadPanel? = nil) {
        self.panel = panel
        self.method = method
        self.calibration = calibration ?? panel
    }

    /// Forecasts for `las` (every LA of the panel when nil), `horizon` censuses ahead of each LA's
    /// last census. Throws when the horizon is out of range, an LA asked for has no series, or its
    /// series is too short.
    package func forecast(las: [String]? = nil, horizon: Int) throws -> [AreaForecast] {
        try ForecastSettings.check(horizon: horizon)
        let chosen = try las.map { codes in
            try codes.map { la -> String in
                guard let series = panel.series[la], !series.isEmpty else { throw ForecastError.noSeries(la: la) }
                try Self.checkHistory(la, series)
                return la
            }
        } ?? panel.series.keys.filter { la in skipNote(la) == nil }
        var distributions: [Int: [ErrorDistribution?]] = [:]
        var quantiles: [Int: [ErrorQuantiles?]] = [:]
        return chosen.sorted().compactMap { la in
            let series = panel.series[la]!
            let origin = series.lastYear!
            guard let central = panel.forecast(method, la: la, origin: origin, horizon: horizon) else { return nil }
            if quantiles[origin] == nil {
                distributions[origin] = (1...horizon).map { h in ErrorCalibration.distribution(method, calibration, asOf: origin, horizon: h) }
                quantiles[origin] = distributions[origin]!.map { $0.map(ErrorQuantiles.init) }
            }
            let errors = quantiles[origin]!
            // The sustained cases: one-year 10th and 90th percentile errors, every year.
            let bestFactor = errors[0]?.low80 ?? 1
            let worstFactor = errors[0]?.high80 ?? 1
            let best = central.enumerated().map { $0.element * pow(bestFactor, Double($0.offset + 1)) }
            let worst = central.enumerated().map { $0.element * pow(worstFactor, Double($0.offset + 1)) }
            return AreaForecast(
                la: la, measure: panel.measure, source: panel.source, method: method, origin: origin,
                history: series.through(origin), central: central, best: best, worst: worst,
                intervals: central.enumerated().map { h, value in errors[h].map { PredictionInterval(around: value, errors: $0) } },
                errors: distributions[origin]!,
                assumptions: assumptions(la, series, origin: origin, best: bestFactor, worst: worstFactor,
                                         calibrated: errors[0] != nil, residualScale: distributions[origin]![0]?.residualScale ?? 1))
        }
    }

    /// Why an LA is left out when every LA is forecast: too short a series, or one that stops
    /// before the panel's latest census (an LA since reorganised, such as Cumbria or
    /// Northamptonshire, or a return not imported yet); nil when it is forecast. An LA asked for by
    /// code is forecast from its own last census all the same.
    package func skipNote(_ la: String) -> String? {
        guard let series = panel.series[la] else { return nil }
        do {
            try Self.checkHistory(la, series)
        } catch {
            return "\(la): \(series.years.count) census year(s) (\(series.years.map(CensusYear.label).joined(separator: ", "))): too little history"
        }
        if let last = series.lastYear, let latest = panel.years.last, last < latest {
            return "\(la): its \(panel.source.rawValue) series ends at \(CensusYear.label(last)), before the latest census \(CensusYear.label(latest)) (reorganised, or a return not yet imported); ask for it with --la to forecast it from \(CensusYear.label(last))"
        }
        return nil
    }

    /// A series is forecast from its last census, which needs the census before it too.
    static func checkHistory(_ la: String, _ series: YearSeries) throws {
        guard let last = series.lastYear, series[last - 1] != nil else {
            throw ForecastError.tooLittleHistory(la: la, years: series.years, needed: ForecastSettings.minimumYears)
        }
    }

    func assumptions(_ la: String, _ series: YearSeries, origin: Int, best: Double, worst: Double,
                     calibrated: Bool, residualScale: Double = 1) -> [ForecastCase: String] {
        let central: String
        let growth: Double?
        switch method {
        case .shrunkGrowth:
            let requests = panel.requests?.through(origin)
            let parts = ShrunkGrowth(series, pool: panel.pool, origin: origin, requestsLead: requests?.lead(la, origin: origin))
            growth = parts.factor
            let weight = Int((ForecastMethod.ownGrowthWeight * 100).rounded())
            let first = panel.pool.through(origin).firstYear.map(CensusYear.label) ?? "?"
            let limit = Int((ForecastMethod.jumpLimit * 100).rounded())
            let capped = zip(parts.leads, parts.cappedLeads).filter { $0 != $1 }.count
            if parts.pooled == nil {
                central = "growth \(Self.percent(growth)) a year: the LA's own over its last \(ForecastMethod.ownGrowthYears) years "
                    + "(\(panel.poolName) has no growth to pull it towards)"
            } else {
                central = "growth \(Self.percent(growth)) a year: that of \(panel.poolName) since \(first) (\(Self.percent(parts.pooled))) "
                    + "with \(weight)% of the LA's lead over it in its last \(parts.cappedLeads.count) years "
                    + "(\(Self.percent(parts.meanLead.map(exp))) a year, each year's lead capped at \(limit)% either way"
                    + (capped > 0 ? ", \(capped) year(s) capped" : "") + "; the LA's own growth \(Self.percent(parts.own)))"
                    + Self.requestsNote(requests?.ratios(la, origin: origin), lead: parts.requestsLead, origin: origin)
            }
        default:
            growth = nil
            central = "\(method.rawValue) from \(CensusYear.label(origin))"
        }
        guard calibrated else {
            let none = "as central: no earlier origin measured this method's errors"
            return [.central: central, .best: none, .worst: none]
        }
        func sustained(_ factor: Double, _ word: String, _ percentile: Int) -> String {
            let points = abs(factor - 1) * (growth ?? 1) * 100
            return "growth \(String(format: "%.1f", points)) points a year \(word) central, every year"
                + (growth.map { " (\(Self.percent($0 * factor)) a year)" } ?? "")
                + ": the one-year \(percentile)th percentile error of earlier origins, sustained"
                + Self.spreadNote(residualScale, origin: origin)
        }
        return [.central: central, .best: sustained(best, "below", 10), .worst: sustained(worst, "above", 90)]
    }

    /// How the errors' LA-by-LA spread was scaled for the year (``ErrorCalibration/spreadScale(_:asOf:origins:)``);
    /// nothing when it was not.
    static func spreadNote(_ scale: Double, origin: Int) -> String {
        guard scale != 1 else { return "" }
        return String(format: " (each LA's part of the errors scaled x%.3f: how widely the LAs' requests grew in %d, ", scale, origin - 1)
            + "against the same at the earlier origins)"
    }

    /// The requests part of the central case's assumption.
    static func requestsNote(_ ratios: (la: Double, england: Double)?, lead: Double?, origin: Int) -> String {
        let weight = Int((ForecastMethod.requestsWeight * 100).rounded())
        guard let ratios, let lead else {
            return ", and no requests lead (no published requests in \(origin - 1) beside a published caseload in \(CensusYear.label(origin)))"
        }
        return ", and \(weight)% of its requests lead (\(percent(exp(lead))): requests received in \(origin - 1) per plan held "
            + String(format: "in January %d, %.3f against England's %.3f)", origin, ratios.la, ratios.england)
    }

    static func percent(_ factor: Double?) -> String {
        factor.map { String(format: "%+.1f%%", ($0 - 1) * 100) } ?? "none"
    }
}
