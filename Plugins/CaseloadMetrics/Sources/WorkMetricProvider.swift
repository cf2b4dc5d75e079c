import HubKit

/// Work in the calendar year before each collection (docs/indicators.md, "Work in the calendar year
/// Y"): requests, assessments, new plans and their 20-week timeliness, ceased plans, tribunals.
/// "In Y" means the event's date falls in Y = collection year - 1.
package final class WorkMetricProvider: MetricProvider {
    package static let version = "0.1.0"

    package init() {}

    package var descriptor: ComponentDescriptor {
        ComponentDescriptor(id: "work", version: Self.version,
                            summary: "Requests, assessments, new plans, 20-week timeliness and ceased plans in the calendar year")
    }

    static func define(_ id: String, _ title: String, _ unit: IndicatorUnit, _ polarity: Polarity,
                       numerator: String, denominator: String? = nil, counts: IndicatorCounts,
                       inputs: [SEN2Element]) -> IndicatorDefinition {
        IndicatorDefinition(id: id, title: title, unit: unit, polarity: polarity, periodType: .calendar,
                            numerator: numerator, denominator: denominator, sources: [.sen2Returns], counts: counts,
                            inputs: inputs)
    }

    /// A count's structure (docs/disclosure-control.md): `part` of `whole` when the numerator is one
    /// part of the denominator (the other outcomes are shown nowhere, so the partition is incomplete).
    static func counts(_ numerator: String, of denominator: [String]? = nil, part whole: String? = nil) -> IndicatorCounts {
        IndicatorCounts(numerator: [CountTerm(numerator)], denominator: denominator?.map { CountTerm($0) },
                        partitions: whole.map { [PartitionMembership("\($0) by \(numerator)", total: $0, complete: false)] } ?? [])
    }

    static let requestsReceived = define("requests_received", "Requests for an EHC needs assessment", .count, .none,
        numerator: "requests with ReceivedDate in the year", counts: counts("requests"),
        inputs: ["request.ReceivedDate"])
    static let requestsRefused = define("requests_refused_rate", "Requests refused", .percent, .none,
        numerator: "requests received in the year with RequestOutcome N",
        denominator: "all requests received in the year (the DfE definition, not decided ones only)",
        counts: counts("requests.refused", of: ["requests"], part: "requests"),
        inputs: ["request.ReceivedDate", "request.RequestOutcome"])
    static let decisionsWithin6Weeks = define("request_decisions_within_6_weeks", "Request decisions within 6 weeks",
        .percent, .high, numerator: "decided requests (Y or N) decided within 42 days of receipt",
        denominator: "decided requests received in the year",
        counts: counts("requests.decided.within6", of: ["requests.decided"], part: "requests.decided"),
        inputs: ["request.ReceivedDate"] + SEN2Inputs.requestDecision)
    static let assessmentsIssued = define("assessments_issued_rate", "Assessments leading to a plan", .percent, .none,
        numerator: "assessments with outcome Y",
        denominator: "assessments with AssessmentOutcomeDate in the year and outcome Y or N",
        counts: counts("plans.issued", of: ["assessments.decided"], part: "assessments.decided"),
        inputs: SEN2Inputs.assessmentDecision)
    static let newPlans = define("new_plans", "New EHC plans issued", .count, .none,
        numerator: "plans issued in the year (AssessmentOutcome Y, AssessmentOutcomeDate in the year; transfers-in, outcome H, excluded)",
        counts: counts("plans.issued"), inputs: SEN2Inputs.assessmentDecision)
    static let within20Weeks = define("timeliness_20wk_incl", "New plans issued within 20 weeks (with exceptions)",
        .percent, .high, numerator: "new plans with AssessmentOutcomeDate - ReceivedDate <= 140 days",
        denominator: "new plans in the year",
        counts: counts("plans.issued.within20", of: ["plans.issued"], part: "plans.issued"),
        inputs: ["request.ReceivedDate"] + SEN2Inputs.assessmentDecision)
    static let within20WeeksExcluding = define("timeliness_20wk_excl", "New plans issued within 20 weeks (excluding exceptions)",
        .percent, .high, numerator: "new plans with Week20 = 0 issued within 140 days",
        denominator: "new plans in the year with Week20 = 0",
        counts: counts("plans.issued.noexceptions.within20", of: ["plans.issued.noexceptions"], part: "plans.issued.noexceptions"),
        inputs: ["request.ReceivedDate"] + SEN2Inputs.assessmentDecision + ["assessment.Week20"])
    static let plansCeased = define("plans_ceased", "EHC plans ceased", .count, .none,
        numerator: "plans with CeaseDate in the year", counts: counts("plans.ceased"),
        inputs: ["plan.CeaseDate"])
    static let ceasedNeedsMet = define("ceased_needs_met_share", "Plans ceased because needs were met", .percent, .high,
        numerator: "plans ceased in the year with CeaseReason 2", denominator: "plans ceased in the year",
        counts: counts("plans.ceased.needs_met", of: ["plans.ceased"], part: "plans.ceased"),
        inputs: ["plan.CeaseDate", "plan.CeaseReason"])
    static let tribunalRate = define("tribunal_rate", "Appealable decisions taken to tribunal", .percent, .low,
        numerator: "appealable decisions in the year with a tribunal flag: refusals with RequestTribunal = 1, assessment decisions with AssessmentTribunal or OtherTribunal = 1",
        denominator: "appealable decisions in the year: refusals to assess + decisions not to issue + plans issued",
        counts: counts("decisions.tribunal", of: ["requests.refusals", "assessments.decided"]),
        inputs: SEN2Inputs.requestDecision + ["request.RequestTribunal"] + SEN2Inputs.assessmentDecision
            + ["assessment.AssessmentTribunal", "assessment.OtherTribunal"])

    package var indicators: [IndicatorDefinition] {
        IndicatorLayout.present([Self.requestsReceived, Self.requestsRefused, Self.assessmentsIssued, Self.newPlans,
                                 Self.plansCeased, Self.ceasedNeedsMet, Self.tribunalRate], in: .requestsAndAssessments)
            + IndicatorLayout.present([Self.within20Weeks, Self.within20WeeksExcluding, Self.decisionsWithin6Weeks],
                                      in: .timeliness)
    }

    package func compute(in context: any MetricContext) throws -> [IndicatorResult] {
        try MissingSummary.check(context)
        var tallies: [String: [String: Double]] = [:]
        // The events of each current return's year, as counted when it was imported (schema V4
        // `work_events`: one row per event type, outcome, elapsed days, Week20 and tribunal flag).
        let names = ["received", "refused", "decided", "within6", "refusals", "refusalTribunals",
                     "assessmentsDecided", "issued", "issuedWithin20", "issuedNoExceptions", "issuedNoExceptionsWithin20",
                     "assessmentTribunals", "ceased", "ceasedNeedsMet"]
        func events(_ event: String, _ condition: String = "1") -> String {
            "SUM(CASE WHEN w.event = '\(event)' AND \(condition) THEN w.events ELSE 0 END)"
        }
        let decidedYN = "w.outcome IN ('Y', 'N')"
        try context.query("""
            SELECT r.la_code, r.collection_year,
                   \(events("request_received")),
                   \(events("request_received", "w.outcome = 'N'")),
                   \(events("request_received", "\(decidedYN) AND w.days IS NOT NULL")),
                   \(events("request_received", "\(decidedYN) AND w.days <= 42")),
                   \(events("request_decided", "w.outcome = 'N'")),
                   \(events("request_decided", "w.outcome = 'N' AND w.tribunal = 1")),
                   \(events("assessment_decided", decidedYN)),
                   \(events("assessment_decided", "w.outcome = 'Y'")),
                   \(events("assessment_decided", "w.outcome = 'Y' AND w.days <= 140")),
                   \(events("assessment_decided", "w.outcome = 'Y' AND w.week20 = 0")),
                   \(events("assessment_decided", "w.outcome = 'Y' AND w.week20 = 0 AND w.days <= 140")),
                   \(events("assessment_decided", "\(decidedYN) AND w.tribunal = 1")),
                   \(events("plan_ceased")),
                   \(events("plan_ceased", "w.outcome = '2'"))
            FROM current_returns r JOIN work_events w ON w.import_id = r.import_id
            GROUP BY r.import_id
            """, []) { row in
            guard let la = row[0].string, let year = row[1].int else { return }
            for (i, name) in names.enumerated() { tallies["\(la)/\(year)", default: [:]][name] = row[i + 2].double ?? 0 }
        }

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
