import HubKit
import HubStore
import HubTestSupport
import ReferenceData
import Testing
@testable import Validation

// Every rule is shown firing on one small change to a person that is otherwise valid.

// MARK: Fixtures

private func day(_ iso: String) -> Day { Day(iso: iso)! }

/// Census dates of the January collections.
private let censusDates = [2023: "2023-01-19", 2024: "2024-01-18", 2025: "2025-01-16", 2026: "2026-01-15"]

private func header(_ year: Int = 2025) -> ReturnHeader {
    ReturnHeader(collectionYear: year, referenceDate: day(censusDates[year]!), laCode: "201")
}

/// The census days and a few periods of the LA register, as the tests hold headers against them
/// (the hub's own are in Datasets/census_dates.csv and Datasets/local_authorities.csv).
private let reference = CollectionReference(
    censusDays: censusDates.mapValues(day),
    authorities: [
        .init(laCode: "201", name: "City of London", from: day("2009-01-01"), to: nil),
        .init(laCode: "909", name: "Cumbria", from: day("2009-01-01"), to: day("2023-03-31")),
        .init(laCode: "942", name: "Cumberland", from: day("2023-04-01"), to: nil),
        .init(laCode: "928", name: "Northamptonshire", from: day("2009-01-01"), to: day("2021-03-31")),
        .init(laCode: "940", name: "North Northamptonshire", from: day("2021-04-01"), to: nil),
    ])

/// The establishment register of the tests: URN 100000 and 100002 exist.
private let register: @Sendable (String) -> Bool = { $0 == "100000" || $0 == "100002" }

/// A valid UPN, hand-computed: characters 2-13 `201234567891` weighted 2..13 sum to 437 (plus
/// 23 times the weights, since digits sit at index 23+d of the alphabet), and 437 = 19 x 23, so
/// the remainder is 0 and the check letter is A.
private let validUPN = "A201234567891"

/// A UPN of another child: the 12 characters after the check letter, with the right check letter.
private func otherUPN(_ rest: String) -> String { String(UPN.checkLetter(for: "A" + rest)!) + rest }

/// A valid person with an active plan: request June 2023, plan from October 2023, reviewed in
/// October 2024. Dates move with `year` so the person fits each year's census.
private func validPerson(for year: Int = 2025) -> PersonRecord {
    func date(_ y: Int, _ m: Int, _ d: Int) -> Day { Day(year: y + year - 2025, month: m, day: d)! }
    var request = RequestRecord(
        receivedDate: date(2023, 6, 1), requestSource: "1", rya: false,
        requestOutcomeDate: date(2023, 7, 10), requestOutcome: "Y",
        assessment: AssessmentRecord(
            assessmentOutcome: "Y", assessmentOutcomeDate: date(2023, 10, 2),
            namedPlan: NamedPlanRecord(startDate: date(2023, 10, 20),
                                       planDetails: [SettingDetail(urn: "100000", placementRank: 1)])),
        activePlans: ActivePlansRecord(
            placements: [SettingDetail(urn: "100000", placementRank: 1, entryDate: date(2023, 9, 5))],
            needs: [SENNeedRecord(senType: "ASD", senTypeRank: 1), SENNeedRecord(senType: "SLCN", senTypeRank: 2)],
            reviewMeeting: date(2024, 9, 30), lastReview: date(2024, 10, 14), reviewOutcome: "M"))
    if year < 2025 { request.requestSource = nil }
    if year < 2024 {
        request.activePlans?.reviewMeeting = nil
        request.activePlans?.reviewOutcome = nil
    }
    return PersonRecord(
        location: RecordLocation(index: 7, line: 120),
        identifiers: PersonIdentifiers(upn: validUPN, uniqueLearnerNumber: "1234567890",
                                       surname: "Example", forename: "Ada"),
        birthDate: date(2015, 3, 2), sex: "F", ethnicity: "WENG", postcode: "AB1 2CD",
        requests: [request])
}

private func validate(_ person: PersonRecord, year: Int = 2025) -> [ImportIssue] {
    var validator = SEN2Validator(header: header(year), establishmentKnown: register)
    return validator.validate(person)
}

/// What a test expects of an issue.
private struct Expected: Equatable, Sendable, CustomStringConvertible {
    let ruleID: String
    let severity: Severity
    let path: String

    static func error(_ id: String, _ path: String) -> Expected { Expected(ruleID: id, severity: .error, path: path) }
    static func warning(_ id: String, _ path: String) -> Expected { Expected(ruleID: id, severity: .warning, path: path) }

    init(ruleID: String, severity: Severity, path: String) {
        self.ruleID = ruleID
        self.severity = severity
        self.path = path
    }

    init(_ issue: ImportIssue) {
        self.init(ruleID: issue.ruleID, severity: issue.severity, path: issue.path ?? "")
    }

    var description: String { "\(ruleID) \(severity.rawValue) at \(path)" }
}

/// One change to the valid person and the issues it must raise, exactly.
private struct RuleCase: Sendable, CustomTestStringConvertible {
    let name: String
    var year = 2025
    let change: @Sendable (inout PersonRecord) -> Void
    let expected: [Expected]

    init(_ name: String, year: Int = 2025, _ expected: Expected..., change: @escaping @Sendable (inout PersonRecord) -> Void) {
        self.name = name
        self.year = year
        self.change = change
        self.expected = expected
    }

    var testDescription: String { name }
}

private let request = "Requests[1]"
private let plan = "Requests[1]/Assessment/NamedPlan"
private let active = "Requests[1]/ActivePlans"

// MARK: Cases

