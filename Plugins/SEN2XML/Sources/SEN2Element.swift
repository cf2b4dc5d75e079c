/// The element names of a SEN2 message, 2023-2026 (docs/sen2.md, "Elements by collection year"). Each year uses a
/// subset; the importer matches by name, never by position, so one list serves every year.
enum SEN2Element: UInt8, CaseIterable, Sendable {
    // The message and its header
    case message, header, collectionDetails, collection, year, referenceDate, source, sourceLevel, lea
    case softwareCode, release, serialNo, dateTime, dmo, dco, dsco
    // Module 1: the person
    case persons, person, surname, forename, personBirthDate, genderCurrent, sex, ethnicity, postCode
    case upn, uniqueLearnerNumber, upnUnknown
    // Module 2: requests
    case requests, receivedDate, requestSource, rya, requestOutcomeDate, requestOutcome
    case requestMediation, requestTribunal, exported
    // Module 3: assessment
    case assessment, assessmentOutcome, assessmentOutcomeDate, assessmentMediation, assessmentTribunal
    case otherMediation, otherTribunal, week20
    // Module 4: the named plan
    case namedPlan, startDate, planDetail, planRes, planWBP, pb, oa, dp, ceaseDate, ceaseReason
    // Settings named in a plan or attended (PlanDetail, PlacementDetail)
    case urn, ukprn, senSetting, senSettingOther, placementRank, senUnitIndicator
    case resourcedProvisionIndicator, entryDate, leavingDate, attendancePattern, res, wbp
    // Module 5: active plans
    case activePlans, transferLA, placementDetail, senNeed, senType, senTypeRank, reviewMeeting
    case lastReview, reviewOutcome, reviewDraft, phaseTransferDueDate, phaseTransferFinalDate

    /// The element name as written in the file.
    var name: String {
        switch self {
        case .message: "Message"
        case .header: "Header"
        case .collectionDetails: "CollectionDetails"
        case .collection: "Collection"
        case .year: "Year"
        case .referenceDate: "ReferenceDate"
        case .source: "Source"
        case .sourceLevel: "SourceLevel"
        case .lea: "LEA"
        case .softwareCode: "SoftwareCode"
        case .release: "Release"
        case .serialNo: "SerialNo"
        case .dateTime: "DateTime"
        case .dmo: "DMO"
        case .dco: "DCO"
        case .dsco: "DSCO"
        case .persons: "Persons"
        case .person: "Person"
        case .surname: "Surname"
        case .forename: "Forename"
        case .personBirthDate: "PersonBirthDate"
        case .genderCurrent: "GenderCurrent"
        case .sex: "Sex"
        case .ethnicity: "Ethnicity"
        case .postCode: "PostCode"
        case .upn: "UPN"
        case .uniqueLearnerNumber: "UniqueLearnerNumber"
        case .upnUnknown: "UPNunknown"
        case .requests: "Requests"
        case .receivedDate: "ReceivedDate"
        case .requestSource: "RequestSource"
        case .rya: "RYA"
        case .requestOutcomeDate: "RequestOutcomeDate"
        case .requestOutcome: "RequestOutcome"
        case .requestMediation: "RequestMediation"
        case .requestTribunal: "RequestTribunal"
        case .exported: "Exported"
        case .assessment: "Assessment"
        case .assessmentOutcome: "AssessmentOutcome"
        case .assessmentOutcomeDate: "AssessmentOutcomeDate"
        case .assessmentMediation: "AssessmentMediation"
        case .assessmentTribunal: "AssessmentTribunal"
        case .otherMediation: "OtherMediation"
        case .otherTribunal: "OtherTribunal"
        case .week20: "Week20"
        case .namedPlan: "NamedPlan"
        case .startDate: "StartDate"
        case .planDetail: "PlanDetail"
        case .planRes: "PlanRes"
        case .planWBP: "PlanWBP"
        case .pb: "PB"
        case .oa: "OA"
        case .dp: "DP"
        case .ceaseDate: "CeaseDate"
        case .ceaseReason: "CeaseReason"
        case .urn: "URN"
        case .ukprn: "UKPRN"
        case .senSetting: "SENSetting"
        case .senSettingOther: "SENSettingOther"
        case .placementRank: "PlacementRank"
        case .senUnitIndicator: "SENunitIndicator"
        case .resourcedProvisionIndicator: "ResourcedProvisionIndicator"
        case .entryDate: "EntryDate"
        case .leavingDate: "LeavingDate"
        case .attendancePattern: "AttendancePattern"
        case .res: "Res"
        case .wbp: "WBP"
        case .activePlans: "ActivePlans"
        case .transferLA: "TransferLA"
        case .placementDetail: "PlacementDetail"
        case .senNeed: "SENneed"
        case .senType: "SENtype"
        case .senTypeRank: "SENtypeRank"
        case .reviewMeeting: "ReviewMeeting"
        case .lastReview: "LastReview"
        case .reviewOutcome: "ReviewOutcome"
        case .reviewDraft: "ReviewDraft"
        case .phaseTransferDueDate: "PhaseTransferDueDate"
        case .phaseTransferFinalDate: "PhaseTransferFinalDate"
        }
    }

