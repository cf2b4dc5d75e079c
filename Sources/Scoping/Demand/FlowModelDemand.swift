import Forecasting
import HubKit

/// The demand path from the forecast's cohort flow model (docs/scoping.md, "Demand"; the model is
/// docs/forecasting.md, "The cohort flow model"): each LA's flows are simulated from its last
/// census, and each simulation counts, per year and national curriculum year, the new placements
/// (joiners, and children who change setting group) of the scoped needs and ages in a setting group
/// the scope takes children from. The expected path is their mean over the simulations; simulation
/// `s` of the scope is simulation `s` of the flow model, so the centre's fill and money run on the
/// flow model's own paths. An LA the flow model cannot run for (fewer census years than it needs,
/// or a scope by needs of any rank: the model follows the primary need) keeps the held flows
/// (``HeldFlowDemand``), and the description says so.
package struct FlowModelDemand: DemandSource {
    /// Census years the flow model needs of an LA.
    package static var minimumCensusYears: Int { PersonLevelInputs.minimumYears }
    static let settings = FlowSetting.allCases.count

    /// Per LA with a flow model: the simulated new placements.
    package var simulated: [String: FlowSimulations]
    /// LAs on the held flows, with the reason.
    package var fallback: [String: String]
    /// The census the simulations start from.
    package var origin: Int

    /// Runs the flow model of every LA of `cohort` that has one, `assumptions.years` years ahead
    /// with `assumptions.simulations` simulations (at least 100: the expected path is their mean)
    /// and `assumptions.seed`.
    package init(inputs: PersonLevelInputs, cohort: Cohort, assumptions: ScopeAssumptions) {
        origin = cohort.collectionYear
        let ncys = (assumptions.ages.lowerBound - 4)...(assumptions.ages.upperBound - 4)
        let needs = Set(assumptions.needs.map { $0.uppercased() })
        let tally = PlacementTally(cells: DemandPaths.ncyCount * Self.settings) { state in
            guard ncys.contains(state.ncy), needs.contains(state.needCode) else { return nil }
            return Self.cell(ncy: state.ncy, setting: state.setting)
        }
        var simulated: [String: FlowSimulations] = [:], fallback: [String: String] = [:]
        for la in cohort.las {
            if assumptions.anyRank {
                fallback[la] = "needs of any rank: the flow model follows the primary need"
            } else if !inputs.hasBreakdown(la) {
                fallback[la] = "fewer than \(Self.minimumCensusYears) census years, the last two consecutive"
            } else if inputs.roster.years(of: la).last != cohort.collectionYear {
                fallback[la] = "its last census is not the scope's"
            } else if let run = inputs.simulate(la, horizon: max(assumptions.years, 1), simulations: max(assumptions.simulations, 100),
                                                seed: assumptions.seed, tally: tally, statesKept: false) {
                simulated[la] = run
            } else {
                fallback[la] = "no observed flows to learn from"
            }
        }
        self.simulated = simulated
        self.fallback = fallback
    }

    /// The tally cell of an NCY and setting group.
    static func cell(ncy: Int, setting: FlowSetting) -> Int {
        cell(ncy: ncy, setting: FlowSetting.allCases.firstIndex(of: setting)!)
    }

    /// The tally cell of an NCY and setting group by its position in ``FlowSetting/allCases``.
    static func cell(ncy: Int, setting position: Int) -> Int {
        (ncy - DemandPaths.ncyRange.lowerBound) * settings + position
    }

    /// The placement groups a setting group of the flow model stands for.
    package static func categories(of setting: FlowSetting) -> [PlacementCategory] {
        switch setting {
        case .mainstream, .resourcedProvision: return [.mainstream]
        case .stateSpecial: return [.stateSpecial]
        case .independentSpecial: return [.independentSpecial]
        case .post16FE: return [.post16]
        case .alternativeProvision: return [.alternativeProvision]
        case .other: return [.educatedElsewhere, .earlyYears, .unknown, .unclassified]
        }
    }

    /// The share of an LA's new placements into each setting group (in ``FlowSetting/allCases``
    /// order) that the selectors take children from: of the LA's cohort children in the group's
    /// placements, those a selector matches (so `out-of-area` counts the group's share placed out
    /// of area); for a group with no cohort child, the share of its placement groups the selectors
    /// name.
    package static func settingShares(cohort: Cohort, la: String, selectors: Set<SettingSelector>) -> [Double] {
        let members = Set(cohort.las)
        let children = cohort.children.filter { $0.la == la }
        return FlowSetting.allCases.map { setting in
            let categories = categories(of: setting)
            let inGroup = children.filter { categories.contains($0.category) }
            guard inGroup.isEmpty else {
                return Double(inGroup.filter { $0.isFromSetting(selectors, members: members) }.count) / Double(inGroup.count)
            }
            let named = categories.filter { category in selectors.contains { $0.category == category } }
            return Double(named.count) / Double(categories.count)
        }
    }

    package func paths(cohort: Cohort, assumptions: ScopeAssumptions) -> DemandPaths {
        let las = cohort.las
        let held = fallback.isEmpty ? nil : HeldFlowDemand().paths(cohort: cohort, assumptions: assumptions)
        let shares = las.map { Self.settingShares(cohort: cohort, la: $0, selectors: assumptions.fromSettings) }
        let runs = las.map { simulated[$0] }
        let scale = assumptions.demandScale, seed = assumptions.seed
        // Per LA and NCY: the tally cells of the setting groups the shares keep, with the shares.
        let kept: [[[(cell: Int, weight: Double)]]] = shares.map { share in
            DemandPaths.ncyRange.map { ncy in
                FlowSetting.allCases.indices.filter { share[$0] > 0 }.map { (Self.cell(ncy: ncy, setting: $0), share[$0]) }
            }
        }
        // Mean over the flow model's simulations of the new placements the shares keep.
        let means: [[[Double]]] = las.indices.map { la in
            guard let run = runs[la] else { return [] }
            return (0..<run.horizon).map { year in
                kept[la].map { run.meanNewPlacements(yearIndex: year, cells: $0) }
            }
        }
        func expected(_ la: Int, _ year: Int, _ ncy: Int) -> Double {
            guard let run = runs[la] else { return held?.expected[la][year][ncy - DemandPaths.ncyRange.lowerBound] ?? 0 }
            return means[la][min(year, run.horizon - 1)][ncy - DemandPaths.ncyRange.lowerBound] * scale
        }
        var paths = DemandPaths(description: "", las: las, years: assumptions.years, simulations: assumptions.simulations,
                                expected: expected) { simulation, la, year, ncy in
            guard let run = runs[la] else { return held?.drawn(simulation: simulation, la: la, year: year, ncy: ncy) ?? 0 }
            var random = ScopeRandom(seed, 0xF10E, UInt64(simulation), UInt64(la), UInt64(year), UInt64(ncy + 10))
            var drawn = 0
            for (cell, share) in kept[la][ncy - DemandPaths.ncyRange.lowerBound] {
                let count = run.newPlacements(simulation: simulation % run.simulations, yearIndex: min(year, run.horizon - 1), cell: cell)
                drawn += random.binomial(count, share)
            }
            guard scale != 1 else { return drawn }
            let whole = scale.rounded(.down)
            return drawn * Int(whole) + random.binomial(drawn, scale - whole)
        }
        paths.description = description(paths, held: held)
        paths.source = simulated.isEmpty ? nil : "the forecast's cohort flow model (docs/forecasting.md)"
        paths.path = simulated.isEmpty ? .heldFlows : .flowModel
        return paths
    }

    /// What the path is, its group totals a year (mean, and the 10th and 90th percentiles over the
    /// simulations as best and worst), and which LAs are on the held flows and why.
    func description(_ paths: DemandPaths, held: DemandPaths?) -> String {
        var text: String
        if simulated.isEmpty {
            text = held?.description ?? "no demand"
        } else {
            let runs = simulated.values.map(\.simulations).max() ?? 0
            text = "forecast: the cohort flow model from the January \(origin) census, \(runs) simulations; "
                + "new placements (joiners and setting-group moves) of the scoped needs and ages into the scoped settings before the distance limit, "
                + "group a year " + paths.yearlyCases().map { String(format: "%.1f (%.0f-%.0f)", $0.central, $0.best, $0.worst) }
                .joined(separator: ", ") + " (mean, 10th-90th percentile)"
        }
        let reasons = fallback.sorted { $0.key < $1.key }
        if !simulated.isEmpty, !reasons.isEmpty {
            text += "; held flows (hub fallback) for " + reasons.map { "LA \($0.key) (\($0.value))" }.joined(separator: ", ")
        } else if simulated.isEmpty, let reason = reasons.first?.value, reasons.allSatisfy({ $0.value == reason }) {
            text += "; the flow model cannot run: \(reason)"
        } else if simulated.isEmpty {
            text += "; the flow model cannot run: " + reasons.map { "LA \($0.key) (\($0.value))" }.joined(separator: ", ")
        }
        return text
    }
}
