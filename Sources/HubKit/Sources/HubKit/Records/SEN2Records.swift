// The normalised SEN2 shape every returns importer produces (SEN2 XML, COLLECT Blade CSV, mapped
// spreadsheet exports). Property names follow the SEN2 element names so that a validation message
// can point at the element a user sees in their own file. Codes stay as the strings the return
// carries (upper-cased, trimmed); checking them against the code lists is validation's job.

/// The header of one return: one LA, one collection year.
public struct ReturnHeader: Sendable, Hashable, Codable {
    /// `Collection`, normally `SEN2`.
    public var collection: String
    /// Collection year (`Year`), e.g. 2025 for the January 2025 census.
    public var collectionYear: Int
    /// `ReferenceDate`: the census date.
    public var referenceDate: Day
    /// `LEA`: 3-digit DfE LA number of the responsible authority.
    public var laCode: String
    /// `SoftwareCode`, `Release`, `SerialNo`, `DateTime` as given (informational).
    public var software: String?
    public var release: String?
    public var serialNumber: String?
    public var createdAt: String?
    /// `SourceLevel`: who made the return, `L` for a local authority.
    public var sourceLevel: String?
    /// The LA's designated officers as the `Source` states them: `DMO` (designated medical
    /// officer), `DCO` (designated clinical officer) and, from 2025, `DSCO` (designated social care
    /// officer), each Y (in post), N (not) or R (recruitment in progress); nil when not given.
    public var designatedOfficers: DesignatedOfficers

    public init(collection: String = "SEN2", collectionYear: Int, referenceDate: Day, laCode: String,
                software: String? = nil, release: String? = nil, serialNumber: String? = nil,
                createdAt: String? = nil, sourceLevel: String? = nil,
                designatedOfficers: DesignatedOfficers = DesignatedOfficers()) {
        self.collection = collection
        self.collectionYear = collectionYear
        self.referenceDate = referenceDate
        self.laCode = laCode
        self.software = software
        self.release = release
        self.serialNumber = serialNumber
        self.createdAt = createdAt
        self.sourceLevel = sourceLevel
        self.designatedOfficers = designatedOfficers
    }
}

/// The designated officers an LA reports in its return's `Source` (Y in post, N not in post, R
/// recruitment in progress; nil when the element is absent). Codes stay as given, upper-cased.
public struct DesignatedOfficers: Sendable, Hashable, Codable {
    /// `DMO`: designated medical officer.
    public var medical: String?
    /// `DCO`: designated clinical officer.
    public var clinical: String?
    /// `DSCO` (2025+): designated social care officer.
    public var socialCare: String?

    public init(medical: String? = nil, clinical: String? = nil, socialCare: String? = nil) {
        self.medical = medical
        self.clinical = clinical
        self.socialCare = socialCare
    }
}

/// Where a record sits in its source file, for messages and the quarantine.
public struct RecordLocation: Sendable, Hashable, Codable {
    /// 1-based position of the person (or row) in the file.
    public var index: Int
    /// 1-based line in the file where the record starts, when known.
    public var line: Int?
    /// The file inside a multi-file import (e.g. `person.csv` of a Blade export), when relevant.
    public var file: String?

    public init(index: Int, line: Int? = nil, file: String? = nil) {
        self.index = index
        self.line = line
        self.file = file
    }
}

/// The identifying fields of a person as read from the file. They exist only in memory: the host
/// turns them into a pseudonym and drops them before anything is stored.
public struct PersonIdentifiers: Sendable, Hashable {
    public var upn: String?
    public var uniqueLearnerNumber: String?
    public var surname: String?
    public var forename: String?

    public init(upn: String? = nil, uniqueLearnerNumber: String? = nil,
                surname: String? = nil, forename: String? = nil) {
        self.upn = upn
        self.uniqueLearnerNumber = uniqueLearnerNumber
        self.surname = surname
        self.forename = forename
    }
}

/// Module 1: a child or young person in the return.
public struct PersonRecord: Sendable, Hashable {
    public var location: RecordLocation
    public var identifiers: PersonIdentifiers
    public var birthDate: Day?
    /// `M`, `F` or `U`. 2023 `GenderCurrent` 1/2 become M/F, 0/9 become U.
    public var sex: String?
    public var ethnicity: String?
    public var postcode: String?
    public var upnUnknown: String?
    public var requests: [RequestRecord]
    /// Problems the importer met while reading this person (e.g. a date it could not parse).
    public var issues: [ImportIssue]

