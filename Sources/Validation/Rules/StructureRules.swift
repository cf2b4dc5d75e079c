import HubKit

extension ValidationRule {
    static let required = ValidationRule(
        "SEN2-STRUCT-REQUIRED", .error, .structure,
        "Mandatory elements must be present: PersonBirthDate, Sex, Ethnicity, RequestOutcome, "
            + "AssessmentOutcome, StartDate of a NamedPlan, SENtype and SENtypeRank of a SENneed.")
    static let planDetailCount = ValidationRule(
        "SEN2-STRUCT-PLANDETAIL-COUNT", .error, .structure, "A NamedPlan has at most 2 PlanDetail.")
    static let senNeedCount = ValidationRule(
        "SEN2-STRUCT-SENNEED-COUNT", .error, .structure, "ActivePlans has at most 2 SENneed.")
    static let oneSetting = ValidationRule(
        "SEN2-STRUCT-SETTING-ONE", .error, .structure,
        "Each PlanDetail and PlacementDetail gives exactly one of URN, UKPRN or SENSetting.")
    static let placementRank = ValidationRule(
        "SEN2-STRUCT-PLACEMENTRANK", .error, .structure,
        "Each PlanDetail and PlacementDetail has PlacementRank 1 or 2.")
    static let primaryNeed = ValidationRule(
        "SEN2-STRUCT-PRIMARY-NEED", .error, .structure,
        "ActivePlans with needs has exactly one primary need (SENtypeRank 1).")
    static let elementYear = ValidationRule(
        "SEN2-STRUCT-ELEMENT-YEAR", .warning, .structure,
        "An element is given that is not part of the collection year's return.")

    static let structureRules = [required, planDetailCount, senNeedCount, oneSetting, placementRank, primaryNeed,
                                 elementYear]
}

/// Elements that exist only in some collection years (docs/sen2.md, "Elements by collection year").
enum YearElement {
    case requestSource, reviewMeeting, reviewOutcome, reviewDraft, phaseTransferDueDate, phaseTransferFinalDate
    /// `Res` and `WBP` directly under ActivePlans (2023); later years carry them on each placement.
    case activePlansResWBP
    case placementResWBP

    var years: ClosedRange<Int> {
        switch self {
        case .requestSource, .reviewDraft, .phaseTransferDueDate, .phaseTransferFinalDate: 2025...Int.max
        case .reviewMeeting, .reviewOutcome, .placementResWBP: 2024...Int.max
        case .activePlansResWBP: Int.min...2023
        }
    }
}

// Mandatory elements, how many of each, and elements that do not exist in the collection year.
extension ReturnContext {
    func checkStructure(_ person: PersonRecord, into findings: inout Findings) {
        if person.birthDate == nil { requireElement("PersonBirthDate", "every person", into: &findings) }
        if person.sex.present == nil {
            requireElement(year == 2023 ? "GenderCurrent" : "Sex", "every person", into: &findings)
        }
        if person.ethnicity.present == nil {
            requireElement("Ethnicity", "every person (use NOBT when not yet obtained, REFU when refused)",
                           into: &findings)
        }
    }

    func checkStructure(_ request: RequestRecord, _ path: RequestPath, into findings: inout Findings) {
        if request.requestOutcome.present == nil {
            requireElement(path.request("RequestOutcome"), "every request", into: &findings)
        }
        if request.requestSource.present != nil {
            checkYear(.requestSource, path.request("RequestSource"), into: &findings)
        }
        if let assessment = request.assessment {
            if assessment.assessmentOutcome.present == nil {
                requireElement(path.assessment("AssessmentOutcome"), "every Assessment", into: &findings)
            }
            if let plan = assessment.namedPlan {
                if plan.startDate == nil {
                    requireElement(path.namedPlan("StartDate"), "every NamedPlan (the date the plan was issued)",
                                   into: &findings)
                }
                if plan.planDetails.count > 2 {
                    findings.add(.planDetailCount, "The NamedPlan has \(plan.planDetails.count) PlanDetail; SEN2 "
                                 + "allows 2 (the main setting and one secondary): keep the two the plan names first.",
                                 at: path.namedPlan("PlanDetail[3]"), value: String(plan.planDetails.count))
                }
            }
        }
        if let active = request.activePlans {
            checkStructure(active, path, into: &findings)
        }
    }

