import Foundation

/// One assumption of a scope as outputs list it: its name, value and where it came from.
package struct AssumptionLine: Sendable, Equatable {
    package var name: String
    package var value: String
    /// `given`, `scenario`, or `default: ` and the default's source.
    package var source: String

    package var isDefault: Bool { source.hasPrefix("default") }
}

extension Scope {
    /// Every assumption and default the scope used (docs/scoping.md, "Defaults").
    package var assumptionLines: [AssumptionLine] {
        let a = assumptions
        func line(_ key: String, _ value: String) -> AssumptionLine {
            AssumptionLine(name: key, value: value,
                           source: a.given.contains(key) ? "given" : "default: " + (ScopeDefaults.sources[key] ?? "hub default"))
        }
        func pounds(_ value: Double) -> String { ScopeCell.pounds(value) }
        var lines = [
            AssumptionLine(name: "group", value: "\(a.group): \(cohort.las.joined(separator: ", "))", source: "given"),
            AssumptionLine(name: "needs", value: a.needs.joined(separator: ", ") + (a.anyRank ? " (any rank)" : " (primary need)"),
                           source: "given"),
            AssumptionLine(name: "census", value: cohort.period, source: "the group's latest census in the store"),
            line("ages", "\(a.ages.lowerBound)-\(a.ages.upperBound) (\(ScopeFigures.yearGroupLabel(a.ages.lowerBound - 4)) to \(ScopeFigures.yearGroupLabel(a.ages.upperBound - 4)))"),
            line("from_settings", a.fromSettings.map(\.rawValue).sorted().joined(separator: ", ")),
            AssumptionLine(name: "site", value: siteLabel, source: "given"),
            line("max_km", String(format: "%g km", a.maxKilometres)),
            line("capacity", a.capacities.map(String.init).joined(separator: ", ")),
            line("conversion", a.conversions.map { String(format: "%g", $0) }.joined(separator: ", ")
                 + String(format: " (central %g)", a.centralConversion)),
            line("place_cost", pounds(a.placeCost) + " a filled place a year"),
            line("fixed_cost", pounds(a.fixedCost) + " a year"),
            line("fee", pounds(a.fallbackFee) + " a year where the hub holds no cost"),
            line("transport_per_km", pounds(a.transportPerKilometre) + " a year per km of home-to-school distance"),
            line("capital", a.capital.map { pounds($0) + String(format: " over %d years at %g%%: %@ a year", a.capitalYears,
                                                                  a.interestRate * 100, pounds(a.capitalAnnuity)) } ?? "none"),
            line("years", "\(a.years) (year 1 is \(Self.label(cohort.collectionYear + 1)))"),
            AssumptionLine(name: "demand_path", value: demand.path.rawValue, source: demand.source ?? "hub fallback (docs/scoping.md, \"Demand\")"),
            AssumptionLine(name: "demand", value: demand.description,
                           source: demand.source ?? (a.given.contains("demand_growth") ? "given growth"
                               : "default: " + ScopeDefaults.sources["demand_growth"]!)),
            line("simulations", "\(a.simulations) (seed \(a.seed))"),
            AssumptionLine(name: "fill", value: "only new placements and phase transfers (Reception, Year 3, Year 7, Year 12) move",
                           source: "the scoping method (docs/scoping.md)"),
            AssumptionLine(name: "fees", value: feeSummary, source: "placement costs by the cost indicators' routes"),
            AssumptionLine(name: "homes", value: homeSummary, source: "the register's establishments (docs/scoping.md)"),
        ]
        if let service = a.service {
            lines.append(AssumptionLine(name: "service", value: service.name, source: "given"))
            lines.append(line("caseload_per_fte", String(format: "%g children", service.caseloadPerPractitioner)))
            lines.append(line("cost_per_fte", pounds(service.costPerPractitioner) + " a year"))
        }
        if let scenario {
            lines.append(AssumptionLine(name: "scenario", value: scenario.scenarioName ?? "", source: "given (a line of the sensitivity)"))
        }
        for (la, reason) in cohort.leftOut {
            lines.append(AssumptionLine(name: "left out", value: "LA \(la): \(reason)", source: "coverage"))
        }
        return lines
    }

    static func label(_ collectionYear: Int) -> String {
        "\(collectionYear - 1)/\(String(format: "%02d", collectionYear % 100))"
    }

    /// How the eligible children's fees were found, as shares (never counts: shares of the group).
    var feeSummary: String {
        let eligible = eligibility.eligible.values.reduce(0, +)
        guard eligible > 0 else { return "no eligible children" }
        let onDefault = eligibility.feeOnDefault.values.reduce(0, +)
        return String(format: "%.0f%% of the eligible children's fees are the LA's own figures, %.0f%% rest on defaults",
                      Double(eligible - onDefault) / Double(eligible) * 100, Double(onDefault) / Double(eligible) * 100)
    }

    /// How homes were located, as shares of the cohort.
    var homeSummary: String {
        let total = cohort.children.count
        guard total > 0 else { return "no children in scope" }
        func share(_ location: HomeLocation) -> Double {
            Double(cohort.children.filter { $0.homeLocation == location }.count) / Double(total) * 100
        }
        return String(format: "%.0f%% at their postcode district's establishments, %.0f%% at their LA's, %.0f%% not located",
                      share(.district), share(.la), share(.none))
    }
}
