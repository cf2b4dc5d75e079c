import Forecasting
import Foundation
import HubKit
import Testing
@testable import Scoping

/// A scope's demand path from the forecast's cohort flow model (docs/scoping.md, "Demand"): on
/// small rosters written here, whose flows are known, the path follows the rules: no joiners and no
/// moves give no new placements; a doubled population doubles the joiners; the fill never passes
/// the capacity; the same seed gives the same bytes; held flows where the model cannot run.
@Suite struct ScopeFlowDemandTests {
    static let site = GridPoint(easting: 400_000, northing: 200_000)
    static let hearing = PrimaryNeed.codes.firstIndex(of: "HI")!

    /// LA 800 at three censuses (2023-2025): 30 children with a hearing impairment aged 5 to 14,
    /// every third in an independent special school, the rest in mainstream; all stay and none moves.
    /// `joiners` children join a year at ages 5 to 10 (even ones independent, odd ones mainstream).
    static func roster(joiners: Int, years: ClosedRange<Int> = 2023...2025) -> CensusRoster {
        var current = (0..<30).map { index in
            (key: "c\(index)", age: 5 + index % 10, setting: index % 3 == 0 ? FlowSetting.independentSpecial : .mainstream)
        }
        var byYear: [Int: [RosterChild]] = [:]
        for year in years {
            byYear[year] = current.map {
                RosterChild(pseudonym: $0.key, state: FlowState(ncy: $0.age - 4, need: hearing, setting: $0.setting))
            }
            current = current.map { ($0.key, $0.age + 1, $0.setting) }
            for index in 0..<joiners {
                current.append(("j\(year)-\(index)", 5 + index % 6, index % 2 == 0 ? .independentSpecial : .mainstream))
            }
        }
        return CensusRoster(children: ["800": byYear])
    }

    static func population(latest: Double = 1_000) -> [Int: [Double]] {
        [2022: Array(repeating: 1_000, count: 26), 2023: Array(repeating: 1_000, count: 26), 2024: Array(repeating: 1_000, count: 26),
         2025: Array(repeating: latest, count: 26)]
    }

    /// The scoping cohort of the roster's last census: the children aged 4-15, independent ones
    /// placed out of area, all living 5 km from the site.
    static func cohort(_ roster: CensusRoster, las: [String] = ["800"]) -> Cohort {
        var children: [CohortChild] = []
        for la in las {
            for child in roster.children[la]?[2025] ?? [] where (0...11).contains(child.state.ncy) {
                let independent = child.state.setting == .independentSpecial
                children.append(CohortChild(
                    la: la, ncy: child.state.ncy, need: "HI", category: independent ? .independentSpecial : .mainstream,
                    placementLA: independent ? "900" : la, inRegister: true,
                    home: GridPoint(easting: 405_000, northing: 200_000), homeLocation: .district,
                    placement: GridPoint(easting: 405_000, northing: 230_000), annualCost: 60_000, costRoute: .establishment))
            }
        }
        return Cohort(collectionYear: 2025, las: las, children: children)
    }

    static var assumptions: ScopeAssumptions {
        var assumptions = ScopeAssumptions(group: "west", needs: ["HI"], site: .point(site))
        assumptions.capacities = [6, 40]
        assumptions.conversions = [0.5]
        assumptions.years = 3
        assumptions.simulations = 400
        return assumptions
    }

    static func demand(_ roster: CensusRoster, latest: Double = 1_000, las: [String] = ["800"],
                       assumptions: ScopeAssumptions = assumptions) -> FlowModelDemand {
        FlowModelDemand(inputs: PersonLevelInputs(roster: roster, population: ["800": population(latest: latest)]),
                        cohort: cohort(roster, las: las), assumptions: assumptions)
    }

