import Comparison
import ComparisonTables
import DisclosureAudit
import HubKit
import Testing

/// The layer every output reads: stored figures per indicator and period, disclosure control for an
/// audience, and tables of all LAs with rank, band and totals.
@Suite struct ComparisonTablesTests {
    let share = IndicatorDefinition(id: "special_school_share", title: "Plans in special schools", unit: .percent,
                                    polarity: .low, periodType: .census, numerator: "plans in special schools",
                                    denominator: "active plans", sources: [.sen2Returns, .establishments])
    let newPlans = IndicatorDefinition(id: "new_plans", title: "New EHC plans issued", unit: .count, polarity: .none,
                                       periodType: .calendar, numerator: "plans issued", sources: [.sen2Returns])

    func figure(_ la: String, _ numerator: Double, _ denominator: Double?, source: String? = nil) -> Figure {
        Figure(laCode: la, numerator: numerator, denominator: denominator,
               value: denominator.map { numerator / $0 * 100 } ?? numerator, source: source)
    }

    /// Four LAs of one region and one of another; 802's 3 plans in special schools is a small count.
    var snapshot: IndicatorSnapshot {
        IndicatorSnapshot(definitions: [share, newPlans], figures: [
            "special_school_share": [
                "2024/25": [figure("800", 30, 100), figure("801", 12, 60), figure("802", 3, 40), figure("803", 20, 50),
                            figure("330", 2, 10, source: "published: sen2_placements")],
                "2023/24": [figure("800", 25, 100)],
            ],
            "new_plans": ["2024": [figure("800", 40, nil), figure("801", 7, nil)]],
        ])
    }

    var geography: LAGeography {
        let southWest = (code: "E12000009", name: Optional("South West"))
        return LAGeography(names: ["800": "Bath and North East Somerset", "801": "Bristol, City of"],
                           regionOf: ["800": southWest, "801": southWest, "802": southWest, "803": southWest],
                           regionMembers: ["E12000009": ["800", "801", "802", "803"]],
                           neighbours: ["800": ["801", "803"]], groups: ["West": ["800", "801", "802"]])
    }

    func audience(own: String? = nil, threshold: Int = 5) -> Audience {
        Audience(ownLA: own, control: DisclosureControl(threshold: threshold), snapshot: snapshot, geography: geography)
    }

    /// The LAs whose figure `audience` hides.
    func hidden(_ audience: Audience, _ indicator: String, _ period: String) -> Set<String> {
        Set(snapshot.figures(indicator, period: period).map(\.laCode).filter { audience.hides(indicator, period: period, la: $0) })
    }

    /// 802's 3 is small and the South West's total is shown, so a reader could subtract the other
    /// three; 801 hidden beside it is not enough either, as 801 knows its own 12. Hiding 800 as well
    /// covers both the region and the group West {800, 801, 802}; 803 and every total stay shown.
    @Test func aSmallCountIsHiddenWithEnoughOthersThatNoMemberCanRecoverIt() {
        #expect(hidden(audience(), "special_school_share", "2024/25") == ["800", "801", "802"])
        #expect(!audience().hidesTotal("special_school_share", period: "2024/25", total: TotalKey.region("South West")))
        #expect(!audience().hidesTotal("special_school_share", period: "2024/25", total: TotalKey.group("West")))
        // A published figure keeps its own symbols: 330's 2 is not hidden here.
        #expect(!audience().hides("special_school_share", period: "2024/25", la: "330"))
        // A total the pattern was not computed with is hidden: nothing protects what it would reveal.
        #expect(audience().hidesTotal("special_school_share", period: "2024/25", total: TotalKey.group("East")))
    }

