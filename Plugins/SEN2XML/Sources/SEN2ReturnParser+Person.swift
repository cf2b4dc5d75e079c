import HubKit

// The five person-level modules. Each reader is called with its element just opened and returns
// after the element's end tag. A known element in the wrong place is skipped like an unknown one.
extension SEN2ReturnParser {
    /// Module 1: `<Person>`.
    mutating func readPerson(index: Int, line: Int) throws -> PersonRecord {
        location = RecordLocation(index: index, line: line, file: fileName)
        issues = []
        var person = PersonRecord(location: location)
        let path = SEN2PersonPath()
        var seen = SEN2ElementSet()
        while let element = try nextChild(of: .person) {
            guard try shouldRead(element, in: &seen, parent: .person, at: path) else { continue }
            switch element {
            case .surname: person.identifiers.surname = try string(element)
            case .forename: person.identifiers.forename = try string(element)
            case .personBirthDate: person.birthDate = try day(element, at: path)
            case .genderCurrent: person.sex = try code(element).map(Self.sex(fromGenderCurrent:))
            case .sex: person.sex = try code(element)
            case .ethnicity: person.ethnicity = try code(element)
            case .postCode: person.postcode = try string(element)
            case .upn: person.identifiers.upn = try upn()
            case .uniqueLearnerNumber: person.identifiers.uniqueLearnerNumber = try string(element)
            case .upnUnknown: person.upnUnknown = try code(element)
            case .requests:
                var requestPath = path
                requestPath.request = person.requests.count + 1
                // Read in place: a request holds its assessment, plan and active plans inline,
                // so returning one by value would copy all of them once a level.
                person.requests.append(RequestRecord())
                try readRequest(into: &person.requests[person.requests.count - 1], at: requestPath)
            default: try skipMisplaced(element, in: .person)
            }
        }
        person.issues = issues
        return person
    }

    /// 2023 `GenderCurrent` (0 not known, 1 male, 2 female, 9 not specified) as a 2024+ `Sex` code;
    /// any other value is carried through for validation to report.
    static func sex(fromGenderCurrent code: String) -> String {
        switch code {
        case "1": "M"
        case "2": "F"
        case "0", "9": "U"
        default: code
        }
    }

    /// Module 2: `<Requests>`.
    private mutating func readRequest(into request: inout RequestRecord, at path: SEN2PersonPath) throws {
        var seen = SEN2ElementSet()
        while let element = try nextChild(of: .requests) {
            guard try shouldRead(element, in: &seen, parent: .requests, at: path) else { continue }
            switch element {
            case .receivedDate: request.receivedDate = try day(element, at: path)
            case .requestSource: request.requestSource = try code(element)
            case .rya: request.rya = try flag(element, at: path)
            case .requestOutcomeDate: request.requestOutcomeDate = try day(element, at: path)
            case .requestOutcome: request.requestOutcome = try code(element)
            case .requestMediation: request.requestMediation = try flag(element, at: path)
            case .requestTribunal: request.requestTribunal = try flag(element, at: path)
            case .exported: request.exported = try code(element)
            case .assessment:
                var assessmentPath = path
                assessmentPath.inAssessment = true
                request.assessment = AssessmentRecord()
                try readAssessment(into: &request.assessment!, at: assessmentPath)
            case .activePlans:
                var activePlansPath = path
                activePlansPath.inActivePlans = true
                request.activePlans = ActivePlansRecord()
                try readActivePlans(into: &request.activePlans!, at: activePlansPath)
            default: try skipMisplaced(element, in: .requests)
            }
        }
    }

    /// Module 3: `<Assessment>`.
    private mutating func readAssessment(into assessment: inout AssessmentRecord, at path: SEN2PersonPath) throws {
        var seen = SEN2ElementSet()
        while let element = try nextChild(of: .assessment) {
            guard try shouldRead(element, in: &seen, parent: .assessment, at: path) else { continue }
            switch element {
            case .assessmentOutcome: assessment.assessmentOutcome = try code(element)
            case .assessmentOutcomeDate: assessment.assessmentOutcomeDate = try day(element, at: path)
            case .assessmentMediation: assessment.assessmentMediation = try flag(element, at: path)
            case .assessmentTribunal: assessment.assessmentTribunal = try flag(element, at: path)
            case .otherMediation: assessment.otherMediation = try flag(element, at: path)
            case .otherTribunal: assessment.otherTribunal = try flag(element, at: path)
            case .week20: assessment.week20 = try flag(element, at: path)
            case .namedPlan:
                var planPath = path
                planPath.inNamedPlan = true
                assessment.namedPlan = NamedPlanRecord()
                try readNamedPlan(into: &assessment.namedPlan!, at: planPath)
            default: try skipMisplaced(element, in: .assessment)
            }
        }
    }

