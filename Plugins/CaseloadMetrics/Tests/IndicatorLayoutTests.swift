import CaseloadMetrics
import HubKit
import Testing

/// How the caseload plugin lays out its indicators for the report and the workbook.
struct IndicatorLayoutTests {
    @Test func everyIndicatorHasATopicAndTheSixHeadlineMeasuresHaveTheirCandidates() {
        let layout = IndicatorLayout.byID
        #expect(layout.count == 48)
        #expect(layout.values.allSatisfy { $0.topic != .other })
        #expect(layout["need_share_unknown"]?.topic == .needs)
        #expect(layout["request_decisions_within_6_weeks"]?.topic == .timeliness)
        #expect(layout["tribunal_rate"]?.topic == .requestsAndAssessments)
        #expect(layout["high_needs_cost_per_plan"]?.topic == .costs)
        var measures: [Int: [String]] = [:]
        for (id, presentation) in layout.sorted(by: { $0.key < $1.key }) {
            guard let role = presentation.headline else { continue }
            measures[role.position, default: []].append("\(role.measure): \(role.preference) \(id)")
        }
        #expect(measures.keys.sorted() == [1, 2, 3, 4, 5, 6])
        #expect(measures[1]?.sorted() == ["EHCP rate: 1 ehcp_rate_0_25", "EHCP rate: 2 ehcp_per_1000_2_18",
                                          "EHCP rate: 3 ehcp_caseload"])
        #expect(measures[5]?.sorted() == ["Out-of-area cost: 1 out_of_area_cost_per_plan", "Out-of-area cost: 2 out_of_area_cost"])
        #expect(measures[6] == ["20-week timeliness: 1 timeliness_20wk_incl"])
    }
}
