import HubKit

/// A caseload share: children with an active plan at the census who match, out of all of them
/// (or, for out-of-area measures, out of those whose placement is located).
struct CaseloadShare: Sendable {
    var definition: IndicatorDefinition
    /// Which children count above the line.
    var counts: @Sendable (CensusChild) -> Bool
    /// Which children count below the line (nil: every child with an active plan).
    var base: (@Sendable (CensusChild) -> Bool)?
    /// Needs the establishment register to classify placements.
    var needsRegister: Bool
    /// The one attribute of a child `counts` and `base` look at: the shares are counted from the
    /// census groups of that attribute (`ReturnCensus`).
    var dimension: CensusDimension

    /// A share of the children with a plan; `reading` names the elements it reads besides those of
    /// its dimension.
    static func share(_ id: String, _ title: String, _ polarity: Polarity, numerator: String,
                      needsRegister: Bool, _ dimension: CensusDimension, reading extra: [SEN2Element] = [],
                      partOf partitions: [PartitionMembership] = [],
                      _ counts: @escaping @Sendable (CensusChild) -> Bool) -> CaseloadShare {
        CaseloadShare(definition: IndicatorDefinition(
            id: id, title: title, unit: .percent, polarity: polarity, periodType: .census,
            numerator: numerator + " at the census date", denominator: "children with an EHC plan active at the census date",
            sources: needsRegister ? [.sen2Returns, .establishments] : [.sen2Returns],
            counts: IndicatorCounts(numerator: [CountTerm(count(id))], denominator: [CountTerm("plans")],
                                    partitions: partitions),
            inputs: dimension.inputs + extra),
                      counts: counts, base: nil, needsRegister: needsRegister, dimension: dimension)
    }

    /// The count a share's numerator shows: `plans.` and the share's id without `_share`.
    static func count(_ id: String) -> String {
        "plans." + (id.hasSuffix("_share") ? String(id.dropLast(6)) : id)
    }

    // The partitions the shares' counts are parts of (docs/disclosure-control.md). Early years and
    // unclassified placements, children with no birth month, and in-area placements are in no
    // shown part, so those partitions are not complete. Every child has one primary need or none
    // ("need unknown", shown since docs/validation.md), so the need partition is.
    static let byPlacement = PartitionMembership("plans by placement", total: "plans", complete: false)
    static let specialByType = PartitionMembership("special school plans by type", total: count("special_school_share"),
                                                   complete: true)
    static let byNeed = PartitionMembership("plans by primary need", total: "plans", complete: true)
    static let byAge = PartitionMembership("plans by age band", total: "plans", complete: false)
    static let post16ByAge = PartitionMembership("plans aged 16 and over by age band", total: count("post16_share"),
                                                 complete: true)

    /// Every share docs/indicators.md defines on the census caseload.
    static let all: [CaseloadShare] = placementShares + outOfAreaShares + needShares + ageShares

    static let placementShares: [CaseloadShare] = [
        share("mainstream_share", "Plans in mainstream schools", .high,
              numerator: "children placed in mainstream schools (maintained, academy, free, mainstream independent)",
              needsRegister: true, .placement, partOf: [byPlacement]) { $0.category == .mainstream },
        share("special_school_share", "Plans in special schools", .low,
              numerator: "children placed in special schools (maintained, academy/free, non-maintained, independent)",
              needsRegister: true, .placement) { $0.category == .stateSpecial || $0.category == .independentSpecial },
        share("state_special_share", "Plans in state special schools", .none,
              numerator: "children placed in LA maintained or academy/free special schools",
              needsRegister: true, .placement, partOf: [byPlacement, specialByType]) { $0.category == .stateSpecial },
        share("independent_special_share", "Plans in independent or non-maintained special schools", .low,
              numerator: "children placed in non-maintained or independent special schools",
              needsRegister: true, .placement, partOf: [byPlacement, specialByType]) { $0.category == .independentSpecial },
        share("post16_fe_share", "Plans in further education and post-16 settings", .none,
              numerator: "children placed in FE, sixth form, 16-19 or special post-16 institutions, or any UKPRN provider",
              needsRegister: true, .placement, reading: ["placements.UKPRN"], partOf: [byPlacement]) { $0.category == .post16 },
        share("ap_share", "Plans in alternative provision", .none,
              numerator: "children placed in pupil referral units or AP academies/free schools",
              needsRegister: true, .placement, partOf: [byPlacement]) { $0.category == .alternativeProvision },
        share("educated_elsewhere_share", "Plans educated elsewhere", .none,
              numerator: "children whose placement is a SENSetting EHE, OLA, OPA, OTH, NEET, NIEC or NIEO",
              needsRegister: false, .placement, reading: ["placements.SENSetting"], partOf: [byPlacement]) {
            $0.category == .educatedElsewhere
        },
        share("placement_unknown_share", "Plans with no placement recorded at the census", .low,
              numerator: "children with no PlacementDetail attended at the census date",
              needsRegister: false, .placement, reading: ["placements.UKPRN", "placements.SENSetting"],
              partOf: [byPlacement]) { $0.category == .unknown },
    ]

