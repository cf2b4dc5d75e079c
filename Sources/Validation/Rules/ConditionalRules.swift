import HubKit

extension ValidationRule {
    static let receivedDateRequired = ValidationRule(
        "SEN2-COND-RECEIVEDDATE", .error, .conditional, "ReceivedDate is required unless RequestOutcome is H.")
    static let ryaRequired = ValidationRule(
        "SEN2-COND-RYA", .error, .conditional, "RYA is required unless RequestOutcome is H.")
    static let assessmentNotExpected = ValidationRule(
        "SEN2-COND-ASSESSMENT-NOT-EXPECTED", .warning, .conditional,
        "No Assessment is expected when RequestOutcome is N, A or W.")
    static let afterExported = ValidationRule(
        "SEN2-COND-AFTER-EXPORTED", .error, .conditional,
        "A request Exported to another LA carries no NamedPlan and no ActivePlans.")
    static let namedPlanNotExpected = ValidationRule(
        "SEN2-COND-NAMEDPLAN-NOT-EXPECTED", .error, .conditional,
        "No NamedPlan when AssessmentOutcome is A or W.")
    static let namedPlanOutcomeN = ValidationRule(
        "SEN2-COND-NAMEDPLAN-OUTCOME-N", .warning, .conditional,
        "A NamedPlan under AssessmentOutcome N (decided not to issue) is kept: the outcome was probably never updated to Y.")
    static let assessmentDateRequired = ValidationRule(
        "SEN2-COND-ASSESSMENTDATE", .error, .conditional,
        "AssessmentOutcomeDate is required when AssessmentOutcome is Y or N.")
    static let requestDateRequired = ValidationRule(
        "SEN2-COND-REQUESTDATE", .error, .conditional,
        "RequestOutcomeDate is required when RequestOutcome is Y or N.")
    static let newPlanReceivedDate = ValidationRule(
        "SEN2-COND-NEWPLAN-RECEIVEDDATE", .error, .conditional,
        "A plan issued in the collection period needs its request's ReceivedDate, even under RequestOutcome H.")
    static let newPlanWeek20 = ValidationRule(
        "SEN2-COND-NEWPLAN-WEEK20", .error, .conditional,
        "A plan issued in the collection period needs Week20 (whether 20-week exceptions apply).")
    static let historicalDate = ValidationRule(
        "SEN2-COND-HISTORICAL-DATE", .error, .conditional,
        "An outcome H (historical) must be dated before the collection period (a transferred-in plan excepted).")
    static let placementEntryDate = ValidationRule(
        "SEN2-COND-PLACEMENT-ENTRYDATE", .error, .conditional,
        "A PlacementDetail of a plan active at the census date needs an EntryDate.")
    static let settingOther = ValidationRule(
        "SEN2-COND-SETTING-OTHER", .warning, .conditional, "SENSettingOther is expected for SENSetting OTH and NIEO.")
    static let ceasePair = ValidationRule(
        "SEN2-COND-CEASE-PAIR", .warning, .conditional, "CeaseDate and CeaseReason are given together.")
    static let reviewDetails = ValidationRule(
        "SEN2-COND-REVIEW-DETAILS", .error, .conditional,
        "From 2025, ReviewMeeting and ReviewOutcome are required once a review is recorded (LastReview).")
    static let reviewOverdue = ValidationRule(
        "SEN2-COND-REVIEW-OVERDUE", .warning, .conditional,
        "From 2025, a plan active at the census that started over 12 months before it should have a review recorded.")

    static let conditionalRules = [
        receivedDateRequired, ryaRequired, assessmentNotExpected, afterExported, namedPlanNotExpected,
        namedPlanOutcomeN, assessmentDateRequired, requestDateRequired, newPlanReceivedDate, newPlanWeek20,
        historicalDate, placementEntryDate, settingOther, ceasePair, reviewDetails, reviewOverdue,
    ]

    /// The first collection year whose guide requires RequestOutcomeDate for a decided request:
    /// every person-level year (docs/validation.md).
    static let requestDateRequiredFrom = 2023
}