    /// Module 4: `<NamedPlan>`.
    private mutating func readNamedPlan(into plan: inout NamedPlanRecord, at path: SEN2PersonPath) throws {
        var seen = SEN2ElementSet()
        while let element = try nextChild(of: .namedPlan) {
            guard try shouldRead(element, in: &seen, parent: .namedPlan, at: path) else { continue }
            switch element {
            case .startDate: plan.startDate = try day(element, at: path)
            case .planDetail:
                var detailPath = path
                detailPath.detail = .planDetail
                detailPath.detailIndex = plan.planDetails.count + 1
                plan.planDetails.append(try readSettingDetail(.planDetail, at: detailPath))
            case .planRes: plan.planRes = try code(element)
            case .planWBP: plan.planWBP = try code(element)
            case .pb: plan.personalBudget = try flag(element, at: path)
            case .oa: plan.otherArrangements = try flag(element, at: path)
            case .dp: plan.directPayments = try code(element)
            case .ceaseDate: plan.ceaseDate = try day(element, at: path)
            case .ceaseReason: plan.ceaseReason = try code(element)
            default: try skipMisplaced(element, in: .namedPlan)
            }
        }
    }

    /// `<PlanDetail>` (a setting named in the plan) or `<PlacementDetail>` (a setting attended).
    /// `SENSettingOther` is free text that may identify a child: only whether it was given is kept.
    private mutating func readSettingDetail(_ kind: SEN2Element, at path: SEN2PersonPath) throws -> SettingDetail {
        var detail = SettingDetail()
        var seen = SEN2ElementSet()
        while let element = try nextChild(of: kind) {
            guard try shouldRead(element, in: &seen, parent: kind, at: path) else { continue }
            switch element {
            case .urn: detail.urn = try string(element)
            case .ukprn: detail.ukprn = try string(element)
            case .senSetting: detail.senSetting = try code(element)
            case .senSettingOther: detail.hasSettingOtherText = try leafText(element) != nil
            case .placementRank: detail.placementRank = try integer(element, at: path)
            case .senUnitIndicator: detail.senUnitIndicator = try flag(element, at: path)
            case .resourcedProvisionIndicator: detail.resourcedProvisionIndicator = try flag(element, at: path)
            case .entryDate: detail.entryDate = try day(element, at: path)
            case .leavingDate: detail.leavingDate = try day(element, at: path)
            case .res: detail.res = try code(element)
            case .wbp: detail.wbp = try code(element)
            case .attendancePattern: try reader.skipElement()  // 2023 only; not kept
            default: try skipMisplaced(element, in: kind)
            }
        }
        return detail
    }

    /// Module 5: `<ActivePlans>`. In 2023 `Res` and `WBP` sit here; from 2024 on each placement.
    private mutating func readActivePlans(into plans: inout ActivePlansRecord, at path: SEN2PersonPath) throws {
        var seen = SEN2ElementSet()
        while let element = try nextChild(of: .activePlans) {
            guard try shouldRead(element, in: &seen, parent: .activePlans, at: path) else { continue }
            switch element {
            case .transferLA: plans.transferLA = try code(element)
            case .placementDetail:
                var detailPath = path
                detailPath.detail = .placementDetail
                detailPath.detailIndex = plans.placements.count + 1
                plans.placements.append(try readSettingDetail(.placementDetail, at: detailPath))
            case .res: plans.res = try code(element)
            case .wbp: plans.wbp = try code(element)
            case .senNeed:
                var needPath = path
                needPath.detail = .senNeed
                needPath.detailIndex = plans.needs.count + 1
                plans.needs.append(try readNeed(at: needPath))
            case .reviewMeeting: plans.reviewMeeting = try day(element, at: path)
            case .lastReview: plans.lastReview = try day(element, at: path)
            case .reviewOutcome: plans.reviewOutcome = try code(element)
            case .reviewDraft: plans.reviewDraft = try day(element, at: path)
            case .phaseTransferDueDate: plans.phaseTransferDueDate = try day(element, at: path)
            case .phaseTransferFinalDate: plans.phaseTransferFinalDate = try day(element, at: path)
            default: try skipMisplaced(element, in: .activePlans)
            }
        }
    }

    /// `<SENneed>`.
    private mutating func readNeed(at path: SEN2PersonPath) throws -> SENNeedRecord {
        var need = SENNeedRecord()
        var seen = SEN2ElementSet()
        while let element = try nextChild(of: .senNeed) {
            guard try shouldRead(element, in: &seen, parent: .senNeed, at: path) else { continue }
            switch element {
            case .senType: need.senType = try code(element)
            case .senTypeRank: need.senTypeRank = try integer(element, at: path)
            default: try skipMisplaced(element, in: .senNeed)
            }
        }
        return need
    }
}
