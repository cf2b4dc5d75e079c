/// Where a caseload series comes from.
package enum SeriesSource: String, Sendable, Codable {
    /// Explore Education Statistics tables imported with the `ees-table` importer.
    case published
    /// The hub's own person-level SEN2 returns (children with a plan active at each census).
    case returns
}

/// One measure (the EHCP caseload, or the caseload of one setting group) for many LAs, with the
/// pool series LA growth is pulled towards: England's published figure when the store has it,
/// else the LAs' own total, chain-linked so that an LA missing a year does not make a jump.
package struct CaseloadPanel: Sendable, Equatable {
    package var measure: String
    package var source: SeriesSource
    /// By 3-digit LA code.
    package var series: [String: YearSeries]
    package var pool: YearSeries
    /// What the pool is ("England", or "the LAs' total").
    package var poolName: String
    /// The published requests for assessment beside the published caseload, when the store has
    /// them: the leading indicator of ``ForecastMethod/shrunkGrowth``.
    package var requests: PublishedRequests?

    package init(measure: String, source: SeriesSource, series: [String: YearSeries], pool: YearSeries? = nil,
                poolName: String = "England", requests: PublishedRequests? = nil) {
        self.measure = measure
        self.source = source
        self.series = series
        self.requests = requests
        if let pool, pool.years.count >= 2 {
            self.pool = pool
            self.poolName = poolName
        } else {
            self.pool = Self.chainLinkedTotal(series)
            self.poolName = "the LAs' total"
        }
    }

    /// The panel as known at `origin`: every series and the pool cut after it.
    package func through(_ origin: Int) -> CaseloadPanel {
        var copy = self
        copy.series = series.mapValues { $0.through(origin) }
        copy.pool = pool.through(origin)
        copy.requests = requests?.through(origin)
        return copy
    }

    /// `method`'s forecasts of one LA from `origin` (see ``ForecastMethod/forecast(_:pool:origin:horizon:requestsLead:)``),
    /// with the LA's requests lead at the origin where the panel has one.
    package func forecast(_ method: ForecastMethod, la: String, origin: Int, horizon: Int) -> [Double]? {
        guard let one = series[la] else { return nil }
        return method.forecast(one, pool: pool, origin: origin, horizon: horizon,
                               requestsLead: requests?.lead(la, origin: origin))
    }

    /// Census years any series has, in order.
    package var years: [Int] { Set(series.values.flatMap(\.years)).sorted() }

    /// The total of the LAs' series, each year's growth taken over the LAs with a value in both
    /// years, starting from the first year's total.
    static func chainLinkedTotal(_ series: [String: YearSeries]) -> YearSeries {
        let years = Set(series.values.flatMap(\.years)).sorted()
        guard let first = years.first else { return YearSeries() }
        var total = YearSeries([first: series.values.compactMap { $0[first] }.reduce(0, +)])
        for (before, year) in zip(years, years.dropFirst()) {
            var now = 0.0, then = 0.0
            for one in series.values {
                if let a = one[before], let b = one[year] {
                    then += a
                    now += b
                }
            }
            guard then > 0, let last = total[before] else { break }
            total[year] = last * now / then
        }
        return total
    }
}
