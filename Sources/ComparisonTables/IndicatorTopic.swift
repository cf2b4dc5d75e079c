import HubKit

/// The topics outputs group indicators by (a workbook sheet, a report section), following the
/// sections of docs/indicators.md.
public enum IndicatorTopic: String, Sendable, CaseIterable, Codable {
    case caseloadAndPlacements = "Caseload and placements"
    case needs = "Needs"
    case timeliness = "Timeliness"
    case requestsAndAssessments = "Requests and assessments"
    case costs = "Costs"
    /// Declarative metrics and anything else a plugin adds.
    case other = "Other"

    /// The topic an indicator belongs to, from its id and unit.
    public static func of(_ definition: IndicatorDefinition) -> IndicatorTopic {
        let id = definition.id
        if definition.unit == .pounds || definition.sources.contains(.placementCosts) { return .costs }
        if id.hasPrefix("need_share_") { return .needs }
        if id.hasPrefix("timeliness_") || id == "request_decisions_within_6_weeks" { return .timeliness }
        let work = ["requests_received", "requests_refused_rate", "assessments_issued_rate", "new_plans", "plans_ceased",
                    "ceased_needs_met_share", "tribunal_rate"]
        if work.contains(id) { return .requestsAndAssessments }
        if id.hasPrefix("ehcp_") || id.hasSuffix("_share") || id.hasPrefix("age_band_share_") {
            return .caseloadAndPlacements
        }
        return .other
    }
}