private let codeCases: [RuleCase] = [
    RuleCase("Sex outside M/F/U", .error("SEN2-CODE-SEX", "Sex")) { $0.sex = "X" },
    RuleCase("2023 sex is reported as GenderCurrent", year: 2023, .error("SEN2-CODE-SEX", "GenderCurrent")) { $0.sex = "9" },
    RuleCase("unknown ethnicity", .error("SEN2-CODE-ETHNICITY", "Ethnicity")) { $0.ethnicity = "WXYZ" },
    RuleCase("UPNunknown UN11", .error("SEN2-CODE-UPNUNKNOWN", "UPNunknown")) { $0.upnUnknown = "UN11" },
    RuleCase("UPNunknown UN4", .warning("SEN2-UPNUNKNOWN-DISCOURAGED", "UPNunknown")) { $0.upnUnknown = "UN4" },
    RuleCase("RequestSource 6", .error("SEN2-CODE-REQUESTSOURCE", "\(request)/RequestSource")) {
        $0.requests[0].requestSource = "6"
    },
    RuleCase("RequestOutcome X", .error("SEN2-CODE-REQUESTOUTCOME", "\(request)/RequestOutcome")) {
        $0.requests[0].requestOutcome = "X"
    },
    RuleCase("AssessmentOutcome X",
             .error("SEN2-CODE-ASSESSMENTOUTCOME", "\(request)/Assessment/AssessmentOutcome")) {
        $0.requests[0].assessment?.assessmentOutcome = "X"
    },
    RuleCase("CeaseReason 0", .error("SEN2-CODE-CEASEREASON", "\(plan)/CeaseReason")) {
        $0.requests[0].assessment?.namedPlan?.ceaseDate = day("2024-12-01")
        $0.requests[0].assessment?.namedPlan?.ceaseReason = "0"
    },
    RuleCase("PlanRes C", .error("SEN2-CODE-RES", "\(plan)/PlanRes")) { $0.requests[0].assessment?.namedPlan?.planRes = "C" },
    RuleCase("placement Res C", .error("SEN2-CODE-RES", "\(active)/PlacementDetail[1]/Res")) {
        $0.requests[0].activePlans?.placements[0].res = "C"
    },
    RuleCase("PlanWBP X", .error("SEN2-CODE-WBP", "\(plan)/PlanWBP")) { $0.requests[0].assessment?.namedPlan?.planWBP = "X" },
    RuleCase("DP X", .error("SEN2-CODE-DP", "\(plan)/DP")) { $0.requests[0].assessment?.namedPlan?.directPayments = "X" },
    RuleCase("ReviewOutcome X", .error("SEN2-CODE-REVIEWOUTCOME", "\(active)/ReviewOutcome")) {
        $0.requests[0].activePlans?.reviewOutcome = "X"
    },
    RuleCase("SENSetting ABC", .error("SEN2-CODE-SENSETTING", "\(active)/PlacementDetail[1]/SENSetting")) {
        $0.requests[0].activePlans?.placements[0].urn = nil
        $0.requests[0].activePlans?.placements[0].senSetting = "ABC"
    },
    RuleCase("NEET before 2024", year: 2023, .error("SEN2-CODE-SENSETTING", "\(active)/PlacementDetail[1]/SENSetting")) {
        $0.requests[0].activePlans?.placements[0].urn = nil
        $0.requests[0].activePlans?.placements[0].senSetting = "NEET"
    },
    RuleCase("SENtype XYZ", .error("SEN2-CODE-SENTYPE", "\(active)/SENneed[1]/SENtype")) {
        $0.requests[0].activePlans?.needs[0].senType = "XYZ"
    },
    RuleCase("DS before 2025", year: 2024, .error("SEN2-CODE-SENTYPE", "\(active)/SENneed[2]/SENtype")) {
        $0.requests[0].activePlans?.needs[1].senType = "DS"
    },
    RuleCase("SENtype NSA", .error("SEN2-CODE-SENTYPE-NSA", "\(active)/SENneed[1]/SENtype")) {
        $0.requests[0].activePlans?.needs[0].senType = "NSA"
    },
    RuleCase("SENtypeRank 3", .error("SEN2-CODE-SENTYPERANK", "\(active)/SENneed[2]/SENtypeRank")) {
        $0.requests[0].activePlans?.needs[1].senTypeRank = 3
    },
    RuleCase("TransferLA of 2 digits", .error("SEN2-CODE-LA", "\(active)/TransferLA")) {
        $0.requests[0].activePlans?.transferLA = "20"
    },
]

private let identityCases: [RuleCase] = [
    RuleCase("UPN of 12 characters", .error("SEN2-UPN-FORMAT", "UPN")) { $0.identifiers.upn = "A20123456789" },
    RuleCase("UPN of 14 characters (the samples' UPNs)", .error("SEN2-UPN-FORMAT", "UPN")) {
        $0.identifiers.upn = "X1234567898765"
    },
    RuleCase("ULN of 3 digits", .error("SEN2-ULN-FORMAT", "UniqueLearnerNumber")) {
        $0.identifiers.uniqueLearnerNumber = "123"
    },
    RuleCase("URN of 7 digits", .error("SEN2-URN-FORMAT", "\(plan)/PlanDetail[1]/URN")) {
        $0.requests[0].assessment?.namedPlan?.planDetails[0].urn = "1234567"
    },
    RuleCase("UKPRN of 3 digits", .error("SEN2-UKPRN-FORMAT", "\(plan)/PlanDetail[1]/UKPRN")) {
        $0.requests[0].assessment?.namedPlan?.planDetails[0].urn = nil
        $0.requests[0].assessment?.namedPlan?.planDetails[0].ukprn = "123"
    },
    RuleCase("no UPN, ULN or surname", .error("SEN2-IDENTITY-NO-KEY", "UPN")) {
        $0.identifiers = PersonIdentifiers(forename: "Ada")
        $0.upnUnknown = "UN2"
    },
    RuleCase("no UPN, no ULN, no reason", .warning("SEN2-UPNUNKNOWN-MISSING", "UPNunknown")) {
        $0.identifiers.upn = nil
        $0.identifiers.uniqueLearnerNumber = nil
    },
]

