/// Primary needs as SEN2 codes them (sen2.md), and `UKN` for a plan with no primary need recorded.
package enum PrimaryNeed {
    package static let codes = ["ASD", "DS", "HI", "MLD", "MSI", "OTH", "PD", "PMLD", "SEMH", "SLCN", "SLD", "SPLD", "VI", "UKN"]
    static let index: [String: Int] = Dictionary(uniqueKeysWithValues: codes.enumerated().map { ($1, $0) })

    /// The index of a SEN2 code (any case); unknown or missing codes are `UKN`.
    static func position(_ code: String?) -> Int {
        code.flatMap { index[$0.uppercased()] } ?? index["UKN"]!
    }
}

/// The setting groups of the person-level breakdown, as the DSG management plan template lays
/// placements out.
package enum FlowSetting: String, CaseIterable, Sendable, Codable {
    case mainstream
    /// A mainstream school's SEN unit or resourced provision (the placement's flags).
    case resourcedProvision = "resourced_provision"
    case stateSpecial = "state_special"
    case independentSpecial = "independent_special"
    case post16FE = "post16_fe"
    case alternativeProvision = "ap"
    /// Educated elsewhere (SENSetting codes), early years, no placement at the census, or a URN
    /// the establishment register does not classify.
    case other

    /// The group of a placement attended at the census (nil when there is none). GIAS type codes
    /// as the indicators use them (docs/forecasting.md).
    static func of(urn: String?, ukprn: String?, senSetting: String?, typeCode: Int?, senUnit: Bool, resourcedProvision: Bool,
                   attended: Bool) -> FlowSetting {
        guard attended else { return .other }
        if ukprn != nil { return .post16FE }
        if senSetting != nil { return .other }
        guard urn != nil, let typeCode else { return .other }
        switch typeCode {
        case 7, 12, 33, 36, 44: return .stateSpecial
        case 8, 10: return .independentSpecial
        case 1, 2, 3, 5, 28, 34, 35, 40, 41, 11: return senUnit || resourcedProvision ? .resourcedProvision : .mainstream
        case 14, 38, 42, 43: return .alternativeProvision
        case 18, 31, 45, 46, 39, 32: return .post16FE
        default: return .other
        }
    }

    /// Its place in ``allCases``.
    var position: Int {
        switch self {
        case .mainstream: return 0
        case .resourcedProvision: return 1
        case .stateSpecial: return 2
        case .independentSpecial: return 3
        case .post16FE: return 4
        case .alternativeProvision: return 5
        case .other: return 6
        }
    }

    static let list = allCases
}

/// The report's age bands (age on the 31 August before the census).
package enum AgeBand: String, CaseIterable, Sendable, Codable {
    case under5
    case age5to10 = "5to10"
    case age11to15 = "11to15"
    case age16to19 = "16to19"
    case age20to25 = "20to25"

    package static func of(age: Int) -> AgeBand {
        switch age {
        case ..<5: return .under5
        case 5...10: return .age5to10
        case 11...15: return .age11to15
        case 16...19: return .age16to19
        default: return .age20to25
        }
    }
}

/// Where a child is in the flow model: national curriculum year (age on 31 August before the
/// census, minus 4: Reception is 0), primary need and setting group. Plans run from birth to 25,
/// so NCY runs from -4 to 21.
package struct FlowState: Hashable, Sendable {
    package static let ncyRange = -4...21
    package var ncy: Int
    /// An index into ``PrimaryNeed/codes``.
    package var need: Int
    package var setting: FlowSetting

    package init(ncy: Int, need: Int, setting: FlowSetting) {
        self.ncy = ncy
        self.need = need
        self.setting = setting
    }

    package var age: Int { ncy + 4 }
    package var needCode: String { PrimaryNeed.codes[need] }
    package var ageBand: AgeBand { AgeBand.of(age: age) }

    /// Every state in one flat numbering: NCY, then need, then setting.
    package static let count = ncyRange.count * PrimaryNeed.codes.count * FlowSetting.allCases.count

    package var index: Int {
        ((ncy - Self.ncyRange.lowerBound) * PrimaryNeed.codes.count + need) * FlowSetting.allCases.count + setting.position
    }

    package init(index: Int) {
        let settings = FlowSetting.allCases.count
        setting = FlowSetting.list[index % settings]
        need = (index / settings) % PrimaryNeed.codes.count
        ncy = index / settings / PrimaryNeed.codes.count + Self.ncyRange.lowerBound
    }
}