    public init(location: RecordLocation, identifiers: PersonIdentifiers = PersonIdentifiers(),
                birthDate: Day? = nil, sex: String? = nil, ethnicity: String? = nil,
                postcode: String? = nil, upnUnknown: String? = nil,
                requests: [RequestRecord] = [], issues: [ImportIssue] = []) {
        self.location = location
        self.identifiers = identifiers
        self.birthDate = birthDate
        self.sex = sex
        self.ethnicity = ethnicity
        self.postcode = postcode
        self.upnUnknown = upnUnknown
        self.requests = requests
        self.issues = issues
    }
}

/// Module 2: one request for an EHC needs assessment.
public struct RequestRecord: Sendable, Hashable {
    public var receivedDate: Day?
    /// 2025+: 1 young person/parent, 2 school, 3 health, 4 social care, 5 other.
    public var requestSource: String?
    /// Request from a young person aged 16-25 (`RYA`).
    public var rya: Bool?
    public var requestOutcomeDate: Day?
    /// Y, N, A, W or H.
    public var requestOutcome: String?
    public var requestMediation: Bool?
    public var requestTribunal: Bool?
    /// LA the person's record was exported to, or XXX.
    public var exported: String?
    public var assessment: AssessmentRecord?
    public var activePlans: ActivePlansRecord?

    public init(receivedDate: Day? = nil, requestSource: String? = nil, rya: Bool? = nil,
                requestOutcomeDate: Day? = nil, requestOutcome: String? = nil,
                requestMediation: Bool? = nil, requestTribunal: Bool? = nil, exported: String? = nil,
                assessment: AssessmentRecord? = nil, activePlans: ActivePlansRecord? = nil) {
        self.receivedDate = receivedDate
        self.requestSource = requestSource
        self.rya = rya
        self.requestOutcomeDate = requestOutcomeDate
        self.requestOutcome = requestOutcome
        self.requestMediation = requestMediation
        self.requestTribunal = requestTribunal
        self.exported = exported
        self.assessment = assessment
        self.activePlans = activePlans
    }
}

/// Module 3: the assessment that followed a request.
public struct AssessmentRecord: Sendable, Hashable {
    /// Y, N, A, W or H.
    public var assessmentOutcome: String?
    public var assessmentOutcomeDate: Day?
    public var assessmentMediation: Bool?
    public var assessmentTribunal: Bool?
    public var otherMediation: Bool?
    public var otherTribunal: Bool?
    /// True when 20-week exceptions apply.
    public var week20: Bool?
    public var namedPlan: NamedPlanRecord?

    public init(assessmentOutcome: String? = nil, assessmentOutcomeDate: Day? = nil,
                assessmentMediation: Bool? = nil, assessmentTribunal: Bool? = nil,
                otherMediation: Bool? = nil, otherTribunal: Bool? = nil, week20: Bool? = nil,
                namedPlan: NamedPlanRecord? = nil) {
        self.assessmentOutcome = assessmentOutcome
        self.assessmentOutcomeDate = assessmentOutcomeDate
        self.assessmentMediation = assessmentMediation
        self.assessmentTribunal = assessmentTribunal
        self.otherMediation = otherMediation
        self.otherTribunal = otherTribunal
        self.week20 = week20
        self.namedPlan = namedPlan
    }
}

/// Module 4: the EHC plan.
public struct NamedPlanRecord: Sendable, Hashable {
    public var startDate: Day?
    /// Settings named in the plan (`PlanDetail`, at most 2).
    public var planDetails: [SettingDetail]
    public var planRes: String?
    public var planWBP: String?
    /// Personal budget (`PB`).
    public var personalBudget: Bool?
    /// Other arrangements (`OA`).
    public var otherArrangements: Bool?
    /// Direct payments (`DP`): E, S, H or I.
    public var directPayments: String?
    public var ceaseDate: Day?
    /// 1-9.
    public var ceaseReason: String?

