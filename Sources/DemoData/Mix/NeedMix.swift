/// SEN2 need types (`SENtype`).
package enum Need: String, Sendable, CaseIterable {
    case spld = "SPLD", mld = "MLD", sld = "SLD", pmld = "PMLD", semh = "SEMH", slcn = "SLCN"
    case hi = "HI", vi = "VI", msi = "MSI", pd = "PD", asd = "ASD", oth = "OTH", ds = "DS"

    /// Down syndrome has its own code from the 2025 return; before, such a child was recorded under
    /// a learning difficulty.
    func code(in year: Int) -> String {
        self == .ds && year < 2025 ? Need.sld.rawValue : rawValue
    }

    /// Needs that usually mean a special school.
    var isComplex: Bool {
        switch self {
        case .sld, .pmld, .msi, .ds: true
        default: false
        }
    }
}

/// Primary and secondary needs of plans, shaped on the national picture (primary need of all
/// plans, January 2025: ASD about 30%, SLCN 20%, SEMH 17%, then MLD, SLD, SPLD, PD and the rest).
enum NeedMix {
    static let primary = WeightedTable<Need>([
        (.asd, 300), (.slcn, 165), (.semh, 190), (.mld, 80), (.sld, 60), (.spld, 45), (.pd, 35),
        (.oth, 25), (.hi, 18), (.ds, 14), (.pmld, 12), (.vi, 8), (.msi, 3),
    ])

    /// Young children are assessed more for speech and language, teenagers more for SEMH.
    static let primaryUnder5 = primary.reweighted { need in
        switch need {
        case .slcn: 170
        case .semh: 30
        case .spld: 10
        case .pmld, .pd, .msi, .ds: 180
        default: 100
        }
    }
    static let primaryOver11 = primary.reweighted { need in
        switch need {
        case .semh: 190
        case .slcn: 45
        case .spld: 160
        case .ds, .pmld: 20
        default: 100
        }
    }

    static func primary(ageAtRequest age: Int) -> WeightedTable<Need> {
        age < 5 ? primaryUnder5 : age >= 11 ? primaryOver11 : primary
    }

    /// A secondary need for about 4 plans in 10, never the primary one and never DS.
    static func secondary(after first: Need, _ random: inout DemoRandom) -> Need? {
        guard random.chance(perMille: 400) else { return nil }
        while true {
            let need = primary.pick(&random)
            if need != first, need != .ds { return need }
        }
    }
}