private let structureCases: [RuleCase] = [
    RuleCase("no birth date", .error("SEN2-STRUCT-REQUIRED", "PersonBirthDate")) { $0.birthDate = nil },
    RuleCase("no sex", .error("SEN2-STRUCT-REQUIRED", "Sex")) { $0.sex = nil },
    RuleCase("empty ethnicity", .error("SEN2-STRUCT-REQUIRED", "Ethnicity")) { $0.ethnicity = "" },
    RuleCase("no RequestOutcome", .error("SEN2-STRUCT-REQUIRED", "\(request)/RequestOutcome")) {
        $0.requests[0].requestOutcome = nil
    },
    RuleCase("no AssessmentOutcome", .error("SEN2-STRUCT-REQUIRED", "\(request)/Assessment/AssessmentOutcome")) {
        $0.requests[0].assessment?.assessmentOutcome = nil
    },
    RuleCase("plan with no StartDate", .error("SEN2-STRUCT-REQUIRED", "\(plan)/StartDate")) {
        $0.requests[0].assessment?.namedPlan?.startDate = nil
    },
    RuleCase("need with no SENtype", .error("SEN2-STRUCT-REQUIRED", "\(active)/SENneed[2]/SENtype")) {
        $0.requests[0].activePlans?.needs[1].senType = nil
    },
    RuleCase("need with no rank", .error("SEN2-STRUCT-REQUIRED", "\(active)/SENneed[2]/SENtypeRank")) {
        $0.requests[0].activePlans?.needs[1].senTypeRank = nil
    },
    RuleCase("three PlanDetail", .error("SEN2-STRUCT-PLANDETAIL-COUNT", "\(plan)/PlanDetail[3]")) {
        $0.requests[0].assessment?.namedPlan?.planDetails += [
            SettingDetail(urn: "100000", placementRank: 2), SettingDetail(senSetting: "OLA", placementRank: 2),
        ]
    },
    RuleCase("three SENneed", .error("SEN2-STRUCT-SENNEED-COUNT", "\(active)/SENneed[3]")) {
        $0.requests[0].activePlans?.needs.append(SENNeedRecord(senType: "MLD", senTypeRank: 2))
    },
    RuleCase("URN and UKPRN together", .error("SEN2-STRUCT-SETTING-ONE", "\(plan)/PlanDetail[1]")) {
        $0.requests[0].assessment?.namedPlan?.planDetails[0].ukprn = "10000001"
    },
    RuleCase("placement naming no setting", .error("SEN2-STRUCT-SETTING-ONE", "\(active)/PlacementDetail[1]")) {
        $0.requests[0].activePlans?.placements[0].urn = nil
    },
    RuleCase("no PlacementRank", .error("SEN2-STRUCT-PLACEMENTRANK", "\(plan)/PlanDetail[1]/PlacementRank")) {
        $0.requests[0].assessment?.namedPlan?.planDetails[0].placementRank = nil
    },
    RuleCase("PlacementRank 3", .error("SEN2-STRUCT-PLACEMENTRANK", "\(active)/PlacementDetail[1]/PlacementRank")) {
        $0.requests[0].activePlans?.placements[0].placementRank = 3
    },
    RuleCase("two primary needs", .error("SEN2-STRUCT-PRIMARY-NEED", "\(active)/SENneed")) {
        $0.requests[0].activePlans?.needs[1].senTypeRank = 1
    },
    RuleCase("RequestSource in 2024", year: 2024, .warning("SEN2-STRUCT-ELEMENT-YEAR", "\(request)/RequestSource")) {
        $0.requests[0].requestSource = "1"
    },
    RuleCase("ReviewOutcome in 2023", year: 2023, .warning("SEN2-STRUCT-ELEMENT-YEAR", "\(active)/ReviewOutcome")) {
        $0.requests[0].activePlans?.reviewOutcome = "M"
    },
]

private let conditionalCases: [RuleCase] = [
    RuleCase("no ReceivedDate", .error("SEN2-COND-RECEIVEDDATE", "\(request)/ReceivedDate")) {
        $0.requests[0].receivedDate = nil
    },
    RuleCase("no RYA", .error("SEN2-COND-RYA", "\(request)/RYA")) { $0.requests[0].rya = nil },
    RuleCase("assessment after a request not yet decided",
             .warning("SEN2-COND-ASSESSMENT-NOT-EXPECTED", "\(request)/Assessment")) {
        $0.requests[0].requestOutcome = "A"
    },
    RuleCase("exported request with a plan",
             .error("SEN2-COND-AFTER-EXPORTED", plan), .error("SEN2-COND-AFTER-EXPORTED", active)) {
        $0.requests[0].exported = "202"
    },
    RuleCase("plan after a withdrawn assessment", .error("SEN2-COND-NAMEDPLAN-NOT-EXPECTED", plan)) {
        $0.requests[0].assessment?.assessmentOutcome = "W"
    },
    // The plan stays in the caseload (ehcp_caseload): an outcome never updated to Y.
    RuleCase("plan under AssessmentOutcome N", .warning("SEN2-COND-NAMEDPLAN-OUTCOME-N", plan)) {
        $0.requests[0].assessment?.assessmentOutcome = "N"
    },
    // request_decisions_within_6_weeks: an undated decision drops out of it.
    RuleCase("decided request with no date", .error("SEN2-COND-REQUESTDATE", "\(request)/RequestOutcomeDate")) {
        $0.requests[0].requestOutcomeDate = nil
    },
    // timeliness_20wk_incl / _excl: a new plan with no ReceivedDate counts as late.
    RuleCase("plan issued in the period under a historical request with no ReceivedDate",
             .error("SEN2-COND-NEWPLAN-RECEIVEDDATE", "\(request)/ReceivedDate")) {
        issueInThePeriod(&$0)
        $0.requests[0].requestOutcome = "H"
        $0.requests[0].receivedDate = nil
        $0.requests[0].requestOutcomeDate = nil
    },
    // timeliness_20wk_excl: a new plan with no Week20 vanishes from it.
    RuleCase("plan issued in the period with no Week20", .error("SEN2-COND-NEWPLAN-WEEK20", "\(request)/Assessment/Week20")) {
        issueInThePeriod(&$0)
        $0.requests[0].assessment?.week20 = nil
    },
    // new_plans: a plan issued in the period coded H leaves it.
    RuleCase("historical assessment decided in the period",
             .error("SEN2-COND-HISTORICAL-DATE", "\(request)/Assessment/AssessmentOutcome")) {
        issueInThePeriod(&$0)
        $0.requests[0].assessment?.assessmentOutcome = "H"
    },
    RuleCase("historical request decided in the period", .error("SEN2-COND-HISTORICAL-DATE", "\(request)/RequestOutcome")) {
        issueInThePeriod(&$0)
        $0.requests[0].requestOutcome = "H"
    },
    // placement_unknown_share: a placement with no EntryDate covers no date.
    RuleCase("second placement of an active plan with no EntryDate",
             .error("SEN2-COND-PLACEMENT-ENTRYDATE", "\(active)/PlacementDetail[2]/EntryDate")) {
        $0.requests[0].activePlans?.placements.append(SettingDetail(urn: "100002", placementRank: 2))
    },
    RuleCase("decision with no date",
             .error("SEN2-COND-ASSESSMENTDATE", "\(request)/Assessment/AssessmentOutcomeDate")) {
        $0.requests[0].assessment?.assessmentOutcomeDate = nil
    },
    RuleCase("OTH with no SENSettingOther",
             .warning("SEN2-COND-SETTING-OTHER", "\(active)/PlacementDetail[1]/SENSettingOther")) {
        $0.requests[0].activePlans?.placements[0].urn = nil
        $0.requests[0].activePlans?.placements[0].senSetting = "OTH"
    },
    RuleCase("CeaseDate with no CeaseReason", .warning("SEN2-COND-CEASE-PAIR", "\(plan)/CeaseReason")) {
        $0.requests[0].assessment?.namedPlan?.ceaseDate = day("2024-12-01")
    },
    RuleCase("review with no ReviewMeeting", .error("SEN2-COND-REVIEW-DETAILS", "\(active)/ReviewMeeting")) {
        $0.requests[0].activePlans?.reviewMeeting = nil
    },
    RuleCase("review with no ReviewOutcome", .error("SEN2-COND-REVIEW-DETAILS", "\(active)/ReviewOutcome")) {
        $0.requests[0].activePlans?.reviewOutcome = nil
    },
    RuleCase("plan over 12 months old, never reviewed", .warning("SEN2-COND-REVIEW-OVERDUE", "\(active)/LastReview")) {
        $0.requests[0].activePlans?.lastReview = nil
        $0.requests[0].activePlans?.reviewMeeting = nil
        $0.requests[0].activePlans?.reviewOutcome = nil
    },
]