    /// The primary rule, as every output applies it through the audience's pattern: a figure whose
    /// numerator or denominator is a small count; a zero is no small count, nor a big one.
    @Test func thePrimaryRuleHidesAFigureBuiltOnASmallCount() {
        let figures = IndicatorSnapshot(definitions: [share, newPlans], figures: [
            "special_school_share": ["2024/25": [figure("800", 3, 40), figure("801", 0, 2), figure("802", 0, 40),
                                                 figure("803", 30, 60)]],
            "new_plans": ["2024": [figure("800", 12, nil), figure("801", 7, nil), figure("802", 40, nil)]],
        ])
        func primary(threshold: Int) -> [String] {
            Audience(control: DisclosureControl(threshold: threshold), snapshot: figures, geography: LAGeography())
                .pattern.primary.sorted().map { "\($0.indicator) \($0.period) \($0.unit)" }
        }
        #expect(primary(threshold: 5) == ["special_school_share 2024/25 800", "special_school_share 2024/25 801"])
        #expect(primary(threshold: 10) == ["new_plans 2024 801", "special_school_share 2024/25 800",
                                           "special_school_share 2024/25 801"])
    }

    @Test func aFigureWithANoteOfItsRouteIsStillTheHubsOwnAndSuppressed() {
        // The cost provider notes how each placement was costed; that is no published table.
        let costed = IndicatorSnapshot(definitions: [share], figures: ["special_school_share": ["2024/25": [
            figure("800", 3, 40, source: "costed: 2 recorded, 1 default band"), figure("801", 30, 60)]]])
        let audience = Audience(snapshot: costed, geography: LAGeography())
        #expect(audience.hides("special_school_share", period: "2024/25", la: "800"))
        // With two LAs, England's total less 801's own figure would give 800's: the total goes too.
        #expect(audience.hidesTotal("special_school_share", period: "2024/25", total: TotalKey.england))
    }

    @Test func anLASeesItsOwnFiguresInItsOwnView() {
        #expect(hidden(audience(own: "802"), "special_school_share", "2024/25") == ["800", "801"])
        #expect(audience(own: "802").pattern == audience().pattern)
    }

    @Test func theThresholdComesFromTheAudience() {
        // 801's 7 new plans is small below 10: with two LAs, 800 and every total go with it.
        #expect(hidden(audience(threshold: 10), "new_plans", "2024") == ["800", "801"])
        #expect(audience(threshold: 10).hidesTotal("new_plans", period: "2024", total: TotalKey.england))
        #expect(hidden(audience(), "new_plans", "2024").isEmpty)
    }

    @Test func aCensusPeriodPicksTheCalendarYearItEndsForWorkIndicators() {
        #expect(snapshot.period(of: "new_plans", requested: "2024/25") == "2024")
        #expect(snapshot.period(of: "special_school_share", requested: "2024") == "2024/25")
        #expect(snapshot.period(of: "special_school_share", requested: nil) == "2024/25")
        #expect(snapshot.period(of: "special_school_share", requested: "2019/20") == nil)
        #expect(snapshot.previousPeriod("special_school_share", before: "2024/25", la: "800") == "2023/24")
        #expect(snapshot.previousPeriod("special_school_share", before: "2024/25", la: "801") == nil)
    }

    @Test func aHiddenFocusFigureShowsNoRankBandOrChange() throws {
        let line = try #require(try LAComparisons(snapshot: snapshot, geography: geography, audience: audience())
            .lines(for: "802", peers: .region).first)
        #expect(line.focusHidden)
        #expect(line.comparison.rank == nil && line.comparison.band == nil && line.comparison.change == nil)
        // The LA is not its own peer.
        #expect(line.comparison.peers.map(\.laCode) == ["800", "801", "803"])
        // In its own view it sees all of it.
        let own = try #require(try LAComparisons(snapshot: snapshot, geography: geography, audience: audience(own: "802"))
            .lines(for: "802", peers: .region).first)
        #expect(own.focusHidden == false && own.comparison.rank == 1 && own.comparison.band == .a)
    }

    @Test func aTableRanksEveryLAAndTotalsRegionsGroupsAndEngland() throws {
        let table = LATable.make(snapshot, indicator: share, period: "2024/25", geography: geography,
                                 audience: audience(), group: (name: "West", members: ["800", "801", "802"]))
        // Values 30, 20, 7.5, 40, 20 (330): low is good, ties share the lowest rank.
        #expect(table.rows.map(\.figure.laCode) == ["330", "800", "801", "802", "803"])
        #expect(table.rows.map(\.rank) == [2, 4, 2, 1, 5])
        #expect(table.rankedCount == 5)
        #expect(table.rows.map(\.band) == [.a, .c, .a, .a, .d])
        #expect(table.rows.filter(\.hidden).map(\.figure.laCode) == ["800", "801", "802"])
        #expect(table.row("802")?.shownValue == nil)
        #expect(table.row("800")?.name == "Bath and North East Somerset")
        // Every LA has a figure (no register here: England is the LAs with figures and in regions).
        let england = try #require(table.england)
        #expect((england.numerator, england.denominator, england.laCount) == (67, 260, 5))
        #expect(england.source == "computed: total of 5 LAs")
        #expect(table.regions.map(\.name) == ["South West"])
        #expect(table.regions.first.map { ($0.numerator, $0.denominator) } ?? (0, nil) == (65, 250))
        #expect(table.group.map { ($0.numerator, $0.denominator, $0.value) } ?? (0, nil, nil) == (45, 200, 22.5))
    }

    @Test func compareLinesCarryRankPeersAndWhatIsHidden() throws {
        let comparisons = LAComparisons(snapshot: snapshot, geography: geography, audience: audience())
        let lines = try comparisons.lines(for: "800", peers: .neighbours)
        #expect(lines.map(\.definition.id) == ["special_school_share", "new_plans"])
        let first = try #require(lines.first)
        #expect(first.period == "2024/25")
        // 800 is hidden (secondary suppression for 802), so no rank, band or change.
        #expect(first.focusHidden)
        #expect(first.comparison.rank == nil && first.comparison.change == nil)
        #expect(first.comparison.peers.map(\.laCode) == ["801", "803"])
        #expect(first.hiddenPeers == ["801"])
        #expect(first.visiblePeerValues == [40])
        #expect(!first.regionHidden && !first.englandHidden)
        // 801 is hidden, so the neighbour mean is 803's alone: with 801 in it, 801 could be recovered.
        #expect(first.comparison.neighbourMean == 40)
        #expect(first.comparison.neighbourCount == 1)
        #expect(try comparisons.peerCodes(of: "800", .group("West")) == ["800", "801", "802"])
        #expect(throws: ComparisonTablesError.self) { try comparisons.peerCodes(of: "800", .group("East")) }
        #expect(throws: ComparisonTablesError.badPeerSet("friends")) { try PeerSet(parsing: "friends") }
    }

    /// A return's validation counts for an outsider: 1-4 hidden, and the quarantined also when the
    /// persons kept are 1-4 (8 persons less 6 quarantined would give away 2).
    @Test func anotherLAsReturnCountsHideOneToFourAndWhatRecoversThem() {
        let control = DisclosureControl()
        let outsider = ReturnCountsShown(la: "800", persons: 8, quarantined: 6, errors: 12, warnings: 3, ownLA: "801", control: control)
        #expect([outsider.persons, outsider.quarantined, outsider.errors, outsider.warnings] == [8, nil, 12, nil])
        #expect(!outsider.showsFindingCounts)
        let tiny = ReturnCountsShown(la: "800", persons: 4, quarantined: 0, errors: 0, warnings: 0, ownLA: nil, control: control)
        #expect([tiny.persons, tiny.quarantined, tiny.errors, tiny.warnings] == [nil, nil, 0, 0])
        let own = ReturnCountsShown(la: "800", persons: 8, quarantined: 6, errors: 12, warnings: 3, ownLA: "800", control: control)
        #expect([own.persons, own.quarantined, own.errors, own.warnings] == [8, 6, 12, 3])
        #expect(own.showsFindingCounts)
    }
}
