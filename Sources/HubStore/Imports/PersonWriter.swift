import HubKit
import Pseudonymisation

/// Writes persons and their SEN2 modules into the normalised tables with prepared statements kept
/// for the whole import. Identifiers in `PersonRecord.identifiers` are never read here.
public final class PersonWriter {
    private let insertPerson, insertRequest, insertAssessment, insertPlan, insertPlanDetail,
                insertActivePlans, insertPlacement, insertNeed: Statement
    private let importID: Int64

    public init(database: Database, importID: Int64) throws {
        self.importID = importID
        insertPerson = try database.prepare("""
            INSERT INTO persons (import_id, person_index, pseudonym, key_kind, birth_month, sex, ethnicity,
                postcode_district, upn_unknown) VALUES (?,?,?,?,?,?,?,?,?)
            """)
        insertRequest = try database.prepare("""
            INSERT INTO requests (person_id, received_date, request_source, rya, request_outcome_date,
                request_outcome, request_mediation, request_tribunal, exported) VALUES (?,?,?,?,?,?,?,?,?)
            """)
        insertAssessment = try database.prepare("""
            INSERT INTO assessments (request_id, assessment_outcome, assessment_outcome_date, assessment_mediation,
                assessment_tribunal, other_mediation, other_tribunal, week20) VALUES (?,?,?,?,?,?,?,?)
            """)
        insertPlan = try database.prepare("""
            INSERT INTO named_plans (assessment_id, start_date, plan_res, plan_wbp, personal_budget,
                other_arrangements, direct_payments, cease_date, cease_reason) VALUES (?,?,?,?,?,?,?,?,?)
            """)
        insertPlanDetail = try database.prepare("""
            INSERT INTO plan_details (named_plan_id, urn, ukprn, sen_setting, has_setting_other_text,
                placement_rank, sen_unit, resourced_provision) VALUES (?,?,?,?,?,?,?,?)
            """)
        insertActivePlans = try database.prepare("""
            INSERT INTO active_plans (request_id, transfer_la, res, wbp, review_meeting, last_review,
                review_outcome, review_draft, phase_transfer_due_date, phase_transfer_final_date)
            VALUES (?,?,?,?,?,?,?,?,?,?)
            """)
        insertPlacement = try database.prepare("""
            INSERT INTO placements (active_plans_id, urn, ukprn, sen_setting, has_setting_other_text,
                placement_rank, entry_date, leaving_date, sen_unit, resourced_provision, res, wbp)
            VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
            """)
        insertNeed = try database.prepare(
            "INSERT INTO sen_needs (active_plans_id, sen_type, sen_type_rank) VALUES (?,?,?)")
    }

    /// Writes one person with everything below it.
    public func write(_ person: PersonRecord, identity: PseudonymisedIdentity) throws {
        let s = insertPerson
        s.bind(importID, at: 1)
        s.bind(person.location.index, at: 2)
        s.bind(identity.pseudonym, at: 3)
        s.bind(identity.keyKind, at: 4)
        s.bind(identity.birthMonth, at: 5)
        s.bind(person.sex, at: 6)
        s.bind(person.ethnicity, at: 7)
        s.bind(identity.postcodeDistrict, at: 8)
        s.bind(person.upnUnknown, at: 9)
        let personID = try s.insert()
        for request in person.requests { try write(request, personID: personID) }
    }

    private func write(_ request: RequestRecord, personID: Int64) throws {
        let s = insertRequest
        s.bind(personID, at: 1)
        s.bind(request.receivedDate, at: 2)
        s.bind(request.requestSource, at: 3)
        s.bind(request.rya, at: 4)
        s.bind(request.requestOutcomeDate, at: 5)
        s.bind(request.requestOutcome, at: 6)
        s.bind(request.requestMediation, at: 7)
        s.bind(request.requestTribunal, at: 8)
        s.bind(request.exported, at: 9)
        let requestID = try s.insert()
        if let assessment = request.assessment { try write(assessment, requestID: requestID) }
        if let active = request.activePlans { try write(active, requestID: requestID) }
    }

    private func write(_ assessment: AssessmentRecord, requestID: Int64) throws {
        let s = insertAssessment
        s.bind(requestID, at: 1)
        s.bind(assessment.assessmentOutcome, at: 2)
        s.bind(assessment.assessmentOutcomeDate, at: 3)
        s.bind(assessment.assessmentMediation, at: 4)
        s.bind(assessment.assessmentTribunal, at: 5)
        s.bind(assessment.otherMediation, at: 6)
        s.bind(assessment.otherTribunal, at: 7)
        s.bind(assessment.week20, at: 8)
        let assessmentID = try s.insert()
        guard let plan = assessment.namedPlan else { return }
        let p = insertPlan
        p.bind(assessmentID, at: 1)
        p.bind(plan.startDate, at: 2)
        p.bind(plan.planRes, at: 3)
        p.bind(plan.planWBP, at: 4)
        p.bind(plan.personalBudget, at: 5)
        p.bind(plan.otherArrangements, at: 6)
        p.bind(plan.directPayments, at: 7)
        p.bind(plan.ceaseDate, at: 8)
        p.bind(plan.ceaseReason, at: 9)
        let planID = try p.insert()
        for detail in plan.planDetails {
            let d = insertPlanDetail
            d.bind(planID, at: 1)
            d.bind(detail.urn, at: 2)
            d.bind(detail.ukprn, at: 3)
            d.bind(detail.senSetting, at: 4)
            d.bind(detail.hasSettingOtherText, at: 5)
            d.bind(detail.placementRank, at: 6)
            d.bind(detail.senUnitIndicator, at: 7)
            d.bind(detail.resourcedProvisionIndicator, at: 8)
            try d.insert()
        }
    }

    private func write(_ active: ActivePlansRecord, requestID: Int64) throws {
        let s = insertActivePlans
        s.bind(requestID, at: 1)
        s.bind(active.transferLA, at: 2)
        s.bind(active.res, at: 3)
        s.bind(active.wbp, at: 4)
        s.bind(active.reviewMeeting, at: 5)
        s.bind(active.lastReview, at: 6)
        s.bind(active.reviewOutcome, at: 7)
        s.bind(active.reviewDraft, at: 8)
        s.bind(active.phaseTransferDueDate, at: 9)
        s.bind(active.phaseTransferFinalDate, at: 10)
        let activeID = try s.insert()
        for placement in active.placements {
            let p = insertPlacement
            p.bind(activeID, at: 1)
            p.bind(placement.urn, at: 2)
            p.bind(placement.ukprn, at: 3)
            p.bind(placement.senSetting, at: 4)
            p.bind(placement.hasSettingOtherText, at: 5)
            p.bind(placement.placementRank, at: 6)
            p.bind(placement.entryDate, at: 7)
            p.bind(placement.leavingDate, at: 8)
            p.bind(placement.senUnitIndicator, at: 9)
            p.bind(placement.resourcedProvisionIndicator, at: 10)
            p.bind(placement.res, at: 11)
            p.bind(placement.wbp, at: 12)
            try p.insert()
        }
        for need in active.needs {
            let n = insertNeed
            n.bind(activeID, at: 1)
            n.bind(need.senType, at: 2)
            n.bind(need.senTypeRank, at: 3)
            try n.insert()
        }
    }
}
