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
        let first = try FirstIDs(self)
        var counts = (requests: 0, assessments: 0, plans: 0, details: 0, active: 0, placements: 0, needs: 0)
        for entry in batch {
            for request in entry.person.requests {
                counts.requests += 1
                if let assessment = request.assessment {
                    counts.assessments += 1
                    if let plan = assessment.namedPlan {
                        counts.plans += 1
                        counts.details += plan.planDetails.count
                    }
                }
                if let active = request.activePlans {
                    counts.active += 1
                    counts.placements += active.placements.count
                    counts.needs += active.needs.count
                }
            }
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
        try expectIDs(persons, from: first.person, count: batch.count)

        // Each module below walks the batch in person order, counting its parents' ids as it goes.
        var rows = requests.rows(count: counts.requests)
        for (offset, entry) in batch.enumerated() {
            let personID = first.person + Int64(offset)
            for request in entry.person.requests {
                try rows.add { row in
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
            }
        }
        rows.finish()
        try expectIDs(requests, from: first.request, count: counts.requests)

        rows = assessments.rows(count: counts.assessments)
        var requestID = first.request
        for entry in batch {
            for request in entry.person.requests {
                defer { requestID += 1 }
                guard let assessment = request.assessment else { continue }
                try rows.add { row in
                    row.bind(requestID)
                    row.bind(assessment.assessmentOutcome)
                    row.bind(assessment.assessmentOutcomeDate)
                    row.bind(assessment.assessmentMediation)
                    row.bind(assessment.assessmentTribunal)
                    row.bind(assessment.otherMediation)
                    row.bind(assessment.otherTribunal)
                    row.bind(assessment.week20)
                }
            }
        }
        rows.finish()
        try expectIDs(assessments, from: first.assessment, count: counts.assessments)

        rows = namedPlans.rows(count: counts.plans)
        var assessmentID = first.assessment
        for entry in batch {
            for request in entry.person.requests {
                guard let assessment = request.assessment else { continue }
                defer { assessmentID += 1 }
                guard let plan = assessment.namedPlan else { continue }
                try rows.add { row in
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
            }
        }
        rows.finish()
        try expectIDs(namedPlans, from: first.plan, count: counts.plans)

        rows = planDetails.rows(count: counts.details)
        var planID = first.plan
        for entry in batch {
            for request in entry.person.requests {
                guard let plan = request.assessment?.namedPlan else { continue }
                defer { planID += 1 }
                for detail in plan.planDetails {
                    try rows.add { row in
                        row.bind(planID)
                        row.bind(detail.urn)
                        row.bind(detail.ukprn)
                        row.bind(detail.senSetting)
                        row.bind(detail.hasSettingOtherText)
                        row.bind(detail.placementRank)
                        row.bind(detail.senUnitIndicator)
                        row.bind(detail.resourcedProvisionIndicator)
                    }
                }
            }
        }
        rows.finish()

        rows = activePlans.rows(count: counts.active)
        requestID = first.request
        for entry in batch {
            for request in entry.person.requests {
                defer { requestID += 1 }
                guard let active = request.activePlans else { continue }
                try rows.add { row in
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
            }
        }
        rows.finish()
        try expectIDs(activePlans, from: first.active, count: counts.active)

        rows = placements.rows(count: counts.placements)
        var needRows = needs.rows(count: counts.needs)
        var activeID = first.active
        for entry in batch {
            for request in entry.person.requests {
                guard let active = request.activePlans else { continue }
                defer { activeID += 1 }
                for placement in active.placements {
                    try rows.add { row in
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
                }
                // Needs and placements both hang off the active plan, so one walk adds both: their
                // statements run in turn as each fills.
                for need in active.needs {
                    try needRows.add { row in
                        row.bind(activeID)
                        row.bind(need.senType)
                        row.bind(need.senTypeRank)
                    }
                }
            }
        }
        rows.finish()
        needRows.finish()
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