private let dateCases: [RuleCase] = [
    RuleCase("request before birth", .error("SEN2-DATE-ORDER-BIRTH", "\(request)/ReceivedDate")) {
        $0.requests[0].receivedDate = day("2015-03-01")
    },
    RuleCase("request decided before received", .error("SEN2-DATE-ORDER-REQUEST", "\(request)/RequestOutcomeDate")) {
        $0.requests[0].requestOutcomeDate = day("2023-05-31")
    },
    RuleCase("assessment decided before the request",
             .error("SEN2-DATE-ORDER-ASSESSMENT", "\(request)/Assessment/AssessmentOutcomeDate")) {
        $0.requests[0].assessment?.assessmentOutcomeDate = day("2023-07-09")
    },
    RuleCase("assessment date missing: plan compared with the request",
             .error("SEN2-COND-ASSESSMENTDATE", "\(request)/Assessment/AssessmentOutcomeDate"),
             .error("SEN2-DATE-ORDER-PLAN-START", "\(plan)/StartDate")) {
        $0.requests[0].assessment?.assessmentOutcomeDate = nil
        $0.requests[0].assessment?.namedPlan?.startDate = day("2023-07-01")
    },
    RuleCase("plan ceased before it started", .error("SEN2-DATE-ORDER-PLAN-CEASE", "\(plan)/CeaseDate")) {
        $0.requests[0].assessment?.namedPlan?.ceaseDate = day("2023-10-19")
        $0.requests[0].assessment?.namedPlan?.ceaseReason = "9"
    },
    RuleCase("placement left before entered",
             .warning("SEN2-QUALITY-NO-PLACEMENT", "\(active)/PlacementDetail"),
             .error("SEN2-DATE-ORDER-PLACEMENT", "\(active)/PlacementDetail[1]/LeavingDate")) {
        $0.requests[0].activePlans?.placements[0].leavingDate = day("2023-09-04")
    },
    RuleCase("review beyond the collection window", .error("SEN2-DATE-AFTER-WINDOW", "\(active)/LastReview")) {
        $0.requests[0].activePlans?.lastReview = day("2025-07-17")
    },
    RuleCase("aged 26 on 31 August 2024", .error("SEN2-AGE-RANGE", "PersonBirthDate")) {
        $0.birthDate = day("1998-08-31")
    },
    RuleCase("born after the census date",
             .error("SEN2-AGE-RANGE", "PersonBirthDate"), .error("SEN2-DATE-ORDER-BIRTH", "\(request)/ReceivedDate")) {
        $0.birthDate = day("2025-01-17")
    },
]

private let qualityCases: [RuleCase] = [
    RuleCase("wrong check letter", .warning("SEN2-UPN-CHECK-LETTER", "UPN")) { $0.identifiers.upn = "B201234567891" },
    RuleCase("active plan, placement starts after the census",
             .warning("SEN2-QUALITY-NO-PLACEMENT", "\(active)/PlacementDetail")) {
        $0.requests[0].activePlans?.placements[0].entryDate = day("2025-02-01")
    },
    RuleCase("active plan with no ActivePlans",
             .warning("SEN2-COND-REVIEW-OVERDUE", active), .warning("SEN2-QUALITY-NO-PLACEMENT", active),
             .warning("SEN2-QUALITY-NO-NEED", active)) {
        $0.requests[0].activePlans = nil
    },
    RuleCase("active plan with no need", .warning("SEN2-QUALITY-NO-NEED", "\(active)/SENneed")) {
        $0.requests[0].activePlans?.needs = []
    },
    RuleCase("URN not in the register", .warning("SEN2-URN-UNKNOWN", "\(plan)/PlanDetail[1]/URN")) {
        $0.requests[0].assessment?.namedPlan?.planDetails[0].urn = "100001"
    },
    // ehcp_caseload: one child, one plan; the finding says which plan counts.
    RuleCase("two plans active at the census",
             .warning("SEN2-QUALITY-SEVERAL-ACTIVE-PLANS", "Requests[2]/Assessment/NamedPlan")) {
        var second = $0.requests[0]
        second.assessment?.namedPlan?.startDate = day("2023-11-01")
        $0.requests.append(second)
    },
    // The placement shares: the setting counted must not depend on the order of the file.
    RuleCase("two rank-1 placements attended at the census",
             .warning("SEN2-QUALITY-PLACEMENT-OVERLAP", "\(active)/PlacementDetail[2]")) {
        $0.requests[0].activePlans?.placements.append(
            SettingDetail(urn: "100002", placementRank: 1, entryDate: day("2024-04-08")))
    },
    // age_band_share_20to25: a plan that should have ceased.
    RuleCase("plan active for a person aged 25", .warning("SEN2-QUALITY-ACTIVE-AT-25", plan)) {
        $0.birthDate = day("1999-03-02")
    },
]

/// Moves the valid person's decision and plan into the 2025 collection period (calendar 2024):
/// a new plan, issued within 20 weeks, no exceptions, its review not yet due.
private func issueInThePeriod(_ person: inout PersonRecord) {
    person.requests[0].receivedDate = day("2024-01-10")
    person.requests[0].requestOutcomeDate = day("2024-02-01")
    person.requests[0].assessment?.assessmentOutcomeDate = day("2024-05-10")
    person.requests[0].assessment?.week20 = false
    person.requests[0].assessment?.namedPlan?.startDate = day("2024-05-20")
}

// MARK: Tests

/// Every suite of this file sits under `ValidationTests`, so `swift test --filter ValidationTests`
/// runs them all.
@Suite("SEN2 validation")
struct ValidationTests {}

extension ValidationTests {
    @Suite("Person rules")
    struct PersonRules {
        @Test("A valid person raises no issue", arguments: [2023, 2024, 2025, 2026])
        func validPersonIsClean(year: Int) {
            #expect(validate(validPerson(for: year), year: year) == [])
        }

        @Test("Each rule fires on its minimal fixture",
              arguments: codeCases + identityCases + structureCases + conditionalCases + dateCases + qualityCases)
        fileprivate func ruleFires(_ rule: RuleCase) {
            var person = validPerson(for: rule.year)
            rule.change(&person)
            let issues = validate(person, year: rule.year)
            #expect(issues.map(Expected.init) == rule.expected)
            for issue in issues {
                #expect(issue.location == RecordLocation(index: 7, line: 120))
                #expect(ValidationRule.rule(id: issue.ruleID)?.severity == issue.severity)
                #expect(!issue.message.isEmpty)
                if issue.isPersonal, let value = issue.value {
                    #expect(!issue.message.contains(value), "identifying value leaked into the message")
                }
            }
        }

