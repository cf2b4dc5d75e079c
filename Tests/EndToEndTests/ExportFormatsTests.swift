import Comparison
import ComparisonTables
import Exports
import Foundation
import HubKit
@testable import HubStore
import Testing

/// The exact CSV and JSON of `hnhub indicators` and `hnhub compare`: headers, rows, `c` for
/// suppressed cells in CSV and `"suppressed": true` with null figures in JSON, on figures in
/// memory and on the bundled fixture returns through the command.
@Suite struct ExportFormatsTests {
    static func stored(_ indicator: String, _ la: String, _ period: String, _ numerator: Double?, _ denominator: Double?,
                       value: Double?, unit: String, polarity: String, reason: String? = nil,
                       source: String? = nil) -> StoredIndicatorValue {
        StoredIndicatorValue(indicatorID: indicator, laCode: la, period: period, periodType: period.contains("/") ? "census" : "calendar",
                             numerator: numerator, denominator: denominator, value: value, unavailableReason: reason,
                             unit: unit, polarity: polarity, source: source)
    }

    /// 801's 4 children is small; England's total is shown, so 800 and 803 are hidden with it (with
    /// 800 alone, 800 could take its own 120 from the total); 802's published figure is public; 803
    /// has no register for the share.
    static let values = [
        stored("ehcp_caseload", "800", "2024/25", 120, nil, value: 120, unit: "count", polarity: "none"),
        stored("ehcp_caseload", "801", "2024/25", 4, nil, value: 4, unit: "count", polarity: "none"),
        stored("ehcp_caseload", "802", "2024/25", 3, nil, value: 3, unit: "count", polarity: "none", source: "published: sen_ehcp"),
        stored("ehcp_caseload", "803", "2024/25", 200, nil, value: 200, unit: "count", polarity: "none"),
        stored("special_school_share", "800", "2024/25", 40, 120, value: 100.0 / 3, unit: "%", polarity: "low"),
        stored("special_school_share", "803", "2024/25", nil, nil, value: nil, unit: "%", polarity: "low",
               reason: "no establishment register loaded"),
    ]

    /// The hub's pattern over these values (England's total beside them).
    static var audience: Audience {
        var figures: [String: [String: [Figure]]] = [:]
        for v in values where v.numerator != nil {
            figures[v.indicatorID, default: [:]][v.period, default: []].append(
                Figure(laCode: v.laCode, numerator: v.numerator, denominator: v.denominator, value: v.value, source: v.source))
        }
        let definitions = [WorkbookExportTests.definitions[0], WorkbookExportTests.definitions[1]]
        return Audience(snapshot: IndicatorSnapshot(definitions: definitions, figures: figures), geography: LAGeography())
    }

