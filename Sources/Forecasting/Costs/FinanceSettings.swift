import Foundation
import Yams

/// High-needs funding and cost settings (`hnhub forecast --finance FILE`, YAML; docs/forecasting.md):
///
/// ```yaml
/// funding_growth: [0.05, 0.03]   # the first forecast year, then every later year
/// cost_growth: 0.03              # unit costs, a year
/// unit_costs: {independent_special: 63000}
/// las:
///   "800": {baseline_funding: 45000000, opening_balance: -2500000, unit_costs: {state_special: 24000}}
/// ```
package struct FinanceSettings: Sendable, Equatable {
    package struct LASettings: Sendable, Equatable {
        /// The high-needs funding of the origin year; nil: taken equal to the modelled cost then.
        package var baselineFunding: Double?
        /// The cumulative DSG balance at the origin (negative = deficit).
        package var openingBalance: Double = 0
        package var unitCosts: [String: Double] = [:]

        package init(baselineFunding: Double? = nil, openingBalance: Double = 0, unitCosts: [String: Double] = [:]) {
            self.baselineFunding = baselineFunding
            self.openingBalance = openingBalance
            self.unitCosts = unitCosts
        }
    }

    /// The guidance's planning assumption: +5% in the first year, then +3% a year.
    package var fundingGrowth: (first: Double, later: Double) = (0.05, 0.03)
    package var costGrowth = 0.03
    package var unitCosts: [String: Double] = [:]
    package var las: [String: LASettings] = [:]

    package init() {}

    package static func == (lhs: FinanceSettings, rhs: FinanceSettings) -> Bool {
        lhs.fundingGrowth == rhs.fundingGrowth && lhs.costGrowth == rhs.costGrowth && lhs.unitCosts == rhs.unitCosts
            && lhs.las == rhs.las
    }

    package static func load(path: String) throws -> FinanceSettings {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw FinanceError(file: path, line: nil, field: "-", message: "cannot read the finance file")
        }
        return try parse(yaml: text, file: path)
    }

    package static func parse(yaml: String, file: String) throws -> FinanceSettings {
        func fail(_ node: Node?, _ field: String, _ message: String) -> FinanceError {
            FinanceError(file: file, line: node?.mark.map { $0.line }, field: field, message: message)
        }
        func mapping(_ node: Node, _ field: String, allowed: Set<String>?) throws -> [(String, Node)] {
            guard let mapping = node.mapping else { throw fail(node, field, "expected a mapping of keys to values") }
            return try mapping.map { key, value in
                guard let name = key.string else { throw fail(key, field, "keys must be text") }
                if let allowed, !allowed.contains(name) {
                    throw fail(key, field.isEmpty ? name : "\(field).\(name)",
                               "unknown key (allowed here: \(allowed.sorted().joined(separator: ", ")))")
                }
                return (name, value)
            }
        }
        func number(_ node: Node, _ field: String, minimum: Double? = nil) throws -> Double {
            guard let text = node.scalar?.string, let value = Double(text), value.isFinite else {
                throw fail(node, field, "'\(node.scalar?.string ?? "")' is not a number")
            }
            if let minimum, value < minimum { throw fail(node, field, "\(text) is below \(minimum)") }
            return value
        }
        func costs(_ node: Node, _ field: String) throws -> [String: Double] {
            var result: [String: Double] = [:]
            for (group, value) in try mapping(node, field, allowed: Set(CostGroup.all)) {
                result[group] = try number(value, "\(field).\(group)", minimum: 0)
            }
            return result
        }
        var settings = FinanceSettings()
        let root: Node
        do {
            guard let node = try Yams.compose(yaml: yaml) else { return settings }
            root = node
        } catch let error as YamlError {
            throw fail(nil, "-", "not valid YAML: \(error)")
        }
        for (name, value) in try mapping(root, "", allowed: ["funding_growth", "cost_growth", "unit_costs", "las"]) {
            switch name {
            case "funding_growth":
                guard let rates = value.sequence, (1...2).contains(rates.count) else {
                    throw fail(value, name, "expected [first year, later years], e.g. [0.05, 0.03]")
                }
                let first = try number(rates[0], name, minimum: -1)
                settings.fundingGrowth = (first, try rates.count == 2 ? number(rates[1], name, minimum: -1) : first)
            case "cost_growth": settings.costGrowth = try number(value, name, minimum: -1)
            case "unit_costs": settings.unitCosts = try costs(value, name)
            default:
                for (la, laNode) in try mapping(value, name, allowed: nil) {
                    let field = "las.\(la)"
                    guard la.count == 3, la.allSatisfy(\.isNumber) else { throw fail(laNode, field, "'\(la)' is not a 3-digit LA code") }
                    var one = LASettings()
                    for (key, item) in try mapping(laNode, field, allowed: ["baseline_funding", "opening_balance", "unit_costs"]) {
                        switch key {
                        case "baseline_funding": one.baselineFunding = try number(item, "\(field).\(key)", minimum: 0)
                        case "opening_balance": one.openingBalance = try number(item, "\(field).\(key)")
                        default: one.unitCosts = try costs(item, "\(field).\(key)")
                        }
                    }
                    settings.las[la] = one
                }
            }
        }
        return settings
    }
}

/// A finance file that cannot be used, with where and why.
package struct FinanceError: Error, CustomStringConvertible, Equatable {
    package var file: String
    package var line: Int?
    package var field: String
    package var message: String

    package var description: String { "finance \(file)\(line.map { " line \($0)" } ?? ""), \(field): \(message)" }
}
