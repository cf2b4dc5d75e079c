/// SEN2 element paths for messages, with 1-based indices for repeated elements, e.g.
/// `Requests[2]/Assessment/AssessmentOutcomeDate`. Plain values, turned into text only when an
/// issue is reported.
struct RequestPath {
    /// 1-based position of the request under its person.
    let number: Int

    var request: String { "Requests[\(number)]" }
    var assessment: String { "\(request)/Assessment" }
    var namedPlan: String { "\(assessment)/NamedPlan" }
    var activePlans: String { "\(request)/ActivePlans" }

    func request(_ element: String) -> String { "\(request)/\(element)" }
    func assessment(_ element: String) -> String { "\(assessment)/\(element)" }
    func namedPlan(_ element: String) -> String { "\(namedPlan)/\(element)" }
    func activePlans(_ element: String) -> String { "\(activePlans)/\(element)" }
    func need(_ number: Int, _ element: String) -> String { "\(activePlans)/SENneed[\(number)]/\(element)" }
}

/// A `PlanDetail` (setting named in the plan) or a `PlacementDetail` (setting attended).
struct SettingPath {
    enum Kind { case plan, placement }
    let request: RequestPath
    let kind: Kind
    /// 1-based position among its siblings.
    let number: Int

    var elementName: String { kind == .plan ? "PlanDetail" : "PlacementDetail" }
    /// The detail itself, e.g. `Requests[1]/ActivePlans/PlacementDetail[2]`.
    var detail: String {
        kind == .plan ? "\(request.namedPlan)/PlanDetail[\(number)]" : "\(request.activePlans)/PlacementDetail[\(number)]"
    }
    func element(_ name: String) -> String { "\(detail)/\(name)" }
}
