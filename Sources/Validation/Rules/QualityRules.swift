import HubKit

extension ValidationRule {
    static let upnCheckLetter = ValidationRule(
        "SEN2-UPN-CHECK-LETTER", .warning, .quality, "The UPN's first letter is not the check letter of the rest.")
    static let duplicateUPN = ValidationRule(
        "SEN2-UPN-DUPLICATE", .error, .quality,
        "The same UPN appears for more than one person in the return: every one of them is quarantined.")
    static let probableDuplicate = ValidationRule(
        "SEN2-QUALITY-PROBABLE-DUPLICATE", .warning, .quality,
        "Another person of the return has the same ULN, or the same surname, forename and birth date, but not the same UPN.")
    static let severalActivePlans = ValidationRule(
        "SEN2-QUALITY-SEVERAL-ACTIVE-PLANS", .warning, .quality,
        "A person has more than one plan active at the census date; the one that started latest counts.")
    static let placementOverlap = ValidationRule(
        "SEN2-QUALITY-PLACEMENT-OVERLAP", .warning, .quality,
        "Two placements of the same rank are attended on the census date; the one entered latest counts.")
    static let activeAt25 = ValidationRule(
        "SEN2-QUALITY-ACTIVE-AT-25", .warning, .quality,
        "A plan is active at the census date for a person aged 25 on the 31 August before it: it should have ceased.")
    static let noPlacementAtCensus = ValidationRule(
        "SEN2-QUALITY-NO-PLACEMENT", .warning, .quality,
        "A plan active at the census date has no PlacementDetail attended on that date.")
    static let noNeed = ValidationRule(
        "SEN2-QUALITY-NO-NEED", .warning, .quality, "A plan active at the census date has no SENneed.")
    static let unknownURN = ValidationRule(
        "SEN2-URN-UNKNOWN", .warning, .quality, "The URN is not in the establishment register.")

    static let qualityRules = [upnCheckLetter, duplicateUPN, probableDuplicate, noPlacementAtCensus, noNeed,
                               severalActivePlans, placementOverlap, activeAt25, unknownURN]
}

// Likely mistakes that leave the person usable: a mistyped UPN, active plans the census-date
// indicators cannot place, establishments the register does not know. The duplicate UPN needs
// memory across persons and is checked by `SEN2Validator` itself.
extension ReturnContext {
    func checkQuality(_ person: PersonRecord, upn reading: UPN.Reading?, into findings: inout Findings) {
        if let reading, reading.isWellFormed, !reading.hasValidCheckLetter, let upn = person.identifiers.upn {
            findings.add(.upnCheckLetter, "The UPN's first letter is not the check letter its other 12 characters "
                         + "give: the UPN is probably mistyped; correct it from the school census record.",
                         at: "UPN", value: upn, isPersonal: true)
        }
    }

    func checkQuality(_ request: RequestRecord, _ path: RequestPath, into findings: inout Findings) {
        guard let plan = request.assessment?.namedPlan, plan.isActive(on: census) else { return }
        let active = request.activePlans
        if !(active?.placements.contains { $0.isAttended(on: census) } ?? false) {
            findings.add(.noPlacementAtCensus, "The plan is active on the census date \(census.iso) but no "
                         + "PlacementDetail covers that date (EntryDate on or before it, no LeavingDate before it): "
                         + "it will count as 'placement unknown'. Add the setting attended.",
                         at: active == nil ? path.activePlans : path.activePlans("PlacementDetail"))
        }
        if active?.needs.isEmpty ?? true {
            findings.add(.noNeed, "The plan is active on the census date but has no SENneed: it counts under "
                         + "'need unknown' in the need figures. Add the primary need (SENtypeRank 1).",
                         at: active == nil ? path.activePlans : path.activePlans("SENneed"))
        }
    }

    /// What counts for the person at the census (`CensusChoice`): a choice between plans or
    /// between placements is reported, as is a plan still active at 25.
    func checkCensus(_ person: PersonRecord, into findings: inout Findings) {
        guard let choice = person.censusChoice(on: census) else { return }
        let path = RequestPath(number: choice.request + 1)
        if choice.activePlans > 1 {
            let start = person.requests[choice.request].assessment?.namedPlan?.startDate?.iso ?? "?"
            findings.add(.severalActivePlans, "\(choice.activePlans) plans are active on the census date \(census.iso); "
                         + "the child counts once, with the plan of \(path.request) (it started latest, on \(start)). "
                         + "Give the plans that ended their CeaseDate and CeaseReason.",
                         at: path.namedPlan, value: String(choice.activePlans))
        }
        if choice.samePlacementRank > 0, let k = choice.placement,
           let placement = person.requests[choice.request].activePlans?.placements[k] {
            let rank = placement.placementRank.map(String.init) ?? "none"
            findings.add(.placementOverlap, "\(choice.samePlacementRank + 1) placements of rank \(rank) are attended "
                         + "on the census date; PlacementDetail[\(k + 1)] counts (entered latest, on "
                         + "\(placement.entryDate?.iso ?? "?"); on the same day the lowest URN, UKPRN or SENSetting). "
                         + "Give the earlier placement its LeavingDate, or rank a second setting 2.",
                         at: SettingPath(request: path, kind: .placement, number: k + 1).detail,
                         value: placement.settingKey)
        }
        if let birth = person.birthDate, birth <= aged25BornBy, birth > over25BornBy {
            findings.add(.activeAt25, "The person is 25 on \(ageDate.iso), the 31 August before the census date, "
                         + "but the plan of \(path.request) is still active: a plan ceases at the end of the "
                         + "academic year in which the young person turns 25 (CeaseReason 1). The child counts in "
                         + "the 20-25 age band until the plan is ceased.", at: path.namedPlan)
        }
    }

    func checkQuality(_ detail: SettingDetail, _ path: SettingPath, into findings: inout Findings) {
        guard let establishmentKnown, let urn = detail.urn.present, DigitString.isURN(urn),
              !establishmentKnown(urn) else { return }
        findings.add(.unknownURN, "URN \(urn) is not in the establishment register: check the URN, or import a "
                     + "newer GIAS extract.", at: path.element("URN"), value: urn)
    }
}
