import Foundation
import HubKit

/// The summary of one SEN2 return kept next to its module rows (schema V4): counted person by
/// person while the return is imported, written once at its end in the import's transaction.
/// Metric plugins read it instead of walking every person's modules.
package struct ReturnSummary: Sendable {
    package private(set) var census: CensusTally
    package private(set) var work: WorkTally
    /// The header's SourceLevel and designated officers (table `return_sources`).
    package let header: ReturnHeader
    /// True once a person counted here was taken out of the store again (the first holder of a
    /// repeated UPN, quarantined when the second turned up): the counts are then made from the
    /// stored rows instead, by the same rules (`SchemaV4.backfill`, `SchemaV8.censusBackfill`).
    package private(set) var countsFromStore = false

    package init(header: ReturnHeader) {
        self.header = header
        census = CensusTally(censusDate: header.referenceDate)
        work = WorkTally(collectionYear: header.collectionYear)
    }

    /// Makes `write` count from the stored rows: a person counted here has left the store.
    package mutating func recountFromStore() {
        countsFromStore = true
    }

    /// Counts a person that is stored (quarantined persons are not). `birthMonth` is the month the
    /// store keeps for them.
    package mutating func add(_ person: PersonRecord, birthMonth: String?) {
        census.add(person, birthMonth: birthMonth)
        work.add(person)
    }

    /// Writes the summary rows of import `importID`.
    package func write(to database: Database, importID: Int64) throws {
        let officers = header.designatedOfficers
        try database.execute("""
            INSERT INTO return_sources (import_id, source_level, designated_medical_officer, designated_clinical_officer,
                                        designated_social_care_officer) VALUES (?,?,?,?,?)
            """, [.integer(importID), text(header.sourceLevel), text(officers.medical), text(officers.clinical),
                  text(officers.socialCare)])
        guard !countsFromStore else { return try ReturnSummaries.recount(importID: importID, in: database) }
        try database.execute("INSERT INTO return_summaries (import_id, census_children) VALUES (?, ?)",
                             [.integer(importID), .integer(Int64(census.children))])
        let placement = try database.prepare("""
            INSERT INTO census_placements (import_id, attended, urn, ukprn, sen_setting, children) VALUES (?,?,?,?,?,?)
            """)
        for (key, children) in census.placements {
            placement.bind(importID, at: 1)
            placement.bind(key.attended, at: 2)
            placement.bind(key.urn, at: 3)
            placement.bind(key.ukprn, at: 4)
            placement.bind(key.senSetting, at: 5)
            placement.bind(children, at: 6)
            try placement.run()
        }
        try insertCounts(census.needs, "INSERT INTO census_needs (import_id, primary_need, children) VALUES (?,?,?)",
                         database, importID)
        try insertCounts(census.birthMonths,
                         "INSERT INTO census_birth_months (import_id, birth_month, children) VALUES (?,?,?)", database, importID)
        let event = try database.prepare("""
            INSERT INTO work_events (import_id, event, outcome, days, week20, tribunal, events) VALUES (?,?,?,?,?,?,?)
            """)
        for (key, events) in work.events {
            event.bind(importID, at: 1)
            event.bind(key.event.rawValue, at: 2)
            event.bind(key.outcome, at: 3)
            event.bind(key.days, at: 4)
            event.bind(key.week20, at: 5)
            event.bind(key.tribunal, at: 6)
            event.bind(events, at: 7)
            try event.run()
        }
    }

    private func text(_ value: String?) -> SQLValue { value.map { .text($0) } ?? .null }

    private func insertCounts(_ counts: [String?: Int], _ sql: String, _ database: Database, _ importID: Int64) throws {
        let insert = try database.prepare(sql)
        for (value, children) in counts {
            insert.bind(importID, at: 1)
            insert.bind(value, at: 2)
            insert.bind(children, at: 3)
            try insert.run()
        }
    }
}

/// Rebuilds the summaries of every SEN2 return in a store from its module tables (what the V4
/// migration does for returns imported before it).
package enum ReturnSummaries {
    package static func rebuild(in database: Database) throws {
        try database.transaction {
            try database.execute("""
                DELETE FROM return_summaries; DELETE FROM census_placements; DELETE FROM census_needs;
                DELETE FROM census_birth_months; DELETE FROM work_events;
                """)
            try database.execute(SchemaV4.backfill)
            try database.execute("DELETE FROM census_placements; DELETE FROM census_needs; DELETE FROM census_birth_months;")
            try database.execute(SchemaV8.censusBackfill(importsWhere: "r.dataset = 'sen2-return'"))
        }
    }

    /// The children with a plan active at the census of one current return, as the import
    /// counted them.
    package struct CensusCount: Sendable, Hashable {
        package var laCode: String
        package var collectionYear: Int
        package var children: Double
    }

    /// Each current return's census count, in no set order.
    package static func censusCounts(in database: Database) throws -> [CensusCount] {
        try database.rows("""
            SELECT r.la_code, r.collection_year, s.census_children FROM current_returns r
            JOIN return_summaries s ON s.import_id = r.import_id
            """).compactMap { row in
            guard let la = row[0].string, let year = row[1].int, let children = row[2].double else { return nil }
            return CensusCount(laCode: la, collectionYear: year, children: children)
        }
    }

    /// Counts the summary rows of one return from its stored rows (inside the caller's transaction).
    static func recount(importID: Int64, in database: Database) throws {
        let one = "r.id = \(importID)"
        try database.execute(SchemaV4.backfill.replacingOccurrences(of: "r.dataset = 'sen2-return'", with: one))
        try database.execute("DELETE FROM census_placements WHERE import_id = \(importID); "
                             + "DELETE FROM census_needs WHERE import_id = \(importID); "
                             + "DELETE FROM census_birth_months WHERE import_id = \(importID);")
        try database.execute(SchemaV8.censusBackfill(importsWhere: one))
    }
}
