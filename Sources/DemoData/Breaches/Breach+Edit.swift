import HubKit

extension Breach {
    /// Edits `xml` so that the person breaks this rule and no other; returns what was changed, or
    /// nil (leaving `xml` as it was) when this person has nothing the edit needs.
    func apply(to xml: inout PersonXML, _ context: BreachContext) -> String? {
        var edited = xml
        guard let change = edit(&edited, context) else { return nil }
        xml = edited
        return change
    }

    private func edit(_ xml: inout PersonXML, _ context: BreachContext) -> String? {
        switch self {
        case .codeSex:
            let element = xml.has("Sex") ? "Sex" : "GenderCurrent"
            return xml.setValue(element, "X") ? "\(element) X" : nil
        case .codeEthnicity:
            return xml.setValue("Ethnicity", "ZZZZ") ? "Ethnicity ZZZZ" : nil
        case .codeUPNUnknown, .upnUnknownDiscouraged:
            guard let upn = xml.upnAlone else { return nil }
            let code = self == .codeUPNUnknown ? "UN11" : "UN4"
            xml.replace(at: upn, with: "UPNunknown", code)
            return "UPN replaced by UPNunknown \(code)"
        case .codeRequestSource:
            return xml.setValue("RequestSource", "7") ? "RequestSource 7" : nil
        case .codeRequestOutcome:
            guard xml.has("ReceivedDate"), xml.has("RYA") else { return nil }
            return xml.setValue("RequestOutcome", "Z") ? "RequestOutcome Z" : nil
        case .codeAssessmentOutcome:
            return xml.setValue("AssessmentOutcome", "Z") ? "AssessmentOutcome Z" : nil
        case .codeCeaseReason:
            return xml.setValue("CeaseReason", "0") ? "CeaseReason 0" : nil
        case .codeResidential:
            return xml.addToPlan("PlanRes", "C")
        case .codeWorkBased:
            return xml.addToPlan("PlanWBP", "X")
        case .codeDirectPayments:
            return xml.addToPlan("DP", "Q")
        case .codeReviewOutcome:
            return xml.setValue("ReviewOutcome", "X") ? "ReviewOutcome X" : nil
        case .codeSENSetting:
            return xml.setValue("SENSetting", "XYZ") ? "SENSetting XYZ" : nil
        case .codeSENType:
            return xml.setValue("SENtype", "ABC") ? "SENtype ABC" : nil
        case .codeSENTypeNSA:
            return xml.setValue("SENtype", "NSA") ? "SENtype NSA" : nil
        case .codeSENTypeRank:
            return xml.setValue("SENtypeRank", "3") ? "SENtypeRank 3" : nil
        case .codeLA:
            guard !xml.has("Assessment"), !xml.has("ActivePlans"), !xml.has("Exported"),
                  let outcome = xml.line("RequestOutcome") else { return nil }
            xml.insert("Exported", "12", after: outcome)
            return "Exported 12"

        case .upnFormat:
            guard let upn = xml.value("UPN") else { return nil }
            xml.setValue("UPN", String(upn.dropLast()))
            return "UPN cut to 12 characters"
        case .ulnFormat:
            guard let upn = xml.line("UPN"), !xml.has("UniqueLearnerNumber") else { return nil }
            xml.insert("UniqueLearnerNumber", "12345", after: upn)
            return "UniqueLearnerNumber 12345"
        case .urnFormat:
            return xml.setValue("URN", "1234567") ? "URN 1234567" : nil
        case .ukprnFormat:
            if xml.setValue("UKPRN", "123") { return "UKPRN 123" }
            guard let urn = xml.line("URN") else { return nil }
            xml.replace(at: urn, with: "UKPRN", "123")
            return "URN replaced by UKPRN 123"
        case .noPersonKey:
            guard let upn = xml.upnAlone, xml.has("Surname") else { return nil }
            xml.replace(at: upn, with: "UPNunknown", "UN2")
            xml.remove("Surname")
            return "UPN replaced by UPNunknown UN2, Surname removed"
        case .upnUnknownMissing:
            guard let upn = xml.upnAlone else { return nil }
            xml.remove(at: upn)
            return "UPN removed"

        case .required:
            return xml.remove("Ethnicity") ? "Ethnicity removed" : nil
        case .planDetailCount:
            let details = xml.lines("PlanDetail")
            guard let first = details.first, let last = details.last else { return nil }
            let block = xml.block(first)
            xml.insert(block: block + block, after: last)
            return "PlanDetail repeated: \(details.count + 2) PlanDetail"
        case .senNeedCount:
            guard let last = xml.lines("SENneed").last else { return nil }
            let indent = String(xml.lines[last].prefix { $0 == "\t" })
            let need = ["\(indent)<SENneed>", "\(indent)\t<SENtype>OTH</SENtype>",
                        "\(indent)\t<SENtypeRank>2</SENtypeRank>", "\(indent)</SENneed>"]
            xml.insert(block: need + need, after: last)
            return "two more SENneed (rank 2)"
        case .oneSetting:
            guard let urn = xml.line("URN") else { return nil }
            xml.insert("SENSetting", "OLA", after: urn)
            return "SENSetting OLA added beside a URN"
        case .placementRank:
            return xml.setValue("PlacementRank", "3") ? "PlacementRank 3" : nil
        case .primaryNeed:
            guard let rank = xml.lines("SENtypeRank").first(where: { xml.value(at: $0) == "1" }) else { return nil }
            xml.setValue(at: rank, "2")
            return "primary need ranked 2"
        case .elementYear:
            if context.year <= 2024 {
                guard !xml.has("RequestSource"), let outcome = xml.line("RequestOutcome") else { return nil }
                xml.insert("RequestSource", "1", after: outcome)
                return "RequestSource in a \(context.year) return"
            }
            guard let active = xml.line("ActivePlans") else { return nil }
            xml.insert("Res", "A", into: active)
            return "Res under ActivePlans in a \(context.year) return"

        case .receivedDateRequired:
            guard xml.value("RequestOutcome") != "H" else { return nil }
            return xml.remove("ReceivedDate") ? "ReceivedDate removed" : nil
        case .ryaRequired:
            guard xml.value("RequestOutcome") != "H" else { return nil }
            return xml.remove("RYA") ? "RYA removed" : nil
        case .assessmentNotExpected:
            guard xml.value("RequestOutcome") == "Y", xml.has("Assessment") else { return nil }
            xml.setValue("RequestOutcome", "N")
            return "RequestOutcome N with an Assessment"
        case .afterExported:
            guard xml.has("NamedPlan"), !xml.has("Exported"), let outcome = xml.line("RequestOutcome") else { return nil }
            xml.insert("Exported", "XXX", after: outcome)
            return "Exported XXX on a request with a plan"
        case .namedPlanNotExpected:
            guard xml.value("AssessmentOutcome") == "Y", xml.has("NamedPlan") else { return nil }
            xml.setValue("AssessmentOutcome", "W")
            return "AssessmentOutcome W with a NamedPlan"
        case .namedPlanOutcomeN:
            guard xml.value("AssessmentOutcome") == "Y", xml.has("NamedPlan") else { return nil }
            xml.setValue("AssessmentOutcome", "N")
            return "AssessmentOutcome N with a NamedPlan"
        case .requestDateRequired:
            for request in xml.lines("Requests") {
                guard let outcome = xml.leaf("RequestOutcome", in: request), ["Y", "N"].contains(xml.value(at: outcome)),
                      let date = xml.leaf("RequestOutcomeDate", in: request) else { continue }
                xml.remove(at: date)
                return "RequestOutcomeDate removed from a decided request"
            }
            return nil
        case .newPlanReceivedDate, .newPlanWeek20, .historicalDate:
            for request in xml.lines("Requests") {
                guard let outcome = xml.leaf("AssessmentOutcome", in: request), xml.value(at: outcome) == "Y",
                      let issued = xml.leaf("AssessmentOutcomeDate", in: request).flatMap({ Day(iso: xml.value(at: $0)) }),
                      issued >= context.periodStart, issued <= context.periodEnd else { continue }
                switch self {
                case .newPlanWeek20:
                    guard let week20 = xml.leaf("Week20", in: request) else { continue }
                    xml.remove(at: week20)
                    return "Week20 removed from a plan issued \(issued.iso)"
                case .historicalDate:
                    guard xml.leaf("TransferLA", in: request) == nil else { continue }
                    xml.setValue(at: outcome, "H")
                    return "AssessmentOutcome H on a plan issued \(issued.iso)"
                default:
                    guard let requestOutcome = xml.leaf("RequestOutcome", in: request), xml.value(at: requestOutcome) == "Y",
                          xml.leaf("ReceivedDate", in: request) != nil else { continue }
                    xml.setValue(at: requestOutcome, "H")
                    for name in ["RequestOutcomeDate", "ReceivedDate"] {
                        if let line = xml.leaf(name, in: request) { xml.remove(at: line) }
                    }
                    return "RequestOutcome H, ReceivedDate removed, on a plan issued \(issued.iso)"
                }
            }
            return nil
        case .placementEntryDate, .placementOverlap:
            for request in xml.lines("Requests") where xml.planIsActive(in: request, on: context.census) {
                guard let placement = xml.attendedPlacement(in: request, on: context.census) else { continue }
                var copy = xml.block(placement)
                if self == .placementOverlap {
                    xml.insert(block: copy, after: placement)
                    return "the PlacementDetail attended at the census repeated"
                }
                copy.removeAll { $0.contains("<EntryDate>") || $0.contains("<LeavingDate>") }
                xml.insert(block: copy, after: placement)
                return "a PlacementDetail with no EntryDate added to an active plan"
            }
            return nil
        case .assessmentDateRequired:
            guard let outcome = xml.value("AssessmentOutcome"), outcome == "Y" || outcome == "N" else { return nil }
            return xml.remove("AssessmentOutcomeDate") ? "AssessmentOutcomeDate removed" : nil
        case .settingOther:
            guard let setting = xml.line("SENSetting") else { return nil }
            let code = xml.value(at: setting)
            let next = setting + 1 < xml.lines.count && xml.line("SENSettingOther", from: setting + 1, end: setting + 2) != nil
            if code == "OTH" || code == "NIEO" {
                guard next else { return nil }
                xml.remove(at: setting + 1)
                return "SENSettingOther removed from SENSetting \(code)"
            }
            guard !next else { return nil }
            xml.setValue(at: setting, "OTH")
            return "SENSetting OTH without SENSettingOther"
        case .ceasePair:
            guard xml.has("CeaseDate") else { return nil }
            return xml.remove("CeaseReason") ? "CeaseReason removed" : nil
        case .reviewDetails:
            guard xml.has("LastReview") else { return nil }
            return xml.remove("ReviewMeeting") ? "ReviewMeeting removed" : nil
        case .reviewOverdue:
            guard xml.planIsActive, let start = xml.day("StartDate"), start < context.reviewDueBefore,
                  xml.has("LastReview") else { return nil }
            for element in ["ReviewMeeting", "LastReview", "ReviewOutcome", "ReviewDraft"] { xml.remove(element) }
            return "review elements removed from a plan started \(start.iso)"

        case .dateAfterBirth:
            guard let birth = xml.value("PersonBirthDate"), xml.has("ReceivedDate") else { return nil }
            xml.setValue("ReceivedDate", birth)
            return "ReceivedDate on the birth date"
        case .dateOrderRequest:
            guard let received = xml.day("ReceivedDate"), xml.has("RequestOutcomeDate") else { return nil }
            xml.setDay("RequestOutcomeDate", received.adding(days: -1))
            return "RequestOutcomeDate a day before ReceivedDate"
        case .dateOrderAssessment:
            guard let decided = xml.day("RequestOutcomeDate"), xml.has("AssessmentOutcomeDate") else { return nil }
            xml.setDay("AssessmentOutcomeDate", decided.adding(days: -1))
            return "AssessmentOutcomeDate a day before RequestOutcomeDate"
        case .dateOrderPlanStart:
            // A plan under AssessmentOutcome H may start before the assessment date.
            guard let assessed = xml.day("AssessmentOutcomeDate"), xml.has("StartDate"),
                  xml.value("AssessmentOutcome") != "H" else { return nil }
            let start = assessed.adding(days: -1)
            // An earlier start must not make a review overdue (another rule).
            if context.year >= 2025, xml.planIsActive, start < context.reviewDueBefore,
               !xml.has("LastReview"), !xml.has("ReviewMeeting") { return nil }
            xml.setDay("StartDate", start)
            return "StartDate a day before AssessmentOutcomeDate"
        case .dateOrderPlanCease:
            guard let start = xml.day("StartDate"), xml.has("CeaseDate") else { return nil }
            xml.setDay("CeaseDate", start.adding(days: -1))
            return "CeaseDate a day before StartDate"
        case .dateOrderPlacement:
            for detail in xml.lines("PlacementDetail") {
                let end = xml.blockEnd(detail)
                guard let entry = xml.line("EntryDate", from: detail, end: end),
                      let leaving = xml.line("LeavingDate", from: detail, end: end),
                      let entryDay = Day(iso: xml.value(at: entry)), let leavingDay = Day(iso: xml.value(at: leaving)),
                      leavingDay < context.census else { continue }
                xml.setValue(at: leaving, entryDay.adding(days: -1).iso)
                return "LeavingDate a day before EntryDate"
            }
            return nil
        case .dateAfterWindow:
            guard xml.has("LastReview") else { return nil }
            xml.setDay("LastReview", context.census.adding(days: 240))
            return "LastReview 240 days after the census"
        case .ageRange:
            guard xml.has("PersonBirthDate") else { return nil }
            xml.setDay("PersonBirthDate", context.ageDate.shifted(months: -27 * 12))
            return "PersonBirthDate: 27 on the 31 August before the census"

        case .upnCheckLetter:
            guard let upn = xml.value("UPN"), let first = upn.first,
                  let index = Self.checkLetters.firstIndex(of: first) else { return nil }
            let other = Self.checkLetters[(index + 1) % Self.checkLetters.count]
            xml.setValue("UPN", String(other) + upn.dropFirst())
            return "UPN check letter \(first) changed"
        case .duplicateUPN:
            guard let upn = xml.value("UPN"), let earlier = context.earlierUPN, earlier != upn else { return nil }
            xml.setValue("UPN", earlier)
            return "UPN of an earlier person"
        case .probableDuplicate:
            guard let uln = context.earlierULN, let upn = xml.line("UPN"), xml.value(at: upn) != context.earlierUPN,
                  !xml.has("UniqueLearnerNumber") else { return nil }
            xml.insert("UniqueLearnerNumber", uln, after: upn)
            return "UniqueLearnerNumber of an earlier person (with another UPN)"
        case .severalActivePlans:
            for request in xml.lines("Requests") where xml.planIsActive(in: request, on: context.census) {
                xml.insert(block: xml.block(request), after: request)
                return "the request with the active plan repeated"
            }
            return nil
        case .activeAt25:
            guard xml.lines("Requests").contains(where: { xml.planIsActive(in: $0, on: context.census) }),
                  xml.has("PersonBirthDate") else { return nil }
            xml.setDay("PersonBirthDate", context.ageDate.shifted(months: -25 * 12 - 6))
            return "PersonBirthDate: 25 on the 31 August before the census, with an active plan"
        case .noPlacementAtCensus:
            guard xml.planIsActive, !xml.lines("PlacementDetail").isEmpty else { return nil }
            while let detail = xml.line("PlacementDetail") { xml.remove(at: detail) }
            return "every PlacementDetail removed from an active plan"
        case .noNeed:
            guard xml.planIsActive, !xml.lines("SENneed").isEmpty else { return nil }
            while let need = xml.line("SENneed") { xml.remove(at: need) }
            return "every SENneed removed from an active plan"
        case .unknownURN:
            return xml.setValue("URN", "99999") ? "URN 99999 (not in the register)" : nil
        }
    }

