import Comparison
import DisclosureAudit
import Foundation
import HubKit
import Testing
@testable import Report
@testable import Scoping

/// Scoping a shared centre (docs/scoping.md): a three-LA group with known homes, placements and
/// fees worked through by hand; the rules of eligibility and fill; the shared service; disclosure
/// control of shared outputs; defaults flagged; bad input.
@Suite struct ScopeCentreTests {
    /// The site, and the three LAs' children with a hearing impairment (NCY, setting, home, fee).
    static let site = GridPoint(easting: 400_000, northing: 200_000)

    static func point(_ east: Double, _ north: Double) -> GridPoint { GridPoint(easting: east, northing: north) }

    static var cohort: Cohort {
        Cohort(collectionYear: 2025, las: ["800", "801", "802"], children: [
            // 800: 5 km and 10 km from the site, both in independent schools 30 km from home.
            CohortChild(la: "800", ncy: 2, need: "HI", category: .independentSpecial, placementLA: "900", inRegister: true,
                        home: point(405_000, 200_000), homeLocation: .district, placement: point(405_000, 230_000),
                        annualCost: 60_000, costRoute: .establishment),
            CohortChild(la: "800", ncy: 6, need: "HI", category: .independentSpecial, placementLA: "900", inRegister: true,
                        home: point(400_000, 210_000), homeLocation: .district, placement: point(400_000, 240_000),
                        annualCost: 50_000, costRoute: .child),
            // In its own LA's state special school: not taken from.
            CohortChild(la: "800", ncy: 6, need: "HI", category: .stateSpecial, placementLA: "800", inRegister: true,
                        home: point(401_000, 201_000), homeLocation: .district, annualCost: 25_000, costRoute: .laDefault),
            // 801: one 30 km away (beyond the limit), one 13 km away whose fee the hub does not hold.
            CohortChild(la: "801", ncy: 6, need: "HI", category: .independentSpecial, placementLA: "900", inRegister: true,
                        home: point(400_000, 230_000), homeLocation: .district, annualCost: 70_000, costRoute: .establishment),
            CohortChild(la: "801", ncy: 5, need: "HI", category: .independentSpecial, placementLA: "901", inRegister: true,
                        home: point(412_000, 205_000), homeLocation: .la),
            // 802: a state special school out of area, 10 km closer than the site is.
            CohortChild(la: "802", ncy: 2, need: "HI", category: .stateSpecial, placementLA: "803", inRegister: true,
                        home: point(390_000, 200_000), homeLocation: .district, placement: point(390_000, 180_000),
                        annualCost: 40_000, costRoute: .laDefault),
        ])
    }

    /// The cohort with two placements that started in the last year (800's Year 2, 801's Year 5).
    static var cohortWithNewPlacements: Cohort {
        var cohort = cohort
        cohort.children[0].newPlacement = true
        cohort.children[4].newPlacement = true
        return cohort
    }

    static var assumptions: ScopeAssumptions {
        var assumptions = ScopeAssumptions(group: "west", needs: ["HI"], site: .point(site))
        assumptions.maxKilometres = 20
        assumptions.capacities = [10]
        assumptions.conversions = [0.5]
        assumptions.placeCost = 20_000
        assumptions.fixedCost = 55_000
        assumptions.transportPerKilometre = 100
        assumptions.years = 3
        assumptions.simulations = 200
        assumptions.given = ["group", "needs", "site", "max_km", "capacity", "conversion", "place_cost", "fixed_cost",
                             "transport_per_km", "years"]
        return assumptions
    }

