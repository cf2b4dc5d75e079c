/// What validation stored for one import (`validation_issues`, `quarantine`): how often each rule
/// fired, where and why, and the persons held back.
package struct StoredFindings {
    /// One finding as stored: where it is (person, line, file, path) and why.
    package struct Finding: Sendable, Hashable {
        package var personIndex: Int?
        package var line: Int?
        /// The file as read at import (for a folder or an upload, with its folder).
        package var file: String?
        package var path: String?
        /// Masked when it came from an identifying field (done at import).
        package var value: String?
        package var message: String
    }

    /// A person held back from every indicator, with the rules that did it.
    package struct QuarantinedPerson: Sendable, Hashable {
        package var personIndex: Int
        package var line: Int?
        package var rules: [String]
    }

    package let database: Database
    package init(database: Database) { self.database = database }

    /// How often each rule fired in import `importID`: errors before warnings, then the most
    /// frequent first, then by rule.
    package func ruleCounts(importID: Int64) throws -> [FindingCount] {
        try database.rows("""
            SELECT rule_id, severity, count(*) FROM validation_issues WHERE import_id = ?
            GROUP BY rule_id, severity ORDER BY severity, count(*) DESC, rule_id
            """, [.integer(importID)]).map {
            FindingCount(rule: $0[0].string ?? "", severity: $0[1].string ?? "", count: $0[2].int ?? 0)
        }
    }

    /// The findings of `rule` in import `importID` in file order, the first `limit` (nil: all).
    package func findings(importID: Int64, rule: String, limit: Int? = nil) throws -> [Finding] {
        let limitClause = limit.map { " LIMIT \($0)" } ?? ""
        return try database.rows("""
            SELECT person_index, line, file, path, value, message FROM validation_issues
            WHERE import_id = ? AND rule_id = ? ORDER BY id\(limitClause)
            """, [.integer(importID), .text(rule)]).map { f in
            Finding(personIndex: f[0].int, line: f[1].int, file: f[2].string, path: f[3].string, value: f[4].string,
                    message: f[5].string ?? "")
        }
    }

    /// The persons of import `importID` held back, by their position in the return.
    package func quarantined(importID: Int64) throws -> [QuarantinedPerson] {
        try database.rows(
            "SELECT person_index, line, rules FROM quarantine WHERE import_id = ? ORDER BY person_index", [.integer(importID)]
        ).map {
            QuarantinedPerson(personIndex: $0[0].int ?? 0, line: $0[1].int,
                              rules: ($0[2].string ?? "").split(separator: ",").map(String.init))
        }
    }
}