    @Test func indicatorsCSVHasAHeaderAndCForSuppressedCells() {
        let csv = IndicatorCSV.render(SuppressedValues.apply(Self.values, audience: Self.audience))
        #expect(csv == """
            indicator,la_code,period,value,numerator,denominator,unit,polarity,unavailable_reason,source
            ehcp_caseload,800,2024/25,c,c,,count,none,,returns
            ehcp_caseload,801,2024/25,c,c,,count,none,,returns
            ehcp_caseload,802,2024/25,3,3,,count,none,,published: sen_ehcp
            ehcp_caseload,803,2024/25,c,c,,count,none,,returns
            special_school_share,800,2024/25,33.333333333333336,40,120,%,low,,returns
            special_school_share,803,2024/25,,,,%,low,no establishment register loaded,returns
            """)
    }

    @Test func indicatorsJSONGivesNullFiguresForSuppressedValues() throws {
        let json = try IndicatorJSON.render(SuppressedValues.apply(Array(Self.values.prefix(2)) + [Self.values[4]],
                                                                   audience: Self.audience))
        #expect(json == """
            [{"denominator":null,"indicator":"ehcp_caseload","la_code":"800","numerator":null,"period":"2024/25","polarity":"none","source":"returns","suppressed":true,"unit":"count","value":null},\
            {"denominator":null,"indicator":"ehcp_caseload","la_code":"801","numerator":null,"period":"2024/25","polarity":"none","source":"returns","suppressed":true,"unit":"count","value":null},\
            {"denominator":120,"indicator":"special_school_share","la_code":"800","numerator":40,"period":"2024/25","polarity":"low","source":"returns","suppressed":false,"unit":"%","value":33.333333333333336}]
            """)
    }

    /// LA 800 against its neighbours (330, 801) on the workbook tests' figures, in the order of their
    /// definitions.
    func lines(own: Bool = false) throws -> [ComparisonLine] {
        try LAComparisons(snapshot: WorkbookExportTests.snapshot, geography: WorkbookExportTests.geography,
                          audience: Audience(ownLA: own ? "800" : nil, snapshot: WorkbookExportTests.snapshot,
                                             geography: WorkbookExportTests.geography))
            .lines(for: "800", period: "2024/25", peers: .neighbours)
    }

    @Test func compareCSVHasOneRowPerIndicatorWithTotals() throws {
        let csv = ComparisonCSV.render(try lines(), peers: .neighbours).split(separator: "\n").map(String.init)
        #expect(csv.first == ComparisonCSV.header.joined(separator: ","))
        #expect(csv.first == "indicator,title,period,unit,polarity,la_code,value,numerator,denominator,suppressed,source,rank,ranked_count,band,peer_set,peer_count,peer_median,neighbour_mean,neighbour_count,region,region_value,region_numerator,region_denominator,region_source,england_value,england_numerator,england_denominator,england_source,change,outlier")
        #expect(csv.first == "indicator,title,period,unit,polarity,la_code,value,numerator,denominator,suppressed,source,rank,ranked_count,band,peer_set,peer_count,peer_median,neighbour_mean,neighbour_count,region,region_value,region_numerator,region_denominator,region_source,england_value,england_numerator,england_denominator,england_source,change,outlier")
        #expect(csv.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).first.map(String.init) ?? "" }
                == ["ehcp_caseload", "special_school_share", "need_share_ASD", "cost_per_plan", "my_metric",
                    "timeliness_20wk_incl", "requests_received"])
        // 801 (4) is small; in a region of four and a group of three, 800 and 802 go with it (and 803,
        // whose 200 would otherwise be the South West's total less the group's), 330 and England's
        // total too: see docs/disclosure-control.md. The peer median and neighbour mean have nothing left.
        // Every LA of the region and of England has a caseload: both totals are computed, each with its
        // source (England's hidden by the pattern).
        #expect(csv[1] == "ehcp_caseload,Children with an EHC plan,2024/25,count,none,800,c,c,,true,returns,,0,,neighbours,2,,,0,South West,384,384,,computed: total of 4 LAs,c,c,c,,,false")
        #expect(csv[2] == "special_school_share,Plans in special schools,2024/25,%,low,800,c,c,c,true,returns,,6,,neighbours,2,,,0,South West,24.21875,93,384,computed: total of 4 LAs,26.294277929155314,193,734,computed: total of 6 LAs,,false")
        // A figure nothing small touches shows with rank, band and peers; only 800, 801 and 330 have
        // one and none is published: no region or England total, and why (docs/national-context.md).
        #expect(csv[6] == "timeliness_20wk_incl,Plans issued within 20 weeks,2024,%,high,800,90,18,20,false,returns,1,3,A,neighbours,2,65,65,2,South West,,,,South West: no figure for 2024 (no published table gives it; LA figures for 2 of 4 LAs),,,,England: no figure for 2024 (no published table gives it; LA figures for 3 of 6 LAs),,false")
        // 800's 3 requests: c, with no change shown.
        #expect(csv[7] == "requests_received,Requests for assessment,2024,count,none,800,c,c,,true,returns,,0,,neighbours,2,,,0,South West,,,,South West: no figure for 2024 (no published table gives it; LA figures for 2 of 4 LAs),,,,England: no figure for 2024 (no published table gives it; LA figures for 3 of 6 LAs),,false")
    }

    @Test func compareJSONNullsASuppressedFocusAndPeers() throws {
        let json = try ComparisonJSON.render(try lines(), peers: .neighbours)
        let objects = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [[String: Any]])
        let requests = try #require(objects.first { $0["indicator"] as? String == "requests_received" })
        let focus = try #require(requests["la"] as? [String: Any])
        #expect(focus["suppressed"] as? Bool == true)
        #expect(focus["value"] is NSNull && focus["numerator"] is NSNull && focus["denominator"] is NSNull)
        let peers = try #require(requests["peers"] as? [[String: Any]])
        #expect(peers.map { $0["la_code"] as? String } == ["330", "801"])
        #expect(peers.map { $0["suppressed"] as? Bool } == [true, true])
        #expect(peers[0]["value"] is NSNull && peers[1]["value"] is NSNull)
        let region = try #require(requests["region"] as? [String: Any])
        #expect(region["note"] as? String == "South West: no figure for 2024 (no published table gives it; LA figures for 2 of 4 LAs)")
        let caseload = try #require(objects.first { $0["indicator"] as? String == "ehcp_caseload" })
        #expect((caseload["region"] as? [String: Any])?["source"] as? String == "computed: total of 4 LAs")
        #expect((caseload["england"] as? [String: Any])?["suppressed"] as? Bool == true)
        #expect(Set(requests.keys) == ["indicator", "period", "unit", "polarity", "la", "rank", "ranked_count", "band",
                                        "neighbour_mean", "neighbour_count", "peer_set", "peers", "region", "england",
                                        "change", "outlier"])
        // In 800's own view its figure shows; 801's stays hidden.
        let own = try ComparisonJSON.render(try lines(own: true), peers: .neighbours)
        let ownObjects = try #require(try JSONSerialization.jsonObject(with: Data(own.utf8)) as? [[String: Any]])
        let ownRequests = try #require(ownObjects.first { $0["indicator"] as? String == "requests_received" })
        #expect((ownRequests["la"] as? [String: Any])?["value"] as? Double == 3)
        #expect((ownRequests["peers"] as? [[String: Any]])?.last?["suppressed"] as? Bool == true)
    }
}
