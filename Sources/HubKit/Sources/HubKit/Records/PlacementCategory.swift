/// Where a child with a plan is placed at the census, in the groups of the cost and placement
/// indicators (GIAS `TypeOfEstablishment` for a URN; UKPRN = post-16; SENSetting codes;
/// docs/indicators.md). Shared by the caseload plugin and the host's scoping (docs/scoping.md).
public enum PlacementCategory: Hashable, Sendable, CaseIterable {
    case mainstream
    case stateSpecial
    case independentSpecial
    case alternativeProvision
    case post16
    case educatedElsewhere
    case earlyYears
    /// No placement attended at the census date.
    case unknown
    /// A URN the register does not have, or a type outside the groups: counted, not classified.
    case unclassified

    /// The name cost bands use for it (config `costs.default_bands`, cost files' placement_type).
    public var costKey: String {
        switch self {
        case .mainstream: return "mainstream"
        case .stateSpecial: return "state_special"
        case .independentSpecial: return "independent_special"
        case .alternativeProvision: return "ap"
        case .post16: return "post16"
        case .educatedElsewhere: return "educated_elsewhere"
        case .earlyYears: return "early_years"
        case .unknown: return "unknown"
        case .unclassified: return "unclassified"
        }
    }

    /// The category of a placement: `hasPlacement` false when none is attended at the census.
    public static func of(typeCode: Int?, urn: String?, ukprn: String?, setting: String?, hasPlacement: Bool) -> PlacementCategory {
        guard hasPlacement else { return .unknown }
        if ukprn != nil { return .post16 }
        if let setting {
            switch setting {
            case "EYP": return .earlyYears
            case "EHE", "OLA", "OPA", "OTH", "NEET", "NIEC", "NIEO": return .educatedElsewhere
            default: return .unclassified
            }
        }
        guard urn != nil, let typeCode else { return .unclassified }
        switch typeCode {
        case 7, 12, 33, 36, 44: return .stateSpecial
        case 8, 10: return .independentSpecial
        case 1, 2, 3, 5, 28, 34, 35, 40, 41, 11: return .mainstream
        case 14, 38, 42, 43: return .alternativeProvision
        case 18, 31, 45, 46, 39, 32: return .post16
        default: return .unclassified
        }
    }
}