        @Test func everyPersonRuleHasAFixture() {
            let cases = codeCases + identityCases + structureCases + conditionalCases + dateCases + qualityCases
            let covered = Set(cases.flatMap { $0.expected.map(\.ruleID) } + ["SEN2-UPN-DUPLICATE", "SEN2-QUALITY-PROBABLE-DUPLICATE"])
            let personRules = Set(ValidationRule.catalogue.filter { $0.kind != .header }.map(\.id))
            #expect(personRules.subtracting(covered) == [])
        }

        @Test func catalogueIdsAreUniqueAndStable() {
            let ids = ValidationRule.catalogue.map(\.id)
            #expect(Set(ids).count == ids.count)
            #expect(ids.allSatisfy { $0.hasPrefix("SEN2-") && $0 == $0.uppercased() })
            #expect(Set(ValidationRule.catalogue.map(\.kind)) == Set(ValidationRule.Kind.allCases))
            #expect(ValidationRule.rule(id: "SEN2-UPN-CHECK-LETTER")?.severity == .warning)
            #expect(ValidationRule.rule(id: "SEN2-UPN-FORMAT")?.severity == .error)
            #expect(ValidationRule.rule(id: "SEN2-CODE-SENTYPE")?.description
                    == "SEN2-CODE-SENTYPE (error): SENtype must be a need code of the collection year.")
        }

        @Test func issuesCarryPathValueAndMasking() {
            var person = validPerson()
            person.identifiers.upn = "B201234567891"
            person.requests[0].activePlans?.needs[0].senType = "NSA"
            let issues = validate(person)
            #expect(issues.count == 2)
            let need = issues.first { $0.ruleID == "SEN2-CODE-SENTYPE-NSA" }
            #expect(need?.path == "Requests[1]/ActivePlans/SENneed[1]/SENtype")
            #expect(need?.value == "NSA")
            #expect(need?.isPersonal == false)
            let upn = issues.first { $0.ruleID == "SEN2-UPN-CHECK-LETTER" }
            #expect(upn?.value == "B201234567891")
            #expect(upn?.isPersonal == true)
        }

        @Test func historicalRequestNeedsNoReceivedDateOrRYA() {
            var person = validPerson()
            person.requests[0].requestOutcome = "H"
            person.requests[0].receivedDate = nil
            person.requests[0].rya = nil
            #expect(validate(person) == [])
        }

        @Test func settingOtherTextSatisfiesOTHAndNIEO() {
            var person = validPerson()
            person.requests[0].activePlans?.placements[0] = SettingDetail(
                senSetting: "NIEO", hasSettingOtherText: true, placementRank: 1, entryDate: day("2023-09-05"))
            #expect(validate(person) == [])
        }

        @Test func importerParseIssueIsNotRepeatedAsMissing() {
            var person = validPerson()
            person.birthDate = nil
            person.issues = [ImportIssue(ruleID: "SEN2-FMT-DATE", severity: .error, message: "not a date",
                                         location: person.location, path: "PersonBirthDate", value: "2015-02-30",
                                         isPersonal: true)]
            #expect(validate(person) == [])
        }

        @Test func aValidPersonWithAPlanIssuedInThePeriodIsClean() {
            var person = validPerson()
            issueInThePeriod(&person)
            #expect(validate(person) == [])
        }

        @Test func unknownURNIsCheckedOnlyWithARegister() {
            var person = validPerson()
            person.requests[0].assessment?.namedPlan?.planDetails[0].urn = "100001"
            var withoutRegister = SEN2Validator(header: header())
            #expect(withoutRegister.validate(person) == [])
        }

        @Test func reviewRulesStartIn2025() {
            var person = validPerson(for: 2024)
            person.requests[0].activePlans?.lastReview = nil
            person.requests[0].activePlans?.reviewMeeting = nil
            person.requests[0].activePlans?.reviewOutcome = nil
            #expect(validate(person, year: 2024) == [])
        }

        @Test func planNotActiveAtTheCensusNeedsNoPlacement() {
            var person = validPerson()
            person.requests[0].assessment?.namedPlan?.ceaseDate = day("2025-01-16")  // ceased on the census date
            person.requests[0].assessment?.namedPlan?.ceaseReason = "2"
            person.requests[0].activePlans?.placements[0].leavingDate = day("2024-12-20")
            #expect(validate(person) == [])
        }

        @Test func aged25OnTheLast31AugustIsStillInScopeWithAWarning() {
            var person = validPerson()
            person.birthDate = day("1998-09-01")  // 25 on 2024-08-31, 26 on the census date
            #expect(validate(person).map(Expected.init) == [.warning("SEN2-QUALITY-ACTIVE-AT-25", plan)])
            person.requests[0].assessment?.namedPlan?.ceaseDate = day("2024-08-31")
            person.requests[0].assessment?.namedPlan?.ceaseReason = "1"
            #expect(validate(person) == [])
        }

        @Test func headerYearAndReferenceDateDisagreeing_windowRunsFromTheLaterReading() {
            // The 2023 sample's header: Year 2024, ReferenceDate 2023-01-18, events in late 2023.
            let value = ReturnHeader(collectionYear: 2024, referenceDate: day("2023-01-18"), laCode: "201")
            func issues(lastReview: String) -> [Expected] {
                var validator = SEN2Validator(header: value)
                var person = validPerson(for: 2024)
                person.requests[0].activePlans?.lastReview = day(lastReview)
                return validator.validate(person).map(Expected.init)
            }
            #expect(issues(lastReview: "2024-07-18") == [])
            #expect(issues(lastReview: "2024-07-19") == [.error("SEN2-DATE-AFTER-WINDOW", "Requests[1]/ActivePlans/LastReview")])
        }

