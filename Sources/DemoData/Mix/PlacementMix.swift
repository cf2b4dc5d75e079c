/// Which setting a plan's child attends, by phase of education and need, tilted by the authority's
/// profile. Overall close to the national picture of plans at the census: mainstream about 40%,
/// state special about 30%, independent and non-maintained special about 8%, FE and other post-16
/// providers about 10%, alternative provision about 2%, educated elsewhere about 5%.
struct PlacementMix: Sendable {
    /// Groups of needs that shift the mix the same way.
    enum NeedGroup: Int, CaseIterable {
        case complex, semh, autism, languageAndSensory, other

        init(_ need: Need) {
            switch need {
            case .sld, .pmld, .msi, .ds: self = .complex
            case .semh: self = .semh
            case .asd: self = .autism
            case .slcn, .spld, .hi, .vi: self = .languageAndSensory
            default: self = .other
            }
        }
    }

    /// tables[phase][needGroup]
    private let tables: [[WeightedTable<SettingCategory>]]

    init(profile: AuthorityProfile) {
        tables = SchoolPhase.allCases.map { phase in
            NeedGroup.allCases.map { group in
                Self.base(phase).reweighted { category in
                    Self.needTilt(category, group) * Self.authorityTilt(category, profile) / 100
                }
            }
        }
    }

    func table(_ phase: SchoolPhase, _ need: Need) -> WeightedTable<SettingCategory> {
        tables[phase.rawValue][NeedGroup(need).rawValue]
    }

    /// The national mix of each phase (weights per 1000).
    static func base(_ phase: SchoolPhase) -> WeightedTable<SettingCategory> {
        switch phase {
        case .earlyYears:
            WeightedTable([(.mainstream, 450), (.stateSpecial, 170), (.earlyYearsProvider, 340), (.independentSpecial, 10),
                           (.arrangedByLA, 10), (.arrangedByParents, 10), (.other, 10)])
        case .primary:
            WeightedTable([(.mainstream, 585), (.stateSpecial, 280), (.independentSpecial, 30), (.nonMaintainedSpecial, 8),
                           (.independentMainstream, 8), (.alternativeProvision, 10), (.electiveHomeEducation, 15),
                           (.arrangedByLA, 12), (.arrangedByParents, 6), (.other, 8), (.awaitingPlacement, 6)])
        case .secondary:
            WeightedTable([(.mainstream, 390), (.stateSpecial, 325), (.independentSpecial, 90), (.nonMaintainedSpecial, 18),
                           (.independentMainstream, 8), (.alternativeProvision, 45), (.electiveHomeEducation, 35),
                           (.arrangedByLA, 30), (.arrangedByParents, 12), (.other, 10), (.awaitingPlacement, 12)])
        case .post16:
            WeightedTable([(.furtherEducation, 360), (.mainstream, 120), (.sixthFormCentre, 30), (.stateSpecial, 260),
                           (.independentSpecial, 50), (.nonMaintainedSpecial, 15), (.specialPost16, 55), (.neet, 35),
                           (.arrangedByLA, 20), (.other, 10), (.electiveHomeEducation, 10), (.awaitingPlacement, 15),
                           (.noticeToCease, 10)])
        case .post19:
            WeightedTable([(.furtherEducation, 520), (.specialPost16, 170), (.stateSpecial, 60), (.independentSpecial, 10),
                           (.neet, 100), (.noticeToCease, 30), (.awaitingPlacement, 30), (.arrangedByLA, 45),
                           (.arrangedByParents, 20), (.other, 15)])
        }
    }

    /// Percent multiplier for a need group.
    static func needTilt(_ category: SettingCategory, _ group: NeedGroup) -> Int {
        switch (group, category) {
        case (.complex, .stateSpecial), (.complex, .nonMaintainedSpecial), (.complex, .specialPost16): 300
        case (.complex, .independentSpecial): 200
        case (.complex, .mainstream), (.complex, .furtherEducation): 30
        case (.complex, .alternativeProvision): 10
        case (.semh, .alternativeProvision): 300
        case (.semh, .independentSpecial): 160
        case (.semh, .mainstream): 85
        case (.autism, .independentSpecial): 130
        case (.languageAndSensory, .mainstream): 140
        case (.languageAndSensory, .stateSpecial), (.languageAndSensory, .independentSpecial): 50
        default: 100
        }
    }

    static func authorityTilt(_ category: SettingCategory, _ profile: AuthorityProfile) -> Int {
        switch category {
        case .stateSpecial: profile.specialTiltPercent
        case .independentSpecial, .nonMaintainedSpecial: profile.independentTiltPercent
        default: 100
        }
    }

    /// Chance (per mille) that a placement of this category is at an establishment in another
    /// authority, before the authority's tilt.
    static func outOfAreaPerMille(_ category: SettingCategory) -> Int {
        switch category {
        case .mainstream: 30
        case .independentMainstream: 300
        case .stateSpecial: 120
        case .nonMaintainedSpecial: 600
        case .independentSpecial: 550
        case .alternativeProvision: 50
        case .furtherEducation: 120
        case .sixthFormCentre: 50
        case .specialPost16: 450
        default: 0
        }
    }

    /// A rank 2 setting attended alongside the main one (part-time tuition, AP, a college course).
    static let secondary: [SchoolPhase: WeightedTable<SettingCategory>] = [
        .earlyYears: WeightedTable([(.earlyYearsProvider, 1)]),
        .primary: WeightedTable([(.arrangedByLA, 3), (.alternativeProvision, 1)]),
        .secondary: WeightedTable([(.alternativeProvision, 3), (.arrangedByLA, 2), (.arrangedByParents, 1)]),
        .post16: WeightedTable([(.furtherEducation, 3), (.arrangedByLA, 1)]),
        .post19: WeightedTable([(.arrangedByLA, 2), (.arrangedByParents, 1)]),
    ]
}
