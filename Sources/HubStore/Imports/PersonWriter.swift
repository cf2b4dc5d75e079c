import HubKit
import Pseudonymisation

/// Writes persons and their SEN2 modules into the normalised tables. Identifiers in
/// `PersonRecord.identifiers` are never read here.
///
/// A batch of persons is written table by table, parents before children, each table with
/// multi-row inserts (`BatchInsert`). SQLite gives a table's new rows the ids after its largest;
/// the writer reads that at the start of the batch, so it knows each parent row's id before
/// inserting it and gives its children their parent's id (and checks afterwards that the parents
/// got those ids). Rows go in person order, so the ids are the ones row-by-row inserts would have
/// got.
package final class PersonWriter {
    private let database: Database
    private let importID: Int64
    private let persons, requests, assessments, namedPlans, planDetails, activePlans, placements, needs: BatchInsert

    package init(database: Database, importID: Int64) throws {
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

    /// Writes persons with everything below them, in order.
    package func write(_ batch: [PseudonymisedPerson]) throws {
        guard !batch.isEmpty else { return }
        let first = try FirstIDs(self)
        // Where each module's rows are, found in one walk. The records are read in place through
        // these positions (borrowed, never copied: a copy of a request retains every text in it).
        let tree = ModuleIndex(batch)

        let importID = importID
        try persons.insert(count: batch.count) { row, i in
            Self.bind(batch[i].person, batch[i].identity, importID: importID, &row)
        }
        try expectIDs(persons, from: first.person, count: batch.count)

        try requests.insert(count: tree.requests.count) { row, k in
            let at = tree.requests[k]
            Self.bind(batch[at.person].person.requests[at.request], personID: first.person + Int64(at.person), &row)
        }
        try expectIDs(requests, from: first.request, count: tree.requests.count)

        try assessments.insert(count: tree.assessed.count) { row, n in
            let k = tree.assessed[n], at = tree.requests[k]
            Self.bind(batch[at.person].person.requests[at.request].assessment!, requestID: first.request + Int64(k), &row)
        }
        try expectIDs(assessments, from: first.assessment, count: tree.assessed.count)

        try namedPlans.insert(count: tree.planned.count) { row, n in
            let (k, assessment) = tree.planned[n]
            let at = tree.requests[k]
            Self.bind(batch[at.person].person.requests[at.request].assessment!.namedPlan!,
                      assessmentID: first.assessment + Int64(assessment), &row)
        }
        try expectIDs(namedPlans, from: first.plan, count: tree.planned.count)

        var rows = planDetails.rows(count: tree.planDetails)
        for (n, (k, _)) in tree.planned.enumerated() {
            let at = tree.requests[k]
            let planID = first.plan + Int64(n)
            let details = batch[at.person].person.requests[at.request].assessment!.namedPlan!.planDetails
            for d in details.indices {
                try rows.add { row in Self.bind(details[d], namedPlanID: planID, &row) }
            }
        }
        rows.finish()

        try activePlans.insert(count: tree.active.count) { row, n in
            let k = tree.active[n], at = tree.requests[k]
            Self.bind(batch[at.person].person.requests[at.request].activePlans!, requestID: first.request + Int64(k), &row)
        }
        try expectIDs(activePlans, from: first.active, count: tree.active.count)

        rows = placements.rows(count: tree.placements)
        var needRows = needs.rows(count: tree.needs)
        for (n, k) in tree.active.enumerated() {
            let at = tree.requests[k]
            let activeID = first.active + Int64(n)
            // Needs and placements both hang off the active plan, so one walk adds both: their
            // statements run in turn as each fills.
            let placementList = batch[at.person].person.requests[at.request].activePlans!.placements
            for i in placementList.indices {
                try rows.add { row in Self.bind(placement: placementList[i], activePlansID: activeID, &row) }
            }
            let needList = batch[at.person].person.requests[at.request].activePlans!.needs
            for i in needList.indices {
                try needRows.add { row in
                    row.bind(activeID)
                    row.bind(needList[i].senType)
                    row.bind(needList[i].senTypeRank)
                }
            }
        }
        rows.finish()
        needRows.finish()
    }

    /// Positions of a batch's module records, in person order.
    private struct ModuleIndex {
        /// Every request: its person's index in the batch and its own in the person's requests.
        var requests: [(person: Int, request: Int)] = []
        /// Requests (indexes into `requests`) with an assessment.
        var assessed: [Int] = []
        /// Assessments with a named plan: the request, and the assessment's index in `assessed`.
        var planned: [(request: Int, assessment: Int)] = []
        /// Requests with active plans.
        var active: [Int] = []
        var planDetails = 0, placements = 0, needs = 0

        init(_ batch: [PseudonymisedPerson]) {
            requests.reserveCapacity(batch.count)
            assessed.reserveCapacity(batch.count)
            planned.reserveCapacity(batch.count)
            active.reserveCapacity(batch.count)
            for p in batch.indices {
                let personRequests = batch[p].person.requests
                for r in personRequests.indices {
                    let k = requests.count
                    requests.append((p, r))
                    if personRequests[r].assessment != nil {
                        if let details = personRequests[r].assessment!.namedPlan?.planDetails {
                            planned.append((k, assessed.count))
                            planDetails += details.count
                        }
                        assessed.append(k)
                    }
                    if personRequests[r].activePlans != nil {
                        active.append(k)
                        placements += personRequests[r].activePlans!.placements.count
                        needs += personRequests[r].activePlans!.needs.count
                    }
                }
            }
        }
    }

    // MARK: One row of each table, bound from the record in place

    private static func bind(_ person: borrowing PersonRecord, _ identity: borrowing PseudonymisedIdentity,
                             importID: Int64, _ row: inout RowBinder) {
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

    private static func bind(_ request: borrowing RequestRecord, personID: Int64, _ row: inout RowBinder) {
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

    private static func bind(_ assessment: borrowing AssessmentRecord, requestID: Int64, _ row: inout RowBinder) {
        row.bind(requestID)
        row.bind(assessment.assessmentOutcome)
        row.bind(assessment.assessmentOutcomeDate)
        row.bind(assessment.assessmentMediation)
        row.bind(assessment.assessmentTribunal)
        row.bind(assessment.otherMediation)
        row.bind(assessment.otherTribunal)
        row.bind(assessment.week20)
    }

    private static func bind(_ plan: borrowing NamedPlanRecord, assessmentID: Int64, _ row: inout RowBinder) {
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

    private static func bind(_ detail: borrowing SettingDetail, namedPlanID: Int64, _ row: inout RowBinder) {
        row.bind(namedPlanID)
        row.bind(detail.urn)
        row.bind(detail.ukprn)
        row.bind(detail.senSetting)
        row.bind(detail.hasSettingOtherText)
        row.bind(detail.placementRank)
        row.bind(detail.senUnitIndicator)
        row.bind(detail.resourcedProvisionIndicator)
    }

    private static func bind(_ active: borrowing ActivePlansRecord, requestID: Int64, _ row: inout RowBinder) {
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

    private static func bind(placement: borrowing SettingDetail, activePlansID: Int64, _ row: inout RowBinder) {
        row.bind(activePlansID)
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

    /// The next id of each table with children at the start of a batch (the leaves' ids are
    /// SQLite's business).
    private struct FirstIDs {
        let person, request, assessment, plan, active: Int64

        init(_ writer: PersonWriter) throws {
            person = try writer.nextID(writer.persons)
            request = try writer.nextID(writer.requests)
            assessment = try writer.nextID(writer.assessments)
            plan = try writer.nextID(writer.namedPlans)
            active = try writer.nextID(writer.activePlans)
        }
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
            let statement = try database.cached("SELECT coalesce(max(id), 0) + 1 FROM \(table.table)")
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

/// A person ready to store: the record, whose identifiers are never read by the store, and the
/// identity that replaces them. (A struct, not a tuple: a batch's records are read in place.)
package struct PseudonymisedPerson: Sendable {
    package var person: PersonRecord
    package var identity: PseudonymisedIdentity

    package init(_ person: PersonRecord, _ identity: PseudonymisedIdentity) {
        self.person = person
        self.identity = identity
    }
}