        @Test func eventsWithinTheCollectionWindowAreAccepted() {
            var person = validPerson()
            person.requests[0].activePlans?.lastReview = day("2025-07-16")  // census plus 6 months exactly
            person.requests[0].activePlans?.phaseTransferDueDate = day("2026-02-15")  // a deadline, not an event
            #expect(validate(person) == [])
        }
    }

    @Suite("Code lists by collection year")
    struct CodeListYears {
        @Test func downSyndromeIsANeedFrom2025() {
            var person = validPerson(for: 2024)
            person.requests[0].activePlans?.needs[0].senType = "DS"
            let issues = validate(person, year: 2024)
            #expect(issues.map(Expected.init) == [.error("SEN2-CODE-SENTYPE", "Requests[1]/ActivePlans/SENneed[1]/SENtype")])
            #expect(issues.first?.message.contains("valid only from the 2025 return") == true)

            var person2025 = validPerson(for: 2025)
            person2025.requests[0].activePlans?.needs[0].senType = "DS"
            #expect(validate(person2025, year: 2025) == [])
        }

        @Test func notInEducationSettingsAreValidFrom2024() {
            for code in ["NEET", "NIEC"] {
                var person2023 = validPerson(for: 2023)
                person2023.requests[0].activePlans?.placements[0].urn = nil
                person2023.requests[0].activePlans?.placements[0].senSetting = code
                #expect(validate(person2023, year: 2023).map(\.ruleID) == ["SEN2-CODE-SENSETTING"])

                var person2024 = validPerson(for: 2024)
                person2024.requests[0].activePlans?.placements[0].urn = nil
                person2024.requests[0].activePlans?.placements[0].senSetting = code
                #expect(validate(person2024, year: 2024) == [])
            }
        }

        @Test func codeListsByYear() {
            #expect(CodeList.senType.codes(in: 2024).contains("DS") == false)
            #expect(CodeList.senType.codes(in: 2025).last == "DS")
            #expect(CodeList.senSetting.codes(in: 2023) == ["OLA", "OPA", "EHE", "EYP", "OTH"])
            #expect(CodeList.senSetting.firstYear(of: "NIEO") == 2024)
            #expect(CodeList.sex.isValid("U", in: 2024))
            #expect(!CodeList.senType.isValid("NSA", in: 2026))
        }

        @Test func ethnicityExtendedCodesRollUpToMainCodes() {
            #expect(EthnicityCodes.main.count == 20)
            #expect(EthnicityCodes.main.count + EthnicityCodes.extended.count == 108)  // the schemas' list
            #expect(EthnicityCodes.extended.values.allSatisfy { EthnicityCodes.main.contains($0) })
            #expect(EthnicityCodes.mainCode(for: "WENG") == "WBRI")
            #expect(EthnicityCodes.mainCode(for: "AMPK") == "APKN")
            #expect(EthnicityCodes.mainCode(for: "BNGN") == "BAFR")
            #expect(EthnicityCodes.mainCode(for: "NOBT") == "NOBT")
            #expect(EthnicityCodes.mainCode(for: "WXYZ") == nil)
        }
    }

    @Suite("Header")
    struct Header {
        @Test func validHeaderRaisesNothing() {
            #expect(SEN2Validator(header: header()).validateHeader() == [])
        }

        @Test func collectionMustBeSEN2() {
            var value = header()
            value.collection = "SEN1"
            let issues = SEN2Validator(header: value).validateHeader()
            #expect(issues.map(Expected.init) == [.error("SEN2-HEADER-COLLECTION", "Header/CollectionDetails/Collection")])
            #expect(issues.first?.location == nil)
        }

        @Test func yearBeforePersonLevelIsAnError() {
            let value = ReturnHeader(collectionYear: 2022, referenceDate: day("2022-01-20"), laCode: "201")
            #expect(SEN2Validator(header: value).validateHeader().map(Expected.init)
                    == [.error("SEN2-HEADER-YEAR", "Header/CollectionDetails/Year")])
        }

        @Test func personsOfAPre2023ReturnAreCheckedAgainst2023Codes() {
            let value = ReturnHeader(collectionYear: 2022, referenceDate: day("2023-01-19"), laCode: "201")
            var validator = SEN2Validator(header: value, establishmentKnown: register)
            #expect(validator.validate(validPerson(for: 2023)) == [])
        }

        @Test func yearNewerThanTheCodeListsIsAWarning() {
            let value = ReturnHeader(collectionYear: 2027, referenceDate: day("2027-01-21"), laCode: "201")
            #expect(SEN2Validator(header: value).validateHeader().map(Expected.init)
                    == [.warning("SEN2-HEADER-YEAR-NEWER", "Header/CollectionDetails/Year")])
        }

        @Test func referenceDateOutsideTheYearIsAnError() {
            // The 2023 sample's quirk: Year 2024 with ReferenceDate 2023-01-18. Every census figure is
            // taken on ReferenceDate, and Year files the return: the return is rejected.
            let value = ReturnHeader(collectionYear: 2024, referenceDate: day("2023-01-18"), laCode: "201")
            #expect(SEN2Validator(header: value, reference: reference).validateHeader().map(Expected.init)
                    == [.error("SEN2-HEADER-REFDATE-YEAR", "Header/CollectionDetails/ReferenceDate")])
        }

        @Test(arguments: ["20", "2011", "XXX", "E10"])
        func leaMustBeThreeDigits(lea: String) {
            var value = header()
            value.laCode = lea
            #expect(SEN2Validator(header: value).validateHeader().map(Expected.init)
                    == [.error("SEN2-HEADER-LEA", "Header/Source/LEA")])
        }
    }

    @Suite("UPN check letter")
    struct UPNCheckLetter {
        /// The algorithm of docs/sen2.md written out independently: index in the alphabet times position
        /// (2..13), summed, mod 23, indexes the alphabet.
        private func referenceCheckLetter(_ rest: String) -> Character {
            let alphabet = Array("ABCDEFGHJKLMNPQRTUVWXYZ0123456789")
            var sum = 0
            for (offset, character) in rest.enumerated() {
                sum += alphabet.firstIndex(of: character)! * (offset + 2)
            }
            return alphabet[sum % 23]
        }

        @Test func handComputedExamples() {
            // 201234567891: 2*2 + 3*0 + 4*1 + 5*2 + 6*3 + 7*4 + 8*5 + 9*6 + 10*7 + 11*8 + 12*9 + 13*1 = 437,
            // 437 mod 23 = 0 -> A.
            #expect(UPN.checkLetter(for: "X201234567891") == "A")
            // Temporary UPN ending in A (index 0): 437 - 13 = 424, 424 mod 23 = 10 -> L.
            #expect(UPN.checkLetter(for: "X20123456789A") == "L")
            #expect(UPN.hasValidCheckLetter("A201234567891"))
            #expect(UPN.hasValidCheckLetter("L20123456789A"))
            #expect(UPN.hasValidCheckLetter("l20123456789a"))
            #expect(!UPN.hasValidCheckLetter("B201234567891"))
        }

        @Test(arguments: ["93611111111", "20100000000", "38012345678", "88899999999"], ["0", "7", "K", "Z"])
        func algorithmMatchesReference(digits: String, last: String) {
            let rest = digits + last
            let letter = referenceCheckLetter(rest)
            #expect(UPN.checkLetter(for: "A" + rest) == letter)
            #expect(UPN.hasValidCheckLetter(String(letter) + rest))
            var person = validPerson()
            person.identifiers.upn = String(letter) + rest
            #expect(validate(person) == [])
        }

        @Test(arguments: ["A201234567891", "a20123456789z", "Z20123456789T"])
        func wellFormed(upn: String) {
            #expect(UPN.hasValidFormat(upn))
        }

        @Test(arguments: ["", "A20123456789", "X1234567898765", "1201234567891", "A2012345678A1", "A20123456789-"])
        func malformed(upn: String) {
            #expect(!UPN.hasValidFormat(upn))
            #expect(UPN.checkLetter(for: upn) == nil)
        }

        @Test func lastLetterOutsideTheAlphabetHasNoCheckLetter() {
            #expect(UPN.hasValidFormat("A20123456789O"))
            #expect(UPN.checkLetter(for: "A20123456789O") == nil)
            #expect(!UPN.hasValidCheckLetter("A20123456789O"))
        }
    }

    @Suite("Census age convention")
    struct CensusAge {
        @Test func the31AugustBeforeADate() {
            #expect(august31Before(day("2025-01-16")) == day("2024-08-31"))
            #expect(august31Before(day("2024-09-01")) == day("2024-08-31"))
            #expect(august31Before(day("2024-08-31")) == day("2023-08-31"))
        }

        @Test func ageAndCurriculumYear() {
            let census = day("2025-01-16")
            #expect(ageOnAugust31Before(census, birth: day("2019-03-02")) == 5)  // Year 1
            #expect(nationalCurriculumYear(census: census, birth: day("2019-03-02")) == 1)
            #expect(ageOnAugust31Before(census, birth: day("2019-08-31")) == 5)  // youngest of Year 1
            #expect(ageOnAugust31Before(census, birth: day("2019-09-01")) == 4)  // oldest in Reception
            #expect(nationalCurriculumYear(census: census, birth: day("2019-09-01")) == 0)
            #expect(ageOnAugust31Before(census, birth: day("2024-10-01")) == -1)
            #expect(ageOnAugust31Before(census, birth: day("2008-02-29")) == 16)  // Year 12
        }
    }
}

