import Exports
import Forecasting
import Foundation
import Testing

/// Scenario files: what they say, and every way they are refused.
struct ScenarioFileTests {
    static let example = """
        name: sufficiency plan
        mitigations:
          - name: local ASD unit
            redirect: {from: independent_special, to: state_special, share: 0.5, capacity: 60}
            needs: [ASD]
            ages: 11-16
            start: 2028
          - name: early help
            change: requests
            multiplier: 0.9
            needs: SEMH
            ages: 0-10
            las: ["800", "801"]
            start: 2026
            ramp_years: 2
        """

    @Test func aScenarioFileReadsAsNamedDatedMitigations() throws {
        let scenario = try Scenario.parse(yaml: Self.example, file: "plan.yaml")
        #expect(scenario.name == "sufficiency plan")
        #expect(scenario.mitigations == [
            FlowAdjustment(name: "local ASD unit", target: .redirect(from: .independentSpecial, to: .stateSpecial, share: 0.5, capacity: 60),
                           needs: [0], ages: 11...16, start: 2028),
            FlowAdjustment(name: "early help", target: .requests(multiplier: 0.9), needs: [8], ages: 0...10, las: ["800", "801"],
                           start: 2026, rampYears: 2),
        ])
    }

    @Test func aWrongFieldIsRefusedWithItsLineAndName() {
        func refusal(_ from: String, _ to: String) -> String {
            do {
                _ = try Scenario.parse(yaml: Self.example.replacingOccurrences(of: from, with: to), file: "plan.yaml")
                return "accepted"
            } catch {
                return "\(error)"
            }
        }
        #expect(refusal("needs: [ASD]", "needs: [ASD, XYZ]")
            == "scenario plan.yaml line 5, mitigations[1] (local ASD unit).needs: 'XYZ' is not a primary need (one of ASD, DS, HI, MLD, MSI, OTH, PD, PMLD, SEMH, SLCN, SLD, SPLD, VI, UKN)")
        #expect(refusal("multiplier: 0.9", "multiplier: -0.5")
            == "scenario plan.yaml line 10, mitigations[2] (early help).multiplier: -0.5 is negative: a multiplier is 0 or more (1 = no change)")
        #expect(refusal("share: 0.5", "share: 1.5") == "scenario plan.yaml line 4, mitigations[1] (local ASD unit).redirect.share: 1.5 is not between 0 and 1")
        #expect(refusal("to: state_special", "to: hospital")
            == "scenario plan.yaml line 4, mitigations[1] (local ASD unit).redirect.to: 'hospital' is not a setting group (one of mainstream, resourced_provision, state_special, independent_special, post16_fe, ap, other)")
        #expect(refusal("change: requests", "change: referrals")
            == "scenario plan.yaml line 9, mitigations[2] (early help).change: 'referrals' is not one of requests, joiners, leavers")
        #expect(refusal("ages: 11-16", "ages: 16-11") == "scenario plan.yaml line 6, mitigations[1] (local ASD unit).ages: '16-11' is not an age range within 0-25 such as 11-16")
        #expect(refusal("start: 2026", "start: soon") == "scenario plan.yaml line 14, mitigations[2] (early help).start: 'soon' is not a year such as 2027")
        #expect(refusal("ramp_years: 2", "ramp: 2") == "scenario plan.yaml line 15, mitigations[2].ramp: unknown key (allowed here: ages, change, las, multiplier, name, needs, ramp_years, redirect, start)")
        #expect(refusal("name: sufficiency plan\n", "") == "scenario plan.yaml line 1, name: missing: the scenario's name (it labels the mitigated figures)")
        // Not YAML at all: where the parser stopped (the line after the unclosed bracket).
        #expect(refusal("needs: [ASD]", "needs: [ASD")
            == "scenario plan.yaml line 6, column 9: not valid YAML: did not find expected ',' or ']'; check the brackets, quotes and indentation there")
        #expect(refusal("capacity: 60", "capacity: -1") == "scenario plan.yaml line 4, mitigations[1] (local ASD unit).redirect.capacity: '-1' is not a whole number of places (0 or more)")
    }
}

/// The DSG high-needs projection, to the penny.
struct DSGProjectionTests {
    @Test func theDSGBalanceIsTheHandComputationToThePenny() throws {
        let finance = try FinanceSettings.parse(yaml: """
            cost_growth: 0.03
            unit_costs: {state_special: 12345.67}
            las:
              "801": {baseline_funding: 40000, opening_balance: -1000.50}
            """, file: "finance.yaml")
        let costs = UnitCosts(finance: finance)
        // 3 children at 12,345.67 = 37,037.01; x 1.03 = 38,148.1203 -> 38,148.12; x 1.03^2 = 39,292.563909 -> 39,292.56.
        let yearly = [1, 2].map { DSGProjection.costPence(["state_special": 3], la: "801", costs: costs, yearsAhead: $0) }
        #expect(yearly == [3_814_812, 3_929_256])
        // Funding: 40,000 x 1.05 = 42,000.00, x 1.03 = 43,260.00. In year: 3,851.88 and 3,967.44.
        // Cumulative from -1,000.50: 2,851.38, then 6,818.82.
        let years = DSGProjection.project(area: "801", firstYear: 2026, forecastCase: .central, scenario: nil, costs: yearly,
                                          originCostPence: 0, finance: finance)
        #expect(DSGFiles.csv(years) == """
            area,period,case,scenario,funding,cost,in_year_balance,cumulative_balance
            801,2025/26,central,,42000.00,38148.12,3851.88,2851.38
            801,2026/27,central,,43260.00,39292.56,3967.44,6818.82

            """)
        // Without a baseline the funding starts from the origin year's modelled cost.
        let unfunded = DSGProjection.project(area: "802", firstYear: 2026, forecastCase: .central, scenario: nil, costs: yearly,
                                             originCostPence: 3_703_701, finance: finance)
        #expect(unfunded.map(\.fundingPence) == [3_888_886, 4_005_553])
        #expect(unfunded.last!.cumulativePence == (3_888_886 - 3_814_812) + (4_005_553 - 3_929_256))
    }

    @Test func unitCostsComeFromTheFinanceFileThePlacementCostsTheConfigOrTheDefaults() throws {
        let finance = try FinanceSettings.parse(yaml: "las:\n  \"801\": {unit_costs: {ap: 30000}}\n", file: "f.yaml")
        let costs = UnitCosts(placementCosts: ["801": ["state_special": (25_000, 4)]], configBands: ["post16": 12_000], finance: finance)
        #expect(costs.cost(la: "801", group: "ap") == UnitCost(amount: 30_000, source: "finance file, LA 801"))
        #expect(costs.cost(la: "801", group: "state_special")
            == UnitCost(amount: 25_000, source: "the LA's placement costs in the hub (mean of 4 rows)"))
        #expect(costs.cost(la: "801", group: "post16_fe") == UnitCost(amount: 12_000, source: "the config's default cost band"))
        #expect(costs.cost(la: "801", group: "independent_special").amount == 63_000)
        #expect(costs.cost(la: "802", group: "state_special").amount == 26_000)
        #expect(throws: FinanceError.self) { try FinanceSettings.parse(yaml: "unit_costs: {independent: 5}\n", file: "f.yaml") }
        do {
            _ = try FinanceSettings.parse(yaml: "las:\n  \"801\": {baseline_funding: -5}\n", file: "f.yaml")
            Issue.record("accepted a negative baseline")
        } catch {
            #expect("\(error)" == "finance f.yaml line 2, las.801.baseline_funding: -5 is below 0.0")
        }
    }
}
