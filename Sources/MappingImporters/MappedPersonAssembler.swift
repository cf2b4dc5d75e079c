import HubKit

/// Turns one person's mapped values into the SDK's normalised ``PersonRecord``, the shape the SEN2
/// XML importer produces: a request for each of the person's request groups (one unless the
/// mapping has a `request_key`), with an assessment, a plan and active plans when the export gives
/// any of their values. A module exists when a column gives it a value (or a module below
/// it exists); constants (`value:`) then fill the modules that exist, never create one.
struct MappedPersonAssembler {
    let mapping: MappingDefinition
    let fileName: String
    /// Constants and defaults by element, parsed once.
    let fallbacks: [MappingTarget: Fallback]

    /// What an element takes when its column gives nothing (or it has no column): a constant or a
    /// default, applied only when its `when:` tests hold.
    struct Fallback {
        var value: FieldValue
        var conditions: [FieldCondition]
        /// A default (`default:`, for an empty cell) rather than a constant (`value:`).
        var isDefault: Bool
    }

    init(mapping: MappingDefinition, fileName: String) {
        self.mapping = mapping
        self.fileName = fileName
        var fallbacks: [MappingTarget: Fallback] = [:]
        for field in mapping.fields {
            let text: String
            switch field.source {
            case .constant(let constant): text = constant
            case .column:
                guard let given = field.defaultValue else { continue }
                text = given
            }
            guard case let .success(value?) = FieldValueReader.parse(text, kind: field.target.kind, formats: mapping.dateFormats,
                                                                     table: nil) else { continue }
            fallbacks[field.target] = Fallback(value: value, conditions: field.conditions, isDefault: field.defaultValue != nil)
        }
        self.fallbacks = fallbacks
    }

    func person(_ mapped: MappedRows.Person) -> PersonRecord {
        let values = Values(values: mapped.values, fallbacks: fallbacks)
        var person = PersonRecord(location: RecordLocation(index: mapped.index, line: mapped.firstRow, file: fileName))
        person.identifiers = PersonIdentifiers(upn: values.text(.person, "UPN"),
                                               uniqueLearnerNumber: values.text(.person, "UniqueLearnerNumber"),
                                               surname: values.text(.person, "Surname"), forename: values.text(.person, "Forename"))
        person.birthDate = values.day(.person, "PersonBirthDate")
        person.sex = values.text(.person, "Sex")
        person.ethnicity = values.text(.person, "Ethnicity")
        person.postcode = values.text(.person, "PostCode")
        person.upnUnknown = values.text(.person, "UPNunknown")
        person.requests = mapped.requests.compactMap { request in
            // The request's modules read the request's values; the person's are in another module.
            self.request(request, Values(values: request.values, fallbacks: fallbacks))
        }
        return person
    }

    // MARK: - Modules

    private func request(_ mapped: MappedRows.Request, _ values: Values) -> RequestRecord? {
        let assessment = self.assessment(mapped, values)
        let active = activePlans(mapped, values)
        guard mapped.filled.contains(.request) || assessment != nil || active != nil else { return nil }
        return RequestRecord(receivedDate: values.day(.request, "ReceivedDate"), requestSource: values.text(.request, "RequestSource"),
                             rya: values.flag(.request, "RYA"), requestOutcomeDate: values.day(.request, "RequestOutcomeDate"),
                             requestOutcome: values.text(.request, "RequestOutcome"),
                             requestMediation: values.flag(.request, "RequestMediation"),
                             requestTribunal: values.flag(.request, "RequestTribunal"), exported: values.text(.request, "Exported"),
                             assessment: assessment, activePlans: active)
    }

    private func assessment(_ mapped: MappedRows.Request, _ values: Values) -> AssessmentRecord? {
        let plan = self.plan(mapped, values)
        guard mapped.filled.contains(.assessment) || plan != nil else { return nil }
        return AssessmentRecord(assessmentOutcome: values.text(.assessment, "AssessmentOutcome"),
                                assessmentOutcomeDate: values.day(.assessment, "AssessmentOutcomeDate"),
                                assessmentMediation: values.flag(.assessment, "AssessmentMediation"),
                                assessmentTribunal: values.flag(.assessment, "AssessmentTribunal"),
                                otherMediation: values.flag(.assessment, "OtherMediation"),
                                otherTribunal: values.flag(.assessment, "OtherTribunal"),
                                week20: values.flag(.assessment, "Week20"), namedPlan: plan)
    }