// MARK: The checks that protect the figures

extension ValidationTests {
    /// Each check below stops a return from moving a published figure without an error: the test
    /// names the figure, and asserts the rule, its severity, the person and the element.
    @Suite("Checks that protect the figures")
    struct FigureProtection {
        private func headerIssues(year: Int = 2025, referenceDate: String? = nil, lea: String = "201",
                                  officers: DesignatedOfficers = DesignatedOfficers()) -> [Expected] {
            let value = ReturnHeader(collectionYear: year, referenceDate: day(referenceDate ?? censusDates[year]!),
                                     laCode: lea, designatedOfficers: officers)
            return SEN2Validator(header: value, reference: reference).validateHeader().map(Expected.init)
        }

        /// Every census figure (ehcp_caseload and all its shares) is taken on ReferenceDate.
        @Test func referenceDateMustBeTheCollectionsCensusDay() {
            #expect(headerIssues(referenceDate: "2025-01-18")
                    == [.error("SEN2-HEADER-CENSUS-DAY", "Header/CollectionDetails/ReferenceDate")])
            #expect(headerIssues(year: 2026, referenceDate: "2026-01-15") == [])
            // A year the reference has no census day for is checked for its Year only.
            #expect(headerIssues(year: 2027, referenceDate: "2027-01-21")
                    == [.warning("SEN2-HEADER-YEAR-NEWER", "Header/CollectionDetails/Year")])
            // Without a reference (e.g. no LA register loaded) the census day is not checked.
            let value = ReturnHeader(collectionYear: 2025, referenceDate: day("2025-01-18"), laCode: "201")
            #expect(SEN2Validator(header: value).validateHeader() == [])
        }

        /// A return filed under a wrong LA moves every figure of two LAs.
        @Test(arguments: [(2025, "909", false), (2023, "909", true), (2023, "942", false), (2024, "942", true),
                          (2023, "928", false), (2023, "940", true), (2025, "999", false)])
        func leaMustBeInTheRegisterOnTheCensusDate(year: Int, lea: String, valid: Bool) {
            let issues = headerIssues(year: year, lea: lea)
            #expect(issues == (valid ? [] : [.error("SEN2-HEADER-LEA-UNKNOWN", "Header/Source/LEA")]))
        }

        @Test func leaMessageNamesThePeriodsTheRegisterHas() {
            let value = ReturnHeader(collectionYear: 2025, referenceDate: day("2025-01-16"), laCode: "909")
            let message = SEN2Validator(header: value, reference: reference).validateHeader().first?.message ?? ""
            #expect(message.contains("the register has it Cumbria from 2009-01-01 until 2023-03-31"))
        }

        /// The designated officers the hub lists per LA (`hnhub returns`).
        @Test func designatedOfficerCodesAreYNOrR() {
            #expect(headerIssues(officers: DesignatedOfficers(medical: "Y", clinical: "R", socialCare: "N")) == [])
            #expect(headerIssues(officers: DesignatedOfficers(medical: "Y", clinical: "Q"))
                    == [.warning("SEN2-HEADER-OFFICER", "Header/Source/DCO")])
        }

        /// The Datasets/ files give the same answers as the fixture: census days 2023-2026 and the
        /// Cumbria and Northamptonshire changes.
        @Test func theBundledReferenceHoldsTheCensusDaysAndTheRegister() throws {
            let bundled = try BundledReference.collectionReference(from: "\(packageRoot)/Datasets")
            #expect(bundled.censusDays == reference.censusDays)
            #expect(bundled.isInOperation("909", on: day("2023-01-19")))
            #expect(!bundled.isInOperation("909", on: day("2024-01-18")))
            #expect(bundled.isInOperation("943", on: day("2024-01-18")))
            #expect(!bundled.isInOperation("928", on: day("2023-01-19")))
            #expect(bundled.isInOperation("941", on: day("2023-01-19")))
        }

        /// ehcp_caseload: a child recorded twice counts twice. Same UPN: both persons are errors.
        @Test func sameUPNTwiceQuarantinesBothPersons() {
            var validator = SEN2Validator(header: header(), establishmentKnown: register)
            let first = validPerson()
            var second = validPerson()
            second.location = RecordLocation(index: 9, line: 301)
            second.identifiers.upn = validUPN.lowercased()
            #expect(validator.validate(first) == [])
            #expect(validator.takeEarlierPersonIssues() == [])
            let issues = validator.validate(second)
            #expect(issues.map(Expected.init) == [.error("SEN2-UPN-DUPLICATE", "UPN")])
            #expect(issues.first?.message.hasPrefix("Person 7 of this return has the same UPN") == true)
            #expect(issues.first?.location == RecordLocation(index: 9, line: 301))
            let earlier = validator.takeEarlierPersonIssues()
            #expect(earlier.map(Expected.init) == [.error("SEN2-UPN-DUPLICATE", "UPN")])
            #expect(earlier.first?.location == RecordLocation(index: 7, line: 120))
            #expect(earlier.first?.message.hasPrefix("Person 9 of this return has the same UPN") == true)
            #expect(validator.takeEarlierPersonIssues() == [])
            // A third copy: the first person is reported once.
            var third = second
            third.location = RecordLocation(index: 12)
            #expect(validator.validate(third).map(\.ruleID) == ["SEN2-UPN-DUPLICATE"])
            #expect(validator.takeEarlierPersonIssues() == [])
        }

        /// ehcp_caseload: the same ULN, or the same names and birth date, under another UPN.
        @Test func probableDuplicatesAreWarningsNamingBothPositions() {
            var validator = SEN2Validator(header: header(), establishmentKnown: register)
            #expect(validator.validate(validPerson()) == [])
            var sameULN = validPerson()
            sameULN.location = RecordLocation(index: 8, line: 200)
            sameULN.identifiers.upn = otherUPN("201234567892")
            sameULN.identifiers.surname = "Other"
            let uln = validator.validate(sameULN)
            #expect(uln.map(Expected.init) == [.warning("SEN2-QUALITY-PROBABLE-DUPLICATE", "UniqueLearnerNumber")])
            #expect(uln.first?.message.contains("Person 7 (line 120) of this return has the same ULN") == true)
            #expect(uln.first?.message.contains("persons 7 and 8") == true)
            #expect(uln.first?.location == RecordLocation(index: 8, line: 200))

            var sameNames = validPerson()
            sameNames.location = RecordLocation(index: 10)
            sameNames.identifiers = PersonIdentifiers(upn: otherUPN("201234567893"), surname: "EXAMPLE", forename: "ada")
            let names = validator.validate(sameNames)
            #expect(names.map(Expected.init) == [.warning("SEN2-QUALITY-PROBABLE-DUPLICATE", "Surname")])
            #expect(names.first?.message.contains("the same surname, forename and birth date") == true)
            // Another birth date: another child.
            var twin = sameNames
            twin.location = RecordLocation(index: 11)
            twin.identifiers.upn = otherUPN("201234567894")
            twin.identifiers.forename = "Bea"
            #expect(validator.validate(twin) == [])
        }

        /// ehcp_caseload and the shares: one plan a child, the plan that started latest.
        @Test func severalActivePlansCountOnceWithTheLatestPlan() {
            var person = validPerson()
            var later = person.requests[0]
            later.assessment?.namedPlan?.startDate = day("2023-11-01")
            later.activePlans?.placements[0].urn = "100002"
            person.requests.insert(later, at: 0)  // the later plan first in the file
            let choice = person.censusChoice(on: day("2025-01-16"))
            #expect(choice?.request == 0)
            #expect(choice?.placement == 0)
            #expect(choice?.activePlans == 2)
            let issues = validate(person)
            #expect(issues.map(Expected.init) == [.warning("SEN2-QUALITY-SEVERAL-ACTIVE-PLANS", "Requests[1]/Assessment/NamedPlan")])
            #expect(issues.first?.message.contains("with the plan of Requests[1] (it started latest, on 2023-11-01)") == true)
            var tally = CensusTally(censusDate: day("2025-01-16"))
            tally.add(person, birthMonth: "2015-03")
            #expect(tally.children == 1)
            #expect(tally.placements.map { [$0.key.urn: $0.value] } == [["100002": 1]])
        }

        /// placement shares: the placement counted does not depend on the order of the file.
        @Test func overlappingPlacementsOfOneRankPickTheLatestEntryWhateverTheOrder() {
            let earlier = SettingDetail(urn: "100000", placementRank: 1, entryDate: day("2023-09-05"))
            let latest = SettingDetail(urn: "100002", placementRank: 1, entryDate: day("2024-04-08"))
            let sameDay = SettingDetail(ukprn: "10000001", placementRank: 1, entryDate: day("2024-04-08"))
            for order in [[earlier, latest, sameDay], [sameDay, latest, earlier], [latest, earlier, sameDay]] {
                var person = validPerson()
                person.requests[0].activePlans?.placements = order
                let choice = person.censusChoice(on: day("2025-01-16"))
                let counted = choice?.placement.map { person.requests[0].activePlans!.placements[$0] }
                // Entered latest; of the two entered that day the lower setting key, compared as text
                // ("10000001" < "100002").
                #expect(counted?.ukprn == "10000001")
                #expect(choice?.samePlacementRank == 2)
                let issues = validate(person)
                #expect(issues.map(\.ruleID) == ["SEN2-QUALITY-PLACEMENT-OVERLAP"])
                #expect(issues.first?.severity == .warning)
                #expect(issues.first?.value == "10000001")
            }
        }

        /// need_share_*: a plan with no primary need is counted under need unknown, not dropped.
        @Test func activePlanWithNoNeedCountsUnderNeedUnknown() {
            var person = validPerson()
            person.requests[0].activePlans?.needs = []
            #expect(validate(person).map(Expected.init) == [.warning("SEN2-QUALITY-NO-NEED", "Requests[1]/ActivePlans/SENneed")])
            var tally = CensusTally(censusDate: day("2025-01-16"))
            tally.add(person, birthMonth: "2015-03")
            tally.add(validPerson(), birthMonth: "2015-03")
            #expect(tally.needs == [nil: 1, "ASD": 1])
        }

        /// A NamedPlan under RequestOutcome N (never updated to Y) keeps the person: a warning only.
        @Test func planUnderARefusedRequestIsKept() {
            var person = validPerson()
            person.requests[0].requestOutcome = "N"
            #expect(validate(person).map(Expected.init) == [.warning("SEN2-COND-ASSESSMENT-NOT-EXPECTED", "Requests[1]/Assessment")])
        }

        /// A transferred-in plan (AssessmentOutcome H) may have started before this LA's decision.
        @Test func transferredInPlanMayStartBeforeTheAssessmentDate() {
            var person = validPerson()
            person.requests[0].assessment?.assessmentOutcome = "H"
            person.requests[0].assessment?.namedPlan?.startDate = day("2023-08-01")
            #expect(validate(person) == [])
            person.requests[0].assessment?.assessmentOutcome = "Y"
            #expect(validate(person).map(Expected.init) == [.error("SEN2-DATE-ORDER-PLAN-START", "Requests[1]/Assessment/NamedPlan/StartDate")])
        }

        /// new_plans: a plan transferred in during the period may be coded H when TransferLA says so.
        @Test func transferInDuringThePeriodMayBeHistorical() {
            var person = validPerson()
            issueInThePeriod(&person)
            person.requests[0].assessment?.assessmentOutcome = "H"
            person.requests[0].activePlans?.transferLA = "202"
            #expect(validate(person) == [])
        }
    }
}
