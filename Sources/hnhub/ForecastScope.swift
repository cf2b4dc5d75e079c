import Forecasting
import Governance
import HubConfig
import HubStore

/// The forecast `report` and `export` show: the LAs in their scope, and a group's total. A store
/// with no caseload series (or a failure) leaves the forecast out, with a note on standard error,
/// rather than failing the report. Forecasts are made for the forecasting purpose whatever the
/// report's purpose: only LAs opted in to both are shown (docs/forecasting.md, "Purposes").
enum ForecastScope {
    static func overview(_ database: Database, config: HubConfiguration, las: [String],
                         group: (name: String, members: [String])?) -> ForecastOverview? {
        do {
            let scope = try PurposeScope(config.purposes, purpose: StandardPurpose.forecasting.rawValue, database: database)
            let usable = las.filter(scope.includes)
            let sum = group.map { ForecastRequest.Area(code: "group:\($0.name)", members: $0.members.filter(scope.includes)) }
            let sources = try CaseloadSources.read(database).leavingOut(scope.leftOut)
            var overview = try ForecastOverview.make(sources, las: usable, sum: sum)
            overview?.leftOut = notice(scope)
            return overview
        } catch {
            printError("hnhub: the forecast section is left out: \(error)")
            return nil
        }
    }

    /// What a forecast output says when members are left out of the forecasting purpose: their
    /// returns are not used, published series (public) still are.
    static func notice(_ scope: PurposeScope) -> String? {
        ForecastOverview.leftOutNotice(purpose: scope.permission.purpose, title: scope.permission.title, las: scope.leftOut)
    }
}