    @Test func withNoJoinersAndNoMovesTheCentreFillsOnlyAtPhaseTransfers() {
        let roster = Self.roster(joiners: 0)
        let source = Self.demand(roster)
        #expect(source.fallback.isEmpty && source.simulated.keys.sorted() == ["800"])
        let paths = source.paths(cohort: Self.cohort(roster), assumptions: Self.assumptions)
        #expect(paths.path == .flowModel)
        #expect(paths.expected.joined().joined().allSatisfy { $0 == 0 })
        #expect((0..<400).allSatisfy { simulation in
            (0..<3).allSatisfy { year in DemandPaths.ncyRange.allSatisfy { paths.drawn(simulation: simulation, la: 0, year: year, ncy: $0) == 0 } }
        })
        // The fill is the held transfers' alone: the same as with no new placements at all.
        let scope = Scope(cohort: Self.cohort(roster), assumptions: Self.assumptions, site: Self.site, demandSource: source)
        let none = Scope(cohort: Self.cohort(roster), assumptions: Self.assumptions, site: Self.site,
                         demandSource: DemandCases(description: "none", cases: [:]))
        #expect(scope.options[1].path == none.options[1].path)
        #expect(scope.options[1].path.allSatisfy { $0.admittedNew.allSatisfy { $0 == 0 } })
        // By hand: the eligible independent children are in NCY 3-11 in 2025; one reaches Year 7 each
        // year (from NCY 6, 5 and 4), and half of each takes a place.
        #expect(scope.options[1].path.map(\.filled) == [0.5, 1.0, 1.5])
        #expect(scope.options[1].fillBand.allSatisfy { $0.p90 <= 10 })
    }

    @Test func aDoubledPopulationDoublesTheExpectedJoiners() {
        let roster = Self.roster(joiners: 6)
        let cohort = Self.cohort(roster)
        let base = Self.demand(roster).paths(cohort: cohort, assumptions: Self.assumptions)
        let doubled = Self.demand(roster, latest: 2_000).paths(cohort: cohort, assumptions: Self.assumptions)
        let baseTotal = base.expected.joined().joined().reduce(0, +), doubledTotal = doubled.expected.joined().joined().reduce(0, +)
        // 3 of the 6 joiners a year are independent (taken from); mainstream ones are not out of area.
        #expect(baseTotal > 7.5 && baseTotal < 10.5)
        #expect(abs(doubledTotal / baseTotal - 2) < 0.1)
        // Only the scoped ages, and only the joiners' ages (5-10 is NCY 1-6), have new placements.
        let byNCY = DemandPaths.ncyRange.map { ncy in (0..<3).map { base.expected[0][$0][ncy - DemandPaths.ncyRange.lowerBound] }.reduce(0, +) }
        #expect(DemandPaths.ncyRange.filter { byNCY[$0 - DemandPaths.ncyRange.lowerBound] > 0 }.allSatisfy { (1...6).contains($0) })
        // The group's yearly cases: the expected total between the 10th and 90th percentiles.
        #expect(base.yearlyCases().allSatisfy { $0.best <= $0.central && $0.central <= $0.worst && $0.worst > $0.best })
        #expect(base.description.hasPrefix("forecast: the cohort flow model from the January 2025 census, 400 simulations;"))
    }

    @Test func theSettingGroupsTakenFromFollowTheSelectors() {
        let cohort = ScopeCentreTests.cohort
        // 800: two independent out of area, one state special in its own LA; 802: a state special out of area.
        #expect(FlowModelDemand.settingShares(cohort: cohort, la: "800", selectors: [.independent, .outOfArea]) == [0, 0, 0, 1, 0, 0, 0])
        #expect(FlowModelDemand.settingShares(cohort: cohort, la: "802", selectors: [.independent, .outOfArea]) == [0, 0, 1, 1, 0, 0, 0])
        #expect(FlowModelDemand.settingShares(cohort: cohort, la: "800", selectors: [.stateSpecial]) == [0, 0, 1, 0, 0, 0, 0])
        // With no child in a group to learn from: the share of its placement groups named.
        #expect(FlowModelDemand.settingShares(cohort: cohort, la: "800", selectors: [.none, .mainstream]) == [1, 1, 0, 0, 0, 0, 0.25])
        // A scope of the roster's LA takes its mainstream new placements only when out of area.
        let roster = Self.roster(joiners: 6)
        var ownArea = Self.assumptions
        ownArea.fromSettings = [.outOfArea]
        let shares = FlowModelDemand.settingShares(cohort: Self.cohort(roster), la: "800", selectors: ownArea.fromSettings)
        #expect(shares == [0, 0, 0, 1, 0, 0, 0])
    }

    @Test func theCentreNeverPassesItsCapacityAndTheSameSeedGivesTheSameBytes() {
        let roster = Self.roster(joiners: 12)
        func json(seed: UInt64) -> String {
            var assumptions = Self.assumptions
            assumptions.seed = seed
            let scope = Scope(cohort: Self.cohort(roster), assumptions: assumptions, site: Self.site,
                              demandSource: Self.demand(roster, assumptions: assumptions))
            for option in scope.options {
                #expect(option.path.allSatisfy { $0.filled <= Double(option.capacity) + 1e-9 })
                #expect(option.fillBand.allSatisfy { $0.p90 <= Double(option.capacity) })
            }
            #expect(scope.options[0].probabilityNearlyFull > 0)
            return ScopeReadout(scope: scope, audience: ScopeAudience(figures: ScopeFigures(scope: scope), ownLA: "800")).json
        }
        let first = json(seed: 11)
        #expect(first == json(seed: 11))
        #expect(first != json(seed: 12))
        #expect(first.contains("\"demand_path\" : \"forecast: cohort flow model\""))
    }

    @Test func heldFlowsWhereTheFlowModelCannotRun() {
        // Two census years only: the held flows, and the output says why.
        let short = Self.roster(joiners: 6, years: 2024...2025)
        var cohort = Self.cohort(short)
        cohort.children[0].newPlacement = true
        let source = FlowModelDemand(inputs: PersonLevelInputs(roster: short, population: ["800": Self.population()]),
                                     cohort: cohort, assumptions: Self.assumptions)
        #expect(source.simulated.isEmpty)
        #expect(source.fallback == ["800": "fewer than 3 census years, the last two consecutive"])
        let paths = source.paths(cohort: cohort, assumptions: Self.assumptions)
        let held = HeldFlowDemand().paths(cohort: cohort, assumptions: Self.assumptions)
        #expect(paths.path == .heldFlows && paths.expected == held.expected)
        #expect(paths.description.hasSuffix("(hub fallback); the flow model cannot run: fewer than 3 census years, the last two consecutive"))
        let scope = Scope(cohort: cohort, assumptions: Self.assumptions, site: Self.site, demandSource: source)
        #expect(scope.assumptionLines.first { $0.name == "demand_path" }?.value == "held flows (hub fallback)")

        // Needs of any rank: the flow model follows the primary need only.
        var anyRank = Self.assumptions
        anyRank.anyRank = true
        let full = Self.roster(joiners: 6)
        #expect(Self.demand(full, assumptions: anyRank).fallback == ["800": "needs of any rank: the flow model follows the primary need"])

        // One LA with the model, one without: each on its own path, both named.
        var mixed = Self.cohort(full)
        mixed.las = ["800", "801"]
        let both = FlowModelDemand(inputs: PersonLevelInputs(roster: full, population: ["800": Self.population()]), cohort: mixed,
                                   assumptions: Self.assumptions)
        let mixedPaths = both.paths(cohort: mixed, assumptions: Self.assumptions)
        #expect(mixedPaths.path == .flowModel)
        #expect(mixedPaths.description.hasSuffix(
            "; held flows (hub fallback) for LA 801 (fewer than 3 census years, the last two consecutive)"))
        let scope2 = Scope(cohort: mixed, assumptions: Self.assumptions, site: Self.site, demandSource: both)
        #expect(scope2.assumptionLines.first { $0.name == "demand_path" }?.source == "the forecast's cohort flow model (docs/forecasting.md)")
    }
}
