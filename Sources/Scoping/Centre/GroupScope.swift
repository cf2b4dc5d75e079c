import Comparison
import Forecasting
import HubKit
import HubStore

extension ScopeReadout {
    /// A group's scope as `hnhub scope-centre` and the served hub make it, laid out for `ownLA`'s
    /// own view or (nil) the shared view under `control`: the cohort of the members `purpose`
    /// includes (the others listed as left out, none of their figures used), and the demand path
    /// from the forecast's cohort flow model of the cohort's LAs, held flows where it cannot run
    /// (docs/scoping.md, "Demand"). Throws ``ScopeError/emptyGroup(_:)`` when no child of an
    /// included member is in scope.
    ///
    /// The suppression pattern of the scope's figures depends on the cohort, its eligibility and
    /// the assumptions only (``ScopeFigures/init(cohort:eligibility:assumptions:)``), so it is
    /// computed alongside the flow model's simulations and the capacity options (docs/scoping.md,
    /// "Disclosure control").
    package static func read(_ context: any MetricContext, database: Database, group: String, members: [String],
                             purpose: PurposeScope, assumptions: ScopeAssumptions,
                             bands: [String: Double]?, site: GridPoint, siteLabel: String,
                             scenario: ScopeAssumptions? = nil, ownLA: String? = nil,
                             control: DisclosureControl = DisclosureControl()) async throws -> ScopeReadout {
        let reason = "not opted in to the purpose '\(purpose.permission.purpose)' (\(purpose.permission.title)) "
            + "under the data-sharing agreement: none of its figures is used"
        let leftOut = members.filter { !purpose.includes($0) }.map { (la: $0, reason: reason) }
        let cohort = try CohortReader.read(context, members: members.filter(purpose.includes), assumptions: assumptions,
                                           leftOut: leftOut, bands: bands)
        guard !cohort.las.isEmpty else { throw ScopeError.emptyGroup(group) }
        let eligibility = Eligibility(cohort: cohort, site: site, assumptions: assumptions)
        let figures = ScopeFigures(cohort: cohort, eligibility: eligibility, assumptions: assumptions)
        async let shared = ScopeAudience(figures: figures, control: control)
        let flows = try PersonLevelInputs.read(database, las: Set(cohort.las))
        let scope = Scope(cohort: cohort, assumptions: assumptions, site: site, siteLabel: siteLabel,
                          demandSource: FlowModelDemand(inputs: flows, cohort: cohort, assumptions: assumptions),
                          scenario: scenario, eligibility: eligibility)
        var audience = await shared
        audience.ownLA = ownLA
        return ScopeReadout(scope: scope, audience: audience)
    }
}
