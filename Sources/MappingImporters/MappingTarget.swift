/// The parts of a SEN2 person record a mapping fills (docs/sen2.md, "The tree"): each module of the
/// return, with the repeating ones (`plan_details`, `placements`, `needs`) numbered by slot.
package enum MappingModule: Sendable, Hashable, Comparable {
    case person
    case request
    case assessment
    case plan
    /// A setting named in the plan (`PlanDetail`), slot 1 or 2.
    case planDetail(Int)
    case activePlans
    /// A setting attended (`PlacementDetail`), slot 1, 2, ...
    case placement(Int)
    /// A special educational need (`SENneed`), slot 1 or 2.
    case need(Int)

    /// The section name in a mapping file's `fields`.
    package var section: String {
        switch self {
        case .person: "person"
        case .request: "request"
        case .assessment: "assessment"
        case .plan: "plan"
        case .planDetail: "plan_details"
        case .activePlans: "active_plans"
        case .placement: "placements"
        case .need: "needs"
        }
    }

    /// How a user reads it: `placements[2]`.
    package var label: String {
        switch self {
        case let .planDetail(slot), let .placement(slot), let .need(slot): "\(section)[\(slot)]"
        default: section
        }
    }
}

/// What kind of value an element holds, which decides how its cell is read.
package enum MappingValueKind: String, Sendable {
    /// Kept as written (trimmed): URN, UKPRN, ULN, names, postcode.
    case text
    /// A SEN2 code: translated through the field's code table if it has one, then upper-cased.
    case code
    /// 1/0, true/false, yes/no, y/n.
    case flag
    /// A date in one of the mapping's date formats, or YYYY-MM-DD, or (XLSX) a date cell.
    case date
    /// A whole number.
    case integer
}

/// One SEN2 element of one module: where a mapped value goes.
package struct MappingTarget: Sendable, Hashable, Comparable, CustomStringConvertible {
    package var module: MappingModule
    /// The SEN2 element name, e.g. `PersonBirthDate`.
    package var element: String

    package init(module: MappingModule, element: String) {
        self.module = module
        self.element = element
    }

    package var kind: MappingValueKind { Self.elements[module.section]?[element] ?? .text }

    /// `placements[1].EntryDate`.
    package var description: String { "\(module.label).\(element)" }

    /// True for elements whose values identify a child; they are masked in messages.
    package var isPersonal: Bool {
        module == .person && ["UPN", "UniqueLearnerNumber", "Surname", "Forename", "PersonBirthDate", "PostCode"].contains(element)
    }

    /// The element path in the record, as validation messages write it.
    package var recordPath: String {
        switch module {
        case .person: element
        case .request: "Requests[1]/\(element)"
        case .assessment: "Requests[1]/Assessment/\(element)"
        case .plan: "Requests[1]/Assessment/NamedPlan/\(element)"
        case let .planDetail(slot): "Requests[1]/Assessment/NamedPlan/PlanDetail[\(slot)]/\(element)"
        case .activePlans: "Requests[1]/ActivePlans/\(element)"
        case let .placement(slot): "Requests[1]/ActivePlans/PlacementDetail[\(slot)]/\(element)"
        case let .need(slot): "Requests[1]/ActivePlans/SENneed[\(slot)]/\(element)"
        }
    }

    package static func < (lhs: MappingTarget, rhs: MappingTarget) -> Bool {
        (lhs.module, lhs.element) < (rhs.module, rhs.element)
    }

    /// The elements a mapping may fill, by `fields` section, with their kinds (SEN2 element names).
    package static let elements: [String: [String: MappingValueKind]] = {
        let setting: [String: MappingValueKind] = [
            "URN": .text, "UKPRN": .text, "SENSetting": .code, "SENSettingOther": .text, "PlacementRank": .integer,
            "SENunitIndicator": .flag, "ResourcedProvisionIndicator": .flag,
        ]
        return [
            "person": ["UPN": .code, "UniqueLearnerNumber": .text, "Surname": .text, "Forename": .text,
                       "PersonBirthDate": .date, "Sex": .code, "Ethnicity": .code, "PostCode": .text, "UPNunknown": .code],
            "request": ["ReceivedDate": .date, "RequestSource": .code, "RYA": .flag, "RequestOutcomeDate": .date,
                        "RequestOutcome": .code, "RequestMediation": .flag, "RequestTribunal": .flag, "Exported": .code],
            "assessment": ["AssessmentOutcome": .code, "AssessmentOutcomeDate": .date, "AssessmentMediation": .flag,
                           "AssessmentTribunal": .flag, "OtherMediation": .flag, "OtherTribunal": .flag, "Week20": .flag],
            "plan": ["StartDate": .date, "PlanRes": .code, "PlanWBP": .code, "PB": .flag, "OA": .flag, "DP": .code,
                     "CeaseDate": .date, "CeaseReason": .code],
            "plan_details": setting,
            "active_plans": ["TransferLA": .code, "Res": .code, "WBP": .code, "ReviewMeeting": .date, "LastReview": .date,
                             "ReviewOutcome": .code, "ReviewDraft": .date, "PhaseTransferDueDate": .date,
                             "PhaseTransferFinalDate": .date],
            "placements": setting.merging(["EntryDate": .date, "LeavingDate": .date, "Res": .code, "WBP": .code]) { a, _ in a },
            "needs": ["SENtype": .code, "SENtypeRank": .integer],
        ]
    }()
}
