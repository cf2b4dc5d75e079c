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
        #expect(refusal("capacity: 60", "capacity: -1") == "scenario plan.yaml line 4, mitigations[1] (local ASD unit).redirect.capacity: '-1' is not a whole number of places (0 or more)")
    }
}
