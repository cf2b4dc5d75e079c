import HubStore

/// The caseload the hub's own SEN2 returns give: children with a plan active at each current
/// return's census date, as the import counted them (`return_summaries`, sen2.md census logic).
package enum ReturnCaseload {
    /// Each LA's series by collection year (= census year); nil when the store has no return.
    package static func read(_ database: Database, pool: YearSeries? = nil) throws -> CaseloadPanel? {
        var series: [String: YearSeries] = [:]
        for count in try ReturnSummaries.censusCounts(in: database) {
            series[count.laCode, default: YearSeries()][count.collectionYear] = count.children
        }
        guard !series.isEmpty else { return nil }
        return CaseloadPanel(measure: "total", source: .returns, series: series, pool: pool, poolName: "England")
    }
}
