import Comparison
import ComparisonTables
import DisclosureAudit
import HubKit
import LinearProgramming
import Report
import Testing

/// The linear system of what a reader is shown, the auditor that bounds every hidden cell by linear
/// programming, and the hub's suppression pattern that passes it, on figures small enough to check
/// by hand (docs/disclosure-control.md).
@Suite struct DisclosureAuditTests {
    static let caseload = IndicatorDefinition(
        id: "ehcp_caseload", title: "Plans", unit: .count, polarity: .none, periodType: .census, numerator: "plans",
        sources: [.sen2Returns], counts: IndicatorCounts(numerator: [CountTerm("plans")]))

    /// Age bands partition the plans (a child with no birth month is in none).
    static func band(_ id: String) -> IndicatorDefinition {
        IndicatorDefinition(id: "age_band_share_\(id)", title: id, unit: .percent, polarity: .none, periodType: .census,
                            numerator: "plans aged \(id)", denominator: "plans", sources: [.sen2Returns],
                            counts: IndicatorCounts(numerator: [CountTerm("plans.\(id)")], denominator: [CountTerm("plans")],
                                                    partitions: [PartitionMembership("plans by age band", total: "plans",
                                                                                     complete: false)]))
    }

    static func figure(_ la: String, _ numerator: Double, _ denominator: Double? = nil) -> Figure {
        Figure(laCode: la, numerator: numerator, denominator: denominator, value: denominator.map { numerator / $0 * 100 } ?? numerator)
    }

    /// Three LAs of one region. 800: 30 plans, aged 0-10: 10, 11-19: 17, 20-25: 3 (small).
    static var input: DisclosureInput {
        let bands = ["0to10", "11to19", "20to25"]
        let plans = ["800": 30.0, "801": 40, "802": 50]
        let ages = ["800": [10.0, 17, 3], "801": [12.0, 20, 8], "802": [15.0, 25, 10]]
        var figures: [String: [String: [Figure]]] = ["ehcp_caseload": ["2024/25": plans.keys.sorted().map { figure($0, plans[$0]!) }]]
        for (i, id) in bands.enumerated() {
            figures["age_band_share_\(id)"] = ["2024/25": plans.keys.sorted().map { figure($0, ages[$0]![i], plans[$0]!) }]
        }
        return DisclosureInput(definitions: [caseload] + bands.map(band), figures: figures,
                               totals: [.england, .region("South West", members: ["800", "801", "802"])])
    }

    func key(_ indicator: String, _ unit: String) -> FigureKey {
        FigureKey(indicator: indicator, period: "2024/25", unit: unit)
    }

    /// The differencing attack: hiding only 800's 20-25 band leaves it as the plan count less the
    /// other bands, so the auditor pins it at 3 and fails.
    @Test func hidingOnlyTheSmallBandLeavesItPinned() {
        let system = CountSystem(Self.input)
        let weak = SuppressionPattern.primaryOnly(system: system, threshold: 5)
        #expect(weak.hidden == [key("age_band_share_20to25", "800")])
        let report = DisclosureAuditor(system: system, threshold: 5).audit(hidden: weak.hidden)
        #expect(!report.passed)
        let band = report.cells.first { $0.cell == CellKey(count: "plans.20to25", unit: "800", period: "2024/25") }
        #expect(band?.range == VariableRange(lower: 3, upper: 3))
        #expect(band?.requirement == .primary && band?.protected == false)
    }

