/// Where an element sits inside a `<Person>`, for issue paths such as
/// `Requests[2]/Assessment/AssessmentOutcomeDate`. A plain value, turned into text only when an
/// issue is reported. Repeatable elements carry their 1-based position among their siblings.
struct SEN2PersonPath {
    /// The `Requests` element (1-based), or 0 at person level.
    var request = 0
    var inAssessment = false
    var inNamedPlan = false
    var inActivePlans = false
    /// `PlanDetail`, `PlacementDetail` or `SENneed`, with its position.
    var detail: SEN2Element?
    var detailIndex = 0

    /// The path of `leaf` (or of this container when nil).
    func text(_ leaf: SEN2Element?) -> String {
        var parts: [String] = []
        if request > 0 { parts.append("Requests[\(request)]") }
        if inAssessment { parts.append("Assessment") }
        if inNamedPlan { parts.append("NamedPlan") }
        if inActivePlans { parts.append("ActivePlans") }
        if let detail { parts.append("\(detail.name)[\(detailIndex)]") }
        if let leaf { parts.append(leaf.name) }
        return parts.joined(separator: "/")
    }
}
