import Comparison
import HubKit
import Testing

/// Rank, quartile band and outlier semantics as LAIT uses them, and disclosure control.
@Suite struct ComparisonTests {
    // Eight LAs, an even count, with a three-way tie.
    let values: [String: Double] = ["801": 3.5, "802": 1.0, "803": 7.25, "866": 7.25, "865": 2.0, "908": 9.0, "878": 4.0, "879": 7.25]

    @Test func quartilesInterpolateBetweenOrderStatisticsLikeRType7() throws {
        // numpy.percentile([1, 2, 3.5, 4, 7.25, 7.25, 7.25, 9], [25, 50, 75]) = [3.125, 5.625, 7.25]
        let quartiles = try #require(Quartiles(Array(values.values)))
        #expect(quartiles == Quartiles(q1: 3.125, median: 5.625, q3: 7.25))
        #expect(Quartiles([10, 20, 20, 30, 40, 50]) == Quartiles(q1: 20, median: 25, q3: 37.5))
        #expect(Quartiles([42]) == Quartiles(q1: 42, median: 42, q3: 42))
        #expect(Quartiles([]) == nil)
    }

    @Test func lowPolarityRanksSmallestFirstAndTiesTakeTheLowestRank() {
        let ranks = Ranking.ranks(values, polarity: .low)
        #expect(ranks == ["802": 1, "865": 2, "801": 3, "878": 4, "803": 5, "866": 5, "879": 5, "908": 8])
    }

    @Test func highPolarityRanksLargestFirst() {
        let ranks = Ranking.ranks(values, polarity: .high)
        #expect(ranks == ["908": 1, "803": 2, "866": 2, "879": 2, "878": 5, "801": 6, "865": 7, "802": 8])
    }

    @Test func contextMeasuresAreNotRanked() {
        #expect(Ranking.ranks(values, polarity: .none).isEmpty)
    }

    @Test func bandsFollowPolarityWithTheQuartilesInclusive() throws {
        let q = try #require(Quartiles(Array(values.values)))
        // Low is good: A up to and including Q1.
        #expect([1.0, 3.125, 3.5, 5.625, 7.0, 7.25, 9.0].map { q.band(of: $0, polarity: .low) }
                == [.a, .a, .b, .b, .c, .c, .d])
        // High is good: D up to and including Q1.
        #expect([1.0, 3.125, 3.5, 5.625, 7.0, 7.25, 9.0].map { q.band(of: $0, polarity: .high) }
                == [.d, .d, .c, .c, .b, .b, .a])
        #expect(q.band(of: 5, polarity: .none) == nil)
    }

    @Test func outliersAreMoreThanThreeMADsFromThePeerMedian() {
        let peers: [Double] = [10, 11, 12, 13, 14]   // median 12, MAD 1
        #expect(Outliers.isOutlier(15, peers: peers) == false)   // exactly 3 MADs
        #expect(Outliers.isOutlier(15.5, peers: peers))
        #expect(Outliers.isOutlier(8.5, peers: peers))
        #expect(Outliers.isOutlier(99, peers: [5, 5, 5, 6]) == false)   // MAD 0: no scale
    }

    @Test func aSmallCountIsOneFromOneToBelowTheThreshold() {
        let control = DisclosureControl()
        #expect([0, 1, 4, 5, nil].map { control.isSmall($0) } == [false, true, true, false, false])
        #expect([7, 9, 10].map { DisclosureControl(threshold: 10).isSmall($0) } == [true, true, false])
    }

    @Test func aComparisonGathersRankBandNeighboursRegionEnglandChangeAndOutlier() throws {
        let definition = IndicatorDefinition(id: "special_school_share", title: "Special", unit: .percent, polarity: .low,
                                             periodType: .census, numerator: "special", denominator: "all", sources: [])
        func figure(_ la: String, _ n: Double, _ d: Double) -> Figure { Figure(laCode: la, numerator: n, denominator: d, value: n / d * 100) }
        let all = [figure("800", 30, 100), figure("801", 50, 200), figure("802", 10, 100), figure("803", 80, 100),
                   figure("330", 40, 100)]
        let southWest = AggregateFigure.total(name: "South West", of: Array(all.prefix(4)), definition: definition)
        let c = try #require(IndicatorComparison.make(
            definition: definition, focus: "800", all: all, previous: figure("800", 20, 100),
            peers: ["801", "802", "803"], neighbours: ["801", "802", "999"],
            totals: .init(region: southWest, england: AggregateFigure.total(name: "England", of: all, definition: definition))))
        #expect(c.rank == 3)                        // 10, 25, 30, 40, 80: low is good
        #expect(c.rankedCount == 5)
        #expect(c.band == .b)                       // Q1 25, median 30 (inclusive)
        #expect(c.neighbourMean == 17.5)            // (25 + 10) / 2; 999 has no value
        #expect(c.neighbourCount == 2)
        #expect(c.region == AggregateFigure(name: "South West", numerator: 170, denominator: 500, value: 34, laCount: 4))
        #expect(c.region?.source == "computed: total of 4 LAs")
        #expect(c.england?.numerator == 210)
        #expect(c.england?.denominator == 600)
        #expect(c.england?.value == 35)             // totals over totals, not a mean of rates
        #expect(c.change == 10)
        #expect(c.outlier == false)                 // peers 25, 10, 80: median 25, MAD 15
    }
}