    /// The letters a UPN's check character can be.
    static let checkLetters = Array("ABCDEFGHJKLMNPQRTUVWXYZ")
}

extension PersonXML {
    /// The UPN line of a person identified by the UPN alone (no ULN, no UPNunknown).
    var upnAlone: Int? {
        guard !has("UniqueLearnerNumber"), !has("UPNunknown") else { return nil }
        return line("UPN")
    }

    /// A plan that started and has not ceased by the census.
    var planIsActive: Bool { has("StartDate") && !has("CeaseDate") }

    /// The first leaf or block `name` inside the block opened at `block`.
    func leaf(_ name: String, in block: Int) -> Int? {
        line(name, from: block, end: blockEnd(block))
    }

    /// True when the request opened at `request` has a plan active at `census`.
    func planIsActive(in request: Int, on census: Day) -> Bool {
        guard let start = leaf("StartDate", in: request).flatMap({ Day(iso: value(at: $0)) }), start <= census,
              leaf("Exported", in: request) == nil else { return false }
        return leaf("CeaseDate", in: request).flatMap { Day(iso: value(at: $0)) }.map { $0 > census } ?? true
    }

    /// The PlacementDetail of the request opened at `request` attended at `census` with the best
    /// rank (the one a census figure counts).
    func attendedPlacement(in request: Int, on census: Day) -> Int? {
        let end = blockEnd(request)
        let attended = lines("PlacementDetail").filter { detail in
            guard detail > request, detail < end,
                  let entry = line("EntryDate", from: detail, end: blockEnd(detail)).flatMap({ Day(iso: value(at: $0)) }),
                  entry <= census else { return false }
            let leaving = line("LeavingDate", from: detail, end: blockEnd(detail)).flatMap { Day(iso: value(at: $0)) }
            return leaving.map { $0 >= census } ?? true
        }
        func rank(_ detail: Int) -> String { line("PlacementRank", from: detail, end: blockEnd(detail)).map(value(at:)) ?? "9" }
        return attended.min { rank($0) < rank($1) }
    }

    /// Adds a leaf to the NamedPlan (after StartDate) when it has none of that name.
    mutating func addToPlan(_ name: String, _ value: String) -> String? {
        guard !has(name), let start = line("StartDate") else { return nil }
        insert(name, value, after: start)
        return "\(name) \(value)"
    }
}
