import HubKit

/// Which current placements a centre could take children from (`--from-settings`): placement groups
/// (as the cost and placement indicators group them), and placements away from home.
package enum SettingSelector: String, CaseIterable, Sendable, Codable {
    case mainstream
    case stateSpecial = "state-special"
    /// Independent or non-maintained special schools.
    case independent
    case ap
    case post16
    /// Educated elsewhere (SENSetting codes such as EHE, OTH, NEET).
    case elsewhere
    case earlyYears = "early-years"
    /// No placement attended at the census.
    case none
    /// A URN the register does not classify.
    case unclassified
    /// Any placement at an establishment located in another LA than the child's.
    case outOfArea = "out-of-area"
    /// Any placement at an establishment located outside every LA of the group.
    case outsideGroup = "outside-group"

    /// The placement group a selector names, if it names one.
    package var category: PlacementCategory? {
        switch self {
        case .mainstream: return .mainstream
        case .stateSpecial: return .stateSpecial
        case .independent: return .independentSpecial
        case .ap: return .alternativeProvision
        case .post16: return .post16
        case .elsewhere: return .educatedElsewhere
        case .earlyYears: return .earlyYears
        case .none: return .unknown
        case .unclassified: return .unclassified
        case .outOfArea, .outsideGroup: return nil
        }
    }

    /// True when a placement of `category`, located in `placementLA` (nil: not located), of a child
    /// of `la` in a group of `members`, is one the selectors take children from.
    package static func matches(_ selectors: Set<SettingSelector>, category: PlacementCategory, placementLA: String?,
                               la: String, members: Set<String>) -> Bool {
        if selectors.contains(where: { $0.category == category }) { return true }
        guard let placementLA else { return false }
        if selectors.contains(.outOfArea), placementLA != la { return true }
        if selectors.contains(.outsideGroup), !members.contains(placementLA) { return true }
        return false
    }

    /// The name a placement group has in outputs (the cohort's setting columns).
    package static func label(_ category: PlacementCategory) -> String {
        switch category {
        case .mainstream: return "mainstream"
        case .stateSpecial: return "state special"
        case .independentSpecial: return "independent special"
        case .alternativeProvision: return "AP"
        case .post16: return "post-16"
        case .educatedElsewhere: return "elsewhere"
        case .earlyYears: return "early years"
        case .unknown: return "no placement"
        case .unclassified: return "unclassified"
        }
    }
}