    /// Children whose placement is an establishment in the register: the out-of-area shares' base.
    static let located = CountTerm("plans.located")

    static let outOfAreaShares: [CaseloadShare] = [
        CaseloadShare(definition: IndicatorDefinition(
            id: "out_of_area_share", title: "Plans placed out of area", unit: .percent, polarity: .low, periodType: .census,
            numerator: "children whose current placement is an establishment located in another LA",
            denominator: "children whose current placement is an establishment in the register",
            sources: [.sen2Returns, .establishments],
            counts: IndicatorCounts(numerator: [CountTerm(count("out_of_area_share"))], denominator: [located],
                                    partitions: [PartitionMembership("located placements by area", total: located.count,
                                                                     complete: false)]),
            inputs: SEN2Inputs.placement),
                      counts: { $0.establishmentLA != nil && $0.establishmentLA != $0.laCode },
                      base: { $0.establishmentLA != nil }, needsRegister: true, dimension: .placement),
        CaseloadShare(definition: IndicatorDefinition(
            id: "out_of_area_independent_share", title: "Plans placed out of area in independent or non-maintained special schools",
            unit: .percent, polarity: .low, periodType: .census,
            numerator: "out-of-area children in independent or non-maintained special schools",
            denominator: "children whose current placement is an establishment in the register",
            sources: [.sen2Returns, .establishments],
            counts: IndicatorCounts(numerator: [CountTerm(count("out_of_area_independent_share"))], denominator: [located],
                                    partitions: [
                                        PartitionMembership("out-of-area placements by type", total: count("out_of_area_share"),
                                                            complete: false),
                                        PartitionMembership("independent special placements by area",
                                                            total: count("independent_special_share"), complete: false),
                                    ]),
            inputs: SEN2Inputs.placement),
                      counts: { $0.establishmentLA != nil && $0.establishmentLA != $0.laCode && $0.category == .independentSpecial },
                      base: { $0.establishmentLA != nil }, needsRegister: true, dimension: .placement),
    ]

    static let needTypes = ["SPLD", "MLD", "SLD", "PMLD", "SEMH", "SLCN", "HI", "VI", "MSI", "PD", "ASD", "OTH", "DS"]

    /// One share per need type, and "need unknown" as the DfE publishes it (`number_need_unknown`):
    /// a plan with no primary need recorded stays in every share's denominator, so the need shares
    /// and the unknown share add up to 100.
    static let needShares: [CaseloadShare] = needTypes.map { need in
        share("need_share_\(need)", "Plans with primary need \(need)", .none,
              numerator: "children whose primary need (SENtypeRank 1) is \(need)", needsRegister: false, .primaryNeed,
              partOf: [byNeed]) {
            $0.primaryNeed == need
        }
    } + [
        share("need_share_unknown", "Plans with no primary need recorded", .low,
              numerator: "children whose active plan has no primary need (no SENneed with SENtypeRank 1)",
              needsRegister: false, .primaryNeed, partOf: [byNeed]) { $0.primaryNeed == nil },
    ]

    static let ageBands: [(id: String, range: ClosedRange<Int>)] = [
        ("under5", Int.min...4), ("5to10", 5...10), ("11to15", 11...15), ("16to19", 16...19), ("20to25", 20...Int.max),
    ]

    static let ageShares: [CaseloadShare] = [
        share("post16_share", "Plans for young people aged 16-25", .none,
              numerator: "children aged 16 to 25 on the 31 August before the census", needsRegister: false, .birthMonth) {
            ($0.age ?? -1) >= 16
        },
    ] + ageBands.map { band in
        share("age_band_share_\(band.id)", "Plans by age: \(band.id)", .none,
              numerator: "children aged \(band.id) on the 31 August before the census", needsRegister: false, .birthMonth,
              partOf: band.range.lowerBound >= 16 ? [byAge, post16ByAge] : [byAge]) {
            $0.age.map(band.range.contains) ?? false
        }
    }
}
