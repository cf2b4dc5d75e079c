import Foundation

/// One assumption moved down and up, one at a time, and what that does to the cumulative saving
/// at the last year of the reference option (docs/scoping.md, "Sensitivity").
package struct SensitivityLine: Sendable, Equatable {
    package var assumption: String
    package var low: String
    package var high: String
    package var savingLow: Double
    package var savingHigh: Double

    /// How far the answer moves between the two.
    package var swing: Double { abs(savingHigh - savingLow) }
}

enum Sensitivity {
    /// The lines, the largest swing first: conversion, fees, place cost, distance limit, demand,
    /// transport rate, and the scenario when one is given.
    static func lines(cohort: Cohort, assumptions: ScopeAssumptions, site: GridPoint, capacity: Int,
                      demandSource: any DemandSource, scenario: ScopeAssumptions?) -> [SensitivityLine] {
        let baseDemand = demandSource.paths(cohort: cohort, assumptions: quiet(assumptions))
        func saving(_ changed: ScopeAssumptions, feeFactor: Double = 1, demand: DemandPaths? = nil) -> Double {
            var eligibility = Eligibility(cohort: cohort, site: site, assumptions: changed)
            for index in eligibility.inputs.indices { eligibility.inputs[index].fee *= feeFactor }
            let paths = demand ?? baseDemand
            let fill = CentreFill(capacity: capacity, conversion: changed.centralConversion, ages: changed.ages)
            let path = fill.expected(eligibility.inputs, newPlacements: { paths.expected(la: $0, year: $1) }, years: changed.years)
            return CentreMoney(path: path, inputs: eligibility.inputs, assumptions: changed).years.last?.cumulativeSaving ?? 0
        }
        func with(_ change: (inout ScopeAssumptions) -> Void) -> ScopeAssumptions {
            var copy = assumptions
            change(&copy)
            return copy
        }
        func money(_ value: Double) -> String { ScopeCell.pounds(value) }
        var lines: [SensitivityLine] = []
        let conversions = assumptions.conversions.sorted()
        let (lowConversion, highConversion) = conversions.count > 1
            ? (conversions.first!, conversions.last!)
            : (max(0.05, conversions[0] - 0.2), min(1, conversions[0] + 0.2))
        lines.append(SensitivityLine(
            assumption: "conversion", low: "\(lowConversion)", high: "\(highConversion)",
            savingLow: saving(with { $0.conversions = [lowConversion] }), savingHigh: saving(with { $0.conversions = [highConversion] })))
        lines.append(SensitivityLine(assumption: "fees", low: "-20%", high: "+20%",
                                     savingLow: saving(assumptions, feeFactor: 0.8), savingHigh: saving(assumptions, feeFactor: 1.2)))
        lines.append(SensitivityLine(
            assumption: "place cost", low: money(assumptions.placeCost * 0.8), high: money(assumptions.placeCost * 1.2),
            savingLow: saving(with { $0.placeCost *= 0.8 }), savingHigh: saving(with { $0.placeCost *= 1.2 })))
        let near = with { $0.maxKilometres *= 0.5 }, far = with { $0.maxKilometres *= 1.5 }
        lines.append(SensitivityLine(
            assumption: "distance limit", low: String(format: "%g km", near.maxKilometres), high: String(format: "%g km", far.maxKilometres),
            savingLow: saving(near), savingHigh: saving(far)))
        let fewer = with { $0.demandScale *= 0.75 }, more = with { $0.demandScale *= 1.25 }
        lines.append(SensitivityLine(
            assumption: "new placements", low: "-25%", high: "+25%",
            savingLow: saving(fewer, demand: demandSource.paths(cohort: cohort, assumptions: quiet(fewer))),
            savingHigh: saving(more, demand: demandSource.paths(cohort: cohort, assumptions: quiet(more)))))
        lines.append(SensitivityLine(
            assumption: "transport rate", low: money(assumptions.transportPerKilometre * 0.5) + "/km",
            high: money(assumptions.transportPerKilometre * 1.5) + "/km",
            savingLow: saving(with { $0.transportPerKilometre *= 0.5 }), savingHigh: saving(with { $0.transportPerKilometre *= 1.5 })))
        if let scenario {
            let base = saving(assumptions)
            let changed = saving(scenario, demand: demandSource.paths(cohort: cohort, assumptions: quiet(scenario)))
            lines.append(SensitivityLine(assumption: "scenario " + (scenario.scenarioName ?? ""), low: "as given", high: "scenario",
                                         savingLow: base, savingHigh: changed))
        }
        return lines.sorted { $0.swing != $1.swing ? $0.swing > $1.swing : $0.assumption < $1.assumption }
    }

    /// The same assumptions without simulations (the sensitivity uses expected paths only).
    static func quiet(_ assumptions: ScopeAssumptions) -> ScopeAssumptions {
        var copy = assumptions
        copy.simulations = 0
        return copy
    }
}
