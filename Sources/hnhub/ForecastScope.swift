import Forecasting
import HubStore

/// The forecast `report` and `export` show: the LAs in their scope, and a group's total. A store
/// with no caseload series (or a failure) leaves the forecast out, with a note on standard error,
/// rather than failing the report.
enum ForecastScope {
    static func overview(_ database: Database, las: [String], group: (name: String, members: [String])?) -> ForecastOverview? {
        do {
            let sum = group.map { ForecastRequest.Area(code: "group:\($0.name)", members: $0.members) }
            return try ForecastOverview.make(database, las: las, sum: sum)
        } catch {
            printError("hnhub: the forecast section is left out: \(error)")
            return nil
        }
    }
}