// Elements required, or ruled out, by the value of another element.
extension ReturnContext {
    func checkConditions(_ request: RequestRecord, _ path: RequestPath, into findings: inout Findings) {
        let outcome = request.requestOutcome
        if outcome != "H" {
            if request.receivedDate == nil, !findings.importerReported(path.request("ReceivedDate")) {
                findings.add(.receivedDateRequired, "ReceivedDate is missing: it is required for every request "
                             + "except a historical one (RequestOutcome H).", at: path.request("ReceivedDate"))
            }
            if request.rya == nil, !findings.importerReported(path.request("RYA")) {
                findings.add(.ryaRequired, "RYA is missing: say whether the request came from a young person "
                             + "aged 16-25 (1) or not (0); only a historical request (H) may leave it out.",
                             at: path.request("RYA"))
            }
        }
        if let outcome, outcome == "Y" || outcome == "N", request.requestOutcomeDate == nil,
           year >= ValidationRule.requestDateRequiredFrom, !findings.importerReported(path.request("RequestOutcomeDate")) {
            // Undated decisions drop out of the figure of requests decided within 6 weeks (docs/indicators.md).
            findings.add(.requestDateRequired, "RequestOutcomeDate is missing: it is required when RequestOutcome "
                         + "is \(outcome); give the date the LA decided whether to assess.",
                         at: path.request("RequestOutcomeDate"), value: outcome)
        }
        if outcome == "H", let decided = request.requestOutcomeDate, decided >= periodStart {
            findings.add(.historicalDate, "RequestOutcome is H (decided before the collection period) but "
                         + "RequestOutcomeDate \(decided.iso) is on or after \(periodStart.iso), the period's start: "
                         + "give the outcome decided (Y, N or W), or correct the date.",
                         at: path.request("RequestOutcome"), value: decided.iso)
        }
        if let outcome, outcome == "N" || outcome == "A" || outcome == "W", request.assessment != nil {
            findings.add(.assessmentNotExpected, "RequestOutcome is \(outcome) (\(requestOutcomeMeaning(outcome))) "
                         + "but the request has an Assessment: correct RequestOutcome (Y if the LA assessed), "
                         + "or remove the Assessment.", at: path.assessment, value: outcome)
        }
        if let exported = request.exported.present {
            if request.assessment?.namedPlan != nil {
                findings.add(.afterExported, "The request was Exported to LA \(exported) but carries a NamedPlan: "
                             + "a plan issued before the move is ceased with CeaseReason 5 instead; otherwise "
                             + "the plan belongs to the receiving LA's return.", at: path.namedPlan, value: exported)
            }
            if request.activePlans != nil {
                findings.add(.afterExported, "The request was Exported to LA \(exported) but carries ActivePlans: "
                             + "the receiving LA reports what happens next; remove ActivePlans or Exported.",
                             at: path.activePlans, value: exported)
            }
        }
        if let assessment = request.assessment {
            checkConditions(assessment, of: request, path, into: &findings)
        }
        if let placements = request.activePlans?.placements, request.assessment?.namedPlan?.isActive(on: census) == true {
            for k in placements.indices where placements[k].entryDate == nil {
                let settingPath = SettingPath(request: path, kind: .placement, number: k + 1)
                guard !findings.importerReported(settingPath.element("EntryDate")) else { continue }
                // No EntryDate covers no date: the child would count as "placement unknown".
                findings.add(.placementEntryDate, "PlacementDetail[\(k + 1)] has no EntryDate, so it covers no date "
                             + "and the plan active on the census date would count as 'placement unknown': give the "
                             + "date the child started there.", at: settingPath.element("EntryDate"))
            }
        }
        if year >= 2025 {
            checkReview(request.activePlans, plan: request.assessment?.namedPlan, path, into: &findings)
        }
    }

    func checkConditions(_ detail: SettingDetail, _ path: SettingPath, into findings: inout Findings) {
        if let setting = detail.senSetting, setting == "OTH" || setting == "NIEO", !detail.hasSettingOtherText {
            findings.add(.settingOther, "SENSetting \(setting) has no SENSettingOther: describe the setting or "
                         + "situation in SENSettingOther, as COLLECT will ask for it.",
                         at: path.element("SENSettingOther"), value: setting)
        }
    }

