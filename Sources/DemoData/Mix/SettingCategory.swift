/// Where a child or young person with a plan is educated, as the generator chooses it. Maps onto
/// SEN2's three ways of naming a setting: a URN, a UKPRN, or a `SENSetting` code.
enum SettingCategory: UInt8, Sendable, CaseIterable {
    case mainstream, independentMainstream, stateSpecial, nonMaintainedSpecial, independentSpecial
    case alternativeProvision, furtherEducation, sixthFormCentre, specialPost16
    /// `SENSetting` codes.
    case earlyYearsProvider, electiveHomeEducation, arrangedByLA, arrangedByParents, other
    case neet, noticeToCease, awaitingPlacement

    /// The establishment kind a category places at; nil for `SENSetting` categories. Mainstream
    /// depends on the phase (primary school, or a secondary school's sixth form).
    func establishmentKind(in phase: SchoolPhase) -> EstablishmentKind? {
        switch self {
        case .mainstream: phase <= .primary ? .mainstreamPrimary : .mainstreamSecondary
        case .independentMainstream: .independentMainstream
        case .stateSpecial: .stateSpecial
        case .nonMaintainedSpecial: .nonMaintainedSpecial
        case .independentSpecial: .independentSpecial
        case .alternativeProvision: .alternativeProvision
        case .furtherEducation: .furtherEducation
        case .sixthFormCentre: .sixthFormCentre
        case .specialPost16: .specialPost16
        default: nil
        }
    }

    /// The `SENSetting` code for a collection year; NEET, NIEC and NIEO exist from 2024, before
    /// which such a young person is recorded as OTH with a description.
    func senSetting(in year: Int) -> StaticString? {
        switch self {
        case .earlyYearsProvider: "EYP"
        case .electiveHomeEducation: "EHE"
        case .arrangedByLA: "OLA"
        case .arrangedByParents: "OPA"
        case .other: "OTH"
        case .neet: year >= 2024 ? "NEET" : "OTH"
        case .noticeToCease: year >= 2024 ? "NIEC" : "OTH"
        case .awaitingPlacement: year >= 2024 ? "NIEO" : "OTH"
        default: nil
        }
    }

    /// `SENSettingOther` text where COLLECT expects one (OTH and NIEO), nil otherwise.
    func settingOtherText(in year: Int) -> StaticString? {
        switch self {
        case .other: "Type of setting named in the plan; setting to be agreed"
        case .awaitingPlacement: "Awaiting a placement"
        case .neet where year < 2024: "Not in education, employment or training"
        case .noticeToCease where year < 2024: "Not in education; notice to cease issued"
        default: nil
        }
    }

    /// The category as an EHC plan names it: a plan names a setting or a type of setting, never
    /// "not in education", so NEET, NIEC and NIEO placements are named as OTH.
    var namedInPlan: SettingCategory {
        switch self {
        case .neet, .noticeToCease, .awaitingPlacement: .other
        default: self
        }
    }

    /// Independent and non-maintained places: often far away, in an authority outside the group.
    var isIndependent: Bool {
        switch self {
        case .independentMainstream, .nonMaintainedSpecial, .independentSpecial, .specialPost16: true
        default: false
        }
    }

    /// Special schools of every kind: a child placed in one usually stays.
    var isSpecial: Bool {
        switch self {
        case .stateSpecial, .nonMaintainedSpecial, .independentSpecial, .specialPost16: true
        default: false
        }
    }
}
