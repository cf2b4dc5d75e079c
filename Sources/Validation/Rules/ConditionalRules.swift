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
        "No NamedPlan when AssessmentOutcome is N, A or W.")
    static let assessmentDateRequired = ValidationRule(
        "SEN2-COND-ASSESSMENTDATE", .error, .conditional,
        "AssessmentOutcomeDate is required when AssessmentOutcome is Y or N.")
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
        assessmentDateRequired, settingOther, ceasePair, reviewDetails, reviewOverdue,
    ]
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
            checkConditions(assessment, path, into: &findings)
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

    private func checkConditions(_ assessment: AssessmentRecord, _ path: RequestPath, into findings: inout Findings) {
        let outcome = assessment.assessmentOutcome
        if let outcome, outcome == "N" || outcome == "A" || outcome == "W", assessment.namedPlan != nil {
            findings.add(.namedPlanNotExpected, "AssessmentOutcome is \(outcome) (\(assessmentOutcomeMeaning(outcome))) "
                         + "but a NamedPlan is given: correct AssessmentOutcome (Y if a plan was issued), "
                         + "or remove the NamedPlan.", at: path.namedPlan, value: outcome)
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
