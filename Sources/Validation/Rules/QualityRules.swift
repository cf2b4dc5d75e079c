import HubKit

extension ValidationRule {
    static let upnCheckLetter = ValidationRule(
        "SEN2-UPN-CHECK-LETTER", .warning, .quality, "The UPN's first letter is not the check letter of the rest.")
    static let duplicateUPN = ValidationRule(
        "SEN2-UPN-DUPLICATE", .warning, .quality, "The same UPN appears for more than one person in the return.")
    static let noPlacementAtCensus = ValidationRule(
        "SEN2-QUALITY-NO-PLACEMENT", .warning, .quality,
        "A plan active at the census date has no PlacementDetail attended on that date.")
    static let noNeed = ValidationRule(
        "SEN2-QUALITY-NO-NEED", .warning, .quality, "A plan active at the census date has no SENneed.")
    static let unknownURN = ValidationRule(
        "SEN2-URN-UNKNOWN", .warning, .quality, "The URN is not in the establishment register.")

    static let qualityRules = [upnCheckLetter, duplicateUPN, noPlacementAtCensus, noNeed, unknownURN]
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
            findings.add(.noNeed, "The plan is active on the census date but has no SENneed: it will count as "
                         + "'need unknown'. Add the primary need (SENtypeRank 1).",
                         at: active == nil ? path.activePlans : path.activePlans("SENneed"))
        }
    }

    func checkQuality(_ detail: SettingDetail, _ path: SettingPath, into findings: inout Findings) {
        guard let establishmentKnown, let urn = detail.urn.present, DigitString.isURN(urn),
              !establishmentKnown(urn) else { return }
        findings.add(.unknownURN, "URN \(urn) is not in the establishment register: check the URN, or import a "
                     + "newer GIAS extract.", at: path.element("URN"), value: urn)
    }
}
