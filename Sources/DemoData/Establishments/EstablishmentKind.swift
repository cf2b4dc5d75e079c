/// What kind of setting an establishment is, as the indicators group GIAS types (docs/indicators.md).
package enum EstablishmentKind: String, Sendable, CaseIterable {
    case mainstreamPrimary, mainstreamSecondary, independentMainstream
    case stateSpecial, nonMaintainedSpecial, independentSpecial
    case alternativeProvision
    case furtherEducation, sixthFormCentre, specialPost16

    /// Providers that SEN2 placements name by UKPRN rather than URN.
    var placedByUKPRN: Bool {
        switch self {
        case .furtherEducation, .specialPost16: true
        default: false
        }
    }

    /// `PhaseOfEducation (name)` as GIAS spells it.
    var phaseName: String {
        switch self {
        case .mainstreamPrimary: "Primary"
        case .mainstreamSecondary: "Secondary"
        case .independentMainstream: "All-through"
        case .furtherEducation, .sixthFormCentre: "16 plus"
        default: "Not applicable"
        }
    }
}

/// A GIAS `TypeOfEstablishment`: code and name as in the GIAS extract.
package struct GIASType: Sendable, Hashable {
    package let code: Int
    package let name: String

    static let communitySchool = GIASType(code: 1, name: "Community school")
    static let voluntaryAided = GIASType(code: 2, name: "Voluntary aided school")
    static let voluntaryControlled = GIASType(code: 3, name: "Voluntary controlled school")
    static let foundationSchool = GIASType(code: 5, name: "Foundation school")
    static let communitySpecial = GIASType(code: 7, name: "Community special school")
    static let nonMaintainedSpecial = GIASType(code: 8, name: "Non-maintained special school")
    static let otherIndependentSpecial = GIASType(code: 10, name: "Other independent special school")
    static let otherIndependent = GIASType(code: 11, name: "Other independent school")
    static let foundationSpecial = GIASType(code: 12, name: "Foundation special school")
    static let pupilReferralUnit = GIASType(code: 14, name: "Pupil referral unit")
    static let furtherEducation = GIASType(code: 18, name: "Further education")
    static let academySponsorLed = GIASType(code: 28, name: "Academy sponsor led")
    static let sixthFormCentre = GIASType(code: 31, name: "Sixth form centres")
    static let specialPost16 = GIASType(code: 32, name: "Special post 16 institution")
    static let academySpecialSponsorLed = GIASType(code: 33, name: "Academy special sponsor led")
    static let academyConverter = GIASType(code: 34, name: "Academy converter")
    static let freeSchool = GIASType(code: 35, name: "Free schools")
    static let freeSchoolSpecial = GIASType(code: 36, name: "Free schools special")
    static let freeSchoolAP = GIASType(code: 38, name: "Free schools alternative provision")
    static let academyAPConverter = GIASType(code: 42, name: "Academy alternative provision converter")
    static let academyAPSponsorLed = GIASType(code: 43, name: "Academy alternative provision sponsor led")
    static let academySpecialConverter = GIASType(code: 44, name: "Academy special converter")
}

/// How many establishments of each kind an authority gets, and their GIAS types by weight.
/// The same for every authority and every data seed, so an `establishments.csv` written once
/// fits every demo set.
enum EstablishmentPlan {
    static let kinds: [(kind: EstablishmentKind, count: Int, types: WeightedTable<GIASType>)] = [
        (.mainstreamPrimary, 48, WeightedTable([
            (.communitySchool, 16), (.voluntaryAided, 6), (.voluntaryControlled, 4), (.foundationSchool, 2),
            (.academyConverter, 13), (.academySponsorLed, 6), (.freeSchool, 1)])),
        (.mainstreamSecondary, 12, WeightedTable([
            (.academyConverter, 6), (.academySponsorLed, 3), (.communitySchool, 1), (.foundationSchool, 1),
            (.freeSchool, 1)])),
        (.independentMainstream, 2, WeightedTable([(.otherIndependent, 1)])),
        (.stateSpecial, 6, WeightedTable([
            (.communitySpecial, 3), (.foundationSpecial, 1), (.academySpecialConverter, 3),
            (.academySpecialSponsorLed, 1), (.freeSchoolSpecial, 1)])),
        (.nonMaintainedSpecial, 1, WeightedTable([(.nonMaintainedSpecial, 1)])),
        (.independentSpecial, 4, WeightedTable([(.otherIndependentSpecial, 1)])),
        (.alternativeProvision, 2, WeightedTable([
            (.pupilReferralUnit, 2), (.academyAPConverter, 1), (.academyAPSponsorLed, 1), (.freeSchoolAP, 1)])),
        (.furtherEducation, 2, WeightedTable([(.furtherEducation, 1)])),
        (.sixthFormCentre, 1, WeightedTable([(.sixthFormCentre, 1)])),
        (.specialPost16, 1, WeightedTable([(.specialPost16, 1)])),
    ]

    /// Establishments per authority: the URN block each authority owns is this wide.
    static let perAuthority = kinds.reduce(0) { $0 + $1.count }
}
