/// Where a value sits inside a person, written as the SEN2 XML importer writes it for the same
/// element, e.g. `Requests[2]/Assessment/AssessmentOutcomeDate`, so that an issue reads the same
/// whichever format the return came in. Repeatable elements carry their 1-based position.
struct BladePersonPath {
    /// The request (1-based), or 0 at person level.
    var request = 0
    var inAssessment = false
    var inNamedPlan = false
    var inActivePlans = false
    /// `PlanDetail`, `PlacementDetail` or `SENneed`, with its position.
    var detail: BladeTableKind?
    var detailIndex = 0

    /// The path of the element `leaf` (or of this container when nil).
    func text(_ leaf: String?) -> String {
        var parts: [String] = []
        if request > 0 { parts.append("Requests[\(request)]") }
        if inAssessment { parts.append("Assessment") }
        if inNamedPlan { parts.append("NamedPlan") }
        if inActivePlans { parts.append("ActivePlans") }
        if let detail { parts.append("\(detail.elementName)[\(detailIndex)]") }
        if let leaf { parts.append(leaf) }
        return parts.joined(separator: "/")
    }
}
