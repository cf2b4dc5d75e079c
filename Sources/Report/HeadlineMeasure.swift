/// The six measures at the top of the report, each with the indicators that can stand for it in
/// order of preference (a rate needs population; a cost per placement needs placements costed).
struct HeadlineMeasure: Sendable {
    var label: String
    var candidates: [String]

    static let all = [
        HeadlineMeasure(label: "EHCP rate", candidates: ["ehcp_rate_0_25", "ehcp_per_1000_2_18", "ehcp_caseload"]),
        HeadlineMeasure(label: "Special school share", candidates: ["special_school_share"]),
        HeadlineMeasure(label: "Independent special share", candidates: ["independent_special_share"]),
        HeadlineMeasure(label: "Out-of-area share", candidates: ["out_of_area_share"]),
        HeadlineMeasure(label: "Out-of-area cost", candidates: ["out_of_area_cost_per_plan", "out_of_area_cost"]),
        HeadlineMeasure(label: "20-week timeliness", candidates: ["timeliness_20wk_incl"]),
    ]

    /// The indicator shown: the first candidate with a value for an LA in scope, else the first
    /// with any figure, else the first (shown as not available).
    func indicator(in context: ReportContext) -> String {
        candidates.first { context.view($0)?.hasValue(forAnyOf: context.scopeLAs) == true }
            ?? candidates.first { context.view($0) != nil }
            ?? candidates[0]
    }

    /// Why a preferred indicator was passed over, when one was.
    func fallbackNote(in context: ReportContext) -> String? {
        let chosen = indicator(in: context)
        guard chosen != candidates[0], let la = context.scopeLAs.first else { return nil }
        let preferred = context.data.snapshot.definition(candidates[0])?.title ?? candidates[0]
        return "\(preferred): \(context.unavailableReason(candidates[0], la: la))"
    }
}
