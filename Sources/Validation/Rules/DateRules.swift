import HubKit

extension ValidationRule {
    static let dateAfterBirth = ValidationRule(
        "SEN2-DATE-ORDER-BIRTH", .error, .dateOrder, "A request's first date must be after the person's birth date.")
    static let dateOrderRequest = ValidationRule(
        "SEN2-DATE-ORDER-REQUEST", .error, .dateOrder, "RequestOutcomeDate must not be before ReceivedDate.")
    static let dateOrderAssessment = ValidationRule(
        "SEN2-DATE-ORDER-ASSESSMENT", .error, .dateOrder,
        "AssessmentOutcomeDate must not be before the request's earlier dates.")
    static let dateOrderPlanStart = ValidationRule(
        "SEN2-DATE-ORDER-PLAN-START", .error, .dateOrder,
        "A plan's StartDate must not be before the assessment and request dates.")
    static let dateOrderPlanCease = ValidationRule(
        "SEN2-DATE-ORDER-PLAN-CEASE", .error, .dateOrder, "CeaseDate must not be before the plan's StartDate.")
    static let dateOrderPlacement = ValidationRule(
        "SEN2-DATE-ORDER-PLACEMENT", .error, .dateOrder, "A placement's LeavingDate must not be before its EntryDate.")
    static let dateAfterWindow = ValidationRule(
        "SEN2-DATE-AFTER-WINDOW", .error, .dateOrder,
        "No event date may be later than 6 months after the census date (the collection window).")
    static let ageRange = ValidationRule(
        "SEN2-AGE-RANGE", .error, .dateOrder,
        "The person is born by the census date and at most 25 on the 31 August before it.")

    static let dateRules = [dateAfterBirth, dateOrderRequest, dateOrderAssessment, dateOrderPlanStart,
                            dateOrderPlanCease, dateOrderPlacement, dateAfterWindow, ageRange]
}

// Dates in the order events happen, no event beyond the collection window, age 0-25.
extension ReturnContext {
    func checkDates(_ person: PersonRecord, into findings: inout Findings) {
        guard let birth = person.birthDate else { return }
        if birth > census {
            findings.add(.ageRange, "PersonBirthDate is after the census date \(census.iso): correct the birth date.",
                         at: "PersonBirthDate", value: birth.iso, isPersonal: true)
        } else if birth <= over25BornBy {
            let age = birth.age(on: ageDate)
            findings.add(.ageRange, "The person is \(age) on \(ageDate.iso), the 31 August before the census "
                         + "date: SEN2 covers ages 0-25. Check the birth date, or leave the person out.",
                         at: "PersonBirthDate", value: birth.iso, isPersonal: true)
        }
    }

    /// birth < ReceivedDate <= RequestOutcomeDate <= AssessmentOutcomeDate <= StartDate <= CeaseDate,
    /// each date compared with the nearest earlier date that is present; then the window.
    func checkDates(_ request: RequestRecord, _ path: RequestPath, birth: Day?, into findings: inout Findings) {
        var chain = DateChain(birth: birth)
        chain.next(request.receivedDate, "ReceivedDate", .dateAfterBirth, path.request("ReceivedDate"), &findings)
        chain.next(request.requestOutcomeDate, "RequestOutcomeDate", .dateOrderRequest,
                   path.request("RequestOutcomeDate"), &findings)
        checkWindow(request.receivedDate, path.request("ReceivedDate"), &findings)
        checkWindow(request.requestOutcomeDate, path.request("RequestOutcomeDate"), &findings)
        if let assessment = request.assessment {
            // A plan transferred in or decided long ago (AssessmentOutcome H) may have started before
            // the date this LA recorded: its StartDate is not held against AssessmentOutcomeDate.
            var planChain = chain
            chain.next(assessment.assessmentOutcomeDate, "AssessmentOutcomeDate", .dateOrderAssessment,
                       path.assessment("AssessmentOutcomeDate"), &findings)
            if assessment.assessmentOutcome != "H" { planChain = chain }
            checkWindow(assessment.assessmentOutcomeDate, path.assessment("AssessmentOutcomeDate"), &findings)
            if let plan = assessment.namedPlan {
                planChain.next(plan.startDate, "StartDate", .dateOrderPlanStart, path.namedPlan("StartDate"), &findings)
                planChain.next(plan.ceaseDate, "CeaseDate", .dateOrderPlanCease, path.namedPlan("CeaseDate"), &findings)
                checkWindow(plan.startDate, path.namedPlan("StartDate"), &findings)
                checkWindow(plan.ceaseDate, path.namedPlan("CeaseDate"), &findings)
            }
        }
        // PhaseTransferDueDate is a deadline, not an event, and may lie further ahead.
        if let active = request.activePlans {
            checkWindow(active.reviewMeeting, path.activePlans("ReviewMeeting"), &findings)
            checkWindow(active.lastReview, path.activePlans("LastReview"), &findings)
            checkWindow(active.reviewDraft, path.activePlans("ReviewDraft"), &findings)
            checkWindow(active.phaseTransferFinalDate, path.activePlans("PhaseTransferFinalDate"), &findings)
        }
    }

    func checkDates(_ detail: SettingDetail, _ path: SettingPath, into findings: inout Findings) {
        guard path.kind == .placement else { return }
        if let entry = detail.entryDate, let leaving = detail.leavingDate, leaving < entry {
            findings.add(.dateOrderPlacement, "LeavingDate \(leaving.iso) is before EntryDate \(entry.iso): "
                         + "correct one of them.", at: path.element("LeavingDate"), value: leaving.iso)
        }
        checkWindow(detail.entryDate, path.element("EntryDate"), &findings)
        checkWindow(detail.leavingDate, path.element("LeavingDate"), &findings)
    }

    private func checkWindow(_ date: Day?, _ path: @autoclosure () -> String, _ findings: inout Findings) {
        guard let date, date > windowEnd else { return }
        let path = path()
        findings.add(.dateAfterWindow, "\(leafName(path)) \(date.iso) is after \(windowEnd.iso), the end of the "
                     + "collection window (\(SEN2Validator.collectionWindowMonths) months after the census date): "
                     + "correct the date.", at: path, value: date.iso)
    }
}

/// Walks a request's dates in event order, comparing each with the nearest earlier date present.
private struct DateChain {
    let birth: Day?
    private var previous: (element: String, date: Day)?

    init(birth: Day?) { self.birth = birth }

    mutating func next(_ date: Day?, _ element: String, _ rule: ValidationRule,
                       _ path: @autoclosure () -> String, _ findings: inout Findings) {
        guard let date else { return }
        if let previous {
            if date < previous.date {
                findings.add(rule, "\(element) \(date.iso) is before \(previous.element) \(previous.date.iso): "
                             + "events run request, assessment, plan start, cease; correct the earlier or the later date.",
                             at: path(), value: date.iso)
            }
        } else if let birth, date <= birth {
            // The birth date is identifying: it stays out of the message.
            findings.add(.dateAfterBirth, "\(element) \(date.iso) is on or before the person's birth date: "
                         + "correct the date or the birth date.", at: path(), value: date.iso)
        }
        previous = (element, date)
    }
}
