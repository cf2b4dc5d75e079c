import Comparison
import ComparisonTables
import DisclosureAudit
import Exports
import Forecasting
import Foundation
import Governance
import HubStore
import Hummingbird
import ReferenceData

/// The caseload forecast (`hnhub forecast`, docs/forecasting.md) as a page and an API call, for the
/// audience the policy chose: an analyst's own LA unsuppressed in its own view, other LAs under the
/// forecast's disclosure rule, a group viewer its group's members and total. Only LAs opted in to
/// forecasting are forecast (docs/governance.md, "Purposes").
struct ForecastRoutes {
    let service: HubService

    func register(_ table: RouteTable) {
        let service = self.service
        table.guarded(.get, "/forecast", .page, resolve: { request, _, user in
            try service.reportResource(request, user: user)
        }) { _, _, grant in
            guard case .figures(let scope) = grant.resource else { throw ServiceError.forbidden("not a forecast") }
            let served = try service.forecast(scope, grant: grant)
            return service.page("Forecast", grant, body: service.forecastPage(served, scope: scope, grant: grant))
        }
        table.guarded(.get, "/api/v1/forecast", .api, resolve: { request, _, user in
            try service.reportResource(request, user: user)
        }) { _, _, grant in
            guard case .figures(let scope) = grant.resource else { throw ServiceError.forbidden("not a forecast") }
            let served = try service.forecast(scope, grant: grant)
            let rows = try JSONSerialization.jsonObject(with: Data(try ForecastFiles.json(served.rows).utf8))
            return JSONBody.response(["scope": "\(scope)", "own_la": JSONBody.value(grant.audience.ownLA), "rows": rows,
                                      "accuracy": served.accuracy, "skipped": served.skipped,
                                      "left_out": served.leftOut, "purpose_notice": JSONBody.value(served.notice)])
        }
    }
}

/// A forecast as served: its rows after the forecast's disclosure rule, how far to trust it, and
/// who it leaves out.
struct ServedForecast: Sendable {
    var rows: [ForecastRow]
    var accuracy: String
    /// LAs of the scope without a usable series, with why.
    var skipped: [String]
    /// Members not opted in to forecasting.
    var leftOut: [String]
    var notice: String?
}

extension FigureOutputs {
    /// `hnhub forecast --la X [--own]`, `--group NAME` or every LA (with regions and England), the
    /// scope's LAs narrowed to those opted in to forecasting.
    /// `people` reads the person-level inputs of the breakdown for the LAs forecast from returns.
    func forecast(_ scope: FigureScope, audience: Audience,
                  people: (Set<String>) throws -> PersonLevelInputs?) throws -> ServedForecast {
        try requireOneMinimisationLevel(.forecasting)
        guard let sources = figures.caseload else {
            throw ServiceError.notFound("The hub holds no caseload series to forecast: import SEN2 returns or published caseload tables.")
        }
        let purpose = figures.forecasting
        var request = ForecastRequest(horizon: 3, simulations: 1000, seed: 1)
        var noSeries: [String] = []
        switch scope {
        case .la(let code, _):
            do {
                try purpose.require(code)
            } catch {
                throw ServiceError(.forbidden, "Left out of forecasting", "\(error)")
            }
            request.las = [code]
        case .group(let name):
            let opted = try LAGroups.members(of: name, in: groups, knownCodes: figures.knownCodes).filter(purpose.includes)
            let members = opted.filter(Set(sources.laCodes).contains)
            noSeries = opted.filter { !members.contains($0) }.map { "LA \($0): no caseload series" }
            guard !members.isEmpty else { throw ServiceError.notFound("No member of \(name) opted in to forecasting has a caseload series.") }
            request.las = members
            request.areas = [.init(code: "group:\(name)", members: members)]
        case .hub:
            let las = sources.laCodes.filter(purpose.includes)
            // Every LA with a series, as the CLI without --la, when nobody is left out.
            request.las = purpose.leftOut.isEmpty ? nil : las
            var regions: [String: [String]] = [:]
            for code in las {
                if let region = figures.geography.regionOf[code] { regions[region.code, default: []].append(code) }
            }
            request.areas = regions.keys.sorted().map { ForecastRequest.Area(code: $0, members: regions[$0]!) }
                + [ForecastRequest.Area(code: "E92000001", members: las)]
        }
        var forecast: CaseloadForecast
        var tooShort: [String] = []
        while true {
            do {
                // The person-level breakdown for the LAs forecast from their returns, as the CLI's.
                let returnsLAs = Set((request.las ?? sources.laCodes).filter { sources.returns?.series[$0] != nil })
                forecast = try CaseloadForecast.run(sources, request, people: returnsLAs.isEmpty ? nil : try people(returnsLAs))
                break
            } catch let error as ForecastError {
                // A member of a group (or of the whole hub) with too short a series is left out of
                // its forecast and its sums, and said to be; one LA asked for by name is not found.
                if case .tooLittleHistory(let la, _, _) = error, let las = request.las, las.count > 1, las.contains(la) {
                    request.las = las.filter { $0 != la }
                    request.areas = request.areas.map { .init(code: $0.code, members: $0.members.filter { $0 != la }) }
                    tooShort.append("\(error)")
                    continue
                }
                throw ServiceError.notFound("\(error)")
            }
        }
        forecast.skipped = noSeries + tooShort + forecast.skipped
        // Forecast rows carry their own rule (docs/forecasting.md, "Disclosure control"): the
        // indicators' pattern has none of their figures; the own view unhides the reader's own LA.
        let forecastAudience = Audience(ownLA: audience.ownLA, control: audience.control, pattern: SuppressionPattern(hiding: []))
        return ServedForecast(rows: ForecastDisclosure.apply(forecast.rows, audience: forecastAudience),
                              accuracy: ForecastOverview.accuracy(sources), skipped: forecast.skipped,
                              leftOut: purpose.leftOut, notice: purpose.notice)
    }
}

