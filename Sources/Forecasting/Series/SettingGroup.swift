/// The setting groups the published caseload table carries, as the hub forecasts them: each is a
/// sum of the table's placement columns, and `other` is what the LA's total leaves over
/// (educated elsewhere, early years, placement unknown and any setting the table does not name),
/// so the groups always add up to the total.
package enum PublishedSettingGroup: String, CaseIterable, Sendable, Codable {
    case mainstream
    case stateSpecial = "state_special"
    case independentSpecial = "independent_special"
    case post16FE = "post16_fe"
    case alternativeProvision = "ap"
    case other

    /// The caseload table's columns (EES `caseload`) that make the group; none for `other`.
    package var publishedColumns: [String] {
        switch self {
        case .mainstream: return ["mainstream_total"]
        case .stateSpecial: return ["special_la_maintained", "special_academy_free"]
        case .independentSpecial: return ["special_independent", "special_non_maintained"]
        case .post16FE: return ["fe_total"]
        case .alternativeProvision: return ["ap_pru_total"]
        case .other: return []
        }
    }

    /// Each group's count from one row of the table, or nil when a column is missing or not a
    /// number (a symbol such as `x`). `other` is never below zero.
    package static func split(total: Double, columns: [String: Double]) -> [PublishedSettingGroup: Double]? {
        var groups: [PublishedSettingGroup: Double] = [:]
        var named = 0.0
        for group in allCases where group != .other {
            var sum = 0.0
            for column in group.publishedColumns {
                guard let value = columns[column] else { return nil }
                sum += value
            }
            groups[group] = sum
            named += sum
        }
        groups[.other] = max(0, total - named)
        return groups
    }
}
