import Comparison
import ComparisonTables
import DisclosureAudit
import HubKit
import Testing

/// Disclosure control across purposes (docs/disclosure-control.md, "Purposes"): outputs made for
/// two purposes show the same group's total over different members, and the difference of the two
/// totals is the left-out LA's figure. The pattern covers every purpose's outputs at once.
@Suite struct PurposeDisclosureTests {
    static let placements = IndicatorDefinition(
        id: "independent_placements", title: "Independent special placements", unit: .count, polarity: .none,
        periodType: .census, numerator: "placements", sources: [.sen2Returns],
        counts: IndicatorCounts(numerator: [CountTerm("placements.independent")]))

    /// Group West: 800 has 12 placements, 801 has 9, 802 has 3 (a small count).
    static var everyMember: DisclosureInput {
        let counts = ["800": 12.0, "801": 9, "802": 3]
        return DisclosureInput(
            definitions: [placements],
            figures: [
                placements.id: [
                    "2024/25": counts.keys.sorted().map {
                        Figure(laCode: $0, numerator: counts[$0]!, denominator: nil, value: counts[$0]!)
                    }
                ]
            ],
            totals: [.group("West", members: ["800", "801", "802"])])
    }

    /// 802 is opted in to `opted` and not to the other of benchmarking and forecasting.
    static func acrossPurposes(_ opted: String) -> DisclosureInput {
        let other = opted == "benchmarking" ? "forecasting" : "benchmarking"
        return everyMember.acrossPurposes([
            PurposeMembers(purpose: opted, leftOut: []),
            PurposeMembers(purpose: other, leftOut: ["802"]),
        ])
    }

    static func key(_ unit: String) -> FigureKey { FigureKey(indicator: placements.id, period: "2024/25", unit: unit) }

    @Test func eachPurposesTotalIsAFigureOfItsOwn() {
        let input = Self.acrossPurposes("benchmarking")
        #expect(input.totals.map(\.key) == ["group:West", "group:West without 802"])
        #expect(input.totals.map(\.members) == [["800", "801", "802"], ["800", "801"]])
        #expect(
            input.purposeTotals == [
                "benchmarking": ["group:West": "group:West"],
                "forecasting": ["group:West": "group:West without 802"],
            ])
        // No purpose leaves anyone out: the input is unchanged.
        let one = Self.everyMember.acrossPurposes([PurposeMembers(purpose: "benchmarking", leftOut: [])])
        #expect(one.totals.map(\.key) == ["group:West"])
        #expect(
            SuppressionPattern.compute(one).forPurpose("benchmarking").hidden
                == SuppressionPattern.compute(Self.everyMember).hidden)
    }

    @Test(arguments: ["benchmarking", "forecasting"])
    func patternsMadeForEachPurposeAloneGiveTheSmallCountAwayByDifferencing(_ opted: String) {
        let input = Self.acrossPurposes(opted)
        let separate = SuppressionPattern.computedSeparately(input)
        // 802's purpose hides every LA's figure (each insider could subtract its own from the total)
        // but shows the total, 24; the other purpose hides nothing and shows 800, 801 and their 21.
        #expect(separate.hidden == [Self.key("802")])
        let report = DisclosureAuditor(system: CountSystem(input), threshold: 5).audit(hidden: separate.hidden)
        #expect(!report.passed)
        #expect(report.unprotected.map { "\($0.cell) \($0.range)" } == ["802 2024/25 placements.independent 3..3"])
    }

    @Test(arguments: ["benchmarking", "forecasting"])
    func thePatternAcrossPurposesHidesTheTotalThatWouldGiveItBack(_ opted: String) {
        let input = Self.acrossPurposes(opted)
        let pattern = SuppressionPattern.compute(input)
        #expect(pattern.unresolved.isEmpty)
        // Further suppression hides an LA before a total (a total costs more): 801, then 800 (each
        // insider subtracts its own), and when the total over 800 and 801 still gives 802 back,
        // the total with 802.
        #expect(pattern.hidden == [Self.key("800"), Self.key("801"), Self.key("802"), Self.key("group:West")])
        let auditor = DisclosureAuditor(system: CountSystem(input), threshold: 5)
        for reader in [nil, "800", "801", "802"] {
            let report = auditor.audit(hidden: pattern.hidden, insider: reader)
            #expect(report.passed, "\(reader ?? "outsider"): \(report.unprotected.map(\.cell))")
        }
        #expect(
            auditor.audit(hidden: pattern.hidden).cells.map { "\($0.cell) \($0.range)" } == [
                "800 2024/25 placements.independent 0..21", "801 2024/25 placements.independent 0..21",
                "802 2024/25 placements.independent 0..inf",
            ])
        // What each purpose's outputs read: 802's purpose shows the group's total as c, the other
        // purpose shows its total over 800 and 801, 21.
        let withTheLA = pattern.forPurpose(opted)
        #expect(withTheLA.hidesTotal(Self.placements.id, period: "2024/25", total: "group:West"))
        #expect(withTheLA.hidden == [Self.key("800"), Self.key("801"), Self.key("802"), Self.key("group:West")])
        let without = pattern.forPurpose(opted == "benchmarking" ? "forecasting" : "benchmarking")
        #expect(!without.hidesTotal(Self.placements.id, period: "2024/25", total: "group:West"))
        #expect(without.hidden == [Self.key("800"), Self.key("801"), Self.key("802")])
        // A total the pattern did not model is hidden.
        #expect(without.hidesTotal(Self.placements.id, period: "2024/25", total: "group:East"))
    }

    /// The outputs read the pattern through `Audience`: a group table for each purpose.
    @Test func anAudienceOfEachPurposeReadsItsOwnTotals() {
        let pattern = SuppressionPattern.compute(Self.acrossPurposes("forecasting"))
        let benchmarking = Audience(pattern: pattern.forPurpose("benchmarking"))
        let forecasting = Audience(pattern: pattern.forPurpose("forecasting"))
        #expect(!benchmarking.hidesTotal(Self.placements.id, period: "2024/25", total: TotalKey.group("West")))
        #expect(forecasting.hidesTotal(Self.placements.id, period: "2024/25", total: TotalKey.group("West")))
        #expect(
            Audience(ownLA: "802", pattern: pattern.forPurpose("forecasting"))
                .hides(Self.placements.id, period: "2024/25", la: "802") == false)
    }
}
