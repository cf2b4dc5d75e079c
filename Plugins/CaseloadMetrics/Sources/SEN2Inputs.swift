import HubKit

/// The SEN2 elements this plugin's indicators are counted from, declared with each definition
/// (`IndicatorDefinition.inputs`) for `hnhub validate --importer`'s warnings. docs/mapping-importers.md,
/// "Which fields feed which indicators", is the same list for people.
enum SEN2Inputs {
    /// Whether a plan is active at the census date (StartDate <= D, no CeaseDate or CeaseDate > D):
    /// every census figure.
    static let activePlan: [SEN2Element] = ["plan.StartDate", "plan.CeaseDate"]
    /// The placement attended at the census date (rank 1 first, else rank 2) and its establishment.
    static let placement: [SEN2Element] = activePlan + [
        "placements.URN", "placements.EntryDate", "placements.LeavingDate", "placements.PlacementRank",
    ]
    /// The primary need: the need of rank 1.
    static let primaryNeed: [SEN2Element] = activePlan + ["needs.SENtype", "needs.SENtypeRank"]
    /// The age on the 31 August before the census.
    static let age: [SEN2Element] = activePlan + ["person.PersonBirthDate"]
    /// A decision on a request to assess, and when it was taken.
    static let requestDecision: [SEN2Element] = ["request.RequestOutcome", "request.RequestOutcomeDate"]
    /// An assessment's outcome (a plan issued or not), and when it was decided.
    static let assessmentDecision: [SEN2Element] = ["assessment.AssessmentOutcome", "assessment.AssessmentOutcomeDate"]
}

extension CensusDimension {
    /// The elements a child's group in this dimension is counted from.
    var inputs: [SEN2Element] {
        switch self {
        case .placement: SEN2Inputs.placement
        case .primaryNeed: SEN2Inputs.primaryNeed
        case .birthMonth: SEN2Inputs.age
        }
    }
}
