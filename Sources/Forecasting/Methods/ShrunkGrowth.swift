import Foundation

/// The yearly growth ``ForecastMethod/shrunkGrowth`` applies to one LA at an origin, with the parts
/// it is made of (docs/forecasting.md, "The method"):
///
/// - the pool's (England's) geometric mean growth over every year it has up to the origin;
/// - the LA's **lead** over the pool in each of its last 3 years: `log(LA growth / pool growth)`
///   of that year (the pool's mean growth stands in for a year the pool lacks), each **capped at
///   ±``ForecastMethod/jumpLimit``**, so that a one-off jump (a recording change, a boundary
///   change) counts as an ordinary fast or slow year;
/// - the LA's **requests lead**: its requests for assessment in the year before the origin per
///   plan held at the origin, against England's (``PublishedRequests/lead(_:origin:)``), 0 when
///   the store has no such figures;
/// - growth = pool growth x exp(``ForecastMethod/ownGrowthWeight`` x the mean capped lead
///   + ``ForecastMethod/requestsWeight`` x the requests lead).
package struct ShrunkGrowth: Sendable, Equatable {
    /// The pool's mean growth factor; nil when the pool has no growth up to the origin.
    package var pooled: Double?
    /// The LA's lead over the pool in each of its last years with a growth, oldest first, before
    /// and after the cap (log points).
    package var leads: [Double]
    package var cappedLeads: [Double]
    /// The LA's own mean growth over the same years (uncapped), for the record.
    package var own: Double?
    /// The requests lead (log points), nil when the store has none for the LA at the origin.
    package var requestsLead: Double?

    /// The parts for `series` at `origin`; the series and pool are cut at the origin first.
    package init(_ series: YearSeries, pool: YearSeries, origin: Int, requestsLead: Double? = nil) {
        self.requestsLead = requestsLead
        let history = series.through(origin)
        let poolHistory = pool.through(origin)
        pooled = ForecastMethod.poolGrowth(pool, origin: origin)
        own = history.meanGrowth(endingAt: origin, count: ForecastMethod.ownGrowthYears)
        var leads: [Double] = []
        if let pooled {
            for year in (origin - ForecastMethod.ownGrowthYears + 1)...origin {
                // A fall to zero is a lead of minus infinity, capped like any other jump.
                guard let ownGrowth = history.growthFactors(endingAt: year, count: 1).first else { continue }
                let poolGrowth = poolHistory.growthFactors(endingAt: year, count: 1).first.flatMap { $0 > 0 ? $0 : nil } ?? pooled
                leads.append(log(ownGrowth / poolGrowth))
            }
        }
        self.leads = leads
        cappedLeads = leads.map { min(max($0, -ForecastMethod.jumpLimit), ForecastMethod.jumpLimit) }
    }

    /// The mean capped lead (log points); nil when the LA has no year to compare.
    package var meanLead: Double? {
        cappedLeads.isEmpty ? nil : cappedLeads.reduce(0, +) / Double(cappedLeads.count)
    }

    /// The yearly growth factor: the pool's raised by the weighted leads (a missing lead counts
    /// as 0); the LA's own mean growth when there is no pool growth; nil when there is neither.
    package var factor: Double? {
        guard let pooled else { return own }
        return pooled * exp(ForecastMethod.ownGrowthWeight * (meanLead ?? 0) + ForecastMethod.requestsWeight * (requestsLead ?? 0))
    }
}