    @Test func theThreeLAGroupWorkedByHand() throws {
        let scope = Scope(cohort: Self.cohort, assumptions: Self.assumptions, site: Self.site)
        // Eligible: taken-from settings (independent, or out of area) within 20 km.
        #expect(scope.eligibility.fromSettings == ["800": 2, "801": 2, "802": 1])
        #expect(scope.eligibility.eligible == ["800": 2, "801": 1, "802": 1])
        let option = try #require(scope.options.first)
        // Year 1: 800's children reach Year 3 and Year 7, 802's Year 3: half of each moves (1.5).
        // Year 2: 801's child reaches Year 7: half moves (2.0). Year 3: no one reaches a transfer.
        #expect(option.path.map(\.filled) == [1.5, 2.0, 2.0])
        #expect(option.path.map(\.occupancy) == [[1.0, 0, 0.5], [1.0, 0.5, 0.5], [1.0, 0.5, 0.5]])
        // Fees: 800 (60,000 + 50,000) / 2; 801 the default 63,000; 802 40,000.
        #expect(scope.eligibility.inputs.map(\.fee) == [55_000, 63_000, 40_000])
        // Travel: 800 (5 - 30 and 10 - 30 km) averages -22.5 km; 801 not measured; 802 10 - 20 km.
        #expect(scope.eligibility.inputs.map(\.extraKilometres) == [-22.5, 0, -10])
        let money = option.money.years
        // Year 1: fees 1.0 x 55,000 + 0.5 x 40,000; centre 1.5 x 20,000 + 55,000; transport
        // 1.0 x -22.5 x 100 + 0.5 x -10 x 100.
        #expect(money[0] == MoneyYear(feesAvoided: 75_000, centreCost: 85_000, transportChange: -2_750, capital: 0,
                                      netSaving: -7_250, cumulativeSaving: -7_250))
        // Year 2: fees + 0.5 x 63,000; centre 2.0 x 20,000 + 55,000.
        #expect(money[1] == MoneyYear(feesAvoided: 106_500, centreCost: 95_000, transportChange: -2_750, capital: 0,
                                      netSaving: 14_250, cumulativeSaving: 7_000))
        #expect(money[2].cumulativeSaving == 21_250)
        #expect(option.money.breakEvenYear == 2)
        // Break-even occupancy: 55,000 / (fee 53,250 - place 20,000 + travel 1,375), eligible-weighted.
        #expect(abs(option.breakEvenPlaces! - 55_000.0 / 34_625) < 1e-9)
        #expect(option.commitments == [1, 1, 0])
    }

    @Test func capitalIsPaidAsAnAnnuityAndMovesBreakEven() throws {
        var assumptions = Self.assumptions
        assumptions.capital = 1_000_000
        assumptions.capitalYears = 25
        assumptions.interestRate = 0
        #expect(assumptions.capitalAnnuity == 40_000)
        assumptions.interestRate = 0.035
        // 1,000,000 x 0.035 / (1 - 1.035^-25)
        #expect(abs(assumptions.capitalAnnuity - 60_674.035) < 0.001)
        let scope = Scope(cohort: Self.cohort, assumptions: assumptions, site: Self.site)
        let option = try #require(scope.options.first)
        // The worked example's years, each less the annuity: never breaks even within 3 years.
        #expect(option.money.years.map(\.capital) == [Double](repeating: assumptions.capitalAnnuity, count: 3))
        #expect(abs(option.money.years[2].cumulativeSaving - (21_250 - 3 * assumptions.capitalAnnuity)) < 1e-6)
        #expect(option.money.breakEvenYear == nil)
        #expect(abs(option.breakEvenPlaces! - (55_000 + assumptions.capitalAnnuity) / 34_625) < 1e-9)
    }

    @Test func theSimulationsGiveTheChanceOfFillingByYearThree() {
        var assumptions = Self.assumptions
        assumptions.capacities = [1, 10]
        assumptions.simulations = 2_000
        let scope = Scope(cohort: Self.cohort, assumptions: assumptions, site: Self.site)
        // One place is full in year 3 unless none of the four eligible children reaching a phase
        // transfer in years 1-3 takes a place (each does with the conversion 0.5): 1 - 0.5^4.
        #expect(abs(scope.options[0].probabilityNearlyFull - 0.9375) < 0.02)
        // Ten places never reach 8.5 from four eligible children and no new placements.
        #expect(scope.options[1].probabilityNearlyFull == 0)
        #expect(scope.options[1].fillBand.allSatisfy { $0.p90 <= 4 })
    }

    @Test func aLargerRadiusNeverLowersTheEligibleCount() {
        var previous = -1
        for kilometres in [1.0, 5, 10, 13, 15, 20, 30, 31, 100] {
            var assumptions = Self.assumptions
            assumptions.maxKilometres = kilometres
            let eligible = Eligibility(cohort: Self.cohort, site: Self.site, assumptions: assumptions).eligible.values.reduce(0, +)
            #expect(eligible >= previous, "\(kilometres) km")
            previous = eligible
        }
        #expect(previous == 5)
    }

    /// A bigger group: every NCY, new placements every year.
    static var busyInputs: [LACentreInputs] {
        (0..<4).map { la in
            LACentreInputs(la: "80\(la)", stock: (0..<DemandPaths.ncyCount).map { Double(($0 * 7 + la * 3) % 5) },
                           eligibleShare: 0.8, fee: 60_000, extraKilometres: 2)
        }
    }

    @Test(arguments: [1, 5, 12, 40])
    func capacityIsNeverExceeded(capacity: Int) {
        let fill = CentreFill(capacity: capacity, conversion: 0.7, ages: 4...18)
        let arrivals = { (_: Int, _: Int) in (0..<DemandPaths.ncyCount).map { Double($0 % 3) } }
        let expected = fill.expected(Self.busyInputs, newPlacements: arrivals, years: 8)
        #expect(expected.allSatisfy { $0.filled <= Double(capacity) + 1e-9 })
        #expect(expected.last!.filled > Double(capacity) - 1e-9)
        for simulation in 0..<50 {
            var random = ScopeRandom(7, UInt64(simulation))
            let path = fill.simulated(Self.busyInputs, newPlacements: arrivals, years: 8, random: &random)
            #expect(path.allSatisfy { $0.filled <= Double(capacity) && $0.filled == $0.filled.rounded() })
        }
    }

    @Test func childrenAlreadyPlacedMoveOnlyAtPhaseTransfers() {
        let fill = CentreFill(capacity: 500, conversion: 0.5, ages: 0...21)
        let none = { (_: Int, _: Int) in [Double]() }
        let lower = DemandPaths.ncyRange.lowerBound
        let transfers: Set<Int> = [0, 3, 7, 12]
        let expected = fill.expected(Self.busyInputs, newPlacements: none, years: 10)
        var random = ScopeRandom(11)
        let simulated = fill.simulated(Self.busyInputs, newPlacements: none, years: 10, random: &random)
        for year in expected + simulated {
            for (offset, admitted) in year.admittedAtTransfer.enumerated() where admitted > 0 {
                #expect(transfers.contains(offset + lower), "moved in NCY \(offset + lower)")
            }
            #expect(year.admittedNew.allSatisfy { $0 == 0 })
        }
        #expect(expected.map { $0.admittedAtTransfer.reduce(0, +) }.reduce(0, +) > 0)
        // New placements may start at the centre in any year group.
        let arriving = fill.expected(Self.busyInputs, newPlacements: { _, _ in [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2] }, years: 1)
        #expect(abs(arriving[0].admittedNew[10] - 4 * 2 * 0.8 * 0.5) < 1e-9)
    }

    @Test func poolingASpecialistService() {
        let separate = SharedService(caseloads: [7, 8, 9], assumptions: ServiceAssumptions(name: "QToD", caseloadPerPractitioner: 10))
        #expect((separate.aloneTotal, separate.pooled, separate.saved) == (3, 3, 0))
        let small = SharedService(caseloads: [4, 4, 4],
                                  assumptions: ServiceAssumptions(name: "QToD", caseloadPerPractitioner: 10, costPerPractitioner: 58_000))
        #expect((small.alone, small.pooled, small.saved, small.saving) == ([1, 1, 1], 2, 1, 58_000))
    }

    @Test func sharedOutputsHideSmallCountsAndAnLAsOwnViewShowsItsOwn() throws {
        let scope = Scope(cohort: Self.cohort, assumptions: Self.assumptions, site: Self.site)
        let figures = ScopeFigures(scope: scope)
        let shared = ScopeReadout(scope: scope, audience: ScopeAudience(figures: figures))
        // Every LA's cohort (3, 2, 1) is 1-4: hidden. So is the group's 6: LA 800, knowing its own 3,
        // would find 801's and 802's 3 together.
        #expect(shared.cohort.rows.map { $0[2] } == [.hidden, .hidden, .hidden, .hidden])
        #expect(shared.commitments.rows[0].prefix(4) == [.count(10), .hidden, .hidden, .hidden])
        #expect(!shared.json.contains("\"children_in_scope\" : 3"))
        // Money follows the count it is summed over.
        #expect(shared.cohort.cell("800", "current annual cost") == .hidden)
        #expect(shared.cohort.cell("group west", "current annual cost") == .hidden)
        // The fee and home summaries are shares of hidden group counts: hidden with them.
        #expect(shared.assumptions.cell("fees", "value") == .text("c (the group's counts behind it are hidden)"))
        #expect(shared.assumptions.cell("homes", "value") == .text("c (the group's counts behind it are hidden)"))
        #expect(shared.cells.rows.allSatisfy { $0[3] == .hidden || $0[3] == .count(0) })
        let own = ScopeReadout(scope: scope, audience: ScopeAudience(figures: figures, ownLA: "800"))
        #expect(own.cohort.rows.map { $0[2] } == [.count(3), .hidden, .hidden, .hidden])
        #expect(own.cohort.cell("800", "eligible") == .count(2))
        // The pattern passes the auditor for an outsider and for each member knowing its own figures.
        let input = figures.disclosureInput
        let auditor = DisclosureAuditor(system: CountSystem(input), threshold: 5)
        let pattern = ScopeAudience(figures: figures).pattern
        #expect(auditor.audit(hidden: pattern.hidden).passed)
        for la in figures.las { #expect(auditor.audit(hidden: pattern.hidden, insider: la).passed, "LA \(la)") }
    }

    @Test func theFiguresAndTheirPatternComeFromTheCohortAndEligibilityAlone() throws {
        // The figures made before the demand is simulated (their pattern is computed meanwhile)
        // are those of the finished scope, and so is their pattern.
        let cohort = Self.cohortWithNewPlacements
        let eligibility = Eligibility(cohort: cohort, site: Self.site, assumptions: Self.assumptions)
        let early = ScopeFigures(cohort: cohort, eligibility: eligibility, assumptions: Self.assumptions)
        let scope = Scope(cohort: cohort, assumptions: Self.assumptions, site: Self.site)
        let figures = ScopeFigures(scope: scope)
        #expect(early.values[ScopeFigures.eligible] == ["800": 2, "801": 1, "802": 1])
        #expect(early.values[ScopeFigures.newPlacements] == ["800": 1, "801": 1, "802": 0])
        #expect(early.values == figures.values)
        #expect(early.definitions.map(\.id) == figures.definitions.map(\.id))
        #expect(early.cellKeys == figures.cellKeys)
        let pattern = ScopeAudience(figures: early).pattern
        #expect(pattern == ScopeAudience(figures: figures).pattern)
        #expect(pattern.hides(ScopeFigures.cohort, period: early.period, la: "800"))
        #expect(ScopeReadout(scope: scope, audience: ScopeAudience(figures: early, ownLA: "801")).json
            == ScopeReadout(scope: scope, audience: ScopeAudience(figures: figures, ownLA: "801")).json)
    }

    @Test func theCohortByLASettingGroupAndYearGroup() throws {
        let scope = Scope(cohort: Self.cohort, assumptions: Self.assumptions, site: Self.site)
        let figures = ScopeFigures(scope: scope)
        // The cells some LA has a child in: settings in order, then year groups.
        #expect(figures.cellKeys.map { "\(SettingSelector.label($0.category)) \($0.ncy)" }
            == ["state special 2", "state special 6", "independent special 2", "independent special 5", "independent special 6"])
        let own = ScopeReadout(scope: scope, audience: ScopeAudience(figures: figures, ownLA: "801"))
        func row(_ la: String, _ setting: String, _ year: String) -> [ScopeCell]? {
            own.cells.rows.first { $0[0].text == la && $0[1].text == setting && $0[2].text == year }
        }
        // 801's own child in Year 5 at an independent school: out of area, no cost held (a default).
        #expect(row("801", "independent special", "Year 5") == [.text("801"), .text("independent special"), .text("Year 5"),
                                                                 .count(1), .count(1), .count(1), .pounds(0), .count(1)])
        #expect(row("801", "independent special", "Year 6")?[6] == .pounds(70_000))
        // Another LA's cells of 1 are hidden from 801, and so is what could give them back.
        #expect(row("800", "independent special", "Year 2")?[3] == .hidden)
        #expect(row("800", "state special", "Year 6")?[3] == .hidden)
        // A cell's out-of-area and cost-on-default counts show only in the own view's own rows.
        #expect(row("800", "independent special", "Year 6")?[5] == .hidden && row("group west", "independent special", "Year 6")?[5] == .hidden)
        #expect(row("group west", "independent special", "Year 5")?[7] == .hidden)
        // The cohort's cost on default: 801's uncosted child.
        #expect(own.cohort.cell("801", "cost on default") == .count(1))
        #expect(own.cohort.cell("801", "current annual cost") == .pounds(70_000))
        // Homes located each way, counted per LA.
        #expect(own.coverage.row("801")?[2...4] == [.count(1), .count(1), .count(0)])
        // 800 sees its own cells whole.
        let view800 = ScopeReadout(scope: scope, audience: ScopeAudience(figures: figures, ownLA: "800"))
        #expect(view800.cells.rows.filter { $0[0].text == "800" }.map { $0[3] }
            == [.count(0), .count(1), .count(1), .count(0), .count(1)])
        #expect(view800.cells.rows.first { $0[0].text == "800" && $0[2].text == "Year 2" && $0[1].text == "independent special" }?[6]
            == .pounds(60_000))
    }

    @Test func demandCasesDriveTheScopeAsAForecastWould() throws {
        // Cases equal to the fallback's expected figures give the fallback's expected fill.
        var assumptions = Self.assumptions
        assumptions.demandGrowth = 1.2
        let cohort = Self.cohortWithNewPlacements
        let held = HeldFlowDemand().paths(cohort: cohort, assumptions: assumptions)
        var cases: [String: [[DemandCase]]] = [:]
        for (index, la) in cohort.las.enumerated() {
            cases[la] = (0..<assumptions.years).map { year in held.expected(la: index, year: year).map { DemandCase($0) } }
        }
        let source = DemandCases(description: "central only", cases: cases)
        let fromCases = Scope(cohort: cohort, assumptions: assumptions, site: Self.site, demandSource: source)
        let fromFallback = Scope(cohort: cohort, assumptions: assumptions, site: Self.site)
        #expect(fromCases.options[0].path == fromFallback.options[0].path)
        #expect(fromCases.options[0].path.last!.admittedNew.reduce(0, +) > 0)
        #expect(fromCases.assumptionLines.first { $0.name == "demand" }?.value == "central only")

        // Best and worst are the 10th and 90th percentiles of a cell's mean.
        let cell = DemandCase(central: 10, best: 6, worst: 16)
        #expect(cell.mean(z: 0) == 10 && cell.mean(z: 1.2816) == 16 && cell.mean(z: -1.2816) == 6 && cell.mean(z: -20) == 0)
        #expect(DemandCase(central: 5, best: 7, worst: 3) == DemandCase(5))
        let zs = (0..<4_000).map { DemandCases.z(seed: 2025, simulation: $0, la: 0) }
        #expect(abs(quantile(zs, 0.1) + 1.2816) < 0.1 && abs(quantile(zs, 0.9) - 1.2816) < 0.1)
        // The same seed gives the same draws; one LA's draw is shared by all its cells and years.
        var wide = assumptions
        wide.simulations = 50
        let one = DemandCases(description: "", cases: ["800": [[DemandCase]](repeating: [DemandCase](repeating: cell, count: 26), count: 3)])
        let first = one.paths(cohort: cohort, assumptions: wide), second = one.paths(cohort: cohort, assumptions: wide)
        #expect((0..<50).allSatisfy { first.drawn(simulation: $0, la: 0, year: 2, ncy: 7) == second.drawn(simulation: $0, la: 0, year: 2, ncy: 7) })
        #expect((0..<50).allSatisfy { first.drawn(simulation: $0, la: 1, year: 0, ncy: 7) == 0 })
        #expect(first.expected(la: 0, year: 1)[7 - DemandPaths.ncyRange.lowerBound] == 10)
    }

    @Test func aScenarioFileIsOneLineOfTheSensitivity() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("scope-scenario-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("dearer.yaml").path
        try "name: dearer places\nplace_cost: 30000\nconversion: [0.6]\n".write(toFile: file, atomically: true, encoding: .utf8)
        var options = ScopeOptions(group: "west", needs: "HI")
        (options.site, options.maxKilometres, options.capacity, options.years) = ("400000,200000", "20", "10", "3")
        let (changed, name) = try ScenarioFile.apply(path: file, to: options)
        #expect(name == "dearer places" && changed.placeCost == "30000" && changed.conversion == "0.6")
        var scenario = try changed.assumptions()
        scenario.scenarioName = name
        let base = try options.assumptions()
        let scope = Scope(cohort: Self.cohort, assumptions: base, site: Self.site, scenario: scenario)
        let line = try #require(scope.sensitivity.first { $0.assumption == "scenario dearer places" })
        #expect(line.savingLow == scope.options[0].money.years.last!.cumulativeSaving)
        var quiet = scenario
        quiet.simulations = 0
        #expect(line.savingHigh == Scope(cohort: Self.cohort, assumptions: quiet, site: Self.site).options[0].money.years.last!.cumulativeSaving)
        #expect(scope.assumptionLines.contains { $0.name == "scenario" && $0.value == "dearer places" })

        try "colour: blue\n".write(toFile: file, atomically: true, encoding: .utf8)
        let error = #expect(throws: ScopeError.self) { try ScenarioFile.apply(path: file, to: options) }
        #expect(error?.description == "\(file): colour: not a scenario key (use name, capital, capital_years, conversion, fee, fixed_cost, "
                + "from_settings, growth, interest_rate, max_km, place_cost, transport_per_km)")
    }

    @Test func theLocationPlotShowsSmallDistrictsOnlyToTheLAWhoseChildrenTheyAllAre() {
        var cohort = Self.cohort
        // An 801 child living in the district of one of 800's children.
        cohort.children.append(CohortChild(la: "801", ncy: 4, need: "HI", category: .mainstream, home: Self.point(405_000, 200_000),
                                           homeLocation: .district))
        let scope = Scope(cohort: cohort, assumptions: Self.assumptions, site: Self.site)
        let figures = ScopeFigures(scope: scope)
        let own = ScopeLocationPlot(readout: ScopeReadout(scope: scope, audience: ScopeAudience(figures: figures, ownLA: "800")))
        #expect(own.districts.map(\.point) == [Self.point(400_000, 210_000), Self.point(401_000, 201_000)])
        let shared = ScopeLocationPlot(readout: ScopeReadout(scope: scope, audience: ScopeAudience(figures: figures)))
        #expect(shared.districts.isEmpty)
    }

    @Test func csvHoldsMoneyAndSharesAsPlainNumbers() {
        let table = ScopeTable(name: "t", title: "T", columns: ["LA", "cost", "share", "children"],
                               rows: [[.text("800, north"), .pounds(1_234_567.4), .share(0.125), .hidden],
                                      [.text("801"), .pounds(-12_000), .share(1), .count(2.25)]])
        #expect(table.csv == "LA,cost,share,children\r\n\"800, north\",1234567,12.5,c\r\n801,-12000,100.0,2.3\r\n")
        #expect(table.text.contains("£1,234,567") && table.text.contains("12.5%"))
    }

    @Test func everyDefaultUsedIsFlagged() throws {
        let scope = Scope(cohort: Self.cohort, assumptions: Self.assumptions, site: Self.site)
        let lines = Dictionary(uniqueKeysWithValues: scope.assumptionLines.map { ($0.name, $0) })
        #expect(lines["place_cost"]?.source == "given")
        #expect(lines["fee"]?.source == "default: DfE average independent special school fee, 2026 (£63,000), for placements without a cost")
        #expect(lines["ages"]?.isDefault == true && lines["from_settings"]?.isDefault == true)
        #expect(lines["fees"]?.value == "75% of the eligible children's fees are the LA's own figures, 25% rest on defaults")
        #expect(lines["homes"]?.value == "83% at their postcode district's establishments, 17% at their LA's, 0% not located")
        let readout = ScopeReadout(scope: scope, audience: ScopeAudience(figures: ScopeFigures(scope: scope), ownLA: "801"))
        #expect(readout.cohort.cell("801", "eligible with fee on default") == .count(1))
    }

    @Test func badOptionsAreRefusedNamingTheOption() {
        let cases: [((inout ScopeOptions) -> Void, String)] = [
            ({ $0.needs = "HI,XYZ" }, "--needs: 'XYZ' is not a SEN2 need code (use ASD, DS, HI, MLD, MSI, OTH, PD, PMLD, SEMH, SLCN, SLD, SPLD, VI)"),
            ({ $0.capacity = "24,0" }, "--capacity: '24,0' is not a list of places above 0 (e.g. 24,40,60)"),
            ({ $0.conversion = "0.5,1.5" }, "--conversion: '0.5,1.5' is not a list of shares above 0 and at most 1 (e.g. 0.3,0.5,0.7)"),
            ({ $0.site = "near Bath" },
             "--site: 'near Bath' is neither a URN nor EASTING,NORTHING in metres on the British National Grid (e.g. 358000,173000)"),
            ({ $0.age = "16-11" }, "'16-11' is not a range of ages or years: give two whole numbers, e.g. --age 11-16 or --ncy 7-11"),
            ({ $0.fromSettings = "independent,abroad" },
             "--from-settings: 'abroad' is not a setting (use mainstream, state-special, independent, ap, post16, elsewhere, early-years, none, unclassified, out-of-area, outside-group)"),
            ({ $0.placeCost = "lots" }, "--place-cost: 'lots' is not an amount of pounds (e.g. 26000)"),
            ({ $0.service = "QToD" }, "--service needs --caseload-per-fte N (children one full-time practitioner serves)"),
        ]
        for (change, message) in cases {
            var options = ScopeOptions(group: "west", needs: "HI")
            options.site = "400000,200000"
            change(&options)
            let error = #expect(throws: ScopeError.self) { try options.assumptions() }
            #expect(error?.description == message)
        }
    }

    @Test func optionsBecomeAssumptions() throws {
        var options = ScopeOptions(group: "west", needs: "semh, asd")
        (options.site, options.ncy, options.capacity, options.conversion, options.placeCost) = ("123456", "7-11", "30", "0.4,0.6", "£30,000")
        let assumptions = try options.assumptions()
        #expect(assumptions.needs == ["ASD", "SEMH"])
        #expect(assumptions.site == .urn("123456"))
        #expect(assumptions.ages == 11...15)
        #expect(assumptions.capacities == [30] && assumptions.centralConversion == 0.4 && assumptions.placeCost == 30_000)
        #expect(assumptions.given == ["group", "needs", "site", "ages", "capacity", "conversion", "place_cost"])
    }
}

/// `hnhub scope-centre` on the committed demo set, as a commissioner runs it, and its refusals.
@Suite struct ScopeCentreCommandTests {
}
