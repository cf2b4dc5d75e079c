import HubKit

/// Work in the calendar year before each collection (indicators.md, "Work in the calendar year
/// Y"): requests, assessments, new plans and their 20-week timeliness, ceased plans, tribunals.
/// "In Y" means the event's date falls in Y = collection year - 1.
public final class WorkMetricProvider: MetricProvider {
    public static let version = "0.1.0"

    public init() {}

    public var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "work", version: Self.version,
                            summary: "Requests, assessments, new plans, 20-week timeliness and ceased plans in the calendar year")
    }

    static func define(_ id: String, _ title: String, _ unit: IndicatorUnit, _ polarity: Polarity,
                       numerator: String, denominator: String? = nil) -> IndicatorDefinition {
        IndicatorDefinition(id: id, title: title, unit: unit, polarity: polarity, periodType: .calendar,
                            numerator: numerator, denominator: denominator, sources: [.sen2Returns])
    }

    static let requestsReceived = define("requests_received", "Requests for an EHC needs assessment", .count, .none,
        numerator: "requests with ReceivedDate in the year")
    static let requestsRefused = define("requests_refused_rate", "Requests refused", .percent, .none,
        numerator: "requests received in the year with RequestOutcome N",
        denominator: "all requests received in the year (the DfE definition, not decided ones only)")
    static let decisionsWithin6Weeks = define("request_decisions_within_6_weeks", "Request decisions within 6 weeks",
        .percent, .high, numerator: "decided requests (Y or N) decided within 42 days of receipt",
        denominator: "decided requests received in the year")
    static let assessmentsIssued = define("assessments_issued_rate", "Assessments leading to a plan", .percent, .none,
        numerator: "assessments with outcome Y",
        denominator: "assessments with AssessmentOutcomeDate in the year and outcome Y or N")
    static let newPlans = define("new_plans", "New EHC plans issued", .count, .none,
        numerator: "plans issued in the year (AssessmentOutcome Y, AssessmentOutcomeDate in the year; transfers-in, outcome H, excluded)")
    static let within20Weeks = define("timeliness_20wk_incl", "New plans issued within 20 weeks (with exceptions)",
        .percent, .high, numerator: "new plans with AssessmentOutcomeDate - ReceivedDate <= 140 days",
        denominator: "new plans in the year")
    static let within20WeeksExcluding = define("timeliness_20wk_excl", "New plans issued within 20 weeks (excluding exceptions)",
        .percent, .high, numerator: "new plans with Week20 = 0 issued within 140 days",
        denominator: "new plans in the year with Week20 = 0")
    static let plansCeased = define("plans_ceased", "EHC plans ceased", .count, .none,
        numerator: "plans with CeaseDate in the year")
    static let ceasedNeedsMet = define("ceased_needs_met_share", "Plans ceased because needs were met", .percent, .high,
        numerator: "plans ceased in the year with CeaseReason 2", denominator: "plans ceased in the year")
    static let tribunalRate = define("tribunal_rate", "Appealable decisions taken to tribunal", .percent, .low,
        numerator: "appealable decisions in the year with a tribunal flag: refusals with RequestTribunal = 1, assessment decisions with AssessmentTribunal or OtherTribunal = 1",
        denominator: "appealable decisions in the year: refusals to assess + decisions not to issue + plans issued")

    public var indicators: [IndicatorDefinition] {
        [Self.requestsReceived, Self.requestsRefused, Self.decisionsWithin6Weeks, Self.assessmentsIssued, Self.newPlans,
         Self.within20Weeks, Self.within20WeeksExcluding, Self.plansCeased, Self.ceasedNeedsMet, Self.tribunalRate]
    }

    /// `column` (an ISO date) falls in the calendar year before the row's collection.
    static func inWorkYear(_ column: String) -> String {
        "(substr(\(column), 1, 4) = CAST(q.collection_year - 1 AS TEXT))"
    }

    public func compute(in context: any MetricContext) throws -> [IndicatorResult] {
        var tallies: [String: [String: Double]] = [:]
        func add(_ sql: String, _ names: [String]) throws {
            try context.query(sql, []) { row in
                guard let la = row[0].string, let year = row[1].int else { return }
                for (i, name) in names.enumerated() { tallies["\(la)/\(year)", default: [:]][name] = row[i + 2].double ?? 0 }
            }
        }
        // One pass over the requests with their assessment and plan (each at most one per request).
        let received = Self.inWorkYear("q.received_date"), decided = Self.inWorkYear("q.request_outcome_date")
        let assessed = Self.inWorkYear("a.assessment_outcome_date"), ceased = Self.inWorkYear("n.cease_date")
        let within20 = "julianday(a.assessment_outcome_date) - julianday(q.received_date) <= 140"
        try add("""
            SELECT q.la_code, q.collection_year,
                   SUM(\(received)),
                   SUM(\(received) AND q.request_outcome = 'N'),
                   SUM(\(received) AND q.request_outcome IN ('Y', 'N') AND q.request_outcome_date IS NOT NULL),
                   SUM(\(received) AND q.request_outcome IN ('Y', 'N')
                       AND julianday(q.request_outcome_date) - julianday(q.received_date) <= 42),
                   SUM(\(decided) AND q.request_outcome = 'N'),
                   SUM(\(decided) AND q.request_outcome = 'N' AND q.request_tribunal = 1),
                   SUM(\(assessed) AND a.assessment_outcome IN ('Y', 'N')),
                   SUM(\(assessed) AND a.assessment_outcome = 'Y'),
                   SUM(\(assessed) AND a.assessment_outcome = 'Y' AND \(within20)),
                   SUM(\(assessed) AND a.assessment_outcome = 'Y' AND a.week20 = 0),
                   SUM(\(assessed) AND a.assessment_outcome = 'Y' AND a.week20 = 0 AND \(within20)),
                   SUM(\(assessed) AND a.assessment_outcome IN ('Y', 'N') AND (a.assessment_tribunal = 1 OR a.other_tribunal = 1)),
                   SUM(\(ceased)),
                   SUM(\(ceased) AND n.cease_reason = '2')
            FROM current_requests q
            LEFT JOIN assessments a ON a.request_id = q.id
            LEFT JOIN named_plans n ON n.assessment_id = a.id
            GROUP BY q.la_code, q.collection_year
            """, ["received", "refused", "decided", "within6", "refusals", "refusalTribunals",
                  "assessmentsDecided", "issued", "issuedWithin20", "issuedNoExceptions", "issuedNoExceptionsWithin20",
                  "assessmentTribunals", "ceased", "ceasedNeedsMet"])

        var results: [IndicatorResult] = []
        try context.query("SELECT la_code, collection_year FROM current_returns ORDER BY la_code, collection_year", []) { row in
            guard let la = row[0].string, let year = row[1].int else { return }
            let t = tallies["\(la)/\(year)"] ?? [:]
            func n(_ key: String) -> Double { t[key] ?? 0 }
            let period = Period.calendar(collectionYear: year)
            func value(_ d: IndicatorDefinition, _ numerator: Double, _ denominator: Double?) {
                results.append(IndicatorResult(indicatorID: d.id, laCode: la, period: period,
                                               numerator: numerator, denominator: denominator))
            }
            value(Self.requestsReceived, n("received"), nil)
            value(Self.requestsRefused, n("refused"), n("received"))
            value(Self.decisionsWithin6Weeks, n("within6"), n("decided"))
            value(Self.assessmentsIssued, n("issued"), n("assessmentsDecided"))
            value(Self.newPlans, n("issued"), nil)
            value(Self.within20Weeks, n("issuedWithin20"), n("issued"))
            value(Self.within20WeeksExcluding, n("issuedNoExceptionsWithin20"), n("issuedNoExceptions"))
            value(Self.plansCeased, n("ceased"), nil)
            value(Self.ceasedNeedsMet, n("ceasedNeedsMet"), n("ceased"))
            value(Self.tribunalRate, n("refusalTribunals") + n("assessmentTribunals"),
                  n("refusals") + n("assessmentsDecided"))
        }
        return results
    }
}