    private func checkStructure(_ active: ActivePlansRecord, _ path: RequestPath, into findings: inout Findings) {
        if active.needs.count > 2 {
            findings.add(.senNeedCount, "ActivePlans has \(active.needs.count) SENneed; SEN2 allows 2 (primary "
                         + "and secondary): keep those two.", at: path.activePlans("SENneed[3]"),
                         value: String(active.needs.count))
        }
        var ranksKnown = true
        var primaries = 0
        for k in active.needs.indices {
            if active.needs[k].senType.present == nil {
                requireElement(path.need(k + 1, "SENtype"), "every SENneed", into: &findings)
            }
            switch active.needs[k].senTypeRank {
            case 1: primaries += 1
            case 2: break
            case nil:
                ranksKnown = false
                requireElement(path.need(k + 1, "SENtypeRank"), "every SENneed (1 primary, 2 secondary)",
                               into: &findings)
            default: ranksKnown = false  // SEN2-CODE-SENTYPERANK reports it
            }
        }
        if ranksKnown, !active.needs.isEmpty, primaries != 1 {
            findings.add(.primaryNeed, "ActivePlans has \(primaries) primary needs (SENtypeRank 1): give exactly "
                         + "one primary need, and any other need as SENtypeRank 2.",
                         at: path.activePlans("SENneed"), value: String(primaries))
        }
        if active.reviewMeeting != nil { checkYear(.reviewMeeting, path.activePlans("ReviewMeeting"), into: &findings) }
        if active.reviewOutcome.present != nil {
            checkYear(.reviewOutcome, path.activePlans("ReviewOutcome"), into: &findings)
        }
        if active.reviewDraft != nil { checkYear(.reviewDraft, path.activePlans("ReviewDraft"), into: &findings) }
        if active.phaseTransferDueDate != nil {
            checkYear(.phaseTransferDueDate, path.activePlans("PhaseTransferDueDate"), into: &findings)
        }
        if active.phaseTransferFinalDate != nil {
            checkYear(.phaseTransferFinalDate, path.activePlans("PhaseTransferFinalDate"), into: &findings)
        }
        if active.res.present != nil { checkYear(.activePlansResWBP, path.activePlans("Res"), into: &findings) }
        if active.wbp.present != nil { checkYear(.activePlansResWBP, path.activePlans("WBP"), into: &findings) }
    }

    func checkStructure(_ detail: SettingDetail, _ path: SettingPath, into findings: inout Findings) {
        let given = (detail.urn.present != nil ? 1 : 0) + (detail.ukprn.present != nil ? 1 : 0)
            + (detail.senSetting.present != nil ? 1 : 0)
        if given != 1 {
            let names = [("URN", detail.urn), ("UKPRN", detail.ukprn), ("SENSetting", detail.senSetting)]
                .filter { $0.1.present != nil }.map(\.0)
            let what = names.isEmpty ? "none of them" : names.joined(separator: " and ")
            findings.add(.oneSetting, "\(path.elementName) gives \(what): give exactly one of URN "
                         + "(a GIAS establishment), UKPRN (an FE or training provider) or SENSetting.",
                         at: path.detail, value: names.isEmpty ? nil : names.joined(separator: "+"))
        }
        switch detail.placementRank {
        case 1, 2: break
        case nil:
            findings.add(.placementRank, "\(path.elementName) has no PlacementRank: give 1 for the main "
                         + "setting, 2 for a secondary one.", at: path.element("PlacementRank"))
        case let rank?:
            findings.add(.placementRank, "PlacementRank \(rank) is not 1 (main setting) or 2 (secondary setting).",
                         at: path.element("PlacementRank"), value: String(rank))
        }
        if path.kind == .placement, detail.res.present != nil || detail.wbp.present != nil {
            checkYear(.placementResWBP, path.element(detail.res.present != nil ? "Res" : "WBP"), into: &findings)
        }
    }

    /// Reports a missing mandatory element, unless the importer already reported that element
    /// (a value it could not read).
    private func requireElement(_ path: String, _ scope: String, into findings: inout Findings) {
        guard !findings.importerReported(path) else { return }
        findings.add(.required, "\(leafName(path)) is missing: it is required for \(scope).", at: path)
    }

    private func checkYear(_ element: YearElement, _ path: @autoclosure () -> String, into findings: inout Findings) {
        guard !has(element) else { return }
        let path = path()
        let range = element.years
        let when = range.upperBound == Int.max ? "from \(range.lowerBound)" : "up to \(range.upperBound)"
        findings.add(.elementYear, "\(leafName(path)) is part of the SEN2 return only \(when), not in the \(year) "
                     + "return, so it is not used: check the header Year, or leave the element out.", at: path)
    }
}
