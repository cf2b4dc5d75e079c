import HubKit

extension ValidationRule {
    static let codeSex = ValidationRule("SEN2-CODE-SEX", .error, .code, "Sex must be M, F or U.")
    static let codeEthnicity = ValidationRule(
        "SEN2-CODE-ETHNICITY", .error, .code, "Ethnicity must be a CBDS main or extended ethnicity code.")
    static let codeUPNUnknown = ValidationRule(
        "SEN2-CODE-UPNUNKNOWN", .error, .code, "UPNunknown must be UN1 to UN10.")
    static let upnUnknownDiscouraged = ValidationRule(
        "SEN2-UPNUNKNOWN-DISCOURAGED", .warning, .code,
        "UPNunknown UN4, UN6 and UN7 are no longer in the guide's list.")
    static let codeRequestSource = ValidationRule(
        "SEN2-CODE-REQUESTSOURCE", .error, .code, "RequestSource must be 1 to 5 (2025 onwards).")
    static let codeRequestOutcome = ValidationRule(
        "SEN2-CODE-REQUESTOUTCOME", .error, .code, "RequestOutcome must be Y, N, A, W or H.")
    static let codeAssessmentOutcome = ValidationRule(
        "SEN2-CODE-ASSESSMENTOUTCOME", .error, .code, "AssessmentOutcome must be Y, N, A, W or H.")
    static let codeCeaseReason = ValidationRule(
        "SEN2-CODE-CEASEREASON", .error, .code, "CeaseReason must be 1 to 9.")
    static let codeResidential = ValidationRule(
        "SEN2-CODE-RES", .error, .code, "PlanRes and Res must be A (38-51 weeks) or B (52 weeks).")
    static let codeWorkBased = ValidationRule(
        "SEN2-CODE-WBP", .error, .code, "PlanWBP and WBP must be A, T or S.")
    static let codeDirectPayments = ValidationRule(
        "SEN2-CODE-DP", .error, .code, "DP must be E, S, H or I.")
    static let codeReviewOutcome = ValidationRule(
        "SEN2-CODE-REVIEWOUTCOME", .error, .code, "ReviewOutcome must be A, C or M (2024 onwards).")
    static let codeSENSetting = ValidationRule(
        "SEN2-CODE-SENSETTING", .error, .code, "SENSetting must be a setting code of the collection year.")
    static let codeSENType = ValidationRule(
        "SEN2-CODE-SENTYPE", .error, .code, "SENtype must be a need code of the collection year.")
    static let codeSENTypeNSA = ValidationRule(
        "SEN2-CODE-SENTYPE-NSA", .error, .code, "SENtype NSA is a school-census code and not valid in SEN2.")
    static let codeSENTypeRank = ValidationRule(
        "SEN2-CODE-SENTYPERANK", .error, .code, "SENtypeRank must be 1 (primary) or 2 (secondary).")
    static let codeLA = ValidationRule(
        "SEN2-CODE-LA", .error, .code, "Exported and TransferLA must be a 3-digit LA number or XXX.")

    static let codeRules = [
        codeSex, codeEthnicity, codeUPNUnknown, upnUnknownDiscouraged, codeRequestSource, codeRequestOutcome,
        codeAssessmentOutcome, codeCeaseReason, codeResidential, codeWorkBased, codeDirectPayments,
        codeReviewOutcome, codeSENSetting, codeSENType, codeSENTypeNSA, codeSENTypeRank, codeLA,
    ]
}

// Coded values against the code lists of the collection year. An element that does not exist in
// the year is not checked here: SEN2-STRUCT-ELEMENT-YEAR reports it.
extension ReturnContext {
    func checkCodes(_ person: PersonRecord, into findings: inout Findings) {
        checkCode(person.sex, .sex, .codeSex, at: year == 2023 ? "GenderCurrent" : "Sex", into: &findings)
        if let ethnicity = person.ethnicity.present, !EthnicityCodes.isValid(ethnicity) {
            findings.add(.codeEthnicity, "Ethnicity '\(ethnicity)' is not a CBDS ethnicity code: use a main code "
                         + "(e.g. WBRI, AOTH, REFU, NOBT) or an extended code that rolls up to one (e.g. WENG).",
                         at: "Ethnicity", value: ethnicity)
        }
        if let reason = person.upnUnknown.present {
            if !CodeList.upnUnknown.isValid(reason, in: year) {
                checkCode(reason, .upnUnknown, .codeUPNUnknown, at: "UPNunknown", into: &findings)
            } else if discouragedUPNUnknown.contains(reason) {
                findings.add(.upnUnknownDiscouraged, "UPNunknown \(reason) is no longer in the guide's list "
                             + "(UN1-UN3, UN5, UN8-UN10): use the reason that applies now.",
                             at: "UPNunknown", value: reason)
            }
        }
    }

