import HubStore

/// The caseload the hub's own SEN2 returns give: children with a plan active at each current
/// return's census date, as the import counted them (`return_summaries`, sen2.md census logic).
public enum ReturnCaseload {
    /// Each LA's series by collection year (= census year); nil when the store has no return.
    public static func read(_ database: Database, pool: YearSeries? = nil) throws -> CaseloadPanel? {
        var series: [String: YearSeries] = [:]
        for row in try database.rows("""
            SELECT r.la_code, r.collection_year, s.census_children FROM current_returns r
            JOIN return_summaries s ON s.import_id = r.import_id
            """) {
            guard let la = row[0].string, let year = row[1].int, let children = row[2].double else { continue }
            series[la, default: YearSeries()][year] = children
        }
        guard !series.isEmpty else { return nil }
        return CaseloadPanel(measure: "total", source: .returns, series: series, pool: pool, poolName: "England")
    }
}
