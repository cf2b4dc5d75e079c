import Foundation

/// Everything a scope of a shared centre assumes (docs/scoping.md): what the commissioners gave,
/// and for the rest the hub's documented defaults. ``assumptionLines`` lists each with where it came
/// from, so every output can say which figures rest on defaults.
package struct ScopeAssumptions: Sendable {
    /// The config group scoped.
    package var group: String
    /// SEN2 need codes (SENtype) in scope.
    package var needs: [String]
    /// Needs at any rank, not only the primary need.
    package var anyRank = false
    /// Ages on the 31 August before the census (national curriculum year + 4).
    package var ages: ClosedRange<Int> = ScopeDefaults.ages
    package var fromSettings: Set<SettingSelector> = ScopeDefaults.fromSettings
    package var site: CentreSite
    package var maxKilometres = ScopeDefaults.maxKilometres
    package var capacities = ScopeDefaults.capacities
    /// Shares of eligible children who would take a place when offered one; the middle one is central.
    package var conversions = ScopeDefaults.conversions
    /// Annual running cost per filled place (place funding and top-up together).
    package var placeCost = ScopeDefaults.placeCost
    /// Annual running cost that does not depend on how many places are filled.
    package var fixedCost = 0.0
    /// The annual fee of a placement the hub has no cost for.
    package var fallbackFee = ScopeDefaults.fallbackFee
    /// Transport: pounds a year for each kilometre of straight-line distance from home to school.
    package var transportPerKilometre = ScopeDefaults.transportPerKilometre
    /// Capital to build the centre, paid back as an annuity over `capitalYears` at `interestRate`.
    package var capital: Double?
    package var capitalYears = ScopeDefaults.capitalYears
    package var interestRate = ScopeDefaults.interestRate
    /// Years the centre is scoped for (year 1 follows the latest census).
    package var years = ScopeDefaults.years
    package var simulations = ScopeDefaults.simulations
    package var seed = ScopeDefaults.seed
    /// Yearly growth of new placements in the fallback demand; nil: the group's recent growth.
    package var demandGrowth: Double?
    /// Multiplies every year's new placements (1 = as the demand says; the sensitivity uses others).
    package var demandScale = 1.0
    /// The shared specialist service to size beside the centre, if any.
    package var service: ServiceAssumptions?
    /// Names of the assumptions given explicitly (command line or scenario); the rest are defaults.
    package var given: Set<String> = []
    /// The scenario file's name, when one changed assumptions.
    package var scenarioName: String?

    package init(group: String, needs: [String], site: CentreSite) {
        self.group = group
        self.needs = needs
        self.site = site
    }

    /// The central conversion: the middle of the list (the lower middle of an even list).
    package var centralConversion: Double {
        let sorted = conversions.sorted()
        return sorted[(sorted.count - 1) / 2]
    }

    /// The yearly cost of the capital: an annuity, `capital × r / (1 − (1 + r)^−n)` (`capital / n` at r = 0).
    package var capitalAnnuity: Double {
        guard let capital, capital > 0 else { return 0 }
        let years = Double(max(capitalYears, 1))
        guard interestRate > 0 else { return capital / years }
        return capital * interestRate / (1 - pow(1 + interestRate, -years))
    }
}

/// Where the centre would be.
package enum CentreSite: Sendable, Equatable {
    /// An establishment of the register, by URN.
    case urn(String)
    case point(GridPoint)
}

/// A shared specialist service (e.g. qualified teachers of the deaf) sized for the cohort.
package struct ServiceAssumptions: Sendable, Equatable {
    package var name: String
    /// Children one full-time practitioner can serve.
    package var caseloadPerPractitioner: Double
    /// Annual cost of one full-time practitioner.
    package var costPerPractitioner: Double

    package init(name: String, caseloadPerPractitioner: Double, costPerPractitioner: Double = ScopeDefaults.practitionerCost) {
        self.name = name
        self.caseloadPerPractitioner = caseloadPerPractitioner
        self.costPerPractitioner = costPerPractitioner
    }
}

/// The hub's defaults for a scope, each with where it comes from (docs/scoping.md, "Defaults").
package enum ScopeDefaults {
    /// Reception to Year 11.
    package static let ages = 4...15
    package static let fromSettings: Set<SettingSelector> = [.independent, .outOfArea]
    package static let maxKilometres = 30.0
    package static let capacities = [24, 40, 60]
    package static let conversions = [0.3, 0.5, 0.7]
    package static let placeCost = 26_000.0
    package static let fallbackFee = 63_000.0
    package static let transportPerKilometre = 400.0
    package static let capitalYears = 25
    package static let interestRate = 0.035
    package static let years = 5
    package static let simulations = 1_000
    package static let seed: UInt64 = 2025
    package static let practitionerCost = 60_000.0
    /// Phase transfers: Reception, Year 3, Year 7 and Year 12 (national curriculum years).
    package static let transitionYears: Set<Int> = [0, 3, 7, 12]
    /// A centre is "nearly full" at this share of its capacity.
    package static let nearlyFull = 0.85

    /// Where each default comes from, for the assumptions list.
    package static let sources: [String: String] = [
        "ages": "hub default: Reception to Year 11",
        "from_settings": "hub default: independent and non-maintained special, and any placement outside the child's LA",
        "max_km": "hub default: about an hour's journey (30 km straight line, x1.3 for roads, at 40 km/h)",
        "capacity": "hub default: three sizes to compare",
        "conversion": "hub default: 0.5 central, 0.3 and 0.7 for sensitivity",
        "place_cost": "DfE average cost of a state special school place, 2026 (£26,000)",
        "fixed_cost": "none unless given",
        "fee": "DfE average independent special school fee, 2026 (£63,000), for placements without a cost",
        "transport_per_km": "hub default: 190 days x 2 journeys x 1.3 road factor x about £0.80 per passenger-km",
        "capital": "none unless given",
        "capital_years": "hub default: 25 years",
        "interest_rate": "HM Treasury Green Book discount rate (3.5%)",
        "years": "hub default: 5 years",
        "simulations": "hub default",
        "seed": "hub default",
        "demand_growth": "the group's change in the cohort between the last two censuses",
        "caseload_per_fte": "given",
        "cost_per_fte": "hub default: a teacher's pay with on-costs, about £60,000",
    ]
}
