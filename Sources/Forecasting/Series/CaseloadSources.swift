import HubStore

/// Everything the forecasts read from the store, and which series each LA's total comes from.
package struct CaseloadSources: Sendable {
    package var published: PublishedCaseload?
    package var returns: CaseloadPanel?

    /// An LA's total is forecast from the hub's returns when they cover at least this many census
    /// years, else from the published series: never a mix of the two, so a difference in how the
    /// two are counted cannot show as a jump.
    package static let returnsYearsPreferred = 3

    package init(published: PublishedCaseload?, returns: CaseloadPanel?) {
        self.published = published
        self.returns = returns
    }

    package static func read(_ database: Database) throws -> CaseloadSources {
        var published = try PublishedCaseload.read(database)
        let requests = try PublishedRequests.read(database, caseload: published?.total)
        published?.total.requests = requests
        var returns = try ReturnCaseload.read(database, pool: published?.total.pool)
        returns?.requests = requests
        return CaseloadSources(published: published, returns: returns)
    }

    /// The panels each LA's total is forecast from: the returns panel holds the LAs with enough
    /// returns, the published panel every other LA it has.
    package var totalPanels: [CaseloadPanel] {
        var byReturns = returns
        byReturns?.series = returns?.series.filter { $0.value.years.count >= Self.returnsYearsPreferred } ?? [:]
        var panels: [CaseloadPanel] = []
        if var published = published?.total {
            let taken = Set(byReturns?.series.keys.map { $0 } ?? [])
            published.series = published.series.filter { !taken.contains($0.key) }
            panels.append(published)
        }
        // An LA with fewer returns and no published series is still forecast from its returns.
        if var returns {
            let publishedLAs = Set(published?.total.series.keys.map { $0 } ?? [])
            returns.series = returns.series.filter { byReturns?.series[$0.key] != nil || !publishedLAs.contains($0.key) }
            if !returns.series.isEmpty { panels.append(returns) }
        }
        return panels
    }

    /// The sources without the hub's returns of `leftOut` (LAs not opted in to the forecasting
    /// purpose, docs/governance.md "Purposes"): their person-level series are dropped, and the pool
    /// the others are pulled towards is rebuilt without them. Published series are public and stay,
    /// so such an LA is still forecast from its published series when the store has one.
    package func leavingOut(_ leftOut: some Sequence<String>) -> CaseloadSources {
        let dropped = Set(leftOut)
        guard let returns, !dropped.isEmpty else { return self }
        let kept = returns.series.filter { !dropped.contains($0.key) }
        return CaseloadSources(published: published, returns: kept.isEmpty ? nil : CaseloadPanel(
            measure: returns.measure, source: returns.source, series: kept, pool: published?.total.pool, poolName: "England",
            requests: returns.requests))
    }

    /// Whose backtest errors set every interval: the published total when the store has it.
    package var calibrationPanel: CaseloadPanel? { published?.total ?? returns }

    /// Every LA with a series of its total.
    package var laCodes: [String] { Set(totalPanels.flatMap(\.series.keys)).sorted() }
}
