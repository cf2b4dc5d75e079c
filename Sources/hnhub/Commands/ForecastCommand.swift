import ArgumentParser
import Comparison
import DisclosureAudit
import ComparisonTables
import Exports
import Forecasting
import Foundation
import Governance
import HubStore
import ReferenceData

/// `hnhub forecast`: each LA's EHCP caseload at the coming January censuses, in three cases with
/// prediction intervals, and the sums over regions, a group or England (docs/forecasting.md).
struct ForecastCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract: "Forecast EHCP caseloads: central, best and worst cases with 80% and 95% prediction intervals.",
        discussion: """
            Every LA with a published caseload series (EES tables imported with ees-table) or with SEN2 returns. \
            Figures made from the hub's returns show small counts as c unless --own is given with one --la. \
            See docs/forecasting.md.
            """)

    @OptionGroup var hub: HubOptions

    @Option(name: .long, help: "3-digit LA code (repeatable); default every LA with a series.")
    var la: [String] = []

    @Option(name: .long, help: "A named group of LAs from the config: its members and the group total.")
    var group: String?

    @Option(name: .long, help: "Census years ahead, 1-5.")
    var horizon: Int = 3

    @Option(name: .long, help: "A scenario file (YAML): mitigations forecast beside the unmitigated figures (docs/forecasting.md).")
    var scenario: String?

    @Option(name: .long, help: "A finance file (YAML): baseline high-needs funding and opening balance per LA, growth, unit costs.")
    var finance: String?

    @Option(name: .long, help: "Simulations of the flow model and of the intervals of sums over LAs.")
    var simulations: Int = 1000

    @Option(name: .long, help: "Seed of the simulations: the same seed gives the same output.")
    var seed: UInt64 = 1

    @Option(name: .long, help: "table, csv or json.")
    var format: IndicatorsCommand.OutputFormat = .table

    @Option(name: .long, help: "A folder to write forecast.csv, assumptions.csv, components.csv, dsg.csv and costs.csv into.")
    var out: String?

    @Flag(name: .long, help: "With exactly one --la: that LA's own figures, unsuppressed (its own view; do not share).")
    var own = false

    func validate() throws {
        if own && la.count != 1 { throw ValidationError("--own needs exactly one --la (an LA sees only its own figures unsuppressed)") }
        if !la.isEmpty && group != nil { throw ValidationError("give --la or --group, not both") }
        for code in la where code.count != 3 || !code.allSatisfy(\.isNumber) {
            throw ValidationError("--la takes 3-digit DfE LA codes, e.g. 801 (got '\(code)')")
        }
    }

    func run() throws {
        let config = try hub.loadConfiguration()
        let store = try hub.openStore(config)
        // Forecasting is a purpose of its own: members not opted in lose their returns here, and
        // are forecast only from published series (docs/forecasting.md, "Purposes").
        let purposeScope = try PurposeOption.scope(StandardPurpose.forecasting.rawValue, config, store: store, naming: la)
        let notice = ForecastScope.notice(purposeScope)
        let forecast: CaseloadForecast
        let dsg: [DSGYear]
        let costs: UnitCosts
        let sources: CaseloadSources
        var sums: [String: [String]] = [:]
        do {
            // The scenario is checked first: a wrong field stops the run before anything is read or written.
            let mitigations = try scenario.map(Scenario.load)
            let financeSettings = try finance.map(FinanceSettings.load) ?? FinanceSettings()
            sources = try CaseloadSources.read(store.database).leavingOut(purposeScope.leftOut)
            var request = ForecastRequest(las: la.isEmpty ? nil : la, horizon: horizon, simulations: simulations, seed: seed,
                                          scenario: mitigations)
            if let group {
                let members = try LAGroups.members(of: group, in: config.groups,
                                                   knownCodes: LARegister(database: store.database).knownCodes())
                request.las = members
                request.areas = [.init(code: "group:\(group)", members: members)]
            } else if la.isEmpty {
                request.areas = try Self.regionsAndEngland(store.database, las: sources.laCodes)
            }
            // The person-level breakdown for the LAs forecast from their returns, the pooled prior
            // being the LAs of this run.
            let returnsLAs = Set((request.las ?? sources.laCodes).filter { sources.returns?.series[$0] != nil })
            let people = returnsLAs.isEmpty ? nil : try PersonLevelInputs.read(store.database, las: returnsLAs)
            forecast = try CaseloadForecast.run(sources, request, people: people)
            for area in request.areas { sums[area.code] = area.members }
            costs = try UnitCosts.read(store.database, las: Set(forecast.totals.map(\.la)), configBands: config.defaultCostBands,
                                       finance: financeSettings)
            dsg = CostProjection.project(forecast, costs: costs, areas: request.areas)
        } catch let error as ForecastError {
            throw HubFailure.unusable("\(error)")
        } catch let error as ScenarioError {
            throw HubFailure.unusable("\(error)")
        } catch let error as FinanceError {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownGroup {
            throw HubFailure.unusable("\(error)")
        } catch let error as LAGroups.UnknownCode {
            throw HubFailure.unusable("\(error)")
        }
        // Forecast rows carry their own rule (ForecastDisclosure, docs/forecasting.md); the indicators'
        // pattern has none of their figures.
        let audience = Audience(ownLA: own ? la.first : nil, control: DisclosureControl(threshold: config.suppressionThreshold),
                                pattern: SuppressionPattern(hiding: []))
        let caseloadRows = ForecastDisclosure.apply(forecast.rows, audience: audience)
        // Money made from a withheld caseload would give it back (cost / unit cost): withheld with it.
        let withheldMoney = MoneyDisclosure.withheld(dsg, raw: forecast.rows, shown: caseloadRows, sums: sums,
                                                     finance: costs.finance, audience: audience)
        let rows = caseloadRows
            + MoneyDisclosure.rows(dsg, withheld: withheldMoney,
                                   method: "caseload x unit cost; funding from the baseline")
        let all = forecast.totals + forecast.sums
        let components = forecast.breakdowns.keys.sorted().flatMap { forecast.breakdowns[$0]!.components } + forecast.sumComponents
            + forecast.effects.keys.sorted().flatMap { forecast.effects[$0]!.components }
        // How far to trust the figures, measured, printed with every forecast (docs/forecasting.md).
        let accuracy = ForecastOverview.accuracy(sources)
        if let out {
            var files = ["forecast.csv": ForecastFiles.csv(rows), "assumptions.csv": ForecastFiles.assumptionsCSV(all),
                         "accuracy.txt": accuracy + "\n"]
            if let notice { files["left_out.txt"] = notice + "\n" }
            if !components.isEmpty { files["components.csv"] = ComponentsFile.csv(components, audience: audience, sums: sums) }
            if !dsg.isEmpty {
                files["dsg.csv"] = DSGFiles.csv(dsg, withheld: withheldMoney)
                files["costs.csv"] = DSGFiles.costsCSV(costs, las: forecast.totals.map(\.la))
            }
            try Self.write(files, to: out)
        }
        switch format {
        case .json: print(try ForecastFiles.json(rows))
        case .csv: print(ForecastFiles.csv(rows), terminator: "")
        case .table:
            print(Self.table(rows, all) + Self.moneyTable(dsg, withheld: withheldMoney) + "\n\nAccuracy: " + accuracy
                  + (notice.map { "\n\n" + $0 } ?? ""))
        }
        if format != .table, let notice { printError(notice) }
        if format != .table { printError("hnhub: accuracy: \(accuracy)") }
        for skipped in forecast.skipped { printError("hnhub: left out: \(skipped)") }
    }

    /// Every region of the register with at least one LA forecast, and England.
    static func regionsAndEngland(_ database: Database, las: [String]) throws -> [ForecastRequest.Area] {
        let register = LARegister(database: database)
        var regions: [String: [String]] = [:]
        for code in las {
            if let region = try register.region(of: code) { regions[region.code, default: []].append(code) }
        }
        return regions.keys.sorted().map { ForecastRequest.Area(code: $0, members: regions[$0]!) }
            + [ForecastRequest.Area(code: "E92000001", members: las)]
    }

    /// Writes the files into `folder` (created when missing), each whole or not at all.
    static func write(_ files: [String: String], to folder: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            for (name, text) in files.sorted(by: { $0.key < $1.key }) {
                try Data(text.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name), options: .atomic)
            }
        } catch {
            throw HubFailure.unusable("--out \(folder): cannot write: \(error.localizedDescription)")
        }
    }

    /// The central case's high-needs money, unmitigated and mitigated, in thousands of pounds.
    static func moneyTable(_ years: [DSGYear], withheld: Set<MoneyDisclosure.Figure> = []) -> String {
        guard years.contains(where: { $0.forecastCase == .central }) else { return "" }
        var table = TextTable(header: ["area", "period", "scenario", "funding", "cost", "in-year balance", "cumulative balance"],
                              rightAligned: [3, 4, 5, 6])
        for (index, year) in years.enumerated() where year.forecastCase == .central {
            func k(_ pence: Int64, _ measure: MoneyDisclosure.Measure) -> String {
                withheld.contains(MoneyDisclosure.Figure(year: index, measure: measure))
                    ? "c" : String(format: "%.0f", Double(pence) / 100_000)
            }
            table.rows.append([year.area, CensusYear.label(year.year), year.scenario ?? "",
                               k(year.fundingPence, .funding), k(year.costPence, .cost), k(year.inYearPence, .inYearBalance),
                               k(year.cumulativePence, .cumulativeBalance)])
        }
        return "\n\nHigh-needs money, central case, GBP thousands (dsg.csv has every case, to the penny; costs.csv the unit costs):\n"
            + table.render()
    }

    /// One line per area and year: the central case with its intervals, best and worst; then what
    /// makes each case.
    static func table(_ rows: [ForecastRow], _ forecasts: [AreaForecast]) -> String {
        guard !rows.isEmpty else { return "no forecast" }
        var table = TextTable(header: ["area", "period", "central", "80% interval", "95% interval", "best", "worst", "method"],
                              rightAligned: [2, 5, 6])
        func n(_ value: Double?) -> String { value.map { String(format: "%.0f", $0) } ?? "c" }
        var byKey: [String: [ForecastCase: ForecastRow]] = [:]
        var order: [String] = []
        // Totals only: the breakdowns are in the files (--out, --format csv|json).
        let totals = rows.filter { $0.need == nil && $0.ageBand == nil && $0.setting == nil && $0.measure.hasPrefix(ForecastMeasure.caseload) }
        for row in totals where row.scenario == nil {
            let key = "\(row.laCode)|\(row.period)"
            if byKey[key] == nil { order.append(key) }
            byKey[key, default: [:]][row.forecastCase] = row
        }
        for key in order {
            guard let central = byKey[key]?[.central] else { continue }
            let interval: (Double?, Double?) -> String = { low, high in
                low == nil || high == nil ? "" : "\(n(low))-\(n(high))"
            }
            table.rows.append([central.laCode, central.period, n(central.value), interval(central.low80, central.high80),
                               interval(central.low95, central.high95), n(byKey[key]?[.best]?.value),
                               n(byKey[key]?[.worst]?.value), central.method])
        }
        var lines = [table.render()]
        let changes = totals.filter { $0.measure == ForecastMeasure.caseloadChange }
        if let name = changes.first?.scenario {
            var effect = TextTable(header: ["area", "period", "unmitigated", "mitigated", "change", "change 80% range", "change 95% range"],
                                   rightAligned: [2, 3, 4])
            for change in changes {
                let unmitigated = totals.first { $0.laCode == change.laCode && $0.period == change.period && $0.scenario == nil
                    && $0.forecastCase == .central }
                let mitigated = totals.first { $0.laCode == change.laCode && $0.period == change.period
                    && $0.measure == ForecastMeasure.caseload && $0.scenario != nil && $0.forecastCase == .central }
                func range(_ low: Double?, _ high: Double?) -> String {
                    guard let low, let high else { return "" }
                    return String(format: "%+.0f to %+.0f", low, high)
                }
                effect.rows.append([change.laCode, change.period, n(unmitigated?.value), n(mitigated?.value),
                                    change.value.map { String(format: "%+.1f", $0) } ?? "c", range(change.low80, change.high80),
                                    range(change.low95, change.high95)])
            }
            lines += ["", "Scenario \(name.replacingOccurrences(of: " (change)", with: "")): mitigated beside unmitigated (central), and the paired change:",
                      effect.render()]
        }
        lines += ["", "Assumptions (best = fewer plans, worst = more):"]
        for forecast in forecasts {
            for forecastCase in ForecastCase.allCases {
                lines.append("  \(forecast.la) \(forecastCase.rawValue): \(forecast.assumptions[forecastCase] ?? "")")
            }
        }
        return lines.joined(separator: "\n")
    }
}
