import HubKit

/// A validation rule of the hub (`Sources/Validation`, `ValidationRule.catalogue`) that
/// `hnhub demo --with-errors` breaks on purpose in one person of a return, and how.
///
/// Each edit is chosen so that the person breaks that one rule and no other: the manifest
/// (`intended-breaches.csv`) lists exactly what the validator must find. The header rules are
/// broken by whole files instead (``HeaderBreach``).
enum Breach: String, CaseIterable, Sendable {
    // Codes.
    case codeSex = "SEN2-CODE-SEX"
    case codeEthnicity = "SEN2-CODE-ETHNICITY"
    case codeUPNUnknown = "SEN2-CODE-UPNUNKNOWN"
    case upnUnknownDiscouraged = "SEN2-UPNUNKNOWN-DISCOURAGED"
    case codeRequestSource = "SEN2-CODE-REQUESTSOURCE"
    case codeRequestOutcome = "SEN2-CODE-REQUESTOUTCOME"
    case codeAssessmentOutcome = "SEN2-CODE-ASSESSMENTOUTCOME"
    case codeCeaseReason = "SEN2-CODE-CEASEREASON"
    case codeResidential = "SEN2-CODE-RES"
    case codeWorkBased = "SEN2-CODE-WBP"
    case codeDirectPayments = "SEN2-CODE-DP"
    case codeReviewOutcome = "SEN2-CODE-REVIEWOUTCOME"
    case codeSENSetting = "SEN2-CODE-SENSETTING"
    case codeSENType = "SEN2-CODE-SENTYPE"
    case codeSENTypeNSA = "SEN2-CODE-SENTYPE-NSA"
    case codeSENTypeRank = "SEN2-CODE-SENTYPERANK"
    case codeLA = "SEN2-CODE-LA"
    // Identifiers.
    case upnFormat = "SEN2-UPN-FORMAT"
    case ulnFormat = "SEN2-ULN-FORMAT"
    case urnFormat = "SEN2-URN-FORMAT"
    case ukprnFormat = "SEN2-UKPRN-FORMAT"
    case noPersonKey = "SEN2-IDENTITY-NO-KEY"
    case upnUnknownMissing = "SEN2-UPNUNKNOWN-MISSING"
    // Structure.
    case required = "SEN2-STRUCT-REQUIRED"
    case planDetailCount = "SEN2-STRUCT-PLANDETAIL-COUNT"
    case senNeedCount = "SEN2-STRUCT-SENNEED-COUNT"
    case oneSetting = "SEN2-STRUCT-SETTING-ONE"
    case placementRank = "SEN2-STRUCT-PLACEMENTRANK"
    case primaryNeed = "SEN2-STRUCT-PRIMARY-NEED"
    case elementYear = "SEN2-STRUCT-ELEMENT-YEAR"
    // Conditions.
    case receivedDateRequired = "SEN2-COND-RECEIVEDDATE"
    case ryaRequired = "SEN2-COND-RYA"
    case assessmentNotExpected = "SEN2-COND-ASSESSMENT-NOT-EXPECTED"
    case afterExported = "SEN2-COND-AFTER-EXPORTED"
    case namedPlanNotExpected = "SEN2-COND-NAMEDPLAN-NOT-EXPECTED"
    case namedPlanOutcomeN = "SEN2-COND-NAMEDPLAN-OUTCOME-N"
    case assessmentDateRequired = "SEN2-COND-ASSESSMENTDATE"
    case requestDateRequired = "SEN2-COND-REQUESTDATE"
    case newPlanReceivedDate = "SEN2-COND-NEWPLAN-RECEIVEDDATE"
    case newPlanWeek20 = "SEN2-COND-NEWPLAN-WEEK20"
    case historicalDate = "SEN2-COND-HISTORICAL-DATE"
    case placementEntryDate = "SEN2-COND-PLACEMENT-ENTRYDATE"
    case settingOther = "SEN2-COND-SETTING-OTHER"
    case ceasePair = "SEN2-COND-CEASE-PAIR"
    case reviewDetails = "SEN2-COND-REVIEW-DETAILS"
    case reviewOverdue = "SEN2-COND-REVIEW-OVERDUE"
    // Dates.
    case dateAfterBirth = "SEN2-DATE-ORDER-BIRTH"
    case dateOrderRequest = "SEN2-DATE-ORDER-REQUEST"
    case dateOrderAssessment = "SEN2-DATE-ORDER-ASSESSMENT"
    case dateOrderPlanStart = "SEN2-DATE-ORDER-PLAN-START"
    case dateOrderPlanCease = "SEN2-DATE-ORDER-PLAN-CEASE"
    case dateOrderPlacement = "SEN2-DATE-ORDER-PLACEMENT"
    case dateAfterWindow = "SEN2-DATE-AFTER-WINDOW"
    case ageRange = "SEN2-AGE-RANGE"
    // Quality.
    case upnCheckLetter = "SEN2-UPN-CHECK-LETTER"
    case duplicateUPN = "SEN2-UPN-DUPLICATE"
    case probableDuplicate = "SEN2-QUALITY-PROBABLE-DUPLICATE"
    case noPlacementAtCensus = "SEN2-QUALITY-NO-PLACEMENT"
    case noNeed = "SEN2-QUALITY-NO-NEED"
    case severalActivePlans = "SEN2-QUALITY-SEVERAL-ACTIVE-PLANS"
    case placementOverlap = "SEN2-QUALITY-PLACEMENT-OVERLAP"
    case activeAt25 = "SEN2-QUALITY-ACTIVE-AT-25"
    case unknownURN = "SEN2-URN-UNKNOWN"

    /// The rule's id in the hub's catalogue.
    var ruleID: String { rawValue }

    /// `error` (the person is quarantined) or `warning` (loaded, the warning kept), as the
    /// catalogue has it.
    var severity: String {
        switch self {
        case .upnUnknownDiscouraged, .upnUnknownMissing, .elementYear, .assessmentNotExpected, .settingOther,
             .ceasePair, .reviewOverdue, .upnCheckLetter, .noPlacementAtCensus, .noNeed, .unknownURN, .namedPlanOutcomeN,
             .probableDuplicate, .severalActivePlans, .placementOverlap, .activeAt25:
            "warning"
        default:
            "error"
        }
    }

    /// The collection years whose returns the rule applies to.
    var years: ClosedRange<Int> {
        switch self {
        case .codeRequestSource, .reviewDetails, .reviewOverdue: 2025...Int.max
        case .codeReviewOutcome: 2024...Int.max
        default: Int.min...Int.max
        }
    }
}
