/// The three cases every forecast figure carries. "Best" is the one with fewer plans (less demand,
/// lower cost), "worst" the one with more.
package enum ForecastCase: String, CaseIterable, Sendable, Codable {
    case central, best, worst
}

/// Why a forecast cannot be made: each names the option or field to change.
package enum ForecastError: Error, CustomStringConvertible, Equatable {
    case horizon(Int)
    case tooLittleHistory(la: String, years: [Int], needed: Int)
    case noSeries(la: String)
    case nothingToForecast
    case simulations(Int)

    package var description: String {
        switch self {
        case let .horizon(value):
            return "--horizon: \(value) is not between 1 and \(ForecastSettings.maximumHorizon) (census years ahead)"
        case let .tooLittleHistory(la, years, needed):
            let held = years.isEmpty ? "none" : years.map(CensusYear.label).joined(separator: ", ")
            return "--la \(la): too little history to forecast: \(years.count) census year(s) (\(held)); at least \(needed) consecutive are needed"
        case let .noSeries(la):
            return "--la \(la): no caseload series for this LA: import its SEN2 returns or a published caseload table (ees-table)"
        case let .simulations(value):
            return "--simulations: \(value) is not a positive number of simulations"
        case .nothingToForecast:
            return "nothing to forecast: the store holds no published caseload table (ees-table) and no SEN2 returns"
        }
    }
}

/// Settings shared by every forecast.
package enum ForecastSettings {
    package static let maximumHorizon = 5
    /// Census years a series needs (the origin and the year before it).
    package static let minimumYears = 2

    /// Throws unless `horizon` is 1...5.
    package static func check(horizon: Int) throws {
        guard (1...maximumHorizon).contains(horizon) else { throw ForecastError.horizon(horizon) }
    }
}
