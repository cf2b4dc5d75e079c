import HubKit

extension ReturnContext {
    /// Runs every person rule, walking the person's tree once: each rule kind has a check for the
    /// person, for a request and for a setting detail. (A walk per kind would copy every nested
    /// record once per kind, which shows at 650,000 persons.)
    /// `upn` is the person's UPN read once (nil when there is none).
    func check(_ person: PersonRecord, upn: UPN.Reading?, into findings: inout Findings) {
        checkStructure(person, into: &findings)
        checkCodes(person, into: &findings)
        checkIdentity(person, upn: upn, into: &findings)
        checkDates(person, into: &findings)
        checkQuality(person, upn: upn, into: &findings)
        for i in person.requests.indices {
            check(person.requests[i], RequestPath(number: i + 1), birth: person.birthDate, into: &findings)
        }
        checkCensus(person, into: &findings)
    }

    private func check(_ request: RequestRecord, _ path: RequestPath, birth: Day?, into findings: inout Findings) {
        checkStructure(request, path, into: &findings)
        checkCodes(request, path, into: &findings)
        checkConditions(request, path, into: &findings)
        checkDates(request, path, birth: birth, into: &findings)
        checkQuality(request, path, into: &findings)
        request.forEachSetting(path) { detail, settingPath in
            checkStructure(detail, settingPath, into: &findings)
            checkCodes(detail, settingPath, into: &findings)
            checkIdentity(detail, settingPath, into: &findings)
            checkConditions(detail, settingPath, into: &findings)
            checkDates(detail, settingPath, into: &findings)
            checkQuality(detail, settingPath, into: &findings)
        }
    }
}

extension RequestRecord {
    /// Calls `body` with each `PlanDetail` and then each `PlacementDetail` of the request.
    func forEachSetting(_ path: RequestPath, _ body: (SettingDetail, SettingPath) -> Void) {
        if let details = assessment?.namedPlan?.planDetails {
            for i in details.indices { body(details[i], SettingPath(request: path, kind: .plan, number: i + 1)) }
        }
        if let placements = activePlans?.placements {
            for i in placements.indices { body(placements[i], SettingPath(request: path, kind: .placement, number: i + 1)) }
        }
    }
}
