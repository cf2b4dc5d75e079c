import HubKit
import Pseudonymisation

/// Writes persons and their SEN2 modules into the normalised tables. Identifiers in
/// `PersonRecord.identifiers` are never read here.
///
/// A batch of persons is written table by table, parents before children, each table with
/// multi-row inserts (`BatchInsert`). SQLite gives a table's new rows the ids after its largest;
/// the writer reads that at the start of the batch, so it knows each row's id before inserting it
/// and gives its children their parent's id (and checks afterwards that the ids were those). Rows
/// go in person order, so the ids are the ones row-by-row inserts would have got.
public final class PersonWriter {
    private let database: Database
    private let importID: Int64
    private let persons, requests, assessments, namedPlans, planDetails, activePlans, placements, needs: BatchInsert

    public init(database: Database, importID: Int64) throws {
        self.database = database
        self.importID = importID
        func table(_ name: String, _ columns: String) -> BatchInsert {
            BatchInsert(database: database, table: name,
                        columns: columns.split(separator: ",").map { String($0.filter { !$0.isWhitespace }) })
        }
        persons = table("persons", """
            import_id, person_index, pseudonym, key_kind, birth_month, sex, ethnicity, postcode_district, upn_unknown
            """)
        requests = table("requests", """
            person_id, received_date, request_source, rya, request_outcome_date, request_outcome, request_mediation,
            request_tribunal, exported
            """)
        assessments = table("assessments", """
            request_id, assessment_outcome, assessment_outcome_date, assessment_mediation, assessment_tribunal,
            other_mediation, other_tribunal, week20
            """)
        namedPlans = table("named_plans", """
            assessment_id, start_date, plan_res, plan_wbp, personal_budget, other_arrangements, direct_payments,
            cease_date, cease_reason
            """)
        planDetails = table("plan_details", """
            named_plan_id, urn, ukprn, sen_setting, has_setting_other_text, placement_rank, sen_unit,
            resourced_provision
            """)
        activePlans = table("active_plans", """
            request_id, transfer_la, res, wbp, review_meeting, last_review, review_outcome, review_draft,
            phase_transfer_due_date, phase_transfer_final_date
            """)
        placements = table("placements", """
            active_plans_id, urn, ukprn, sen_setting, has_setting_other_text, placement_rank, entry_date,
            leaving_date, sen_unit, resourced_provision, res, wbp
            """)
        needs = table("sen_needs", "active_plans_id, sen_type, sen_type_rank")
    }

    /// Writes one person with everything below it.
    public func write(_ person: PersonRecord, identity: PseudonymisedIdentity) throws {
        try write([(person, identity)])
    }

