import HubKit

/// Which indicators each SEN2 element a mapping fills feeds, as the loaded metric plugins declare
/// them (`IndicatorDefinition.inputs`), and which elements vary from child to child in real returns.
/// `hnhub validate --importer` warns with these when a mapped column is never filled or a constant
/// stands in for a varying element (docs/mapping-importers.md, "Which fields feed which indicators"
/// and "When a constant is safe"). The host knows no indicator ids: they come from the declarations.
package struct IndicatorInputs: Sendable, Hashable {
    /// Element -> the ids of the indicators counted from it, in the order they were declared.
    package private(set) var byElement: [SEN2Element: [String]] = [:]

    /// The inputs `definitions` declare; an indicator named twice is listed once.
    package init(_ definitions: [IndicatorDefinition]) {
        for definition in definitions {
            for element in definition.inputs where !(byElement[element]?.contains(definition.id) ?? false) {
                byElement[element, default: []].append(definition.id)
            }
        }
    }

    /// The ids of the indicators `target`'s element feeds; none for an element no definition names.
    package func indicators(fedBy target: MappingTarget) -> [String] { byElement[Self.element(target)] ?? [] }

    /// Elements that differ between children in real returns: a constant (`value:`) for one of
    /// them says the same of every child, so the figures it feeds (or the return) come out fixed.
    /// Element -> what a constant does to the children's records; the warning adds the indicators
    /// the element feeds.
    package static let varying: [SEN2Element: String] = [
        "request.RequestMediation": "says no request went to mediation (or every one did)",
        "request.RequestTribunal": "fixes the tribunal flag of every refusal, so none or all of them count as taken to tribunal",
        "request.RYA": "says no request came from a young person (or every one did)",
        "assessment.AssessmentMediation": "says no assessment decision went to mediation (or every one did)",
        "assessment.AssessmentTribunal":
            "fixes the tribunal flag of every assessment decision, so none or all of them count as taken to tribunal",
        "assessment.OtherMediation": "says no other mediation took place (or every one did)",
        "assessment.OtherTribunal":
            "fixes the other-tribunal flag of every assessment, so none or all of them count as taken to tribunal",
        "assessment.Week20":
            "fixes the 20-week exception of every plan, so every new plan or none counts as issued without exceptions",
        "request.RequestOutcome": "gives every request the same decision",
        "assessment.AssessmentOutcome": "gives every assessment the same outcome",
        "plan.CeaseReason": "gives every ceased plan the same reason, so the share ceased for any one reason is 0 or 100",
        "plan.PB": "says no plan has a personal budget (or every one does)",
        "plan.DP": "gives every plan the same direct payments",
        "needs.SENtype": "gives every child the same need",
        "placements.SENSetting": "puts every child in the same setting",
    ]

    /// The element `target` fills: `placements.URN` for `placements[2].URN`.
    static func element(_ target: MappingTarget) -> SEN2Element {
        SEN2Element(section: target.module.section, name: target.element)
    }
}