    private func checkConditions(_ assessment: AssessmentRecord, of request: RequestRecord, _ path: RequestPath,
                                 into findings: inout Findings) {
        let outcome = assessment.assessmentOutcome
        if outcome == "N", assessment.namedPlan != nil {
            // Quarantining it would drop a live plan from the caseload; the plan is kept and counted.
            findings.add(.namedPlanOutcomeN, "AssessmentOutcome is N (the LA decided not to issue a plan) but a "
                         + "NamedPlan is given: the plan is kept and counted. If it was issued, correct "
                         + "AssessmentOutcome to Y; otherwise remove the NamedPlan.", at: path.namedPlan, value: outcome)
        } else if let outcome, outcome == "A" || outcome == "W", assessment.namedPlan != nil {
            findings.add(.namedPlanNotExpected, "AssessmentOutcome is \(outcome) (\(assessmentOutcomeMeaning(outcome))) "
                         + "but a NamedPlan is given: correct AssessmentOutcome (Y if a plan was issued), "
                         + "or remove the NamedPlan.", at: path.namedPlan, value: outcome)
        }
        if outcome == "H", let decided = assessment.assessmentOutcomeDate, decided >= periodStart,
           !(year >= 2024 && request.activePlans?.transferLA.present != nil) {
            findings.add(.historicalDate, "AssessmentOutcome is H (decided before the collection period) but "
                         + "AssessmentOutcomeDate \(decided.iso) is on or after \(periodStart.iso), the period's start: "
                         + "a plan issued in the period is a new plan (Y); a plan transferred in gives TransferLA.",
                         at: path.assessment("AssessmentOutcome"), value: decided.iso)
        }
        if outcome == "Y", let issued = assessment.assessmentOutcomeDate, issued.isWithin(periodStart, periodEnd) {
            // A new plan of the period: the 20-week figures need both.
            if request.receivedDate == nil, request.requestOutcome == "H",
               !findings.importerReported(path.request("ReceivedDate")) {
                findings.add(.newPlanReceivedDate, "The plan was issued on \(issued.iso), in the collection period, "
                             + "but the request has no ReceivedDate: the 20-week timeliness figures need it. Give the "
                             + "date the request was received.", at: path.request("ReceivedDate"), value: issued.iso)
            }
            if assessment.week20 == nil, !findings.importerReported(path.assessment("Week20")) {
                findings.add(.newPlanWeek20, "The plan was issued on \(issued.iso), in the collection period, but "
                             + "Week20 is missing: give 1 if 20-week exceptions apply, 0 if not (the figure that "
                             + "excludes exceptions counts only plans with 0).", at: path.assessment("Week20"),
                             value: issued.iso)
            }
        }
        if let outcome, outcome == "Y" || outcome == "N", assessment.assessmentOutcomeDate == nil,
           !findings.importerReported(path.assessment("AssessmentOutcomeDate")) {
            findings.add(.assessmentDateRequired, "AssessmentOutcomeDate is missing: it is required when "
                         + "AssessmentOutcome is \(outcome); give the date the decision was made.",
                         at: path.assessment("AssessmentOutcomeDate"), value: outcome)
        }
        if let plan = assessment.namedPlan, (plan.ceaseDate == nil) != (plan.ceaseReason.present == nil) {
            let message = plan.ceaseDate == nil
                ? "CeaseReason is given without a CeaseDate: give the date the plan ceased, or remove the reason."
                : "CeaseDate is given without a CeaseReason: give the reason (1-9) the plan ceased."
            findings.add(.ceasePair, message, at: path.namedPlan(plan.ceaseDate == nil ? "CeaseDate" : "CeaseReason"))
        }
    }

    /// From 2025: a recorded review needs its meeting date and outcome, and a plan active at the
    /// census that started more than 12 months before it should have a review recorded.
    private func checkReview(_ active: ActivePlansRecord?, plan: NamedPlanRecord?, _ path: RequestPath,
                             into findings: inout Findings) {
        if let active, let lastReview = active.lastReview {
            if active.reviewMeeting == nil {
                findings.add(.reviewDetails, "LastReview is given but ReviewMeeting is missing: give the date of "
                             + "the annual review meeting.", at: path.activePlans("ReviewMeeting"), value: lastReview.iso)
            }
            if active.reviewOutcome.present == nil {
                findings.add(.reviewDetails, "LastReview is given but ReviewOutcome is missing: give A (amend), "
                             + "C (cease) or M (maintain).", at: path.activePlans("ReviewOutcome"), value: lastReview.iso)
            }
        }
        guard let plan, let start = plan.startDate, start < reviewDueBefore, plan.isActive(on: census),
              active?.lastReview == nil, active?.reviewMeeting == nil else { return }
        findings.add(.reviewOverdue, "The plan started more than 12 months before the census date and no annual "
                     + "review is recorded: give LastReview, ReviewMeeting and ReviewOutcome of the latest review.",
                     at: active == nil ? path.activePlans : path.activePlans("LastReview"), value: start.iso)
    }
}

private func requestOutcomeMeaning(_ code: String) -> String {
    switch code {
    case "N": "the LA decided not to assess"
    case "A": "decision not yet made"
    default: "request withdrawn"
    }
}

private func assessmentOutcomeMeaning(_ code: String) -> String {
    switch code {
    case "N": "the LA decided not to issue a plan"
    case "A": "decision not yet made"
    default: "withdrawn before a decision"
    }
}