    /// Writes persons with everything below them, in order.
    public func write(_ batch: [(person: PersonRecord, identity: PseudonymisedIdentity)]) throws {
        guard !batch.isEmpty else { return }
        // Each module's rows with the id of the row they belong to, in person order.
        var requestRows: [(parent: Int64, request: RequestRecord)] = []
        var assessmentRows: [(parent: Int64, assessment: AssessmentRecord)] = []
        var planRows: [(parent: Int64, plan: NamedPlanRecord)] = []
        var detailRows: [(parent: Int64, detail: SettingDetail)] = []
        var activeRows: [(parent: Int64, active: ActivePlansRecord)] = []
        var placementRows: [(parent: Int64, placement: SettingDetail)] = []
        var needRows: [(parent: Int64, need: SENNeedRecord)] = []
        requestRows.reserveCapacity(batch.count)

        let firstPerson = try nextID(persons), firstRequest = try nextID(requests)
        let firstAssessment = try nextID(assessments), firstPlan = try nextID(namedPlans)
        let firstDetail = try nextID(planDetails), firstActive = try nextID(activePlans)
        let firstPlacement = try nextID(placements), firstNeed = try nextID(needs)
        for (offset, entry) in batch.enumerated() {
            for request in entry.person.requests { requestRows.append((firstPerson + Int64(offset), request)) }
        }
        var nextAssessment = firstAssessment, nextActive = firstActive
        for (offset, row) in requestRows.enumerated() {
            let requestID = firstRequest + Int64(offset)
            if let assessment = row.request.assessment {
                assessmentRows.append((requestID, assessment))
                if let plan = assessment.namedPlan { planRows.append((nextAssessment, plan)) }
                nextAssessment += 1
            }
            if let active = row.request.activePlans {
                activeRows.append((requestID, active))
                for placement in active.placements { placementRows.append((nextActive, placement)) }
                for need in active.needs { needRows.append((nextActive, need)) }
                nextActive += 1
            }
        }
        for (offset, row) in planRows.enumerated() {
            for detail in row.plan.planDetails { detailRows.append((firstPlan + Int64(offset), detail)) }
        }

        let importID = importID
        try persons.insert(count: batch.count) { row, i in
            let (person, identity) = batch[i]
            row.bind(importID)
            row.bind(person.location.index)
            row.bind(identity.pseudonym)
            row.bind(identity.keyKind)
            row.bind(identity.birthMonth)
            row.bind(person.sex)
            row.bind(person.ethnicity)
            row.bind(identity.postcodeDistrict)
            row.bind(person.upnUnknown)
        }
        try expectIDs(persons, from: firstPerson, count: batch.count)
        try requests.insert(count: requestRows.count) { row, i in
            let (personID, request) = requestRows[i]
            row.bind(personID)
            row.bind(request.receivedDate)
            row.bind(request.requestSource)
            row.bind(request.rya)
            row.bind(request.requestOutcomeDate)
            row.bind(request.requestOutcome)
            row.bind(request.requestMediation)
            row.bind(request.requestTribunal)
            row.bind(request.exported)
        }
        try expectIDs(requests, from: firstRequest, count: requestRows.count)
        try assessments.insert(count: assessmentRows.count) { row, i in
            let (requestID, assessment) = assessmentRows[i]
            row.bind(requestID)
            row.bind(assessment.assessmentOutcome)
            row.bind(assessment.assessmentOutcomeDate)
            row.bind(assessment.assessmentMediation)
            row.bind(assessment.assessmentTribunal)
            row.bind(assessment.otherMediation)
            row.bind(assessment.otherTribunal)
            row.bind(assessment.week20)
        }
        try expectIDs(assessments, from: firstAssessment, count: assessmentRows.count)
        try namedPlans.insert(count: planRows.count) { row, i in
            let (assessmentID, plan) = planRows[i]
            row.bind(assessmentID)
            row.bind(plan.startDate)
            row.bind(plan.planRes)
            row.bind(plan.planWBP)
            row.bind(plan.personalBudget)
            row.bind(plan.otherArrangements)
            row.bind(plan.directPayments)
            row.bind(plan.ceaseDate)
            row.bind(plan.ceaseReason)
        }
        try expectIDs(namedPlans, from: firstPlan, count: planRows.count)
        try planDetails.insert(count: detailRows.count) { row, i in
            let (planID, detail) = detailRows[i]
            row.bind(planID)
            row.bind(detail.urn)
            row.bind(detail.ukprn)
            row.bind(detail.senSetting)
            row.bind(detail.hasSettingOtherText)
            row.bind(detail.placementRank)
            row.bind(detail.senUnitIndicator)
            row.bind(detail.resourcedProvisionIndicator)
        }
        try expectIDs(planDetails, from: firstDetail, count: detailRows.count)
        try activePlans.insert(count: activeRows.count) { row, i in
            let (requestID, active) = activeRows[i]
            row.bind(requestID)
            row.bind(active.transferLA)
            row.bind(active.res)
            row.bind(active.wbp)
            row.bind(active.reviewMeeting)
            row.bind(active.lastReview)
            row.bind(active.reviewOutcome)
            row.bind(active.reviewDraft)
            row.bind(active.phaseTransferDueDate)
            row.bind(active.phaseTransferFinalDate)
        }
        try expectIDs(activePlans, from: firstActive, count: activeRows.count)
        try placements.insert(count: placementRows.count) { row, i in
            let (activeID, placement) = placementRows[i]
            row.bind(activeID)
            row.bind(placement.urn)
            row.bind(placement.ukprn)
            row.bind(placement.senSetting)
            row.bind(placement.hasSettingOtherText)
            row.bind(placement.placementRank)
            row.bind(placement.entryDate)
            row.bind(placement.leavingDate)
            row.bind(placement.senUnitIndicator)
            row.bind(placement.resourcedProvisionIndicator)
            row.bind(placement.res)
            row.bind(placement.wbp)
        }
        try expectIDs(placements, from: firstPlacement, count: placementRows.count)
        try needs.insert(count: needRows.count) { row, i in
            let (activeID, need) = needRows[i]
            row.bind(activeID)
            row.bind(need.senType)
            row.bind(need.senTypeRank)
        }
        try expectIDs(needs, from: firstNeed, count: needRows.count)
    }

    /// Checks that the rows just inserted got the ids their children were given.
    private func expectIDs(_ table: BatchInsert, from first: Int64, count: Int) throws {
        guard count > 0 else { return }
        let last = database.lastInsertedRowID
        guard last == first + Int64(count) - 1 else {
            throw DatabaseError(code: 0, message: "\(table.table): rows got ids up to \(last), not \(first)...\(first + Int64(count) - 1)",
                                sql: nil)
        }
    }

    /// The id the next row of `table` gets: one past the largest (as SQLite itself would choose).
    private func nextID(_ table: BatchInsert) throws -> Int64 {
        let statement = try nextIDStatements[table.table] ?? {
            let statement = try database.prepare("SELECT coalesce(max(id), 0) + 1 FROM \(table.table)")
            nextIDStatements[table.table] = statement
            return statement
        }()
        defer { statement.reset() }
        guard try statement.step(), case let .integer(id) = statement.value(0) else {
            throw DatabaseError(code: 0, message: "no next id for \(table.table)", sql: statement.sql)
        }
        return id
    }

    private var nextIDStatements: [String: Statement] = [:]
}