    /// The names every reader of SEN2 files interns.
    static let nameTable = XMLNameTable(allCases.map(\.name))

    /// The element a name id from ``nameTable`` stands for.
    @inline(__always)
    init?(nameID: Int) {
        guard nameID >= 0, let element = SEN2Element(rawValue: UInt8(truncatingIfNeeded: nameID)) else { return nil }
        self = element
    }

    /// Whether `self` belongs directly under `parent` in at least one collection year.
    func isChild(of parent: SEN2Element) -> Bool {
        switch self {
        case .message: false
        case .header, .persons: parent == .message
        case .collectionDetails, .source: parent == .header
        case .collection, .year, .referenceDate: parent == .collectionDetails
        case .sourceLevel, .lea, .softwareCode, .release, .serialNo, .dateTime, .dmo, .dco, .dsco: parent == .source
        case .person: parent == .persons
        case .surname, .forename, .personBirthDate, .genderCurrent, .sex, .ethnicity, .postCode, .upn,
             .uniqueLearnerNumber, .upnUnknown, .requests:
            parent == .person
        case .receivedDate, .requestSource, .rya, .requestOutcomeDate, .requestOutcome, .requestMediation,
             .requestTribunal, .exported, .assessment, .activePlans:
            parent == .requests
        case .assessmentOutcome, .assessmentOutcomeDate, .assessmentMediation, .assessmentTribunal,
             .otherMediation, .otherTribunal, .week20, .namedPlan:
            parent == .assessment
        case .startDate, .planDetail, .planRes, .planWBP, .pb, .oa, .dp, .ceaseDate, .ceaseReason:
            parent == .namedPlan
        case .urn, .ukprn, .senSetting, .senSettingOther, .placementRank, .senUnitIndicator,
             .resourcedProvisionIndicator:
            parent == .planDetail || parent == .placementDetail
        case .entryDate, .leavingDate, .attendancePattern: parent == .placementDetail
        case .res, .wbp: parent == .placementDetail || parent == .activePlans
        case .transferLA, .placementDetail, .senNeed, .reviewMeeting, .lastReview, .reviewOutcome, .reviewDraft,
             .phaseTransferDueDate, .phaseTransferFinalDate:
            parent == .activePlans
        case .senType, .senTypeRank: parent == .senNeed
        }
    }

    /// Elements that may appear more than once under their parent.
    var isRepeatable: Bool {
        switch self {
        case .source, .person, .requests, .planDetail, .placementDetail, .senNeed: true
        default: false
        }
    }

    /// Elements whose values identify a person: their values in issues are marked personal.
    var isPersonal: Bool {
        switch self {
        case .surname, .forename, .personBirthDate, .postCode, .upn, .uniqueLearnerNumber: true
        default: false
        }
    }
}

/// A set of ``SEN2Element``s, for noticing an element repeated where one is expected.
struct SEN2ElementSet {
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    /// Adds `element`; returns false when it was already there.
    @inline(__always)
    mutating func insert(_ element: SEN2Element) -> Bool {
        let bit = Int(element.rawValue)
        if bit < 64 {
            defer { low |= 1 << UInt64(bit) }
            return low & (1 << UInt64(bit)) == 0
        }
        defer { high |= 1 << UInt64(bit - 64) }
        return high & (1 << UInt64(bit - 64)) == 0
    }
}