extension HubService {
    /// The forecast of a scope for the grant's audience, computed once per figures version (1,000
    /// simulations) and then kept: the scope and the audience's own LA are its whole key.
    func forecast(_ scope: FigureScope, grant: Grant) throws -> ServedForecast {
        let key = "forecast|\(scope)|\(grant.audience.ownLA ?? "-")"
        return try shelf.computed(key, from: grant.figures) { figures in
            try outputs(figures).forecast(scope, audience: grant.audience) { las in
                try store.read { try PersonLevelInputs.read($0, las: las) }
            }
        }
    }

    /// The central case with its intervals, best and worst, per area and year (totals only; the
    /// API has the breakdowns).
    func forecastPage(_ served: ServedForecast, scope: FigureScope, grant: Grant) -> String {
        let figures = grant.figures
        var html = "<h1>Forecast of EHC plans</h1>"
        if let own = grant.audience.ownLA {
            html += "<p class=\"notice\"><strong>Own view:</strong> \(HTMLText.escape(figures.geography.name(own)))'s forecast is unsuppressed. Do not share it outside the LA.</p>"
        } else {
            html += "<p class=\"notice\">Figures forecast from the hub's returns that round to 1-\(setup.config.suppressionThreshold - 1) show as <strong>c</strong> (disclosure control).</p>"
        }
        if let notice = served.notice { html += "<p class=\"notice\">\(HTMLText.escape(notice))</p>" }
        let totals = served.rows.filter { $0.need == nil && $0.ageBand == nil && $0.setting == nil && $0.measure == ForecastMeasure.caseload
            && $0.scenario == nil }
        var byArea: [String: [ForecastCase: ForecastRow]] = [:]
        var order: [String] = []
        for row in totals {
            let key = "\(row.laCode)|\(row.period)"
            if byArea[key] == nil { order.append(key) }
            byArea[key, default: [:]][row.forecastCase] = row
        }
        func n(_ value: Double?) -> String { value.map { String(format: "%.0f", $0) } ?? "c" }
        func interval(_ low: Double?, _ high: Double?) -> String { low == nil || high == nil ? "" : "\(n(low))-\(n(high))" }
        html += "<table><caption>Children with an EHC plan at each coming January census: central case with its 80% and 95% "
            + "prediction intervals, best and worst cases</caption><thead><tr>"
            + ["area", "census", "central", "80% interval", "95% interval", "best", "worst", "method"].map { "<th scope=\"col\">\($0)</th>" }.joined()
            + "</tr></thead><tbody>"
        for key in order {
            guard let central = byArea[key]?[.central] else { continue }
            let area = central.laCode.hasPrefix("group:") ? String(central.laCode.dropFirst(6)) : figures.geography.name(central.laCode)
            html += "<tr><th scope=\"row\">\(HTMLText.escape(area)) (\(HTMLText.escape(central.laCode)))</th><td>\(HTMLText.escape(central.period))</td>"
                + "<td class=\"num\">\(n(central.value))</td><td class=\"num\">\(interval(central.low80, central.high80))</td>"
                + "<td class=\"num\">\(interval(central.low95, central.high95))</td><td class=\"num\">\(n(byArea[key]?[.best]?.value))</td>"
                + "<td class=\"num\">\(n(byArea[key]?[.worst]?.value))</td><td>\(HTMLText.escape(central.method))</td></tr>"
        }
        html += "</tbody></table>"
        html += "<p><strong>Accuracy:</strong> \(HTMLText.escape(served.accuracy))</p>"
        for skipped in served.skipped { html += "<p>Left out: \(HTMLText.escape(skipped))</p>" }
        html += "<p>The breakdowns by need, age and setting are in <code>/api/v1/forecast</code>; how the forecast is made is in docs/forecasting.md.</p>"
        return html
    }
}
