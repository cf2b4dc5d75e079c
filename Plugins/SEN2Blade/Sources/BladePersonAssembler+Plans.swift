import HubKit

// Modules 3 to 5: the assessment and its plan, and what is happening on an active plan.
extension BladePersonAssembler {
    /// Module 3: an `assessment` row.
    func assessment(_ row: BladeRecordRow, at path: BladePersonPath, fields: inout BladeFieldReader) -> AssessmentRecord {
        var assessment = AssessmentRecord()
        assessment.assessmentOutcome = fields.code("AssessmentOutcome", in: row)
        assessment.assessmentOutcomeDate = fields.day("AssessmentOutcomeDate", in: row, at: path)
        assessment.assessmentMediation = fields.flag("AssessmentMediation", in: row, at: path)
        assessment.assessmentTribunal = fields.flag("AssessmentTribunal", in: row, at: path)
        assessment.otherMediation = fields.flag("OtherMediation", in: row, at: path)
        assessment.otherTribunal = fields.flag("OtherTribunal", in: row, at: path)
        assessment.week20 = fields.flag("Week20", in: row, at: path)
        var planPath = path
        planPath.inNamedPlan = true
        assessment.namedPlan = onlyChild(.namedPlan, of: row, at: planPath, fields: &fields).map {
            namedPlan($0, at: planPath, fields: &fields)
        }
        return assessment
    }

    /// Module 4: a `namedplan` row with its `plandetail` rows.
    func namedPlan(_ row: BladeRecordRow, at path: BladePersonPath, fields: inout BladeFieldReader) -> NamedPlanRecord {
        var plan = NamedPlanRecord()
        plan.startDate = fields.day("StartDate", in: row, at: path)
        for (number, detail) in children(.planDetail, of: row).enumerated() {
            var detailPath = path
            detailPath.detail = .planDetail
            detailPath.detailIndex = number + 1
            plan.planDetails.append(setting(detail, at: detailPath, fields: &fields))
        }
        plan.planRes = fields.code("PlanRes", in: row)
        plan.planWBP = fields.code("PlanWBP", in: row)
        plan.personalBudget = fields.flag("PB", in: row, at: path)
        plan.otherArrangements = fields.flag("OA", in: row, at: path)
        plan.directPayments = fields.code("DP", in: row)
        plan.ceaseDate = fields.day("CeaseDate", in: row, at: path)
        plan.ceaseReason = fields.code("CeaseReason", in: row)
        return plan
    }

    /// Module 5: an `activeplans` row with its `placementdetail` and `senneed` rows. In 2023 `res`
    /// and `wbp` are columns here; from 2024 they are on each placement.
    func activePlans(_ row: BladeRecordRow, at path: BladePersonPath, fields: inout BladeFieldReader) -> ActivePlansRecord {
        var plans = ActivePlansRecord()
        plans.transferLA = fields.code("TransferLA", in: row)
        for (number, placement) in children(.placementDetail, of: row).enumerated() {
            var detailPath = path
            detailPath.detail = .placementDetail
            detailPath.detailIndex = number + 1
            plans.placements.append(setting(placement, at: detailPath, fields: &fields))
        }
        plans.res = fields.code("Res", in: row)
        plans.wbp = fields.code("WBP", in: row)
        for (number, needRow) in children(.senNeed, of: row).enumerated() {
            var needPath = path
            needPath.detail = .senNeed
            needPath.detailIndex = number + 1
            plans.needs.append(SENNeedRecord(senType: fields.code("SENtype", in: needRow),
                                             senTypeRank: fields.integer("SENtypeRank", in: needRow, at: needPath)))
        }
        plans.reviewMeeting = fields.day("ReviewMeeting", in: row, at: path)
        plans.lastReview = fields.day("LastReview", in: row, at: path)
        plans.reviewOutcome = fields.code("ReviewOutcome", in: row)
        plans.reviewDraft = fields.day("ReviewDraft", in: row, at: path)
        plans.phaseTransferDueDate = fields.day("PhaseTransferDueDate", in: row, at: path)
        plans.phaseTransferFinalDate = fields.day("PhaseTransferFinalDate", in: row, at: path)
        return plans
    }

    /// A `plandetail` row (a setting named in the plan) or a `placementdetail` row (a setting
    /// attended; only these have dates and, from 2024, `res`/`wbp`). `sensettingother` is free
    /// text that may identify a child: only whether it was given is kept.
    func setting(_ row: BladeRecordRow, at path: BladePersonPath, fields: inout BladeFieldReader) -> SettingDetail {
        var detail = SettingDetail()
        detail.urn = fields.string("URN", in: row)
        detail.ukprn = fields.string("UKPRN", in: row)
        detail.senSetting = fields.code("SENSetting", in: row)
        detail.hasSettingOtherText = row.text("SENSettingOther") != nil
        detail.placementRank = fields.integer("PlacementRank", in: row, at: path)
        detail.senUnitIndicator = fields.flag("SENunitIndicator", in: row, at: path)
        detail.resourcedProvisionIndicator = fields.flag("ResourcedProvisionIndicator", in: row, at: path)
        guard row.table.kind == .placementDetail else { return detail }
        detail.entryDate = fields.day("EntryDate", in: row, at: path)
        detail.leavingDate = fields.day("LeavingDate", in: row, at: path)
        detail.res = fields.code("Res", in: row)
        detail.wbp = fields.code("WBP", in: row)
        return detail
    }
}