    func checkCodes(_ request: RequestRecord, _ path: RequestPath, into findings: inout Findings) {
        if has(.requestSource) {
            checkCode(request.requestSource, .requestSource, .codeRequestSource,
                      at: path.request("RequestSource"), into: &findings)
        }
        checkCode(request.requestOutcome, .requestOutcome, .codeRequestOutcome,
                  at: path.request("RequestOutcome"), into: &findings)
        checkLA(request.exported, at: path.request("Exported"), into: &findings)
        if let assessment = request.assessment {
            checkCode(assessment.assessmentOutcome, .assessmentOutcome, .codeAssessmentOutcome,
                      at: path.assessment("AssessmentOutcome"), into: &findings)
            if let plan = assessment.namedPlan {
                checkCode(plan.planRes, .residential, .codeResidential, at: path.namedPlan("PlanRes"), into: &findings)
                checkCode(plan.planWBP, .workBased, .codeWorkBased, at: path.namedPlan("PlanWBP"), into: &findings)
                checkCode(plan.directPayments, .directPayments, .codeDirectPayments,
                          at: path.namedPlan("DP"), into: &findings)
                checkCode(plan.ceaseReason, .ceaseReason, .codeCeaseReason,
                          at: path.namedPlan("CeaseReason"), into: &findings)
            }
        }
        guard let active = request.activePlans else { return }
        checkLA(active.transferLA, at: path.activePlans("TransferLA"), into: &findings)
        if has(.activePlansResWBP) {
            checkCode(active.res, .residential, .codeResidential, at: path.activePlans("Res"), into: &findings)
            checkCode(active.wbp, .workBased, .codeWorkBased, at: path.activePlans("WBP"), into: &findings)
        }
        if has(.reviewOutcome) {
            checkCode(active.reviewOutcome, .reviewOutcome, .codeReviewOutcome,
                      at: path.activePlans("ReviewOutcome"), into: &findings)
        }
        for k in active.needs.indices {
            checkNeed(active.needs[k], path, number: k + 1, into: &findings)
        }
    }

    func checkCodes(_ detail: SettingDetail, _ path: SettingPath, into findings: inout Findings) {
        checkCode(detail.senSetting, .senSetting, .codeSENSetting, at: path.element("SENSetting"), into: &findings)
        if path.kind == .placement, has(.placementResWBP) {
            checkCode(detail.res, .residential, .codeResidential, at: path.element("Res"), into: &findings)
            checkCode(detail.wbp, .workBased, .codeWorkBased, at: path.element("WBP"), into: &findings)
        }
    }

    private func checkNeed(_ need: SENNeedRecord, _ path: RequestPath, number: Int, into findings: inout Findings) {
        if need.senType == "NSA" {
            findings.add(.codeSENTypeNSA, "SENtype NSA ('SEN support but no specialist assessment') is a school "
                         + "census code, not a SEN2 need: record the need assessed for the plan (e.g. SLCN, OTH).",
                         at: path.need(number, "SENtype"), value: "NSA")
        } else {
            checkCode(need.senType, .senType, .codeSENType, at: path.need(number, "SENtype"), into: &findings)
        }
        if let rank = need.senTypeRank, rank != 1, rank != 2 {
            findings.add(.codeSENTypeRank, "SENtypeRank \(rank) is not 1 (primary need) or 2 (secondary need).",
                         at: path.need(number, "SENtypeRank"), value: String(rank))
        }
    }

    /// Reports `value` when it is given and not on `list` for the collection year; the message names
    /// the year a code became valid when it is valid only in later returns.
    private func checkCode(_ value: String?, _ list: CodeList, _ rule: ValidationRule,
                           at path: @autoclosure () -> String, into findings: inout Findings) {
        guard let value = value.present, !list.isValid(value, in: year) else { return }
        let path = path()
        let element = leafName(path)
        let allowed = list.codes(in: year).joined(separator: ", ")
        let message = if let since = list.firstYear(of: value) {
            "\(element) '\(value)' is valid only from the \(since) return, not in \(year): use one of \(allowed)."
        } else {
            "\(element) '\(value)' is not a SEN2 code: use one of \(allowed)."
        }
        findings.add(rule, message, at: path, value: value)
    }

    private func checkLA(_ value: String?, at path: @autoclosure () -> String, into findings: inout Findings) {
        guard let value = value.present, !DigitString.isLACodeOrUnknown(value) else { return }
        let path = path()
        findings.add(.codeLA, "\(leafName(path)) '\(value)' is not an LA code: give the 3-digit DfE LA number "
                     + "(e.g. 201), or XXX when the LA is unknown or outside the UK.", at: path, value: value)
    }
}

/// The last element of a path: `Requests[1]/RequestOutcome` -> `RequestOutcome`.
func leafName(_ path: String) -> String {
    path.split(separator: "/").last.map(String.init) ?? path
}

extension Optional<String> {
    /// The value, or nil when it is absent or empty (an empty element counts as absent).
    var present: String? {
        switch self {
        case .some(let text) where !text.isEmpty: text
        default: nil
        }
    }
}