    private func plan(_ mapped: MappedRows.Request, _ values: Values) -> NamedPlanRecord? {
        let details = (1...2).filter { mapped.filled.contains(.planDetail($0)) }.map { setting(.planDetail($0), values) }
        guard mapped.filled.contains(.plan) || !details.isEmpty else { return nil }
        return NamedPlanRecord(startDate: values.day(.plan, "StartDate"), planDetails: details, planRes: values.text(.plan, "PlanRes"),
                               planWBP: values.text(.plan, "PlanWBP"), personalBudget: values.flag(.plan, "PB"),
                               otherArrangements: values.flag(.plan, "OA"), directPayments: values.text(.plan, "DP"),
                               ceaseDate: values.day(.plan, "CeaseDate"), ceaseReason: values.text(.plan, "CeaseReason"))
    }

    private func activePlans(_ mapped: MappedRows.Request, _ values: Values) -> ActivePlansRecord? {
        let needs = (1...2).filter { mapped.filled.contains(.need($0)) }.map {
            SENNeedRecord(senType: values.text(.need($0), "SENtype"), senTypeRank: values.integer(.need($0), "SENtypeRank"))
        }
        let placements = mapped.placements.map { slotValues in
            let module = slotValues.keys.first!.module
            return setting(module, Values(values: slotValues, fallbacks: fallbacks))
        }
        guard mapped.filled.contains(.activePlans) || !needs.isEmpty || !placements.isEmpty else { return nil }
        return ActivePlansRecord(transferLA: values.text(.activePlans, "TransferLA"), placements: placements,
                                 res: values.text(.activePlans, "Res"), wbp: values.text(.activePlans, "WBP"), needs: needs,
                                 reviewMeeting: values.day(.activePlans, "ReviewMeeting"),
                                 lastReview: values.day(.activePlans, "LastReview"),
                                 reviewOutcome: values.text(.activePlans, "ReviewOutcome"),
                                 reviewDraft: values.day(.activePlans, "ReviewDraft"),
                                 phaseTransferDueDate: values.day(.activePlans, "PhaseTransferDueDate"),
                                 phaseTransferFinalDate: values.day(.activePlans, "PhaseTransferFinalDate"))
    }

    /// A plan detail or a placement. `SENSettingOther` is free text that may identify a child:
    /// only whether it was given is kept.
    private func setting(_ module: MappingModule, _ values: Values) -> SettingDetail {
        var detail = SettingDetail(urn: values.text(module, "URN"), ukprn: values.text(module, "UKPRN"),
                                   senSetting: values.text(module, "SENSetting"),
                                   hasSettingOtherText: values.text(module, "SENSettingOther") != nil,
                                   placementRank: values.integer(module, "PlacementRank"),
                                   senUnitIndicator: values.flag(module, "SENunitIndicator"),
                                   resourcedProvisionIndicator: values.flag(module, "ResourcedProvisionIndicator"))
        if case .placement = module {
            detail.entryDate = values.day(module, "EntryDate")
            detail.leavingDate = values.day(module, "LeavingDate")
            detail.res = values.text(module, "Res")
            detail.wbp = values.text(module, "WBP")
        }
        return detail
    }

    /// Values read from columns, falling back on the mapping's constants and defaults.
    private struct Values {
        let values: [MappingTarget: FieldValue]
        let fallbacks: [MappingTarget: Fallback]

        func value(_ module: MappingModule, _ element: String) -> FieldValue? {
            let target = MappingTarget(module: module, element: element)
            if let value = values[target] { return value }
            guard let fallback = fallbacks[target] else { return nil }
            // A test sees the columns and the unconditional constants, never another default.
            let holds = fallback.conditions.allSatisfy { condition in
                let other = MappingTarget(module: module, element: condition.element)
                let seen = values[other] ?? fallbacks[other].flatMap { !$0.isDefault && $0.conditions.isEmpty ? $0.value : nil }
                return condition.holds(for: seen)
            }
            return holds ? fallback.value : nil
        }

        func text(_ module: MappingModule, _ element: String) -> String? { value(module, element)?.text }
        func flag(_ module: MappingModule, _ element: String) -> Bool? { value(module, element)?.flag }
        func day(_ module: MappingModule, _ element: String) -> Day? { value(module, element)?.day }
        func integer(_ module: MappingModule, _ element: String) -> Int? { value(module, element)?.integer }
    }
}
