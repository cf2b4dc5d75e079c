import Governance
import HubConfig
import HubKit
import Testing

/// The config sections the data-sharing agreement sets (docs/governance.md): retention periods,
/// purposes with their opt-ins, and the level of minimisation within its safe bounds.
@Suite struct GovernanceConfigTests {
    @Test func theSectionsParseIntoTheirPolicies() throws {
        let config = try HubConfiguration.parse(yaml: """
            retention:
              sen2_returns: 6 years
              findings: 18 months
              archive: 1 year 6 months
              outputs: 1 year
            purposes:
              benchmarking:
                opted_in: ["800", "801"]
              forecasting:
                opted_in: []
              share-west:
                partnership: West of England SEND partnership
                opted_in: ["802"]
            minimisation:
              birth_date: school-year
              postcode: area
            findings_folder: /srv/hub/findings
            """)
        #expect(config.retention.periods == [.sen2Returns: RetentionPeriod(years: 6), .findings: RetentionPeriod(months: 18),
                                             .archive: RetentionPeriod(years: 1, months: 6), .outputs: RetentionPeriod(years: 1)])
        #expect(config.minimisation == Minimisation(birthDate: .schoolYear, postcode: .area))
        #expect(config.minimisation.label == "birth:school-year postcode:area")
        #expect(config.resolvedFindingsFolder(databasePath: "demo/hub.sqlite") == "/srv/hub/findings")
        #expect(config.purposes.all.map(\.id) == ["benchmarking", "forecasting", "share-west"])
        #expect(config.purposes.all.map(\.title) == ["Benchmarking across the group", "Forecasting",
                                                     "Sharing with West of England SEND partnership"])

        let benchmarking = try config.purposes.permission(for: "benchmarking")
        #expect(benchmarking.mayAppear(among: ["800", "801", "802", "803"]) == ["800", "801"])
        #expect(benchmarking.leftOut(of: ["803", "800", "802", "803"]) == ["802", "803"])
        #expect(benchmarking.notice(leftOut: ["802"], name: { $0 == "802" ? "North Somerset" : $0 })
                == "Left out of this output (not opted in to the purpose 'benchmarking', Benchmarking across the group, "
                + "under the data-sharing agreement): North Somerset (802). None of their figures is shown or counted in any total.")
        #expect(benchmarking.notice(leftOut: []) == nil)
        #expect(try config.purposes.permission(for: "forecasting").mayAppear(among: ["800"]) == [])
        #expect(throws: PurposeError.notOptedIn(la: "803", purpose: "benchmarking", title: "Benchmarking across the group")) {
            try benchmarking.require("803")
        }
        #expect(throws: PurposeError.unknown("centre-scoping", known: ["benchmarking", "forecasting", "share-west"])) {
            try config.purposes.permission(for: "centre-scoping")
        }
    }

    /// Without a purposes section nothing is enforced; without the other sections the defaults are
    /// today's: no retention limit, birth month and postcode district, findings beside the store.
    @Test func theDefaultsAreTheHubBeforeTheAgreement() throws {
        let config = try HubConfiguration.parse(yaml: "disclosure:\n  threshold: 5\n")
        #expect(config.retention.periods.isEmpty)
        #expect(config.minimisation == .finest)
        #expect(config.minimisation.label == "birth:month postcode:district")
        #expect(!config.purposes.isEnforced)
        #expect(try config.purposes.permission(for: "forecasting").mayAppear(among: ["800", "999"]) == ["800", "999"])
        #expect(config.resolvedFindingsFolder(databasePath: "demo/hub.sqlite") == "demo/findings")
        #expect(config.resolvedFindingsFolder(databasePath: "hub.sqlite") == "findings")
    }

    /// Safe bounds: nothing finer than the birth month and the postcode district is accepted, and
    /// the refusal says why and what to choose instead.
    @Test func finerThanTheDefaultsIsRefusedWithTheReason() throws {
        let cases: [(yaml: String, key: String, says: String)] = [
            ("minimisation:\n  postcode: sector\n", "minimisation.postcode", "'sector' is finer than the postcode district"),
            ("minimisation:\n  birth_date: day\n", "minimisation.birth_date", "'day' is finer than the birth month"),
            ("minimisation:\n  birth_date: decade\n", "minimisation.birth_date", "choose month, school-year or year"),
            ("retention:\n  sen2_returns: forever\n", "retention.sen2_returns", "'forever' is not a retention period"),
            ("retention:\n  sen2_returns: 0 years\n", "retention.sen2_returns", "is not a retention period"),
            ("retention:\n  backups: 1 year\n", "retention.backups", "unknown key"),
            ("purposes:\n  marketing:\n    opted_in: []\n", "purposes.marketing", "not a purpose the hub knows"),
            ("purposes:\n  benchmarking:\n    title: x\n", "purposes.benchmarking", "list the LAs that have opted in"),
            ("purposes:\n  benchmarking:\n    opted_in: [\"80\"]\n", "purposes.benchmarking.opted_in", "'80' is not a 3-digit LA code"),
            ("purposes:\n  Bench:\n    opted_in: []\n", "purposes", "lower-case letters, digits and hyphens"),
        ]
        for (yaml, key, says) in cases {
            do {
                _ = try HubConfiguration.parse(yaml: yaml)
                Issue.record("accepted: \(yaml)")
            } catch let error as ConfigurationError {
                #expect(error.key == key, "\(yaml)")
                #expect(error.message.contains(says), "\(error.message)")
                #expect(error.line == 2 || error.line == 3 || key == "purposes.benchmarking", "\(error)")
            }
        }
    }

    @Test func eachLevelKeepsWhatItSays() throws {
        let born = try #require(Day(iso: "2011-10-05"))
        let summer = try #require(Day(iso: "2012-08-31"))
        #expect(Minimisation().birth(born) == "2011-10")
        #expect(Minimisation(birthDate: .schoolYear).birth(born) == "2011/12")
        #expect(Minimisation(birthDate: .schoolYear).birth(summer) == "2011/12")
        #expect(Minimisation(birthDate: .year).birth(born) == "2011")
        #expect(Minimisation().postcode(outwardCode: "BS16") == "BS16")
        #expect(Minimisation(postcode: .area).postcode(outwardCode: "BS16") == "BS")
        #expect(Minimisation(postcode: .area).postcode(outwardCode: "W1A") == "W")
        #expect(Minimisation(postcode: .none).postcode(outwardCode: "BS16") == nil)
        #expect(Minimisation(label: "birth:year postcode:none") == Minimisation(birthDate: .year, postcode: .none))
        #expect(Minimisation(label: "birth:day postcode:none") == nil)
        #expect(Minimisation(birthDate: .schoolYear, postcode: .area).description == "school year of birth, postcode area")
    }

    /// A period runs back from today to the same day of the month (clamped at the month's end);
    /// anything dated before that day has expired, and the refusal names the rule.
    @Test func retentionCutoffsAndTheRuleNamed() throws {
        let today = try #require(Day(iso: "2031-03-31"))
        #expect(RetentionPeriod(years: 6).cutoff(today: today).iso == "2025-03-31")
        #expect(RetentionPeriod(months: 1).cutoff(today: today).iso == "2031-02-28")
        #expect(RetentionPeriod(text: "2 years 3 months") == RetentionPeriod(years: 2, months: 3))
        #expect(RetentionPeriod(text: "1 month") == RetentionPeriod(months: 1))
        #expect(RetentionPeriod(text: "3 weeks") == nil)
        #expect(RetentionPeriod(years: 1, months: 6).description == "1 year 6 months")
        let policy = RetentionPolicy(periods: [.sen2Returns: RetentionPeriod(years: 6)])
        #expect(policy.expiry(.sen2Returns, dated: try #require(Day(iso: "2025-03-31")), today: today) == nil)
        #expect(policy.expiry(.sen2Returns, dated: try #require(Day(iso: "2025-01-16")), today: today)
                == "dated 2025-01-16, older than the retention period for sen2_returns (6 years, counted from the return's "
                + "census date; config retention.sen2_returns): anything dated before 2025-03-31 is not held [RETENTION-SEN2-RETURNS]")
        #expect(policy.expiry(.archive, dated: try #require(Day(iso: "2000-01-01")), today: today) == nil)
    }
}
