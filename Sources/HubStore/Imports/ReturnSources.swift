import HubKit

/// What SEN2 returns say about their source (table `return_sources`, schema V7): SourceLevel and
/// the LA's designated officers, a published measure of which LAs have them in post.
package struct ReturnSources {
    package let database: Database
    package init(database: Database) { self.database = database }

    /// The designated officers of each import that recorded them, by import id. Imports made
    /// before schema V7 have none until they are re-processed.
    package func designatedOfficers() throws -> [Int64: DesignatedOfficers] {
        var officers: [Int64: DesignatedOfficers] = [:]
        for row in try database.rows("""
            SELECT import_id, designated_medical_officer, designated_clinical_officer, designated_social_care_officer
            FROM return_sources
            """) {
            guard case let .integer(id) = row[0] else { continue }
            officers[id] = DesignatedOfficers(medical: row[1].string, clinical: row[2].string, socialCare: row[3].string)
        }
        return officers
    }
}

extension DesignatedOfficers {
    /// `DMO Y, DCO N, DSCO R` (officers not stated left out); empty when none is stated.
    package var summary: String {
        [("DMO", medical), ("DCO", clinical), ("DSCO", socialCare)].compactMap { name, value in
            value.map { "\(name) \($0)" }
        }.joined(separator: ", ")
    }
}