    /// Hiding a second band of 800 is not enough either: the region's totals of each band give them
    /// back. With 801's 20-25 band hidden as well, 800's 20-25 lies anywhere in 0..11: compatible with
    /// 0 and with 5, the protection interval.
    @Test func theAuditorBoundsEachHiddenCellByLinearProgramming() {
        let auditor = DisclosureAuditor(system: CountSystem(Self.input), threshold: 5)
        let twoBands: Set = [key("age_band_share_20to25", "800"), key("age_band_share_11to19", "800")]
        #expect(!auditor.audit(hidden: twoBands).passed)
        let rectangle = twoBands.union([key("age_band_share_20to25", "801"), key("age_band_share_11to19", "801")])
        let report = auditor.audit(hidden: rectangle)
        #expect(report.passed)
        // 800: 20-25 + 11-19 = 20; 801: 20-25 + 11-19 = 28; each band's region total is shown.
        #expect(report.cells.map { "\($0.cell.unit) \($0.cell.count) \($0.requirement) \($0.range)" } == [
            "800 plans.11to19 secondary 9..20", "800 plans.20to25 primary 0..11",
            "801 plans.11to19 secondary 17..28", "801 plans.20to25 secondary 0..11",
        ])
        // Yet 801, knowing its own 8 and 20, takes them from the region's totals: 800's band is pinned.
        let insider = auditor.audit(hidden: rectangle, insider: "801")
        #expect(insider.unprotected.map { "\($0.cell.unit) \($0.cell.count) \($0.range)" } == ["800 plans.20to25 3..3"])
    }

    /// The hub's pattern passes the auditor for an outsider and for each LA knowing its own figures.
    @Test func theHubsPatternPassesForEveryReader() {
        let system = CountSystem(Self.input)
        let pattern = SuppressionPattern.compute(Self.input)
        #expect(pattern.unresolved.isEmpty)
        #expect(pattern.hidden.contains(key("age_band_share_20to25", "800")))
        // The caseload, every reader's headline, stays shown.
        #expect(!pattern.hidden.contains { $0.indicator == "ehcp_caseload" })
        let auditor = DisclosureAuditor(system: system, threshold: 5)
        for reader in [nil, "800", "801", "802"] {
            let report = auditor.audit(hidden: pattern.hidden, insider: reader)
            #expect(report.passed, "\(reader ?? "outsider"): \(report.unprotected.map(\.cell))")
        }
        // What 802 reads: 800's band could be anything from 0 to at least 5.
        let seen = auditor.audit(hidden: pattern.hidden, insider: "802").cells
            .first { $0.cell == CellKey(count: "plans.20to25", unit: "800", period: "2024/25") }
        #expect(seen.map { $0.range.lower == 0 && ($0.range.upper ?? .infinity) >= 5 } == true)
    }

    /// A rest (the children in no shown part) of 1 to 4 is itself protected: with every band shown
    /// but one child with no birth month, the rest would be plans less the bands.
    @Test func theRestOfAPartitionIsProtectedToo() {
        var input = Self.input
        input.figures["ehcp_caseload"]!["2024/25"] = [Self.figure("800", 32), Self.figure("801", 40), Self.figure("802", 50)]
        for id in ["0to10", "11to19", "20to25"] {
            input.figures["age_band_share_\(id)"]!["2024/25"] = input.figures["age_band_share_\(id)"]!["2024/25"]!.map {
                $0.laCode == "800" ? Figure(laCode: "800", numerator: $0.numerator, denominator: 32, value: nil) : $0
            }
        }
        let system = CountSystem(input)
        let rest = CellKey(count: "plans by age band (rest)", unit: "800", period: "2024/25")
        let weak = DisclosureAuditor(system: system, threshold: 5).audit(hidden: SuppressionPattern.primaryOnly(system: system, threshold: 5).hidden)
        #expect(weak.cells.first { $0.cell == rest }?.range == VariableRange(lower: 2, upper: 2))
        let pattern = SuppressionPattern.compute(input)
        #expect(DisclosureAuditor(system: system, threshold: 5).audit(hidden: pattern.hidden).passed)
    }

    /// Growth shows this year's plans less last year's: with last year's count small and hidden,
    /// this year's growth figure would give it back, so the primary rule hides growth too.
    @Test func aDifferenceOfTwoPeriodsIsProtected() {
        let growth = IndicatorDefinition(
            id: "ehcp_growth_1y", title: "Growth", unit: .percent, polarity: .none, periodType: .census, numerator: "change",
            denominator: "last year", sources: [.sen2Returns],
            counts: IndicatorCounts(numerator: [CountTerm("plans"), CountTerm("plans", coefficient: -1, periodsBefore: 1)],
                                    denominator: [CountTerm("plans", periodsBefore: 1)]))
        let input = DisclosureInput(definitions: [Self.caseload, growth], figures: [
            "ehcp_caseload": ["2023/24": [Self.figure("800", 3), Self.figure("801", 40), Self.figure("802", 50)],
                              "2024/25": [Self.figure("800", 9), Self.figure("801", 41), Self.figure("802", 52)]],
            "ehcp_growth_1y": ["2024/25": [Self.figure("800", 6, 3), Self.figure("801", 1, 40), Self.figure("802", 2, 50)]],
        ], totals: [.england])
        let system = CountSystem(input)
        let pattern = SuppressionPattern.compute(input)
        #expect(pattern.primary == [FigureKey(indicator: "ehcp_caseload", period: "2023/24", unit: "800"),
                                    FigureKey(indicator: "ehcp_growth_1y", period: "2024/25", unit: "800")])
        for reader in [nil, "800", "801", "802"] {
            #expect(DisclosureAuditor(system: system, threshold: 5).audit(hidden: pattern.hidden, insider: reader).passed)
        }
    }

    /// The audience reads the pattern: its own LA's figures show in its own view, published ones always.
    @Test func anAudienceShowsItsOwnAndPublishedFigures() {
        let snapshot = IndicatorSnapshot(definitions: [Self.caseload], figures: ["ehcp_caseload": ["2024/25": [
            Self.figure("800", 3), Self.figure("801", 40), Self.figure("802", 50),
            Figure(laCode: "330", numerator: 2, denominator: nil, value: 2, source: "published: sen_ehcp"),
        ]]])
        let shared = Audience(snapshot: snapshot, geography: LAGeography())
        #expect(shared.hides("ehcp_caseload", period: "2024/25", la: "800"))
        #expect(!shared.hides("ehcp_caseload", period: "2024/25", la: "330"))
        #expect(!Audience(ownLA: "800", snapshot: snapshot, geography: LAGeography()).hides("ehcp_caseload", period: "2024/25", la: "800"))
    }

    /// With two LAs, one small, England's total would give the small one to the other: the report's
    /// table shows it as c, like the LA itself.
    @Test func aHiddenTotalShowsAsCInTheReport() {
        let snapshot = IndicatorSnapshot(definitions: [Self.caseload], figures: ["ehcp_caseload": ["2024/25": [
            Self.figure("800", 3), Self.figure("801", 40)]]])
        let html = ReportBuilder(data: ReportData(snapshot: snapshot, geography: LAGeography()),
                                 options: ReportOptions(scope: .la("801"))).html()
        #expect(html.contains("<td class=\"num\">c</td></tr>"))
        #expect(!html.contains(">43<"))
    }
}
