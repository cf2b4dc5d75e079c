import HubKit

/// Where outputs show this plugin's indicators: the topic of each list, its order as listed, and
/// the measures at the top of the report they stand for (docs/report.md, "Headlines"). The host
/// knows no indicator ids; it reads all of this from the definitions.
package enum IndicatorLayout {
    /// Each headline measure's place, and the indicators that stand for it in order of preference:
    /// a rate needs population, so the per-1,000 rate and then the count stand in for it; a cost
    /// per placement needs placements costed, so the total stands in for it.
    static let headlines: [String: HeadlineRole] = [
        "ehcp_rate_0_25": HeadlineRole(measure: "EHCP rate", position: 1, preference: 1),
        "ehcp_per_1000_2_18": HeadlineRole(measure: "EHCP rate", position: 1, preference: 2),
        "ehcp_caseload": HeadlineRole(measure: "EHCP rate", position: 1, preference: 3),
        "special_school_share": HeadlineRole(measure: "Special school share", position: 2),
        "independent_special_share": HeadlineRole(measure: "Independent special share", position: 3),
        "out_of_area_share": HeadlineRole(measure: "Out-of-area share", position: 4),
        "out_of_area_cost_per_plan": HeadlineRole(measure: "Out-of-area cost", position: 5, preference: 1),
        "out_of_area_cost": HeadlineRole(measure: "Out-of-area cost", position: 5, preference: 2),
        "timeliness_20wk_incl": HeadlineRole(measure: "20-week timeliness", position: 6),
    ]

    /// Where outputs show each indicator this plugin declares, by id: for tests and tools that
    /// build definitions by hand and want them laid out as the plugin lays them out.
    package static var byID: [String: IndicatorPresentation] {
        let all = metricProviders.flatMap(\.indicators)
        return Dictionary(all.map { ($0.id, $0.presentation) }, uniquingKeysWith: { first, _ in first })
    }

    /// `definitions` shown under `topic` in the order listed, each with its headline role if it has one.
    static func present(_ definitions: [IndicatorDefinition], in topic: IndicatorTopic) -> [IndicatorDefinition] {
        definitions.enumerated().map { index, definition in
            definition.presented(in: topic, order: index + 1, headline: headlines[definition.id])
        }
    }
}