    public init(startDate: Day? = nil, planDetails: [SettingDetail] = [], planRes: String? = nil,
                planWBP: String? = nil, personalBudget: Bool? = nil, otherArrangements: Bool? = nil,
                directPayments: String? = nil, ceaseDate: Day? = nil, ceaseReason: String? = nil) {
        self.startDate = startDate
        self.planDetails = planDetails
        self.planRes = planRes
        self.planWBP = planWBP
        self.personalBudget = personalBudget
        self.otherArrangements = otherArrangements
        self.directPayments = directPayments
        self.ceaseDate = ceaseDate
        self.ceaseReason = ceaseReason
    }
}

/// A setting named in a plan (`PlanDetail`) or attended (`PlacementDetail`).
/// Exactly one of `urn`, `ukprn`, `senSetting` is expected.
public struct SettingDetail: Sendable, Hashable {
    public var urn: String?
    public var ukprn: String?
    /// OLA, OPA, EHE, EYP, OTH, NEET, NIEC, NIEO.
    public var senSetting: String?
    /// Whether free text was given in `SENSettingOther`. The text itself is never kept: it is
    /// free text that may identify a child.
    public var hasSettingOtherText: Bool
    /// 1 main, 2 secondary.
    public var placementRank: Int?
    public var senUnitIndicator: Bool?
    public var resourcedProvisionIndicator: Bool?
    /// Placement only: attended from / until.
    public var entryDate: Day?
    public var leavingDate: Day?
    /// 2024+ on placements (2023 under ActivePlans): residential (A/B) and work-based (A/T/S).
    public var res: String?
    public var wbp: String?

    public init(urn: String? = nil, ukprn: String? = nil, senSetting: String? = nil,
                hasSettingOtherText: Bool = false, placementRank: Int? = nil,
                senUnitIndicator: Bool? = nil, resourcedProvisionIndicator: Bool? = nil,
                entryDate: Day? = nil, leavingDate: Day? = nil, res: String? = nil, wbp: String? = nil) {
        self.urn = urn
        self.ukprn = ukprn
        self.senSetting = senSetting
        self.hasSettingOtherText = hasSettingOtherText
        self.placementRank = placementRank
        self.senUnitIndicator = senUnitIndicator
        self.resourcedProvisionIndicator = resourcedProvisionIndicator
        self.entryDate = entryDate
        self.leavingDate = leavingDate
        self.res = res
        self.wbp = wbp
    }
}

/// Module 5: what is happening on an active plan.
public struct ActivePlansRecord: Sendable, Hashable {
    public var transferLA: String?
    public var placements: [SettingDetail]
    /// 2023 only: residential / work-based flags sat here rather than on each placement.
    public var res: String?
    public var wbp: String?
    public var needs: [SENNeedRecord]
    public var reviewMeeting: Day?
    public var lastReview: Day?
    /// A amend, C cease, M maintain (2024+).
    public var reviewOutcome: String?
    public var reviewDraft: Day?
    public var phaseTransferDueDate: Day?
    public var phaseTransferFinalDate: Day?

    public init(transferLA: String? = nil, placements: [SettingDetail] = [], res: String? = nil,
                wbp: String? = nil, needs: [SENNeedRecord] = [], reviewMeeting: Day? = nil,
                lastReview: Day? = nil, reviewOutcome: String? = nil, reviewDraft: Day? = nil,
                phaseTransferDueDate: Day? = nil, phaseTransferFinalDate: Day? = nil) {
        self.transferLA = transferLA
        self.placements = placements
        self.res = res
        self.wbp = wbp
        self.needs = needs
        self.reviewMeeting = reviewMeeting
        self.lastReview = lastReview
        self.reviewOutcome = reviewOutcome
        self.reviewDraft = reviewDraft
        self.phaseTransferDueDate = phaseTransferDueDate
        self.phaseTransferFinalDate = phaseTransferFinalDate
    }
}

/// A special educational need on an active plan.
public struct SENNeedRecord: Sendable, Hashable {
    /// SPLD, MLD, SLD, PMLD, SEMH, SLCN, HI, VI, MSI, PD, ASD, OTH, DS.
    public var senType: String?
    /// 1 primary, 2 secondary.
    public var senTypeRank: Int?

    public init(senType: String? = nil, senTypeRank: Int? = nil) {
        self.senType = senType
        self.senTypeRank = senTypeRank
    }
}
