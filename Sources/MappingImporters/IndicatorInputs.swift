/// Which built-in indicators each mapped SEN2 element feeds, and which elements vary from child to
/// child in real returns. `hnhub validate --importer` warns with these when a mapped column is never
/// filled or a constant stands in for a varying element; docs/mapping-importers.md, "Which fields
/// feed which indicators", is the same table for people (definitions in docs/indicators.md).
package enum IndicatorInputs {
    /// The census shares of where children are placed (placement groups, docs/indicators.md).
    static let placementShares = ["mainstream_share", "special_school_share", "state_special_share",
                                  "independent_special_share", "post16_fe_share", "ap_share",
                                  "educated_elsewhere_share", "placement_unknown_share", "out_of_area_share",
                                  "out_of_area_independent_share", "out_of_area_cost", "independent_special_cost",
                                  "high_needs_cost_per_plan"]
    /// Every figure counted over the plans active on the census day.
    static let caseload = ["ehcp_caseload", "ehcp_growth_1y", "ehcp_rate_0_25", "ehcp_per_1000_2_18",
                           "need_share_*", "post16_share", "age_band_share_*"] + placementShares

    /// `section.Element` (the mapping's `fields` sections, slots left out) -> indicator ids (`*`: one
    /// per code or band).
    package static let byElement: [String: [String]] = [
        "person.PersonBirthDate": ["post16_share", "age_band_share_*"],
        "request.ReceivedDate": ["requests_received", "requests_refused_rate", "request_decisions_within_6_weeks",
                                 "timeliness_20wk_incl", "timeliness_20wk_excl"],
        "request.RequestOutcome": ["requests_refused_rate", "request_decisions_within_6_weeks", "tribunal_rate"],
        "request.RequestOutcomeDate": ["request_decisions_within_6_weeks", "tribunal_rate"],
        "request.RequestTribunal": ["tribunal_rate"],
        "assessment.AssessmentOutcome": ["assessments_issued_rate", "new_plans", "timeliness_20wk_incl",
                                         "timeliness_20wk_excl", "tribunal_rate"],
        "assessment.AssessmentOutcomeDate": ["assessments_issued_rate", "new_plans", "timeliness_20wk_incl",
                                             "timeliness_20wk_excl", "tribunal_rate"],
        "assessment.Week20": ["timeliness_20wk_excl"],
        "assessment.AssessmentTribunal": ["tribunal_rate"],
        "assessment.OtherTribunal": ["tribunal_rate"],
        "plan.StartDate": caseload,
        "plan.CeaseDate": caseload + ["plans_ceased", "ceased_needs_met_share"],
        "plan.CeaseReason": ["ceased_needs_met_share"],
        "placements.URN": placementShares,
        "placements.UKPRN": ["post16_fe_share", "placement_unknown_share"],
        "placements.SENSetting": ["educated_elsewhere_share", "placement_unknown_share"],
        "placements.EntryDate": placementShares,
        "placements.LeavingDate": placementShares,
        "placements.PlacementRank": placementShares,
        "needs.SENtype": ["need_share_*"],
        "needs.SENtypeRank": ["need_share_*"],
    ]

    /// Elements that differ between children in real returns: a constant (`value:`) for one of
    /// them says the same of every child, so the figures it feeds (or the return) come out fixed.
    /// Element -> what a constant does.
    package static let varying: [String: String] = [
        "request.RequestMediation": "says no request went to mediation (or every one did)",
        "request.RequestTribunal": "fixes the tribunal flag of every refusal, so tribunal_rate counts none or all",
        "request.RYA": "says no request came from a young person (or every one did)",
        "assessment.AssessmentMediation": "says no assessment decision went to mediation (or every one did)",
        "assessment.AssessmentTribunal": "fixes the tribunal flag of every assessment decision, so tribunal_rate counts none or all",
        "assessment.OtherMediation": "says no other mediation took place (or every one did)",
        "assessment.OtherTribunal": "fixes the other-tribunal flag of every assessment, so tribunal_rate counts none or all",
        "assessment.Week20": "fixes the 20-week exception of every plan, so timeliness_20wk_excl counts every new plan or none",
        "request.RequestOutcome": "gives every request the same decision",
        "assessment.AssessmentOutcome": "gives every assessment the same outcome",
        "plan.CeaseReason": "gives every ceased plan the same reason, so ceased_needs_met_share is 0 or 100",
        "plan.PB": "says no plan has a personal budget (or every one does)",
        "plan.DP": "gives every plan the same direct payments",
        "needs.SENtype": "gives every child the same need",
        "placements.SENSetting": "puts every child in the same setting",
    ]

    /// The key of `target` in the two tables: `placements.URN` for `placements[2].URN`.
    static func key(_ target: MappingTarget) -> String { "\(target.module.section).\(target.element)" }
}
